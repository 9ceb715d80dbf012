"""An unexpected error: logged, shown with where it happened and where the log is, and the
app carries on."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QPushButton

from ui.crash import CrashReporter
from ui.main_window import MainWindow
from ui.undo import CreateEngagement
from workbook.logs import LogSetup, start_logging
from workbook.services import engagements

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture]


@pytest.fixture
def log() -> Iterator[LogSetup]:
    setup = start_logging("engagement-workbook")
    yield setup
    setup.stop()


@pytest.fixture
def reporter(qapp, log: LogSetup) -> Iterator[CrashReporter]:
    reporter = CrashReporter(log.file)
    with reporter.installed():
        yield reporter
    if reporter.dialog is not None:
        reporter.dialog.close()


def _broken_button(qtbot) -> QPushButton:
    button = QPushButton("Do the thing")
    qtbot.addWidget(button)

    def apply_changes() -> None:
        raise ValueError("injected fault")

    button.clicked.connect(apply_changes)
    return button


def test_an_error_in_a_slot_is_shown_logged_and_the_app_carries_on(
    qtbot, window: MainWindow, reporter: CrashReporter, log: LogSetup
) -> None:
    button = _broken_button(qtbot)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    dialog = reporter.dialog
    assert dialog is not None and dialog.isVisible()
    assert "ValueError: injected fault" in dialog.text()
    assert "test_crash_dialog.py, line" in dialog.text() and "in apply_changes" in dialog.text()
    assert str(log.file) in dialog.informativeText()
    assert "Traceback" in dialog.detailedText()
    logged = log.file.read_text(encoding="utf-8")
    assert "ERROR" in logged and "Unexpected error at" in logged
    assert "ValueError: injected fault" in logged and "Traceback" in logged

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert reporter.dialog is dialog  # one dialog, the errors counted in it
    assert "2 times" in dialog.text()

    store = window.workspace.store
    command = CreateEngagement(
        window.workspace, "New engagement", lambda: engagements.create(store, "Still working")
    )
    assert window.workspace.push(command)
    assert window.sidebar.model.index(0).data() == "Still working"


def test_an_error_in_a_thread_is_shown_in_the_window(qtbot, reporter: CrashReporter) -> None:
    def background_work() -> None:
        raise ZeroDivisionError("division by zero in the export")

    thread = threading.Thread(target=background_work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.dialog is not None
    assert "ZeroDivisionError: division by zero in the export" in reporter.dialog.text()


def test_open_log_folder_opens_the_folder_of_the_log(
    qtbot, reporter: CrashReporter, log: LogSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    class Desktop:
        @staticmethod
        def openUrl(url: QUrl) -> bool:
            opened.append(url)
            return True

    monkeypatch.setattr("ui.crash.QDesktopServices", Desktop)
    qtbot.mouseClick(_broken_button(qtbot), Qt.MouseButton.LeftButton)
    assert reporter.dialog is not None
    (button,) = [b for b in reporter.dialog.buttons() if b.text() == "Open log folder"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [Path(u.toLocalFile()) for u in opened] == [log.file.parent]
    assert reporter.dialog is None


def test_the_previous_hooks_come_back(qapp, log: LogSetup) -> None:
    import sys

    before = sys.excepthook, threading.excepthook
    reporter = CrashReporter(log.file)
    with reporter.installed():
        assert sys.excepthook == reporter.handle
    assert (sys.excepthook, threading.excepthook) == before
