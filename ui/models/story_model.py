"""The user stories table: one readable sentence per story, filterable and sortable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ui.models.collection_model import IdRole
from ui.models.headed_table import HeadedTableModel
from ui.reviewer import reviewer_for, severity_icon, worst
from ui.workspace import Workspace
from workbook.checks import Finding
from workbook.services.stories import StoryRow, story_rows

Index = QModelIndex | QPersistentModelIndex
FIELDS = ("ref", "feature", "sentence", "priority", "status", "criteria")
WATCH = {"user_stories", "actors", "features", "acceptance_criteria"}


class StoryTableModel(HeadedTableModel):
    HEADERS = ("Ref", "Feature", "Story", "Priority", "Status", "Criteria")

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.rows: list[StoryRow] = []
        self.findings: dict[int, list[Finding]] = {}  # review findings by story id
        self.reviewer = reviewer_for(workspace)
        self.reviewer.updated.connect(self._review_changed)
        workspace.changed.connect(lambda kind: kind in WATCH and self.refresh())

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.refresh()

    def refresh(self) -> None:
        rows = (
            story_rows(self.workspace.store, self.engagement_id)
            if self.engagement_id is not None
            else []
        )
        if [r.id for r in rows] == [r.id for r in self.rows] and rows:
            self.rows = rows
            self._collect_findings()
            last = self.index(len(rows) - 1, len(self.HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.rows = rows
        self._collect_findings()
        self.endResetModel()

    def _collect_findings(self) -> None:
        """Findings about each story: aimed at it, or naming it by its ref."""
        findings = self.reviewer.findings_for(self.engagement_id)
        by_ref = {r.ref: r.id for r in self.rows if r.ref}
        self.findings = {}
        for finding in findings:
            if finding.target is not None and finding.target[0] == "user_stories":
                story_id: int | None = finding.target[1]
            else:
                story_id = by_ref.get(finding.subject)
            if story_id is not None:
                self.findings.setdefault(story_id, []).append(finding)

    def _review_changed(self) -> None:
        self._collect_findings()
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self.rows) - 1, 0),
                [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole],
            )

    def row_of(self, story_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == story_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        field = FIELDS[index.column()]
        if role == IdRole:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(row, field)
            return value.replace("_", " ") if isinstance(value, str) else value
        findings = self.findings.get(row.id, []) if index.column() == 0 else []
        if role == Qt.ItemDataRole.DecorationRole and findings:
            return severity_icon(worst(findings) or "info")
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([row.sentence, *(f"• {f.message}" for f in findings)])
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return row.position if field == "ref" and not row.ref else getattr(row, field)
        return None


class StoryFilter(QSortFilterProxyModel):
    """Filters by feature, actor, status and free text (over the ref and the sentence)."""

    def __init__(self, source: StoryTableModel) -> None:
        super().__init__(source)
        self.setSourceModel(source)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.feature_id: int | None = None
        self.actor_id: int | None = None
        self.status: str | None = None
        self.text = ""

    def set_filter(self, **values: Any) -> None:
        # one reset is far cheaper for a view than thousands of scattered row removals
        self.beginResetModel()
        for key, value in values.items():
            setattr(self, key, value)
        self.endResetModel()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row: StoryRow = self.sourceModel().rows[source_row]
        if self.feature_id is not None and row.feature_id != self.feature_id:
            return False
        if self.actor_id is not None and row.actor_id != self.actor_id:
            return False
        if self.status and row.status != self.status:
            return False
        needle = self.text.strip().lower()
        return not needle or needle in row.ref.lower() or needle in row.sentence.lower()
