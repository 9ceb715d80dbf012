"""The app's connection to the data: the store, the undo stack, and change notices.

Every edit in the window is a :class:`QUndoCommand` pushed through :meth:`Workspace.push`;
commands call ``workbook`` services (which commit at once), then the workspace tells every
view which kind of data changed so it can refresh (the Anki "operations" pattern).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbook.db.store import Store
from workbook.errors import WorkbookError


class Workspace(QObject):
    changed = Signal(str)  # the collection (or "engagements", "stages") that changed
    message = Signal(str)  # what just happened, for the status bar
    failed = Signal(str)  # an edit the core refused, with its reason
    save_typing = Signal()  # asked before reading a whole engagement (a report): save text

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)

    def push(self, command: QUndoCommand) -> bool:
        """Run a command and keep it for undo; a refused edit is reported, not raised."""
        text = command.text()  # a command merged into the previous one is deleted by Qt
        try:
            self.undo_stack.push(command)
        except WorkbookError as exc:
            self.failed.emit(str(exc))
            return False
        if getattr(command, "failed", False):
            return False
        self.message.emit(text)
        return True

    def notify(self, *kinds: str) -> None:
        for kind in kinds:
            self.changed.emit(kind)
