"""Copies of a SQLite database file beside it, and putting one back.

Every copy is ``<file>.backup-YYYYMMDD-HHMMSS-<why>``, taken with SQLite's online backup
API (consistent while the database is in use), where ``<why>`` is

- ``daily``: the first start of the app on a day; the last :data:`KEEP` are kept;
- ``before-restore``: the file as it was just before a copy was restored over it; the
  last :data:`KEEP` are kept;
- a schema revision (``0003_imported_profiles``, or ``empty``): taken by the store before
  upgrading the file to a newer schema; these are never deleted.

A database on a server (PostgreSQL) has no file to copy: :func:`file_of` says so.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from workbook.db import store as stores
from workbook.db.store import Store, backup_sqlite
from workbook.errors import StoreError

DAILY = "daily"
BEFORE_RESTORE = "before-restore"
KEEP = 7
STAMP = "%Y%m%d-%H%M%S"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime
    why: str  # DAILY, BEFORE_RESTORE, or the schema revision before an upgrade

    @property
    def kind(self) -> str:
        if self.why in (DAILY, BEFORE_RESTORE):
            return self.why
        return "before-upgrade"

    @property
    def description(self) -> str:
        if self.why == DAILY:
            return "Daily copy"
        if self.why == BEFORE_RESTORE:
            return "Before a restore"
        return f"Before upgrading (schema {self.why})"

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def file_of(store: Store) -> Path:
    """The database file behind ``store``; StoreError for a server database."""
    if store.path is None:
        raise StoreError(
            f"{store.label}: a database server has no file backups here; "
            "its backups are made on the server"
        )
    return store.path


def _pattern(database: Path) -> re.Pattern[str]:
    # not the -wal/-shm/-journal files SQLite may keep beside a copy while it is read
    return re.compile(
        rf"^{re.escape(database.name)}\.backup-(\d{{8}}-\d{{6}})-([\w-]+?)(?<!-wal)(?<!-shm)(?<!-journal)$"
    )


def backups(database: Path) -> list[Backup]:
    """The copies of ``database`` beside it, newest first."""
    pattern = _pattern(database)
    found = []
    try:
        entries = list(database.parent.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            taken = dt.datetime.strptime(match.group(1), STAMP)
        except ValueError:
            continue
        found.append(Backup(entry, taken, match.group(2)))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def take(database: Path, why: str, now: dt.datetime | None = None) -> Backup:
    """Copy ``database`` now (online backup API) as a backup of kind ``why``."""
    taken = (now or dt.datetime.now()).replace(microsecond=0)
    while True:
        path = database.with_name(f"{database.name}.backup-{taken.strftime(STAMP)}-{why}")
        if not path.exists():
            break
        taken += dt.timedelta(seconds=1)
    started = time.perf_counter()
    try:
        backup_sqlite(database, path)
    except (sqlite3.Error, OSError) as exc:
        path.unlink(missing_ok=True)
        raise StoreError(f"{database}: cannot copy it to {path.name} ({exc})") from exc
    log.info("backed up %s to %s in %.2f s", database, path.name, time.perf_counter() - started)
    return Backup(path, taken, why)


def daily(database: Path, now: dt.datetime | None = None) -> Backup | None:
    """The day's copy, unless one was already taken today; then keep the last seven."""
    now = now or dt.datetime.now()
    if not database.exists() or database.stat().st_size == 0:
        return None
    if any(b.why == DAILY and b.taken.date() == now.date() for b in backups(database)):
        return None
    taken = take(database, DAILY, now)
    rotate(database)
    return taken


def rotate(database: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` daily and before-restore copies; never the
    copies taken before an upgrade. Returns the deleted files."""
    deleted = []
    for kind in (DAILY, BEFORE_RESTORE):
        for old in [b for b in backups(database) if b.why == kind][keep:]:
            try:
                old.path.unlink()
            except OSError as exc:
                log.warning("cannot delete old backup %s: %s", old.path, exc)
                continue
            deleted.append(old.path)
            log.info("deleted old backup %s", old.path.name)
    return deleted


def restore(store: Store, backup: Backup) -> Backup:
    """Put ``backup`` back as the contents of the store's file, after copying the file as
    it is now (returned). The copy is checked first: a file that is not a workbook
    database, a damaged one or one from a newer version is refused and nothing changes.
    An older copy is upgraded to the current schema after it is put back."""
    database = file_of(store)
    if not backup.path.is_file():
        raise StoreError(f"{backup.path}: the backup is no longer there")
    revision = stores._inspect_existing(backup.path)
    safety = take(database, BEFORE_RESTORE)
    store.engine.dispose()
    try:
        with (
            closing(sqlite3.connect(f"{backup.path.as_uri()}?immutable=1", uri=True)) as source,
            closing(sqlite3.connect(database, timeout=stores.BUSY_TIMEOUT_MS / 1000)) as target,
        ):
            source.backup(target)
        if revision != stores.head_revision():
            with store.engine.begin() as connection:
                stores._upgrade(connection)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(
            f"{database}: cannot restore {backup.path.name} ({exc}); "
            f"the file as it was is in {safety.path.name}"
        ) from exc
    finally:
        store.engine.dispose()
    rotate(database)
    log.info("restored %s from %s (copy of the file before: %s)", database, backup.path, safety)
    return safety
