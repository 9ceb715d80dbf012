"""Searching the catalogue: FTS5 on SQLite, the portable LIKE search, filters and ranking."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from workbook.catalogue import search, service
from workbook.catalogue.model import CatalogueStory, Criterion
from workbook.catalogue.search import Query
from workbook.db.store import Store
from workbook.services import collections

STORIES = {
    "gp": CatalogueStory(
        requirement="to see the discharge medication list in my clinical system",
        actor="General Practitioner",
        care_setting="Primary Care General Practice",
        feature="Discharge Medication List (View)",
        tags=("reconciliation", "pilot"),
    ),
    "pharmacist": CatalogueStory(
        requirement="to refer a patient for a post-discharge review",
        actor="Pharmacist",
        care_setting="Hospital Services",
        feature="Referral (Task)",
        criteria=(Criterion("The referral lists every discharge medication.", "clinical"),),
        tags=("dms",),
    ),
    "patient": CatalogueStory(
        requirement="to read my prescriptions in Welsh",
        actor="Patient",
        care_setting="Patient and Carer",
        justification="I understand what changed",
        tags=("welsh-language", "pilot"),
        source="Ysbyty Gwynedd pilot",
    ),
    "gp-allergies": CatalogueStory(
        requirement="to see allergies recorded during the admission",
        actor="General Practitioner",
        care_setting="Primary Care General Practice",
        feature="Allergies (View)",
        interactions=("GET AllergyIntolerance",),
        tags=("allergy",),
    ),
}


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    return dict(zip(STORIES, service.add_all(store, list(STORIES.values())), strict=True))


def _found(store: Store, query: Query, limit: int | None = None) -> list[int]:
    return [s.id for s in search.search(store, query, limit).stories]


def _portable(store: Store, query: Query, limit: int | None = None) -> tuple[list[int], int]:
    with store.session() as session:
        return search.search_portable(session, query, limit)


def _fts(store: Store, query: Query, limit: int | None = None) -> tuple[list[int], int]:
    with store.session() as session:
        return search.search_fts(session, query, limit)


def test_words_in_the_requirement_rank_above_words_in_the_criteria(store: Store, ids) -> None:
    expected = [ids["gp"], ids["pharmacist"]]
    assert _found(store, Query("medication")) == expected
    assert _fts(store, Query("medication")) == (expected, 2)
    assert _portable(store, Query("medication")) == (expected, 2)


def test_every_word_must_match_somewhere_and_prefixes_match(store: Store, ids) -> None:
    assert _found(store, Query("medic pilot")) == [ids["gp"]]
    assert _portable(store, Query("medic pilot"))[0] == [ids["gp"]]
    assert _found(store, Query("pil")) == [ids["patient"], ids["gp"]]  # source and tag
    assert _found(store, Query("GP allerg")) == []
    assert _found(store, Query("general allerg")) == [ids["gp-allergies"]]


def test_full_text_search_finds_other_forms_of_a_word(store: Store, ids) -> None:
    assert _fts(store, Query("referrals"))[0] == [ids["pharmacist"]]
    assert _fts(store, Query("understanding"))[0] == [ids["patient"]]
    assert _fts(store, Query("Gwynédd"))[0] == [ids["patient"]]


def test_only_the_word_being_typed_is_a_prefix(store: Store, ids) -> None:
    assert _fts(store, Query("pil"))[0] == [ids["patient"], ids["gp"]]
    assert _fts(store, Query("pil "))[0] == []  # a finished word
    assert _fts(store, Query("pil see"))[0] == []
    assert _fts(store, Query("pilot se"))[0] == [ids["gp"]]


def test_every_field_is_searched(store: Store, ids) -> None:
    for words, key in [
        ("Gwynedd", "patient"),  # source
        ("AllergyIntolerance", "gp-allergies"),  # interactions
        ("welsh-language", "patient"),  # tags
        ("Carer", "patient"),  # care setting
        ("understand changed", "patient"),  # justification
        ("Task", "pharmacist"),  # feature
    ]:
        assert _found(store, Query(words)) == [ids[key]], words
        assert _portable(store, Query(words))[0] == [ids[key]], words


def test_filters_narrow_a_search_or_the_whole_catalogue(store: Store, ids) -> None:
    gp = Query(actor="general practitioner")
    assert _found(store, gp) == [ids["gp-allergies"], ids["gp"]]  # by feature, actor, id
    assert _found(store, Query("see", actor="General Practitioner", tags=("pilot",))) == [ids["gp"]]
    assert _portable(store, Query("see", actor="General Practitioner", tags=("pilot",)))[0] == [
        ids["gp"]
    ]
    assert _found(store, Query(care_setting="hospital services")) == [ids["pharmacist"]]
    assert _found(store, Query(feature="Allergies (View)")) == [ids["gp-allergies"]]
    assert _found(store, Query(tags=("pilot", "welsh-language"))) == [ids["patient"]]
    assert _found(store, Query(tags=("welsh",))) == []  # a whole tag, not part of one
    assert _found(store, Query(tags=("PILOT",))) == [ids["patient"], ids["gp"]]  # no feature first


def test_a_limited_search_still_counts_every_match(store: Store, ids) -> None:
    results = search.search(store, Query("to"), limit=2)
    assert (len(results.stories), results.total) == (2, 4)
    assert _portable(store, Query("to"), limit=2)[1] == 4
    assert search.search(store, Query(tags=("pilot",)), limit=1).total == 2


def test_a_very_broad_search_ranks_the_newest_matches_but_counts_them_all(
    store: Store, ids, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANKED_AT_MOST", 2)
    assert _fts(store, Query("to"), limit=10) == ([ids["gp-allergies"], ids["patient"]], 4)
    assert sorted(_fts(store, Query("to"), limit=None)[0]) == sorted(ids.values())
    assert _fts(store, Query("to see"), limit=10) == ([ids["gp-allergies"], ids["gp"]], 2)


def test_punctuation_and_search_syntax_are_just_text(store: Store, ids) -> None:
    assert _found(store, Query('"medication" OR (NEAR*')) == []
    assert _found(store, Query('medication" -')) == [ids["gp"], ids["pharmacist"]]
    assert _found(store, Query("100%_")) == []
    assert _portable(store, Query("100%_")) == ([], 0)
    assert search.search(store, Query(" .,; ")).total == 4


def test_the_index_follows_every_change(store: Store, ids) -> None:
    story = service.get(store, ids["patient"])
    service.update(
        store,
        ids["patient"],
        CatalogueStory(
            requirement="to read my prescriptions in Cymraeg",
            actor=story.actor,
            criteria=(Criterion("Dosage instructions are bilingual."),),
        ),
    )
    assert _fts(store, Query("Welsh"))[0] == []
    assert _fts(store, Query("Cymraeg bilingual"))[0] == [ids["patient"]]
    snapshot = service.delete(store, [ids["patient"]])
    assert _fts(store, Query("Cymraeg"))[0] == []
    collections.restore(store, snapshot)
    assert _fts(store, Query("Cymraeg bilingual"))[0] == [ids["patient"]]


def test_without_the_full_text_index_the_portable_search_answers(store: Store, ids) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE fts_catalogue_stories"))
    assert _found(store, Query("medication")) == [ids["gp"], ids["pharmacist"]]


def test_facets_list_each_value_once(store: Store, ids) -> None:
    service.add(
        store, CatalogueStory(requirement="x", actor="general practitioner", tags=("Pilot",))
    )
    facets = search.facets(store)
    assert facets.features == [
        "Allergies (View)",
        "Discharge Medication List (View)",
        "Referral (Task)",
    ]
    assert facets.actors == ["General Practitioner", "Patient", "Pharmacist"]
    assert facets.care_settings == [
        "Hospital Services",
        "Patient and Carer",
        "Primary Care General Practice",
    ]
    assert facets.tags == ["allergy", "dms", "pilot", "reconciliation", "welsh-language"]
