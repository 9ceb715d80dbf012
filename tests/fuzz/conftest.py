"""Fuzzing every reader of outside data: profiles, a fresh database per change, the guards.

``WORKBOOK_FUZZ=long`` runs thousands of inputs per reader (minutes); the default ``ci``
profile a few dozen, the same ones every run (derandomized), so CI stays fast and stable.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.guards import fingerprint, hard_limit, refuse_network
from workbook.cli import error_lines
from workbook.db.store import Store, open_store
from workbook.errors import WorkbookError

PROFILE = os.environ.get("WORKBOOK_FUZZ", "ci")
_SHARED = {
    "deadline": None,  # the hard limit below stops a hang; timing is not what is tested
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
settings.register_profile("ci", max_examples=25, derandomize=True, database=None, **_SHARED)
settings.register_profile("long", max_examples=2_000, **_SHARED)
settings.load_profile(PROFILE)

HANG_SECONDS = 20  # per input; a reader that takes longer on a few KB has hung
INPUTS = {"count": 0}  # inputs fed to readers in this session, for the summary line


class FuzzDatabase:
    """A database filled once by ``fill(store, folder)``; reopened from a pristine copy of
    it after any input that changed it, so every input meets the same content."""

    def __init__(self, folder: Path, fill: Callable[[Store, Path], Any]) -> None:
        self.pristine = folder / "pristine.sqlite"
        self.live = folder / "live.sqlite"
        store = open_store(self.pristine)
        self.value = fill(store, folder)  # what the tests need to know of the content
        store.close()
        self._store: Store | None = None

    def fresh(self) -> Store:
        """The store, as the fill left it."""
        if self._store is None:
            shutil.copyfile(self.pristine, self.live)
            self.live.with_name(self.live.name + "-wal").unlink(missing_ok=True)
            self._store = open_store(self.live)
        return self._store

    def wrote(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        self.wrote()


def feed(database: FuzzDatabase, read: Callable[[Store], Any]) -> Any:
    """Give one input to a reader: it may succeed, or refuse with a domain error and write
    nothing; anything else (another exception, a hang, a write on failure) fails the test.
    Returns what it returned, or the domain error."""
    INPUTS["count"] += 1
    store = database.fresh()
    before = fingerprint(database.live)
    try:
        with hard_limit(HANG_SECONDS):
            result = read(store)
    except WorkbookError as error:
        assert fingerprint(database.live) == before, "a refused input changed the database"
        for line in error_lines(error):
            assert len(line.splitlines()) == 1, f"not one line: {line!r}"
        return error
    database.wrote()
    return result


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_network(monkeypatch)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if INPUTS["count"]:
        terminalreporter.write_line(
            f"fuzzing ({PROFILE} profile): {INPUTS['count']:,} inputs fed to the readers, "
            "none raised anything but a domain error, hung or wrote on failure"
            if not terminalreporter.stats.get("failed")
            else f"fuzzing ({PROFILE} profile): {INPUTS['count']:,} inputs fed to the readers"
        )
