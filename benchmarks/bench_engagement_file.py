"""Time and memory to import and export a large engagement file.

    python benchmarks/bench_engagement_file.py [--items 10000] [--stories 2000]

Builds a schema-valid engagement with the given number of data items (a tree three levels
deep, each leaf mapped) and stories (three acceptance criteria and two data items each),
then measures reading + checking, writing to a fresh SQLite database, and exporting back.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbook.db.store import open_store
from workbook.files.engagement_file import (
    read_engagement_file,
    write_checked_document,
    write_engagement_file,
)


def build(items: int, stories: int) -> dict[str, Any]:
    data_items: list[dict[str, Any]] = []
    for i in range(items):
        if i % 100 == 0:
            data_items.append({"id": f"d{i}", "name": f"Section {i}", "data_type": "group"})
            section = f"d{i}"
        elif i % 10 == 1:
            data_items.append(
                {
                    "id": f"d{i}",
                    "parent": section,
                    "name": f"Group {i}",
                    "data_type": "group",
                    "cardinality": "0..*",
                }
            )
            group = f"d{i}"
        else:
            data_items.append(
                {
                    "id": f"d{i}",
                    "parent": group,
                    "name": f"Item {i}",
                    "data_type": "string",
                    "cardinality": "0..1",
                    "example": f"example value {i}",
                    "xml_path": f"/Root/Section/Group/Item{i}",
                    "sensitive": i % 7 == 0,
                }
            )
    leaves = [d["id"] for d in data_items if d.get("data_type") == "string"]
    return {
        "format": "engagement-workbook",
        "format_version": 1,
        "engagement": {
            "title": f"Benchmark {items} items {stories} stories",
            "stages": {"client_context": {"text": "Benchmark " * 50, "status": "done"}},
            "actors": [
                {"id": f"a{i}", "name": f"Role {i}", "care_setting": "Hospital"} for i in range(20)
            ],
            "features": [{"id": f"f{i}", "name": f"Feature {i}"} for i in range(50)],
            "data_items": data_items,
            "user_stories": [
                {
                    "id": f"s{i}",
                    "ref": f"US-{i:04d}",
                    "feature": f"f{i % 50}",
                    "actor": f"a{i % 20}",
                    "secondary_actor": f"a{(i + 1) % 20}",
                    "requirement": f"to see the record number {i} when the patient arrives",
                    "justification": "I can treat the patient safely",
                    "priority": "must",
                    "status": "agreed",
                    "acceptance_criteria": [
                        {"text": f"criterion {j}", "kind": "clinical"} for j in range(3)
                    ],
                    "data_items": [leaves[i % len(leaves)], leaves[(i * 7 + 3) % len(leaves)]],
                }
                for i in range(stories)
            ],
            "profiles": [
                {"url": "https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Patient-1"}
            ],
            "mappings": [
                {
                    "data_item": leaf,
                    "profile": "CareConnect-Patient-1",
                    "element_path": "Patient.identifier.value",
                    "status": "mapped",
                }
                for leaf in leaves
            ],
        },
    }


def timed(label: str, results: dict[str, float], fn: Any, *args: Any, **kw: Any) -> Any:
    start = time.perf_counter()
    value = fn(*args, **kw)
    results[label] = time.perf_counter() - start
    return value


def measure(items: int = 10_000, stories: int = 2_000) -> dict[str, float]:
    """Seconds to read and check the file (and, as the baseline, to parse its JSON alone),
    to write it to a new database and to export it; sizes in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "big.engagement.json"
        source.write_text(json.dumps(build(items, stories)), encoding="utf-8")
        store = open_store(folder / "bench.sqlite")
        results: dict[str, float] = {}
        timed("json.loads alone", results, json.loads, source.read_bytes())
        document = timed("read + check file", results, read_engagement_file, source)
        result = timed(
            "write to database",
            results,
            write_checked_document,
            store,
            document,
            source=str(source),
        )
        out = folder / "out.engagement.json"
        timed("export to file", results, write_engagement_file, store, result.engagement_id, out)
        store.close()
        results["file MB"] = source.stat().st_size / 1e6
        results["export MB"] = out.stat().st_size / 1e6
    results["peak memory MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=2_000)
    args = parser.parse_args()
    results = measure(args.items, args.stories)
    print(
        f"engagement: {args.items} data items, {args.stories} stories, "
        f"file {results['file MB']:.1f} MB, export {results['export MB']:.1f} MB"
    )
    for label in ("json.loads alone", "read + check file", "write to database", "export to file"):
        print(f"  {label:<20} {results[label]:6.2f} s")
    total = results["read + check file"] + results["write to database"]
    print(f"  {'import total':<20} {total:6.2f} s")
    print(f"  peak memory (RSS)    {results['peak memory MB']:6.0f} MB")


if __name__ == "__main__":
    main()
