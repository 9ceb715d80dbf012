"""Fuzzing the returned Excel workbook (``workbook dataset import ENGAGEMENT FILE.xlsx``).

Seeds: the demo engagement's exported workbook, changed the way a client could (cells,
rows, indents, outline levels, merges, the sheet's name, the engagement marker), inside its
XML parts, or as bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.styles import Alignment
from openpyxl.utils.exceptions import IllegalCharacterError

from tests.fuzz.commands import import_dataset
from tests.fuzz.conftest import FuzzDatabase, feed
from tests.fuzz.mutations import NASTY_TEXT, mutated_bytes, mutated_document, mutated_zip
from workbook.db.store import Store
from workbook.excel.export import export_workbook
from workbook.files.engagement_file import import_engagement_file
from workbook.resources import demo_engagement_path

DATASET_PART = "xl/worksheets/sheet2.xml"
XML_PARTS = (
    "xl/styles.xml",
    "xl/workbook.xml",
    "[Content_Types].xml",
    "xl/_rels/workbook.xml.rels",
)

cell_values = (
    st.none()
    | st.sampled_from(NASTY_TEXT)
    | st.text(max_size=30)
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.dates(dt.date(1900, 3, 1), dt.date(9999, 1, 1))
    | st.sampled_from(["=1+1", "=A1", "#N/A", "item-1", "item-2", "string", "0..*"])
)
rows = st.integers(1, 50)
columns = st.integers(1, 16)
client_edits = st.lists(
    st.one_of(
        st.tuples(st.just("cell"), rows, columns, cell_values),
        st.tuples(st.just("insert"), rows, st.integers(1, 3)),
        st.tuples(st.just("delete"), rows, st.integers(1, 3)),
        st.tuples(st.just("indent"), rows, columns, st.integers(0, 250)),
        st.tuples(st.just("outline"), rows, st.integers(0, 7)),
        st.tuples(st.just("merge"), rows, columns),
        st.tuples(st.just("rename"), st.sampled_from(["Data", "dataset", "Dataset "])),
        st.tuples(st.just("marker"), st.sampled_from(NASTY_TEXT)),
    ),
    min_size=1,
    max_size=6,
)


def fill(store: Store, folder: Path) -> tuple[int, bytes]:
    """The demo engagement, and its exported workbook."""
    engagement = import_engagement_file(store, demo_engagement_path()).engagement_id
    path = folder / "demo.xlsx"
    export_workbook(store, engagement, path)
    return engagement, path.read_bytes()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzDatabase]:
    opened = FuzzDatabase(tmp_path_factory.mktemp("excel"), fill)
    yield opened
    opened.close()


def client_changed(seed: bytes, edits: list[tuple[Any, ...]]) -> bytes:
    book = load_workbook(io.BytesIO(seed))
    sheet = book["Dataset"]
    for kind, *args in edits:
        if kind == "cell":
            sheet.cell(args[0], args[1]).value = args[2]
        elif kind == "insert":
            sheet.insert_rows(args[0], args[1])
        elif kind == "delete":
            sheet.delete_rows(args[0], args[1])
        elif kind == "indent":
            sheet.cell(args[0], args[1]).alignment = Alignment(indent=args[2])
        elif kind == "outline":
            sheet.row_dimensions[args[0]].outlineLevel = args[1]
        elif kind == "merge":
            sheet.merge_cells(start_row=args[0], start_column=args[1], end_row=args[0] + 1,
                              end_column=args[1] + 1)  # fmt: skip
        elif kind == "rename":
            sheet.title = args[0]
        elif kind == "marker":
            book.defined_names["EngagementWorkbook_Engagement"].attr_text = f'"{args[0]}"'
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def returned(database: FuzzDatabase, path: Path, data: bytes) -> Any:
    path.write_bytes(data)
    engagement, _seed = database.value
    return feed(database, import_dataset(engagement, path))


@given(edits=client_edits)
def test_a_workbook_the_client_changed(
    database: FuzzDatabase, tmp_path: Path, edits: list[tuple[Any, ...]]
) -> None:
    try:
        data = client_changed(database.value[1], edits)
    except (ValueError, IllegalCharacterError):
        return  # openpyxl itself refuses to write this
    returned(database, tmp_path / "client.xlsx", data)


@given(data=st.data())
def test_a_workbook_changed_inside(database: FuzzDatabase, tmp_path: Path, data: Any) -> None:
    parts = {DATASET_PART: mutated_document} | dict.fromkeys(XML_PARTS, mutated_document)
    mutant = data.draw(mutated_zip(database.value[1], parts))
    returned(database, tmp_path / "client.xlsx", mutant.value)


@given(data=st.data())
def test_a_damaged_workbook_file(database: FuzzDatabase, tmp_path: Path, data: Any) -> None:
    returned(database, tmp_path / "client.xlsx", data.draw(mutated_bytes(database.value[1])).value)
