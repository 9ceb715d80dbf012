"""What each kind of diagram is drawn from, read from an engagement into plain values.

Layouts take these values, not database rows, so they can be tried on any data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbook.db import models as m
from workbook.errors import NotFoundError
from workbook.profiles.model import short_name


@dataclass(frozen=True)
class GraphNode:
    key: str
    label: str
    kind: str | None = None


@dataclass(frozen=True)
class GraphEdge:
    key: str
    source: str
    target: str
    label: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Graph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


@dataclass(frozen=True)
class Lane:
    key: str
    name: str


@dataclass(frozen=True)
class ProcessNode:
    key: str
    kind: str
    name: str | None = None
    lane: str | None = None
    bounds: tuple[float, float, float, float] | None = None  # x, y, width, height


@dataclass(frozen=True)
class ProcessFlow:
    key: str
    source: str
    target: str
    label: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Process:
    name: str | None
    lanes: tuple[Lane, ...]
    nodes: tuple[ProcessNode, ...]
    flows: tuple[ProcessFlow, ...]


@dataclass(frozen=True)
class Actor:
    key: str
    name: str
    care_setting: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class UseCase:
    key: str
    name: str


@dataclass(frozen=True)
class UseCases:
    system: str
    actors: tuple[Actor, ...]
    use_cases: tuple[UseCase, ...]
    associations: tuple[tuple[str, str], ...]  # actor, use case
    includes: tuple[tuple[str, str], ...]  # use case, included use case
    extends: tuple[tuple[str, str], ...]  # extending use case, extended use case


@dataclass(frozen=True)
class Message:
    source: str
    target: str
    text: str
    kind: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SequenceFlow:
    name: str
    variant: str | None
    participants: tuple[str, ...]
    messages: tuple[Message, ...]


@dataclass(frozen=True)
class Profile:
    key: str
    name: str
    resource_type: str | None
    elements: tuple[str, ...] = field(default=())


def _engagement(session: Session, engagement_id: int) -> m.Engagement:
    engagement = session.get(m.Engagement, engagement_id)
    if engagement is None:
        raise NotFoundError(f"no engagement with id {engagement_id}")
    return engagement


def read_graph(session: Session, engagement_id: int, stage_key: str) -> Graph:
    _engagement(session, engagement_id)
    nodes = session.scalars(
        select(m.GraphNode)
        .where(m.GraphNode.engagement_id == engagement_id, m.GraphNode.stage_key == stage_key)
        .order_by(m.GraphNode.position, m.GraphNode.id)
    )
    edges = session.scalars(
        select(m.GraphEdge)
        .where(m.GraphEdge.engagement_id == engagement_id, m.GraphEdge.stage_key == stage_key)
        .order_by(m.GraphEdge.position, m.GraphEdge.id)
    )
    return Graph(
        tuple(GraphNode(f"n{n.id}", n.label, n.kind) for n in nodes),
        tuple(
            GraphEdge(f"e{e.id}", f"n{e.from_node_id}", f"n{e.to_node_id}", e.label, e.kind)
            for e in edges
        ),
    )


def read_process(session: Session, engagement_id: int) -> Process:
    engagement = _engagement(session, engagement_id)
    return Process(
        engagement.process_name,
        tuple(Lane(f"l{lane.id}", lane.name) for lane in engagement.lanes),
        tuple(
            ProcessNode(
                f"n{n.id}",
                n.kind,
                n.name,
                None if n.lane_id is None else f"l{n.lane_id}",
                None if None in (n.x, n.y, n.width, n.height) else (n.x, n.y, n.width, n.height),  # type: ignore[arg-type]
            )
            for n in engagement.process_nodes
        ),
        tuple(
            ProcessFlow(f"f{f.id}", f"n{f.from_node_id}", f"n{f.to_node_id}", f.label, f.kind)
            for f in engagement.process_flows
        ),
    )


def read_use_cases(session: Session, engagement_id: int) -> UseCases:
    engagement = _engagement(session, engagement_id)
    use_cases = list(
        session.scalars(
            select(m.UseCase)
            .where(m.UseCase.engagement_id == engagement_id)
            .options(selectinload(m.UseCase.links))
            .order_by(m.UseCase.position, m.UseCase.id)
        )
    )
    links = {"actors": [], "includes": [], "extends": []}
    for uc in use_cases:
        for link in uc.links:
            if link.relation == "actors" and link.actor_id is not None:
                links["actors"].append((f"a{link.actor_id}", f"u{uc.id}"))
            elif link.relation in ("includes", "extends") and link.target_use_case_id:
                links[link.relation].append((f"u{uc.id}", f"u{link.target_use_case_id}"))
    linked_actors = {a for a, _ in links["actors"]}
    return UseCases(
        engagement.title,
        tuple(
            Actor(f"a{a.id}", a.name, a.care_setting, a.kind)
            for a in engagement.actors
            if f"a{a.id}" in linked_actors
        ),
        tuple(UseCase(f"u{uc.id}", uc.name) for uc in use_cases),
        tuple(links["actors"]),
        tuple(links["includes"]),
        tuple(links["extends"]),
    )


def sequence_names(session: Session, engagement_id: int) -> list[str]:
    return [s.name for s in _engagement(session, engagement_id).sequences]


def read_sequence(session: Session, engagement_id: int, name: str | None) -> SequenceFlow | None:
    """The sequence called ``name`` (default: the first), or None when there is none."""
    sequences = _engagement(session, engagement_id).sequences
    if name is None:
        if not sequences:
            return None
        chosen = sequences[0]
    else:
        chosen = next((s for s in sequences if s.name == name), None)
        if chosen is None:
            listed = ", ".join(f'"{s.name}"' for s in sequences) or "none"
            raise NotFoundError(f'no sequence named "{name}"; the sequences are: {listed}')
    return SequenceFlow(
        chosen.name,
        chosen.variant,
        tuple(chosen.participants or ()),
        tuple(
            Message(s.from_participant, s.to_participant, s.message, s.kind, s.note)
            for s in chosen.steps
        ),
    )


def read_profiles(session: Session, engagement_id: int) -> tuple[Profile, ...]:
    engagement = _engagement(session, engagement_id)
    elements: dict[str, list[str]] = {}
    rows = session.execute(
        select(m.Mapping.profile, m.Mapping.element_path)
        .where(m.Mapping.engagement_id == engagement_id, m.Mapping.element_path.is_not(None))
        .order_by(m.Mapping.position, m.Mapping.id)
    )
    for profile, path in rows:
        if path:
            elements.setdefault(profile, []).append(path)
    out = []
    for p in engagement.profiles:
        paths = elements.get(p.url) or elements.get(p.name or "") or []
        out.append(
            Profile(
                f"p{p.id}",
                p.name or short_name(p.url),
                p.resource_type,
                tuple(dict.fromkeys(paths)),
            )
        )
    return tuple(out)
