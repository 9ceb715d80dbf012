"""Time to export the Excel dataset workbook, against a bare openpyxl write, and to import it.

    python benchmarks/bench_excel.py [--items 10000] [--stories 2000] [--runs 3]

Builds the engagement of ``bench_engagement_file.py`` (a three-level dataset tree, each
leaf mapped; stories with three acceptance criteria), then, in one run and alternating:
- our export (reading the engagement, every style, outline, drop-down and hidden key;
  its reading and building of the sheets are also shown on their own),
- a bare write of exactly the same cell values, no styles (openpyxl write-only mode, and
  openpyxl's ordinary mode),
- our import of the exported sheet (reading it back and comparing it with the dataset).
Figures are CPU seconds (the development machine is shared), the best of ``--runs``.
Targets: export under 3 s and within 1.5x the bare write, import under 4 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_engagement_file import build
from openpyxl import Workbook

from workbook.db.store import open_store
from workbook.excel.content import read_content
from workbook.excel.export import export_workbook
from workbook.excel.returned import read_returned_workbook
from workbook.excel.safety import cell_text
from workbook.excel.sheets import build_sheets
from workbook.files.engagement_file import read_engagement_file, write_checked_document
from workbook.services.dataset_merge import compute_diff


def bare_write(sheets: list[Any], path: Path, *, write_only: bool) -> None:
    """The same values, written the plainest way (no styles, sizes, lists or outline)."""
    workbook = Workbook(write_only=write_only)
    if not write_only:
        workbook.remove(workbook.active)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title)
        for row in sheet.rows:
            ws.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())


def timed(times: dict[str, list[float]], label: str, fn: Any, *args: Any, **kw: Any) -> Any:
    """Run ``fn``, adding its CPU time to ``times[label]`` (CPU time: the machine is shared)."""
    start = time.process_time()
    value = fn(*args, **kw)
    times.setdefault(label, []).append(time.process_time() - start)
    return value


def measure(items: int = 10_000, stories: int = 2_000, runs: int = 3) -> dict[str, float]:
    """CPU seconds, the best of ``runs``: the export, its parts, the bare writes of the same
    values, the import; the workbook's size and cells; peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "big.engagement.json"
        source.write_text(json.dumps(build(items, stories)), encoding="utf-8")
        store = open_store(folder / "bench.sqlite")
        document = read_engagement_file(source)
        engagement_id = write_checked_document(store, document, source=str(source)).engagement_id
        times: dict[str, list[float]] = {}
        exported, plain = folder / "ours.xlsx", folder / "bare.xlsx"
        for _ in range(runs):
            timed(times, "export", export_workbook, store, engagement_id, exported)
            content = timed(times, "  reading", read_content, store, engagement_id)
            sheets = timed(times, "  building", build_sheets, content, dt.date.today())
            values = [
                SimpleNamespace(
                    title=s.title,
                    rows=[[cell_text(v) if v else None for v in row.values] for row in s.rows],
                )
                for s in sheets
            ]
            timed(times, "bare write-only", bare_write, values, plain, write_only=True)
            timed(times, "bare normal mode", bare_write, values, plain, write_only=False)
            found = timed(
                times, "import: read", read_returned_workbook, store, engagement_id, [exported]
            )
            diff = timed(
                times,
                "import: diff",
                compute_diff,
                store,
                engagement_id,
                found.incoming,
                key_of=found.key_of,
            )
            assert diff.is_empty, diff.summary()
        store.close()
        best = {label: min(taken) for label, taken in times.items()}
        best["cells"] = sum(1 for sheet in values for row in sheet.rows for value in row if value)
        best["workbook MB"] = exported.stat().st_size / 1e6
    best["peak memory MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    best = measure(args.items, args.stories, args.runs)
    print(
        f"engagement: {args.items} data items, {args.stories} stories; workbook "
        f"{best['workbook MB']:.1f} MB, {best['cells']:.0f} non-empty cells; "
        f"CPU seconds, best of {args.runs}"
    )
    for label in ("export", "  reading", "  building", "bare write-only", "bare normal mode"):
        print(f"  {label:<20} {best[label]:6.2f} s")
    for label in ("import: read", "import: diff"):
        print(f"  {label:<20} {best[label]:6.2f} s")
    print(f"  {'import total':<20} {best['import: read'] + best['import: diff']:6.2f} s")
    for baseline in ("bare write-only", "bare normal mode"):
        print(f"  export / {baseline:<17} {best['export'] / best[baseline]:5.2f} x")
    print(f"  peak memory (RSS)       {best['peak memory MB']:6.0f} MB")


if __name__ == "__main__":
    main()
