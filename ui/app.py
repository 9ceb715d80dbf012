"""The ``engagement-workbook`` desktop app: start-up, command-line options, smoke test."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.collector import MainThreadCollector
from ui.crash import CrashReporter
from ui.main_window import MainWindow
from ui.workspace import Workspace
from workbook import __version__
from workbook.db import backups
from workbook.db.edit_lock import open_for_window, sqlite_file
from workbook.db.store import Store
from workbook.errors import NotFoundError, WorkbookError
from workbook.files.engagement_file import import_engagement_file
from workbook.logs import start_logging
from workbook.resources import demo_engagement_path, resource_path
from workbook.services import engagements
from workbook.steps import STEPS

log = logging.getLogger(__name__)
DEMO_TITLE = "Sharing discharge medication with GP practices and community pharmacies"


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="engagement-workbook")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="database file or SQLAlchemy URL")
    parser.add_argument("--open", metavar="ENGAGEMENT", help="id or exact title to open")
    # benchmarks/bench_startup.py: print "shown" once the window is up, then quit
    parser.add_argument("--quit-when-shown", action="store_true", help=argparse.SUPPRESS)
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
    app.setWindowIcon(QIcon(str(resource_path("icons", "engagement-workbook.png"))))
    logs = start_logging("engagement-workbook")
    collector = MainThreadCollector(app)
    try:
        with CrashReporter(logs.file).installed() as reporter:
            return _open_and_run(app, args, reporter)
    finally:
        collector.stop()
        collector.deleteLater()
        logs.stop()


def _fail(args: argparse.Namespace, message: str) -> None:
    if args.smoke_test or args.quit_when_shown:
        print(f"engagement-workbook: {message}", file=sys.stderr)
    else:
        QMessageBox.critical(None, "Engagement Workbook", message)


def _daily_backup(store: Store, new: bool) -> None:
    if store.path is None or store.read_only or new:
        return
    try:
        backups.daily(store.path)
    except WorkbookError as exc:
        log.warning("no daily backup: %s", exc)


def _shown(app: QApplication) -> None:
    print("shown", flush=True)
    app.quit()


def _open_and_run(app: QApplication, args: argparse.Namespace, reporter: CrashReporter) -> int:
    path = sqlite_file(args.db)
    new = path is not None and (not path.is_file() or path.stat().st_size == 0)
    try:
        store, lock = open_for_window(args.db)
    except WorkbookError as exc:
        _fail(args, str(exc))
        return 1
    log.info("database %s%s", store.label, " (read-only)" if store.read_only else "")
    _daily_backup(store, new)
    window: MainWindow | None = None
    try:
        if args.smoke_test:
            code = smoke_test(store, args.smoke_test, args.open)
            if reporter.total:
                _fail(args, f"{reporter.total} unexpected error(s); see {reporter.log_file}")
                return 1
            return code
        workspace = Workspace(store)
        window = MainWindow(workspace)
        if args.open:
            window.open_engagement(engagements.resolve(store, args.open))
        window.show()
        if args.quit_when_shown:
            QTimer.singleShot(0, lambda: _shown(app))
        # start-up objects live as long as the app: keep the collector from rescanning them
        gc.freeze()
        return app.exec()
    except WorkbookError as exc:
        print(f"engagement-workbook: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a fault before the window opened: logged, said, a clean exit
        log.exception("could not start")
        _fail(args, f"could not start ({type(exc).__name__}: {exc}); see {reporter.log_file}")
        return 1
    finally:
        store.close()
        banner = window.read_only_banner if window is not None else None
        for held in (lock, banner.lock if banner is not None else None):
            if held is not None:
                held.release()


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
