"""Undo commands over the services, with a bare QUndoStack and no widgets."""

from __future__ import annotations

from ui.undo import AddRow, DeleteRow, SetLinks, SetStageStatus, SetStageText, UpdateRow
from ui.workspace import Workspace
from workbook.files.engagement_file import export_document
from workbook.services import collections, engagements, stages


def test_add_then_undo_then_redo_gives_back_the_same_row(workspace: Workspace) -> None:
    eid = engagements.create(workspace.store, "Undo")
    command = AddRow(workspace, "Add actor", "actors", eid, name="Pharmacist")
    assert workspace.push(command)
    first_id = command.row_id
    workspace.undo_stack.undo()
    assert collections.rows(workspace.store, "actors", eid) == []
    workspace.undo_stack.redo()
    assert [r["id"] for r in collections.rows(workspace.store, "actors", eid)] == [first_id]
    assert workspace.undo_stack.undoText() == "Add actor"


def test_delete_of_a_used_actor_undoes_completely(workspace: Workspace, demo_id: int) -> None:
    store = workspace.store
    before = export_document(store, demo_id)["engagement"]["user_stories"]
    actor = collections.rows(store, "user_stories", demo_id)[0]["actor_id"]
    workspace.push(DeleteRow(workspace, "Delete actor", "actors", actor))
    assert export_document(store, demo_id)["engagement"]["user_stories"] != before
    workspace.undo_stack.undo()
    assert export_document(store, demo_id)["engagement"]["user_stories"] == before
    workspace.undo_stack.redo()
    assert (
        collections.get(
            store, "user_stories", collections.rows(store, "user_stories", demo_id)[0]["id"]
        )["actor_id"]
        is None
    )


def test_typing_in_one_step_is_one_undo_step(workspace: Workspace) -> None:
    store = workspace.store
    eid = engagements.create(store, "Typing")
    stages.set_text(store, eid, "client_context", "Start")
    for text in ("Start.", "Start. More", "Start. More text"):
        previous = stages.get(store, eid, "client_context").text
        workspace.push(
            SetStageText(workspace, eid, "client_context", "client's context", previous, text)
        )
    assert workspace.undo_stack.count() == 1
    workspace.undo_stack.undo()
    assert stages.get(store, eid, "client_context").text == "Start"
    workspace.undo_stack.redo()
    assert stages.get(store, eid, "client_context").text == "Start. More text"


def test_a_refused_edit_is_reported_and_not_kept(workspace: Workspace, qtbot) -> None:
    eid = engagements.create(workspace.store, "Refused")
    story = collections.add(workspace.store, "user_stories", eid, requirement="x")
    with qtbot.waitSignal(workspace.failed) as failed:
        ok = workspace.push(UpdateRow(workspace, "Edit", "user_stories", story, priority="urgent"))
    assert not ok
    assert "priority must be one of" in failed.args[0]
    assert workspace.undo_stack.count() == 0


def test_links_and_status_undo(workspace: Workspace) -> None:
    store = workspace.store
    eid = engagements.create(store, "Links")
    item = collections.add(store, "data_items", eid, name="NHS number")
    story = collections.add(store, "user_stories", eid, requirement="x")
    workspace.push(SetLinks(workspace, "Link", "user_stories", story, "data_items", [item]))
    workspace.push(SetStageStatus(workspace, eid, "dataset", "Identify dataset", "done"))
    assert stages.get(store, eid, "dataset").status == "done"
    workspace.undo_stack.undo()
    workspace.undo_stack.undo()
    assert stages.get(store, eid, "dataset").status == "not_started"
    assert collections.links(store, "user_stories", story, "data_items") == []
