"""One database, two windows: the second opens read-only, and no edit is ever lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from workbook.db import edit_lock
from workbook.db.store import open_store
from workbook.errors import StoreError
from workbook.services import engagements

ROOT = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from workbook.db import edit_lock
    lock = edit_lock.acquire(Path(sys.argv[1]))
    print("locked" if lock else "refused", flush=True)
    sys.stdin.readline()
""")


def test_only_one_holder_at_a_time(db_path: Path) -> None:
    first = edit_lock.acquire(db_path)
    assert first is not None
    assert edit_lock.acquire(db_path) is None
    assert f"process {os.getpid()}" in edit_lock.holder(db_path)
    first.release()
    again = edit_lock.acquire(db_path)
    assert again is not None
    again.release()


def test_a_crashed_window_leaves_no_lock_behind(db_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "locked"
            assert edit_lock.acquire(db_path) is None
            assert f"process {child.pid}" in edit_lock.holder(db_path)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
    lock = edit_lock.acquire(db_path)
    assert lock is not None
    lock.release()


def test_the_second_window_is_read_only_and_cannot_overwrite_the_first(db_path: Path) -> None:
    first, lock = edit_lock.open_for_window(db_path)
    second, second_lock = edit_lock.open_for_window(db_path)
    try:
        assert lock is not None and not first.read_only
        assert second_lock is None and second.read_only
        engagement = engagements.create(first, "Medicines reconciliation")
        assert [e.title for e in engagements.summaries(second)] == ["Medicines reconciliation"]

        engagements.rename(first, engagement, "Edited in the first window")
        with pytest.raises(StoreError, match="read-only in this window"):
            engagements.rename(second, engagement, "Stale edit from the second window")
        with pytest.raises(StoreError, match="read-only"):
            engagements.create(second, "New in the second window")

        assert [e.title for e in engagements.summaries(first)] == ["Edited in the first window"]
        assert [e.title for e in engagements.summaries(second)] == ["Edited in the first window"]
    finally:
        second.close()
        first.close()
        if lock is not None:
            lock.release()


def test_the_read_only_window_takes_over_once_the_other_has_closed(db_path: Path) -> None:
    first, lock = edit_lock.open_for_window(db_path)
    second, _ = edit_lock.open_for_window(db_path)
    assert lock is not None
    assert edit_lock.take_over(second) is None  # the first is still open
    first.close()
    lock.release()
    taken = edit_lock.take_over(second)
    assert taken is not None and not second.read_only
    engagements.create(second, "Now edited here")
    assert [e.title for e in engagements.summaries(second)] == ["Now edited here"]
    third, third_lock = edit_lock.open_for_window(db_path)
    assert third.read_only and third_lock is None
    third.close()
    second.close()
    taken.release()


def test_a_file_that_needs_upgrading_is_not_opened_read_only(db_path: Path) -> None:
    open_store(db_path).close()
    open_store(db_path, read_only=True).close()
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001_baseline'")
        conn.commit()
    with pytest.raises(StoreError, match="needs upgrading"):
        open_store(db_path, read_only=True)


def test_a_database_server_takes_no_lock() -> None:
    assert edit_lock.sqlite_file("postgresql+psycopg://analyst@db.trust.local/wb") is None
    assert edit_lock.sqlite_file("sqlite:///relative.sqlite") == Path("relative.sqlite").absolute()
    assert edit_lock.sqlite_file("plain.sqlite") == Path("plain.sqlite").absolute()
