"""The PDF case study in the app: a preview window, and printing through the platform's
print dialog.

Both read the PDF with QtPdf (the ``PySide6-Pdf`` wheel). Without it the preview says so
and offers the system's PDF reader instead, and printing explains why it cannot print.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

try:  # QtPdf is a separate wheel (PySide6-Pdf), which an installation may lack
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:
    QPdfDocument = None  # type: ignore[assignment,misc]
    QPdfView = None  # type: ignore[assignment,misc]

PRINT_DPI = 300  # pages go to the printer as images this sharp, whatever the printer's own
NO_QTPDF = "The preview needs Qt's PDF module (the PySide6-Pdf package), which is not installed."


def qtpdf_available() -> bool:
    return QPdfDocument is not None


def _open(path: Path, parent: QWidget | None) -> QPdfDocument | None:
    """The PDF loaded with QtPdf, or None when it cannot be read."""
    document = QPdfDocument(parent)
    if document.load(str(path)) != QPdfDocument.Error.None_:
        document.deleteLater()
        return None
    return document


class ReportPreview(QDialog):
    """A window showing the case study's pages, with zoom, page count and Print…"""

    ZOOM_STEP = 1.25

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(f"Case study preview: {self.path.name}")
        self.resize(900, 1000)
        self.document = _open(self.path, self) if qtpdf_available() else None
        self.view: QPdfView | None = None
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.page_label = QLabel()
        self.print_button = QPushButton("&Print…")
        self.print_button.clicked.connect(lambda: print_pdf(self, self.path))
        self.open_button = QPushButton("Open in PDF &reader")
        self.open_button.clicked.connect(self.open_externally)

        tools = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        if self.document is None:
            reason = NO_QTPDF if not qtpdf_available() else "The PDF could not be read."
            self.message.setText(f"{reason}\nThe report is saved as {self.path}.")
            layout.addWidget(self.message, 1)
            self.print_button.setEnabled(False)
        else:
            self.view = QPdfView(self)
            self.view.setDocument(self.document)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.view.pageNavigator().currentPageChanged.connect(self._show_page)
            layout.addWidget(self.view, 1)
            for label, shortcut, slot in (
                ("Zoom &out", QKeySequence.StandardKey.ZoomOut, self.zoom_out),
                ("Zoom &in", QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                ("&Fit width", QKeySequence("Ctrl+0"), self.fit_width),
            ):
                button = QPushButton(label)
                button.setShortcut(shortcut)
                button.clicked.connect(slot)
                tools.addWidget(button)
            self.print_button.setShortcut(QKeySequence.StandardKey.Print)
            self._show_page(0)
        tools.addStretch(1)
        tools.addWidget(self.page_label)
        tools.addWidget(self.open_button)
        tools.addWidget(self.print_button)

    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

    def _show_page(self, page: int) -> None:
        self.page_label.setText(f"Page {page + 1} of {self.page_count()}")

    def _zoom(self, factor: float) -> None:
        assert self.view is not None
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(self.view.zoomFactor() * factor, 8.0)))

    def zoom_in(self) -> None:
        self._zoom(self.ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(1 / self.ZOOM_STEP)

    def fit_width(self) -> None:
        assert self.view is not None
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def open_externally(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))


def print_pdf(parent: QWidget | None, path: Path, printer: QPrinter | None = None) -> bool:
    """Print the PDF at ``path``; True when it went to the printer.

    Without ``printer`` the platform's print dialog chooses one (and the pages, copies...);
    cancelling it prints nothing and returns False. Each page is drawn at up to
    ``PRINT_DPI``, scaled to the printable area with its proportions kept.
    """
    if not qtpdf_available():
        QMessageBox.warning(parent, "Print", f"{NO_QTPDF}\nOpen {path} in a PDF reader to print.")
        return False
    document = _open(Path(path), parent)
    if document is None:
        QMessageBox.warning(parent, "Print", f"{path} could not be read as a PDF.")
        return False
    try:
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, parent)
            dialog.setMinMax(1, document.pageCount())
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        if not _render(document, printer):
            QMessageBox.warning(parent, "Print", "The printer could not be started.")
            return False
        return True
    finally:
        document.deleteLater()


def _render(document: QPdfDocument, printer: QPrinter) -> bool:
    """Draw the printer's page range (all pages if it has none); False if it cannot start."""
    last = document.pageCount()
    first = printer.fromPage() or 1
    to = min(printer.toPage(), last) if printer.toPage() else last
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        for index, page in enumerate(range(first - 1, to)):
            if index:
                printer.newPage()
            area = QRectF(painter.viewport())
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QRectF(0, 0, points.width() * scale, points.height() * scale)
            target.moveCenter(area.center())
            pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            painter.drawImage(target, document.render(page, pixels))
    finally:
        painter.end()
    return True
