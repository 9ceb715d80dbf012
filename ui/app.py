"""The ``engagement-workbook`` desktop app: start-up, command-line options, smoke test."""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.main_window import MainWindow
from ui.workspace import Workspace
from workbook import __version__
from workbook.db.store import open_store
from workbook.errors import NotFoundError, WorkbookError
from workbook.files.engagement_file import import_engagement_file
from workbook.resources import demo_engagement_path
from workbook.services import engagements
from workbook.steps import STEPS

DEMO_TITLE = "Sharing discharge medication with GP practices and community pharmacies"


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="engagement-workbook")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="database file or SQLAlchemy URL")
    parser.add_argument("--open", metavar="ENGAGEMENT", help="id or exact title to open")
    parser.add_argument(
        "--smoke-test",
        type=Path,
        metavar="DIR",
        help="visit every tab, save a screenshot of each into DIR, and exit",
    )
    return parser.parse_args(argv)


def run(argv: Sequence[str]) -> int:
    args = _arguments(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Engagement Workbook")
    app.setOrganizationName("EngagementWorkbook")
    try:
        store = open_store(args.db)
    except WorkbookError as exc:
        if args.smoke_test:
            print(f"engagement-workbook: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "Engagement Workbook", str(exc))
        return 1
    try:
        if args.smoke_test:
            return smoke_test(store, args.smoke_test, args.open)
        workspace = Workspace(store)
        window = MainWindow(workspace)
        if args.open:
            window.open_engagement(engagements.resolve(store, args.open))
        window.show()
        # start-up objects live as long as the app: keep the collector from rescanning them
        gc.freeze()
        return app.exec()
    except WorkbookError as exc:
        print(f"engagement-workbook: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()


def _smoke_engagement(store, reference: str | None) -> int:
    if reference:
        return engagements.resolve(store, reference)
    try:
        return engagements.resolve(store, DEMO_TITLE)
    except NotFoundError:
        existing = engagements.summaries(store)
        if existing:
            return existing[0].id
        return import_engagement_file(store, demo_engagement_path()).engagement_id


def smoke_test(store, out: Path, reference: str | None) -> int:
    """Open an engagement, visit every tab, print its title, save ``NN-<step key>.png``."""
    engagement_id = _smoke_engagement(store, reference)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "smoke.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Workspace(store), settings)
        window.resize(1400, 900)
        window.open_engagement(engagement_id)
        window.show()
        tabs: list[tuple[str, str]] = [("overview", "Overview")]
        tabs += [(s.key, f"{s.number}. {s.title}") for s in STEPS]
        for number, (key, title) in enumerate(tabs):
            if key == "overview":
                window.view.open_overview()
            else:
                window.view.open_step(key)
            QApplication.processEvents()
            target = out / f"{number:02d}-{key}.png"
            if not window.grab().save(str(target)):
                print(
                    f"engagement-workbook: {target}: cannot write the screenshot", file=sys.stderr
                )
                return 1
            print(title)
        window.close()
    return 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))
