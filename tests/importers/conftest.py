"""Shared by the importer tests: the sample files, the command line, a network that fails."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from workbook.cli import run
from workbook.db.store import Store
from workbook.files.dataset_sources import DatasetSource
from workbook.files.engagement_file import export_document
from workbook.services import collections, engagements

SAMPLES = Path(__file__).parent / "samples"


def cli(capsys: pytest.CaptureFixture[str], db: Path, *args: str | Path) -> tuple[int, str, str]:
    code = run(["--db", str(db), *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def rows(source: DatasetSource) -> list[tuple[str, str | None, dict[str, Any]]]:
    """Incoming items as (xml_path, parent's xml_path, the other values)."""
    out = []
    for item in source.incoming:
        values = dict(item.values)
        assert values.pop("xml_path") == item.key
        out.append((item.key, item.parent_key, values))
    return out


def snapshot(store: Store, engagement_id: int) -> dict[str, Any]:
    """Everything recorded in an engagement, to show that a refused import changed nothing."""
    return export_document(store, engagement_id)["engagement"]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importers never touch the network: any attempt fails the test."""

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("an importer tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def filled(store: Store) -> int:
    """A small engagement with a dataset and a process, for showing nothing changes."""
    eid = engagements.create(store, "Filled")
    root = collections.add(store, "data_items", eid, name="Patient", xml_path="/Patient")
    collections.add(store, "data_items", eid, name="NHS number", parent_id=root, notes="note")
    lane = collections.add(store, "process_lanes", eid, name="Ward")
    collections.add(store, "process_nodes", eid, kind="start_event", name="Start", lane_id=lane)
    return eid
