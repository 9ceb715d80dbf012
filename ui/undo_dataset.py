"""Undo commands for the dataset tree: moving a data item (with its subtree)."""

from __future__ import annotations

from ui.undo import ServiceCommand
from ui.workspace import Workspace
from workbook.services import collections, dataset
from workbook.services.dataset_merge import (
    DatasetDiff,
    IncomingItem,
    apply_diff,
    restore_dataset,
)
from workbook.services.snapshots import Snapshot


class MoveDataItem(ServiceCommand):
    """Put an item under ``parent_id`` at ``position``; undo puts it back where it was.

    Indent, outdent, move up/down and drag and drop are all this one command.
    """

    kinds = ("data_items",)

    def __init__(
        self,
        workspace: Workspace,
        text: str,
        item_id: int,
        parent_id: int | None,
        position: int | None,
    ) -> None:
        super().__init__(workspace, text)
        current = collections.get(self.store, "data_items", item_id)
        self.item_id, self.parent_id, self.position = item_id, parent_id, position
        siblings = collections.rows(
            self.store, "data_items", current["engagement_id"], parent_id=current["parent_id"]
        )
        self.old_parent_id = current["parent_id"]
        self.old_position = [row["id"] for row in siblings].index(item_id)

    def _do(self) -> None:
        dataset.move(self.store, self.item_id, self.parent_id, self.position)

    def _undo(self) -> None:
        dataset.move(self.store, self.item_id, self.old_parent_id, self.old_position)


class ApplyDatasetDiff(ServiceCommand):
    """An import into the dataset, reviewed as a diff; undo puts the dataset back as it was."""

    kinds = ("data_items", "mappings", "user_stories", "change_requests")

    def __init__(
        self, workspace: Workspace, text: str, diff: DatasetDiff, incoming: list[IncomingItem]
    ) -> None:
        super().__init__(workspace, text)
        self.diff, self.incoming = diff, incoming
        self.before: Snapshot | None = None

    def _do(self) -> None:
        self.before = apply_diff(self.store, self.diff, self.incoming)

    def _undo(self) -> None:
        assert self.before is not None
        restore_dataset(self.store, self.diff.engagement_id, self.before)


class MoveDataItems(ServiceCommand):
    """Drag and drop: several items, in order, under ``parent_id`` from ``position`` on.

    Undo puts each back under its old parent at its old place, last moved first.
    """

    kinds = ("data_items",)

    def __init__(
        self,
        workspace: Workspace,
        text: str,
        item_ids: list[int],
        parent_id: int | None,
        position: int | None,
    ) -> None:
        super().__init__(workspace, text)
        self.item_ids, self.parent_id, self.position = item_ids, parent_id, position
        self.old: list[tuple[int, int | None, int]] = []

    def _place(self, item_id: int) -> tuple[int | None, int]:
        current = collections.get(self.store, "data_items", item_id)
        siblings = collections.rows(
            self.store, "data_items", current["engagement_id"], parent_id=current["parent_id"]
        )
        return current["parent_id"], [row["id"] for row in siblings].index(item_id)

    def _do(self) -> None:
        self.old = []
        position = self.position
        for item_id in self.item_ids:
            old_parent, old_position = self._place(item_id)
            if old_parent == self.parent_id and position is not None and old_position < position:
                position -= 1  # the item leaves a gap above where it goes
            self.old.append((item_id, old_parent, old_position))
            dataset.move(self.store, item_id, self.parent_id, position)
            if position is not None:
                position += 1

    def _undo(self) -> None:
        for item_id, parent_id, position in reversed(self.old):
            dataset.move(self.store, item_id, parent_id, position)
