"""Reading a returned workbook: no edits give no changes, each edit gives exactly its diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl.styles import Alignment

from tests.excel.workbooks import dataset_import, edited, exported, row_of, snapshot
from workbook.db.store import Store
from workbook.errors import Cancelled
from workbook.excel.returned import read_returned_workbook
from workbook.services import collections as c
from workbook.services import dataset, engagements
from workbook.services.dataset_merge import IncomingItem, apply_diff, compute_diff

NO_CHANGES = "added 0, changed 0, removed 0"


@pytest.fixture
def edge_cases(store: Store) -> int:
    """Values that could come back from a workbook other than as they went out."""
    eid = engagements.create(store, "Edge cases")
    root = c.add(store, "data_items", eid, name="Ünïcode “quoted” — 😀 group", data_type="group")
    c.add(
        store,
        "data_items",
        eid,
        parent_id=root,
        name="  padded name  ",
        description="line one\r\nline two\rline three",
        notes="",
        example="=SUM(A1:A3)",
        xml_path="+44 20 7946 0000",
        value_set="@ref",
        source_system="\ttabbed",
        sensitive=False,
    )
    c.add(store, "data_items", eid, parent_id=root, name="-5", notes="bell\x07 and nul\x00")
    c.add(store, "data_items", eid, parent_id=root, name="Long", description="x" * 40_000)
    c.add(store, "data_items", eid, parent_id=root, name="Yes", sensitive=True, example="0042")
    parent = root
    for depth in range(1, 11):  # deeper than Excel's seven outline levels
        parent = c.add(store, "data_items", eid, parent_id=parent, name=f"Level {depth}")
    c.add(store, "data_items", eid, name="Second root", cardinality="0..*", data_type="code")
    return eid


def test_an_unedited_demo_workbook_changes_nothing(
    capsys, store: Store, demo_id: int, db_path: Path, tmp_path: Path
) -> None:
    path = exported(store, demo_id, tmp_path)
    assert dataset_import(capsys, db_path, demo_id, path) == (0, [NO_CHANGES], "")


def test_an_unedited_workbook_of_awkward_values_changes_nothing(
    store: Store, edge_cases: int, tmp_path: Path
) -> None:
    path = exported(store, edge_cases, tmp_path)
    source = read_returned_workbook(store, edge_cases, [path])
    diff = compute_diff(store, edge_cases, source.incoming, key_of=source.key_of)
    assert diff.summary() == NO_CHANGES
    assert len(source.incoming) == len(dataset.tree(store, edge_cases))


def test_each_edit_shows_in_the_diff_and_applies(
    capsys, store: Store, demo_id: int, db_path: Path, tmp_path: Path
) -> None:
    def client_edits(book) -> None:
        sheet = book["Dataset"]
        sheet.cell(row_of(sheet, "Document Identifier"), 4).value = "string"
        sheet.cell(row_of(sheet, "Date Finalised"), 15).value = "Please check this"
        sheet.delete_rows(row_of(sheet, "Sending Organisation Code"))
        new = row_of(sheet, "Document Identifier") + 1
        sheet.insert_rows(new)
        sheet.cell(new, 2).value = "Document Version"
        sheet.cell(new, 2).alignment = Alignment(indent=2, horizontal="left")
        sheet.cell(new, 4).value = "integer"

    path = edited(exported(store, demo_id, tmp_path), client_edits)
    expected = [
        "+ Document Version",
        "~ Document Identifier: data_type: 'identifier' → 'string'",
        "~ Date Finalised: notes: (empty) → 'Client comment: Please check this'",
        "- Sending Organisation Code",
        "added 1, changed 2, removed 1",
    ]
    before = snapshot(store, demo_id)
    assert dataset_import(capsys, db_path, demo_id, path) == (0, expected, "")
    assert snapshot(store, demo_id) == before  # a dry run changes nothing

    assert dataset_import(capsys, db_path, demo_id, path, dry_run=False) == (0, expected, "")
    items = {row["name"]: row for row in dataset.tree(store, demo_id)}
    assert "Sending Organisation Code" not in items
    version = items["Document Version"]
    assert (version["data_type"], version["depth"]) == ("integer", 2)
    assert version["parent_id"] == items["Document Details"]["id"]
    assert items["Document Identifier"]["data_type"] == "string"

    again = exported(store, demo_id, tmp_path, "again.xlsx")
    assert dataset_import(capsys, db_path, demo_id, again) == (0, [NO_CHANGES], "")


def test_a_client_comment_is_kept_once(
    capsys, store: Store, demo_id: int, db_path: Path, tmp_path: Path
) -> None:
    def comment(book) -> None:
        sheet = book["Dataset"]
        row = row_of(sheet, "Nominated Pharmacy Code")
        sheet.cell(row, 15).value = "We also send the\npharmacy's name"

    path = edited(exported(store, demo_id, tmp_path), comment)
    code, lines, _ = dataset_import(capsys, db_path, demo_id, path, dry_run=False)
    assert (code, lines[-1]) == (0, "added 0, changed 1, removed 0")
    notes = next(r for r in dataset.tree(store, demo_id) if r["name"] == "Nominated Pharmacy Code")
    assert notes["notes"] == (
        "Copied from PDS at admission; may be out of date if the patient changed pharmacy "
        "during a long stay.\nClient comment: We also send the\npharmacy's name"
    )
    assert dataset_import(capsys, db_path, demo_id, path) == (0, [NO_CHANGES], "")


def test_a_row_moved_under_another_parent_changes_its_parent(
    capsys, store: Store, demo_id: int, db_path: Path, tmp_path: Path
) -> None:
    def outdent(book) -> None:
        sheet = book["Dataset"]
        row = row_of(sheet, "Nominated Pharmacy Code")  # the last item under Patient
        sheet.cell(row, 2).alignment = Alignment(indent=1, horizontal="left")
        sheet.row_dimensions[row].outline_level = 1

    path = edited(exported(store, demo_id, tmp_path), outdent)
    assert dataset_import(capsys, db_path, demo_id, path)[1] == [
        "~ Nominated Pharmacy Code: parent: 'Patient' → 'Discharge Medication Summary'",
        "added 0, changed 1, removed 0",
    ]


def test_columns_are_found_by_their_headings(
    capsys, store: Store, demo_id: int, db_path: Path, tmp_path: Path
) -> None:
    def swap_columns(book) -> None:
        sheet = book["Dataset"]
        for row in sheet.iter_rows():
            row[3].value, row[9].value = row[9].value, row[3].value  # Data type ⇄ XML path

    path = edited(exported(store, demo_id, tmp_path), swap_columns)
    assert dataset_import(capsys, db_path, demo_id, path) == (0, [NO_CHANGES], "")


def test_values_typed_in_other_forms_are_understood(
    capsys, store: Store, demo_id: int, db_path: Path, tmp_path: Path
) -> None:
    def retype(book) -> None:
        sheet = book["Dataset"]
        row = row_of(sheet, "Days Supplied")
        sheet.cell(row, 4).value = "Integer"  # capitalised
        sheet.cell(row, 7).value = 28  # a number where the export wrote "28"
        sheet.cell(row, 9).value = "no"
        sheet.append([None, None, None, None, None, None, None, None, None, None])  # blank

    path = edited(exported(store, demo_id, tmp_path), retype)
    assert dataset_import(capsys, db_path, demo_id, path)[1] == [
        "~ Days Supplied: sensitive: (empty) → no",
        "added 0, changed 1, removed 0",
    ]


def test_a_new_row_that_lost_its_indent_goes_by_its_outline_level(
    capsys, store: Store, demo_id: int, db_path: Path, tmp_path: Path
) -> None:
    def paste_plain_row(book) -> None:
        sheet = book["Dataset"]
        row = row_of(sheet, "Family Name")  # under Patient, two levels down
        sheet.insert_rows(row)
        sheet.cell(row, 2).value = "Title"  # no indent, as pasted from elsewhere
        sheet.row_dimensions[row].outline_level = 2

    path = edited(exported(store, demo_id, tmp_path), paste_plain_row)
    assert dataset_import(capsys, db_path, demo_id, path, dry_run=False)[1][-1] == (
        "added 1, changed 0, removed 0"
    )
    items = {row["name"]: row for row in dataset.tree(store, demo_id)}
    assert items["Title"]["parent_id"] == items["Patient"]["id"]


def test_reading_reports_progress_and_can_be_cancelled(store: Store, tmp_path: Path) -> None:
    eid = engagements.create(store, "Big")
    items = [IncomingItem(str(i), None, {"name": f"Item {i}"}) for i in range(600)]
    apply_diff(store, compute_diff(store, eid, items, key_of=lambda _item: None), items)
    path = exported(store, eid, tmp_path)
    reports: list[tuple[int, int]] = []

    def cancel(done: int, total: int, _message: str) -> None:
        reports.append((done, total))
        raise Cancelled("cancelled")

    with pytest.raises(Cancelled):
        read_returned_workbook(store, eid, [path], cancel)
    assert reports == [(500, 601)]
