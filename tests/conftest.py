"""Shared fixtures: a real SQLite database in tmp, the demo engagement, offscreen Qt."""

from __future__ import annotations

import copy
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from workbook.db.store import Store, open_store
from workbook.files.engagement_file import import_engagement_file
from workbook.resources import demo_engagement_path


@pytest.fixture(autouse=True)
def _no_user_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never touch the real user data or log folder."""
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "default.sqlite"))
    monkeypatch.setenv("WORKBOOK_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture(autouse=True)
def _collect_garbage_in_the_main_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """GUI tests run Python's cycle collector in the main thread only, as the app does
    (:mod:`ui.collector`): collected in a worker thread, Qt objects crash the process."""
    if request.node.get_closest_marker("gui") is None:
        yield
        return
    import gc

    from ui.collector import MainThreadCollector

    collector = MainThreadCollector(request.getfixturevalue("qapp"))
    try:
        yield
    finally:
        collector.stop()
        collector.deleteLater()
        gc.collect()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workbook.sqlite"


@pytest.fixture
def file_store(db_path: Path) -> Iterator[Store]:
    """The SQLite file at ``db_path``, for tests that also run the CLI or app on that file."""
    opened = open_store(db_path)
    yield opened
    opened.close()


SERVER_URL = os.environ.get("WORKBOOK_TEST_DATABASE_URL")


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A fresh database: SQLite in tmp, or a new database on the server named by
    ``WORKBOOK_TEST_DATABASE_URL`` (e.g. PostgreSQL) to prove the schema is portable."""
    if not SERVER_URL:
        opened = open_store(db_path)
        yield opened
        opened.close()
        return
    admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    name = f"workbook_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    opened = open_store(make_url(SERVER_URL).set(database=name).render_as_string(False))
    yield opened
    opened.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}"'))
    admin.dispose()


@pytest.fixture(scope="session")
def _demo_document() -> dict[str, Any]:
    return json.loads(demo_engagement_path().read_text(encoding="utf-8"))


@pytest.fixture
def demo_document(_demo_document: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(_demo_document)


@pytest.fixture
def demo_id(store: Store) -> int:
    return import_engagement_file(store, demo_engagement_path()).engagement_id
