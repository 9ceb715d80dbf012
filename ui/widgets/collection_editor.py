"""A table of one collection with add, delete and reorder buttons and choice editors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.models.collection_model import CollectionTableModel, IdRole

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """Edits "choice" columns with a combo box of the column's (value, label) pairs."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> QWidget:
        model = index.model()
        column = model.columns[index.column()] if hasattr(model, "columns") else None
        if column is None or column.choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for value, label in column.choices():
            combo.addItem(label or "—", value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: Index,
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class CollectionEditor(QWidget):
    """Toolbar + table for one collection; ``new_values`` gives a new row's fields."""

    current_changed = Signal(object)  # the current row's id, or None

    def __init__(
        self,
        model: CollectionTableModel,
        new_values: Callable[[], dict[str, Any] | None],
        *,
        noun: str,
        hint: str = "",
        stretch_column: int | None = None,
        in_use: Callable[[int], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.new_values = new_values
        self.in_use = in_use
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setItemDelegate(ChoiceDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(stretch_column is None)
        if stretch_column is not None:
            header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        self.view.setToolTip(hint or f"Double-click a cell to edit the {noun}")

        toolbar = QToolBar()
        self.add_action = self._action(
            toolbar,
            f"Add {noun}",
            "Insert",
            self._add,
            f"Add a {noun} after the selected one (Insert)",
        )
        self.remove_action = self._action(
            toolbar,
            "Delete",
            "Ctrl+Delete",
            self._remove,
            f"Delete the selected {noun} (Ctrl+Delete)",
        )
        self._action(
            toolbar,
            "Move up",
            "Ctrl+Up",
            lambda: self._move(-1),
            f"Move the selected {noun} up (Ctrl+Up)",
        )
        self._action(
            toolbar,
            "Move down",
            "Ctrl+Down",
            lambda: self._move(1),
            f"Move the selected {noun} down (Ctrl+Down)",
        )
        self.toolbar = toolbar
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if hint:
            label = QLabel(hint)
            label.setWordWrap(True)
            label.setStyleSheet("color: #555;")
            layout.addWidget(label)
        layout.addWidget(toolbar)
        layout.addWidget(self.view)
        layout.addWidget(self.message)

        self._current: int | None = None
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._reselect)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        model.workspace.failed.connect(self.show_message)

    def _action(
        self, toolbar: QToolBar, text: str, shortcut: str, slot: Callable[[], Any], tip: str
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        toolbar.addAction(action)
        self.addAction(action)
        return action

    def add_tool(self, text: str, slot: Callable[[], Any], tip: str) -> QAction:
        """Another button on the table's toolbar, after a separator."""
        self.toolbar.addSeparator()
        action = QAction(text, self)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    def show_message(self, text: str) -> None:
        if self.isVisible():
            self.message.setText(text)
            self.message.setVisible(bool(text))

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select_id(self, row_id: int | None) -> None:
        row = self.model.row_of(row_id) if row_id is not None else -1
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _remember(self) -> None:
        self._current = self.current_id()

    def _reselect(self) -> None:
        self.select_id(self._current)
        if self.current_id() is None:
            self.current_changed.emit(None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.message.hide()
        self.current_changed.emit(current.data(IdRole) if current.isValid() else None)

    def _add(self) -> None:
        if self.model.owner_id is None:
            return
        values = self.new_values()
        if values is None:
            return
        row = self.view.currentIndex().row()
        new_id = self.model.add(values, row + 1 if row >= 0 else None)
        if new_id is not None:
            self.select_id(new_id)
            self.view.edit(self.view.currentIndex())

    def _remove(self) -> None:
        row = self.view.currentIndex().row()
        if row < 0:
            return
        use = self.in_use(self.model.row_dict(row)["id"]) if self.in_use else ""
        if use:
            answer = QMessageBox.question(
                self,
                "Delete",
                f"{use}\n\nDelete “{self.model.label(row)}” anyway? Edit › Undo brings it back.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.remove(row)

    def _move(self, step: int) -> None:
        row = self.view.currentIndex().row()
        if row >= 0 and self.model.move(row, row + step):
            self.view.setCurrentIndex(self.model.index(row + step, 0))
