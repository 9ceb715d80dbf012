"""Step 12: "Propose from gaps" adds the chosen change requests as one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.main_window import MainWindow
from ui.widgets.proposals_dialog import ProposalsDialog
from workbook.services import collections
from workbook.services.curation import proposals_from_gaps

pytestmark = pytest.mark.gui


def test_proposals_are_chosen_added_and_undone_together(window: MainWindow, demo_id: int) -> None:
    store = window.workspace.store
    items = [
        collections.add(store, "data_items", demo_id, name=name)
        for name in ("Allergy reaction", "Allergy severity", "Allergy onset")
    ]
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    window.view.open_step("curation")
    editor = window.view.pages["curation"].editor
    before = collections.rows(store, "change_requests", demo_id)
    offered = []

    def choose(proposals):
        offered.extend(proposals)
        return proposals[:2]

    assert editor.propose_from_gaps(choose) == 2
    assert [p.data_item_id for p in offered] == items
    after = collections.rows(store, "change_requests", demo_id)
    assert [r["summary"] for r in after[len(before) :]] == [
        "Find a home for Allergy reaction",
        "Find a home for Allergy severity",
    ]
    assert editor.model.rowCount() == len(after)
    assert window.undo_action.text() == "&Undo Propose 2 change requests"
    window.workspace.undo_stack.undo()
    assert collections.rows(store, "change_requests", demo_id) == before
    window.workspace.undo_stack.redo()
    assert collections.rows(store, "change_requests", demo_id) == after


def test_nothing_to_propose_says_so(window: MainWindow, demo_id: int, qtbot) -> None:
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    window.view.open_step("curation")
    editor = window.view.pages["curation"].editor
    with qtbot.waitSignal(window.workspace.message) as said:
        assert editor.propose_from_gaps(lambda proposals: proposals) == 0
    assert "already has a change request" in said.args[0]


def test_the_dialog_adds_only_the_ticked_proposals(qtbot, store, demo_id: int) -> None:
    for name in ("Allergy reaction", "Allergy severity"):
        collections.add(store, "data_items", demo_id, name=name)
    dialog = ProposalsDialog(proposals_from_gaps(store, demo_id))
    qtbot.addWidget(dialog)
    dialog.model.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert [p.data_item for p in dialog.chosen()] == ["Allergy severity"]
