"""A diagram drawn from the engagement's data, redrawn whenever that data changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.diagram_view import DiagramView
from ui.workspace import Workspace
from workbook import diagrams
from workbook.errors import WorkbookError
from workbook.files.json_input import write_atomically

REDRAW_AFTER_MS = 150


class DiagramPane(QWidget):
    def __init__(
        self, workspace: Workspace, kind: str, watch: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.kind, self.watch = workspace, kind, set(watch)
        self.engagement_id: int | None = None
        self.name: str | None = None
        self.diagram: diagrams.Diagram | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REDRAW_AFTER_MS)
        self.timer.timeout.connect(self.redraw)
        self.view = DiagramView()
        self.view.setToolTip("Drawn from the tables; Ctrl+wheel zooms, drag to pan")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        buttons = QHBoxLayout()
        for text, tip, slot in (
            ("Fit", "Show the whole diagram", self.view.fit_to_view),
            ("+", "Zoom in (Ctrl+=)", self.view.zoom_in),
            ("−", "Zoom out (Ctrl+-)", self.view.zoom_out),
            ("Save picture…", "Save the diagram as SVG or PNG", self.save_picture),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        workspace.changed.connect(self._changed)

    def _changed(self, kind: str) -> None:
        if kind in self.watch and self.engagement_id is not None:
            self.timer.start()

    def set_engagement(self, engagement_id: int | None, name: str | None = None) -> None:
        self.engagement_id, self.name = engagement_id, name
        self.redraw()

    def redraw(self) -> None:
        """Draw the diagram again from the data."""
        self.timer.stop()
        if self.engagement_id is None:
            return
        try:
            self.diagram = diagrams.build(
                self.workspace.store, self.engagement_id, self.kind, self.name
            )
        except WorkbookError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.message.hide()
        self.view.set_diagram(self.diagram)

    def save_picture(self) -> None:
        if self.diagram is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Save diagram", f"{self.kind}.svg", "SVG picture (*.svg);;PNG picture (*.png)"
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        assert self.diagram is not None
        data = (
            diagrams.render_png(self.diagram)
            if path.suffix.lower() == ".png"
            else diagrams.render_svg(self.diagram).encode("utf-8")
        )
        try:
            write_atomically(path, data)
        except OSError as exc:
            self.message.setText(f"{path}: cannot write the picture ({exc.strerror})")
            self.message.show()
            return
        self.workspace.message.emit(f"Saved the diagram to {path}")
