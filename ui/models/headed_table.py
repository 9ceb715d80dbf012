"""The part every flat table model shares: its columns, named by fixed headings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class HeadedTableModel(QAbstractTableModel):
    """A table of rows under the column headings ``HEADERS`` (with ``HEADER_TIPS`` as their
    tooltips, if given); subclasses give the rows."""

    HEADERS: tuple[str, ...] = ()
    HEADER_TIPS: tuple[str, ...] = ()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and self.HEADER_TIPS:
            return self.HEADER_TIPS[section]
        return None
