"""What the exported workbook and its reader agree on: sheets, Dataset columns, hidden keys."""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from workbook import vocabulary as v

COVER = "Cover"
DATASET = "Dataset"
MAPPING = "Mapping"
STORIES = "User stories"
API = "API"
SHEETS = (COVER, DATASET, MAPPING, STORIES, API)

# A workbook-level defined name holding the uid of the engagement the workbook came from.
ENGAGEMENT_NAME = "EngagementWorkbook_Engagement"

CLIENT_COMMENT = "Client comment: "
YES, NO = "Yes", "No"
DROP_DOWNS = {"data_type": v.DATA_TYPES, "cardinality": v.CARDINALITIES, "sensitive": (YES, NO)}
OUTLINE_LEVELS = 7  # Excel groups rows at most seven levels deep

_KEY = re.compile(r"item-(\d+)")


def item_key(item_id: int) -> str:
    """The hidden key of a data item's row: stable for as long as the item exists."""
    return f"item-{item_id}"


def key_id(key: str) -> int | None:
    """The data item id in a key this workbook wrote, else None."""
    found = _KEY.fullmatch(key.strip())
    return int(found.group(1)) if found else None


@dataclass(frozen=True)
class Column:
    """A Dataset column: its header, the data item field it holds (None: for information
    only, not read back), its widest width in characters, and whether the client edits it."""

    header: str
    field: str | None
    max_width: int
    editable: bool = True


KEY = Column("Key", "key", 10, editable=False)
NAME = Column("Name", "name", 40)
COMMENTS = Column("Client comments", "client_comment", 40)
DATASET_COLUMNS: tuple[Column, ...] = (
    KEY,
    NAME,
    Column("Description", "description", 50),
    Column("Data type", "data_type", 14),
    Column("Cardinality", "cardinality", 13),
    Column("Source system", "source_system", 22),
    Column("Example", "example", 28),
    Column("Value set", "value_set", 28),
    Column("Sensitive", "sensitive", 11),
    Column("XML path", "xml_path", 36),
    Column("Notes", "notes", 40),
    Column("Mapped profile(s)", None, 34, editable=False),
    Column("Element path(s)", None, 36, editable=False),
    Column("Mapping status", None, 16, editable=False),
    COMMENTS,
)


def letter(column: Column) -> str:
    """The column's letter as exported."""
    return get_column_letter(DATASET_COLUMNS.index(column) + 1)
