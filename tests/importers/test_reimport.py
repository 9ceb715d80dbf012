"""Importing again after the client changed their structure: the diff, and the analyst's work
kept on matched items."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importers.conftest import SAMPLES, cli
from workbook.db.store import Store
from workbook.services import collections, dataset, engagements


def item_id(store: Store, eid: int, xml_path: str) -> int:
    return next(r["id"] for r in dataset.tree(store, eid) if r["xml_path"] == xml_path)


@pytest.fixture
def eid(capsys, db_path: Path, store: Store) -> int:
    """The first prescription extract imported, then worked on by the analyst."""
    eid = engagements.create(store, "Prescriptions")
    code, _out, err = cli(capsys, db_path, "dataset", "import", eid, SAMPLES / "prescription.xml")
    assert (code, err) == (0, "")
    nhs = item_id(store, eid, "/Prescription/Patient/NHSNumber")
    collections.update(
        store,
        "data_items",
        nhs,
        name="NHS number",
        description="The patient's NHS number",
        notes="Verified against PDS",
        example="9999999999",
        sensitive=True,
    )
    collections.add(
        store,
        "mappings",
        eid,
        data_item_id=nhs,
        profile="CareConnect-Patient-1",
        element_path="Patient.identifier.value",
        status="mapped",
    )
    root = item_id(store, eid, "/Prescription")
    collections.add(store, "data_items", eid, name="Agreed by pharmacy", parent_id=root)
    collections.add(
        store, "data_items", eid, name="Referral", xml_path="/Referral", data_type="group"
    )
    return eid


def test_the_diff_shows_the_changed_structure_only(capsys, db_path: Path, eid: int) -> None:
    code, out, err = cli(
        capsys, db_path, "dataset", "import", eid, SAMPLES / "prescription-v2.xml", "--dry-run"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "+ Indication",
        "~ issueDate: cardinality: '1..1' → '0..1'",
        "~ Dose: data_type: 'integer' → 'decimal'",
        "~ Notes: cardinality: '0..1' → '1..1'",
        "- Frequency",
        "added 1, changed 3, removed 1",
    ]


def test_applying_keeps_the_analysts_work(capsys, db_path: Path, store: Store, eid: int) -> None:
    code, out, _err = cli(
        capsys, db_path, "dataset", "import", eid, SAMPLES / "prescription-v2.xml"
    )
    assert (code, out.splitlines()[-1]) == (0, "added 1, changed 3, removed 1")
    tree = dataset.tree(store, eid)
    by_path = {r["xml_path"]: r for r in tree}
    nhs = by_path["/Prescription/Patient/NHSNumber"]
    assert (nhs["name"], nhs["description"], nhs["notes"], nhs["example"], nhs["sensitive"]) == (
        "NHS number",  # the analyst's clearer name stays
        "The patient's NHS number",
        "Verified against PDS",
        "9999999999",  # an anonymised example stays
        True,
    )
    (mapping,) = collections.rows(store, "mappings", eid)
    assert (mapping["data_item_id"], mapping["element_path"]) == (
        nhs["id"],
        "Patient.identifier.value",
    )
    assert "/Prescription/Item/Frequency" not in by_path
    assert by_path["/Prescription/Item/Indication"]["example"] == "Pain"
    names = [(r["name"], r["depth"]) for r in tree]
    assert ("Agreed by pharmacy", 1) in names  # made by hand: never removed
    assert ("Referral", 0) in names  # another message: not under /Prescription

    code, out, _err = cli(
        capsys, db_path, "dataset", "import", eid, SAMPLES / "prescription-v2.xml"
    )
    assert out.splitlines() == ["added 0, changed 0, removed 0"]


def test_a_schema_fills_in_descriptions_only_where_there_are_none(
    capsys, db_path: Path, store: Store, eid: int
) -> None:
    collections.update(
        store,
        "data_items",
        item_id(store, eid, "/Prescription"),
        description="Our description",
    )
    code, out, _err = cli(
        capsys,
        db_path,
        "dataset",
        "import",
        eid,
        SAMPLES / "xsd" / "prescription.xsd",
        "--dry-run",
    )
    assert code == 0
    changes = [line for line in out.splitlines() if line.startswith("~")]
    assert changes == [
        "~ status: value_set: (empty) → 'enumeration: active | cancelled | completed'",
        "~ issueDate: cardinality: '1..1' → '0..1'",
        "~ code: data_type: 'code' → 'identifier'",
        "~ Route: value_set: (empty) → 'enumeration: ORAL | IV | IM'",
    ]
