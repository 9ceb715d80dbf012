"""Step 13: the case study is chosen, previewed and exported from its own page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.fixture
def page(window: MainWindow, demo_id: int):
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    window.view.open_step("case_study")
    return window.view.pages["case_study"]


def test_unticked_steps_and_appendices_stay_out_of_the_export(page, tmp_path: Path) -> None:
    whole, short = tmp_path / "whole.pdf", tmp_path / "short.pdf"
    assert page.editor.export(whole)
    learning = page.editor.steps.item(14)
    assert learning.data(Qt.ItemDataRole.UserRole) == "learning"
    learning.setCheckState(Qt.CheckState.Unchecked)
    page.editor.appendices.setChecked(False)
    assert page.editor.export(short)
    assert "Learning" in _text(whole) and "Glossary" in _text(whole)
    assert "15 Learning" not in _text(short) and "Glossary" not in _text(short)
    assert str(short) in page.editor.result.text()


def test_text_still_being_typed_is_in_the_report(qtbot, page, tmp_path: Path) -> None:
    page.tabs.setCurrentWidget(page.notes)
    editor = page.text.edit
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Quokka outcome paragraph.")
    path = tmp_path / "report.pdf"
    assert page.editor.export(path)
    assert "Quokka outcome paragraph." in _text(path)


def test_the_preview_shows_the_laid_out_pages_beside_the_choices(page) -> None:
    pages = page.editor.preview()
    assert pages is not None and pages > 5
    assert page.editor.document.pageCount() == pages
    assert f"Preview: {pages} pages" in page.editor.result.text()
    page.editor.steps.item(3).setCheckState(Qt.CheckState.Unchecked)
    assert page.editor.preview() < pages
