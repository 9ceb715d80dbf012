"""The top of every step: its number and title, its formal outputs, and its status."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.undo import SetStageStatus
from ui.workspace import Workspace
from workbook.services import stages
from workbook.steps import Step
from workbook.vocabulary import STEP_STATUSES

STATUS_LABELS = {"not_started": "Not started", "in_progress": "In progress", "done": "Done"}


class StepHeader(QWidget):
    def __init__(self, workspace: Workspace, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.step = workspace, step
        self.engagement_id: int | None = None
        title = QLabel(f"<h2 style='margin:0'>{step.number}. {step.title}</h2>")
        outputs = QLabel(f"Formal outputs: {step.outputs}")
        outputs.setStyleSheet("color: #555;")
        self.status = QComboBox()
        for value in STEP_STATUSES:
            self.status.addItem(STATUS_LABELS[value], value)
        self.status.setToolTip("How far this step has got")
        self.status.activated.connect(self._chosen)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(outputs)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 4)
        row.addLayout(words, 1)
        row.addWidget(QLabel("Status:"))
        row.addWidget(self.status)
        workspace.changed.connect(lambda kind: kind == "stages" and self.load())

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.load()

    def load(self) -> None:
        if self.engagement_id is None:
            return
        status = stages.get(self.workspace.store, self.engagement_id, self.step.key).status
        self.status.setCurrentIndex(self.status.findData(status))

    def _chosen(self) -> None:
        if self.engagement_id is None:
            return
        value = self.status.currentData()
        if value != stages.get(self.workspace.store, self.engagement_id, self.step.key).status:
            self.workspace.push(
                SetStageStatus(
                    self.workspace, self.engagement_id, self.step.key, self.step.title, value
                )
            )
