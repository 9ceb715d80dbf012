"""Stories between an engagement and the catalogue: promote, use, and compare.

*Promote* copies an engagement's story into the catalogue. Promoting a story a second
time, or a story the catalogue already holds (the same actor, care setting and
requirement, ignoring case and spacing), adds nothing: it returns the catalogue story
that is already there, so promoting is safe to repeat.

*Use* copies a catalogue story into an engagement through the engagement services: the
actor (by name and care setting) and the feature (by name) are reused when the engagement
has them and created when it does not; the story gets the next free reference and starts
as a draft. Using the same catalogue story twice in one engagement is refused.

Both record which catalogue story an engagement story came from, with the catalogue
story's values at that moment, so :func:`compare` can tell what changed on which side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.catalogue import service
from workbook.catalogue.model import COMPARED_FIELDS, CatalogueStory, Criterion
from workbook.catalogue.storage import CatalogueStoryRow, CatalogueStoryUse
from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import AmbiguousError, InvalidValueError, NotFoundError, WorkbookError
from workbook.services import collections
from workbook.services.collections import load
from workbook.services.snapshots import Snapshot, capture
from workbook.services.stories import next_ref


def interaction(method: str, path: str) -> str:
    """ "GET MedicationStatement" for ``GET /MedicationStatement?patient=…``."""
    for segment in path.split("?")[0].split("/"):
        if segment and not segment.startswith(("[", "{")) and ":" not in segment:
            return f"{method} {segment}"
    return method


def engagement_story(session: Session, story_id: int) -> CatalogueStory:
    """An engagement's story in catalogue form: names instead of ids, source = its title."""
    story: m.UserStory = load(session, "user_stories", story_id)
    actor = session.get(m.Actor, story.actor_id) if story.actor_id else None
    secondary = session.get(m.Actor, story.secondary_actor_id) if story.secondary_actor_id else None
    feature = session.get(m.Feature, story.feature_id) if story.feature_id else None
    engagement = session.get(m.Engagement, story.engagement_id)
    signatures = session.execute(
        select(m.ApiSignature.method, m.ApiSignature.path)
        .join(m.ApiSignatureStory, m.ApiSignatureStory.signature_id == m.ApiSignature.id)
        .where(m.ApiSignatureStory.story_id == story_id)
        .order_by(m.ApiSignature.position, m.ApiSignature.id)
    )
    return CatalogueStory(
        requirement=story.requirement,
        actor=actor.name if actor else None,
        care_setting=actor.care_setting if actor else None,
        secondary_actor=secondary.name if secondary else None,
        justification=story.justification,
        feature=feature.name if feature else None,
        priority=story.priority,
        criteria=tuple(Criterion(c.text, c.kind) for c in story.acceptance_criteria),
        tags=tuple(story.tags or ()),
        source=engagement.title if engagement else None,
        interactions=tuple(dict.fromkeys(interaction(*s) for s in signatures)),
    )


def find_story(store: Store, engagement_id: int, ref: str) -> int:
    """The id of the engagement's story with reference ``ref`` (ignoring case)."""
    with store.session() as session:
        load(session, "engagements", engagement_id)
        found = list(
            session.scalars(
                select(m.UserStory.id).where(
                    m.UserStory.engagement_id == engagement_id,
                    func.lower(m.UserStory.ref) == ref.strip().lower(),
                )
            )
        )
    if not found:
        raise NotFoundError(f"no story {ref} in engagement {engagement_id}")
    if len(found) > 1:
        raise AmbiguousError(f"{len(found)} stories of engagement {engagement_id} are {ref}")
    return found[0]


@dataclass(frozen=True)
class Promotion:
    catalogue_id: int
    created: bool  # a new catalogue story (else the one already there)
    linked: bool  # the engagement story was newly linked to it


def _link_of(session: Session, story_id: int) -> CatalogueStoryUse | None:
    return session.scalar(
        select(CatalogueStoryUse).where(CatalogueStoryUse.user_story_id == story_id)
    )


def _link(session: Session, story_id: int, row: CatalogueStoryRow) -> None:
    copied = service.from_row(row).compared()
    session.add(CatalogueStoryUse(user_story_id=story_id, catalogue_story_id=row.id, copied=copied))


def _same_story(session: Session, story: CatalogueStory) -> CatalogueStoryRow | None:
    candidates = session.scalars(
        select(CatalogueStoryRow).where(
            func.lower(func.trim(CatalogueStoryRow.requirement))
            == func.lower(story.requirement.strip())
        )
    )
    return next((r for r in candidates if service.from_row(r).key() == story.key()), None)


def promote(store: Store, story_id: int) -> Promotion:
    """Copy an engagement story into the catalogue (see the module's notes on repeats)."""
    with store.session() as session:
        link = _link_of(session, story_id)
        if link is not None:
            return Promotion(link.catalogue_story_id, created=False, linked=False)
        story = engagement_story(session, story_id)
        if not story.requirement.strip():
            raise InvalidValueError("write the story's requirement before promoting it")
        row = _same_story(session, story)
        created = row is None
        if row is None:
            row = service.to_row(story)
            session.add(row)
            session.flush()
        _link(session, story_id, row)
        return Promotion(row.id, created=created, linked=True)


@dataclass(frozen=True)
class Use:
    """A catalogue story copied into an engagement, and every row that made."""

    story_id: int
    ref: str
    created: list[tuple[str, int]] = field(default_factory=list)  # (collection, id) in order


def _find(store: Store, kind: str, engagement_id: int, **wanted: str | None) -> int | None:
    def same(a: Any, b: str | None) -> bool:
        return (a or "").strip().casefold() == (b or "").strip().casefold()

    rows = collections.rows(store, kind, engagement_id)
    return next((r["id"] for r in rows if all(same(r[k], w) for k, w in wanted.items())), None)


def _already_used(store: Store, engagement_id: int, catalogue_id: int) -> str | None:
    with store.session() as session:
        load(session, "engagements", engagement_id)
        return session.scalar(
            select(func.coalesce(m.UserStory.ref, "a story"))
            .join(CatalogueStoryUse, CatalogueStoryUse.user_story_id == m.UserStory.id)
            .where(
                m.UserStory.engagement_id == engagement_id,
                CatalogueStoryUse.catalogue_story_id == catalogue_id,
            )
        )


def use(store: Store, engagement_id: int, catalogue_id: int) -> Use:
    """Copy a catalogue story into an engagement (all of it, or nothing on an error)."""
    story = service.get(store, catalogue_id)
    used = _already_used(store, engagement_id, catalogue_id)
    if used is not None:
        raise InvalidValueError(
            f"catalogue story {catalogue_id} is already in this engagement as {used}"
        )
    created: list[tuple[str, int]] = []

    def reuse_or_add(kind: str, name: str | None, **extra: str | None) -> int | None:
        if not name or not name.strip():
            return None
        found = _find(store, kind, engagement_id, name=name, **extra)
        if found is None:
            found = collections.add(store, kind, engagement_id, name=name.strip(), **extra)
            created.append((kind, found))
        return found

    try:
        actor_id = reuse_or_add("actors", story.actor, care_setting=story.care_setting)
        secondary_id = reuse_or_add("actors", story.secondary_actor)
        feature_id = reuse_or_add("features", story.feature)
        ref = next_ref(store, engagement_id)
        story_id = collections.add(
            store,
            "user_stories",
            engagement_id,
            ref=ref,
            feature_id=feature_id,
            actor_id=actor_id,
            secondary_actor_id=secondary_id,
            requirement=story.requirement,
            justification=story.justification,
            priority=story.priority,
            status="draft",
            tags=list(story.tags) or None,
        )
        created.append(("user_stories", story_id))
        for criterion in story.criteria:
            collections.add(
                store, "acceptance_criteria", story_id, text=criterion.text, kind=criterion.kind
            )
        with store.session() as session:
            row = session.get(CatalogueStoryRow, catalogue_id)
            if row is None:
                raise NotFoundError(f"no catalogue story with id {catalogue_id}")
            _link(session, story_id, row)
    except WorkbookError:
        for kind, row_id in reversed(created):
            collections.delete(store, kind, row_id)
        raise
    return Use(story_id, ref, created)


@dataclass(frozen=True)
class Difference:
    field: str
    engagement: Any
    catalogue: Any
    changed_in: str  # "engagement", "catalogue" or "both": which side moved since the copy


@dataclass(frozen=True)
class Comparison:
    catalogue_id: int
    copied_at: dt.datetime
    differences: list[Difference]


def forget_origin(store: Store, story_id: int) -> Snapshot:
    """Unlink an engagement story from its catalogue story (the snapshot undoes it)."""
    with store.session() as session:
        link = _link_of(session, story_id)
        if link is None:
            raise NotFoundError(f"story {story_id} did not come from the catalogue")
        snapshot = capture(session, CatalogueStoryUse.__tablename__, [link.id])
        session.delete(link)
        return snapshot


def origin(store: Store, story_id: int) -> int | None:
    """The catalogue story an engagement story was copied from or promoted into."""
    with store.session() as session:
        link = _link_of(session, story_id)
        return link.catalogue_story_id if link is not None else None


def compare(store: Store, story_id: int) -> Comparison | None:
    """Field-by-field differences between an engagement story and its catalogue origin
    (None when it has none)."""
    with store.session() as session:
        link = _link_of(session, story_id)
        if link is None:
            load(session, "user_stories", story_id)
            return None
        ours = engagement_story(session, story_id).compared()
        theirs = service.from_row(session.get(CatalogueStoryRow, link.catalogue_story_id))
        theirs_values = theirs.compared()
        differences = []
        for name in COMPARED_FIELDS:
            if ours[name] == theirs_values[name]:
                continue
            copied = link.copied.get(name)
            moved = [
                side
                for side, value in (("engagement", ours[name]), ("catalogue", theirs_values[name]))
                if value != copied
            ]
            differences.append(
                Difference(
                    name,
                    ours[name],
                    theirs_values[name],
                    moved[0] if len(moved) == 1 else "both",
                )
            )
        return Comparison(link.catalogue_story_id, link.copied_at, differences)
