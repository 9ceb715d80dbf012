"""Importing and exporting the catalogue: JSON or CSV, by the file's suffix.

An import reads and checks the whole file first; a file with any problem is refused with
every problem named (file, then row and column or JSON path) and nothing is written. The
one exception is a story sentence that cannot be parsed: it is imported as the story's
requirement, to be fixed in the catalogue, and reported with its row. A story already in
the catalogue (the same actor, care setting and requirement) or twice in the file is
imported once. Exports are written whole, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbook.catalogue import csv_format, json_format, service
from workbook.catalogue.model import CatalogueStory, ParsedFile
from workbook.db.store import Store
from workbook.errors import InputError, Problem, UsageError
from workbook.files.json_input import parse_json, read_bytes, write_atomically
from workbook.progress import Progress, no_progress

SUFFIXES = (".json", ".csv")
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ImportReport:
    source: str
    added_ids: list[int]
    already_there: int
    unparsed: list[tuple[int, str]] = field(default_factory=list)  # (row, sentence)
    ignored_columns: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        skipped = f" ({self.already_there} already there)" if self.already_there else ""
        out = [
            f"Imported {len(self.added_ids)} stories into the catalogue from {self.source}{skipped}"
        ]
        if self.ignored_columns:
            out.append(f"Columns not read: {', '.join(self.ignored_columns)}")
        out += [
            f"row {row}: not read as “As a … I want … so that …”; imported whole as the "
            f"requirement, to be corrected: {sentence}"
            for row, sentence in self.unparsed
        ]
        return out


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"{path}: use a file ending in {' or '.join(SUFFIXES)}")
    return suffix


def _csv_text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            source,
            Problem(
                f"line {line}",
                "not UTF-8 text; in Excel, save it as “CSV UTF-8 (Comma delimited)”",
            ),
        ) from None


def read_file(path: Path) -> ParsedFile:
    """The stories of a catalogue file; an InputError names every problem in it."""
    suffix = _suffix(path)
    source = str(path)
    data = read_bytes(path, "for a story catalogue", MAX_FILE_BYTES)
    if suffix == ".json":
        parsed = json_format.read(parse_json(data, source))
    else:
        parsed = csv_format.read(_csv_text(data, source))
    if parsed.problems:
        raise InputError(source, parsed.problems)
    return parsed


def import_file(store: Store, path: Path, progress: Progress = no_progress) -> ImportReport:
    parsed = read_file(path)
    known = service.keys(store)
    fresh: list[CatalogueStory] = []
    for story in parsed.stories:
        if story.key() not in known:
            known[story.key()] = 0
            fresh.append(story)
    added = service.add_all(store, fresh, progress)
    return ImportReport(
        str(path),
        added,
        len(parsed.stories) - len(fresh),
        parsed.unparsed,
        parsed.ignored_columns,
    )


WRITERS: dict[str, Callable[..., bytes]] = {".json": json_format.dumps, ".csv": csv_format.dumps}


def export_file(store: Store, path: Path) -> int:
    """Write every catalogue story to ``path``; returns how many."""
    writer = WRITERS[_suffix(path)]
    if not path.parent.is_dir():
        raise InputError(str(path), f"no such folder {path.parent}")
    stories = list(service.iter_all(store))
    try:
        write_atomically(path, writer(stories))
    except OSError as exc:
        raise InputError(str(path), f"cannot write the file ({exc.strerror})") from None
    return len(stories)
