"""Importing a returned Excel sheet from the dataset tab: reviewed, applied, undone as one."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.importers.test_two_part_reading import write_sample
from ui.main_window import MainWindow
from workbook.excel.export import export_workbook
from workbook.files.engagement_file import export_document
from workbook.importers import two_part_reading
from workbook.services import dataset

pytestmark = pytest.mark.gui


def test_a_returned_sheet_is_applied_and_undone_in_one_step(
    window: MainWindow, demo_id: int, tmp_path: Path
) -> None:
    store = window.workspace.store
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    window.view.open_step("dataset")
    editor = window.view.pages["dataset"].editor
    returned = tmp_path / "returned.xlsx"
    export_workbook(store, demo_id, returned)
    book = openpyxl.load_workbook(returned)
    sheet = book["Dataset"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("Example") + 1, value="changed by the client")
    book.save(returned)
    before = export_document(store, demo_id)["engagement"]["data_items"]

    seen = []
    assert editor.import_paths([returned], review=lambda label, diff: seen.append(diff) or True)
    assert seen[0].summary() == "added 0, changed 1, removed 0"
    after = export_document(store, demo_id)["engagement"]["data_items"]
    assert any(d.get("example") == "changed by the client" for d in after)
    assert window.undo_action.text().startswith("&Undo Import returned.xlsx")
    window.workspace.undo_stack.undo()
    assert export_document(store, demo_id)["engagement"]["data_items"] == before


def test_a_large_xml_sample_is_read_in_two_processes_from_the_tab(
    window: MainWindow, demo_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = write_sample(tmp_path / "results.xml")
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    window.view.open_step("dataset")
    editor = window.view.pages["dataset"].editor
    started = []
    start = two_part_reading._start_other
    monkeypatch.setattr(two_part_reading, "SPLIT_FROM_BYTES", 1)
    monkeypatch.setattr(two_part_reading, "_start_other", lambda *a: started.append(a) or start(*a))

    seen = []
    assert editor.import_paths([sample], review=lambda label, diff: seen.append(diff) or True)
    assert len(started) == 1
    paths = {row["xml_path"] for row in dataset.tree(window.workspace.store, demo_id)}
    assert {"/Results/Report/@urgent", "/Results/Report/lab:Note"} <= paths
    assert seen[0].summary() == "added 15, changed 0, removed 0"
