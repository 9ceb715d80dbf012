"""The frame of steps 5–15: the step header on top, the step's editor in the first tab and
its Markdown text and attached images in a "Notes and images" tab, the way step 4 does."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.widgets.attachments import AttachmentsPanel
from ui.widgets.markdown_editor import MarkdownEditor
from ui.widgets.step_header import StepHeader
from ui.workspace import Workspace
from workbook.services import collections
from workbook.steps import STEPS_BY_KEY


class StepPage(QWidget):
    """A step's header, its editor in the first tab and its notes and images in the second."""

    def __init__(
        self,
        workspace: Workspace,
        key: str,
        editor: QWidget,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        step = STEPS_BY_KEY[key]
        self.engagement_id: int | None = None
        self.header = StepHeader(workspace, step)
        self.text = MarkdownEditor(workspace, key, step.title)
        self.attachments = AttachmentsPanel(workspace, key)
        self.editor = editor
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.addWidget(self.text, 1)
        notes_layout.addWidget(self.attachments)
        self.notes = notes
        self.tabs = QTabWidget()
        self.tabs.addTab(editor, title)
        self.tabs.setTabToolTip(0, step.outputs)
        self.tabs.addTab(notes, "Notes and images")
        self.tabs.setTabToolTip(1, f"The text and pictures of “{step.title}”")
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        for part in (self.header, self.text, self.attachments, self.editor):
            part.set_engagement(engagement_id)


def row_choices(workspace: Workspace, kind: str, label: Any, blank: bool = True) -> Any:
    """(id, label) choices of one collection of the open engagement, blank first if asked."""
    first: list[tuple[int | None, str]] = [(None, "")] if blank else []

    def choices(engagement_id: int | None) -> list[tuple[int | None, str]]:
        if engagement_id is None:
            return first
        rows = collections.rows(workspace.store, kind, engagement_id)
        return first + [(r["id"], label(r)) for r in rows]

    return choices
