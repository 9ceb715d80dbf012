"""Time to show a large engagement in the window, and to filter its story table.

    python benchmarks/bench_window.py [--items 10000] [--stories 2000]

Imports a generated engagement (see bench_engagement_file.build) into a fresh database,
then measures, offscreen: building the main window (with a small engagement open), switching
to the large engagement on the user stories tab until the window is ready (every tab loaded,
events processed), and filtering the story table by text, by status and clearing the filter
(median of 20 runs each). The baseline for opening is reading every row of every table of
the database with bare SQL (sqlite3, no ORM, no widgets).
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engagement_file import build
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.workspace import Workspace
from workbook.db.store import open_store
from workbook.files.engagement_file import import_document


def raw_read(path: Path) -> float:
    """The baseline: seconds to read every row of every table with bare SQL (the large
    engagement is nearly all of the database)."""
    start = time.perf_counter()
    with closing(sqlite3.connect(path)) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        for (name,) in tables:
            conn.execute(f'SELECT * FROM "{name}"').fetchall()
    return time.perf_counter() - start


def measure(items: int = 10_000, stories: int = 2_000) -> dict[str, float]:
    """Milliseconds: the window built, the large engagement opened, each filter (median of
    20), and the baseline of reading the engagement's rows with bare SQL."""
    app = QApplication.instance() or QApplication([])
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite")
        eid = import_document(store, build(items, stories), source="bench").engagement_id
        small = import_document(store, build(20, 5), source="bench").engagement_id
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("last_engagement", small)
        start = time.perf_counter()
        window = MainWindow(Workspace(store), settings)
        window.show()
        app.processEvents()
        gc.freeze()  # as ui.app does once the window is up
        figures["window built ms"] = (time.perf_counter() - start) * 1000
        window.view.open_step("business_requirements")
        app.processEvents()
        start = time.perf_counter()
        window.open_engagement(eid)
        app.processEvents()
        figures["large engagement opened ms"] = (time.perf_counter() - start) * 1000
        figures["bare SQL read ms"] = raw_read(Path(tmp) / "bench.sqlite") * 1000
        proxy = window.view.pages["business_requirements"].stories.proxy
        timings: dict[str, list[float]] = {"text": [], "status": [], "clear": []}
        for i in range(20):
            for label, values in (
                ("text", {"text": f"record number {i}"}),
                ("status", {"text": "", "status": "agreed"}),
                ("clear", {"status": None}),
            ):
                start = time.perf_counter()
                proxy.set_filter(**values)
                app.processEvents()
                timings[label].append(time.perf_counter() - start)
        for label, values in timings.items():
            figures[f"filter stories by {label} ms"] = statistics.median(values) * 1000
        figures["rows shown after the last filter"] = proxy.rowCount()
        window.close()
        store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=2_000)
    args = parser.parse_args()
    f = measure(args.items, args.stories)
    print(f"engagement: {args.items} data items, {args.stories} stories")
    print(f"  window built, small engagement open   {f['window built ms']:7.0f} ms")
    print(f"  large engagement opened and ready     {f['large engagement opened ms']:7.0f} ms")
    print(f"  its rows read with bare SQL           {f['bare SQL read ms']:7.0f} ms")
    for label in ("text", "status", "clear"):
        print(
            f"  filter stories by {label:<7}  {f[f'filter stories by {label} ms']:7.1f} ms "
            f"(median of 20; {f['rows shown after the last filter']:.0f} shown after the last)"
        )


if __name__ == "__main__":
    main()
