"""Time and memory to write the PDF case study of a large engagement.

    python benchmarks/bench_report.py [--items 10000] [--stories 2000] [--keep FILE.pdf]

Imports the engagement of ``bench_engagement_file.build`` (a three-level dataset tree with
every leaf mapped; stories with three acceptance criteria each), then writes its report
and prints the time, the pages and the peak memory. The demo engagement's report is timed
too, as the everyday case.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_engagement_file import build
from workbook.db.store import open_store
from workbook.files.engagement_file import import_engagement_file
from workbook.report import export_report
from workbook.resources import demo_engagement_path


def timed_report(store_path: Path, source: Path, target: Path) -> tuple[float, int]:
    store = open_store(store_path)
    try:
        engagement_id = import_engagement_file(store, source).engagement_id
        start = time.perf_counter()
        pages = export_report(store, engagement_id, target)
        return time.perf_counter() - start, pages
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=2_000)
    parser.add_argument("--keep", type=Path, help="copy the large report here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seconds, pages = timed_report(
            folder / "demo.sqlite", demo_engagement_path(), folder / "demo.pdf"
        )
        print(f"demo engagement: {seconds:.2f} s, {pages} pages")
        source = folder / "big.engagement.json"
        source.write_text(json.dumps(build(args.items, args.stories)), encoding="utf-8")
        target = folder / "big.pdf"
        seconds, pages = timed_report(folder / "big.sqlite", source, target)
        print(
            f"{args.items:,} data items, {args.stories:,} stories: {seconds:.2f} s, "
            f"{pages:,} pages, {target.stat().st_size / 1e6:.1f} MB"
        )
        if args.keep:
            shutil.copyfile(target, args.keep)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
