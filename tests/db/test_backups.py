"""Daily copies of the database file, their rotation, and putting one back."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from workbook.db import backups
from workbook.db.store import Store, _alembic_config, head_revision, open_store
from workbook.errors import NewerDatabaseError, StoreError
from workbook.services import engagements

DAY = dt.datetime(2026, 3, 2, 9, 15, 0)


def _titles(store: Store) -> list[str]:
    return sorted(e.title for e in engagements.summaries(store))


def _titles_in(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return sorted(r[0] for r in conn.execute("SELECT title FROM engagements"))


def test_the_first_start_of_a_day_takes_one_copy(file_store: Store, db_path: Path) -> None:
    engagements.create(file_store, "Discharge summaries")
    first = backups.daily(db_path, now=DAY)
    assert first is not None
    assert first.path.name == "workbook.sqlite.backup-20260302-091500-daily"
    assert _titles_in(first.path) == ["Discharge summaries"]
    with closing(sqlite3.connect(first.path)) as conn:  # one self-contained file
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert backups.daily(db_path, now=DAY.replace(hour=17)) is None
    next_day = backups.daily(db_path, now=DAY + dt.timedelta(days=1))
    assert next_day is not None
    assert [b.path for b in backups.backups(db_path)] == [next_day.path, first.path]


def test_the_last_seven_daily_copies_are_kept_and_upgrade_copies_never_deleted(
    file_store: Store, db_path: Path
) -> None:
    engagements.create(file_store, "Kept")
    upgrade_copy = db_path.with_name(f"{db_path.name}.backup-20250101-080000-0001_baseline")
    upgrade_copy.write_bytes(db_path.read_bytes())
    for day in range(10):
        backups.daily(db_path, now=DAY + dt.timedelta(days=day))
    found = backups.backups(db_path)
    daily = [b for b in found if b.kind == "daily"]
    assert len(daily) == 7
    assert daily[0].taken == DAY + dt.timedelta(days=9)
    assert daily[-1].taken == DAY + dt.timedelta(days=3)
    assert [b.path for b in found if b.kind == "before-upgrade"] == [upgrade_copy]
    assert found[-1].description == "Before upgrading (schema 0001_baseline)"


def test_other_files_beside_the_database_are_not_taken_for_copies(
    file_store: Store, db_path: Path
) -> None:
    folder = db_path.parent
    (folder / "workbook.sqlite-wal.backup-20260101-101010-daily").write_text("x")
    (folder / "workbook.sqlite.backup-20260101-101010-daily-wal").write_text("x")
    (folder / "workbook.sqlite.backup-20260101-101010-daily-shm").write_text("x")
    (folder / "other.sqlite.backup-20260101-101010-daily").write_text("x")
    (folder / "workbook.sqlite.backup-2026-daily").write_text("x")
    (folder / "workbook.sqlite.backup-20261399-101010-daily").write_text("x")  # no such date
    assert backups.backups(db_path) == []


def test_a_new_empty_file_is_not_copied(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert backups.daily(empty, now=DAY) is None
    assert backups.daily(tmp_path / "missing.sqlite", now=DAY) is None


def test_restoring_puts_the_copy_back_in_the_open_store_after_copying_the_file(
    file_store: Store, db_path: Path
) -> None:
    kept = engagements.create(file_store, "Before the mistake")
    copy = backups.daily(db_path, now=DAY)
    assert copy is not None
    engagements.delete(file_store, kept)
    engagements.create(file_store, "Started after the copy")

    safety = backups.restore(file_store, copy)

    assert _titles(file_store) == ["Before the mistake"]
    assert safety.kind == "before-restore"
    assert _titles_in(safety.path) == ["Started after the copy"]
    engagements.create(file_store, "Edited after the restore")
    assert _titles(file_store) == ["Before the mistake", "Edited after the restore"]
    file_store.close()
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_copy_from_before_an_upgrade_is_restored_and_upgraded(db_path: Path) -> None:
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
    store = open_store(db_path)  # upgrades, after its own copy
    (upgrade_copy,) = [b for b in backups.backups(db_path) if b.kind == "before-upgrade"]
    engagements.create(store, "After the upgrade")

    backups.restore(store, upgrade_copy)

    assert _titles(store) == ["From the baseline"]
    with store.engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == head_revision()
    store.close()


def test_a_damaged_or_foreign_copy_is_refused_and_nothing_changes(
    file_store: Store, db_path: Path
) -> None:
    engagements.create(file_store, "Untouched")
    notes = db_path.with_name(f"{db_path.name}.backup-20260101-101010-daily")
    notes.write_text("not a database\n" * 50)
    (bad,) = backups.backups(db_path)
    with pytest.raises(StoreError, match="not an Engagement Workbook database"):
        backups.restore(file_store, bad)
    assert _titles(file_store) == ["Untouched"]
    assert [b.kind for b in backups.backups(db_path)] == ["daily"]  # no safety copy either


def test_a_copy_from_a_newer_version_is_refused(file_store: Store, db_path: Path) -> None:
    copy = backups.daily(db_path, now=DAY)
    assert copy is not None
    with closing(sqlite3.connect(copy.path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
        conn.commit()
    with pytest.raises(NewerDatabaseError):
        backups.restore(file_store, copy)


def test_a_copy_that_was_deleted_meanwhile_is_reported(file_store: Store, db_path: Path) -> None:
    copy = backups.daily(db_path, now=DAY)
    assert copy is not None
    copy.path.unlink()
    with pytest.raises(StoreError, match="no longer there"):
        backups.restore(file_store, copy)


def test_only_the_last_seven_copies_taken_before_a_restore_are_kept(
    file_store: Store, db_path: Path
) -> None:
    engagements.create(file_store, "Often restored")
    copy = backups.daily(db_path, now=DAY)
    assert copy is not None
    for _ in range(9):
        backups.restore(file_store, copy)
    kinds = [b.kind for b in backups.backups(db_path)]
    assert kinds.count("before-restore") == 7
    assert kinds.count("daily") == 1


def test_a_database_server_has_no_file_backups() -> None:
    server = Store(create_engine("sqlite://"), None, "postgresql://analyst@db.trust.local/wb")
    with pytest.raises(StoreError, match="database server has no file backups"):
        backups.file_of(server)
    server.close()
