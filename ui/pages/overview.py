"""The overview tab: the engagement's header, its dates, and every step's status at a glance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.headed_table import HeadedTableModel
from ui.undo import UpdateEngagement
from ui.widgets.dashboard import STATUS_COLOURS, DashboardWidget
from ui.widgets.step_header import STATUS_LABELS
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.errors import NotFoundError
from workbook.services import engagements, stages
from workbook.steps import STEPS

Index = QModelIndex | QPersistentModelIndex
HEADER_FIELDS = (
    ("title", "Title", "The engagement's name, as it appears in lists and reports"),
    ("client_name", "Client", "The trust, shared care record or supplier"),
    ("client_code", "ODS code", "The client's NHS ODS code, e.g. RHM"),
    ("analyst", "Analyst", "Who runs the engagement"),
)


class StepStatusModel(HeadedTableModel):
    """The fifteen steps with their phase and status."""

    HEADERS = ("Phase", "Step", "Status")

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.states: dict[str, str] = {}
        workspace.changed.connect(lambda kind: kind == "stages" and self.refresh())

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.states = (
            {s.key: s.status for s in stages.all_states(self.workspace.store, self.engagement_id)}
            if self.engagement_id is not None
            else {}
        )
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.states else len(STEPS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        step = STEPS[index.row()]
        status = self.states.get(step.key, "not_started")
        if role == Qt.ItemDataRole.DisplayRole:
            phase = step.phase.title.split()[0]  # Agree, Define, Deliver
            return (phase, f"{step.number}. {step.title}", STATUS_LABELS[status])[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return QColor(STATUS_COLOURS[status])
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{step.phase.title}\nFormal outputs: {step.outputs}"
        return None


class OverviewPage(QWidget):
    open_step = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label, tip in HEADER_FIELDS:
            edit = QLineEdit()
            edit.setToolTip(tip)
            edit.editingFinished.connect(lambda n=name: self._save(n))
            self.fields[name] = edit
            form.addRow(label, edit)
        self.status = QComboBox()
        self.status.setToolTip("Draft, in review with the client, or complete")
        for value in v.ENGAGEMENT_STATUSES:
            self.status.addItem(value.replace("_", " ").capitalize(), value)
        self.status.activated.connect(lambda: self._save("status"))
        self.fhir = QComboBox()
        self.fhir.setToolTip("Care Connect STU3 or UK Core R4: the profiles offered follow it")
        for value in v.FHIR_VERSIONS:
            self.fhir.addItem(value, value)
        self.fhir.activated.connect(lambda: self._save("fhir_version"))
        form.addRow("Status", self.status)
        form.addRow("FHIR version", self.fhir)
        self.dates = QLabel()
        self.dates.setStyleSheet("color: #555;")
        form.addRow("", self.dates)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        self.steps = StepStatusModel(workspace)
        table = QTableView()
        table.setModel(self.steps)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # elided when narrow
        table.setWordWrap(False)
        table.setToolTip("Double-click a step to open it")
        table.doubleClicked.connect(lambda index: self.open_step.emit(STEPS[index.row()].key))
        self.table = table
        self.dashboard = DashboardWidget(workspace)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.message)
        left.addWidget(QLabel("<b>Steps</b>"))
        left.addWidget(table, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(self.dashboard, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2 style='margin:0'>Overview</h2>"))
        layout.addLayout(columns, 1)
        workspace.changed.connect(lambda kind: kind == "engagements" and self.load())

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.steps.set_engagement(engagement_id)
        self.dashboard.set_engagement(engagement_id)
        self.load()

    def load(self) -> None:
        if self.engagement_id is None:
            return
        try:
            summary = engagements.get(self.workspace.store, self.engagement_id)
        except NotFoundError:  # deleted while shown
            return
        for name, edit in self.fields.items():
            edit.setText(getattr(summary, name) or "")
        self.status.setCurrentIndex(max(self.status.findData(summary.status), 0))
        self.fhir.setCurrentIndex(max(self.fhir.findData(summary.fhir_version), 0))
        self.dates.setText(
            f"Created {summary.created.astimezone():%d %b %Y %H:%M} · "
            f"last edited {summary.updated.astimezone():%d %b %Y %H:%M}"
        )

    def _save(self, name: str) -> None:
        if self.engagement_id is None:
            return
        summary = engagements.get(self.workspace.store, self.engagement_id)
        if name in self.fields:
            value: str | None = self.fields[name].text().strip()
            if name == "title" and not value:
                self.message.setText("An engagement needs a title.")
                self.message.show()
                self.fields[name].setText(summary.title)
                return
            value = value or None
        else:
            value = (self.status if name == "status" else self.fhir).currentData()
        self.message.hide()
        if getattr(summary, name) != value:
            label = dict((n, lab) for n, lab, _t in HEADER_FIELDS).get(name, name)
            self.workspace.push(
                UpdateEngagement(
                    self.workspace,
                    f"Edit engagement {label.lower()}",
                    self.engagement_id,
                    **{name: value},
                )
            )
