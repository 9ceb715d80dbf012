"""A step whose editor is its text and attached images (steps 1, 2 and, for now, 5–15)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.widgets.attachments import AttachmentsPanel
from ui.widgets.markdown_editor import MarkdownEditor
from ui.widgets.step_header import StepHeader
from ui.workspace import Workspace
from workbook.steps import Step


class TextStepPage(QWidget):
    def __init__(self, workspace: Workspace, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = StepHeader(workspace, step)
        self.text = MarkdownEditor(workspace, step.key, step.title)
        self.attachments = AttachmentsPanel(workspace, step.key)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.attachments)

    def set_engagement(self, engagement_id: int | None) -> None:
        for part in (self.header, self.text, self.attachments):
            part.set_engagement(engagement_id)
