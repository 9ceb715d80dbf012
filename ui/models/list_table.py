"""A collection table whose "list" columns are shown and typed as comma-separated text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ui.models.collection_model import CollectionTableModel, Index


class ListColumnsTableModel(CollectionTableModel):
    def _is_list(self, index: Index) -> bool:
        return index.isValid() and self.columns[index.column()].kind == "list"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._is_list(index) and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return ", ".join(
                self.row_dict(index.row()).get(self.columns[index.column()].field) or []
            )
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self._is_list(index) and role == Qt.ItemDataRole.EditRole and isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        return super().setData(index, value, role)
