"""Dragging data items in the step 5 tree: moves, reorders, refuses cycles, undoes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ui.main_window import MainWindow
from workbook.services import dataset

pytestmark = pytest.mark.gui

MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def editor(window: MainWindow, demo_id: int):
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    window.view.open_step("dataset")
    return window.view.pages["dataset"].editor


def _outline(window: MainWindow, demo_id: int) -> list[tuple[str, int]]:
    return [(name, depth) for _id, name, depth in dataset.outline(window.workspace.store, demo_id)]


def _index(editor, item_id: int) -> QModelIndex:
    return editor.proxy.mapFromSource(editor.model.index_of(item_id))


def _drop(editor, ids: list[int], row: int, parent_id: int | None) -> bool:
    """Drop as the tree view does: onto an item (row -1, column -1) or before ``row``."""
    data = editor.proxy.mimeData([_index(editor, i) for i in ids])
    parent = _index(editor, parent_id) if parent_id is not None else QModelIndex()
    column = -1 if row == -1 else 0
    assert editor.proxy.canDropMimeData(data, MOVE, row, column, parent)
    return editor.proxy.dropMimeData(data, MOVE, row, column, parent)


def test_dropping_an_item_onto_another_puts_it_inside_and_undo_puts_it_back(
    window: MainWindow, editor, demo_id: int
) -> None:
    before = _outline(window, demo_id)
    group = next(p for p, kids in editor.model.children.items() if p and len(kids) >= 2)
    moved, target = editor.model.children[group][-1], editor.model.children[group][0]
    name = editor.model.items[moved]["name"]
    _drop(editor, [moved], -1, target)
    item = editor.model.items[moved]
    assert item["parent_id"] == target
    assert editor.model.children[target][-1] == moved
    assert window.undo_action.text() == f"&Undo Move data item {name}"
    window.workspace.undo_stack.undo()
    assert _outline(window, demo_id) == before
    window.workspace.undo_stack.redo()
    assert editor.model.items[moved]["parent_id"] == target


def test_dragging_several_siblings_down_keeps_their_order(
    window: MainWindow, editor, demo_id: int
) -> None:
    parent = next(p for p, kids in editor.model.children.items() if p and len(kids) >= 5)
    kids = list(editor.model.children[parent])
    _drop(editor, [kids[0], kids[1]], 4, parent)
    assert editor.model.children[parent] == [kids[2], kids[3], kids[0], kids[1], *kids[4:]]
    window.workspace.undo_stack.undo()
    assert editor.model.children[parent] == kids


def test_a_group_dropped_inside_its_own_child_is_refused_with_a_message(
    window: MainWindow, editor, demo_id: int
) -> None:
    window.show()
    before = _outline(window, demo_id)
    group = next(p for p, kids in editor.model.children.items() if p and kids)
    child = editor.model.children[group][0]
    count = window.workspace.undo_stack.count()
    assert not _drop(editor, [group], -1, child)
    assert _outline(window, demo_id) == before
    assert window.workspace.undo_stack.count() == count
    assert "inside itself" in editor.message.text()
    assert editor.message.isVisible()


def test_items_from_another_engagement_cannot_be_dropped(editor) -> None:
    top = editor.model.children[None]
    data = editor.proxy.mimeData([_index(editor, top[0])])
    editor.model.engagement_id = -1
    try:
        assert not editor.proxy.canDropMimeData(data, MOVE, -1, 0, QModelIndex())
    finally:
        editor.model.engagement_id = editor.engagement_id
