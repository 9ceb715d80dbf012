"""The Care Connect story guidance: each check on the smallest story that breaks it, and on
one that does not."""

from __future__ import annotations

from tests.review.build import GP_SYSTEM, found, new, story, subjects
from workbook.checks import run_checks
from workbook.db.store import Store
from workbook.review.stories import technologies


def test_a_well_written_story_has_no_findings(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id)
    assert run_checks(store, engagement_id) == []


def test_no_requirement(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, requirement="  ")
    assert subjects(store, engagement_id, "story.no-requirement") == ["US-001"]


def test_no_actor(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, who=None)
    (finding,) = found(store, engagement_id, "story.no-actor")
    assert (finding.severity, finding.step, finding.subject) == (
        "warning",
        "business_requirements",
        "US-001",
    )
    assert finding.target is not None and finding.target[0] == "user_stories"


def test_an_actor_without_a_care_setting(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, who=("Pharmacist", None, "person"))
    story(store, engagement_id, ref="US-002", requirement="to see the allergies recorded")
    (finding,) = found(store, engagement_id, "story.actor-no-care-setting")
    assert finding.subject == "Pharmacist"
    assert finding.message.startswith("the actor of US-001 has no care setting")
    assert finding.target is not None and finding.target[0] == "actors"


def test_a_system_needs_no_care_setting(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, secondary=("Shared Care Record", None, "system"))
    assert found(store, engagement_id, "story.actor-no-care-setting") == []


def test_a_story_written_for_a_system_or_a_developer(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, who=GP_SYSTEM)
    story(store, engagement_id, ref="US-002", who=("Developer", None, "person"), requirement="x")
    story(store, engagement_id, ref="US-003", who=("The API", None, None), requirement="y")
    findings = found(store, engagement_id, "story.actor-not-clinical")
    assert [f.subject for f in findings] == ["US-001", "US-002", "US-003"]
    assert findings[0].message.startswith(
        "written for GP Clinical System (Primary Care General Practice) (a system)"
    )
    assert found(store, engagement_id, "story.actor-no-care-setting") == []


def test_a_clinical_actor_is_fine(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, who=("Pharmacist", "Community Pharmacy", "person"))
    assert found(store, engagement_id, "story.actor-not-clinical") == []


def test_no_secondary_actor(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, secondary=None)
    (finding,) = found(store, engagement_id, "story.no-secondary-actor")
    assert "may not be an interoperability story" in finding.message


def test_no_justification(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, justification=None)
    assert subjects(store, engagement_id, "story.no-justification") == ["US-001"]


def test_no_acceptance_criteria(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, criteria=())
    assert subjects(store, engagement_id, "story.no-criteria") == ["US-001"]
    assert found(store, engagement_id, "story.only-technical-criteria") == []


def test_only_technical_criteria(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, criteria=(("Responses validate.", "technical"),))
    mixed = (("Responses validate.", "technical"), ("Doses are shown.", "clinical"))
    story(store, engagement_id, ref="US-002", requirement="to see allergies", criteria=mixed)
    (finding,) = found(store, engagement_id, "story.only-technical-criteria")
    assert (finding.severity, finding.subject) == ("info", "US-001")


def test_a_requirement_that_names_a_technology(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, requirement="the discharge list to be exposed through a FHIR API")
    (finding,) = found(store, engagement_id, "story.names-technology")
    assert finding.message.startswith("the requirement names FHIR, API:")


def test_words_that_only_look_like_technology() -> None:
    assert technologies("to see the rest of the medicines and their restful sleep notes") == [
        "restful"
    ]
    assert technologies("to see the rest of the medicines, and the apixaban dose") == []
    assert technologies("results as JSON or XML over a REST endpoint") == [
        "REST",
        "JSON",
        "XML",
        "endpoint",
    ]


def test_duplicate_and_near_duplicate_stories(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id)
    story(store, engagement_id, ref="US-002")
    story(store, engagement_id, ref="US-003", requirement=WANT_NEARLY)
    story(store, engagement_id, ref="US-004", requirement="to see allergies recorded in hospital")
    findings = found(store, engagement_id, "story.duplicate")
    assert [(f.subject, f.message.split(":")[0]) for f in findings] == [
        ("US-002", "the same requirement as US-001"),
        ("US-003", "nearly the same requirement as US-001"),
    ]


WANT_NEARLY = "to see the medicines my patient was discharged on, with doses and route"


def test_stories_that_differ_are_not_duplicates(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id)
    story(store, engagement_id, ref="US-002", requirement="to see the medicines stopped")
    story(store, engagement_id, ref="US-003", requirement="to see it")
    story(store, engagement_id, ref="US-004", requirement="to see it")  # too short to judge
    assert found(store, engagement_id, "story.duplicate") == []


def test_two_stories_with_one_ref(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id)
    story(store, engagement_id, requirement="to see the allergies recorded in hospital")
    assert subjects(store, engagement_id, "story.duplicate-ref") == ["US-001"]
    assert len(found(store, engagement_id, "story.duplicate-ref")) == 1


def test_a_story_in_no_feature(store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, feature=None, ref=None)
    (finding,) = found(store, engagement_id, "story.no-feature")
    assert finding.subject == "“to see the medicines my patient was…”"
