"""Dataset coverage: items mapped to nothing, and agreed stories that need them."""

from __future__ import annotations

from tests.review.build import found, item, mapping, new, story, subjects
from workbook.db.store import Store
from workbook.services import collections


def _dataset(store: Store, **steps: str) -> tuple[int, int, int]:
    """An engagement with a group holding Date of Birth (mapped) and Ethnicity (not)."""
    engagement_id = new(store, **steps)
    collections.add(store, "profiles", engagement_id, url="CareConnect-Patient-1")
    group = item(store, engagement_id, "Patient", data_type="group")
    born = item(store, engagement_id, "Date of Birth", data_type="date", parent_id=group)
    other = item(store, engagement_id, "Ethnicity", data_type="code", parent_id=group)
    return engagement_id, born, other


def test_items_mapped_to_nothing(store: Store) -> None:
    engagement_id, born, other = _dataset(store)
    mapping(store, engagement_id, born, "Patient.birthDate")
    (finding,) = found(store, engagement_id, "dataset.item-unmapped")
    assert (finding.subject, finding.step, finding.target) == (
        "Ethnicity",
        "mapping",
        ("data_items", other),
    )


def test_before_mapping_begins_unmapped_items_are_no_news(store: Store) -> None:
    engagement_id, _born, _other = _dataset(store, dataset="done")
    assert found(store, engagement_id, "dataset.item-unmapped") == []
    engagement_id, _born, _other = _dataset(store, mapping="in_progress")
    assert subjects(store, engagement_id, "dataset.item-unmapped") == [
        "Date of Birth",
        "Ethnicity",
    ]


def test_an_item_name_used_twice_is_named_with_its_group(store: Store) -> None:
    engagement_id, born, _other = _dataset(store, mapping="in_progress")
    mapping(store, engagement_id, born, "Patient.birthDate")
    group = item(store, engagement_id, "Carer", data_type="group")
    item(store, engagement_id, "Ethnicity", data_type="code", parent_id=group)
    assert subjects(store, engagement_id, "dataset.item-unmapped") == [
        "Patient › Ethnicity",
        "Carer › Ethnicity",
    ]


def test_an_agreed_story_needs_unmapped_items(store: Store) -> None:
    engagement_id, born, other = _dataset(store, mapping="in_progress")
    story(store, engagement_id, items=(born, other))
    (finding,) = found(store, engagement_id, "story.data-unmapped")
    assert finding.subject == "US-001"
    assert finding.message.startswith("needs Date of Birth, Ethnicity, which are not mapped")
    assert finding.target == ("data_items", born)


def test_a_draft_story_or_a_mapped_one_is_fine(store: Store) -> None:
    engagement_id, born, other = _dataset(store, mapping="in_progress")
    mapping(store, engagement_id, born, "Patient.birthDate")
    story(store, engagement_id, items=(born,))
    story(store, engagement_id, ref="US-002", requirement="to know the ethnicity", items=(other,))
    collections.update(store, "user_stories", _id(store, engagement_id, "US-002"), status="draft")
    assert found(store, engagement_id, "story.data-unmapped") == []


def _id(store: Store, engagement_id: int, ref: str) -> int:
    rows = collections.rows(store, "user_stories", engagement_id)
    return next(r["id"] for r in rows if r["ref"] == ref)
