"""The review findings as a table, and a filter by severity, step and text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ui.models.headed_table import HeadedTableModel
from ui.reviewer import SEVERITY_LABELS, severity_icon
from workbook.checks import SEVERITIES, Finding
from workbook.steps import STEP_KEYS, STEPS_BY_KEY

Index = QModelIndex | QPersistentModelIndex
FindingRole = Qt.ItemDataRole.UserRole + 3


class FindingsModel(HeadedTableModel):
    HEADERS = ("Severity", "Step", "About", "Finding")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.findings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        finding = self.findings[index.row()]
        column = index.column()
        step = STEPS_BY_KEY.get(finding.step)
        if role == FindingRole:
            return finding
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return SEVERITY_LABELS.get(finding.severity, finding.severity)
            if column == 1:
                return str(step.number) if step else ""
            return finding.subject if column == 2 else finding.message
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return severity_icon(finding.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"Step {step.number}. {step.title}" if step else ""
            return f"{finding.subject}\n{finding.message}\n\n{where} · {finding.code}"
        if role == Qt.ItemDataRole.UserRole:  # sort key
            if column == 0:
                return SEVERITIES.index(finding.severity) if finding.severity in SEVERITIES else 9
            if column == 1:
                return STEP_KEYS.index(finding.step) if finding.step in STEP_KEYS else 99
            return finding.subject.lower() if column == 2 else finding.message.lower()
        return None


class FindingsFilter(QSortFilterProxyModel):
    """Shows findings of the chosen severities, of one step (or all), containing a text."""

    def __init__(self, source: FindingsModel) -> None:
        super().__init__(source)
        self.setSourceModel(source)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.severities: set[str] = set(SEVERITIES)
        self.step: str | None = None
        self.text = ""

    def set_filter(self, **values: Any) -> None:
        self.beginFilterChange()
        for key, value in values.items():
            setattr(self, key, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        finding: Finding = self.sourceModel().findings[source_row]
        if finding.severity not in self.severities:
            return False
        if self.step is not None and finding.step != self.step:
            return False
        needle = self.text.strip().lower()
        return not needle or any(
            needle in part.lower() for part in (finding.subject, finding.message, finding.code)
        )
