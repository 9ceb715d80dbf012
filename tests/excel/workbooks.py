"""Helpers for the Excel workbook tests: export, edit like a client, import through the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from workbook.cli import run
from workbook.db.store import Store
from workbook.excel.export import export_workbook
from workbook.services import dataset


def exported(store: Store, engagement_id: int, folder: Path, name: str = "client.xlsx") -> Path:
    path = folder / name
    export_workbook(store, engagement_id, path)
    return path


def edited(path: Path, change: Callable[[Workbook], Any]) -> Path:
    """The workbook after a client's change, saved in place (as Excel would)."""
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


def dataset_import(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    engagement_id: int,
    path: Path,
    *,
    dry_run: bool = True,
) -> tuple[int, list[str], str]:
    """``workbook dataset import``: exit status, printed lines, error output."""
    args = ["--db", str(db_path), "dataset", "import", str(engagement_id), str(path)]
    code = run([*args, "--dry-run"] if dry_run else args)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def snapshot(store: Store, engagement_id: int) -> list[dict[str, Any]]:
    return dataset.tree(store, engagement_id)


def row_of(sheet: Any, name: str) -> int:
    """The row of the Dataset (or Mapping) sheet whose name cell holds ``name``."""
    column = 2 if sheet.title == "Dataset" else 1
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value == name)
