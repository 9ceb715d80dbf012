"""A list model of the engagements in the store, for the main window's sidebar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from workbook.db.store import Store
from workbook.services import engagements
from workbook.services.engagements import EngagementSummary

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1


class EngagementListModel(QAbstractListModel):
    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[EngagementSummary] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = engagements.summaries(self._store)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.ToolTipRole:
            client = row.client_name or "no client yet"
            return f"{client} · {row.status or 'draft'} · updated {row.updated:%d %b %Y}"
        if role == IdRole:
            return row.id
        return None
