"""Undo commands: each is a thin wrapper over ``workbook`` service calls.

A command that the core refuses (a :class:`WorkbookError`) marks itself obsolete so the
undo stack drops it, and the workspace reports the reason instead of crashing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from ui.workspace import Workspace
from workbook.errors import WorkbookError
from workbook.services import collections, engagements, stages
from workbook.services.process import NewProcess, ProcessBefore, replace_process, restore_process
from workbook.services.snapshots import Snapshot


class ServiceCommand(QUndoCommand):
    """Base: runs ``_do``/``_undo`` and tells the workspace what changed."""

    kinds: tuple[str, ...] = ()

    def __init__(self, workspace: Workspace, text: str) -> None:
        super().__init__(text)
        self.workspace = workspace
        self.store = workspace.store
        self.failed = False

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def _run(self, step: Callable[[], None]) -> None:
        try:
            step()
        except WorkbookError as exc:
            self.failed = True
            self.setObsolete(True)
            self.workspace.failed.emit(str(exc))
            return
        self.workspace.notify(*self.kinds)

    def redo(self) -> None:
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)


class AddRow(ServiceCommand):
    """Add a row; undo deletes it, redo puts the very same row (same id) back."""

    def __init__(
        self,
        workspace: Workspace,
        text: str,
        kind: str,
        owner_id: int,
        position: int | None = None,
        /,
        **values: Any,
    ) -> None:
        super().__init__(workspace, text)
        self.kinds = (kind,)
        self.kind, self.owner_id, self.position, self.values = kind, owner_id, position, values
        self.row_id: int | None = None
        self.snapshot: Snapshot | None = None

    def _do(self) -> None:
        if self.snapshot is None:
            self.row_id = collections.add(
                self.store, self.kind, self.owner_id, position=self.position, **self.values
            )
        else:
            collections.restore(self.store, self.snapshot)

    def _undo(self) -> None:
        assert self.row_id is not None
        self.snapshot = collections.delete(self.store, self.kind, self.row_id)


class UpdateRow(ServiceCommand):
    def __init__(
        self, workspace: Workspace, text: str, kind: str, row_id: int, /, **values: Any
    ) -> None:
        super().__init__(workspace, text)
        self.kinds = (kind,)
        self.kind, self.row_id, self.values = kind, row_id, values
        current = collections.get(self.store, kind, row_id)
        self.old = {k: current[k] for k in values}

    def _do(self) -> None:
        collections.update(self.store, self.kind, self.row_id, **self.values)

    def _undo(self) -> None:
        collections.update(self.store, self.kind, self.row_id, **self.old)


class DeleteRow(ServiceCommand):
    def __init__(
        self,
        workspace: Workspace,
        text: str,
        kind: str,
        row_id: int,
        also_changes: tuple[str, ...] = (),
    ) -> None:
        super().__init__(workspace, text)
        self.kinds = (kind, *also_changes)
        self.kind, self.row_id = kind, row_id
        self.snapshot: Snapshot | None = None

    def _do(self) -> None:
        self.snapshot = collections.delete(self.store, self.kind, self.row_id)

    def _undo(self) -> None:
        assert self.snapshot is not None
        collections.restore(self.store, self.snapshot)


class MoveRow(ServiceCommand):
    def __init__(
        self, workspace: Workspace, text: str, kind: str, row_id: int, position: int
    ) -> None:
        super().__init__(workspace, text)
        self.kinds = (kind,)
        self.kind, self.row_id, self.position = kind, row_id, position
        self.old = collections.get(self.store, kind, row_id)["position"]

    def _do(self) -> None:
        collections.move(self.store, self.kind, self.row_id, self.position)

    def _undo(self) -> None:
        collections.move(self.store, self.kind, self.row_id, self.old)


class SetLinks(ServiceCommand):
    def __init__(
        self,
        workspace: Workspace,
        text: str,
        owner: str,
        owner_id: int,
        link: str,
        targets: list[int],
    ) -> None:
        super().__init__(workspace, text)
        self.kinds = (owner,)
        self.owner, self.owner_id, self.link, self.targets = owner, owner_id, link, targets
        self.old = collections.links(self.store, owner, owner_id, link)

    def _do(self) -> None:
        collections.set_links(self.store, self.owner, self.owner_id, self.link, self.targets)

    def _undo(self) -> None:
        collections.set_links(self.store, self.owner, self.owner_id, self.link, self.old)


class SetStageText(ServiceCommand):
    """Typing in a step's text: consecutive edits of the same step merge into one undo step."""

    kinds = ("stages",)
    MERGE_ID = 1001

    def __init__(
        self, workspace: Workspace, engagement_id: int, key: str, title: str, old: str, new: str
    ) -> None:
        super().__init__(workspace, f"Edit text of {title}")
        self.engagement_id, self.key, self.old, self.new = engagement_id, key, old, new

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetStageText) or (other.engagement_id, other.key) != (
            self.engagement_id,
            self.key,
        ):
            return False
        self.new = other.new
        return True

    def _do(self) -> None:
        stages.set_text(self.store, self.engagement_id, self.key, self.new)

    def _undo(self) -> None:
        stages.set_text(self.store, self.engagement_id, self.key, self.old)


class SetStageStatus(ServiceCommand):
    kinds = ("stages",)

    def __init__(
        self, workspace: Workspace, engagement_id: int, key: str, title: str, status: str
    ) -> None:
        super().__init__(workspace, f"Mark {title} {status.replace('_', ' ')}")
        self.engagement_id, self.key, self.status = engagement_id, key, status
        self.old = stages.get(self.store, engagement_id, key).status

    def _do(self) -> None:
        stages.set_status(self.store, self.engagement_id, self.key, self.status)

    def _undo(self) -> None:
        stages.set_status(self.store, self.engagement_id, self.key, self.old)


class AddAttachment(ServiceCommand):
    kinds = ("attachments",)

    def __init__(
        self,
        workspace: Workspace,
        engagement_id: int,
        key: str,
        filename: str,
        media_type: str,
        data: bytes,
    ) -> None:
        super().__init__(workspace, f"Attach {filename}")
        self.args = (engagement_id, key, filename, media_type, data)
        self.attachment_id: int | None = None
        self.snapshot: Snapshot | None = None

    def _do(self) -> None:
        if self.snapshot is None:
            self.attachment_id = stages.add_attachment(self.store, *self.args)
        else:
            collections.restore(self.store, self.snapshot)

    def _undo(self) -> None:
        assert self.attachment_id is not None
        self.snapshot = stages.remove_attachment(self.store, self.attachment_id)


class RemoveAttachment(ServiceCommand):
    kinds = ("attachments",)

    def __init__(self, workspace: Workspace, attachment_id: int, filename: str) -> None:
        super().__init__(workspace, f"Remove attachment {filename}")
        self.attachment_id = attachment_id
        self.snapshot: Snapshot | None = None

    def _do(self) -> None:
        self.snapshot = stages.remove_attachment(self.store, self.attachment_id)

    def _undo(self) -> None:
        assert self.snapshot is not None
        collections.restore(self.store, self.snapshot)


class CreateEngagement(ServiceCommand):
    kinds = ("engagements",)

    def __init__(self, workspace: Workspace, title: str, create: Callable[[], int]) -> None:
        super().__init__(workspace, f"New engagement {title}")
        self.create = create
        self.engagement_id: int | None = None
        self.snapshot: Snapshot | None = None

    def _do(self) -> None:
        if self.snapshot is None:
            self.engagement_id = self.create()
        else:
            collections.restore(self.store, self.snapshot)

    def _undo(self) -> None:
        assert self.engagement_id is not None
        self.snapshot = engagements.delete(self.store, self.engagement_id)


class DeleteEngagement(ServiceCommand):
    kinds = ("engagements",)

    def __init__(self, workspace: Workspace, engagement_id: int, title: str) -> None:
        super().__init__(workspace, f"Delete engagement {title}")
        self.engagement_id = engagement_id
        self.snapshot: Snapshot | None = None

    def _do(self) -> None:
        self.snapshot = engagements.delete(self.store, self.engagement_id)

    def _undo(self) -> None:
        assert self.snapshot is not None
        collections.restore(self.store, self.snapshot)


class UpdateEngagement(ServiceCommand):
    kinds = ("engagements",)

    def __init__(
        self, workspace: Workspace, text: str, engagement_id: int, /, **values: Any
    ) -> None:
        super().__init__(workspace, text)
        self.engagement_id, self.values = engagement_id, values
        current = engagements.get(self.store, engagement_id)
        self.old = {k: getattr(current, k) for k in values}

    def _do(self) -> None:
        engagements.update(self.store, self.engagement_id, **self.values)

    def _undo(self) -> None:
        engagements.update(self.store, self.engagement_id, **self.old)


class ReplaceProcess(ServiceCommand):
    """A process read from a BPMN file replaces the engagement's; undo puts the old one back."""

    kinds = ("process_lanes", "process_nodes", "process_flows", "engagements")

    def __init__(
        self, workspace: Workspace, text: str, engagement_id: int, process: NewProcess
    ) -> None:
        super().__init__(workspace, text)
        self.engagement_id, self.process = engagement_id, process
        self.before: ProcessBefore | None = None

    def _do(self) -> None:
        self.before = replace_process(self.store, self.engagement_id, self.process)

    def _undo(self) -> None:
        assert self.before is not None
        restore_process(self.store, self.engagement_id, self.before)
