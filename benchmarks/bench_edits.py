"""Latency of one edit, committed, in a large engagement: what the app waits for per edit.

    python benchmarks/bench_edits.py [--items 10000] [--stories 2000] [--edits 200]

Imports the engagement of ``bench_engagement_file.build`` into a fresh database, then makes
``--edits`` edits of each kind through the services, each its own committed transaction
(WAL, ``synchronous=FULL``: on disk when the call returns): a data item's notes changed, a
data item added, a story's text changed, a step's text replaced. The baseline is the bare
SQL of the first: ``UPDATE data_items SET notes = ? WHERE id = ?`` and ``COMMIT`` through
sqlite3 on the same file with the same settings. Prints the median and 95th percentile.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_engagement_file import build
from workbook.db.store import open_store
from workbook.files.engagement_file import import_document
from workbook.services import collections, stages


def percentiles(edit: Callable[[int], object], count: int) -> tuple[float, float]:
    """Median and 95th percentile, in ms, of ``count`` calls of ``edit(i)``."""
    times = []
    for i in range(count):
        start = time.perf_counter()
        edit(i)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[round(0.95 * (len(times) - 1))]


def measure(items: int = 10_000, stories: int = 2_000, edits: int = 200) -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        store = open_store(path)
        eid = import_document(store, build(items, stories), source="bench").engagement_id
        item_ids = [row["id"] for row in collections.rows(store, "data_items", eid)]
        story_ids = [row["id"] for row in collections.rows(store, "user_stories", eid)]
        parent = item_ids[0]
        kinds: dict[str, Callable[[int], object]] = {
            "update a data item": lambda i: collections.update(
                store, "data_items", item_ids[i * 37 % len(item_ids)], notes=f"note {i}"
            ),
            "add a data item": lambda i: collections.add(
                store, "data_items", eid, name=f"New {i}", parent_id=parent
            ),
            "update a story": lambda i: collections.update(
                store, "user_stories", story_ids[i * 13 % len(story_ids)], requirement=f"to {i}"
            ),
            "replace a step's text": lambda i: stages.set_text(
                store, eid, "client_context", f"Text {i} " * 200
            ),
        }
        for label, edit in kinds.items():
            edit(-1)  # warm up
            median, p95 = percentiles(edit, edits)
            figures[f"{label} median ms"], figures[f"{label} p95 ms"] = median, p95
        store.close()
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")

            def bare(i: int) -> None:
                conn.execute("BEGIN")
                conn.execute(
                    "UPDATE data_items SET notes = ? WHERE id = ?",
                    (f"bare {i}", item_ids[i * 37 % len(item_ids)]),
                )
                conn.execute("COMMIT")

            bare(-1)
            median, p95 = percentiles(bare, edits)
            figures["bare SQL update median ms"], figures["bare SQL update p95 ms"] = median, p95
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=2_000)
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    figures = measure(args.items, args.stories, args.edits)
    print(f"{args.items:,} data items, {args.stories:,} stories; {args.edits} edits of each kind")
    print(f"  {'edit, committed':<26} {'median':>9} {'p95':>9}")
    for label in ("update a data item", "add a data item", "update a story",
                  "replace a step's text", "bare SQL update"):  # fmt: skip
        print(
            f"  {label:<26} {figures[f'{label} median ms']:6.2f} ms "
            f"{figures[f'{label} p95 ms']:6.2f} ms"
        )


if __name__ == "__main__":
    main()
