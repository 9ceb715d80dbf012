"""Long work off the main thread, with a progress dialog that can cancel it.

The work is a core function taking a ``progress`` callback; Cancel makes the callback raise
:class:`workbook.errors.Cancelled`, and the core then writes nothing.

The work runs in a plain Python thread that never touches Qt: it leaves its progress in an
attribute, and the main thread polls it. (Emitting a Qt signal from the worker thousands
of times a second crashed PySide6 6.12 with a reference-count error.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbook.errors import Cancelled

POLL_MS = 30
# one worker for the checks that follow edits (the review, the mapping grid's paths)
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checks")


class _Job:
    def __init__(self, work: Callable[[Callable[[int, int, str], None]], Any]) -> None:
        self.work = work
        self.cancelled = False
        self.state: tuple[int, int, str] | None = None  # the last progress reported
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished = threading.Event()

    def progress(self, done: int, total: int, message: str) -> None:
        if self.cancelled:
            raise Cancelled("cancelled; nothing was changed")
        self.state = (done, total, message)

    def run(self) -> None:
        try:
            self.result = self.work(self.progress)
        except BaseException as exc:  # handed to the main thread, which reports it
            self.error = exc
        finally:
            self.finished.set()


def run_with_progress(
    parent: QWidget | None, title: str, work: Callable[[Callable[[int, int, str], None]], Any]
) -> Any:
    """Run ``work(progress)`` in a thread while a progress dialog shows; re-raise its error."""
    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    job = _Job(work)
    loop = QEventLoop()
    shown: list[tuple[int, int, str] | None] = [None]

    def poll() -> None:
        if dialog.wasCanceled():  # the button, Esc or closing the dialog
            job.cancelled = True
        state = job.state
        if state is not None and state != shown[0]:
            done, total, message = state
            dialog.setMaximum(total)
            dialog.setValue(done)
            dialog.setLabelText(message)
            shown[0] = state
        if job.finished.is_set():
            loop.quit()

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(poll)
    thread = threading.Thread(target=job.run, name="background-work", daemon=True)
    thread.start()
    timer.start()
    loop.exec()
    timer.stop()
    thread.join()
    dialog.reset()
    dialog.deleteLater()
    if job.error is not None:
        raise job.error
    return job.result


class LatestInBackground(QObject):
    """Runs a function in a worker thread and hands the main thread the outcome of the
    latest request only: a request made while one runs replaces what runs next, and a
    result that a later request (or :meth:`forget`) made stale is dropped.

    ``deliver`` gets the finished future, in the main thread. The worker never touches Qt;
    the main thread polls it.
    """

    def __init__(self, parent: QObject, deliver: Callable[[Future[Any]], None]) -> None:
        super().__init__(parent)
        self.deliver = deliver
        self._asked = 0  # requests so far; a running call knows which one it answers
        self._next: Callable[[], Any] | None = None
        self._running: tuple[Future[Any], int] | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)

    def request(self, call: Callable[[], Any]) -> None:
        self._asked += 1
        self._next = call
        if self._running is None:
            self._start()

    def forget(self) -> None:
        """Whatever runs now is of no use any more."""
        self._asked += 1
        self._next = None

    def busy(self) -> bool:
        return self._running is not None

    def _start(self) -> None:
        call, self._next = self._next, None
        assert call is not None
        self._running = _WORKER.submit(call), self._asked
        self._poll.start()

    def _collect(self) -> None:
        if self._running is None or not self._running[0].done():
            return
        future, answers = self._running
        self._running = None
        if answers != self._asked:  # stale
            if self._next is not None:
                self._start()
            else:
                self._poll.stop()
            return
        self._poll.stop()
        self.deliver(future)
