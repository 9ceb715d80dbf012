"""File › Restore from backup…: the copies by date, a confirmation, and the data put back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import create_engine

from ui.main_window import MainWindow
from ui.restore_dialog import RestoreDialog, restore_from_backup
from ui.workspace import Workspace
from workbook.db import backups
from workbook.db.store import Store
from workbook.services import engagements

pytestmark = pytest.mark.gui


@pytest.fixture
def file_window(qtbot, file_store: Store, settings: QSettings) -> Iterator[MainWindow]:
    window = MainWindow(Workspace(file_store), settings)
    qtbot.addWidget(window)
    yield window
    window.workspace.undo_stack.clear()


def _titles(window: MainWindow) -> list[str]:
    model = window.sidebar.model
    return [model.index(row).data() for row in range(model.rowCount())]


def _answer(monkeypatch: pytest.MonkeyPatch, choose: int | None, confirm: bool) -> list[str]:
    """Stand in for the person: pick row ``choose`` (None: Cancel), then answer the question."""
    asked: list[str] = []

    def exec_dialog(dialog: RestoreDialog) -> int:
        if choose is None:
            return QDialog.DialogCode.Rejected
        dialog.table.selectRow(choose)
        return QDialog.DialogCode.Accepted

    def question(_parent, _title, text, *_args) -> QMessageBox.StandardButton:
        asked.append(text)
        yes, cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
        return yes if confirm else cancel

    monkeypatch.setattr(RestoreDialog, "exec", exec_dialog)
    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_dialog_lists_the_copies_newest_first_with_dates_and_kinds(
    qtbot, file_store: Store, db_path: Path
) -> None:
    engagements.create(file_store, "One")
    first = backups.daily(db_path, now=dt.datetime(2026, 3, 2, 9, 15))
    engagements.create(file_store, "Two")
    second = backups.daily(db_path, now=dt.datetime(2026, 3, 3, 8, 5))
    assert first and second
    dialog = RestoreDialog(backups.backups(db_path), str(db_path))
    qtbot.addWidget(dialog)
    model = dialog.model
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert [r[:3] for r in rows] == [
        ["Tue 03 Mar 2026  08:05:00", "Daily copy", "2"],
        ["Mon 02 Mar 2026  09:15:00", "Daily copy", "1"],
    ]
    assert dialog.chosen() == second
    assert dialog.restore_button.isEnabled()


def test_restoring_brings_back_a_deleted_engagement_after_confirmation(
    qtbot, file_window: MainWindow, file_store: Store, db_path: Path, monkeypatch
) -> None:
    kept = engagements.create(file_store, "Deleted by mistake")
    file_window.workspace.notify("engagements")
    copy = backups.daily(db_path)
    assert copy is not None
    file_window.delete_engagement(kept, confirm=False)
    assert _titles(file_window) == []
    asked = _answer(monkeypatch, choose=0, confirm=True)

    assert restore_from_backup(file_window)

    assert "The database as it is now is copied first" in asked[0]
    assert _titles(file_window) == ["Deleted by mistake"]
    assert file_window.view.engagement_id == kept
    assert file_window.stack.currentWidget() is file_window.view
    assert file_window.workspace.undo_stack.count() == 0
    assert "Restored the copy" in file_window.statusBar().currentMessage()
    assert sorted(b.kind for b in backups.backups(db_path)) == ["before-restore", "daily"]


def test_nothing_changes_when_the_person_says_no(
    file_window: MainWindow, file_store: Store, db_path: Path, monkeypatch
) -> None:
    engagements.create(file_store, "In the copy")
    assert backups.daily(db_path) is not None
    engagements.create(file_store, "Not in the copy")
    file_window.workspace.notify("engagements")
    for choose, confirm in ((None, True), (0, False)):
        _answer(monkeypatch, choose=choose, confirm=confirm)
        assert not restore_from_backup(file_window)
    assert sorted(_titles(file_window)) == ["In the copy", "Not in the copy"]
    assert [b.kind for b in backups.backups(db_path)] == ["daily"]


def _informed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text, *_a: said.append(text)
    )
    return said


def test_without_copies_the_person_is_told_when_they_are_made(
    file_window: MainWindow, monkeypatch
) -> None:
    said = _informed(monkeypatch)
    assert not restore_from_backup(file_window)
    assert "no backups" in said[0] and "first start of each day" in said[0]


def test_a_database_server_has_no_file_backups_and_the_window_says_so(
    qtbot, settings: QSettings, monkeypatch
) -> None:
    from workbook.db.store import _upgrade

    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        _upgrade(connection)
    server = Store(engine, None, "postgresql+psycopg://analyst@db.trust.local/workbook")
    window = MainWindow(Workspace(server), settings)
    qtbot.addWidget(window)
    said = _informed(monkeypatch)
    (action,) = [a for a in window.menuBar().actions()[0].menu().actions() if "Restore" in a.text()]
    action.trigger()
    assert "database server" in said[0] and "on the server" in said[0]
    server.close()
