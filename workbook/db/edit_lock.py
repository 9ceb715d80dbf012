"""One window edits a database file at a time: the others open it read-only.

The window that edits holds an operating-system lock on ``<file>.edit-lock`` beside the
database (``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows). The system drops the
lock when that process ends, however it ends, so a crash never leaves the file locked. The
lock file also says who holds it, for the other window's banner; it is never deleted (that
would let two windows each lock a different file of the same name).

The command line does not take the lock: each command is one short transaction, so it
cannot overwrite an edit with stale data the way a window showing old text could.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
from contextlib import suppress
from pathlib import Path
from typing import IO

from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from workbook.db.store import Store, head_revision, open_store, resolve_target
from workbook.errors import StoreError

SUFFIX = ".edit-lock"
LOCK_OFFSET = 1 << 20  # Windows locks a byte range: lock one past the text so it stays readable


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


class EditLock:
    """Held while this process edits ``database``; :meth:`release` (or exit) frees it."""

    def __init__(self, database: Path, handle: IO[bytes]) -> None:
        self.database = database
        self._handle: IO[bytes] | None = handle

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None


def acquire(database: Path) -> EditLock | None:
    """The edit lock on ``database``, or None if another process holds it.

    A folder where no lock file can be made (read-only share) gives None as well: the
    database cannot be written there either.
    """
    path = lock_path(database)
    try:
        handle = path.open("a+b")
    except OSError:
        return None
    try:
        _lock(handle)
    except OSError:
        handle.close()
        return None
    handle.seek(0)
    handle.truncate()
    since = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    handle.write(f"process {os.getpid()} on {socket.gethostname()} since {since}\n".encode())
    handle.flush()
    return EditLock(database, handle)


def holder(database: Path) -> str:
    """Who holds the lock, as the holder wrote it (empty if unknown)."""
    try:
        with lock_path(database).open("rb") as f:
            return f.readline(200).decode("utf-8", "replace").strip()
    except OSError:
        return ""


def sqlite_file(target: str | os.PathLike[str] | None) -> Path | None:
    """The database file ``target`` names (as :func:`open_store` reads it), None for a server."""
    resolved = resolve_target(target)
    if "://" not in resolved:
        return Path(resolved).expanduser().absolute()
    try:
        url = make_url(resolved)
    except ArgumentError:
        return None  # open_store says what is wrong with it
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).expanduser().absolute()
    return None


def open_for_window(target: str | os.PathLike[str] | None) -> tuple[Store, EditLock | None]:
    """Open the database for a window: for editing with the lock, or read-only when another
    window holds it. A server database is shared by design and takes no lock."""
    path = sqlite_file(target)
    if path is None:
        return open_store(target), None
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock = acquire(path)
    except OSError:
        return open_store(path), None  # no lock file there: open_store says if it cannot write
    if lock is None:
        return open_store(path, read_only=True), None
    try:
        return open_store(path), lock
    except BaseException:
        lock.release()
        raise


def take_over(store: Store) -> EditLock | None:
    """A read-only store becomes writable once the window editing it has closed (None while
    it is open). StoreError if that window left the file at another schema version."""
    if store.path is None or not store.read_only:
        return None
    lock = acquire(store.path)
    if lock is None:
        return None
    with store.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current != head_revision():
        lock.release()
        raise StoreError(
            f"{store.path}: the other window changed the database to another version "
            f"(schema {current}); start Engagement Workbook again to edit it"
        )
    store.set_read_only(False)
    return lock


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
