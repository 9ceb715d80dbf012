"""Importing a returned Excel sheet from the dataset tab: reviewed, applied, undone as one."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ui.main_window import MainWindow
from workbook.excel.export import export_workbook
from workbook.files.engagement_file import export_document

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
