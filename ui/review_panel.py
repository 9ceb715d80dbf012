"""The review panel: the open engagement's findings, filterable, each opening its object.

It lives in a dock at the bottom of the main window (View › Review panel, Ctrl+Shift+R)
and follows the engagement the window shows; :func:`install_review_panel` adds both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.models.findings_model import FindingRole, FindingsFilter, FindingsModel
from ui.reveal import reveal
from ui.reviewer import SEVERITY_LABELS, reviewer_for, severity_icon
from ui.widgets.row_table import row_table
from ui.workspace import Workspace
from workbook.checks import SEVERITIES, Finding
from workbook.steps import STEPS

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SHORTCUT = "Ctrl+Shift+R"
SETTING = "review_panel"  # shown or not, as the analyst last left it
PLURALS = {"error": "errors", "warning": "warnings", "info": "notes"}


class ReviewPanel(QWidget):
    chosen = Signal(object)  # the Finding the analyst wants to see

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reviewer = reviewer_for(workspace)
        self.engagement_id: int | None = None
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self.model)
        self.table = row_table(
            self.proxy, widths=((0, 86), (1, 40), (2, 260)), stretch=3, sortable=True
        )
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setToolTip("Double-click a finding (or press Enter) to open what it is about")
        self.table.activated.connect(self._activated)

        self.buttons: dict[str, QToolButton] = {}
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for severity in SEVERITIES:
            button = QToolButton()
            button.setCheckable(True)
            button.setChecked(True)
            button.setIcon(severity_icon(severity))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(f"Show or hide the {PLURALS[severity]}")
            button.toggled.connect(self._severities_changed)
            self.buttons[severity] = button
            filters.addWidget(button)
        self.step = QComboBox()
        self.step.setToolTip("Show the findings of one step")
        self.step.addItem("Every step", None)
        for step in STEPS:
            self.step.addItem(f"{step.number}. {step.title}", step.key)
        self.step.activated.connect(lambda: self.proxy.set_filter(step=self.step.currentData()))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter findings…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Show findings whose subject, text or code contains this")
        self.search.textChanged.connect(lambda text: self.proxy.set_filter(text=text))
        self.state = QLabel()
        self.state.setStyleSheet("color: #555;")
        filters.addWidget(self.step)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.reviewer.updated.connect(self.refresh)
        self.proxy.modelReset.connect(self._show_state)
        self.proxy.layoutChanged.connect(self._show_state)
        self.proxy.rowsInserted.connect(self._show_state)
        self.proxy.rowsRemoved.connect(self._show_state)
        self.refresh()

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.reviewer.follow(engagement_id)
        self.refresh()

    def refresh(self) -> None:
        findings = self.reviewer.findings_for(self.engagement_id)
        self.model.set_findings(findings)
        for severity, button in self.buttons.items():
            count = sum(1 for f in findings if f.severity == severity)
            noun = SEVERITY_LABELS[severity].lower()
            button.setText(f"{count} {noun if count == 1 else PLURALS[severity]}")
        self._show_state()

    def _show_state(self) -> None:
        reviewer = self.reviewer
        if self.engagement_id is None:
            text = "No engagement open"
        elif reviewer.error:
            text = f"The checks could not run: {reviewer.error}"
        elif not reviewer.checked:
            text = "Checking…"
        elif not self.model.rowCount():
            text = "Nothing to look at"
        else:
            shown, total = self.proxy.rowCount(), self.model.rowCount()
            text = f"{total} findings" if shown == total else f"{shown} of {total} findings"
        self.state.setText(text)

    def _severities_changed(self) -> None:
        chosen = {s for s, button in self.buttons.items() if button.isChecked()}
        self.proxy.set_filter(severities=chosen)

    def _activated(self, index: QModelIndex) -> None:
        finding = index.data(FindingRole)
        if isinstance(finding, Finding):
            self.chosen.emit(finding)


class _Dock(QDockWidget):
    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        super().__init__("Review", parent)
        self.settings = settings

    def closeEvent(self, event: QCloseEvent) -> None:  # the dock's own close button
        self.settings.setValue(SETTING, False)
        super().closeEvent(event)


def install_review_panel(window: MainWindow) -> ReviewPanel:
    """Dock the review panel at the bottom of ``window``, with its View menu toggle."""
    panel = ReviewPanel(window.workspace)
    panel.chosen.connect(lambda finding: reveal(window.view, finding))
    dock = _Dock(window.settings, window)
    dock.setObjectName("review_dock")
    dock.setWidget(panel)
    dock.setAllowedAreas(
        Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
    )
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    toggle: QAction = dock.toggleViewAction()
    toggle.setText("&Review panel")
    toggle.setShortcut(QKeySequence(SHORTCUT))
    toggle.setStatusTip("What to look at in this engagement: story guidance, coverage, gaps")
    toggle.setToolTip(toggle.statusTip())
    dock.setVisible(window.settings.value(SETTING, False) in (True, "true"))
    toggle.triggered.connect(lambda checked: window.settings.setValue(SETTING, checked))
    bar = window.menuBar()
    view_menu = QMenu("&View", bar)
    view_menu.addAction(toggle)
    before = next((a for a in bar.actions() if a.text() == "&Go"), None)
    if before is None:
        bar.addMenu(view_menu)
    else:
        bar.insertMenu(before, view_menu)
    return panel
