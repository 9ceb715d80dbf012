"""Opening the database: where it is, SQLite set-up, migrations with a backup first.

A database file is first inspected through a read-only connection (is it SQLite, is it
ours, is it intact, is it from a newer version?) so that a file we refuse is never changed,
not even by switching it to WAL. Only then is it opened for writing, backed up if a
migration is due, and migrated.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_path
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from workbook import __version__
from workbook.errors import NewerDatabaseError, StoreError

APP_NAME = "EngagementWorkbook"
ENV_VAR = "WORKBOOK_DB"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def default_database_path() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / "workbook.sqlite"


def resolve_target(target: str | os.PathLike[str] | None) -> str:
    """The database to use: ``target``, else ``$WORKBOOK_DB``, else the user data folder."""
    if target is None or str(target) == "":
        target = os.environ.get(ENV_VAR) or default_database_path()
    return str(target)


def _is_url(target: str) -> bool:
    return "://" in target


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_alembic_config())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


class Store:
    """An open, migrated database: hands out sessions that commit when the block ends.

    A read-only store (a second window on a file another window edits) refuses every
    write in SQLite itself (``PRAGMA query_only``), with a message saying why.
    """

    def __init__(
        self, engine: Engine, path: Path | None, label: str, read_only: bool = False
    ) -> None:
        self.engine = engine
        self.path = path
        self.label = label
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        if path is not None:
            event.listen(engine, "connect", self._query_only)

    def _query_only(self, dbapi_connection: sqlite3.Connection, _record: object) -> None:
        if self.read_only:
            dbapi_connection.execute("PRAGMA query_only = ON")

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.engine.dispose()  # connections are made again with the new setting

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            if self.read_only:
                raise StoreError(
                    f"{self.label}: read-only in this window (another window is editing it)"
                ) from exc
            raise StoreError(
                f"{self.label}: the database refused the change ({_reason(exc)})"
            ) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).splitlines()[0]


def open_store(target: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:
    """Open (creating or migrating as needed) the database at a path or SQLAlchemy URL.

    ``read_only`` (SQLite files only) opens an existing, up-to-date file for reading."""
    resolved = resolve_target(target)
    if _is_url(resolved):
        try:
            url = make_url(resolved)
        except ArgumentError as exc:
            raise StoreError(f"{resolved}: not a database path or SQLAlchemy URL") from exc
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return _open_sqlite(Path(url.database).expanduser().absolute(), read_only)
        return _open_server(resolved)
    return _open_sqlite(Path(resolved).expanduser().absolute(), read_only)


def _open_server(url: str) -> Store:
    label = make_url(url).render_as_string(hide_password=True)
    try:
        engine = create_engine(url, pool_pre_ping=True)
        with engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            _refuse_unknown_revision(label, current)
            if current != head_revision():
                _upgrade(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"{label}: cannot open the database ({_reason(exc)})") from exc
    except ImportError as exc:  # the URL names a driver that is not installed
        raise StoreError(f"{label}: no database driver for it here ({exc})") from exc
    return Store(engine, None, label)


def _open_sqlite(path: Path, read_only: bool = False) -> Store:
    label = str(path)
    existed = path.exists() and path.stat().st_size > 0
    if path.is_dir():
        raise StoreError(f"{label}: is a folder, not a database file")
    if existed:
        current = _inspect_existing(path)
    else:
        current = None
        _prepare_new_file(path)
    if read_only:
        return _open_sqlite_read_only(path, current)
    folder = path.parent
    if not os.access(folder, os.W_OK) or (existed and not os.access(path, os.W_OK)):
        raise StoreError(
            f"{label}: cannot write there (read-only folder or file); "
            f"choose another location with --db or {ENV_VAR}"
        )

    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _sqlite_pragmas)
    try:
        if current != head_revision():
            if existed:
                backup_sqlite(path, _backup_path(path, current))
            with engine.begin() as conn:
                _upgrade(conn)
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        engine.dispose()
        raise StoreError(f"{label}: cannot prepare the database ({exc})") from exc
    return Store(engine, path, label)


def _open_sqlite_read_only(path: Path, current: str | None) -> Store:
    if current != head_revision():
        raise StoreError(
            f"{path}: another window has it open, and it needs upgrading to this version "
            "first; close the other window and start again"
        )
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _sqlite_pragmas)
    return Store(engine, path, str(path), read_only=True)


def _prepare_new_file(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"{path}: cannot create the folder {path.parent} ({exc.strerror})"
        ) from exc


def _inspect_existing(path: Path) -> str | None:
    """Check an existing file without changing it; return its schema revision."""
    label = str(path)
    try:
        with path.open("rb") as f:
            magic = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{label}: cannot read the file ({exc.strerror})") from exc
    if magic != SQLITE_MAGIC:
        raise StoreError(f"{label}: not an Engagement Workbook database (not a SQLite file)")
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            current = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                current = row[0] if row else None
    except sqlite3.Error as exc:
        raise StoreError(f"{label}: cannot read the database ({exc})") from exc
    if check != "ok":
        raise StoreError(f"{label}: the database is damaged (integrity check: {check})")
    if current is None and tables:
        raise StoreError(
            f"{label}: a SQLite database, but not an Engagement Workbook one "
            f"(it has tables {', '.join(sorted(tables)[:5])})"
        )
    _refuse_unknown_revision(label, current)
    return current


def _refuse_unknown_revision(label: str, current: str | None) -> None:
    if current is None or _known(current):
        return
    raise NewerDatabaseError(
        f"{label}: written by a newer version of Engagement Workbook (schema {current}); "
        f"this is version {__version__}. Install the newer version; the file was not changed."
    )


def _known(revision: str) -> bool:
    return any(r.revision == revision for r in _script().walk_revisions())


def _upgrade(connection: object) -> None:
    config = _alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _backup_path(path: Path, revision: str | None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.backup-{stamp}-{revision or 'empty'}")


def backup_sqlite(source: Path, destination: Path) -> Path:
    """A consistent copy of a live SQLite database (SQLite's online backup API), as one
    self-contained file (rollback journal, not WAL: reading it leaves no -wal/-shm beside it)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(destination)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
    return destination


def table_names(store: Store) -> set[str]:
    return set(inspect(store.engine).get_table_names())
