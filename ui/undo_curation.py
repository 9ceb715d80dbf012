"""Undo for step 12: change requests proposed from the mapping's gaps, added as one step."""

from __future__ import annotations

from ui.undo import ServiceCommand
from ui.workspace import Workspace
from workbook.services import collections, curation
from workbook.services.snapshots import Snapshot


class AddChangeRequests(ServiceCommand):
    kinds = ("change_requests",)

    def __init__(
        self, workspace: Workspace, engagement_id: int, proposals: list[curation.Proposal]
    ) -> None:
        count = len(proposals)
        super().__init__(workspace, f"Propose {count} change request{'s' * (count != 1)}")
        self.engagement_id, self.proposals = engagement_id, proposals
        self.ids: list[int] = []
        self.snapshots: list[Snapshot] = []

    def _do(self) -> None:
        if self.snapshots:
            for snapshot in self.snapshots:
                collections.restore(self.store, snapshot)
            self.snapshots = []
        else:
            self.ids = curation.add_change_requests(self.store, self.engagement_id, self.proposals)

    def _undo(self) -> None:
        self.snapshots = [
            collections.delete(self.store, "change_requests", row_id)
            for row_id in reversed(self.ids)
        ][::-1]
