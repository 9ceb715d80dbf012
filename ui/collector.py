"""Python's cycle collector, run only in the main thread.

The collector runs in whichever thread happens to allocate when a threshold is passed. If
that is a worker (a background import, the review's checks) and the garbage holds Qt
objects made in the main thread, they are destroyed in the worker, and Qt crashes (seen as
a segmentation fault in a background import). So the automatic collector is switched off
and this timer runs it in the main thread, by the same thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 200


def collect_due() -> int:
    """Collect the oldest generation whose count has passed its threshold; -1 if none."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = [g for g in range(3) if counts[g] > thresholds[g]]
    if not due:
        return -1
    gc.collect(due[-1])
    return due[-1]


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(collect_due)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.was_enabled:
            gc.enable()
