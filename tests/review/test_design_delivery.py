"""Design and delivery: API coverage, tests, gaps without change requests."""

from __future__ import annotations

from tests.review.build import add_test, found, item, mapping, new, signature, story, subjects
from workbook.db.store import Store
from workbook.services import collections


def test_an_agreed_story_no_signature_serves(store: Store) -> None:
    engagement_id = new(store)
    served = story(store, engagement_id)
    story(store, engagement_id, ref="US-002", requirement="to see the allergies recorded")
    story(store, engagement_id, ref="US-003", requirement="to see the ward", status="draft")
    story(store, engagement_id, ref="US-004", requirement="to see the bed", priority="wont")
    signature(store, engagement_id, served)
    (finding,) = found(store, engagement_id, "api.story-not-served")
    assert (finding.subject, finding.step) == ("US-002", "api_design")


def test_before_api_design_begins_no_story_is_unserved(store: Store) -> None:
    engagement_id = new(store, dataset="in_progress")
    story(store, engagement_id)
    assert found(store, engagement_id, "api.story-not-served") == []
    engagement_id = new(store, api_design="in_progress")
    story(store, engagement_id)
    assert subjects(store, engagement_id, "api.story-not-served") == ["US-001"]


def test_a_signature_that_serves_no_story(store: Store) -> None:
    engagement_id = new(store)
    story_id = story(store, engagement_id)
    signature(store, engagement_id, story_id)
    idle = signature(store, engagement_id, path="/MedicationStatement")
    collections.add(store, "search_parameters", idle, name="patient", value="9000000009")
    (finding,) = found(store, engagement_id, "api.signature-no-story")
    assert finding.subject == "GET [baseUrl]/MedicationStatement?patient=9000000009"
    assert finding.target == ("api_signatures", idle)


def test_an_agreed_story_with_criteria_but_no_test(store: Store) -> None:
    engagement_id = new(store)
    tested = story(store, engagement_id)
    story(store, engagement_id, ref="US-002", requirement="to see the allergies recorded")
    story(store, engagement_id, ref="US-003", requirement="to see the ward", criteria=())
    add_test(store, engagement_id, tested)
    (finding,) = found(store, engagement_id, "test.story-untested")
    assert finding.subject == "US-002"
    assert finding.message.startswith("no test covers its 1 acceptance criterion")


def test_before_testing_begins_no_story_is_untested(store: Store) -> None:
    engagement_id = new(store, api_design="done")
    story(store, engagement_id)
    assert found(store, engagement_id, "test.story-untested") == []


def test_failed_and_blocked_tests(store: Store) -> None:
    engagement_id = new(store)
    story_id = story(store, engagement_id)
    failed = add_test(store, engagement_id, story_id, "fail")
    add_test(store, engagement_id, None, "blocked")
    add_test(store, engagement_id, story_id, "pass")
    add_test(store, engagement_id, story_id, "not_run")
    (fail,) = found(store, engagement_id, "test.failed")
    assert (fail.severity, fail.target) == ("error", ("tests", failed))
    assert fail.message.startswith("failed (US-001): ")
    (blocked,) = found(store, engagement_id, "test.blocked")
    assert (blocked.severity, blocked.message.split(":")[0]) == ("info", "blocked")


def test_passing_tests_are_fine(store: Store) -> None:
    engagement_id = new(store)
    add_test(store, engagement_id, story(store, engagement_id), "pass")
    assert found(store, engagement_id, "test.failed") == []


def _gap(store: Store, status: str = "gap") -> tuple[int, int]:
    engagement_id = new(store)
    restart = item(store, engagement_id, "Restart Date", data_type="date")
    mapping(
        store,
        engagement_id,
        restart,
        "MedicationStatement.note.text",
        profile="CareConnect-MedicationStatement-1",
        status=status,
    )
    return engagement_id, restart


def test_a_gap_without_a_change_request(store: Store) -> None:
    engagement_id, _restart = _gap(store)
    (finding,) = found(store, engagement_id, "curation.no-change-request")
    assert (finding.subject, finding.step) == (
        "Restart Date → MedicationStatement.note.text",
        "curation",
    )
    assert finding.message.startswith("the mapping is a gap but no change request")
    engagement_id, _restart = _gap(store, "extension_needed")
    (finding,) = found(store, engagement_id, "curation.no-change-request")
    assert finding.message.startswith("the mapping needs an extension but no change request")


def test_a_change_request_for_the_item_or_the_element(store: Store) -> None:
    engagement_id, restart = _gap(store)
    request = collections.add(store, "change_requests", engagement_id, summary="Restart date")
    collections.set_links(store, "change_requests", request, "data_items", [restart])
    assert found(store, engagement_id, "curation.no-change-request") == []
    engagement_id, _restart = _gap(store)
    collections.add(
        store,
        "change_requests",
        engagement_id,
        summary="Restart date",
        profile="CareConnect-MedicationStatement-1",
        element_path="MedicationStatement.note.text",
    )
    assert found(store, engagement_id, "curation.no-change-request") == []


def test_a_partial_mapping_needs_no_change_request(store: Store) -> None:
    engagement_id, _restart = _gap(store, "partial")
    assert found(store, engagement_id, "curation.no-change-request") == []
