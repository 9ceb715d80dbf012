"""One database, two windows: the second is read-only with a banner, and takes over later."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from ui.main_window import MainWindow
from ui.undo import UpdateEngagement
from ui.workspace import Workspace
from workbook.db.edit_lock import EditLock, open_for_window
from workbook.db.store import Store
from workbook.services import engagements

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(db_path: Path) -> Iterator[list[tuple[Store, EditLock | None]]]:
    held: list[tuple[Store, EditLock | None]] = []
    yield held
    for store, lock in held:
        store.close()
        if lock is not None:
            lock.release()


def _window(qtbot, store: Store, tmp_path: Path, name: str) -> MainWindow:
    window = MainWindow(
        Workspace(store), QSettings(str(tmp_path / name), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show()
    return window


def _rename(window: MainWindow, engagement_id: int, title: str) -> bool:
    command = UpdateEngagement(window.workspace, f"Rename to {title}", engagement_id, title=title)
    return window.workspace.push(command)


def test_the_second_window_is_read_only_says_so_and_loses_no_edit(
    qtbot, db_path: Path, tmp_path: Path, opened, monkeypatch
) -> None:
    opened.append(open_for_window(db_path))
    opened.append(open_for_window(db_path))
    (first_store, lock), (second_store, _) = opened
    engagement = engagements.create(first_store, "Shared engagement")
    first = _window(qtbot, first_store, tmp_path, "first.ini")
    second = _window(qtbot, second_store, tmp_path, "second.ini")

    assert first.read_only_banner is None
    banner = second.read_only_banner
    assert banner is not None and banner.isVisible()
    assert "Read-only" in banner.label.text()
    assert f"process {os.getpid()}" in banner.label.text()

    assert not _rename(second, engagement, "Stale title from the second window")
    assert "not saved" in banner.label.text()
    assert "read-only in this window" in second.statusBar().currentMessage()

    assert _rename(first, engagement, "Renamed in the first window")
    qtbot.mouseClick(banner.reload_button, Qt.MouseButton.LeftButton)
    assert second.sidebar.model.index(0).data() == "Renamed in the first window"
    assert engagements.get(first_store, engagement).title == "Renamed in the first window"

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: said.append(text))
    qtbot.mouseClick(banner.edit_button, Qt.MouseButton.LeftButton)
    assert "still open" in said[0] and banner.isVisible()

    first.close()
    first_store.close()
    assert lock is not None
    lock.release()
    qtbot.mouseClick(banner.edit_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    assert banner.lock is not None and banner.lock.held
    assert _rename(second, engagement, "Now edited in the second window")
    assert engagements.get(second_store, engagement).title == "Now edited in the second window"
    banner.lock.release()
