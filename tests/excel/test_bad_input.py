"""Returned workbooks that cannot be read back: one clear line naming the place, nothing applied.

``data/password.xlsx`` is a one-sheet workbook encrypted by msoffcrypto-tool (password
"secret"), ``data/excel97.xls`` the same workbook saved by LibreOffice as Excel 97-2003.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tests.excel.workbooks import dataset_import, edited, exported, row_of, snapshot
from workbook import vocabulary as v
from workbook.cli import run
from workbook.db.store import Store
from workbook.excel import package
from workbook.services import engagements

DATA = Path(__file__).parent / "data"


@pytest.fixture
def refused(capsys, store: Store, demo_id: int, db_path: Path) -> Callable[[Path, str], None]:
    """Assert that importing (for real, not a dry run) fails with exactly that one line."""

    def check(path: Path, message: str) -> None:
        before = snapshot(store, demo_id)
        code, out, err = dataset_import(capsys, db_path, demo_id, path, dry_run=False)
        assert (code, out, err) == (1, [], f"workbook: {path}: {message}\n")
        assert snapshot(store, demo_id) == before

    return check


@pytest.fixture
def returned(store: Store, demo_id: int, tmp_path: Path) -> Callable[[Any], Path]:
    """The demo's workbook with the client's change made to it."""
    return lambda change: edited(exported(store, demo_id, tmp_path), change)


def dataset_sheet(change: Callable[[Any], None]) -> Callable[[Any], None]:
    return lambda book: change(book["Dataset"])


def test_a_renamed_sheet(returned, refused) -> None:
    path = returned(lambda book: setattr(book["Dataset"], "title", "Data"))
    refused(
        path,
        'no sheet "Dataset" (the sheets are: Cover, Data, Mapping, User stories, API); import '
        "the workbook exported for this engagement, with its sheet names unchanged",
    )


def test_a_workbook_from_elsewhere(tmp_path: Path, refused) -> None:
    book = Workbook()
    book.active.title = "Dataset"
    book.active.append(["Name", "Type"])
    book.active.append(["NHS number", "string"])
    path = tmp_path / "theirs.xlsx"
    book.save(path)
    refused(
        path,
        "was not exported by Engagement Workbook (it has no engagement marker); import the "
        "workbook exported for this engagement",
    )


def test_a_workbook_of_another_engagement(
    capsys, store: Store, demo_id: int, db_path: Path, tmp_path: Path
) -> None:
    other = engagements.create(store, "Another engagement")
    path = exported(store, other, tmp_path)
    code, out, err = dataset_import(capsys, db_path, demo_id, path)
    assert (code, out) == (1, [])
    assert err == (
        f'workbook: {path}: was exported from another engagement ("Another engagement"); '
        "import it into that one\n"
    )


def test_a_renamed_heading(returned, refused) -> None:
    path = returned(dataset_sheet(lambda sheet: setattr(sheet["D1"], "value", "Type")))
    refused(
        path,
        'sheet Dataset row 1 column D: the heading "Type" should be "Data type" '
        "(columns are found by their headings)",
    )


def test_a_moved_header_row(returned, refused) -> None:
    path = returned(dataset_sheet(lambda sheet: sheet.insert_rows(1)))
    refused(path, "sheet Dataset row 2: the header row must be row 1; delete the rows above it")


def test_an_unknown_data_type(returned, refused) -> None:
    path = returned(dataset_sheet(lambda sheet: setattr(sheet["D12"], "value", "blob")))
    refused(
        path,
        f'sheet Dataset row 12 column D: "blob" is not a data type; use one of '
        f"{', '.join(v.DATA_TYPES)}",
    )


def test_every_bad_cell_is_listed(returned, capsys, demo_id: int, db_path: Path) -> None:
    def several(sheet) -> None:
        sheet["E5"] = "2..3"
        sheet["I6"] = "maybe"
        sheet["B7"] = None
        sheet["G8"] = "=1+1"

    path = returned(dataset_sheet(several))
    code, _, err = dataset_import(capsys, db_path, demo_id, path)
    assert (code, err.splitlines()) == (
        1,
        [
            f'workbook: {path}: sheet Dataset row 5 column E: "2..3" is not a cardinality; '
            f"use one of 0..1, 1..1, 0..*, 1..*",
            f'workbook: {path}: sheet Dataset row 6 column I: "maybe" is not Yes or No',
            f"workbook: {path}: sheet Dataset row 7 column B: a data item needs a name",
            f"workbook: {path}: sheet Dataset row 8 column G: holds a formula (=1+1); "
            "type the value itself",
        ],
    )


def test_merged_cells(returned, refused) -> None:
    path = returned(dataset_sheet(lambda sheet: sheet.merge_cells("C5:D5")))
    refused(
        path, "sheet Dataset row 5 column C: merged cells (C5:D5) cannot be read back; unmerge them"
    )


def test_a_copied_row_keeps_its_key(returned, refused) -> None:
    copied: dict[str, Any] = {}

    def copy_row(sheet) -> None:
        copied["row"] = row_of(sheet, "Family Name")
        copied["key"] = sheet.cell(copied["row"], 1).value
        sheet.append([cell.value for cell in sheet[copied["row"]]])

    path = returned(dataset_sheet(copy_row))
    refused(
        path,
        f'sheet Dataset row 47 column A: the same key "{copied["key"]}" as row {copied["row"]}: '
        "a copied row keeps the hidden key; clear it in the copy to add it as a new item",
    )


def test_a_key_the_workbook_did_not_write(returned, refused) -> None:
    path = returned(dataset_sheet(lambda sheet: setattr(sheet["A9"], "value", "patient-9")))
    refused(
        path,
        'sheet Dataset row 9 column A: "patient-9" is not a key this workbook wrote; clear it '
        "to add the row as a new item",
    )


def test_a_password_protected_workbook(tmp_path: Path, refused) -> None:
    path = Path(shutil.copy(DATA / "password.xlsx", tmp_path / "client.xlsx"))
    refused(
        path,
        "is protected with a password; ask for a copy saved without one (in Excel: File › Info "
        "› Protect Workbook › Encrypt with Password, clear the password, save)",
    )


def test_an_excel_97_workbook_renamed(tmp_path: Path, refused) -> None:
    path = Path(shutil.copy(DATA / "excel97.xls", tmp_path / "client.xlsx"))
    refused(
        path,
        "is an Excel 97-2003 workbook (.xls), not .xlsx; open it in Excel and save it as an "
        "Excel Workbook (.xlsx)",
    )


def test_a_csv_file_renamed(tmp_path: Path, refused) -> None:
    path = tmp_path / "client.xlsx"
    path.write_text("Key,Name\nitem-1,NHS number\n", encoding="utf-8")
    refused(
        path,
        "is not an Excel workbook but a text file (a CSV file renamed .xlsx?); import the .xlsx "
        "workbook exported for this engagement",
    )


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_package_too_large_unpacked_is_refused(
    tmp_path: Path, refused, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    parts = {f"xl/media/image{i}.png": os.urandom(1024 * 1024) for i in range(3)}
    path = _zip(tmp_path / "client.xlsx", parts)
    refused(path, "would unpack to 3 MB, more than a dataset workbook can hold (2 MB); refused")


def test_a_file_open_in_excel(returned, refused, monkeypatch: pytest.MonkeyPatch) -> None:
    path = returned(lambda book: None)
    read_bytes = Path.read_bytes

    def locked(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", locked)
    refused(path, "cannot be read (permission denied); if it is open in Excel, close it there")


def test_one_workbook_at_a_time(capsys, db_path: Path, demo_id: int, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    code = run(["--db", str(db_path), "dataset", "import", str(demo_id), str(first), str(second)])
    assert (code, capsys.readouterr().err) == (
        2,
        "workbook: import one returned workbook at a time\n",
    )
