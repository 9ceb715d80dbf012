"""User stories as people read them: the Care Connect sentence and the story table's rows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

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
        actors = {
            a.id: actor_label(a.name, a.care_setting)
            for a in session.scalars(select(m.Actor).where(m.Actor.engagement_id == engagement_id))
        }
        features = {
            f.id: f.name
            for f in session.scalars(
                select(m.Feature).where(m.Feature.engagement_id == engagement_id)
            )
        }
        counts = dict(
            session.execute(
                select(m.AcceptanceCriterion.story_id, func.count())
                .join(m.UserStory, m.UserStory.id == m.AcceptanceCriterion.story_id)
                .where(m.UserStory.engagement_id == engagement_id)
                .group_by(m.AcceptanceCriterion.story_id)
            ).all()
        )
        stories = session.scalars(
            select(m.UserStory)
            .where(m.UserStory.engagement_id == engagement_id)
            .order_by(m.UserStory.position, m.UserStory.id)
        )
        return [
            StoryRow(
                id=s.id,
                position=s.position,
                ref=s.ref or "",
                feature_id=s.feature_id,
                feature=features.get(s.feature_id, "") if s.feature_id else "",
                actor_id=s.actor_id,
                actor=actors.get(s.actor_id, "") if s.actor_id else "",
                secondary_actor=actors.get(s.secondary_actor_id, "")
                if s.secondary_actor_id
                else "",
                sentence=sentence(
                    actors.get(s.actor_id, "") if s.actor_id else "",
                    s.requirement,
                    s.justification,
                ),
                priority=s.priority or "",
                status=s.status or "",
                criteria=counts.get(s.id, 0),
            )
            for s in stories
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
