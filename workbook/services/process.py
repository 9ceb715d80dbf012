"""The business process model (step 4) as a whole: replace it with one read from a file.

:func:`replace_process` swaps the engagement's lanes, nodes and flows and its process name
for new ones in one transaction: every value is checked first, and on any problem nothing
changes. A new lane with the same name as an old one keeps the actor it was linked to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import InvalidValueError
from workbook.services.collections import load, touch
from workbook.services.engagements import HEADER_FIELDS
from workbook.services.registry import COLLECTIONS
from workbook.services.snapshots import Snapshot, capture, restore

_NODE_FIELDS = COLLECTIONS["process_nodes"].fields
_FLOW_FIELDS = COLLECTIONS["process_flows"].fields
_LANE_FIELDS = COLLECTIONS["process_lanes"].fields


@dataclass(frozen=True)
class NewLane:
    key: str
    name: str


@dataclass(frozen=True)
class NewNode:
    """A node; ``lane`` is a lane's key; the layout is the source diagram's, where it had one."""

    key: str
    kind: str
    name: str | None = None
    lane: str | None = None
    x: float | None = None
    y: float | None = None
    width: float | None = None
    height: float | None = None


@dataclass(frozen=True)
class NewFlow:
    """A flow between two nodes, by their keys."""

    source: str
    target: str
    kind: str = "sequence"
    label: str | None = None


@dataclass(frozen=True)
class NewProcess:
    name: str | None
    lanes: Sequence[NewLane]
    nodes: Sequence[NewNode]
    flows: Sequence[NewFlow]


def _check(process: NewProcess) -> None:
    HEADER_FIELDS["process_name"].clean("process_name", process.name)
    lanes = set()
    for lane in process.lanes:
        _LANE_FIELDS["name"].clean("lane name", lane.name)
        if lane.key in lanes:
            raise InvalidValueError(f'two lanes have the key "{lane.key}"')
        lanes.add(lane.key)
    nodes = set()
    for node in process.nodes:
        for name in ("kind", "name", "x", "y", "width", "height"):
            _NODE_FIELDS[name].clean(name, getattr(node, name))
        if node.key in nodes:
            raise InvalidValueError(f'two nodes have the key "{node.key}"')
        if node.lane is not None and node.lane not in lanes:
            raise InvalidValueError(
                f'node "{node.key}" is in lane "{node.lane}", which is not there'
            )
        nodes.add(node.key)
    for flow in process.flows:
        _FLOW_FIELDS["kind"].clean("kind", flow.kind)
        _FLOW_FIELDS["label"].clean("label", flow.label)
        for end in (flow.source, flow.target):
            if end not in nodes:
                raise InvalidValueError(f'a flow goes from or to "{end}", which is not a node')


@dataclass(frozen=True)
class ProcessBefore:
    """The process a replacement removed: its name and its rows, for undo."""

    name: str | None
    rows: Snapshot


def _process_rows(session: Session, engagement_id: int) -> Snapshot:
    lanes = session.scalars(
        select(m.ProcessLane.id).where(m.ProcessLane.engagement_id == engagement_id)
    )
    nodes = session.scalars(
        select(m.ProcessNode.id).where(m.ProcessNode.engagement_id == engagement_id)
    )
    snapshot = capture(session, "process_lanes", list(lanes))
    more = capture(session, "process_nodes", list(nodes))
    seen = {(name, row["id"]) for name, row in snapshot.rows}
    snapshot.rows += [(n, r) for n, r in more.rows if (n, r["id"]) not in seen]
    snapshot.cleared = [c for c in snapshot.cleared if c[0] != "process_nodes"]
    return snapshot


def restore_process(store: Store, engagement_id: int, before: ProcessBefore) -> None:
    """Put back the process :func:`replace_process` replaced (undo of a BPMN import)."""
    with store.session() as session:
        engagement = load(session, "engagements", engagement_id)
        for model in (m.ProcessFlow, m.ProcessNode, m.ProcessLane):
            session.execute(delete(model).where(model.engagement_id == engagement_id))
        restore(session, before.rows)
        engagement.process_name = before.name
        touch(session, engagement_id)


def replace_process(store: Store, engagement_id: int, process: NewProcess) -> ProcessBefore:
    """Replace the engagement's process (lanes, nodes, flows, name) in one transaction.

    Returns what was there before, which :func:`restore_process` puts back.
    """
    _check(process)
    with store.session() as session:
        engagement = load(session, "engagements", engagement_id)
        before = ProcessBefore(engagement.process_name, _process_rows(session, engagement_id))
        actors = dict(
            session.execute(
                select(m.ProcessLane.name, m.ProcessLane.actor_id).where(
                    m.ProcessLane.engagement_id == engagement_id
                )
            ).all()
        )
        for model in (m.ProcessFlow, m.ProcessNode, m.ProcessLane):
            session.execute(delete(model).where(model.engagement_id == engagement_id))
        lane_ids: dict[str, int] = {}
        for position, lane in enumerate(process.lanes):
            row = m.ProcessLane(
                engagement_id=engagement_id,
                position=position,
                name=lane.name,
                actor_id=actors.get(lane.name),
            )
            session.add(row)
            session.flush()
            lane_ids[lane.key] = row.id
        node_ids: dict[str, int] = {}
        for position, node in enumerate(process.nodes):
            row = m.ProcessNode(
                engagement_id=engagement_id,
                position=position,
                lane_id=lane_ids[node.lane] if node.lane is not None else None,
                kind=node.kind,
                name=node.name,
                x=node.x,
                y=node.y,
                width=node.width,
                height=node.height,
            )
            session.add(row)
            session.flush()
            node_ids[node.key] = row.id
        session.add_all(
            m.ProcessFlow(
                engagement_id=engagement_id,
                position=position,
                from_node_id=node_ids[flow.source],
                to_node_id=node_ids[flow.target],
                kind=flow.kind,
                label=flow.label,
            )
            for position, flow in enumerate(process.flows)
        )
        engagement.process_name = process.name
        touch(session, engagement_id)
    return before
