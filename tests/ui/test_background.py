"""Long work in the background: its result, its errors, Cancel, and a flood of progress."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from ui.background import LatestInBackground, run_with_progress
from workbook.errors import Cancelled, InvalidValueError

pytestmark = pytest.mark.gui


def test_the_result_comes_back_after_a_flood_of_progress(qtbot) -> None:
    """Tens of thousands of reports (a 100 MB import) reach the dialog without harm; a
    Qt signal per report used to crash the interpreter."""
    threads = set()

    def work(progress):
        threads.add(threading.current_thread().name)
        for i in range(20_000):
            progress(i, 20_000, "Reading")
        return "read"

    for _ in range(5):
        assert run_with_progress(None, "Reading", work) == "read"
    assert threads == {"background-work"}


def test_an_error_in_the_work_is_raised_in_the_caller(qtbot) -> None:
    def work(progress):
        progress(1, 2, "Checking")
        raise InvalidValueError("row 3: no such data type")

    with pytest.raises(InvalidValueError, match="row 3"):
        run_with_progress(None, "Checking", work)


def test_cancel_stops_the_work_at_its_next_report(qtbot) -> None:
    reports = []
    go_on = threading.Event()

    def work(progress):
        for i in range(1000):
            progress(i, 1000, "Writing")
            reports.append(i)
            go_on.wait(0.01)
        return "written"

    def cancel() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        assert dialogs
        dialogs[-1].cancel()

    QTimer.singleShot(200, cancel)
    with pytest.raises(Cancelled):
        run_with_progress(None, "Writing", work)
    assert 0 < len(reports) < 1000


def test_only_the_latest_request_is_delivered(qtbot, qapp) -> None:
    delivered = []
    runs = LatestInBackground(qapp, lambda future: delivered.append(future.result()))
    started = threading.Event()

    def slow() -> str:
        started.set()
        threading.Event().wait(0.2)
        return "stale"

    runs.request(slow)
    started.wait(2)
    runs.request(lambda: "first replacement")
    runs.request(lambda: "latest")
    qtbot.waitUntil(lambda: not runs.busy(), timeout=5_000)
    assert delivered == ["latest"]

    runs.request(slow)
    runs.forget()
    qtbot.waitUntil(lambda: not runs.busy(), timeout=5_000)
    assert delivered == ["latest"]
    runs.deleteLater()
