"""Everything the review checks look at, read in one database session.

Rows are plain frozen dataclasses so that the checks are pure functions of :class:`Facts`
and the tests can read what a check saw.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.db import models as m
from workbook.db.store import Store
from workbook.services.api import request_line
from workbook.services.collections import load
from workbook.services.dataset import tree_order
from workbook.services.stories import Criterion, actor_label, criteria_by_story, stories_in_order
from workbook.steps import STEP_KEYS, STEPS_BY_KEY

STARTED = ("in_progress", "done")
UNCOMMITTED = ("draft", "out_of_scope")  # stories nobody has agreed to build (yet)


@dataclass(frozen=True)
class Actor:
    id: int
    name: str
    care_setting: str | None
    kind: str | None

    @property
    def label(self) -> str:
        return actor_label(self.name, self.care_setting)


@dataclass(frozen=True)
class Story:
    id: int
    position: int
    ref: str | None
    requirement: str
    justification: str | None
    priority: str | None
    status: str | None
    feature_id: int | None
    actor_id: int | None
    secondary_actor_id: int | None
    criteria: tuple[Criterion, ...]
    data_item_ids: tuple[int, ...]

    @property
    def name(self) -> str:
        """The story as the analyst finds it: its ref, else the start of its requirement."""
        if self.ref:
            return self.ref
        text = " ".join(self.requirement.split())
        if not text:
            return f"story {self.position + 1} (no ref)"
        return f"“{text[:41].rsplit(' ', 1)[0]}…”" if len(text) > 40 else f"“{text}”"

    @property
    def committed(self) -> bool:
        """Agreed to be built: not a draft, not out of scope, not a "won't"."""
        return self.status not in UNCOMMITTED and self.priority != "wont"


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    label: str  # the name, with its group's when another item has the same name
    is_group: bool


@dataclass(frozen=True)
class Mapping:
    id: int
    data_item_id: int
    profile: str
    element_path: str | None
    status: str | None


@dataclass(frozen=True)
class Signature:
    id: int
    request: str  # the request line: GET [baseUrl]/List?patient.identifier=…
    story_ids: tuple[int, ...]


@dataclass(frozen=True)
class Test:
    id: int
    name: str
    story_id: int | None
    result: str | None


@dataclass(frozen=True)
class Review:
    id: int
    approver: str
    decision: str
    position: int  # reviews are listed oldest first


@dataclass(frozen=True)
class ChangeRequest:
    id: int
    profile: str | None
    element_path: str | None
    data_item_ids: tuple[int, ...]


@dataclass(frozen=True)
class Facts:
    statuses: dict[str, str]  # step key -> not_started | in_progress | done
    texts: dict[str, str]  # step key -> its Markdown text
    actors: dict[int, Actor]
    features: dict[int, str]
    stories: list[Story]
    items: list[Item]
    mappings: list[Mapping]
    signatures: list[Signature]
    tests: list[Test]
    reviews: list[Review]
    change_requests: list[ChangeRequest]
    # rows that are a step's formal outputs, by kind: "graph:problem_statement",
    # "attachments:technical_context", "profiles", "process_nodes", "use_cases", "sequences",
    # "lessons"
    outputs: Counter[str]

    def begun(self, key: str) -> bool:
        """The analyst has started this step, or a later one."""
        number = STEPS_BY_KEY[key].number
        return any(self.statuses[k] in STARTED for k in STEP_KEYS[number - 1 :])

    def passed(self, key: str) -> bool:
        """The step is marked done, or a later step has been started."""
        number = STEPS_BY_KEY[key].number
        return self.statuses[key] == "done" or any(
            self.statuses[k] in STARTED for k in STEP_KEYS[number:]
        )

    def story(self, story_id: int) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)


def _rows(session: Session, *columns: Any, where: Any, order: Any = None) -> list[Any]:
    query = select(*columns).where(where)
    if order is not None:
        query = query.order_by(*order)
    return list(session.execute(query).all())


def _links(session: Session, model: Any, owner: Any, target: Any, owners: Any) -> dict:
    found: dict[int, list[int]] = defaultdict(list)
    for owner_id, target_id in session.execute(
        select(owner, target).where(owners).order_by(model.position, model.id)
    ):
        found[owner_id].append(target_id)
    return found


def load_facts(store: Store, engagement_id: int) -> Facts:
    """Read what the checks need about one engagement (NotFoundError if there is none)."""
    with store.session() as session:
        load(session, "engagements", engagement_id)
        return _read(session, engagement_id)


def _read(session: Session, eid: int) -> Facts:
    stages = {
        key: (status, text)
        for key, status, text in _rows(
            session, m.Stage.key, m.Stage.status, m.Stage.text, where=m.Stage.engagement_id == eid
        )
    }
    actors = {
        r.id: Actor(r.id, r.name, r.care_setting, r.kind)
        for r in session.scalars(select(m.Actor).where(m.Actor.engagement_id == eid))
    }
    features = dict(
        _rows(session, m.Feature.id, m.Feature.name, where=m.Feature.engagement_id == eid)
    )
    S = m.UserStory
    in_engagement = S.engagement_id == eid
    criteria = {
        story_id: [c for c in given if c.text and c.text.strip()]
        for story_id, given in criteria_by_story(session, eid).items()
    }
    story_items = _links(
        session,
        m.StoryDataItem,
        m.StoryDataItem.story_id,
        m.StoryDataItem.data_item_id,
        m.StoryDataItem.story_id.in_(select(S.id).where(in_engagement)),
    )
    stories = [
        Story(
            r.id,
            r.position,
            r.ref,
            r.requirement or "",
            r.justification,
            r.priority,
            r.status,
            r.feature_id,
            r.actor_id,
            r.secondary_actor_id,
            tuple(criteria.get(r.id, ())),
            tuple(story_items[r.id]),
        )
        for r in stories_in_order(session, eid)
    ]
    return Facts(
        statuses={k: stages.get(k, ("not_started", ""))[0] for k in STEP_KEYS},
        texts={k: stages.get(k, ("", ""))[1] or "" for k in STEP_KEYS},
        actors=actors,
        features=features,
        stories=stories,
        items=_items(session, eid),
        mappings=[
            Mapping(r.id, r.data_item_id, r.profile, r.element_path, r.status)
            for r in session.scalars(
                select(m.Mapping)
                .where(m.Mapping.engagement_id == eid)
                .order_by(m.Mapping.position, m.Mapping.id)
            )
        ],
        signatures=_signatures(session, eid),
        tests=[
            Test(r.id, r.name, r.user_story_id, r.result)
            for r in session.scalars(
                select(m.SolutionTest)
                .where(m.SolutionTest.engagement_id == eid)
                .order_by(m.SolutionTest.position, m.SolutionTest.id)
            )
        ],
        reviews=[
            Review(r.id, r.approver, r.decision, r.position)
            for r in session.scalars(select(m.Approval).where(m.Approval.engagement_id == eid))
        ],
        change_requests=_change_requests(session, eid),
        outputs=_outputs(session, eid),
    )


def _items(session: Session, eid: int) -> list[Item]:
    rows = [
        {"id": r.id, "parent_id": r.parent_id, "name": r.name}
        for r in session.execute(
            select(m.DataItem.id, m.DataItem.parent_id, m.DataItem.name)
            .where(m.DataItem.engagement_id == eid)
            .order_by(m.DataItem.position, m.DataItem.id)
        )
    ]
    names = Counter(r["name"] for r in rows)
    by_id = {r["id"]: r for r in rows}
    parents = {r["parent_id"] for r in rows}
    items = []
    for row, _depth in tree_order(rows):
        label = row["name"]
        parent = by_id.get(row["parent_id"])
        if names[label] > 1 and parent is not None:
            label = f"{parent['name']} › {label}"
        items.append(Item(row["id"], row["name"], label, row["id"] in parents))
    return items


def _signatures(session: Session, eid: int) -> list[Signature]:
    A = m.ApiSignature
    mine = A.engagement_id == eid
    owned = select(A.id).where(mine)
    stories = _links(
        session,
        m.ApiSignatureStory,
        m.ApiSignatureStory.signature_id,
        m.ApiSignatureStory.story_id,
        m.ApiSignatureStory.signature_id.in_(owned),
    )
    parameters: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in session.scalars(
        select(m.SearchParameter)
        .where(m.SearchParameter.signature_id.in_(owned))
        .order_by(m.SearchParameter.position, m.SearchParameter.id)
    ):
        parameters[r.signature_id].append({"name": r.name, "value": r.value})
    return [
        Signature(r.id, request_line(r.method, r.path, parameters[r.id]), tuple(stories[r.id]))
        for r in session.scalars(select(A).where(mine).order_by(A.position, A.id))
    ]


def _change_requests(session: Session, eid: int) -> list[ChangeRequest]:
    C = m.ChangeRequest
    items = _links(
        session,
        m.ChangeRequestDataItem,
        m.ChangeRequestDataItem.change_request_id,
        m.ChangeRequestDataItem.data_item_id,
        m.ChangeRequestDataItem.change_request_id.in_(select(C.id).where(C.engagement_id == eid)),
    )
    return [
        ChangeRequest(r.id, r.profile, r.element_path, tuple(items[r.id]))
        for r in session.scalars(select(C).where(C.engagement_id == eid).order_by(C.position, C.id))
    ]


def _count(session: Session, model: Any, *where: Any) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _outputs(session: Session, eid: int) -> Counter[str]:
    outputs: Counter[str] = Counter()
    for stage_key, count in session.execute(
        select(m.GraphNode.stage_key, func.count())
        .where(m.GraphNode.engagement_id == eid)
        .group_by(m.GraphNode.stage_key)
    ):
        outputs[f"graph:{stage_key}"] = count
    for stage_key, count in session.execute(
        select(m.Attachment.stage_key, func.count())
        .where(m.Attachment.engagement_id == eid)
        .group_by(m.Attachment.stage_key)
    ):
        outputs[f"attachments:{stage_key}"] = count
    for name, model in (
        ("profiles", m.ProfileInScope),
        ("process_nodes", m.ProcessNode),
        ("use_cases", m.UseCase),
        ("sequences", m.Sequence),
        ("lessons", m.Lesson),
    ):
        outputs[name] = _count(session, model, model.engagement_id == eid)
    return outputs
