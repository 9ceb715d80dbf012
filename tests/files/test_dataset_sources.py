"""``workbook dataset import``: the reader chosen by suffix, the diff, --dry-run."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.cli import run
from workbook.db.store import Store
from workbook.files import dataset_sources
from workbook.files.dataset_sources import DatasetSource
from workbook.progress import Progress
from workbook.services import dataset, engagements
from workbook.services.dataset_merge import IncomingItem


def read_names(
    store: Store, engagement_id: int, paths: list[Path], progress: Progress
) -> DatasetSource:
    """A reader for tests: one line per item, indented by two spaces per level."""
    incoming, stack = [], []
    for path in paths:
        for line in path.read_text().splitlines():
            depth = (len(line) - len(line.lstrip())) // 2
            name = line.strip()
            stack[depth:] = [name]
            incoming.append(
                IncomingItem("/".join(stack), "/".join(stack[:-1]) or None, {"name": name})
            )
    return DatasetSource(incoming, key_of=lambda item: item.xml_path or item.name)


@pytest.fixture(autouse=True)
def _names_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(dataset_sources.READERS, ".names", f"{__name__}:read_names")


def test_dry_run_prints_the_diff_and_changes_nothing(
    capsys, db_path: Path, tmp_path: Path, file_store: Store
) -> None:
    eid = engagements.create(file_store, "Dataset")
    source = tmp_path / "client.names"
    source.write_text("Patient\n  NHS number\n  Name\n")
    assert run(["--db", str(db_path), "dataset", "import", str(eid), str(source), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["+ Patient", "+ NHS number", "+ Name", "added 3, changed 0, removed 0"]
    assert dataset.tree(file_store, eid) == []

    assert run(["--db", str(db_path), "dataset", "import", str(eid), str(source)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "added 3, changed 0, removed 0"
    assert [(r["name"], r["depth"]) for r in dataset.tree(file_store, eid)] == [
        ("Patient", 0),
        ("NHS number", 1),
        ("Name", 1),
    ]


def test_an_unknown_kind_of_file_is_a_usage_error(
    capsys, db_path: Path, tmp_path: Path, file_store: Store
) -> None:
    eid = engagements.create(file_store, "Dataset")
    source = tmp_path / "client.docx"
    source.write_text("x")
    assert run(["--db", str(db_path), "dataset", "import", str(eid), str(source)]) == 2
    assert "cannot import a dataset from .docx files" in capsys.readouterr().err
