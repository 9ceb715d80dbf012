"""The report in the app: the preview window and printing (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.report.pdfs import Report
from ui import report_preview
from ui.report_preview import ReportPreview, print_pdf

pytestmark = pytest.mark.gui


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    return shown


@pytest.fixture
def without_qtpdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_preview, "QPdfDocument", None)
    monkeypatch.setattr(report_preview, "QPdfView", None)


def _pdf_printer(target: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setResolution(96)
    return printer


def test_the_preview_shows_the_pages_and_zooms(qtbot, demo_report: Report) -> None:
    pytest.importorskip("PySide6.QtPdf")
    preview = ReportPreview(demo_report.path)
    qtbot.addWidget(preview)
    preview.show()
    assert preview.windowTitle() == "Case study preview: case-study.pdf"
    assert preview.page_count() == 29
    assert preview.page_label.text() == "Page 1 of 29"
    assert preview.print_button.isEnabled()
    preview.zoom_in()
    assert preview.view.zoomMode() == preview.view.ZoomMode.Custom
    assert preview.view.zoomFactor() == pytest.approx(1.25)
    preview.zoom_out()
    assert preview.view.zoomFactor() == pytest.approx(1.0)
    preview.fit_width()
    assert preview.view.zoomMode() == preview.view.ZoomMode.FitToWidth
    preview.view.pageNavigator().jump(4, preview.view.pageNavigator().currentLocation())
    assert preview.page_label.text() == "Page 5 of 29"


def test_without_qtpdf_the_preview_says_why_and_where_the_report_is(
    qtbot, demo_report: Report, without_qtpdf: None
) -> None:
    preview = ReportPreview(demo_report.path)
    qtbot.addWidget(preview)
    assert preview.view is None
    assert preview.page_count() == 0
    assert preview.message.text() == (
        f"{report_preview.NO_QTPDF}\nThe report is saved as {demo_report.path}."
    )
    assert not preview.print_button.isEnabled()
    assert preview.open_button.isEnabled()


def test_a_file_that_is_not_a_pdf_is_said_to_be_unreadable(qtbot, tmp_path: Path) -> None:
    pytest.importorskip("PySide6.QtPdf")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    preview = ReportPreview(bad)
    qtbot.addWidget(preview)
    assert preview.message.text() == f"The PDF could not be read.\nThe report is saved as {bad}."


def test_printing_sends_every_page_to_the_printer(qtbot, demo_report: Report, tmp_path) -> None:
    pytest.importorskip("PySide6.QtPdf")
    target = tmp_path / "printed.pdf"
    assert print_pdf(None, demo_report.path, _pdf_printer(target))
    printed = PdfReader(target)
    assert len(printed.pages) == 29
    width, height = printed.pages[0].mediabox.width, printed.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842)  # A4, like the report


def test_printing_a_range_prints_those_pages(qtbot, demo_report: Report, tmp_path) -> None:
    pytest.importorskip("PySide6.QtPdf")
    target = tmp_path / "printed.pdf"
    printer = _pdf_printer(target)
    printer.setFromTo(3, 5)
    assert print_pdf(None, demo_report.path, printer)
    assert len(PdfReader(target).pages) == 3


def test_cancelling_the_print_dialog_prints_nothing(
    qtbot, demo_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("PySide6.QtPdf")
    asked: list[tuple[int, int]] = []

    def cancel(dialog: QPrintDialog) -> int:
        asked.append((dialog.minPage(), dialog.maxPage()))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", cancel)
    assert not print_pdf(None, demo_report.path)
    assert asked == [(1, 29)]


def test_printing_without_qtpdf_says_why(
    qtbot, demo_report: Report, without_qtpdf: None, warnings: list[str]
) -> None:
    assert not print_pdf(None, demo_report.path)
    assert warnings == [
        f"{report_preview.NO_QTPDF}\nOpen {demo_report.path} in a PDF reader to print."
    ]


def test_printing_a_file_that_is_not_a_pdf_says_so(
    qtbot, tmp_path: Path, warnings: list[str]
) -> None:
    pytest.importorskip("PySide6.QtPdf")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    assert not print_pdf(None, bad, _pdf_printer(tmp_path / "out.pdf"))
    assert warnings == [f"{bad} could not be read as a PDF."]
    assert not (tmp_path / "out.pdf").exists()
