"""Step 5: the dataset as an editable tree, with importers for the client's files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_with_progress
from ui.models.collection_model import IdRole
from ui.models.dataset_tree import DatasetTreeModel
from ui.pages.step_page import StepPage
from ui.undo import AddRow, DeleteRow
from ui.undo_dataset import ApplyDatasetDiff, MoveDataItem
from ui.widgets.collection_editor import ChoiceDelegate
from ui.workspace import Workspace
from workbook.errors import Cancelled, WorkbookError
from workbook.files.dataset_sources import READERS, read_dataset_source
from workbook.services import dataset, dataset_merge
from workbook.services.dataset import DeletionImpact

DELETE_ALSO_CHANGES = ("mappings", "user_stories", "change_requests")


class DatasetFilter(QSortFilterProxyModel):
    """Shows the items whose name, notes or any other column contains the filter text,
    with the groups they are in."""

    def __init__(self, source: DatasetTreeModel) -> None:
        super().__init__(source)
        self.setSourceModel(source)
        self.columns = source.columns  # for the choice delegate
        self.setRecursiveFilteringEnabled(True)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)


class DiffDialog(QDialog):
    """What an import would change, for the analyst to read before applying it."""

    def __init__(self, source: str, diff: dataset_merge.DatasetDiff, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {source}")
        summary = QLabel(
            f"<b>{source}</b>: {diff.summary()}.<br>Edit › Undo puts the dataset back as it "
            "was; the analyst's notes, descriptions and mappings on matched items are kept."
        )
        summary.setWordWrap(True)
        lines = QPlainTextEdit("\n".join(diff.lines()))
        lines.setReadOnly(True)
        lines.setToolTip("+ added, ~ changed (field: before → after), - removed")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        apply = buttons.button(QDialogButtonBox.StandardButton.Apply)
        apply.setToolTip("Change the dataset as listed")
        apply.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(lines, 1)
        layout.addWidget(buttons)
        self.resize(720, 480)


class DatasetEditor(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.model = DatasetTreeModel(workspace)
        self.proxy = DatasetFilter(self.model)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(ChoiceDelegate(self.view))
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setToolTip(
            "Double-click a cell to edit it; select several items with Ctrl or Shift; "
            "drag items to move them (onto an item to put them inside it)"
        )
        header = self.view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((260, 90, 80, 120, 130, 120, 70, 200)):
            header.resizeSection(column, width)

        toolbar = QToolBar()
        self._action(
            toolbar,
            "Add item",
            "Insert",
            self.add_sibling,
            "Add a data item after the selected one (Insert)",
        )
        self._action(
            toolbar,
            "Add child",
            "Ctrl+Insert",
            self.add_child,
            "Add a data item inside the selected one (Ctrl+Insert)",
        )
        self._action(
            toolbar,
            "Delete",
            "Ctrl+Delete",
            self.delete_selected,
            "Delete the selected items and everything inside them (Ctrl+Delete)",
        )
        toolbar.addSeparator()
        self._action(
            toolbar,
            "Indent",
            "Ctrl+Right",
            self.indent,
            "Put the item inside the one above it (Ctrl+Right)",
        )
        self._action(
            toolbar,
            "Outdent",
            "Ctrl+Left",
            self.outdent,
            "Take the item out of its group (Ctrl+Left)",
        )
        self._action(
            toolbar,
            "Move up",
            "Ctrl+Up",
            lambda: self.move_by(-1),
            "Move the item up among its siblings (Ctrl+Up)",
        )
        self._action(
            toolbar,
            "Move down",
            "Ctrl+Down",
            lambda: self.move_by(1),
            "Move the item down among its siblings (Ctrl+Down)",
        )
        toolbar.addSeparator()
        suffixes = "/".join(s.lstrip(".").upper() for s in sorted(READERS))
        self._action(
            toolbar,
            f"Import from {suffixes}…",
            "",
            self.import_files,
            "Read data items from the client's XML samples, XSD schema or returned Excel "
            "sheet, and review the changes before applying them",
        )

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter data items…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setToolTip(
            "Show only items containing this text in any column (and their groups)"
        )
        self.filter.textChanged.connect(self._filter)
        self.count = QLabel()
        self.count.setToolTip("Data items in the dataset, and how many of them hold others")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()
        row = QHBoxLayout()
        row.addWidget(self.filter, 1)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)

        self._collapsed: set[int] = set()
        self._current: int | None = None
        self.view.collapsed.connect(lambda i: self._collapsed.add(i.data(IdRole)))
        self.view.expanded.connect(lambda i: self._collapsed.discard(i.data(IdRole)))
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._restore)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.message.hide())
        workspace.failed.connect(self.show_message)

    def _action(
        self, toolbar: QToolBar, text: str, shortcut: str, slot: Callable[[], Any], tip: str
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        toolbar.addAction(action)
        self.addAction(action)
        return action

    # ----------------------------------------------------------------- state
    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self._collapsed.clear()
        self.model.set_engagement(engagement_id)

    def show_message(self, text: str) -> None:
        if self.isVisible():
            self.message.setText(text)
            self.message.setVisible(bool(text))

    def _remember(self) -> None:
        self._current = self.current_id()

    def _restore(self) -> None:
        self.view.expandAll()
        for item_id in self._collapsed:
            self.view.collapse(self.proxy.mapFromSource(self.model.index_of(item_id)))
        self._show_counts()
        self.select(self._current)

    def _show_counts(self) -> None:
        items, groups = self.model.counts()
        self.count.setText(
            f"{items} item{'s' if items != 1 else ''}, {groups} group{'s' if groups != 1 else ''}"
        )

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.view.expandAll()

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = self.view.selectionModel().selectedRows()
        ids = [index.data(IdRole) for index in rows]
        return ids or ([self.current_id()] if self.current_id() is not None else [])

    def select(self, item_id: int | None) -> None:
        if item_id is None:
            return
        index = self.proxy.mapFromSource(self.model.index_of(item_id))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    # ----------------------------------------------------------------- edits
    def _add(self, parent_id: int | None, position: int | None) -> int | None:
        if self.engagement_id is None:
            return None
        command = AddRow(
            self.workspace,
            "Add data item",
            "data_items",
            self.engagement_id,
            position,
            parent_id=parent_id,
            name="New item",
        )
        if not self.workspace.push(command):
            return None
        self.filter.clear()
        self.select(command.row_id)
        self.view.edit(self.view.currentIndex())
        return command.row_id

    def add_sibling(self) -> int | None:
        current = self.current_id()
        if current is None:
            return self._add(None, None)
        item = self.model.items[current]
        return self._add(item["parent_id"], self.model.siblings(current).index(current) + 1)

    def add_child(self) -> int | None:
        current = self.current_id()
        if current is None:
            return self._add(None, None)
        self._collapsed.discard(current)
        return self._add(current, None)

    def _move(self, verb: str, item_id: int, parent_id: int | None, position: int | None) -> bool:
        name = self.model.items[item_id]["name"]
        moved = self.workspace.push(
            MoveDataItem(self.workspace, f"{verb} {name}", item_id, parent_id, position)
        )
        if moved:
            self.select(item_id)
        return moved

    def move_to(self, item_id: int, parent_id: int | None, position: int | None = None) -> bool:
        return self._move("Move data item", item_id, parent_id, position)

    def move_by(self, step: int) -> bool:
        current = self.current_id()
        if current is None:
            return False
        siblings = self.model.siblings(current)
        to = siblings.index(current) + step
        if not 0 <= to < len(siblings):
            return False
        return self._move("Move data item", current, self.model.items[current]["parent_id"], to)

    def indent(self) -> bool:
        current = self.current_id()
        if current is None:
            return False
        siblings = self.model.siblings(current)
        at = siblings.index(current)
        if at == 0:
            self.show_message("The first item of a group has nothing above it to go into.")
            return False
        self._collapsed.discard(siblings[at - 1])
        return self._move("Indent data item", current, siblings[at - 1], None)

    def outdent(self) -> bool:
        current = self.current_id()
        if current is None:
            return False
        parent_id = self.model.items[current]["parent_id"]
        if parent_id is None:
            self.show_message("The item is already at the top level.")
            return False
        parent = self.model.items[parent_id]
        after = self.model.siblings(parent_id).index(parent_id) + 1
        return self._move("Outdent data item", current, parent["parent_id"], after)

    def delete_selected(self) -> bool:
        ids = self.model.top_most(self.selected_ids())
        if not ids:
            return False
        store = self.workspace.store
        impacts = [dataset.deletion_impact(store, i) for i in ids]
        total = DeletionImpact(
            *(sum(getattr(i, f) for i in impacts) for f in DeletionImpact.__dataclass_fields__)
        )
        names = ", ".join(f"“{self.model.items[i]['name']}”" for i in ids[:5])
        if len(ids) > 5:
            names += f" and {len(ids) - 5} more"
        answer = QMessageBox.question(
            self,
            "Delete data items",
            f"Delete {names}?\n\nThis deletes {total.describe()}. Edit › Undo brings it back.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        stack = self.workspace.undo_stack
        stack.beginMacro(
            f"Delete data item {self.model.items[ids[0]]['name']}"
            if len(ids) == 1
            else f"Delete {len(ids)} data items"
        )
        for item_id in ids:
            name = self.model.items[item_id]["name"]
            self.workspace.push(
                DeleteRow(
                    self.workspace, f"Delete {name}", "data_items", item_id, DELETE_ALSO_CHANGES
                )
            )
        stack.endMacro()
        return True

    # ----------------------------------------------------------------- import
    def import_files(self) -> None:
        if self.engagement_id is None:
            return
        patterns = " ".join(f"*{s}" for s in sorted(READERS))
        names, _ = QFileDialog.getOpenFileNames(
            self, "Import a dataset", "", f"Dataset sources ({patterns})"
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def import_paths(self, paths: list[Path], review: Callable[..., bool] | None = None) -> bool:
        """Read the files, show what would change, and apply it if the analyst agrees."""
        assert self.engagement_id is not None
        store, eid = self.workspace.store, self.engagement_id
        try:
            source = run_with_progress(
                self,
                "Reading the dataset",
                lambda progress: read_dataset_source(store, eid, paths, progress),
            )
            diff = dataset_merge.compute_diff(
                store, eid, source.incoming, key_of=source.key_of, removable=source.removable
            )
        except Cancelled:
            return False
        except WorkbookError as exc:
            self.show_message(str(exc))
            return False
        label = ", ".join(p.name for p in paths)
        if diff.is_empty:
            self.workspace.message.emit(f"{label}: the dataset already matches")
            return False
        agreed = review(label, diff) if review else DiffDialog(label, diff, self).exec()
        if not agreed:
            return False
        return self.workspace.push(
            ApplyDatasetDiff(
                self.workspace, f"Import {label} ({diff.summary()})", diff, source.incoming
            )
        )


def dataset_page(workspace: Workspace) -> StepPage:
    return StepPage(workspace, "dataset", DatasetEditor(workspace), "Dataset")
