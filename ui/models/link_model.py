"""A checkable list of the rows one row may link to (a use case's actors, a story's data)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ui.undo import SetLinks
from ui.workspace import Workspace
from workbook.errors import NotFoundError
from workbook.services import collections

Index = QModelIndex | QPersistentModelIndex


class LinkListModel(QAbstractListModel):
    """Ticks show the targets ``owner`` links to through ``link``; ticking edits the links."""

    def __init__(
        self,
        workspace: Workspace,
        owner: str,
        link: str,
        targets: Callable[[int], list[tuple[int, str]]],
        watch: tuple[str, ...],
        noun: str,
    ) -> None:
        super().__init__(workspace)
        self.workspace, self.owner, self.link, self.targets, self.noun = (
            workspace,
            owner,
            link,
            targets,
            noun,
        )
        self.engagement_id: int | None = None
        self.owner_id: int | None = None
        self.rows: list[tuple[int, str]] = []
        self.linked: list[int] = []
        workspace.changed.connect(lambda kind: kind in (owner, *watch) and self.refresh())

    def show(self, engagement_id: int | None, owner_id: int | None) -> None:
        self.engagement_id, self.owner_id = engagement_id, owner_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        store = self.workspace.store
        self.rows = self.targets(self.engagement_id) if self.engagement_id else []
        if self.owner == self.link or self.link in ("includes", "extends"):
            self.rows = [r for r in self.rows if r[0] != self.owner_id]
        try:
            self.linked = (
                collections.links(store, self.owner, self.owner_id, self.link)
                if self.owner_id
                else []
            )
        except NotFoundError:  # the owner was just deleted
            self.linked = []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row_id, label = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row_id in self.linked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return label.strip()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if self.owner_id else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or self.owner_id is None:
            return False
        row_id, label = self.rows[index.row()]
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        targets = [*self.linked, row_id] if wanted else [i for i in self.linked if i != row_id]
        verb = "Link" if wanted else "Unlink"
        return self.workspace.push(
            SetLinks(
                self.workspace,
                f"{verb} {self.noun} {label.strip()}",
                self.owner,
                self.owner_id,
                self.link,
                targets,
            )
        )
