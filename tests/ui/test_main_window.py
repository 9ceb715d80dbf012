"""The main window: first run, engagements in the sidebar, tabs by phase, settings."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton

from ui.main_window import MainWindow
from ui.workspace import Workspace
from workbook.catalogue.search import Query, search
from workbook.services import engagements

pytestmark = pytest.mark.gui


def test_an_empty_database_offers_the_three_ways_to_start(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.welcome
    labels = [b.text() for b in window.welcome.findChildren(QPushButton)]
    assert labels == ["New engagement", "Open the demo engagement", "Import engagement file…"]


def test_opening_the_demo_shows_it_with_its_steps(window: MainWindow) -> None:
    window.welcome.demo_requested.emit()
    assert window.stack.currentWidget() is window.view
    assert window.sidebar.model.rowCount() == 1
    assert window.view.overview.fields["client_code"].text() == "RX9"
    outer = window.view.outer
    assert [outer.tabText(i) for i in range(outer.count())] == [
        "Overview",
        "1–5  Agree business requirements",
        "6–12  Define the solution",
        "13–15  Deliver the solution",
    ]
    window.view.open_step("mapping")
    inner = outer.currentWidget()
    assert inner.tabText(inner.currentIndex()) == "7. Map dataset"


def test_new_rename_delete_and_undo(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    store = window.workspace.store
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Referrals to community", True))
    window.new_engagement()
    [summary] = engagements.summaries(store)
    assert summary.title == "Referrals to community"
    assert window.view.engagement_id == summary.id
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Community referrals", True))
    window.rename_engagement(summary.id)
    assert engagements.get(store, summary.id).title == "Community referrals"
    assert window.undo_action.text() == "&Undo Rename engagement Referrals to community"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.delete_engagement(summary.id)
    assert engagements.summaries(store) == []
    assert window.stack.currentWidget() is window.welcome
    window.workspace.undo_stack.undo()
    assert engagements.get(store, summary.id).title == "Community referrals"


def test_a_blank_title_is_refused(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("   ", True))
    window.new_engagement()
    assert engagements.summaries(window.workspace.store) == []
    assert "needs a title" in window.statusBar().currentMessage()


def test_search_filters_the_engagement_list(window: MainWindow) -> None:
    store = window.workspace.store
    engagements.create(store, "Allergies", client_name="Northfield")
    engagements.create(store, "Referrals", client_name="Wyre Valley")
    window.sidebar.model.refresh()
    window.sidebar.search.setText("wyre")
    assert window.sidebar.proxy.rowCount() == 1
    assert window.sidebar.proxy.index(0, 0).data() == "Referrals"


def test_duplicate_copies_the_engagement(window: MainWindow, demo_id: int) -> None:
    window.sidebar.model.refresh()
    window.duplicate_engagement(demo_id)
    titles = sorted(e.title for e in engagements.summaries(window.workspace.store))
    assert titles[0].startswith("Copy of ")


def test_last_engagement_and_geometry_are_restored(
    qtbot,
    workspace: Workspace,
    tmp_path: Path,
    demo_id: int,
) -> None:
    other = engagements.create(workspace.store, "Other")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = MainWindow(workspace, settings)
    qtbot.addWidget(first)
    first.open_engagement(demo_id)
    first.resize(701, 503)  # the offscreen screen is 800 x 800
    first.close()
    second = MainWindow(workspace, settings)
    qtbot.addWidget(second)
    assert second.view.engagement_id == demo_id
    assert second.view.engagement_id != other
    assert (second.size().width(), second.size().height()) == (701, 503)


def test_a_bad_engagement_file_is_reported_not_imported(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.engagement.json"
    bad.write_text('{"format": "engagement-workbook"')
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append(text))
    assert window.import_path(bad) is None
    assert "bad.engagement.json: line 1 column 33: not valid JSON" in shown[0]
    assert engagements.summaries(window.workspace.store) == []


def test_exports_from_the_file_menu(window: MainWindow, demo_id: int, tmp_path: Path) -> None:
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    menu_texts = [a.text() for a in window.export_actions[:3]]
    assert menu_texts == ["&Engagement file…", "E&xcel dataset workbook…", "&PDF case study…"]
    sent = tmp_path / "sent.engagement.json"
    assert window.export_to(sent)
    assert json.loads(sent.read_text(encoding="utf-8"))["engagement"]["client"]["name"].startswith(
        "Northfield"
    )
    workbook_file = tmp_path / "for-client.xlsx"
    assert window.export_to(workbook_file)
    assert openpyxl.load_workbook(workbook_file).sheetnames[:2] == ["Cover", "Dataset"]
    assert "Exported to" in window.statusBar().currentMessage()


def test_an_export_to_an_unknown_kind_is_refused(
    window: MainWindow, demo_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    assert not window.export_to(tmp_path / "notes.docx")
    assert "cannot export to this kind of file" in shown[0]
    assert not (tmp_path / "notes.docx").exists()


def test_a_story_promoted_from_the_stories_tab_shows_in_the_catalogue(
    window: MainWindow, demo_id: int
) -> None:
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    window.view.open_step("business_requirements")
    stories = window.view.pages["business_requirements"].stories
    stories.promote_story()
    assert window.undo_action.text().startswith("&Undo Promote")
    catalogue = window.show_catalogue()
    assert catalogue.isVisible()
    assert search(window.workspace.store, Query()).total == 1
    window.workspace.undo_stack.undo()
    assert search(window.workspace.store, Query()).total == 0
