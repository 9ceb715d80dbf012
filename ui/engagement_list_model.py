"""A list model of the engagements in the store, for the main window's sidebar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from workbook.db.store import Store
from workbook.services import engagements
from workbook.services.engagements import EngagementSummary

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1
SubtitleRole = Qt.ItemDataRole.UserRole + 2


class EngagementListModel(QAbstractListModel):
    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[EngagementSummary] = []
        self.refresh()

    def refresh(self) -> None:
        rows = engagements.summaries(self._store)
        if [r.id for r in rows] == [r.id for r in self._rows] and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == SubtitleRole:
            status = (row.status or "draft").replace("_", " ")
            return f"{row.client_name or 'No client yet'} · {status}"
        if role == Qt.ItemDataRole.ToolTipRole:
            client = row.client_name or "no client yet"
            return (
                f"{row.title}\n{client} · {row.status or 'draft'} · "
                f"edited {row.updated.astimezone():%d %b %Y %H:%M}"
            )
        if role == IdRole:
            return row.id
        return None
