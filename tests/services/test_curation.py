"""Step 12: change requests proposed from gaps, extension-needed and unmapped items."""

from __future__ import annotations

from workbook.db.store import Store
from workbook.services import collections, engagements
from workbook.services.curation import add_change_requests, proposals_from_gaps

LIST = "https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-List-1"


def _engagement(store: Store) -> tuple[int, dict[str, int]]:
    eid = engagements.create(store, "Curation")
    group = collections.add(store, "data_items", eid, name="Medication", data_type="group")
    items = {"group": group}
    for name in ("Restart date", "Verified by pharmacist", "Days supply", "Drug name"):
        items[name] = collections.add(store, "data_items", eid, name=name, parent_id=group)
    for name, status in (
        ("Restart date", "gap"),
        ("Verified by pharmacist", "extension_needed"),
        ("Drug name", "mapped"),
    ):
        collections.add(
            store,
            "mappings",
            eid,
            data_item_id=items[name],
            profile=LIST,
            element_path="List.entry",
            status=status,
            notes=f"{name} notes",
        )
    return eid, items


def test_gaps_extensions_and_unmapped_leaves_are_proposed_in_tree_order(store: Store) -> None:
    eid, _items = _engagement(store)
    proposals = proposals_from_gaps(store, eid)
    assert [(p.data_item, p.reason) for p in proposals] == [
        ("Restart date", "gap"),
        ("Verified by pharmacist", "extension_needed"),
        ("Days supply", "unmapped"),
    ]
    gap, extension, unmapped = proposals
    assert gap.summary == "Add an element for Restart date to CareConnect-List-1"
    assert "Restart date notes" in gap.rationale
    assert extension.summary.startswith("Add an extension for Verified by pharmacist")
    assert (unmapped.profile, unmapped.summary) == (None, "Find a home for Days supply")


def test_added_requests_are_linked_drafts_and_not_proposed_again(store: Store) -> None:
    eid, items = _engagement(store)
    ids = add_change_requests(store, eid, proposals_from_gaps(store, eid)[:2])
    rows = collections.rows(store, "change_requests", eid)
    assert [r["status"] for r in rows] == ["draft", "draft"]
    assert rows[0]["profile"] == LIST
    assert collections.links(store, "change_requests", ids[0], "data_items") == [
        items["Restart date"]
    ]
    assert [p.data_item for p in proposals_from_gaps(store, eid)] == ["Days supply"]


def test_the_demo_has_a_change_request_for_every_gap(store: Store, demo_id: int) -> None:
    assert proposals_from_gaps(store, demo_id) == []
