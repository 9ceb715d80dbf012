"""The review findings of the open engagement, kept current off the GUI thread.

One :class:`Reviewer` per workspace (:func:`reviewer_for`). It runs the ``workbook`` checks
in a worker thread when the window opens an engagement, and again a moment after the last
of a burst of edits. Only the main thread touches Qt: it polls the worker's future while a
run is under way, so nothing is left to deliver to a window that has gone.
"""

from __future__ import annotations

from concurrent.futures import Future
from functools import partial

from PySide6.QtCore import QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from ui.background import LatestInBackground
from ui.workspace import Workspace
from workbook.checks import SEVERITIES, Finding, Target, run_checks
from workbook.db.store import Store
from workbook.errors import NotFoundError

DELAY_MS = 400  # after the last edit of a burst
SEVERITY_COLOURS = {"error": "#c62828", "warning": "#b36b00", "info": "#1565c0"}
SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Note"}


def _check(store: Store, engagement_id: int) -> list[Finding]:
    try:
        return run_checks(store, engagement_id)
    except NotFoundError:  # deleted meanwhile: nothing to review
        return []


class Reviewer(QObject):
    updated = Signal()  # the findings (or the error) of the followed engagement changed

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.findings: list[Finding] = []
        self._index: dict[Target, list[Finding]] = {}
        self._indexed: list[Finding] | None = None  # the findings list _index was made from
        self.error = ""  # why the checks could not run, if they could not
        self.checked = False  # the findings are those of a finished run
        self._runs = LatestInBackground(self, self._collect)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(DELAY_MS)
        self._delay.timeout.connect(self._start)
        workspace.changed.connect(self._changed)

    # ----------------------------------------------------------------- following
    def follow(self, engagement_id: int | None) -> None:
        """Review this engagement from now on (None: nothing)."""
        if engagement_id == self.engagement_id:
            return
        self.engagement_id = engagement_id
        self.findings, self.error, self.checked = [], "", False
        self._runs.forget()
        self._delay.stop()
        self.updated.emit()
        if engagement_id is not None:
            self._start()

    def findings_for(self, engagement_id: int | None) -> list[Finding]:
        return self.findings if engagement_id == self.engagement_id else []

    def about(self, engagement_id: int | None, target: Target) -> list[Finding]:
        """Findings whose object is this row (asked for every cell painted: a dict look-up)."""
        if engagement_id != self.engagement_id:
            return []
        if self._indexed is not self.findings:
            index: dict[Target, list[Finding]] = {}
            for f in self.findings:
                if f.target is not None:
                    index.setdefault(f.target, []).append(f)
            self._index, self._indexed = index, self.findings
        found = self._index.get(target)
        return list(found) if found else []

    def busy(self) -> bool:
        return self._runs.busy() or self._delay.isActive()

    # ----------------------------------------------------------------- running
    def _changed(self, _kind: str) -> None:
        if self.engagement_id is not None:
            self._runs.forget()  # a check under way saw the data before this edit
            self._delay.start()

    def _start(self) -> None:
        if self.engagement_id is not None:
            self._runs.request(partial(_check, self.workspace.store, self.engagement_id))

    def _collect(self, future: Future[list[Finding]]) -> None:
        error = future.exception()
        if error is None:
            self.findings, self.error = future.result(), ""
        else:
            self.findings, self.error = [], str(error) or type(error).__name__
        self.checked = True
        self.updated.emit()


def reviewer_for(workspace: Workspace) -> Reviewer:
    """The workspace's reviewer, made on first use."""
    found = workspace.findChild(Reviewer, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, Reviewer) else Reviewer(workspace)


def worst(findings: list[Finding]) -> str | None:
    """The most serious severity among the findings."""
    present = {f.severity for f in findings}
    return next((s for s in SEVERITIES if s in present), None)


_ICONS: dict[str, QIcon] = {}


def severity_icon(severity: str) -> QIcon:
    """A small mark for a severity: a red disc, an amber triangle, a blue disc."""
    if severity in _ICONS:
        return _ICONS[severity]
    size = 14
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(SEVERITY_COLOURS.get(severity, "#666666"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if severity == "warning":
        painter.drawPolygon(
            QPolygonF([QPointF(size / 2, 1), QPointF(size - 1, size - 1.5), QPointF(1, size - 1.5)])
        )
    else:
        painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.setPen(QPen(QColor("white"), 1.8))
    mid = size / 2
    if severity == "info":
        painter.drawLine(QPointF(mid, 6), QPointF(mid, 10.5))
        painter.drawPoint(QPointF(mid, 3.8))
    else:
        top = 5 if severity == "warning" else 3.5
        painter.drawLine(QPointF(mid, top), QPointF(mid, 8))
        painter.drawPoint(QPointF(mid, 10.5 if severity == "error" else 11))
    painter.end()
    _ICONS[severity] = QIcon(pixmap)
    return _ICONS[severity]
