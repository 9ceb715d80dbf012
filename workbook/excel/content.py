"""What the workbook shows of an engagement, read in a few queries.

Column queries rather than ORM objects, so that a 10,000-item dataset with its mappings and
2,000 stories reads in a fraction of a second; the dataset tree comes from
:func:`workbook.services.dataset.tree`, every other list is in ``position`` order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.db import models as m
from workbook.db.store import Store
from workbook.profiles.model import short_name
from workbook.services import dataset
from workbook.services.collections import load
from workbook.services.engagements import EngagementSummary
from workbook.services.stories import actor_labels, criteria_by_story, stories_in_order


@dataclass(frozen=True)
class Item:
    """A data item with its place in the tree and every field's value."""

    id: int
    parent_id: int | None
    depth: int
    has_children: bool
    values: dict[str, Any]  # every field, by name (and the tree columns)


@dataclass(frozen=True)
class MappingLine:
    profile: str
    element_path: str | None
    status: str | None


@dataclass(frozen=True)
class Profile:
    url: str
    name: str | None
    resource_type: str | None

    @property
    def label(self) -> str:
        return self.name or self.resource_type or short_name(self.url)


@dataclass(frozen=True)
class Story:
    ref: str
    feature: str | None
    actor: str | None
    secondary_actor: str | None
    requirement: str
    justification: str | None
    priority: str | None
    status: str | None
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str | None
    value: str | None
    required: bool | None


@dataclass(frozen=True)
class Signature:
    method: str
    path: str
    description: str | None
    result: str | None
    parameters: tuple[Parameter, ...]
    responses: tuple[tuple[int, str | None], ...]
    stories: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    engagement: EngagementSummary
    items: list[Item]
    mappings: dict[int, list[MappingLine]]  # by data item id
    profiles: list[Profile]
    stories: list[Story]
    signatures: list[Signature]


def read_content(store: Store, engagement_id: int) -> Content:
    items = dataset_items(store, engagement_id)
    with store.session() as session:
        stories, refs = _stories(session, engagement_id)
        return Content(
            EngagementSummary.of(load(session, "engagements", engagement_id)),
            items,
            _mappings(session, engagement_id),
            _profiles(session, engagement_id),
            stories,
            _signatures(session, engagement_id, refs),
        )


def dataset_items(store: Store, engagement_id: int) -> list[Item]:
    """The engagement's data items in tree order."""
    rows = dataset.tree(store, engagement_id)
    parents = {row["parent_id"] for row in rows}
    return [
        Item(row["id"], row["parent_id"], row["depth"], row["id"] in parents, row) for row in rows
    ]


def _mappings(session: Session, engagement_id: int) -> dict[int, list[MappingLine]]:
    M = m.Mapping
    found: dict[int, list[MappingLine]] = defaultdict(list)
    for row in session.execute(
        select(M.data_item_id, M.profile, M.element_path, M.status)
        .where(M.engagement_id == engagement_id)
        .order_by(M.position, M.id)
    ):
        found[row.data_item_id].append(MappingLine(row.profile, row.element_path, row.status))
    return found


def _profiles(session: Session, engagement_id: int) -> list[Profile]:
    P = m.ProfileInScope
    return [
        Profile(row.url, row.name, row.resource_type)
        for row in session.execute(
            select(P.url, P.name, P.resource_type)
            .where(P.engagement_id == engagement_id)
            .order_by(P.position, P.id)
        )
    ]


def _stories(session: Session, engagement_id: int) -> tuple[list[Story], dict[int, str]]:
    """The stories in order, and each story's ref by id (its number when it has no ref)."""
    F = m.Feature
    actors = actor_labels(session, engagement_id)
    features = {
        row.id: row.name
        for row in session.execute(select(F.id, F.name).where(F.engagement_id == engagement_id))
    }
    criteria = criteria_by_story(session, engagement_id)
    stories, refs = [], {}
    rows = stories_in_order(session, engagement_id)
    for number, s in enumerate(rows, 1):
        refs[s.id] = s.ref or f"#{number}"
        stories.append(
            Story(
                refs[s.id],
                features.get(s.feature_id),
                actors.get(s.actor_id),
                actors.get(s.secondary_actor_id),
                s.requirement,
                s.justification,
                s.priority,
                s.status,
                tuple(c.text for c in criteria[s.id]),
            )
        )
    return stories, refs


def _signatures(
    session: Session, engagement_id: int, story_refs: dict[int, str]
) -> list[Signature]:
    G, R, P, L = m.ApiSignature, m.ApiResponse, m.SearchParameter, m.ApiSignatureStory
    signatures = list(
        session.execute(
            select(G.id, G.method, G.path, G.description, G.result)
            .where(G.engagement_id == engagement_id)
            .order_by(G.position, G.id)
        )
    )
    ids = [row.id for row in signatures]
    parameters: dict[int, list[Parameter]] = defaultdict(list)
    for row in session.execute(
        select(P.signature_id, P.name, P.type, P.value, P.required)
        .where(P.signature_id.in_(ids))
        .order_by(P.position, P.id)
    ):
        parameters[row.signature_id].append(Parameter(row.name, row.type, row.value, row.required))
    responses: dict[int, list[tuple[int, str | None]]] = defaultdict(list)
    for row in session.execute(
        select(R.signature_id, R.code, R.meaning)
        .where(R.signature_id.in_(ids))
        .order_by(R.position, R.id)
    ):
        responses[row.signature_id].append((row.code, row.meaning))
    stories: dict[int, list[str]] = defaultdict(list)
    for row in session.execute(
        select(L.signature_id, L.story_id).where(L.signature_id.in_(ids)).order_by(L.position, L.id)
    ):
        stories[row.signature_id].append(story_refs[row.story_id])
    return [
        Signature(
            row.method,
            row.path,
            row.description,
            row.result,
            tuple(parameters[row.id]),
            tuple(responses[row.id]),
            tuple(stories[row.id]),
        )
        for row in signatures
    ]
