"""The catalogue's migration: its tables and, on SQLite, the full-text index and triggers."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect, text

from workbook.catalogue import service
from workbook.catalogue.model import CatalogueStory
from workbook.db.store import _alembic_config, open_store


def _names(engine, kind: str) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = :k"), {"k": kind})
        return {r[0] for r in rows if "catalogue" in r[0]}


def test_an_older_database_gains_the_catalogue_and_can_go_back(db_path: Path) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003_imported_profiles")
    engine.dispose()

    store = open_store(db_path)
    service.add(store, CatalogueStory(requirement="to see the list", actor="GP"))
    store.close()
    engine = create_engine(f"sqlite:///{db_path}")
    assert {"catalogue_stories", "catalogue_criteria", "catalogue_story_uses"} <= set(
        inspect(engine).get_table_names()
    )
    assert {
        "fts_catalogue_stories_insert",
        "fts_catalogue_stories_update",
        "fts_catalogue_stories_delete",
        "fts_catalogue_criteria_insert",
        "fts_catalogue_criteria_update",
        "fts_catalogue_criteria_delete",
    } == _names(engine, "trigger")
    with engine.connect() as conn:
        found = conn.execute(
            text("SELECT rowid FROM fts_catalogue_stories WHERE fts_catalogue_stories MATCH 'gp'")
        )
        assert [r[0] for r in found] == [1]

    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003_imported_profiles")
    assert _names(engine, "table") == set()
    assert _names(engine, "trigger") == set()
    engine.dispose()
