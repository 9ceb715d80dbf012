"""Adding, reading, changing and removing catalogue stories (each change commits at once)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import delete as delete_rows
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook import vocabulary as v
from workbook.catalogue.model import CatalogueStory, Criterion
from workbook.catalogue.storage import CatalogueCriterionRow, CatalogueStoryRow
from workbook.db.models import utcnow
from workbook.db.store import Store
from workbook.errors import InvalidValueError, NotFoundError
from workbook.progress import Progress, no_progress
from workbook.services.snapshots import Snapshot, capture

_CHUNK = 500  # ids per query, well under every database's limit on bound parameters
# the catalogue's order when nothing ranks it (stories without a feature first: often the
# ones still to sort out), which the index on (feature, actor) gives for free
ORDER = (CatalogueStoryRow.feature, CatalogueStoryRow.actor, CatalogueStoryRow.id)
EDITABLE = (
    "feature",
    "actor",
    "care_setting",
    "secondary_actor",
    "requirement",
    "justification",
    "priority",
    "tags",
    "source",
    "interactions",
)


def value_problems(story: CatalogueStory) -> list[tuple[str, str]]:
    """(field, what is wrong) for every value the catalogue cannot store."""
    found = []
    if not story.requirement.strip():
        found.append(("requirement", "a story needs its requirement (the “I want …” part)"))
    if story.priority is not None and story.priority not in v.PRIORITIES:
        found.append(
            (
                "priority",
                f"{story.priority!r} is not a priority; use one of {', '.join(v.PRIORITIES)}",
            )
        )
    for i, criterion in enumerate(story.criteria):
        if criterion.kind is not None and criterion.kind not in v.CRITERION_KINDS:
            found.append(
                (
                    f"acceptance_criteria/{i}/kind",
                    f"{criterion.kind!r} is not a kind of criterion; "
                    f"use one of {', '.join(v.CRITERION_KINDS)}",
                )
            )
    return found


def _check(story: CatalogueStory) -> None:
    problems = value_problems(story)
    if problems:
        field, what = problems[0]
        raise InvalidValueError(f"{field}: {what}")


def to_row(story: CatalogueStory) -> CatalogueStoryRow:
    _check(story)
    row = CatalogueStoryRow(
        feature=story.feature,
        actor=story.actor,
        care_setting=story.care_setting,
        secondary_actor=story.secondary_actor,
        requirement=story.requirement,
        justification=story.justification,
        priority=story.priority,
        tags=list(story.tags),
        source=story.source,
        interactions=list(story.interactions),
    )
    row.criteria = [
        CatalogueCriterionRow(position=i, text=c.text, kind=c.kind)
        for i, c in enumerate(story.criteria)
    ]
    return row


def from_row(row: Any, criteria: Sequence[Criterion] | None = None) -> CatalogueStory:
    """The story of a row: an ORM row with its criteria, or a plain row and its criteria."""
    if criteria is None:
        criteria = [Criterion(c.text, c.kind) for c in row.criteria]
    return CatalogueStory(
        id=row.id,
        feature=row.feature,
        actor=row.actor,
        care_setting=row.care_setting,
        secondary_actor=row.secondary_actor,
        requirement=row.requirement,
        justification=row.justification,
        priority=row.priority,
        criteria=tuple(criteria),
        tags=tuple(row.tags or ()),
        source=row.source,
        interactions=tuple(row.interactions or ()),
        created=row.created,
        updated=row.updated,
    )


def add(store: Store, story: CatalogueStory) -> int:
    """Store one story; returns its id."""
    return add_all(store, [story])[0]


def add_all(
    store: Store, stories: Sequence[CatalogueStory], progress: Progress = no_progress
) -> list[int]:
    """Store stories in one transaction: all of them, or (on an error or Cancelled) none."""
    rows = [to_row(story) for story in stories]
    with store.session() as session:
        for done, row in enumerate(rows):
            if done % _CHUNK == 0:
                progress(done, len(rows), "Adding stories to the catalogue")
                session.flush()
            session.add(row)
        session.flush()
        progress(len(rows), len(rows), "Adding stories to the catalogue")
        return [row.id for row in rows]


def load_rows(session: Session, ids: Sequence[int]) -> dict[int, CatalogueStory]:
    """The stories with these ids (plain selects: this is on the search-as-you-type path)."""
    S, C = CatalogueStoryRow.__table__, CatalogueCriterionRow.__table__
    found: dict[int, CatalogueStory] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        criteria: dict[int, list[Criterion]] = {}
        query = select(C.c.story_id, C.c.text, C.c.kind).where(C.c.story_id.in_(chunk))
        for story_id, text, kind in session.execute(query.order_by(C.c.story_id, C.c.position)):
            criteria.setdefault(story_id, []).append(Criterion(text, kind))
        for row in session.execute(select(S).where(S.c.id.in_(chunk))):
            found[row.id] = from_row(row, criteria.get(row.id, []))
    return found


def get(store: Store, story_id: int) -> CatalogueStory:
    with store.session() as session:
        found = load_rows(session, [story_id])
    if story_id not in found:
        raise NotFoundError(f"no catalogue story with id {story_id}")
    return found[story_id]


def get_many(store: Store, ids: Sequence[int]) -> list[CatalogueStory]:
    """The stories with these ids, in the order given (ids no longer there are left out)."""
    with store.session() as session:
        found = load_rows(session, ids)
    return [found[i] for i in ids if i in found]


def iter_all(store: Store) -> Iterator[CatalogueStory]:
    """Every story in catalogue order, loaded a chunk at a time."""
    with store.session() as session:
        ids = list(session.scalars(select(CatalogueStoryRow.id).order_by(*ORDER)))
    for start in range(0, len(ids), _CHUNK):
        yield from get_many(store, ids[start : start + _CHUNK])


def count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(CatalogueStoryRow)) or 0


def keys(store: Store) -> dict[tuple[str, str, str], int]:
    """Each story's :meth:`CatalogueStory.key`, to its id: how duplicates are found."""
    query = select(
        CatalogueStoryRow.id,
        CatalogueStoryRow.actor,
        CatalogueStoryRow.care_setting,
        CatalogueStoryRow.requirement,
    )
    with store.session() as session:
        return {
            CatalogueStory(requirement, actor, care_setting).key(): ident
            for ident, actor, care_setting, requirement in session.execute(query)
        }


def update(store: Store, story_id: int, story: CatalogueStory) -> None:
    """Replace a story's values and criteria (its id and creation time stay)."""
    fresh = to_row(story)
    with store.session() as session:
        row = session.get(CatalogueStoryRow, story_id)
        if row is None:
            raise NotFoundError(f"no catalogue story with id {story_id}")
        for name in EDITABLE:
            setattr(row, name, getattr(fresh, name))
        row.criteria = fresh.criteria
        row.updated = utcnow()


def delete(store: Store, ids: Sequence[int]) -> Snapshot:
    """Remove stories (and their links from engagement stories); the snapshot undoes it."""
    with store.session() as session:
        found = set(
            session.scalars(select(CatalogueStoryRow.id).where(CatalogueStoryRow.id.in_(ids)))
        )
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError(f"no catalogue story with id {missing[0]}")
        snapshot = capture(session, CatalogueStoryRow.__tablename__, list(ids))
        session.execute(delete_rows(CatalogueStoryRow).where(CatalogueStoryRow.id.in_(ids)))
        return snapshot
