"""Time to show a large engagement in the window, and to filter its story table.

    python benchmarks/bench_window.py [--items 10000] [--stories 2000]

Imports a generated engagement (see bench_engagement_file.build) into a fresh database,
then measures, offscreen: building the main window (with a small engagement open), switching
to the large engagement on the user stories tab until the window is ready (every tab loaded,
events processed), and filtering the story table by text, by status and clearing the filter
(median of 20 runs each).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=2_000)
    args = parser.parse_args()
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite")
        eid = import_document(store, build(args.items, args.stories), source="bench").engagement_id
        small = import_document(store, build(20, 5), source="bench").engagement_id
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("last_engagement", small)
        start = time.perf_counter()
        window = MainWindow(Workspace(store), settings)
        window.show()
        app.processEvents()
        gc.freeze()  # as ui.app does once the window is up
        built = time.perf_counter() - start
        window.view.open_step("business_requirements")
        app.processEvents()
        start = time.perf_counter()
        window.open_engagement(eid)
        app.processEvents()
        opened = time.perf_counter() - start
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
        print(f"engagement: {args.items} data items, {args.stories} stories")
        print(f"  window built, small engagement open   {built * 1000:7.0f} ms")
        print(f"  large engagement opened and ready     {opened * 1000:7.0f} ms")
        for label, values in timings.items():
            print(
                f"  filter stories by {label:<7}  {statistics.median(values) * 1000:7.1f} ms "
                f"(median of 20; {proxy.rowCount()} shown after the last)"
            )
        window.close()
        store.close()


if __name__ == "__main__":
    main()
