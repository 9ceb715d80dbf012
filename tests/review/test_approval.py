"""Mappings edited after the last approval: one finding naming them, until the next one."""

from __future__ import annotations

import datetime as dt

from tests.review.build import found, new
from workbook.db.store import Store
from workbook.services import collections

PATIENT = "https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Patient-1"


def _mapped(store: Store) -> tuple[int, int]:
    engagement_id = new(store)
    item = collections.add(store, "data_items", engagement_id, name="NHS number")
    mapping = collections.add(
        store,
        "mappings",
        engagement_id,
        data_item_id=item,
        profile=PATIENT,
        element_path="Patient.identifier",
    )
    collections.add(
        store,
        "approvals",
        engagement_id,
        approver="Dr Ada Lane",
        decision="approved",
        date=dt.date(2026, 3, 1),
    )
    return engagement_id, mapping


def test_a_mapping_edited_after_the_approval(store: Store) -> None:
    engagement_id, mapping = _mapped(store)
    collections.update(store, "mappings", mapping, element_path="Patient.identifier.value")
    (finding,) = found(store, engagement_id, "approval.mappings-changed")
    assert (finding.subject, finding.step, finding.severity) == (
        "8. Obtain approval",
        "approval",
        "warning",
    )
    assert finding.message == (
        "1 mapping changed since Dr Ada Lane approved the mapping (2026-03-01): NHS number; "
        "ask the client to review them"
    )


def test_nothing_changed_since_the_approval(store: Store) -> None:
    engagement_id, _mapping = _mapped(store)
    assert found(store, engagement_id, "approval.mappings-changed") == []


def test_no_approval_yet_is_not_this_finding(store: Store) -> None:
    engagement_id = new(store)
    item = collections.add(store, "data_items", engagement_id, name="NHS number")
    collections.add(store, "mappings", engagement_id, data_item_id=item, profile=PATIENT)
    assert found(store, engagement_id, "approval.mappings-changed") == []
