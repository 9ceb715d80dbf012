"""Step 11: the acceptance criteria of all stories in one list to review with the client."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.models.criteria_model import CriteriaModel
from ui.widgets.row_table import row_table
from ui.workspace import Workspace


class CriteriaReview(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CriteriaModel(workspace)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter criteria…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setToolTip("Show only rows containing this text (story, criterion or test)")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.summary = QLabel()
        self.summary.setToolTip("Edit the criteria with their story in step 4")
        self.view = row_table(
            self.proxy, widths=((0, 80), (1, 30), (3, 80), (4, 260)), stretch=2, wrap=True
        )
        self.model.modelReset.connect(self._after_reset)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def _after_reset(self) -> None:
        self.summary.setText(self.model.summary())
        self.view.resizeRowsToContents()

    def set_engagement(self, engagement_id: int | None) -> None:
        self.model.set_engagement(engagement_id)
