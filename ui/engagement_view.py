"""The open engagement: an overview tab, then the fifteen steps in tabs grouped by phase."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.pages import (
    api_design,
    approval,
    case_study,
    dataset,
    delivery,
    interaction_flow,
    mapping,
    profiles_step,
)
from ui.pages.overview import STATUS_COLOURS, OverviewPage
from ui.pages.problem_statement import GraphStepPage
from ui.pages.requirements import BusinessRequirementsPage
from ui.pages.stories import StoryForm
from ui.pages.text_step import TextStepPage
from ui.widgets.markdown_editor import MarkdownEditor
from ui.widgets.step_header import STATUS_LABELS
from ui.workspace import Workspace
from workbook.services import stages
from workbook.steps import PHASES, STEPS, Step


def status_icon(status: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(STATUS_COLOURS[status])
    painter.setPen(colour)
    painter.setBrush(colour if status != "not_started" else Qt.GlobalColor.transparent)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


PAGE_BUILDERS = {
    "dataset": dataset.dataset_page,
    "profiles": profiles_step.profiles_page,
    "mapping": mapping.mapping_page,
    "approval": approval.approval_page,
    "api_design": api_design.api_design_page,
    "interaction_flow": interaction_flow.interaction_flow_page,
    "curation": delivery.curation_page,
    "case_study": case_study.case_study_page,
    "implementation": delivery.implementation_page,
    "learning": delivery.learning_page,
}


def _page(workspace: Workspace, step: Step) -> QWidget:
    if step.key == "business_requirements":
        return BusinessRequirementsPage(workspace)
    if step.key in ("problem_statement", "technical_context"):
        return GraphStepPage(workspace, step.key)
    if step.key in PAGE_BUILDERS:
        return PAGE_BUILDERS[step.key](workspace)
    return TextStepPage(workspace, step)


class EngagementView(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.outer = QTabWidget()
        self.outer.setDocumentMode(True)
        self.overview = OverviewPage(workspace)
        self.overview.open_step.connect(self.open_step)
        self.outer.addTab(self.overview, "Overview")
        self.outer.setTabToolTip(0, "The engagement at a glance")
        self.pages: dict[str, QWidget] = {}
        self.places: dict[str, tuple[QTabWidget, int]] = {}
        for phase in PHASES:
            steps = [s for s in STEPS if s.phase == phase]
            inner = QTabWidget()
            inner.setUsesScrollButtons(True)
            inner.setElideMode(Qt.TextElideMode.ElideNone)
            for step in steps:
                page = _page(workspace, step)
                index = inner.addTab(page, f"{step.number}. {step.title}")
                inner.setTabToolTip(index, f"{step.title}: {step.outputs}")
                self.pages[step.key] = page
                self.places[step.key] = (inner, index)
            label = f"{steps[0].number}–{steps[-1].number}  {phase.title}"
            self.outer.setTabToolTip(self.outer.addTab(inner, label), phase.title)
            inner.currentChanged.connect(self._load_visible)
        self.outer.currentChanged.connect(self._load_visible)
        self._loaded: set[QWidget] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outer)
        workspace.changed.connect(lambda kind: kind == "stages" and self._show_statuses())
        workspace.save_typing.connect(self.flush)

    def set_engagement(self, engagement_id: int | None) -> None:
        """Show an engagement; each tab reads its data when it is first shown."""
        self.flush()
        self.engagement_id = engagement_id
        self._loaded.clear()
        self._load_visible()
        self._show_statuses()

    def visible_page(self) -> QWidget:
        current = self.outer.currentWidget()
        return current.currentWidget() if isinstance(current, QTabWidget) else current

    def _load_visible(self) -> None:
        page = self.visible_page()
        if page not in self._loaded:
            self._loaded.add(page)
            page.set_engagement(self.engagement_id)

    def _show_statuses(self) -> None:
        if self.engagement_id is None:
            return
        for state in stages.all_states(self.workspace.store, self.engagement_id):
            inner, index = self.places[state.key]
            inner.setTabIcon(index, status_icon(state.status))
            step = next(s for s in STEPS if s.key == state.key)
            inner.setTabToolTip(
                index,
                f"{step.title} — {STATUS_LABELS[state.status]}\nFormal outputs: {step.outputs}",
            )

    def open_step(self, key: str) -> None:
        inner, index = self.places[key]
        inner.setCurrentIndex(index)  # first, so the phase opens on this step, not its last
        self.outer.setCurrentWidget(inner)

    def open_overview(self) -> None:
        self.outer.setCurrentIndex(0)

    def flush(self) -> None:
        """Save text still being typed (before switching engagement or closing)."""
        for editor in self.findChildren(MarkdownEditor):
            if editor.engagement_id == self.engagement_id:
                editor.save()
        for form in self.findChildren(StoryForm):
            form.save_text_fields()
