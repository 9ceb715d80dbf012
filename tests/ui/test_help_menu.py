"""Help › About says the version, the database and the log; Help › Open data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from ui.app_info import about_html
from ui.main_window import MainWindow
from workbook import __version__

pytestmark = pytest.mark.gui


def _menu_action(window: MainWindow, menu: str, text: str):
    (top,) = [a for a in window.menuBar().actions() if a.text().replace("&", "") == menu]
    (action,) = [a for a in top.menu().actions() if a.text().replace("&", "") == text]
    return action


def test_about_names_the_version_the_database_and_the_log(
    window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    text = about_html(window.workspace.store)
    assert __version__ in text and "run from source" in text
    assert str(db_path) in text
    assert str(tmp_path / "logs" / "workbook.log") in text
    assert _menu_action(window, "Help", "About Engagement Workbook").isEnabled()


def test_open_data_folder_shows_the_folder_of_the_database(
    window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    class Desktop:
        @staticmethod
        def openUrl(url: QUrl) -> bool:
            opened.append(url)
            return True

    monkeypatch.setattr("ui.app_info.QDesktopServices", Desktop)
    _menu_action(window, "Help", "Open data folder").trigger()
    assert [Path(u.toLocalFile()) for u in opened] == [db_path.parent]
