"""Unexpected errors: written to the log, shown in a dialog, and the app carries on.

Qt calls ``sys.excepthook`` for an exception that escapes a slot or an event handler, then
goes on with the event loop; threads call ``threading.excepthook``. The reporter installs
both: it logs the traceback, then shows what happened, where, and where the log is. Only
one dialog is shown at a time; errors that follow while it is open are counted in it.
"""

from __future__ import annotations

import html
import logging
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)


def where(tb: TracebackType | None) -> str:
    """The innermost place of a traceback: ``ui/pages/dataset.py, line 120, in _apply``."""
    frames = traceback.extract_tb(tb)
    if not frames:
        return "an unknown place"
    frame = frames[-1]
    parts = Path(frame.filename).parts
    for top in ("ui", "workbook"):
        if top in parts:
            parts = parts[len(parts) - 1 - parts[::-1].index(top) :]
            break
    else:
        parts = parts[-2:]
    return f"{'/'.join(parts)}, line {frame.lineno}, in {frame.name}"


class CrashReporter(QObject):
    # emitted in whatever thread failed; shown in the GUI thread
    reported = Signal(str, str, str)  # what happened, where, the traceback

    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: QMessageBox | None = None
        self.errors = 0  # shown in the open dialog
        self.total = 0  # since the app started
        self._showing = False
        self.reported.connect(self._show)

    @contextmanager
    def installed(self) -> Iterator[CrashReporter]:
        """Report unexpected errors while the block runs; the previous hooks come back after."""
        previous, previous_thread = sys.excepthook, threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        try:
            yield self
        finally:
            sys.excepthook, threading.excepthook = previous, previous_thread

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        self.total += 1
        place = where(tb)
        log.error("Unexpected error at %s", place, exc_info=(exc_type, exc, tb))
        if self._showing:
            return  # the dialog itself failed: the log has it, a second dialog would fail too
        what = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        self.reported.emit(what, place, details)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, what: str, place: str, details: str) -> None:
        self._showing = True
        try:
            self._show_dialog(what, place, details)
        finally:
            self._showing = False

    def _show_dialog(self, what: str, place: str, details: str) -> None:
        self.errors += 1
        if self.dialog is not None:
            self.dialog.setText(self._text(what, place))
            self.dialog.setDetailedText(details)
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Engagement Workbook: unexpected error")
        box.setText(self._text(what, place))
        box.setInformativeText(
            "The app carries on: every edit made before this was saved when you made it.<br>"
            f"What happened is written in the log:<br><code>{html.escape(str(self.log_file))}"
            "</code><br>Send that file to whoever supports the app for you."
        )
        box.setStyleSheet(
            "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 440px; }"
        )
        box.setDetailedText(details)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_folder = box.addButton("Open log folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: button is open_folder and self.open_log_folder())
        box.finished.connect(self._closed)
        self.dialog = box
        box.show()

    def _text(self, what: str, place: str) -> str:
        more = f" ({self.errors} times)" if self.errors > 1 else ""
        return (
            f"<b>Something went wrong{more}:</b><br>{html.escape(what)}<br>"
            f"in <code>{html.escape(place)}</code>"
        )

    def _closed(self) -> None:
        self.dialog = None
        self.errors = 0

    def open_log_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))
