"""Step 8: each review keeps what it saw; changes since the last approval are listed."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from workbook.db.store import Store, _alembic_config, open_store
from workbook.services import collections, engagements
from workbook.services.reviews import changes_since_approval

PATIENT = "https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Patient-1"


def _engagement(store: Store) -> tuple[int, dict[str, int]]:
    eid = engagements.create(store, "Reviews")
    items = {
        name: collections.add(store, "data_items", eid, name=name)
        for name in ("NHS number", "Birth date")
    }
    collections.add(
        store,
        "mappings",
        eid,
        data_item_id=items["NHS number"],
        profile=PATIENT,
        element_path="Patient.identifier",
        status="mapped",
    )
    return eid, items


def _approve(store: Store, eid: int, day: int, decision: str = "approved") -> int:
    return collections.add(
        store, "approvals", eid, approver="Dr A", decision=decision, date=dt.date(2026, 1, day)
    )


def test_without_an_approval_nothing_is_listed_as_changed(store: Store) -> None:
    eid, _items = _engagement(store)
    changes = changes_since_approval(store, eid)
    assert changes.approval is None
    assert changes.changes == []


def test_added_changed_and_removed_mappings_since_the_last_approval(store: Store) -> None:
    eid, items = _engagement(store)
    _approve(store, eid, 1)
    assert changes_since_approval(store, eid).changes == []

    (nhs,) = collections.rows(store, "mappings", eid)
    collections.update(store, "mappings", nhs["id"], element_path="Patient.identifier.value")
    born = collections.add(
        store,
        "mappings",
        eid,
        data_item_id=items["Birth date"],
        profile=PATIENT,
        element_path="Patient.birthDate",
    )
    changes = changes_since_approval(store, eid)
    assert [(c.kind, c.data_item) for c in changes.changes] == [
        ("changed", "NHS number"),
        ("added", "Birth date"),
    ]
    assert changes.changes[0].before == "Patient.identifier (mapped)"
    assert changes.changes[0].after == "Patient.identifier.value (mapped)"

    collections.delete(store, "mappings", born)
    collections.delete(store, "data_items", items["NHS number"])
    changes = changes_since_approval(store, eid)
    assert [(c.kind, c.data_item, c.after) for c in changes.changes] == [
        ("removed", "NHS number", "")
    ]


def test_a_later_approval_is_the_new_baseline_and_other_decisions_are_not(store: Store) -> None:
    eid, items = _engagement(store)
    _approve(store, eid, 1)
    collections.add(
        store,
        "mappings",
        eid,
        data_item_id=items["Birth date"],
        profile=PATIENT,
        element_path="Patient.birthDate",
    )
    _approve(store, eid, 5, decision="changes_requested")
    assert len(changes_since_approval(store, eid).changes) == 1
    later = _approve(store, eid, 9)
    changes = changes_since_approval(store, eid)
    assert changes.approval is not None and changes.approval["id"] == later
    assert changes.changes == []


def test_undoing_the_delete_of_an_approval_brings_back_what_it_saw(store: Store) -> None:
    eid, _items = _engagement(store)
    approval = _approve(store, eid, 1)
    (nhs,) = collections.rows(store, "mappings", eid)
    collections.update(store, "mappings", nhs["id"], status="partial")
    snapshot = collections.delete(store, "approvals", approval)
    assert changes_since_approval(store, eid).approval is None
    collections.restore(store, snapshot)
    changes = changes_since_approval(store, eid)
    assert [c.before for c in changes.changes] == ["Patient.identifier (mapped)"]


def test_an_imported_engagement_starts_with_its_mappings_approved(
    store: Store, demo_id: int
) -> None:
    changes = changes_since_approval(store, demo_id)
    assert changes.approval is not None
    assert changes.approval["approver"]
    assert changes.changes == []


def test_upgrading_gives_earlier_reviews_the_mappings_of_the_day(db_path: Path) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004_story_catalogue")
        for sql in (
            "INSERT INTO engagements (id, uid, title, fhir_version, created, updated) "
            "VALUES (1, 'u-1', 'Old', 'STU3', '2025-01-01 10:00:00', '2025-01-01 10:00:00')",
            "INSERT INTO data_items (id, engagement_id, position, name, sensitive) "
            "VALUES (1, 1, 0, 'NHS number', 0)",
            "INSERT INTO mappings (engagement_id, position, data_item_id, profile, element_path)"
            " VALUES (1, 0, 1, 'Patient', 'Patient.identifier')",
            "INSERT INTO approvals (engagement_id, position, approver, decision) "
            "VALUES (1, 0, 'Dr A', 'approved')",
        ):
            conn.execute(text(sql))
    engine.dispose()

    store = open_store(db_path)
    try:
        assert changes_since_approval(store, 1).changes == []
        (mapping,) = collections.rows(store, "mappings", 1)
        collections.update(store, "mappings", mapping["id"], element_path="Patient.id")
        assert [c.kind for c in changes_since_approval(store, 1).changes] == ["changed"]
    finally:
        store.close()
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT data_item FROM reviewed_mappings").fetchall() == [
            ("NHS number",)
        ]
