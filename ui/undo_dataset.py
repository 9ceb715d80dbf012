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
