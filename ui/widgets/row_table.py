"""A read-only table of rows, chosen one at a time, as the story, review and criteria lists
show them: sized columns with one taking the room left, no row numbers."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def row_table(
    model: QAbstractItemModel,
    *,
    widths: Iterable[tuple[int, int]],
    stretch: int,
    sortable: bool = False,
    wrap: bool = False,
) -> QTableView:
    """``widths``: (column, pixels) to start with; column ``stretch`` takes the rest. A
    sortable table starts in the model's own order until a heading is clicked."""
    table = QTableView()
    table.setModel(model)
    if sortable:
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(wrap)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in widths:
        header.resizeSection(column, width)
    return table
