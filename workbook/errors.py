"""Typed errors with messages a person can act on.

Every error that can reach a user derives from :class:`WorkbookError`; the CLI prints
``str(error)`` on one line per problem and the GUI shows it in a dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class WorkbookError(Exception):
    """Base of every error the core raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem in a file: where it is (a JSON pointer, a line:column, a cell...) and what."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}" if self.where else self.what


class InputError(WorkbookError):
    """A file from outside could not be used. Names the file, the place in it and the problem."""

    def __init__(self, source: str, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.source = source
        self.problems: list[Problem] = problems
        super().__init__(self.lines()[0] if self.problems else source)

    def lines(self, limit: int | None = None) -> list[str]:
        shown = self.problems if limit is None else self.problems[:limit]
        out = [f"{self.source}: {p}" for p in shown]
        if limit is not None and len(self.problems) > limit:
            out.append(f"{self.source}: ... and {len(self.problems) - limit} more problems")
        return out

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return self.lines()[0]
        return f"{self.lines()[0]} (and {len(self.problems) - 1} more problems)"


@contextmanager
def file_problems(source: str) -> Iterator[None]:
    """Turn what the system says while opening or reading ``source`` into an InputError
    naming it: a missing file, a file not allowed, or another system error."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, f"cannot read the file ({exc.strerror})") from None


class NotFoundError(WorkbookError):
    """The thing asked for does not exist (an engagement, a data item...)."""


class AmbiguousError(WorkbookError):
    """A name matched more than one thing."""


class InvalidValueError(WorkbookError):
    """A service was asked to store a value the domain does not allow."""


class IntegrityError(WorkbookError):
    """A change would break the engagement's integrity (e.g. a cycle in the dataset tree)."""


class StoreError(WorkbookError):
    """The database cannot be opened or used: not SQLite, read-only, corrupt, too new."""


class NewerDatabaseError(StoreError):
    """The database was written by a newer version of the app; it is left untouched."""


class Cancelled(WorkbookError):
    """Long work was cancelled by the user; nothing was written."""


class UsageError(WorkbookError):
    """A command was called the wrong way (the CLI exits with status 2)."""
