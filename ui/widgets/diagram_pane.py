"""A diagram drawn from the engagement's data, redrawn whenever that data changes."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.workspace import Workspace

REDRAW_AFTER_MS = 150


class DiagramPane(QWidget):
    def __init__(
        self, workspace: Workspace, kind: str, watch: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.kind, self.watch = workspace, kind, set(watch)
        self.engagement_id: int | None = None
        self.name: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REDRAW_AFTER_MS)
        self.timer.timeout.connect(self.redraw)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.view = self._make_view()
        self.layout_.addWidget(self.view)
        workspace.changed.connect(lambda kind: kind in self.watch and self.timer.start())

    def _make_view(self) -> QWidget:
        label = QLabel("The diagram appears here.")
        label.setWordWrap(True)
        return label

    def set_engagement(self, engagement_id: int | None, name: str | None = None) -> None:
        self.engagement_id, self.name = engagement_id, name
        self.redraw()

    def redraw(self) -> None:
        """Draw the diagram again from the data (placeholder until the renderer lands)."""
