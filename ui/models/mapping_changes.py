"""The mappings added, changed or removed since the last approval (step 8), read-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui.models.headed_table import HeadedTableModel
from workbook.profiles.model import short_name
from workbook.services.reviews import ChangesSinceApproval, MappingChange

Index = QModelIndex | QPersistentModelIndex

KIND_COLOURS = {"added": "#e6f4ea", "changed": "#fff4d6", "removed": "#fde7e7"}


class MappingChangesModel(HeadedTableModel):
    HEADERS = ("Change", "Data item", "Profile", "When approved", "Now")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.changes: list[MappingChange] = []

    def set_changes(self, changes: ChangesSinceApproval) -> None:
        self.beginResetModel()
        self.changes = list(changes.changes)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.changes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        change = self.changes[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                change.kind,
                change.data_item,
                change.profile
                if role == Qt.ItemDataRole.ToolTipRole
                else short_name(change.profile),
                change.before or "—",
                change.after or "—",
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 0:
            return QBrush(QColor(KIND_COLOURS[change.kind]))
        return None
