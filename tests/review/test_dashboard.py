"""What the overview's charts count."""

from __future__ import annotations

from collections import Counter

from tests.review.build import add_test, item, mapping, new, story
from workbook.db.store import Store
from workbook.review.dashboard import dashboard


def test_the_demo_counted(store: Store, demo_id: int) -> None:
    counts = dashboard(store, demo_id)
    assert [(title, dict(c)) for title, c in counts.phases] == [
        ("Agree business requirements", {"done": 5}),
        ("Define the solution", {"done": 3, "in_progress": 4}),
        ("Deliver the solution", {"not_started": 2, "in_progress": 1}),
    ]
    assert counts.steps_done == 8
    assert counts.stories["agreed"] == Counter({"must": 5, "should": 3})
    assert sum(sum(c.values()) for c in counts.stories.values()) == 14
    assert counts.coverage == {
        "mapped": 27,
        "derived": 2,
        "partial": 4,
        "extension_needed": 1,
        "gap": 1,
        "unmapped": 0,
    }
    assert counts.tests == {"not_run": 2, "pass": 4, "fail": 1, "blocked": 1}


def test_an_item_counts_once_by_its_best_mapping(store: Store) -> None:
    engagement_id = new(store)
    both = item(store, engagement_id, "NHS Number")
    mapping(store, engagement_id, both, "Patient.identifier", status="gap")
    mapping(store, engagement_id, both, "Patient.identifier.value", status="partial")
    item(store, engagement_id, "Ethnicity")
    story(store, engagement_id, status="draft", priority="could")
    add_test(store, engagement_id, None, result="fail")
    counts = dashboard(store, engagement_id)
    assert (counts.coverage["partial"], counts.coverage["gap"]) == (1, 0)
    assert counts.coverage["unmapped"] == 1
    assert counts.mapped_share == 0.5
    assert counts.stories["draft"] == Counter({"could": 1})
    assert counts.tests["fail"] == 1
