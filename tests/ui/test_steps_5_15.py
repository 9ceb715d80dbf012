"""Steps 5–15: each editor's edit reaches the database, undo restores it, redo re-applies it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from ui.main_window import MainWindow
from ui.models import mapping_grid as mapping_grid_model
from ui.models.collection_model import IdRole
from ui.models.dataset_tree import DatasetTreeModel
from ui.undo import DeleteRow
from ui.undo_dataset import MoveDataItem
from ui.workspace import Workspace
from workbook.services import collections, dataset, engagements

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(window: MainWindow, demo_id: int) -> MainWindow:
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    return window


def editor_of(window: MainWindow, key: str) -> Any:
    window.view.open_step(key)
    return window.view.pages[key].editor


def undo_label(window: MainWindow) -> str:
    return window.undo_action.text().removeprefix("&Undo ")


# ------------------------------------------------------------------ dataset tree model
@pytest.fixture
def small_tree(workspace: Workspace) -> tuple[int, dict[str, int]]:
    store = workspace.store
    eid = engagements.create(store, "Tree")
    ids: dict[str, int] = {}
    ids["patient"] = collections.add(store, "data_items", eid, name="Patient")
    ids["nhs"] = collections.add(
        store,
        "data_items",
        eid,
        name="NHS number",
        parent_id=ids["patient"],
        data_type="identifier",
    )
    ids["dob"] = collections.add(
        store, "data_items", eid, name="Birth date", parent_id=ids["patient"]
    )
    ids["drug"] = collections.add(store, "data_items", eid, name="Medicine")
    return eid, ids


def test_tree_model_shows_nested_items(workspace: Workspace, small_tree) -> None:
    eid, ids = small_tree
    model = DatasetTreeModel(workspace)
    model.set_engagement(eid)
    assert model.rowCount() == 2
    patient = model.index(0, 0)
    assert patient.data() == "Patient"
    assert model.rowCount(patient) == 2
    nhs = model.index(0, 1, patient)
    assert nhs.data() == "identifier"
    assert nhs.data(IdRole) == ids["nhs"]
    assert model.parent(nhs) == patient
    assert model.parent(patient) == QModelIndex()
    assert model.index(1, 0).data() == "Medicine"
    assert model.rowCount(model.index(1, 0)) == 0
    assert model.counts() == (4, 1)


def test_moves_reset_the_tree_and_undo_puts_the_item_back(
    qtbot, workspace: Workspace, small_tree
) -> None:
    eid, ids = small_tree
    model = DatasetTreeModel(workspace)
    model.set_engagement(eid)
    with qtbot.waitSignal(model.modelReset):
        workspace.push(
            MoveDataItem(workspace, "Indent Medicine", ids["drug"], ids["patient"], None)
        )
    assert model.rowCount() == 1
    assert model.index(2, 0, model.index(0, 0)).data() == "Medicine"
    with qtbot.waitSignal(model.modelReset):
        workspace.undo_stack.undo()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Patient", "Medicine"]
    # moving an item within its siblings
    workspace.push(MoveDataItem(workspace, "Move", ids["dob"], ids["patient"], 0))
    assert [model.index(r, 0, model.index(0, 0)).data() for r in range(2)] == [
        "Birth date",
        "NHS number",
    ]


def test_a_value_edit_changes_cells_without_a_reset(
    qtbot, workspace: Workspace, small_tree
) -> None:
    eid, ids = small_tree
    model = DatasetTreeModel(workspace)
    model.set_engagement(eid)
    nhs = model.index(0, 3, model.index(0, 0))
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        assert model.setData(nhs, "PAS")
    assert collections.get(workspace.store, "data_items", ids["nhs"])["source_system"] == "PAS"


def test_moving_an_item_under_its_own_child_is_refused(workspace: Workspace, small_tree) -> None:
    _eid, ids = small_tree
    messages: list[str] = []
    workspace.failed.connect(messages.append)
    assert not workspace.push(MoveDataItem(workspace, "Move", ids["patient"], ids["nhs"], None))
    assert messages == ['cannot move "Patient" inside itself']
    assert collections.get(workspace.store, "data_items", ids["patient"])["parent_id"] is None
    assert workspace.undo_stack.count() == 0


# ------------------------------------------------------------------ step 5 page
def test_dataset_page_edits_indents_and_deletes_with_undo(
    opened: MainWindow, demo_id: int, monkeypatch
) -> None:
    editor = editor_of(opened, "dataset")
    store = opened.workspace.store
    assert editor.count.text() == "45 items, 10 groups"
    first = editor.model.children[None][0]
    editor.select(first)
    new_id = editor.add_child()
    assert collections.get(store, "data_items", new_id)["parent_id"] == first
    assert undo_label(opened) == "Add data item"
    # rename through the view's model (the filter proxy)
    index = editor.view.currentIndex()
    assert editor.proxy.setData(index, "Ward")
    assert collections.get(store, "data_items", new_id)["name"] == "Ward"
    opened.workspace.undo_stack.undo()
    assert collections.get(store, "data_items", new_id)["name"] == "New item"
    opened.workspace.undo_stack.redo()
    assert collections.get(store, "data_items", new_id)["name"] == "Ward"
    # outdent, then undo
    editor.select(new_id)
    assert editor.outdent()
    assert collections.get(store, "data_items", new_id)["parent_id"] is None
    assert undo_label(opened) == "Outdent data item Ward"
    opened.workspace.undo_stack.undo()
    assert collections.get(store, "data_items", new_id)["parent_id"] == first
    # delete a whole group with its mappings, in one undo step
    before = len(dataset.tree(store, demo_id))
    mappings = collections.count(store, "mappings", demo_id)
    asked: list[str] = []

    def answer(_parent, _title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    editor.select(first)
    impact = dataset.deletion_impact(store, first)
    assert editor.delete_selected()
    assert impact.describe() in asked[0]
    assert len(dataset.tree(store, demo_id)) == before - impact.items
    assert collections.count(store, "mappings", demo_id) == mappings - impact.mappings
    opened.workspace.undo_stack.undo()
    assert len(dataset.tree(store, demo_id)) == before
    assert collections.count(store, "mappings", demo_id) == mappings
    opened.workspace.undo_stack.redo()
    assert len(dataset.tree(store, demo_id)) == before - impact.items


def test_dataset_filter_keeps_the_groups_of_matching_items(opened: MainWindow) -> None:
    editor = editor_of(opened, "dataset")
    editor.filter.setText("NHS number")
    proxy = editor.proxy
    assert proxy.rowCount() >= 1
    group = proxy.index(0, 0)
    assert proxy.rowCount(group) >= 1


# ------------------------------------------------------------------ steps 12, 14, 15
@pytest.mark.parametrize(
    ("key", "kind", "column", "value"),
    [
        ("curation", "change_requests", 2, "Allow a restart date on List.entry"),
        ("implementation", "tests", 0, "Stopped medicine shows as stopped"),
        ("learning", "lessons", 1, "Clients' XML samples beat spreadsheets"),
    ],
)
def test_delivery_tables_edit_with_undo(
    opened: MainWindow, demo_id: int, key: str, kind: str, column: int, value: str
) -> None:
    editor = editor_of(opened, key)
    store = opened.workspace.store
    model = editor.model
    rows = model.rowCount()
    editor.table._add()
    assert model.rowCount() == rows + 1
    new_id = editor.table.current_id()
    field = model.columns[column].field
    assert model.setData(model.index(model.row_of(new_id), column), value)
    assert collections.get(store, kind, new_id)[field] == value
    opened.workspace.undo_stack.undo()
    assert collections.get(store, kind, new_id)[field] != value
    opened.workspace.undo_stack.redo()
    assert collections.get(store, kind, new_id)[field] == value


def test_change_request_links_data_items(opened: MainWindow, demo_id: int) -> None:
    editor = editor_of(opened, "curation")
    store = opened.workspace.store
    editor.table.select_id(editor.model.row_dict(0)["id"])
    request = editor.table.current_id()
    before = collections.links(store, "change_requests", request, "data_items")
    row = next(i for i, (ident, _) in enumerate(editor.links.rows) if ident not in before)
    editor.links.setData(
        editor.links.index(row), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert collections.links(store, "change_requests", request, "data_items") == [
        *before,
        editor.links.rows[row][0],
    ]
    opened.workspace.undo_stack.undo()
    assert collections.links(store, "change_requests", request, "data_items") == before


def test_test_counts_follow_results(opened: MainWindow) -> None:
    editor = editor_of(opened, "implementation")
    model = editor.model
    passed = sum(1 for i in range(model.rowCount()) if model.row_dict(i)["result"] == "pass")
    assert f"{passed} pass" in editor.counts.text()
    row = next(i for i in range(model.rowCount()) if model.row_dict(i)["result"] != "pass")
    model.setData(model.index(row, 5), "pass")
    assert f"{passed + 1} pass" in editor.counts.text()


# ------------------------------------------------------------------ step 7 mapping
def test_mapping_grid_adds_changes_and_removes_a_mapping_with_undo(
    opened: MainWindow, demo_id: int
) -> None:
    editor = editor_of(opened, "mapping")
    model = editor.model
    store = opened.workspace.store
    assert model.columnCount() == 1 + collections.count(store, "profiles", demo_id)
    counts = model.grid.status_counts()
    assert sum(counts[s] for s in ("mapped", "partial", "derived", "extension_needed", "gap")) == 45
    patient = next(
        c for c in range(1, model.columnCount()) if model.profile_of(c).resource_type == "Patient"
    )
    assert "Patient.identifier:nhsNumber.value" in model.paths_for(patient)
    row = next(
        r
        for r in range(model.rowCount())
        if not model.mappings_at(model.index(r, patient)) and not model.row(r).is_group
    )
    item_id = model.row(row).item["id"]
    before = collections.count(store, "mappings", demo_id)
    assert model.setData(model.index(row, patient), "Patient.birthDate")
    added = [
        m
        for m in collections.rows(store, "mappings", demo_id)
        if m["data_item_id"] == item_id and m["element_path"] == "Patient.birthDate"
    ]
    assert len(added) == 1 and added[0]["status"] == "mapped"
    assert undo_label(opened).startswith("Map ")
    opened.workspace.undo_stack.undo()
    assert collections.count(store, "mappings", demo_id) == before
    opened.workspace.undo_stack.redo()
    assert collections.count(store, "mappings", demo_id) == before + 1
    # status through the chooser under the grid
    editor.view.setCurrentIndex(model.index(row, patient))
    editor.status.setCurrentIndex(editor.status.findData("partial"))
    assert editor._update(status="partial")
    assert collections.get(store, "mappings", added[0]["id"])["status"] == "partial"
    opened.workspace.undo_stack.undo()
    assert collections.get(store, "mappings", added[0]["id"])["status"] == "mapped"
    # clearing the cell removes the mapping
    assert model.setData(model.index(row, patient), "")
    assert collections.count(store, "mappings", demo_id) == before


def test_a_wrong_path_is_kept_and_its_cell_marked(opened: MainWindow, demo_id: int) -> None:
    editor = editor_of(opened, "mapping")
    model = editor.model
    index = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(1, model.columnCount())
        if model.mappings_at(model.index(r, c))
    )
    mapping_id = model.mappings_at(index)[0]["id"]
    assert model.setData(index, "Patient.nonsense")
    index = model.index(index.row(), index.column())
    assert (
        collections.get(opened.workspace.store, "mappings", mapping_id)["element_path"]
        == "Patient.nonsense"
    )
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "error:" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_mapping_to_a_profile_out_of_scope_shows_in_its_own_column(
    opened: MainWindow, demo_id: int
) -> None:
    store = opened.workspace.store
    editor = editor_of(opened, "mapping")
    profile = collections.rows(store, "profiles", demo_id)[0]
    mapped = [
        m for m in collections.rows(store, "mappings", demo_id) if m["profile"] == profile["url"]
    ]
    columns = editor.model.columnCount()
    opened.workspace.push(DeleteRow(opened.workspace, "Remove profile", "profiles", profile["id"]))
    model = editor.model
    assert model.columnCount() == columns  # one profile fewer, one "Not in scope" column more
    assert model.headerData(columns - 1, Qt.Orientation.Horizontal) == "Not in scope"
    assert model.grid.out_of_scope == len(mapped) > 0
    assert collections.count(store, "mappings", demo_id) == 45


# ------------------------------------------------------------------ steps 6, 8, 9, 10
def test_adding_a_catalogue_profile_to_scope_with_undo(opened: MainWindow, demo_id: int) -> None:
    editor = editor_of(opened, "profiles")
    store = opened.workspace.store
    before = collections.count(store, "profiles", demo_id)
    editor.search.setText("CareConnect-Condition")
    assert editor.proxy.rowCount() == 1
    editor.list.setCurrentIndex(editor.proxy.index(0, 0))
    assert editor.add_selected()
    added = collections.rows(store, "profiles", demo_id)[-1]
    assert (added["name"], added["resource_type"]) == ("CareConnect-Condition-1", "Condition")
    assert undo_label(opened) == "Add profile CareConnect-Condition-1"
    assert not editor.add_selected()  # already in scope
    opened.workspace.undo_stack.undo()
    assert collections.count(store, "profiles", demo_id) == before
    opened.workspace.undo_stack.redo()
    assert collections.count(store, "profiles", demo_id) == before + 1


def test_approval_is_recorded_with_undo(opened: MainWindow, demo_id: int) -> None:
    editor = editor_of(opened, "approval")
    store = opened.workspace.store
    assert editor.changes.rowCount() == 0
    editor.table._add()
    new_id = editor.table.current_id()
    model = editor.model
    assert model.setData(model.index(model.row_of(new_id), 3), "approved")
    assert collections.get(store, "approvals", new_id)["decision"] == "approved"
    opened.workspace.undo_stack.undo()
    assert collections.get(store, "approvals", new_id)["decision"] == "changes_requested"
    opened.workspace.undo_stack.redo()
    assert collections.get(store, "approvals", new_id)["decision"] == "approved"


def test_api_parameters_change_the_request_line_with_undo(opened: MainWindow, demo_id: int) -> None:
    editor = editor_of(opened, "api_design")
    store = opened.workspace.store
    post = next(
        r for r in collections.rows(store, "api_signatures", demo_id) if r["path"] == "/Task"
    )
    editor.signatures_editor.select_id(post["id"])
    assert editor.preview.text() == "POST [baseUrl]/Task"
    editor.parameters_editor._add()
    model = editor.parameters
    assert model.setData(model.index(0, 0), "owner")
    assert model.setData(model.index(0, 2), "ODS|FX4T1")
    assert editor.preview.text() == "POST [baseUrl]/Task?owner=ODS|FX4T1"
    opened.workspace.undo_stack.undo()
    assert editor.preview.text() == "POST [baseUrl]/Task?owner=…"
    opened.workspace.undo_stack.redo()
    assert collections.rows(store, "search_parameters", post["id"])[0]["value"] == "ODS|FX4T1"
    # a parameter without a name is refused, inline, and nothing changes
    refused: list[str] = []
    opened.workspace.failed.connect(refused.append)
    assert not model.setData(model.index(0, 0), "")
    assert collections.rows(store, "search_parameters", post["id"])[0]["name"] == "owner"
    assert len(refused) == 1 and "name" in refused[0]


def test_sequence_steps_and_create_from_api_signature(opened: MainWindow, demo_id: int) -> None:
    editor = editor_of(opened, "interaction_flow")
    store = opened.workspace.store
    sequence_id = editor.sequences_editor.current_id()
    steps = collections.count(store, "sequence_steps", sequence_id)
    assert editor.diagram.name == collections.get(store, "sequences", sequence_id)["name"]
    model = editor.sequences
    assert model.index(0, 2).data().startswith("Discharging Doctor, Hospital EPMA")
    assert model.setData(model.index(0, 2), "Doctor, EPMA")
    assert collections.get(store, "sequences", sequence_id)["participants"] == ["Doctor", "EPMA"]
    opened.workspace.undo_stack.undo()
    assert len(collections.get(store, "sequences", sequence_id)["participants"]) == 5
    signature = collections.rows(store, "api_signatures", demo_id)[0]
    assert editor.add_from_signature(signature["id"])
    added = collections.rows(store, "sequence_steps", sequence_id)[-2:]
    assert [(s["message"], s["kind"]) for s in added] == [
        (f"GET {signature['path']}", "call"),
        (signature["result"], "reply"),
    ]
    opened.workspace.undo_stack.undo()
    assert collections.count(store, "sequence_steps", sequence_id) == steps


def test_a_large_grid_shows_at_once_and_marks_its_cells_when_checked(
    qtbot, opened: MainWindow, demo_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mapping_grid_model, "CHECK_AT_ONCE_UP_TO", 10)  # the demo's 45 is "large"
    editor = editor_of(opened, "mapping")
    model = editor.model
    qtbot.waitUntil(lambda: not model.checks_pending())
    index = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(1, model.columnCount())
        if model.mappings_at(model.index(r, c))
    )
    assert model.setData(index, "Patient.nonsense")
    assert model.checks_pending()  # the grid is shown before its mappings are checked
    index = model.index(index.row(), index.column())
    assert model.mappings_at(index)[0]["element_path"] == "Patient.nonsense"
    qtbot.waitUntil(lambda: not model.checks_pending())
    assert "error:" in index.data(Qt.ItemDataRole.ToolTipRole)
    opened.workspace.undo_stack.undo()
    qtbot.waitUntil(lambda: not model.checks_pending())
    assert "error:" not in model.index(index.row(), index.column()).data(
        Qt.ItemDataRole.ToolTipRole
    )
