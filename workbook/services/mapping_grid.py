"""The mapping grid of step 7: data items down the side, profiles in scope across the top.

Each cell holds the mappings of one data item to one profile. A mapping whose profile is
no longer in scope goes to a last "not in scope" column so it is seen, not lost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from workbook.db.store import Store
from workbook.profiles.library import ProfileLibrary
from workbook.profiles.model import short_name
from workbook.services import collections, dataset
from workbook.vocabulary import MAPPING_STATUSES

OUT_OF_SCOPE = -1


@dataclass(frozen=True)
class ProfileColumn:
    url: str
    name: str
    resource_type: str

    @property
    def label(self) -> str:
        return self.name or short_name(self.url)

    def matches(self, reference: str) -> bool:
        key = reference.strip().partition("|")[0]
        return key in (self.url, self.name)


@dataclass
class GridRow:
    item: dict[str, Any]  # the data item, with its depth
    is_group: bool
    cells: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # column -> mappings

    @property
    def mapped(self) -> bool:
        return any(self.cells.values())


@dataclass(frozen=True)
class MappingGrid:
    columns: list[ProfileColumn]
    rows: list[GridRow]
    out_of_scope: int  # how many mappings name a profile not in scope

    def mapping_count(self) -> int:
        return sum(len(cell) for row in self.rows for cell in row.cells.values())

    def status_counts(self) -> dict[str, int]:
        """Mappings per status (no status counts as mapped), and unmapped data items."""
        counts = Counter(
            m["status"] or "mapped"
            for row in self.rows
            for cell in row.cells.values()
            for m in cell
        )
        out = {status: counts[status] for status in MAPPING_STATUSES}
        out["unmapped"] = sum(1 for row in self.rows if not row.is_group and not row.mapped)
        return out


def mapping_grid(store: Store, engagement_id: int) -> MappingGrid:
    columns = [
        ProfileColumn(p["url"], p["name"] or "", p["resource_type"] or "")
        for p in collections.rows(store, "profiles", engagement_id)
    ]
    items = dataset.tree(store, engagement_id)
    parents = {item["parent_id"] for item in items}
    rows = {item["id"]: GridRow(item, item["id"] in parents) for item in items}
    out_of_scope = 0
    column_of: dict[str, int] = {}  # a profile reference -> its column, found once
    for mapping in collections.rows(store, "mappings", engagement_id):
        reference = mapping["profile"]
        column = column_of.get(reference)
        if column is None:
            column = column_of[reference] = next(
                (i for i, c in enumerate(columns) if c.matches(reference)), OUT_OF_SCOPE
            )
        out_of_scope += column == OUT_OF_SCOPE
        rows[mapping["data_item_id"]].cells.setdefault(column, []).append(mapping)
    return MappingGrid(columns, list(rows.values()), out_of_scope)


def element_paths(library: ProfileLibrary, reference: str) -> list[str]:
    """The element ids of a profile (``Patient.identifier:nhsNumber.value``), for completion."""
    profile = library.find(reference)
    return [] if profile is None else [e.id for e in profile.elements]
