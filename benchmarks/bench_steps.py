"""Time to open the dataset tree (step 5) and the mapping grid (step 7) of a large
engagement, and to scroll through them.

    python benchmarks/bench_steps.py [--items 10000] [--profiles 5] [--runs 5]

The engagement has ``--items`` data items (bench_engagement_file.build) and every leaf is
mapped to each of ``--profiles`` profiles. Offscreen, each run opens the engagement on the
overview, then times opening the step's tab until its events are processed, then times
scrolling the view from top to bottom a page at a time, painting every page. The target
(issue 6) is under 0.5 s to open.
"""

from __future__ import annotations

import argparse
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
from PySide6.QtWidgets import QAbstractItemView, QApplication

from ui.main_window import MainWindow
from ui.reviewer import reviewer_for
from ui.workspace import Workspace
from workbook.db.store import open_store
from workbook.files.engagement_file import import_document

PROFILES = ("Patient", "Encounter", "Medication", "MedicationStatement", "List")


def document(items: int, profiles: int) -> dict:
    doc = build(items, 20)
    body = doc["engagement"]
    names = [f"CareConnect-{p}-1" for p in PROFILES[:profiles]]
    body["profiles"] = [
        {"url": f"https://fhir.hl7.org.uk/STU3/StructureDefinition/{n}", "name": n} for n in names
    ]
    leaves = [d["id"] for d in body["data_items"] if d.get("data_type") == "string"]
    body["mappings"] = [
        {"data_item": leaf, "profile": n, "element_path": f"{n.split('-')[1]}.id", "status": s}
        for leaf in leaves
        for n, s in zip(names, ("mapped", "partial", "derived", "gap", "mapped"), strict=False)
    ]
    return doc


def scroll_through(app: QApplication, view: QAbstractItemView) -> tuple[float, int]:
    """Seconds per page to scroll from top to bottom, painting each page; pages seen."""
    bar = view.verticalScrollBar()
    bar.setValue(0)
    app.processEvents()
    pages = 0
    start = time.perf_counter()
    while True:
        view.viewport().repaint()
        pages += 1
        if bar.value() >= bar.maximum() or pages >= 200:
            break
        bar.setValue(bar.value() + bar.pageStep())
        app.processEvents()
    return (time.perf_counter() - start) / pages, pages


def measure(
    items: int = 10_000, profiles: int = 5, runs: int = 5, settled: bool = True
) -> dict[str, float]:
    """Milliseconds, the median of ``runs``: opening each step and scrolling it (per page);
    the pages scrolled. ``settled``: open each step once the background review of the
    engagement is done; else at once, while it runs (and competes for Python's GIL)."""
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite")
        eid = import_document(store, document(items, profiles), source="bench").engagement_id
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        results: dict[str, list[float]] = {}
        pages: dict[str, int] = {}
        for _ in range(runs):
            window = MainWindow(Workspace(store), settings)
            window.resize(1400, 900)
            window.show()
            window.open_engagement(eid)
            app.processEvents()
            reviewer = reviewer_for(window.workspace)
            for key, label in (("dataset", "step 5 dataset tree"), ("mapping", "step 7 grid")):
                if settled:  # the review of the engagement, run in the background, is done
                    while reviewer.busy():
                        app.processEvents()
                        time.sleep(0.01)
                start = time.perf_counter()
                window.view.open_step(key)
                app.processEvents()
                results.setdefault(f"open {label}", []).append(time.perf_counter() - start)
                view = window.view.pages[key].editor.view
                per_page, seen = scroll_through(app, view)
                results.setdefault(f"scroll {label} (per page)", []).append(per_page)
                pages[label] = seen
            window.close()
            window.deleteLater()
            app.processEvents()
        store.close()
    figures = {f"{label} ms": statistics.median(v) * 1000 for label, v in results.items()}
    return figures | {f"pages scrolled in {label}": seen for label, seen in pages.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--profiles", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--at-once",
        action="store_true",
        help="open the steps while the background review of the engagement still runs",
    )
    args = parser.parse_args()
    figures = measure(args.items, args.profiles, args.runs, settled=not args.at_once)
    when = "while the review runs" if args.at_once else "after the background review"
    print(f"{args.items} data items, {args.profiles} profiles, median of {args.runs} runs, {when}")
    for label, value in figures.items():
        if label.endswith(" ms"):
            print(f"  {label.removesuffix(' ms'):36} {value:8.1f} ms")
        else:
            print(f"  {label}: {value}")


if __name__ == "__main__":
    main()
