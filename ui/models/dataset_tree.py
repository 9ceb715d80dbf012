"""The dataset (step 5) as a tree model over ``workbook.services.dataset.tree``.

An index's internal id is the data item's id, so a node is found in a dict, never by
walking the tree. When only values change the model says so cell by cell; when the shape
changes (an item added, removed or moved) it resets, and the view restores what was open.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from ui.models.collection_model import Column, IdRole, fixed_choices
from ui.undo import UpdateRow
from ui.undo_dataset import MoveDataItems
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.services import dataset

Index = QModelIndex | QPersistentModelIndex

MIME_TYPE = "application/x-engagement-workbook-data-items"

COLUMNS = [
    Column("name", "Name", "The data item as the client calls it"),
    Column(
        "data_type",
        "Data type",
        "What kind of value it holds",
        kind="choice",
        choices=fixed_choices(v.DATA_TYPES),
    ),
    Column(
        "cardinality",
        "Cardinality",
        "How many: 0..1 optional, 1..1 required, 0..* / 1..* repeating",
        kind="choice",
        choices=fixed_choices(v.CARDINALITIES),
    ),
    Column("source_system", "Source system", "The system the value comes from"),
    Column("example", "Example", "A made-up example value (never real patient data)"),
    Column("value_set", "Value set", "The code list or value set, for coded items"),
    Column("sensitive", "Sensitive", "Ticked when the item is sensitive data", kind="bool"),
    Column("xml_path", "XML path", "Where it is in the client's XML message"),
    Column("notes", "Notes", "Anything else the mapping should know"),
]


class DatasetTreeModel(QAbstractItemModel):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.columns = COLUMNS
        self.engagement_id: int | None = None
        self.items: dict[int, dict[str, Any]] = {}
        self.children: dict[int | None, list[int]] = {}
        self._labels = {i: dict(c.choices()) for i, c in enumerate(COLUMNS) if c.choices}
        workspace.changed.connect(lambda kind: kind == "data_items" and self.refresh())

    # ----------------------------------------------------------------- data
    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.refresh()

    def refresh(self) -> None:
        rows = (
            dataset.tree(self.workspace.store, self.engagement_id)
            if self.engagement_id is not None
            else []
        )
        children: dict[int | None, list[int]] = defaultdict(list)
        for row in rows:
            children[row["parent_id"]].append(row["id"])
        items = {row["id"]: row for row in rows}
        if dict(children) == dict(self.children) and items:
            self.items = items
            self._values_changed()
            return
        self.beginResetModel()
        self.items, self.children = items, dict(children)
        self.endResetModel()

    def _values_changed(self) -> None:
        last = len(COLUMNS) - 1
        for parent, kids in self.children.items():
            parent_index = self.index_of(parent) if parent is not None else QModelIndex()
            self.dataChanged.emit(
                self.index(0, 0, parent_index), self.index(len(kids) - 1, last, parent_index)
            )

    def item(self, index: Index) -> dict[str, Any]:
        return self.items[index.internalId()]

    def index_of(self, item_id: int, column: int = 0) -> QModelIndex:
        item = self.items.get(item_id)
        if item is None:
            return QModelIndex()
        row = self.children[item["parent_id"]].index(item_id)
        return self.createIndex(row, column, item_id)

    def siblings(self, item_id: int) -> list[int]:
        return self.children[self.items[item_id]["parent_id"]]

    def counts(self) -> tuple[int, int]:
        """(items, groups): every data item, and those with items under them."""
        groups = sum(1 for parent in self.children if parent is not None)
        return len(self.items), groups

    # ----------------------------------------------------------------- Qt API
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        parent_id = parent.internalId() if parent.isValid() else None
        kids = self.children.get(parent_id, [])
        if not (0 <= row < len(kids) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_id = self.items[index.internalId()]["parent_id"]
        return QModelIndex() if parent_id is None else self.index_of(parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.children.get(parent.internalId() if parent.isValid() else None, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tooltip
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, column = self.items[index.internalId()], COLUMNS[index.column()]
        value = item.get(column.field)
        if role == IdRole:
            return item["id"]
        if column.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.tooltip
            return None
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column.choices is not None:
                return self._labels[index.column()].get(value, "" if value is None else value)
            text = "" if value is None else str(value)
            if role == Qt.ItemDataRole.ToolTipRole and column.field == "name":
                return item.get("description") or text
            return text
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if COLUMNS[index.column()].kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    # ----------------------------------------------------------------- drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids = list(dict.fromkeys(i.internalId() for i in indexes if i.isValid()))
        data = QMimeData()
        payload = {"engagement": self.engagement_id, "items": self.top_most(ids)}
        data.setData(MIME_TYPE, json.dumps(payload).encode())
        return data

    def _dragged(self, data: QMimeData) -> list[int]:
        if not data.hasFormat(MIME_TYPE):
            return []
        try:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()))
        except ValueError:
            return []
        if payload.get("engagement") != self.engagement_id:
            return []
        return [i for i in payload.get("items", []) if i in self.items]

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and bool(self._dragged(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Move the dragged items under ``parent`` before ``row`` (at the end if -1)."""
        ids = self._dragged(data)
        if action != Qt.DropAction.MoveAction or not ids:
            return False
        parent_id = parent.internalId() if parent.isValid() else None
        ancestor = parent_id
        while ancestor is not None:
            if ancestor in ids:
                name = self.items[ancestor]["name"]
                self.workspace.failed.emit(
                    f'Cannot move "{name}" inside itself: drop it outside its own items.'
                )
                return False
            ancestor = self.items[ancestor]["parent_id"]
        names = ", ".join(self.items[i]["name"] for i in ids[:3]) + (
            f" and {len(ids) - 3} more" if len(ids) > 3 else ""
        )
        self.workspace.push(
            MoveDataItems(
                self.workspace,
                f"Move data item{'s' if len(ids) > 1 else ''} {names}",
                ids,
                parent_id,
                row if row >= 0 else None,
            )
        )
        return False  # the move is done; the view must not remove the dragged rows itself

    def top_most(self, ids: list[int]) -> list[int]:
        """The items, in tree order, that are not inside another of them."""
        chosen = set(ids)

        def inside_another(item_id: int) -> bool:
            parent = self.items[item_id]["parent_id"]
            while parent is not None:
                if parent in chosen:
                    return True
                parent = self.items[parent]["parent_id"]
            return False

        order = {item_id: i for i, item_id in enumerate(self.items)}
        return sorted((i for i in ids if not inside_another(i)), key=order.__getitem__)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = COLUMNS[index.column()]
        if column.kind == "bool" and role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if isinstance(value, str) and column.kind == "text" and column.field != "name":
            value = value if value.strip() else None
        item = self.items[index.internalId()]
        if item.get(column.field) == value:
            return False
        text = f"Edit data item {item['name']}: {column.title.lower()}"
        return self.workspace.push(
            UpdateRow(self.workspace, text, "data_items", item["id"], **{column.field: value})
        )
