"""From what an XML sample or an XSD describes to a :class:`DatasetSource` the merge can diff.

Items are matched on ``xml_path``. The import speaks only for the structure: data type,
cardinality and (for schemas) value set. The name (the element's, which is the same for the
same path) is given to new items only, so an analyst's clearer name stays; the example and
a description the import generates (namespaces, "one of …", recursion) are only written
where the item has none yet, so descriptions, anonymised examples, notes and mappings are
never replaced, and a re-import's diff shows structure, not new sample values. On re-import, an
item counts as removed only if it has an ``xml_path`` under one of the roots imported now:
items made by hand, or from another message, stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbook.db import models as m
from workbook.db.store import Store
from workbook.files.dataset_sources import DatasetSource
from workbook.services import dataset
from workbook.services.dataset_merge import IncomingItem

_STRUCTURE_FIELDS = ("data_type", "cardinality", "value_set")
_FILLED_WHEN_EMPTY = ("example", "description")


@dataclass
class Draft:
    """One item as a file describes it; None means the file says nothing about that field."""

    xml_path: str
    parent: str | None
    name: str
    data_type: str | None = None
    cardinality: str | None = None
    example: str | None = None
    value_set: str | None = None
    description: str | None = None


def dataset_source(store: Store, engagement_id: int, drafts: Sequence[Draft]) -> DatasetSource:
    existing = {row["xml_path"]: row for row in dataset.tree(store, engagement_id)}
    incoming = []
    for draft in drafts:
        values: dict[str, str] = {"xml_path": draft.xml_path}
        if draft.xml_path not in existing:
            values["name"] = draft.name
        for name in _STRUCTURE_FIELDS:
            value = getattr(draft, name)
            if value is not None:
                values[name] = value
        for name in _FILLED_WHEN_EMPTY:
            value = getattr(draft, name)
            if value and not existing.get(draft.xml_path, {}).get(name):
                values[name] = value
        incoming.append(IncomingItem(draft.xml_path, draft.parent, values))
    roots = tuple(draft.xml_path for draft in drafts if draft.parent is None)
    return DatasetSource(
        incoming, key_of=_xml_path, removable=lambda item: _under(item.xml_path, roots)
    )


def _xml_path(item: m.DataItem) -> str | None:
    return item.xml_path or None


def _under(path: str | None, roots: tuple[str, ...]) -> bool:
    return path is not None and any(path == r or path.startswith(r + "/") for r in roots)


def cardinality(required: bool, repeats: bool) -> str:
    return f"{1 if required else 0}..{'*' if repeats else 1}"
