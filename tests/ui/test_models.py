"""Table and list models, without views: data, roles, edits, and their signals."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.models.collection_model import CollectionTableModel, Column, IdRole, fixed_choices
from ui.models.story_model import StoryFilter, StoryTableModel
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.services import collections, engagements


def actors_model(workspace: Workspace) -> CollectionTableModel:
    return CollectionTableModel(
        workspace,
        "actors",
        [
            Column("name", "Role"),
            Column("care_setting", "Care setting"),
            Column("kind", "Kind", kind="choice", choices=fixed_choices(v.ACTOR_KINDS)),
        ],
        "actor",
    )


def test_collection_model_shows_edits_and_undoes(qtbot, workspace: Workspace) -> None:
    eid = engagements.create(workspace.store, "Model")
    model = actors_model(workspace)
    model.set_owner(eid)
    with qtbot.waitSignal(model.modelReset):
        new_id = model.add({"name": "Pharmacist", "kind": "person"})
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Pharmacist"
    assert model.index(0, 2).data() == "person"
    assert model.index(0, 0).data(IdRole) == new_id
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(model.index(0, 1), "Hospital Services")
    assert collections.get(workspace.store, "actors", new_id)["care_setting"] == (
        "Hospital Services"
    )
    assert workspace.undo_stack.undoText() == "Edit actor Pharmacist: care setting"
    workspace.undo_stack.undo()
    assert model.index(0, 1).data() == ""
    assert not model.setData(model.index(0, 0), "   "), "a role cannot be blank"
    assert model.index(0, 0).data() == "Pharmacist"


def test_collection_model_removes_and_moves(workspace: Workspace) -> None:
    eid = engagements.create(workspace.store, "Model")
    model = actors_model(workspace)
    model.set_owner(eid)
    for name in ("A", "B", "C"):
        model.add({"name": name})
    assert model.move(0, 2)
    assert [model.index(r, 0).data() for r in range(3)] == ["B", "C", "A"]
    assert model.remove(1)
    assert [model.index(r, 0).data() for r in range(2)] == ["B", "A"]
    workspace.undo_stack.undo()
    assert [model.index(r, 0).data() for r in range(3)] == ["B", "C", "A"]


def test_story_model_renders_sentences_and_filters(workspace: Workspace, demo_id: int) -> None:
    model = StoryTableModel(workspace)
    model.set_engagement(demo_id)
    assert model.rowCount() == 14
    sentence = model.index(0, 2).data()
    assert sentence.startswith("As a General Practitioner (Primary Care General Practice) I want")
    assert " so that " in sentence
    proxy = StoryFilter(model)
    proxy.set_filter(status="draft")
    assert 0 < proxy.rowCount() < 14
    assert {proxy.index(r, 4).data() for r in range(proxy.rowCount())} == {"draft"}
    proxy.set_filter(status=None, text="US-004")
    assert proxy.rowCount() == 1
    proxy.set_filter(text="", feature_id=model.rows[0].feature_id)
    assert {model.rows[0].feature} == {proxy.index(r, 1).data() for r in range(proxy.rowCount())}
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Story"
