"""Step 8: the client's reviews of the mapping, and the mapping as it stands now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from ui.models.collection_model import CollectionTableModel, Column, fixed_choices
from ui.pages.step_page import StepPage
from ui.widgets.collection_editor import CollectionEditor
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.services import dataset


class ApprovalEditor(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.model = CollectionTableModel(
            workspace,
            "approvals",
            [
                Column("approver", "Approver", "Who reviewed the mapping"),
                Column("role", "Role", "e.g. Medication Safety Officer"),
                Column("date", "Date", "When (YYYY-MM-DD)"),
                Column(
                    "decision",
                    "Decision",
                    "approved, changes requested or rejected",
                    kind="choice",
                    choices=fixed_choices(v.APPROVAL_DECISIONS, blank=False),
                ),
                Column("comments", "Comments", "What they asked for or agreed to"),
            ],
            "review",
            label_field="approver",
        )
        self.table = CollectionEditor(
            self.model,
            lambda: {"approver": "New reviewer", "decision": "changes_requested"},
            noun="review",
            stretch_column=4,
            hint="Each review of the mapping by the client, oldest first",
        )
        self.mappings = CollectionTableModel(
            workspace,
            "mappings",
            [
                Column(
                    "data_item_id",
                    "Data item",
                    "The data item",
                    choices=self._items,
                    editable=False,
                ),
                Column("profile", "Profile", "The profile", editable=False),
                Column("element_path", "Element", "The element path", editable=False),
                Column("status", "Status", "The mapping's status", editable=False),
                Column("notes", "Notes", "Notes on the mapping", editable=False),
            ],
            "mapping",
            also_refresh_on=("data_items",),
        )
        current = QTableView()
        current.setModel(self.mappings)
        current.verticalHeader().setVisible(False)
        current.horizontalHeader().setStretchLastSection(True)
        current.setAlternatingRowColors(True)
        current.setToolTip("The mapping the next review will see; edit it in step 7")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        note = QLabel(
            "<b>The mapping as it stands now</b> — the workbook does not keep the history "
            "of mapping edits, so it cannot yet list what changed since the last review."
        )
        note.setWordWrap(True)
        lower_layout.addWidget(note)
        lower_layout.addWidget(current, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _items(self) -> list[tuple[int, str]]:
        if self.engagement_id is None:
            return []
        return [
            (i, name)
            for i, name, _depth in dataset.outline(self.workspace.store, self.engagement_id)
        ]

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.model.set_owner(engagement_id)
        self.mappings.set_owner(engagement_id)


def approval_page(workspace: Workspace) -> StepPage:
    return StepPage(workspace, "approval", ApprovalEditor(workspace), "Reviews")
