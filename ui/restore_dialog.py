"""File › Restore from backup…: pick a copy of the database by date and put it back."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.headed_table import HeadedTableModel
from workbook.db import backups
from workbook.db.backups import Backup
from workbook.errors import WorkbookError

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ROOT = QModelIndex()


def engagement_count(backup: Backup) -> str:
    """How many engagements a copy holds (read-only look; blank if it cannot be read)."""
    try:
        uri = f"{backup.path.as_uri()}?immutable=1"  # a copy: read it without touching it
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            return str(conn.execute("SELECT count(*) FROM engagements").fetchone()[0])
    except sqlite3.Error:
        return ""


def size_text(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(size // 1000, 1)} kB"


class BackupTable(HeadedTableModel):
    HEADERS = ("Taken", "Kind", "Engagements", "Size")

    def __init__(self, found: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = found
        self._cells = [
            (
                b.taken.strftime("%a %d %b %Y  %H:%M:%S"),
                b.description,
                engagement_count(b),
                size_text(b.size),
            )
            for b in found
        ]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.backups)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(self.backups[index.row()].path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RestoreDialog(QDialog):
    """The copies of the database, newest first; Restore returns the chosen one."""

    def __init__(self, found: list[Backup], database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.resize(720, 380)
        intro = QLabel(
            f"Copies of <b>{database}</b>. The app copies it on the first start of each day "
            "(the last seven are kept), before upgrading it to a new version, and before a "
            "restore. Restoring replaces everything in the database with the copy; the "
            "database as it is now is copied first."
        )
        intro.setWordWrap(True)
        self.model = BackupTable(found, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.accept)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "Restore…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        if found:
            self.table.selectRow(0)
        self._selected()

    def _selected(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def chosen(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backups[rows[0].row()] if rows else None


def confirm(parent: QWidget, backup: Backup) -> bool:
    answer = QMessageBox.question(
        parent,
        "Restore from backup",
        f"Replace everything in the database with the copy taken on "
        f"{backup.taken:%A %d %B %Y at %H:%M}?\n\n"
        "The database as it is now is copied first, so you can come back to it with "
        "File › Restore from backup…. Edit › Undo cannot undo a restore.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def restore_from_backup(window: MainWindow) -> bool:
    """The whole File › Restore from backup… conversation; True if a copy was restored."""
    store = window.workspace.store
    if store.path is None:
        QMessageBox.information(
            window,
            "Restore from backup",
            f"This window works on a database server ({store.label}).\n\n"
            "The app keeps backups of database files only; the server's backups are made "
            "and restored on the server by whoever runs it.",
        )
        return False
    if store.read_only:
        QMessageBox.information(
            window,
            "Restore from backup",
            "This window is read-only: another window is editing this database. "
            "Restore from that window.",
        )
        return False
    dialog = RestoreDialog(backups.backups(store.path), str(store.path), window)
    if dialog.model.rowCount() == 0:
        QMessageBox.information(
            window,
            "Restore from backup",
            f"There are no backups of {store.path} yet. The app makes one on the first start "
            "of each day.",
        )
        return False
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    backup = dialog.chosen()
    if backup is None or not confirm(window, backup):
        return False
    window.view.flush()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        safety = backups.restore(store, backup)
    except WorkbookError as exc:
        QMessageBox.warning(window, "Cannot restore", str(exc))
        return False
    finally:
        QGuiApplication.restoreOverrideCursor()
    window.reload_from_database()
    window.statusBar().showMessage(
        f"Restored the copy of {backup.taken:%d %b %Y %H:%M}; "
        f"the database as it was is kept as {safety.path.name}",
        15000,
    )
    return True
