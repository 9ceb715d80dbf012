"""The exported dataset workbook: sheets, layout, drop-downs, print set-up, safety, atomicity."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.excel.workbooks import exported, row_of
from workbook import vocabulary as v
from workbook.cli import run
from workbook.db.store import Store
from workbook.errors import Cancelled
from workbook.excel import layout
from workbook.excel.export import export_workbook
from workbook.excel.safety import FORMULA_PREFIXES
from workbook.services import collections as c
from workbook.services import engagements
from workbook.services.registry import COLLECTIONS


@pytest.fixture
def demo_book(store: Store, demo_id: int, tmp_path: Path):
    return load_workbook(exported(store, demo_id, tmp_path))


def test_the_workbook_has_the_five_sheets_and_says_what_it_is(demo_book, store, demo_id) -> None:
    assert demo_book.sheetnames == ["Cover", "Dataset", "Mapping", "User stories", "API"]
    props = demo_book.properties
    engagement = engagements.get(store, demo_id)
    assert props.title == f"{engagement.title}: dataset"
    assert props.creator == "Imogen Thackeray-Vale"
    assert props.subject == "Dataset for client review"
    marker = demo_book.defined_names[layout.ENGAGEMENT_NAME]
    assert marker.attr_text == f'"{engagement.uid}"'


def test_every_sheet_prints_landscape_one_page_wide_with_numbered_pages(demo_book) -> None:
    for sheet in demo_book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.center.text == "Page &P of &N"
    assert demo_book["Dataset"].print_title_rows == "$1:$1"
    assert demo_book["Mapping"].print_title_rows == "$3:$3"
    assert not demo_book["Cover"].sheet_view.showGridLines


def test_the_cover_describes_the_engagement_and_explains_the_codes(demo_book) -> None:
    cover = demo_book["Cover"]
    facts = {
        row[1].value: row[2].value for row in cover.iter_rows(min_row=4, max_row=10) if row[1].value
    }
    assert facts["Client"] == "Northfield and Wyre Teaching Hospitals NHS Foundation Trust"
    assert facts["ODS code"] == "RX9"
    assert facts["Analyst"] == "Imogen Thackeray-Vale"
    assert facts["Engagement status"] == "In review"
    assert facts["Data items"] == "45, of which 36 mapped"
    labels = [cover.cell(r, 2).value for r in range(1, cover.max_row + 1)]
    assert "How to fill this in" in labels
    assert all(name in labels for name in (*v.DATA_TYPES, *v.CARDINALITIES))


def test_the_dataset_sheet_shows_the_tree_and_every_field(demo_book) -> None:
    sheet = demo_book["Dataset"]
    assert [cell.value for cell in sheet[1]] == [c.header for c in layout.DATASET_COLUMNS]
    assert set(COLLECTIONS["data_items"].fields) <= {c.field for c in layout.DATASET_COLUMNS}
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == "A1:O46"
    assert sheet.column_dimensions["A"].hidden
    assert sheet.sheet_properties.outlinePr.summaryBelow is False

    shown = [
        (
            sheet.cell(r, 2).value,
            sheet.cell(r, 2).alignment.indent,
            sheet.row_dimensions[r].outline_level,
        )
        for r in range(2, 6)
    ]
    assert shown == [
        ("Discharge Medication Summary", 0, 0),
        ("Document Details", 1, 1),
        ("Document Identifier", 2, 2),
        ("Date Finalised", 2, 2),
    ]
    assert sheet.cell(3, 2).font.b  # a group's name is bold
    date_finalised = [cell.value for cell in sheet[5]]
    assert date_finalised[0].startswith("item-")
    assert date_finalised[11:14] == [
        "CareConnect-List-1\nCareConnect-MedicationStatement-1",
        "List.date\nMedicationStatement.dateAsserted",
        "Mapped\nMapped",
    ]
    nhs = [cell.value for cell in sheet[row_of(sheet, "NHS Number")]]
    assert (nhs[3], nhs[4], nhs[8]) == ("identifier", "1..1", "Yes")
    assert sheet.column_dimensions["O"].fill.fgColor.rgb == "00FFF4CC"  # the client's column


def test_the_dataset_sheet_offers_drop_down_lists(demo_book) -> None:
    lists = {
        str(dv.sqref): dv.formula1 for dv in demo_book["Dataset"].data_validations.dataValidation
    }
    assert lists == {
        "D2:D1048576": '"' + ",".join(v.DATA_TYPES) + '"',
        "E2:E1048576": '"' + ",".join(v.CARDINALITIES) + '"',
        "I2:I1048576": '"Yes,No"',
    }


def test_the_mapping_sheet_puts_element_paths_under_profiles_and_marks_unmapped_items(
    store: Store, tmp_path: Path
) -> None:
    eid = engagements.create(store, "Mapping")
    c.add(store, "profiles", eid, url="https://x.org/StructureDefinition/P", name="Patient-1")
    c.add(store, "profiles", eid, url="https://x.org/StructureDefinition/Task-1")
    root = c.add(store, "data_items", eid, name="Patient", data_type="group")
    nhs = c.add(store, "data_items", eid, name="NHS number", parent_id=root)
    c.add(store, "data_items", eid, name="Shoe size", parent_id=root)
    for profile, path in (
        ("Patient-1", "Patient.id"),
        ("Task-1", "Task.for"),
        ("Basic", "Basic.code"),
    ):
        c.add(store, "mappings", eid, data_item_id=nhs, profile=profile, element_path=path)
    sheet = load_workbook(exported(store, eid, tmp_path))["Mapping"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)] == [
        ["Data item", "Patient-1", "Task-1", "Other profiles"],
        ["Patient", None, None, None],
        ["NHS number", "Patient.id", "Task.for", "Basic: Basic.code"],
        ["Shoe size", None, None, None],
    ]
    unmapped = "00FAD7B5"
    assert sheet["A6"].fill.fgColor.rgb == unmapped
    assert sheet["A1"].fill.fgColor.rgb == unmapped  # the legend
    assert sheet["A5"].fill.fgColor.rgb != unmapped
    assert sheet["A4"].fill.fgColor.rgb != unmapped  # a group is mapped through its items


def test_user_stories_read_as_sentences_with_one_criterion_per_line(demo_book) -> None:
    sheet = demo_book["User stories"]
    assert [cell.value for cell in sheet[2]] == [
        "US-001",
        "Discharge Medication List (View)",
        "General Practitioner (Primary Care General Practice)",
        "GP Clinical System (Primary Care General Practice)",
        "As a General Practitioner (Primary Care General Practice), I want to see the full list "
        "of medicines my patient was discharged on, with dose, route and frequency, in my "
        "clinical system so that I can reconcile their repeat medicines on the day of discharge "
        "without re-keying from a PDF letter.",
        "Must",
        "Agreed",
        "• Every discharge medicine shows its dm+d name, dose, route, frequency and dosage "
        "instructions.\n"
        "• The list shows the discharge date, discharging ward and responsible consultant.\n"
        "• The list is available within one hour of the discharge summary being finalised.",
    ]
    assert sheet["H2"].alignment.wrap_text
    assert sheet.row_dimensions[2].height > 45  # tall enough for four lines


def test_api_signatures_show_the_request_line_parameters_and_responses(demo_book) -> None:
    row = [cell.value for cell in demo_book["API"][2]]
    assert row[:2] == [
        "GET",
        "GET [baseUrl]/List?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|{nhsNumber}"
        "&date=ge{fromDate}&_include=List:item",
    ]
    assert row[3].splitlines() == [
        "patient.identifier (token, required): https://fhir.nhs.uk/Id/nhs-number|9000000009",
        "date (date): ge2024-02-15",
        "status (token): current",
    ]
    assert row[5].splitlines()[:2] == [
        "200 OK: Searchset Bundle; empty if the patient has no recent discharge",
        "400 Bad Request: Missing or malformed NHS number (OperationOutcome)",
    ]
    assert row[6] == "US-001, US-003, US-007, US-010"


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES, ids=repr)
def test_text_that_looks_like_a_formula_stays_text(
    store: Store, tmp_path: Path, prefix: str
) -> None:
    eid = engagements.create(store, f"{prefix}HYPERLINK(1)")
    c.add(store, "data_items", eid, name=f"{prefix}1+1", description=f"{prefix}SUM(A1:A9)")
    book = load_workbook(exported(store, eid, tmp_path))
    shown = prefix.replace("\r", "\n").replace("\0", "")
    for cell, text in (
        (book["Dataset"]["B2"], f"{shown}1+1"),
        (book["Dataset"]["C2"], f"{shown}SUM(A1:A9)"),
        (book["Mapping"]["A4"], f"{shown}1+1"),
        (book["Cover"]["B1"], f"{shown}HYPERLINK(1)"),
    ):
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_ordinary_text_is_not_quote_prefixed(demo_book) -> None:
    assert not demo_book["Dataset"]["B2"].quotePrefix


def test_cancelling_leaves_the_old_file_as_it_was(
    store: Store, demo_id: int, tmp_path: Path
) -> None:
    target = tmp_path / "client.xlsx"
    target.write_bytes(b"the previous export")

    def cancel_halfway(done: int, total: int, _message: str) -> None:
        if done > total / 2:
            raise Cancelled("cancelled")

    with pytest.raises(Cancelled):
        export_workbook(store, demo_id, target, cancel_halfway)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.glob("*client.xlsx*")] == ["client.xlsx"]


def test_the_cli_exports_by_suffix(capsys, db_path: Path, demo_id: int, tmp_path: Path) -> None:
    target = tmp_path / "For Client.XLSX"
    assert run(["--db", str(db_path), "export", str(demo_id), "--to", str(target)]) == 0
    assert capsys.readouterr().out == f"Exported engagement {demo_id} to {target}\n"
    assert load_workbook(target).sheetnames[1] == "Dataset"
