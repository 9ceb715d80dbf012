"""Guards for tests that feed hostile or random input to the readers: a hard time limit,
the database's stored bytes (to prove nothing was written), and no network."""

from __future__ import annotations

import hashlib
import signal
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest


class Hang(Exception):
    """A reader did not finish within its limit."""


@contextmanager
def hard_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block with :class:`Hang` after ``seconds`` (main thread; POSIX only).
    A guard against hanging, far above the time the work takes, not a timing test."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def interrupt(_signum: int, _frame: Any) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fingerprint(database: Path) -> str:
    """The database's content as stored: the file and its write-ahead log."""
    digest = hashlib.sha256()
    for part in (database, database.with_name(database.name + "-wal")):
        digest.update(part.read_bytes() if part.exists() else b"")  # no log = an empty one
    return digest.hexdigest()


def refuse_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any use of the network fail the test."""

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("a reader tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
