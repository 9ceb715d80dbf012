"""Undoing deletes: everything a delete took comes back, with the same ids."""

from __future__ import annotations

from workbook.db.store import Store
from workbook.files.engagement_file import export_document
from workbook.services import collections as c
from workbook.services import engagements


def _without_times(document: dict) -> dict:
    document.pop("exported_at")
    document["engagement"].pop("updated")
    return document


def test_restoring_a_deleted_data_item_brings_back_its_subtree_mappings_and_links(
    store: Store, demo_id: int
) -> None:
    before = _without_times(export_document(store, demo_id))
    group = next(d for d in c.rows(store, "data_items", demo_id, parent_id=None))
    snapshot = c.delete(store, "data_items", group["id"])
    assert _without_times(export_document(store, demo_id)) != before
    c.restore(store, snapshot)
    assert _without_times(export_document(store, demo_id)) == before


def test_restoring_a_deleted_actor_puts_it_back_on_its_stories(store: Store, demo_id: int) -> None:
    before = _without_times(export_document(store, demo_id))
    story = c.rows(store, "user_stories", demo_id)[0]
    snapshot = c.delete(store, "actors", story["actor_id"])
    assert c.get(store, "user_stories", story["id"])["actor_id"] is None
    c.restore(store, snapshot)
    assert _without_times(export_document(store, demo_id)) == before


def test_a_deleted_engagement_comes_back_whole(store: Store, demo_id: int) -> None:
    before = _without_times(export_document(store, demo_id))
    snapshot = engagements.delete(store, demo_id)
    assert engagements.summaries(store) == []
    c.restore(store, snapshot)
    assert _without_times(export_document(store, demo_id)) == before
