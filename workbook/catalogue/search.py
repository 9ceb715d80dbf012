"""Finding catalogue stories: ranked full-text search with exact filters, as you type.

Without words to find, the matching stories come newest first. With words, every word
must appear in the story (in any field) and the best matches come first:

- On SQLite, the FTS5 index ``fts_catalogue_stories`` answers, ranked by bm25 with the
  column weights below. Words are stemmed (Porter: "referrals" finds "referral") and the
  last one is matched as a prefix, since it may still be being typed ("medic" finds
  "medicines"). Filters are exact tokens of the index's ``facets`` column (see
  :func:`facet_token`). A search matching more than :data:`RANKED_AT_MOST` stories ranks
  the most recently added of them, so that a first letter or a word found in every story
  still answers at once; it counts them all, and another word or a filter narrows it.
- Other databases (and a SQLite without FTS5) use :func:`search_portable`: each word must
  appear, case-insensitively, inside some field, and a story scores the weights of the
  fields holding each word.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Text,
    case,
    cast,
    column,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from workbook.catalogue.model import CatalogueStory
from workbook.catalogue.service import load_rows
from workbook.catalogue.storage import CatalogueCriterionRow, CatalogueStoryRow
from workbook.db.store import Store

FTS_TABLE = "fts_catalogue_stories"
S = CatalogueStoryRow
# how much a word found in each field counts, in the FTS table's column order
WEIGHTS: dict[str, float] = {
    "feature": 3.0,
    "actor": 4.0,
    "care_setting": 2.0,
    "secondary_actor": 2.0,
    "requirement": 5.0,
    "justification": 2.0,
    "tags": 3.0,
    "source": 1.0,
    "interactions": 2.0,
    "criteria": 1.0,
    "facets": 0.0,
}
DEFAULT_LIMIT = 200
RANKED_AT_MOST = 5_000
NEWEST_FIRST = S.id.desc()


@dataclass(frozen=True)
class Query:
    """Words to find (all of them) and filters (exact, ignoring case; every tag listed)."""

    text: str = ""
    feature: str | None = None
    actor: str | None = None
    care_setting: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def words(self) -> list[str]:
        return re.findall(r"\w+", self.text.casefold())

    @property
    def filtered(self) -> bool:
        return bool(self.feature or self.actor or self.care_setting or self.tags)


@dataclass(frozen=True)
class Results:
    stories: list[CatalogueStory]  # best first, at most the limit asked for
    total: int  # how many stories match in all


def search(store: Store, query: Query, limit: int | None = DEFAULT_LIMIT) -> Results:
    """The stories matching ``query``, best first, and how many match in all."""
    with store.session() as session:
        if has_fts(session) and (query.words or query.filtered):
            ids, total = search_fts(session, query, limit)
        else:
            ids, total = search_portable(session, query, limit)
        found = load_rows(session, ids)
    return Results([found[i] for i in ids if i in found], total)


def has_fts(session: Session) -> bool:
    if session.get_bind().dialect.name != "sqlite":
        return False
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": FTS_TABLE},
    )
    return found.first() is not None


# ------------------------------------------------------------------ FTS5 (SQLite)


def facet_token(letter: str, value: str) -> str:
    """The ``facets`` token of a filter value, as the index's triggers write it: the
    letter (f, a, c or t), the hex of the value's UTF-8 with ASCII lower-cased (as SQLite's
    ``lower``), and "x" (which no stemming rule touches)."""
    return f"{letter}{value.strip().encode('utf-8').lower().hex()}x"


def fts_match(query: Query) -> str:
    """The FTS5 query. Words are ``\\w+`` and tokens hex, so nothing needs escaping."""
    words = [f'"{word}"' for word in query.words]
    if words and not query.text[-1:].isspace():
        words[-1] += "*"  # the last word may still be being typed
    parts = [" ".join(words)] if words else []
    filters = [
        ("f", query.feature),
        ("a", query.actor),
        ("c", query.care_setting),
        *(("t", tag) for tag in query.tags),
    ]
    parts += [f'{{facets}} : "{facet_token(letter, v)}"' for letter, v in filters if v]
    return " AND ".join(f"({part})" for part in parts)


def search_fts(session: Session, query: Query, limit: int | None) -> tuple[list[int], int]:
    fts = table(FTS_TABLE, column("rowid"))
    name = literal_column(FTS_TABLE)
    matching = name.op("MATCH")(fts_match(query))
    total = session.scalar(select(func.count()).select_from(fts).where(matching)) or 0
    ranked = select(fts.c.rowid).select_from(fts).where(matching)
    if not query.words:
        ranked = ranked.order_by(fts.c.rowid.desc())
    else:
        if limit is not None and total > RANKED_AT_MOST:
            newest = ranked.order_by(fts.c.rowid.desc()).offset(RANKED_AT_MOST - 1).limit(1)
            ranked = ranked.where(fts.c.rowid >= session.scalar(newest))
        ranked = ranked.order_by(func.bm25(name, *WEIGHTS.values()), fts.c.rowid.desc())
    ids = list(session.scalars(ranked if limit is None else ranked.limit(limit)))
    return ids, total


# ------------------------------------------------------------------ portable SQL


def _filters(query: Query) -> list[Any]:
    clauses: list[Any] = [
        func.lower(field) == func.lower(value)
        for field, value in (
            (S.feature, query.feature),
            (S.actor, query.actor),
            (S.care_setting, query.care_setting),
        )
        if value
    ]
    # tags are stored as a JSON array, which json.dumps writes in ASCII: so is each tag here
    clauses += [
        func.lower(cast(S.tags, Text)).contains(json.dumps(tag).lower(), autoescape=True)
        for tag in query.tags
    ]
    return clauses


def _holders() -> dict[str, Any]:
    """For each weighted field, a function from a word to "the field holds it"."""
    C = CatalogueCriterionRow

    def criteria(word: str) -> Any:
        return exists().where(C.story_id == S.id, C.text.icontains(word, autoescape=True))

    def listed(field: Any) -> Any:
        return lambda word: cast(field, Text).icontains(word, autoescape=True)

    def plain(field: Any) -> Any:
        return lambda word: field.icontains(word, autoescape=True)

    return {
        "feature": plain(S.feature),
        "actor": plain(S.actor),
        "care_setting": plain(S.care_setting),
        "secondary_actor": plain(S.secondary_actor),
        "requirement": plain(S.requirement),
        "justification": plain(S.justification),
        "tags": listed(S.tags),
        "source": plain(S.source),
        "interactions": listed(S.interactions),
        "criteria": criteria,
    }


def search_portable(session: Session, query: Query, limit: int | None) -> tuple[list[int], int]:
    """Ranked search in plain SQL (LIKE), for databases without SQLite's FTS5."""
    score: Any = 0
    wheres = _filters(query)
    for word in query.words:
        holds = {name: holder(word) for name, holder in _holders().items()}
        wheres.append(or_(*holds.values()))
        for name, holding in holds.items():
            score = score + case((holding, WEIGHTS[name]), else_=0)
    order = (score.desc(), NEWEST_FIRST) if query.words else (NEWEST_FIRST,)
    ranked = select(S.id).where(*wheres).order_by(*order)
    ids = list(session.scalars(ranked if limit is None else ranked.limit(limit)))
    if limit is None or len(ids) < limit:
        return ids, len(ids)
    return ids, session.scalar(select(func.count()).select_from(S).where(*wheres)) or 0


# ------------------------------------------------------------------ facets


@dataclass(frozen=True)
class Facets:
    """The values the filters offer."""

    features: list[str]
    actors: list[str]
    care_settings: list[str]
    tags: list[str]


def _unique(counts: Counter[str]) -> list[str]:
    """Each value once, ignoring case, spelt the way most stories spell it; A to Z."""
    chosen: dict[str, str] = {}
    for value in sorted(counts, key=lambda v: (-counts[v], v)):
        if value.strip():
            chosen.setdefault(value.strip().casefold(), value.strip())
    return sorted(chosen.values(), key=str.casefold)


def facets(store: Store) -> Facets:
    with store.session() as session:

        def distinct(field: Any) -> list[str]:
            rows = session.execute(
                select(field, func.count()).where(field.is_not(None)).group_by(field)
            )
            return _unique(Counter(dict(rows.tuples().all())))

        tags = Counter(tag for row in session.scalars(select(S.tags)) for tag in row or ())
        return Facets(
            distinct(S.feature), distinct(S.actor), distinct(S.care_setting), _unique(tags)
        )
