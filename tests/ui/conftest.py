"""GUI fixtures: a workspace over a real database, and a main window with private settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ui.main_window import MainWindow
from ui.workspace import Workspace
from workbook.db.store import Store


@pytest.fixture
def workspace(qapp, store: Store) -> Iterator[Workspace]:
    ws = Workspace(store)
    yield ws
    ws.undo_stack.clear()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, workspace: Workspace, settings: QSettings) -> MainWindow:
    main = MainWindow(workspace, settings)
    qtbot.addWidget(main)
    return main
