"""Opening databases: SQLite set-up, migrations with backup, and refusing what is not ours."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from workbook.db.schema import in_schema, metadata
from workbook.db.store import (
    _alembic_config,
    default_database_path,
    head_revision,
    open_store,
    resolve_target,
)
from workbook.errors import NewerDatabaseError, StoreError
from workbook.services import engagements


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pragma(store, name: str) -> object:
    with store.engine.connect() as conn:
        return conn.execute(text(f"PRAGMA {name}")).scalar()


def test_a_new_database_is_created_migrated_and_safe_against_power_cuts(db_path: Path) -> None:
    store = open_store(db_path)
    assert db_path.exists()
    assert _pragma(store, "journal_mode") == "wal"
    assert _pragma(store, "foreign_keys") == 1
    assert _pragma(store, "synchronous") == 2  # FULL
    assert _pragma(store, "busy_timeout") >= 5000
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            head_revision()
        )
    store.close()


def test_the_database_location_comes_from_the_argument_then_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "env.sqlite"))
    assert resolve_target(None) == str(tmp_path / "env.sqlite")
    assert resolve_target(tmp_path / "arg.sqlite") == str(tmp_path / "arg.sqlite")
    monkeypatch.delenv("WORKBOOK_DB")
    assert resolve_target(None) == str(default_database_path())
    assert "EngagementWorkbook" in str(default_database_path())


def test_a_sqlalchemy_url_is_accepted(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'by-url.sqlite'}")
    engagements.create(store, "By URL")
    assert [e.title for e in engagements.summaries(store)] == ["By URL"]
    store.close()
    assert (tmp_path / "by-url.sqlite").exists()


def test_edits_survive_reopening(db_path: Path) -> None:
    store = open_store(db_path)
    engagement_id = engagements.create(store, "Persistent", client_name="Ysbyty Gwynedd")
    store.close()
    again = open_store(db_path)
    assert engagements.get(again, engagement_id).client_name == "Ysbyty Gwynedd"
    again.close()


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Meeting notes, not a database\n" * 100)
    before = _digest(path)
    with pytest.raises(StoreError, match=r"notes\.sqlite: not an Engagement Workbook database"):
        open_store(path)
    assert _digest(path) == before


def test_another_applications_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.commit()
    before = _digest(path)
    with pytest.raises(StoreError, match="not an Engagement Workbook one"):
        open_store(path)
    assert _digest(path) == before


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    open_store(db_path).close()
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
        conn.commit()
    before = _digest(db_path)
    with pytest.raises(NewerDatabaseError, match=r"newer version.*0099_from_the_future"):
        open_store(db_path)
    assert _digest(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()
    assert not list(db_path.parent.glob("*.backup-*"))


def test_a_damaged_database_is_refused(db_path: Path) -> None:
    store = open_store(db_path)
    for i in range(200):
        engagements.create(store, f"Engagement {i}", client_name="x" * 500)
    store.close()
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(data), 12 * page), 97):
        data[offset] = 0xA5
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"workbook\.sqlite"):
        open_store(db_path)


def test_opening_a_baseline_database_backs_it_up_then_migrates_it(db_path: Path) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_baseline")
        conn.execute(
            text(
                "INSERT INTO engagements (uid, title, fhir_version, created, updated) "
                "VALUES ('u-1', 'From the baseline', 'STU3', '2025-01-01 10:00:00', "
                "'2025-01-01 10:00:00')"
            )
        )
    engine.dispose()

    store = open_store(db_path)
    assert [e.title for e in engagements.summaries(store)] == ["From the baseline"]
    with store.engine.connect() as conn:
        indexes = {r[1] for r in conn.execute(text("PRAGMA index_list('data_items')"))}
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            head_revision()
        )
    assert "ix_data_items_tree" in indexes
    store.close()

    backups = list(db_path.parent.glob("workbook.sqlite.backup-*-0001_baseline"))
    assert len(backups) == 1
    with closing(sqlite3.connect(backups[0])) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_baseline",
        )
        assert conn.execute("SELECT title FROM engagements").fetchall() == [("From the baseline",)]


def test_an_up_to_date_database_is_not_backed_up_again(db_path: Path) -> None:
    open_store(db_path).close()
    open_store(db_path).close()
    assert not list(db_path.parent.glob("*.backup-*"))


def _read_only_folder() -> Path:
    parent = Path(tempfile.mkdtemp(prefix="wb-ro-"))
    parent.chmod(0o755)
    folder = parent / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


def test_a_read_only_folder_gets_a_clear_message_from_the_cli() -> None:
    folder = _read_only_folder()
    target = folder / "workbook.sqlite"
    command = [sys.executable, "-m", "workbook", "--db", str(target), "list"]
    if os.geteuid() == 0:
        # root ignores permission bits; without these capabilities it honours them
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv, cannot make a folder read-only")
        drop = "-dac_override,-dac_read_search"
        command = [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}", *command]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1
    assert str(target) in result.stderr
    assert "read-only" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_the_migrations_build_exactly_the_models_schema(db_path: Path) -> None:
    store = open_store(db_path)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": in_schema}
        )
        assert compare_metadata(context, metadata) == []
    store.close()


def test_a_url_whose_driver_is_not_installed_gets_a_clear_message() -> None:
    with pytest.raises(StoreError, match=r"no database driver for it here \(No module named"):
        open_store("postgresql+pg8000://analyst@127.0.0.1:1/workbook")
