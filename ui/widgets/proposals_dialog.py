"""Step 12: the change requests proposed from gaps, ticked for the analyst to choose."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListView, QVBoxLayout, QWidget

from workbook.services.curation import REASONS, Proposal


class ProposalsDialog(QDialog):
    def __init__(self, proposals: list[Proposal], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Propose change requests from gaps")
        self.proposals = proposals
        self.model = QStandardItemModel(self)
        for proposal in proposals:
            item = QStandardItem(f"{proposal.summary}  —  {REASONS[proposal.reason]}")
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked)
            item.setEditable(False)
            item.setToolTip(proposal.rationale)
            self.model.appendRow(item)
        view = QListView()
        view.setModel(self.model)
        view.setToolTip("Untick what should not become a change request; hover for the rationale")
        intro = QLabel(
            f"{len(proposals)} data item{'s' * (len(proposals) != 1)} need a change request "
            "and have none. The ticked ones are added as drafts, linked to their data item; "
            "Edit › Undo removes them all."
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add change requests")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def chosen(self) -> list[Proposal]:
        return [
            proposal
            for row, proposal in enumerate(self.proposals)
            if self.model.item(row).checkState() == Qt.CheckState.Checked
        ]
