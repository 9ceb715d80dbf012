"""Step 11 lists every story's acceptance criteria with their tests, and follows edits."""

from __future__ import annotations

import pytest

from ui.main_window import MainWindow
from ui.undo import AddRow
from workbook.services import collections, stories

pytestmark = pytest.mark.gui


@pytest.fixture
def review(window: MainWindow, demo_id: int):
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    window.view.open_step("technical_context")
    return window.view.pages["technical_context"].criteria


def _texts(review) -> list[str]:
    return [review.proxy.index(r, 2).data() for r in range(review.proxy.rowCount())]


def test_every_criterion_of_every_story_is_listed_with_its_tests(
    window: MainWindow, review, demo_id: int
) -> None:
    store = window.workspace.store
    expected = [
        c["text"]
        for s in collections.rows(store, "user_stories", demo_id)
        for c in collections.rows(store, "acceptance_criteria", s["id"])
    ]
    assert [t for t in _texts(review) if t != "No acceptance criteria yet"] == expected
    tested = next(t for t in collections.rows(store, "tests", demo_id) if t["user_story_id"])
    ref = collections.get(store, "user_stories", tested["user_story_id"])["ref"]
    row = next(r for r in range(review.proxy.rowCount()) if review.proxy.index(r, 0).data() == ref)
    assert tested["name"] in review.proxy.index(row, 4).data()
    assert f"{len(expected)} criteria in " in review.summary.text()


def test_a_new_criterion_appears_and_goes_with_undo(window: MainWindow, review, demo_id) -> None:
    story = collections.rows(window.workspace.store, "user_stories", demo_id)[0]
    window.workspace.push(
        AddRow(
            window.workspace,
            "Add criterion",
            "acceptance_criteria",
            story["id"],
            text="Zebra crossing criterion",
        )
    )
    assert "Zebra crossing criterion" in _texts(review)
    review.filter.setText("zebra crossing")
    assert _texts(review) == ["Zebra crossing criterion"]
    review.filter.clear()
    window.workspace.undo_stack.undo()
    assert "Zebra crossing criterion" not in _texts(review)


def test_a_story_without_criteria_or_tests_is_shown_as_missing(store, demo_id: int) -> None:
    story = collections.add(store, "user_stories", demo_id, ref="US-900", requirement="x")
    (row,) = [r for r in stories.criteria_rows(store, demo_id) if r.story_id == story]
    assert (row.ref, row.text, row.tests) == ("US-900", "", ())
