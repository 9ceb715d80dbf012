"""A table model over one collection of an engagement (actors, lanes, flows, criteria…).

Rows come from ``workbook.services.collections.rows``; an edit in a cell becomes an
:class:`ui.undo.UpdateRow` command, so it is saved at once and can be undone. The model
refreshes itself when the workspace says its collection changed, keeping row identity so
views keep their selection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.undo import AddRow, DeleteRow, MoveRow, UpdateRow
from ui.workspace import Workspace
from workbook.services import collections

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1
Choices = Callable[[], list[tuple[Any, str]]]


@dataclass(frozen=True)
class Column:
    """One column: the field it edits, its header, and how values are chosen and shown."""

    field: str
    title: str
    tooltip: str = ""
    kind: str = "text"  # text | choice | bool | number
    choices: Choices | None = None  # (value, label) pairs for "choice" columns
    editable: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def fixed_choices(values: tuple[str, ...], blank: bool = True) -> Choices:
    pairs = [(v, v.replace("_", " ")) for v in values]
    return lambda: ([(None, "")] if blank else []) + pairs


class CollectionTableModel(QAbstractTableModel):
    def __init__(
        self,
        workspace: Workspace,
        kind: str,
        columns: list[Column],
        noun: str,
        *,
        scope: dict[str, Any] | None = None,
        label_field: str = "name",
        also_refresh_on: tuple[str, ...] = (),
    ) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.kind = kind
        self.columns = columns
        self.noun = noun
        self.scope = scope or {}
        self.label_field = label_field
        self.owner_id: int | None = None
        self._rows: list[dict[str, Any]] = []
        self._labels: dict[int, dict[Any, str]] = {}
        self._watch = {kind, *also_refresh_on}
        workspace.changed.connect(self._on_changed)

    # ----------------------------------------------------------------- data
    def set_owner(self, owner_id: int | None) -> None:
        self.owner_id = owner_id
        self.refresh()

    def refresh(self) -> None:
        rows = (
            collections.rows(self.workspace.store, self.kind, self.owner_id, **self.scope)
            if self.owner_id is not None
            else []
        )
        self._labels = {
            i: dict(c.choices()) for i, c in enumerate(self.columns) if c.choices is not None
        }
        if [r["id"] for r in rows] == [r["id"] for r in self._rows]:
            self._rows = rows
            if rows:
                last = self.index(len(rows) - 1, len(self.columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _on_changed(self, kind: str) -> None:
        if kind in self._watch:
            self.refresh()

    def row_dict(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r["id"] == row_id), -1)

    def label(self, row: int) -> str:
        value = self._rows[row].get(self.label_field)
        return str(value) if value else f"{self.noun} {row + 1}"

    # ----------------------------------------------------------------- Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].tooltip or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        value = row.get(column.field)
        if role == IdRole:
            return row["id"]
        if column.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column.choices is not None:
                return self._labels[index.column()].get(value, "" if value is None else str(value))
            return "" if value is None else str(value)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        column = self.columns[index.column()]
        if not column.editable:
            return base
        if column.kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = self.columns[index.column()]
        if column.kind == "bool" and role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if column.kind == "text" and isinstance(value, str):
            value = value if value.strip() or column.field in ("name", "label") else None
        if column.kind == "number" and value in ("", None):
            value = None
        row = self._rows[index.row()]
        if row.get(column.field) == value:
            return False
        text = f"Edit {self.noun} {self.label(index.row())}: {column.title.lower()}"
        return self.workspace.push(
            UpdateRow(self.workspace, text, self.kind, row["id"], **{column.field: value})
        )

    # ----------------------------------------------------------------- commands
    def add(self, values: dict[str, Any], position: int | None = None) -> int | None:
        """Add a row (with undo); returns the new row's id."""
        assert self.owner_id is not None
        command = AddRow(
            self.workspace,
            f"Add {self.noun}",
            self.kind,
            self.owner_id,
            position,
            **self.scope,
            **values,
        )
        return command.row_id if self.workspace.push(command) else None

    def remove(self, row: int, also_changes: tuple[str, ...] = ()) -> bool:
        text = f"Delete {self.noun} {self.label(row)}"
        return self.workspace.push(
            DeleteRow(self.workspace, text, self.kind, self._rows[row]["id"], also_changes)
        )

    def move(self, row: int, to: int) -> bool:
        if not 0 <= to < len(self._rows) or to == row:
            return False
        text = f"Move {self.noun} {self.label(row)}"
        return self.workspace.push(
            MoveRow(self.workspace, text, self.kind, self._rows[row]["id"], to)
        )
