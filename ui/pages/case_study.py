"""Step 13: the case study — what goes in the report, its preview, its export and printing.

The report itself is :mod:`workbook.report`; this page chooses its options and runs it
with progress and cancel. The step's own text and images are the case study's narrative.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_with_progress
from ui.pages.step_page import StepPage
from ui.report_preview import NO_QTPDF, QPdfDocument, QPdfView, print_pdf, qtpdf_available
from ui.workspace import Workspace
from workbook.errors import Cancelled, WorkbookError
from workbook.files.exporters import file_name_for
from workbook.report import ReportOptions, export_report
from workbook.services import engagements
from workbook.steps import STEPS

INTRO = (
    "The case study lays out every step of the engagement as a report the trust can "
    "publish: the client, the problem, the requirements and stories, the dataset and its "
    "mapping, the API design and flows, what was delivered and learnt. Untick what should "
    "stay out, then preview, export or print it."
)


class CaseStudyEditor(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="case-study-")
        self.previews = 0
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.steps = QStandardItemModel(self)
        for step in STEPS:
            item = QStandardItem(f"{step.number}. {step.title}")
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked)
            item.setEditable(False)
            item.setData(step.key, Qt.ItemDataRole.UserRole)
            item.setToolTip(step.outputs)
            self.steps.appendRow(item)
        steps_view = QListView()
        steps_view.setModel(self.steps)
        steps_view.setToolTip("The steps the report covers; untick one to leave it out")
        self.appendices = QCheckBox("Appendices: glossary and the data items in full")
        self.appendices.setChecked(True)
        self.review = QCheckBox("Review: the findings of the review checks, for a draft")
        self.review.setToolTip(
            "A last appendix listing what the review panel lists (View › Review panel); "
            "leave it out of a report the trust will publish"
        )
        self.preview_button = QPushButton("Pre&view")
        self.preview_button.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.preview_button.setToolTip("Lay out the report and show its pages (Ctrl+Shift+V)")
        self.preview_button.clicked.connect(self.preview)
        self.export_button = QPushButton("&Export PDF…")
        self.export_button.setToolTip("Save the report as a PDF file")
        self.export_button.clicked.connect(self.export)
        self.print_button = QPushButton("&Print…")
        self.print_button.setToolTip("Send the report to a printer")
        self.print_button.clicked.connect(self.print_report)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.export_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        choices = QWidget()
        choices.setMaximumWidth(460)
        column = QVBoxLayout(choices)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(intro)
        column.addWidget(QLabel("<b>What the report covers</b>"))
        column.addWidget(steps_view, 1)
        column.addWidget(self.appendices)
        column.addWidget(self.review)
        column.addLayout(buttons)
        column.addWidget(self.result)
        self.document = QPdfDocument(self) if qtpdf_available() else None
        if self.document is not None:
            self.pages = QPdfView(self)
            self.pages.setDocument(self.document)
            self.pages.setPageMode(QPdfView.PageMode.MultiPage)
            self.pages.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.pages.setToolTip("The report as it was at the last preview")
        else:
            self.pages = QLabel(f"{NO_QTPDF} Export the report and open it in a PDF reader.")
            self.pages.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.addWidget(choices)
        layout.addWidget(self.pages, 1)

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.result.clear()
        for button in (self.preview_button, self.export_button, self.print_button):
            button.setEnabled(engagement_id is not None)

    def options(self) -> ReportOptions:
        left_out = frozenset(
            self.steps.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.steps.rowCount())
            if self.steps.item(row).checkState() != Qt.CheckState.Checked
        )
        return ReportOptions(
            leave_out=left_out,
            appendices=self.appendices.isChecked(),
            review=self.review.isChecked(),
        )

    def write(self, path: Path) -> int | None:
        """Lay the report out into ``path`` with progress; its page count, or None."""
        if self.engagement_id is None:
            return None
        engagement_id, options, store = self.engagement_id, self.options(), self.workspace.store
        self.workspace.save_typing.emit()  # text still being typed goes in the report
        try:
            pages = run_with_progress(
                self,
                f"Writing {path.name}",
                lambda progress: export_report(store, engagement_id, path, progress, options),
            )
        except Cancelled:
            self.result.setText("Cancelled; no report was written.")
            return None
        except WorkbookError as exc:
            self.result.setText(f"The report could not be written: {exc}")
            return None
        return pages

    def _scratch(self) -> Path:
        return Path(self._folder.name) / "case-study.pdf"

    def preview(self) -> int | None:
        """Lay the report out and show its pages beside the choices; the page count."""
        self.previews += 1
        path = Path(self._folder.name) / f"preview-{self.previews}.pdf"
        pages = self.write(path)
        if pages is None:
            return None
        if self.document is not None:
            self.document.load(str(path))
        self.result.setText(f"Preview: {pages} pages, as the report stands now.")
        return pages

    def export(self, path: Path | None = None) -> bool:
        if path is None:
            chosen = self._ask_where()
            if chosen is None:
                return False
            path = chosen
        pages = self.write(path)
        if pages is None:
            return False
        self.result.setText(f"Exported {pages} pages to {path}")
        self.workspace.message.emit(f"Exported the case study to {path}")
        return True

    def _ask_where(self) -> Path | None:
        assert self.engagement_id is not None
        title = engagements.get(self.workspace.store, self.engagement_id).title
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the case study", file_name_for(title, " case study.pdf"), "PDF (*.pdf)"
        )
        if not name:
            return None
        return Path(name if name.lower().endswith(".pdf") else name + ".pdf")

    def print_report(self) -> bool:
        path = self._scratch()
        if self.write(path) is None:
            return False
        try:
            return print_pdf(self, path)
        except OSError as exc:
            QMessageBox.warning(self, "Print", f"The report could not be printed: {exc}")
            return False


def case_study_page(workspace: Workspace) -> StepPage:
    return StepPage(workspace, "case_study", CaseStudyEditor(workspace), "Report")
