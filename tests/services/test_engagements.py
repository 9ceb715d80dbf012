"""Engagements as a whole: creating, finding by name, duplicating, the header, steps."""

from __future__ import annotations

import pytest

from tests.documents import canonical
from workbook.db.store import Store
from workbook.errors import AmbiguousError, InvalidValueError, NotFoundError
from workbook.files.engagement_file import export_document
from workbook.services import engagements, stages
from workbook.steps import STEP_KEYS, STEPS


def test_a_new_engagement_has_all_fifteen_steps_not_started(store: Store) -> None:
    eid = engagements.create(store, "Discharge summary to GP", client_name="Northfield")
    states = stages.all_states(store, eid)
    assert [s.key for s in states] == list(STEP_KEYS)
    assert {s.status for s in states} == {"not_started"}
    assert engagements.get(store, eid).status == "draft"
    assert len(STEPS) == 15 and {s.phase.key for s in STEPS[12:]} == {"deliver_solution"}


def test_step_text_and_status_are_kept(store: Store) -> None:
    eid = engagements.create(store, "X")
    stages.set_text(store, eid, "problem_statement", "Discharge letters are **faxed**.")
    stages.set_status(store, eid, "problem_statement", "in_progress")
    state = stages.get(store, eid, "problem_statement")
    assert (state.text, state.status) == ("Discharge letters are **faxed**.", "in_progress")
    with pytest.raises(InvalidValueError, match="status is one of"):
        stages.set_status(store, eid, "problem_statement", "finished")
    with pytest.raises(InvalidValueError, match="no step 'step_16'"):
        stages.set_text(store, eid, "step_16", "x")


def test_the_header_is_validated(store: Store) -> None:
    eid = engagements.create(store, "X")
    engagements.update(
        store, eid, client_code="RX9", analyst="Priya Shah", status="in_review", fhir_version="R4"
    )
    got = engagements.get(store, eid)
    assert (got.client_code, got.analyst, got.status, got.fhir_version) == (
        "RX9",
        "Priya Shah",
        "in_review",
        "R4",
    )
    with pytest.raises(InvalidValueError):
        engagements.update(store, eid, fhir_version="DSTU2")
    with pytest.raises(InvalidValueError, match="title cannot be empty"):
        engagements.rename(store, eid, "")


def test_an_engagement_is_found_by_id_uid_or_exact_title(store: Store) -> None:
    first = engagements.create(store, "Medication list")
    second = engagements.create(store, "Medication list (copy)")
    assert engagements.resolve(store, str(first)) == first
    assert engagements.resolve(store, engagements.get(store, second).uid) == second
    assert engagements.resolve(store, "Medication list") == first
    with pytest.raises(NotFoundError, match='no engagement with id or title "Medication"'):
        engagements.resolve(store, "Medication")


def test_an_ambiguous_title_lists_the_matches(store: Store) -> None:
    a = engagements.create(store, "Same", client_name="Trust A")
    b = engagements.create(store, "Same", client_name="Trust B")
    with pytest.raises(AmbiguousError) as caught:
        engagements.resolve(store, "Same")
    assert f"{a} (Trust A)" in str(caught.value) and f"{b} (Trust B)" in str(caught.value)


def test_search_filters_on_title_and_client(store: Store) -> None:
    engagements.create(store, "Allergies", client_name="Northfield")
    engagements.create(store, "Referrals", client_name="Wyre Valley")
    assert [e.title for e in engagements.summaries(store, "wyre")] == ["Referrals"]
    assert [e.title for e in engagements.summaries(store, "ALLERG")] == ["Allergies"]


def test_duplicate_copies_everything_under_a_new_title(store: Store, demo_id: int) -> None:
    copy_id = engagements.duplicate(store, demo_id)
    original = export_document(store, demo_id)
    copied = export_document(store, copy_id)
    assert copied["engagement"]["title"] == "Copy of " + original["engagement"]["title"]
    copied["engagement"]["title"] = original["engagement"]["title"]
    assert canonical(copied) == canonical(original)
    assert copied["engagement"]["id"] != original["engagement"]["id"]
