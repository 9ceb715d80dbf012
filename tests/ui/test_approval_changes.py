"""Step 8 lists the mappings changed since the last approval, and follows edits and undo."""

from __future__ import annotations

import datetime as dt

import pytest

from ui.main_window import MainWindow
from ui.undo import AddRow, UpdateRow
from workbook.services import collections

pytestmark = pytest.mark.gui


@pytest.fixture
def step8(window: MainWindow, demo_id: int):
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    window.view.open_step("approval")
    return window.view.pages["approval"].editor


def test_a_mapping_edit_shows_as_changed_until_undone(
    window: MainWindow, step8, demo_id: int
) -> None:
    assert step8.changes.rowCount() == 0
    assert "none" in step8.summary.text()
    mapping = collections.rows(window.workspace.store, "mappings", demo_id)[0]
    window.workspace.push(
        UpdateRow(
            window.workspace,
            "Edit mapping",
            "mappings",
            mapping["id"],
            element_path="List.identifier.system",
        )
    )
    assert step8.changes.rowCount() == 1
    row = [step8.changes.index(0, c).data() for c in range(5)]
    assert row[0] == "changed"
    assert row[3] == f"{mapping['element_path']} ({mapping['status']})"
    assert row[4] == f"List.identifier.system ({mapping['status']})"
    assert "1 changed" in step8.summary.text()
    assert "ask for another review" in step8.summary.text()

    window.workspace.undo_stack.undo()
    assert step8.changes.rowCount() == 0


def test_recording_a_new_approval_clears_the_list(window: MainWindow, step8, demo_id: int) -> None:
    mapping = collections.rows(window.workspace.store, "mappings", demo_id)[0]
    window.workspace.push(
        UpdateRow(window.workspace, "Edit mapping", "mappings", mapping["id"], status="partial")
    )
    assert step8.changes.rowCount() == 1
    window.workspace.push(
        AddRow(
            window.workspace,
            "Add review",
            "approvals",
            demo_id,
            approver="Dr B",
            decision="approved",
            date=dt.date(2030, 1, 1),
        )
    )
    assert step8.changes.rowCount() == 0
    assert "Dr B" in step8.summary.text()
    window.workspace.undo_stack.undo()
    assert step8.changes.rowCount() == 1
