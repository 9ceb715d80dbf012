"""Time and memory for the profile catalogue, a large package import and mapping checks.

    python benchmarks/bench_profiles.py [--profiles 300] [--mappings 900]

Measures: loading the bundled Care Connect catalogue and STU3 base definitions (first use
in a process); importing a generated FHIR package of differential-only R4 Patient
profiles (each with an identifier slice and an extension slice) plus their extensions;
loading them back for an R4 engagement; and checking an engagement whose mappings are the
demo's, repeated up to ``--mappings``.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbook.checks import run_checks
from workbook.db.store import open_store
from workbook.files.engagement_file import import_document
from workbook.profiles import bundled
from workbook.profiles.importing import import_profiles
from workbook.profiles.library import available_profiles
from workbook.resources import demo_engagement_path

BASE = "http://hl7.org/fhir/StructureDefinition/"
URL = "https://bench.example.org/StructureDefinition/"


def _definition(name: str, type_name: str, base: str, elements: list[dict]) -> dict[str, Any]:
    return {
        "resourceType": "StructureDefinition",
        "url": URL + name,
        "name": name,
        "version": "1.0.0",
        "fhirVersion": "4.0.1",
        "kind": "complex-type" if type_name == "Extension" else "resource",
        "type": type_name,
        "baseDefinition": base,
        "derivation": "constraint",
        "differential": {"element": [{"id": type_name, "path": type_name}, *elements]},
    }


def build_package(path: Path, profiles: int) -> None:
    with tarfile.open(path, "w:gz") as tar:

        def add(name: str, content: dict[str, Any]) -> None:
            data = json.dumps(content).encode()
            info = tarfile.TarInfo(f"package/{name}.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

        add("package", {"name": "bench", "version": "1.0.0", "fhirVersions": ["4.0.1"]})
        for i in range(profiles):
            extension = f"Ext-{i}"
            add(
                extension,
                _definition(
                    extension,
                    "Extension",
                    BASE + "Extension",
                    [
                        {
                            "id": "Extension.url",
                            "path": "Extension.url",
                            "fixedUri": URL + extension,
                        },
                        {
                            "id": "Extension.value[x]",
                            "path": "Extension.value[x]",
                            "type": [{"code": "CodeableConcept"}],
                        },
                    ],
                ),
            )
            add(
                f"Patient-{i}",
                _definition(
                    f"Patient-{i}",
                    "Patient",
                    BASE + "Patient",
                    [
                        {
                            "id": "Patient.extension:e",
                            "path": "Patient.extension",
                            "sliceName": "e",
                            "type": [{"code": "Extension", "profile": [URL + extension]}],
                        },
                        {
                            "id": "Patient.identifier:nhs",
                            "path": "Patient.identifier",
                            "sliceName": "nhs",
                            "max": "1",
                        },
                        {
                            "id": "Patient.identifier:nhs.system",
                            "path": "Patient.identifier.system",
                            "min": 1,
                            "fixedUri": "https://fhir.nhs.uk/Id/nhs-number",
                        },
                    ],
                ),
            )


def _timed(figures: dict[str, float], label: str, function: Any) -> Any:
    start = time.perf_counter()
    result = function()
    figures[label] = time.perf_counter() - start
    return result


def measure(profiles: int = 300, mappings: int = 900) -> dict[str, float]:
    """Seconds for each step (by its label), the findings and the peak memory."""
    figures: dict[str, float] = {}
    _timed(
        figures,
        "load Care Connect catalogue + STU3 base",
        lambda: (bundled.care_connect(), bundled.base_definitions("STU3")),
    )
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite")
        package = Path(folder) / "bench.tgz"
        build_package(package, profiles)
        size = package.stat().st_size / 1024
        report = _timed(
            figures,
            f"import {2 * profiles} definitions ({size:.0f} kB package)",
            lambda: import_profiles(store, package),
        )
        assert len(report.saved) == 2 * profiles
        _timed(
            figures,
            f"load the {2 * profiles} imported definitions for an R4 engagement",
            lambda: available_profiles(store, "R4"),
        )
        document = json.loads(demo_engagement_path().read_text(encoding="utf-8"))
        engagement = document["engagement"]
        demo_mappings = engagement["mappings"]
        engagement["mappings"] = (demo_mappings * (mappings // len(demo_mappings) + 1))[:mappings]
        engagement_id = import_document(store, document, source="bench").engagement_id
        findings = _timed(
            figures, f"check {mappings} mappings", lambda: run_checks(store, engagement_id)
        )
        figures["findings"] = len(findings)
        store.close()
    figures["peak memory MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=300)
    parser.add_argument("--mappings", type=int, default=900)
    args = parser.parse_args()
    figures = measure(args.profiles, args.mappings)
    for label, value in figures.items():
        if label == "findings":
            print(f"{value:.0f} findings")
        elif label == "peak memory MB":
            print(f"peak memory: {value:.0f} MB")
        else:
            print(f"{label}: {value:.2f} s")


if __name__ == "__main__":
    main()
