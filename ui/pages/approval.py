"""Step 8: the client's reviews of the mapping, and what changed since the last approval."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from ui.models.collection_model import CollectionTableModel, Column, fixed_choices
from ui.models.mapping_changes import MappingChangesModel
from ui.pages.step_page import StepPage
from ui.widgets.collection_editor import CollectionEditor
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.services.reviews import ChangesSinceApproval, changes_since_approval


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
        self.changes = MappingChangesModel(self)
        changed = QTableView()
        changed.setModel(self.changes)
        changed.verticalHeader().setVisible(False)
        changed.horizontalHeader().setStretchLastSection(True)
        changed.setAlternatingRowColors(True)
        changed.setWordWrap(True)
        changed.setToolTip("Mappings edited in step 7 after the last approval")
        self.changed_view = changed
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(changed, 1)
        workspace.changed.connect(self._on_changed)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _on_changed(self, kind: str) -> None:
        if kind in ("approvals", "mappings", "data_items", "engagements"):
            self.refresh_changes()

    def refresh_changes(self) -> None:
        if self.engagement_id is None:
            self.changes.set_changes(ChangesSinceApproval(None, []))
            self.summary.clear()
            return
        found = changes_since_approval(self.workspace.store, self.engagement_id)
        self.changes.set_changes(found)
        self.summary.setText(_summary(found))
        self.changed_view.resizeColumnsToContents()
        self.changed_view.resizeRowsToContents()

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.model.set_owner(engagement_id)
        self.refresh_changes()


def _summary(found: ChangesSinceApproval) -> str:
    if found.approval is None:
        return (
            "<b>Changes since the last approval</b> — no review has approved the mapping "
            "yet. Record the client's review above when they approve it."
        )
    approval = found.approval
    who = approval["approver"] + (f", {approval['role']}" if approval["role"] else "")
    when = approval["date"].isoformat() if approval["date"] else "undated"
    head = f"<b>Changes since the last approval</b> ({who}, {when})"
    if not found.changes:
        return f"{head}: none — the mapping is as approved."
    counts = ", ".join(
        f"{n} {kind}" for kind in ("added", "changed", "removed") if (n := found.count(kind))
    )
    return f"{head}: {counts}. The client has not seen these; ask for another review."


def approval_page(workspace: Workspace) -> StepPage:
    return StepPage(workspace, "approval", ApprovalEditor(workspace), "Reviews")
