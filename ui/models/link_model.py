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
        self.watch = watch
        workspace.changed.connect(self._changed)

    def show(self, engagement_id: int | None, owner_id: int | None) -> None:
        """Show one owner's links; the list of targets is only re-read for a new engagement."""
        if engagement_id != self.engagement_id:
            self.engagement_id = engagement_id
            self.owner_id = owner_id
            self.refresh()
            return
        self.owner_id = owner_id
        self._read_links()

    def _changed(self, kind: str) -> None:
        if kind in self.watch:
            self.refresh()
        elif kind == self.owner:
            self._read_links()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self.targets(self.engagement_id) if self.engagement_id else []
        self.linked = self._links()
        self.endResetModel()

    def _links(self) -> list[int]:
        if not self.owner_id:
            return []
        try:
            return collections.links(self.workspace.store, self.owner, self.owner_id, self.link)
        except NotFoundError:  # the owner was just deleted
            return []

    def _read_links(self) -> None:
        self.linked = self._links()
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row_id, label = self.rows[index.row()]
        if row_id == self.owner_id and self.link in ("includes", "extends"):
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{label} (this use case)"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row_id in self.linked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return label.strip()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        self_link = self.link in ("includes", "extends") and (
            self.rows[index.row()][0] == self.owner_id
        )
        if not self.owner_id or self_link:
            return flags & ~Qt.ItemFlag.ItemIsEnabled
        return flags | Qt.ItemFlag.ItemIsUserCheckable

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
