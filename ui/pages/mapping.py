"""Step 7: map the dataset to the profiles in scope, cell by cell, with status and checks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.mapping_grid import MappingGridModel, MappingRole, status_label
from ui.pages.step_page import StepPage
from ui.undo import DeleteRow, UpdateRow
from ui.workspace import Workspace
from workbook.vocabulary import MAPPING_STATUSES

Index = QModelIndex | QPersistentModelIndex


class PathDelegate(QStyledItemDelegate):
    """Edits a cell with a line edit that completes the element paths of its profile."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        model = index.model()
        assert isinstance(model, MappingGridModel)
        completer = QCompleter(model.paths_for(index.column()), editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(14)
        editor.setCompleter(completer)
        editor.setToolTip(
            "The element path, e.g. Patient.identifier:nhsNumber.value; empty removes"
        )
        return editor


class MappingEditor(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = MappingGridModel(workspace)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(PathDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setDefaultSectionSize(210)
        self.view.setToolTip(
            "Double-click a cell and type the element path (it completes); "
            "yellow items are not mapped yet, coloured cells have findings"
        )
        self.counts = QLabel()
        self.counts.setToolTip("Mappings per status, and data items not mapped to anything")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()

        self.where = QLabel("Select a cell")
        self.status = QComboBox()
        for value in MAPPING_STATUSES:
            self.status.addItem(status_label(value), value)
        self.status.setToolTip("How well the element holds the data item")
        self.status.activated.connect(lambda: self._update(status=self.status.currentData()))
        self.notes = QLineEdit()
        self.notes.setPlaceholderText("Notes on this mapping")
        self.notes.setToolTip("How the value is filled, fixed values, what is missing…")
        self.notes.editingFinished.connect(lambda: self._update(notes=self.notes.text() or None))
        self.remove = QPushButton("Remove mapping")
        self.remove.setToolTip("Remove the selected cell's mapping")
        self.remove.clicked.connect(self.remove_mapping)
        detail = QHBoxLayout()
        detail.addWidget(self.where)
        detail.addWidget(QLabel("Status:"))
        detail.addWidget(self.status)
        detail.addWidget(self.notes, 1)
        detail.addWidget(self.remove)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counts)
        layout.addWidget(self.view, 1)
        layout.addLayout(detail)
        layout.addWidget(self.message)
        self._current: tuple[int, int] = (-1, -1)
        self.view.selectionModel().currentChanged.connect(self._cell_changed)
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._restore)
        workspace.failed.connect(self._failed)

    def set_engagement(self, engagement_id: int | None) -> None:
        self.model.set_engagement(engagement_id)
        self.view.setColumnWidth(0, 260)

    def _failed(self, text: str) -> None:
        if self.isVisible():
            self.message.setText(text)
            self.message.show()

    def _remember(self) -> None:
        index = self.view.currentIndex()
        self._current = (index.row(), index.column())

    def _restore(self) -> None:
        counts = self.model.grid.status_counts()
        unmapped = counts.pop("unmapped")
        text = ", ".join(f"{n} {status_label(s)}" for s, n in counts.items())
        text = f"Mappings: {text}. Data items not mapped: {unmapped}."
        if self.model.grid.out_of_scope:
            text += f" To profiles not in scope: {self.model.grid.out_of_scope}."
        self.counts.setText(text)
        row, column = self._current
        if 0 <= row < self.model.rowCount() and 0 <= column < self.model.columnCount():
            self.view.setCurrentIndex(self.model.index(row, column))
        else:
            self._cell_changed(QModelIndex())

    def current_mapping(self) -> dict[str, Any] | None:
        mappings = self.view.currentIndex().data(MappingRole) or []
        return mappings[0] if mappings else None

    def _cell_changed(self, index: QModelIndex, _previous: Any = None) -> None:
        self.message.hide()
        mapping = self.current_mapping()
        for widget in (self.status, self.notes, self.remove):
            widget.setEnabled(mapping is not None)
        if not index.isValid() or index.column() == 0:
            self.where.setText("Select a cell")
        else:
            item = self.model.row(index.row()).item["name"]
            header = self.model.headerData(index.column(), Qt.Orientation.Horizontal)
            self.where.setText(f"<b>{item}</b> → {header}")
        if mapping is not None:
            self.status.setCurrentIndex(max(self.status.findData(mapping["status"] or "mapped"), 0))
            self.notes.setText(mapping["notes"] or "")
        else:
            self.notes.clear()

    def _update(self, **values: Any) -> bool:
        mapping = self.current_mapping()
        if mapping is None or all(mapping[k] == v for k, v in values.items()):
            return False
        field = next(iter(values))
        text = f"Edit mapping {mapping['element_path'] or ''}: {field}".replace("  ", " ")
        return self.workspace.push(
            UpdateRow(self.workspace, text, "mappings", mapping["id"], **values)
        )

    def remove_mapping(self) -> bool:
        mapping = self.current_mapping()
        if mapping is None:
            return False
        text = f"Remove mapping {mapping['element_path'] or ''}".strip()
        return self.workspace.push(DeleteRow(self.workspace, text, "mappings", mapping["id"]))


def mapping_page(workspace: Workspace) -> StepPage:
    return StepPage(workspace, "mapping", MappingEditor(workspace), "Mapping")
