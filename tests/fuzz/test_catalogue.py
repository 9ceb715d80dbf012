"""Fuzzing story catalogue import (``workbook catalogue import FILE.csv|FILE.json``).

Seeds: the demo's stories exported as CSV and JSON, changed as bytes and as JSON trees;
and CSV files written from scratch with known and unknown headings, any delimiter.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.commands import import_catalogue
from tests.fuzz.conftest import FuzzDatabase, feed
from tests.fuzz.mutations import NASTY_TEXT, Mutant, json_bytes, mutated_bytes, mutated_json
from workbook.catalogue import files, transfer
from workbook.catalogue.csv_format import ALIASES
from workbook.db.store import Store
from workbook.files.engagement_file import import_engagement_file
from workbook.resources import demo_engagement_path
from workbook.services import collections


def fill(store: Store, folder: Path) -> dict[str, bytes]:
    """The demo's stories in the catalogue, and the catalogue exported as CSV and JSON."""
    engagement = import_engagement_file(store, demo_engagement_path()).engagement_id
    for story in collections.rows(store, "user_stories", engagement):
        transfer.promote(store, story["id"])
    exported = {}
    for suffix in (".csv", ".json"):
        path = folder / f"catalogue{suffix}"
        files.export_file(store, path)
        exported[suffix] = path.read_bytes()
    return exported


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzDatabase]:
    opened = FuzzDatabase(tmp_path_factory.mktemp("catalogue"), fill)
    yield opened
    opened.close()


def imported(database: FuzzDatabase, path: Path, data: bytes) -> Any:
    path.write_bytes(data)
    return feed(database, import_catalogue(path))


@given(data=st.data())
def test_a_damaged_csv_export(database: FuzzDatabase, tmp_path: Path, data: Any) -> None:
    mutant = data.draw(mutated_bytes(database.value[".csv"]))
    imported(database, tmp_path / "stories.csv", mutant.value)


@given(data=st.data())
def test_a_changed_json_export(database: FuzzDatabase, tmp_path: Path, data: Any) -> None:
    mutant: Mutant = data.draw(mutated_json(json.loads(database.value[".json"])))
    imported(database, tmp_path / "stories.json", json_bytes(mutant.value))


@given(data=st.data())
def test_a_damaged_json_export(database: FuzzDatabase, tmp_path: Path, data: Any) -> None:
    mutant = data.draw(mutated_bytes(database.value[".json"]))
    imported(database, tmp_path / "stories.json", mutant.value)


headings = st.sampled_from(sorted(ALIASES)) | st.sampled_from(NASTY_TEXT) | st.text(max_size=8)
cells = (
    st.sampled_from(NASTY_TEXT)
    | st.text(max_size=40)
    | st.sampled_from(
        ["As a GP (primary care) I want to see it so that I know", "must", "clinical: works",
         "As a", "I want", "so that", "GET List, POST Task", "'=1+1"]
    )
)  # fmt: skip


@given(
    header=st.lists(headings, max_size=8),
    rows=st.lists(st.lists(cells, max_size=9), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    bom=st.booleans(),
)
def test_a_csv_file_written_by_anyone(
    database: FuzzDatabase,
    tmp_path: Path,
    header: list[str],
    rows: list[list[str]],
    delimiter: str,
    bom: bool,
) -> None:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    for row in [header, *rows]:
        writer.writerow(row)
    data = text.getvalue().encode("utf-8", "surrogatepass")
    imported(database, tmp_path / "stories.csv", (b"\xef\xbb\xbf" if bom else b"") + data)
