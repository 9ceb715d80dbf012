"""Each editor: an edit reaches the database through the services; undo and redo work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ui.main_window import MainWindow
from ui.pages.problem_statement import GraphStepPage
from ui.pages.text_step import TextStepPage
from workbook.services import collections, engagements, stages

pytestmark = pytest.mark.gui


def show(window: MainWindow, key: str, sub_tab: str | None = None) -> Any:
    """Open a step's tab (and one of step 4's sub-tabs) as the analyst would."""
    window.view.open_step(key)
    page = window.view.pages[key]
    if sub_tab is not None:
        page.tabs.setCurrentWidget(getattr(page, sub_tab))
        return getattr(page, sub_tab)
    return page


@pytest.fixture
def opened(window: MainWindow, demo_id: int) -> MainWindow:
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    return window


def test_typing_is_saved_after_a_pause_and_undone_in_one_step(
    qtbot,
    opened: MainWindow,
    demo_id: int,
) -> None:
    page: TextStepPage = show(opened, "case_overview")
    store = opened.workspace.store
    before = stages.get(store, demo_id, "case_overview").text
    editor = page.text
    editor.edit.moveCursor(editor.edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.edit, " Added by the analyst.")
    qtbot.waitUntil(
        lambda: "Added by the analyst." in stages.get(store, demo_id, "case_overview").text
    )
    assert opened.workspace.undo_stack.count() == 1
    assert opened.undo_action.text() == "&Undo Edit text of Document case overview"
    opened.workspace.undo_stack.undo()
    assert stages.get(store, demo_id, "case_overview").text == before
    assert "Added by the analyst." not in editor.edit.toPlainText()
    opened.workspace.undo_stack.redo()
    assert "Added by the analyst." in stages.get(store, demo_id, "case_overview").text


def test_bold_text_is_stored_as_markdown(qtbot, window: MainWindow) -> None:
    store = window.workspace.store
    eid = engagements.create(store, "Markdown")
    window.sidebar.model.refresh()
    window.open_engagement(eid)
    editor = show(window, "client_context").text
    qtbot.keyClicks(editor.edit, "Plain ")
    editor._bold()
    qtbot.keyClicks(editor.edit, "strong")
    editor.save()
    assert stages.get(store, eid, "client_context").text == "Plain **strong**"


def test_step_status_is_saved_and_shown_on_the_tab(opened: MainWindow, demo_id: int) -> None:
    header = show(opened, "learning").header
    header.status.setCurrentIndex(header.status.findData("done"))
    header._chosen()
    assert stages.get(opened.workspace.store, demo_id, "learning").status == "done"
    opened.workspace.undo_stack.undo()
    assert stages.get(opened.workspace.store, demo_id, "learning").status == "not_started"
    assert header.status.currentData() == "not_started"


def test_a_new_story_is_numbered_and_edited_in_the_form(
    qtbot,
    opened: MainWindow,
    demo_id: int,
) -> None:
    stories_page = show(opened, "business_requirements", "stories")
    store = opened.workspace.store
    stories_page.add_story()
    new_id = stories_page.current_id()
    assert collections.get(store, "user_stories", new_id)["ref"] == "US-015"
    form = stories_page.form
    form.requirement.setPlainText("to see allergies first")
    form.justification.setPlainText("I do not prescribe something harmful")
    form.save_text_fields()
    story = collections.get(store, "user_stories", new_id)
    assert (story["requirement"], story["justification"]) == (
        "to see allergies first",
        "I do not prescribe something harmful",
    )
    form.actor.setCurrentIndex(1)
    form._choose(form.actor, "actor_id")
    assert collections.get(store, "user_stories", new_id)["actor_id"] == form.actor.itemData(1)
    assert form.sentence.text().endswith(
        "I want to see allergies first so that I do not prescribe something harmful"
    )
    opened.workspace.undo_stack.undo()
    assert collections.get(store, "user_stories", new_id)["actor_id"] is None


def test_a_duplicate_story_ref_gets_an_inline_message(opened: MainWindow) -> None:
    form = show(opened, "business_requirements", "stories").form
    form.ref.setText("US-002")
    form.save_text_fields()
    assert form.message.text() == "Another story already has the reference US-002."


def test_criteria_and_data_item_links(opened: MainWindow) -> None:
    form = show(opened, "business_requirements", "stories").form
    store = opened.workspace.store
    story_id = form.story_id
    count = len(collections.rows(store, "acceptance_criteria", story_id))
    form.criteria_model.add({"text": "Shown within one minute", "kind": "clinical"})
    assert len(collections.rows(store, "acceptance_criteria", story_id)) == count + 1
    links = form.links_model
    unticked = next(
        r
        for r in range(links.rowCount())
        if links.index(r).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    )
    target = links.rows[unticked][0]
    links.setData(
        links.index(unticked), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert target in collections.links(store, "user_stories", story_id, "data_items")


def test_merging_actors_repoints_their_stories_in_one_undo(
    opened: MainWindow, demo_id: int
) -> None:
    store = opened.workspace.store
    page = show(opened, "business_requirements", "actors")
    stories = collections.rows(store, "user_stories", demo_id)
    merged = stories[0]["actor_id"]
    keep = next(a["id"] for a in collections.rows(store, "actors", demo_id) if a["id"] != merged)
    assert page.merge(merged, keep)
    after = collections.rows(store, "user_stories", demo_id)
    assert all(s["actor_id"] != merged for s in after)
    assert after[0]["actor_id"] == keep
    assert opened.undo_action.text().startswith("&Undo Merge actor")
    opened.workspace.undo_stack.undo()
    assert collections.rows(store, "user_stories", demo_id)[0]["actor_id"] == merged


def test_problem_statement_tables_edit_the_diagram_data(opened: MainWindow, demo_id: int) -> None:
    page: GraphStepPage = show(opened, "problem_statement")
    nodes = page.graph.nodes
    count = nodes.rowCount()
    nodes.add({"label": "Out-of-hours GP", "kind": "organisation"})
    labels = [
        r["label"]
        for r in collections.rows(
            opened.workspace.store, "graph_nodes", demo_id, stage_key="problem_statement"
        )
    ]
    assert labels[-1] == "Out-of-hours GP" and len(labels) == count + 1
    edges = page.graph.edges
    edges.setData(edges.index(0, 3), "planned")
    assert (
        collections.rows(
            opened.workspace.store, "graph_edges", demo_id, stage_key="problem_statement"
        )[0]["kind"]
        == "planned"
    )


def test_attaching_images_and_refusing_other_files(
    opened: MainWindow, tmp_path: Path, demo_id: int
) -> None:
    panel = show(opened, "client_context").attachments
    picture = tmp_path / "context.png"
    image = QImage(8, 6, QImage.Format.Format_RGB32)
    image.fill(QColor("#0072b2"))
    assert image.save(str(picture))
    assert panel.attach(picture)
    assert [
        a.filename for a in stages.attachments(opened.workspace.store, demo_id, "client_context")
    ] == ["context.png"]
    fake = tmp_path / "notes.png"
    fake.write_text("not really a picture")
    assert not panel.attach(fake)
    assert panel.message.text() == "notes.png is not a PNG, JPEG or SVG image."
    opened.workspace.undo_stack.undo()
    assert stages.attachments(opened.workspace.store, demo_id, "client_context") == []


def test_new_actor_inline_from_the_story_form(
    opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = show(opened, "business_requirements", "stories").form
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: ("Health Visitor (Community Services)", True)
    )
    form.actor.setCurrentIndex(form.actor.count() - 1)
    form._choose(form.actor, "actor_id")
    story = collections.get(opened.workspace.store, "user_stories", form.story_id)
    actor = collections.get(opened.workspace.store, "actors", story["actor_id"])
    assert (actor["name"], actor["care_setting"]) == ("Health Visitor", "Community Services")


def test_deleting_an_actor_that_stories_use_asks_first(
    opened: MainWindow, demo_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = show(opened, "business_requirements", "actors")
    store = opened.workspace.store
    used = collections.rows(store, "user_stories", demo_id)[0]["actor_id"]
    editor = page.actors_editor
    editor.select_id(used)
    asked = []

    def answer(_parent, _title, text):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    editor._remove()
    assert "use this actor (US-001" in asked[0]
    assert collections.get(store, "actors", used)["name"]


def test_pasting_a_megabyte_of_text_keeps_it_all_and_says_so(
    opened: MainWindow, demo_id: int
) -> None:
    editor = show(opened, "case_study").text
    text = "Lorem ipsum dolor sit amet. " * 40_000
    editor.edit.setPlainText(text)
    editor.save()
    assert editor.note.isVisible() or "very long" in editor.note.text()
    stored = stages.get(opened.workspace.store, demo_id, "case_study").text
    assert len(stored) >= len(text.strip())
