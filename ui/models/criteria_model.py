"""Every story's acceptance criteria in one read-only list, with the tests that cover them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui.models.collection_model import IdRole
from ui.models.headed_table import HeadedTableModel
from ui.workspace import Workspace
from workbook.services.stories import CriterionRow, criteria_rows

Index = QModelIndex | QPersistentModelIndex

REFRESH_ON = frozenset(
    {"user_stories", "acceptance_criteria", "tests", "actors", "features", "engagements"}
)
MISSING = QColor("#b00020")


def _tests_text(row: CriterionRow) -> str:
    return ", ".join(f"{name} ({result.replace('_', ' ')})" for name, result in row.tests)


class CriteriaModel(HeadedTableModel):
    HEADERS = ("Story", "#", "Acceptance criterion", "Kind", "Tests")
    HEADER_TIPS = (
        "The story's reference; its sentence is in the tooltip",
        "The criterion's place in the story",
        "What must be true for the story to be done",
        "clinical or technical",
        "The step 14 tests of this story, with their results",
    )

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.rows: list[CriterionRow] = []
        workspace.changed.connect(lambda kind: kind in REFRESH_ON and self.refresh())

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = (
            []
            if self.engagement_id is None
            else criteria_rows(self.workspace.store, self.engagement_id)
        )
        self.endResetModel()

    def summary(self) -> str:
        stories = {r.story_id for r in self.rows}
        criteria = sum(1 for r in self.rows if r.text)
        without = len({r.story_id for r in self.rows if not r.text})
        untested = len({r.story_id for r in self.rows if not r.tests})
        return (
            f"{criteria} criteria in {len(stories)} stories; "
            f"{without} stories without criteria, {untested} without a test"
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == IdRole:
            return row.story_id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 2 and not row.text:
                return "No acceptance criteria yet"
            if column == 4 and not row.tests:
                return "No test yet"
            return (
                row.ref,
                str(row.number) if row.text else "",
                row.text,
                row.kind,
                _tests_text(row),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.story if column == 0 else self.data(index)
        if role == Qt.ItemDataRole.ForegroundRole and (
            (column == 2 and not row.text) or (column == 4 and not row.tests)
        ):
            return QBrush(MISSING)
        return None
