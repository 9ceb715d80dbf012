"""Merging a dataset from outside: the diff a person reviews, and applying it as one change."""

from __future__ import annotations

import pytest

from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import IntegrityError, InvalidValueError
from workbook.files.engagement_file import export_document
from workbook.services import collections as c
from workbook.services import dataset, engagements
from workbook.services.dataset_merge import (
    IncomingItem,
    apply_diff,
    compute_diff,
    restore_dataset,
)


def by_path(item: m.DataItem) -> str | None:
    return item.xml_path


@pytest.fixture
def eid(store: Store) -> int:
    eid = engagements.create(store, "Prescriptions")
    root = c.add(store, "data_items", eid, name="Prescription", xml_path="/Rx", data_type="group")
    nhs = c.add(
        store,
        "data_items",
        eid,
        name="NHS number",
        xml_path="/Rx/NHS",
        parent_id=root,
        data_type="string",
        notes="analyst's note",
    )
    c.add(store, "data_items", eid, name="Old field", xml_path="/Rx/Old", parent_id=root)
    c.add(store, "data_items", eid, name="Hand-made item", parent_id=root)
    c.add(
        store,
        "mappings",
        eid,
        data_item_id=nhs,
        profile="Patient",
        element_path="Patient.identifier.value",
    )
    return eid


def incoming() -> list[IncomingItem]:
    return [
        IncomingItem(
            "/Rx", None, {"name": "Prescription", "xml_path": "/Rx", "data_type": "group"}
        ),
        IncomingItem(
            "/Rx/NHS",
            "/Rx",
            {"name": "NHS number", "xml_path": "/Rx/NHS", "data_type": "identifier"},
        ),
        IncomingItem(
            "/Rx/Item", "/Rx", {"name": "Item", "xml_path": "/Rx/Item", "cardinality": "1..*"}
        ),
        IncomingItem("/Rx/Item/Dose", "/Rx/Item", {"name": "Dose", "xml_path": "/Rx/Item/Dose"}),
    ]


def test_the_diff_lists_added_changed_and_removed(store: Store, eid: int) -> None:
    diff = compute_diff(store, eid, incoming(), key_of=by_path)
    assert diff.summary() == "added 2, changed 1, removed 1"
    assert diff.lines() == [
        "+ Item",
        "+ Dose",
        "~ NHS number: data_type: 'string' → 'identifier'",
        "- Old field",
    ]


def test_applying_keeps_the_analysts_work_on_matched_items(store: Store, eid: int) -> None:
    items = incoming()
    apply_diff(store, compute_diff(store, eid, items, key_of=by_path), items)
    tree = [(r["name"], r["depth"]) for r in dataset.tree(store, eid)]
    assert tree == [
        ("Prescription", 0),
        ("NHS number", 1),
        ("Hand-made item", 1),
        ("Item", 1),
        ("Dose", 2),
    ]
    nhs = next(r for r in dataset.tree(store, eid) if r["name"] == "NHS number")
    assert (nhs["data_type"], nhs["notes"]) == ("identifier", "analyst's note")
    assert [r["element_path"] for r in c.rows(store, "mappings", eid)] == [
        "Patient.identifier.value"
    ]
    assert compute_diff(store, eid, items, key_of=by_path).summary() == (
        "added 0, changed 0, removed 0"
    )


def test_a_moved_item_is_a_change_of_parent(store: Store, eid: int) -> None:
    items = incoming()
    apply_diff(store, compute_diff(store, eid, items, key_of=by_path), items)
    moved = [*items[:1], items[2], IncomingItem("/Rx/NHS", "/Rx/Item", items[1].values), items[3]]
    diff = compute_diff(store, eid, moved, key_of=by_path)
    assert diff.lines() == ["~ NHS number: parent: 'Prescription' → 'Item'"]
    apply_diff(store, diff, moved)
    depth = {r["name"]: r["depth"] for r in dataset.tree(store, eid)}
    assert depth["NHS number"] == 2


def test_a_stale_diff_is_refused(store: Store, eid: int) -> None:
    diff = compute_diff(store, eid, incoming(), key_of=by_path)
    old = next(r for r in dataset.tree(store, eid) if r["name"] == "Old field")
    c.delete(store, "data_items", old["id"])
    with pytest.raises(IntegrityError, match="compare again"):
        apply_diff(store, diff, incoming())
    assert len(dataset.tree(store, eid)) == 3


def test_bad_incoming_rows_are_refused_before_anything_is_compared(store: Store, eid: int) -> None:
    with pytest.raises(InvalidValueError, match="data_type must be one of"):
        compute_diff(
            store,
            eid,
            [IncomingItem("k", None, {"name": "x", "data_type": "blob"})],
            key_of=by_path,
        )
    with pytest.raises(InvalidValueError, match="does not come before it"):
        compute_diff(
            store,
            eid,
            [
                IncomingItem("child", "parent", {"name": "x"}),
                IncomingItem("parent", None, {"name": "p"}),
            ],
            key_of=by_path,
        )


def test_an_applied_import_can_be_put_back_exactly(store: Store, eid: int) -> None:
    before = export_document(store, eid)["engagement"]
    items = incoming()
    snapshot = apply_diff(store, compute_diff(store, eid, items, key_of=by_path), items)
    assert len(dataset.tree(store, eid)) == 5
    restore_dataset(store, eid, snapshot)
    after = export_document(store, eid)["engagement"]
    for key in ("data_items", "mappings"):
        assert after[key] == before[key]
