"""The ``engagement-workbook`` desktop app (a first window; the full editor comes later)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
)

from ui.engagement_list_model import EngagementListModel, IdRole
from workbook import __version__
from workbook.db.store import Store, open_store
from workbook.errors import WorkbookError
from workbook.services import engagements, stages
from workbook.steps import STEPS


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle("Engagement Workbook")
        self.resize(1100, 700)
        self.model = EngagementListModel(store, self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSpacing(2)
        self.list.selectionModel().currentChanged.connect(self._show_current)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setMargin(16)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 800])
        self.setCentralWidget(splitter)
        self.statusBar().showMessage(f"Database: {store.label}")
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))
        else:
            self.detail.setText(
                "<h2>No engagements yet</h2><p>Import one from the command line:<br>"
                "<code>workbook import FILE.engagement.json</code></p>"
            )

    def open_engagement(self, engagement_id: int) -> None:
        for row in range(self.model.rowCount()):
            index = self.model.index(row)
            if index.data(IdRole) == engagement_id:
                self.list.setCurrentIndex(index)

    def _show_current(self) -> None:
        engagement_id = self.list.currentIndex().data(IdRole)
        if engagement_id is None:
            return
        summary = engagements.get(self.store, engagement_id)
        states = {
            s.key: s.status.replace("_", " ") for s in stages.all_states(self.store, engagement_id)
        }
        rows = []
        for step in STEPS:
            if step.number in (1, 6, 13):
                rows.append(f"<tr><td colspan=3><br><b>{step.phase.title}</b></td></tr>")
            rows.append(
                f"<tr><td align=right>{step.number}.</td><td>{step.title}</td>"
                f"<td style='color:#555'>{states[step.key].capitalize()}</td></tr>"
            )
        self.detail.setText(
            f"<h2>{_escape(summary.title)}</h2>"
            f"<p>{_escape(summary.client_name or 'No client yet')} · "
            f"{_escape(summary.analyst or 'no analyst')} · "
            f"{(summary.status or 'draft').replace('_', ' ').capitalize()}</p>"
            f"<table cellspacing=3>{''.join(rows)}</table>"
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="engagement-workbook")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL")
    parser.add_argument("--open", metavar="ENGAGEMENT", help="id or exact title to show")
    parser.add_argument("--smoke-test", type=Path, metavar="OUT", help="write a screenshot, exit")
    return parser.parse_args(argv)


def run(argv: Sequence[str]) -> int:
    args = _arguments(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    try:
        store = open_store(args.db)
    except WorkbookError as exc:
        if args.smoke_test:
            print(f"engagement-workbook: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "Engagement Workbook", str(exc))
        return 1
    window = MainWindow(store)
    try:
        if args.open:
            window.open_engagement(engagements.resolve(store, args.open))
        if args.smoke_test:
            return _smoke_test(window, args.smoke_test)
        window.show()
        return app.exec()
    except WorkbookError as exc:
        print(f"engagement-workbook: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()


def _smoke_test(window: MainWindow, out: Path) -> int:
    target = out / "main.png" if out.suffix.lower() != ".png" else out
    target.parent.mkdir(parents=True, exist_ok=True)
    window.show()
    QApplication.processEvents()
    if not window.grab().save(str(target)):
        print(f"engagement-workbook: {target}: cannot write the screenshot", file=sys.stderr)
        return 1
    print(target)
    return 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))
