"""Readers that turn an outside file into incoming data items, chosen by file suffix.

A reader is ``read(store, engagement_id, paths, progress) -> DatasetSource``; it raises
:class:`workbook.errors.InputError` naming the file and the place for anything it cannot
use, and changes nothing. Readers are listed by dotted name so that a reader's module is
only imported when a file of its kind is read.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import UsageError
from workbook.progress import Progress, no_progress
from workbook.services.dataset_merge import IncomingItem


@dataclass(frozen=True)
class DatasetSource:
    """What a reader found, and how its items match (and may remove) existing ones."""

    incoming: list[IncomingItem]
    key_of: Callable[[m.DataItem], str | None]
    removable: Callable[[m.DataItem], bool] = lambda _item: True


READERS: dict[str, str] = {
    # suffix: "module:function", one line per reader
    ".xml": "workbook.importers.xml_sample:read_xml_samples",
    ".xsd": "workbook.importers.xsd:read_xsd",
    ".xlsx": "workbook.excel.returned:read_returned_workbook",
}


def reader_for(paths: Sequence[Path]) -> Callable[..., DatasetSource]:
    suffixes = {p.suffix.lower() for p in paths}
    if len(suffixes) != 1:
        raise UsageError("import files of one kind at a time")
    suffix = suffixes.pop()
    if suffix not in READERS:
        known = ", ".join(sorted(READERS)) or "none yet"
        raise UsageError(
            f"{paths[0]}: cannot import a dataset from {suffix or 'this'} files (known: {known})"
        )
    module, function = READERS[suffix].split(":")
    return getattr(importlib.import_module(module), function)


def read_dataset_source(
    store: Store, engagement_id: int, paths: Sequence[Path], progress: Progress = no_progress
) -> DatasetSource:
    return reader_for(paths)(store, engagement_id, list(paths), progress)
