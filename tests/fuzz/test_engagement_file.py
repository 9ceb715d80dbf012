"""Fuzzing engagement file import (``workbook import FILE.engagement.json``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.commands import import_engagement
from tests.fuzz.conftest import FuzzDatabase, feed
from tests.fuzz.mutations import Mutant, json_bytes, json_values, mutated_bytes, mutated_json
from workbook.resources import demo_engagement_path

DEMO_BYTES = demo_engagement_path().read_bytes()
DEMO = json.loads(DEMO_BYTES)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzDatabase]:
    opened = FuzzDatabase(tmp_path_factory.mktemp("engagement-file"), lambda _store, _folder: None)
    yield opened
    opened.close()


def imported(database: FuzzDatabase, path: Path, data: bytes) -> Any:
    path.write_bytes(data)
    return feed(database, import_engagement(path))


@given(mutant=mutated_json(DEMO))
def test_a_changed_demo_engagement(database: FuzzDatabase, tmp_path: Path, mutant: Mutant) -> None:
    imported(database, tmp_path / "demo.engagement.json", json_bytes(mutant.value))


@given(mutant=mutated_bytes(DEMO_BYTES))
def test_a_damaged_demo_file(database: FuzzDatabase, tmp_path: Path, mutant: Mutant) -> None:
    imported(database, tmp_path / "demo.engagement.json", mutant.value)


@given(document=json_values | st.fixed_dictionaries({"engagement": json_values}))
def test_any_json(database: FuzzDatabase, tmp_path: Path, document: Any) -> None:
    imported(database, tmp_path / "any.engagement.json", json_bytes(document))
