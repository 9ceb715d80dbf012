"""Shared fixtures: a real SQLite database in tmp, the demo engagement, offscreen Qt."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from workbook.db.store import Store, open_store
from workbook.files.engagement_file import import_engagement_file
from workbook.resources import demo_engagement_path


@pytest.fixture(autouse=True)
def _no_user_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never touch the real user data folder."""
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "default.sqlite"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workbook.sqlite"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(db_path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def _demo_document() -> dict[str, Any]:
    return json.loads(demo_engagement_path().read_text(encoding="utf-8"))


@pytest.fixture
def demo_document(_demo_document: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(_demo_document)


@pytest.fixture
def demo_id(store: Store) -> int:
    return import_engagement_file(store, demo_engagement_path()).engagement_id
