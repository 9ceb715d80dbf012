"""The catalogue window: search as you type, preview, add to an engagement, promote; undo."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ui.catalogue_window import CatalogueWindow
from ui.workspace import Workspace
from workbook.catalogue import service, transfer
from workbook.db.store import Store
from workbook.files.engagement_file import export_document
from workbook.services import collections, engagements

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(qapp, store: Store) -> Iterator[Workspace]:
    ws = Workspace(store)
    yield ws
    ws.undo_stack.clear()


@pytest.fixture
def window(qtbot, workspace: Workspace) -> CatalogueWindow:
    shown = CatalogueWindow(workspace)
    qtbot.addWidget(shown)
    return shown


def _sentences(window: CatalogueWindow) -> list[str]:
    return [s.sentence for s in window.model.stories]


def _content(store: Store, engagement_id: int) -> dict:
    document = export_document(store, engagement_id)["engagement"]
    return {k: v for k, v in document.items() if k != "updated"}


def test_promoting_from_outside_shows_the_story_and_can_be_undone(
    window: CatalogueWindow, workspace: Workspace, demo_story_ids: dict[str, int]
) -> None:
    assert window.count.text() == (
        "The catalogue is empty: promote stories from an engagement, or import a file."
    )
    catalogue_id = window.promote(demo_story_ids["US-004"])
    assert window.message.text() == "US-004 is now in the catalogue."
    assert window.count.text() == "1 story"
    assert window.selected_ids() == [catalogue_id]
    assert window.preview.toPlainText().startswith(
        "As a General Practitioner (Primary Care General Practice) I want to see allergies"
    )
    assert "Each allergy shows the causative agent" in window.preview.toPlainText()
    assert workspace.undo_stack.undoText() == "Promote US-004 to the catalogue"

    workspace.undo_stack.undo()
    assert service.count(workspace.store) == 0
    assert window.model.stories == [] and window.preview.toPlainText() == ""
    workspace.undo_stack.redo()
    assert [s.id for s in window.model.stories] == [catalogue_id]
    assert transfer.origin(workspace.store, demo_story_ids["US-004"]) == catalogue_id

    assert window.promote(demo_story_ids["US-004"]) == catalogue_id
    assert window.message.text() == "US-004 is already in the catalogue."
    assert workspace.undo_stack.count() == 1


def test_search_as_you_type_and_filters(
    qtbot, window: CatalogueWindow, promoted: dict[str, int]
) -> None:
    window.refresh()
    assert window.count.text() == "14 stories"
    qtbot.keyClicks(window.search_box, "allerg")
    qtbot.waitUntil(lambda: window.count.text() == "1 story, best match first")
    assert [s.id for s in window.model.stories] == [promoted["US-004"]]
    window.search_box.clear()
    actor = window.filters["actor"]
    actor.setCurrentIndex(actor.findData("Patient"))
    window.search_now()
    assert [s.id for s in window.model.stories] == [promoted["US-008"], promoted["US-007"]]
    qtbot.keyClicks(window.search_box, "welsh")
    window.search_now()
    assert [s.id for s in window.model.stories] == [promoted["US-008"]]
    qtbot.keyClicks(window.search_box, " zebra")
    window.search_now()
    assert window.count.text() == "No story matches."
    assert [window.filters["tag"].itemText(i) for i in range(3)] == [
        "Any tag",
        "admission",
        "allergy",
    ]


def test_adding_to_the_engagement_copies_the_story_and_undo_removes_everything_it_made(
    window: CatalogueWindow, workspace: Workspace, promoted: dict[str, int]
) -> None:
    store = workspace.store
    target = engagements.create(store, "Community pharmacy pilot")
    before = _content(store, target)
    window.refresh()
    window.show_story(promoted["US-003"])
    assert not window.add_button.isEnabled()
    window.set_engagement(target)
    assert window.add_button.isEnabled()
    assert window.add_button.toolTip() == "Copy the story into “Community pharmacy pilot”"
    assert window.add_selected()
    assert window.message.text() == "Added to “Community pharmacy pilot” as US-001."
    story = collections.rows(store, "user_stories", target)[0]
    assert story["requirement"].startswith("to view the discharge medication list")
    assert len(collections.rows(store, "acceptance_criteria", story["id"])) == 3
    added = _content(store, target)

    workspace.undo_stack.undo()
    assert _content(store, target) == before
    workspace.undo_stack.redo()
    assert _content(store, target) == added
    assert transfer.origin(store, story["id"]) == promoted["US-003"]

    assert not window.add_selected()
    assert window.message.text() == (
        f"Not added: catalogue story {promoted['US-003']} is already in this engagement as US-001"
    )
    assert workspace.undo_stack.count() == 1


def test_an_engagement_deleted_meanwhile_cannot_be_added_to(
    window: CatalogueWindow, workspace: Workspace, promoted: dict[str, int]
) -> None:
    target = engagements.create(workspace.store, "Soon gone")
    window.refresh()
    window.set_engagement(target)
    window.show_story(promoted["US-001"])
    engagements.delete(workspace.store, target)
    workspace.notify("engagements")
    assert window.engagement_id is None
    assert not window.add_button.isEnabled()


def test_editing_and_removing_stories_can_be_undone(
    window: CatalogueWindow, workspace: Workspace, promoted: dict[str, int]
) -> None:
    store = workspace.store
    window.refresh()
    window.show_story(promoted["US-009"])
    original = window.previewed
    assert original is not None
    edited = dataclasses.replace(original, priority="could", tags=("workflow", "edited"))
    assert window.save_edit(edited)
    assert service.get(store, promoted["US-009"]).tags == ("workflow", "edited")
    assert "edited" in [
        window.filters["tag"].itemText(i) for i in range(window.filters["tag"].count())
    ]
    workspace.undo_stack.undo()
    assert service.get(store, promoted["US-009"]).tags == ("workflow",)

    window.table.selectAll()
    assert window.remove_selected()
    assert service.count(store) == 0
    assert window.count.text().startswith("The catalogue is empty")
    workspace.undo_stack.undo()
    assert service.count(store) == 14
    assert len(window.model.stories) == 14


def test_importing_a_file_adds_its_stories_and_undo_takes_them_away(
    window: CatalogueWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    path = tmp_path / "stories.csv"
    path.write_text(
        "Story\nAs a GP (primary care) I want to see the list so that I can check\nFaster fax\n",
        encoding="utf-8",
    )
    report = window.import_path(path)
    assert report is not None and len(report.added_ids) == 2
    assert window.message.text() == f"Imported 2 stories into the catalogue from {path} (1 note)"
    assert shown[0].endswith("to be corrected: Faster fax")
    assert window.count.text() == "2 stories"
    workspace.undo_stack.undo()
    assert service.count(workspace.store) == 0

    bad = tmp_path / "bad.json"
    bad.write_text("[{}]", encoding="utf-8")
    assert window.import_path(bad) is None
    assert shown[-1] == (
        f"{bad}: /0/requirement: a story needs its requirement (the “I want …” part)"
    )


def test_a_screenshot_of_the_demo_catalogue(
    window: CatalogueWindow, demo_story_ids: dict[str, int], tmp_path: Path
) -> None:
    for story_id in demo_story_ids.values():
        window.promote(story_id)
    window.search_box.setText("discharge list")
    window.search_now()
    window.table.selectRow(0)
    window.show()
    image = window.grab()
    assert image.save(str(tmp_path / "catalogue.png"))
    assert (image.width(), image.height()) == (1180, 720)
    assert window.count.text() == "8 stories, best match first"
