"""Catalogue fixtures: the demo engagement's stories promoted into the catalogue."""

from __future__ import annotations

import pytest

from workbook.catalogue import transfer
from workbook.db.store import Store
from workbook.services import collections


@pytest.fixture
def demo_story_ids(store: Store, demo_id: int) -> dict[str, int]:
    """The demo engagement's story ids by reference (US-001 …)."""
    return {r["ref"]: r["id"] for r in collections.rows(store, "user_stories", demo_id)}


@pytest.fixture
def promoted(store: Store, demo_story_ids: dict[str, int]) -> dict[str, int]:
    """Catalogue ids of the demo's fourteen stories, by their reference in the demo."""
    return {ref: transfer.promote(store, sid).catalogue_id for ref, sid in demo_story_ids.items()}
