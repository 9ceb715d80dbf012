"""Long work off the main thread, with a progress dialog that can cancel it.

The work is a core function taking a ``progress`` callback; Cancel makes the callback raise
:class:`workbook.errors.Cancelled`, and the core then writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbook.errors import Cancelled


class _Worker(QThread):
    advanced = Signal(int, int, str)

    def __init__(self, work: Callable[[Callable[[int, int, str], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.cancelled = False
        self.result: Any = None
        self.error: BaseException | None = None

    def _progress(self, done: int, total: int, message: str) -> None:
        if self.cancelled:
            raise Cancelled("cancelled; nothing was changed")
        self.advanced.emit(done, total, message)

    def run(self) -> None:
        try:
            self.result = self.work(self._progress)
        except BaseException as exc:  # handed to the main thread, which reports it
            self.error = exc


def run_with_progress(
    parent: QWidget | None, title: str, work: Callable[[Callable[[int, int, str], None]], Any]
) -> Any:
    """Run ``work(progress)`` in a thread while a progress dialog shows; re-raise its error."""
    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    worker = _Worker(work)

    def advanced(done: int, total: int, message: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(message)

    worker.advanced.connect(advanced)
    dialog.canceled.connect(lambda: setattr(worker, "cancelled", True))
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    loop.exec()
    worker.wait()
    dialog.reset()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result
