"""The banner of a window that opened a database another window is editing.

Such a window is read-only (the store refuses writes): it shows the data as it was when it
was read, **Reload** reads it again, and **Edit here** takes over once the other window
has closed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QToolBar, QToolButton, QWidget

from ui.workspace import Workspace
from workbook.db import edit_lock
from workbook.db.edit_lock import EditLock
from workbook.errors import WorkbookError

STYLE = "QToolBar { background: #fff4ce; border-bottom: 1px solid #d9b300; }"


class ReadOnlyBanner(QToolBar):
    def __init__(
        self, workspace: Workspace, reload: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__("Read-only", parent)
        self.workspace = workspace
        self.lock: EditLock | None = None
        self._reload = reload
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)
        self.setStyleSheet(STYLE)
        self.label = QLabel()
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.label.setContentsMargins(6, 2, 6, 2)
        self.addWidget(self.label)
        self.reload_button = self._button("Reload", "Read the database again", reload)
        self.edit_button = self._button(
            "Edit here", "Edit in this window once the other one has closed", self.edit_here
        )
        self._describe()
        workspace.failed.connect(self._refused)

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(slot)
        self.addWidget(button)
        return button

    def _describe(self, note: str = "") -> None:
        path = self.workspace.store.path
        who = edit_lock.holder(path) if path is not None else ""
        by = f" ({who})" if who else ""
        self.label.setText(
            f"<b>Read-only:</b> another window is editing this database{by}. "
            f"Changes made here are not saved.{note}"
        )
        self.label.setToolTip(
            "Reload shows the other window's latest edits. Edit here works once the other "
            "window has closed."
        )

    def _refused(self, _reason: str) -> None:
        if self.workspace.store.read_only:
            self._describe(" <b>Your last change was not saved.</b>")

    def edit_here(self) -> bool:
        store = self.workspace.store
        try:
            lock = edit_lock.take_over(store)
        except WorkbookError as exc:
            QMessageBox.warning(self, "Edit here", str(exc))
            return False
        if lock is None:
            QMessageBox.information(
                self,
                "Edit here",
                "The other window is still open. Close it (or quit Engagement Workbook "
                "there), then try again.",
            )
            return False
        self.lock = lock
        self._reload()
        self.hide()
        return True
