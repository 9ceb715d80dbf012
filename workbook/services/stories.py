"""User stories as people read them: the Care Connect sentence and the story table's rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.db import models as m
from workbook.db.store import Store
from workbook.services.collections import load


def actor_label(name: str | None, care_setting: str | None) -> str:
    """ "Pharmacist (Hospital Services)", or just the name when there is no care setting."""
    if not name:
        return ""
    return f"{name} ({care_setting})" if care_setting else name


def sentence(actor: str, requirement: str, justification: str | None) -> str:
    """The story as one sentence: "As a … I want … so that …"."""
    who = actor or "…"
    article = "an" if who[:1].lower() in "aeiou" and who[:1] else "a"
    text = f"As {article} {who} I want {requirement.strip() or '…'}"
    if justification and justification.strip():
        reason = justification.strip()
        joiner = "" if reason.lower().startswith(("so that", "because")) else "so that "
        text += f" {joiner}{reason}"
    return text


@dataclass(frozen=True)
class Criterion:
    """An acceptance criterion: its text and, where it has one, its kind ("clinical")."""

    text: str
    kind: str | None = None

    def label(self) -> str:
        """ "clinical: text", the way criteria are written one per line in CSV files."""
        return f"{self.kind}: {self.text}" if self.kind else self.text


def actor_labels(session: Session, engagement_id: int) -> dict[int, str]:
    """Each actor's label (:func:`actor_label`) by id."""
    A = m.Actor
    return {
        row.id: actor_label(row.name, row.care_setting)
        for row in session.execute(
            select(A.id, A.name, A.care_setting).where(A.engagement_id == engagement_id)
        )
    }


def stories_in_order(session: Session, engagement_id: int) -> list[Any]:
    """The engagement's stories in display order, as rows of their own columns."""
    S = m.UserStory
    return session.execute(
        select(
            S.id,
            S.position,
            S.ref,
            S.feature_id,
            S.actor_id,
            S.secondary_actor_id,
            S.requirement,
            S.justification,
            S.priority,
            S.status,
        )
        .where(S.engagement_id == engagement_id)
        .order_by(S.position, S.id)
    ).all()


def criteria_by_story(session: Session, engagement_id: int) -> dict[int, list[Criterion]]:
    """Each story's acceptance criteria in order, by story id (absent: none)."""
    C, S = m.AcceptanceCriterion, m.UserStory
    found: dict[int, list[Criterion]] = defaultdict(list)
    for story_id, text, kind in session.execute(
        select(C.story_id, C.text, C.kind)
        .join(S, S.id == C.story_id)
        .where(S.engagement_id == engagement_id)
        .order_by(C.position, C.id)
    ):
        found[story_id].append(Criterion(text, kind))
    return found


@dataclass(frozen=True)
class StoryRow:
    id: int
    position: int
    ref: str
    feature_id: int | None
    feature: str
    actor_id: int | None
    actor: str
    secondary_actor: str
    sentence: str
    priority: str
    status: str
    criteria: int


def story_rows(store: Store, engagement_id: int) -> list[StoryRow]:
    """Every story of an engagement in display order, ready for a table."""
    with store.session() as session:
        load(session, "engagements", engagement_id)
        actors = actor_labels(session, engagement_id)
        features = dict(
            session.execute(
                select(m.Feature.id, m.Feature.name).where(m.Feature.engagement_id == engagement_id)
            ).all()
        )
        counts = dict(
            session.execute(
                select(m.AcceptanceCriterion.story_id, func.count())
                .join(m.UserStory, m.UserStory.id == m.AcceptanceCriterion.story_id)
                .where(m.UserStory.engagement_id == engagement_id)
                .group_by(m.AcceptanceCriterion.story_id)
            ).all()
        )
        rows = stories_in_order(session, engagement_id)
    return [
        StoryRow(
            id=r.id,
            position=r.position,
            ref=r.ref or "",
            feature_id=r.feature_id,
            feature=features.get(r.feature_id, ""),
            actor_id=r.actor_id,
            actor=actors.get(r.actor_id, ""),
            secondary_actor=actors.get(r.secondary_actor_id, ""),
            sentence=sentence(actors.get(r.actor_id, ""), r.requirement, r.justification),
            priority=r.priority or "",
            status=r.status or "",
            criteria=counts.get(r.id, 0),
        )
        for r in rows
    ]


def next_ref(store: Store, engagement_id: int) -> str:
    """The next free story reference: US-001, US-002, …"""
    with store.session() as session:
        refs = session.scalars(
            select(m.UserStory.ref).where(m.UserStory.engagement_id == engagement_id)
        )
        numbers = [int(r[3:]) for r in refs if r and r.startswith("US-") and r[3:].isdigit()]
    return f"US-{max(numbers, default=0) + 1:03d}"


def duplicate_refs(store: Store, engagement_id: int) -> set[str]:
    with store.session() as session:
        rows = session.execute(
            select(m.UserStory.ref)
            .where(m.UserStory.engagement_id == engagement_id, m.UserStory.ref.is_not(None))
            .group_by(m.UserStory.ref)
            .having(func.count() > 1)
        )
        return {r[0] for r in rows}


@dataclass(frozen=True)
class CriterionRow:
    """One acceptance criterion, with its story and the tests of that story (step 11)."""

    story_id: int
    ref: str
    story: str  # the story's sentence
    number: int  # 1-based, within the story
    text: str
    kind: str
    tests: tuple[tuple[str, str], ...]  # (test name, result) of the story's tests


def criteria_rows(store: Store, engagement_id: int) -> list[CriterionRow]:
    """Every story's acceptance criteria in story order; a story with none gives one row
    with no text, so the list shows what is missing as well as what is there."""
    stories = story_rows(store, engagement_id)
    with store.session() as session:
        criteria = criteria_by_story(session, engagement_id)
        tests: dict[int, list[tuple[str, str]]] = {}
        for story_id, name, result in session.execute(
            select(m.SolutionTest.user_story_id, m.SolutionTest.name, m.SolutionTest.result)
            .where(
                m.SolutionTest.engagement_id == engagement_id,
                m.SolutionTest.user_story_id.is_not(None),
            )
            .order_by(m.SolutionTest.position, m.SolutionTest.id)
        ):
            tests.setdefault(story_id, []).append((name, result or "not_run"))
    rows = []
    for story in stories:
        story_tests = tuple(tests.get(story.id, ()))
        given = criteria.get(story.id) or [Criterion("")]
        rows += [
            CriterionRow(story.id, story.ref, story.sentence, n, c.text, c.kind or "", story_tests)
            for n, c in enumerate(given, start=1)
        ]
    return rows
