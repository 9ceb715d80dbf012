"""Progress reporting for long work, without Qt.

Long operations take an optional ``progress`` callable. They call it with the work done so
far, the total and a short description; the caller cancels by raising
:class:`workbook.errors.Cancelled` from the callback, and the operation then writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]


def no_progress(_done: int, _total: int, _message: str) -> None:
    """The default callback: report nothing, never cancel."""
