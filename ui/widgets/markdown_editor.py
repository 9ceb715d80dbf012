"""The text of a step: paragraphs, bold, italic, bullet lists and links, kept as Markdown.

Typing is saved after a short pause and whenever the editor loses focus (no Save button);
consecutive edits of one step make one undo step in Edit › Undo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QTextCharFormat, QTextListFormat
from PySide6.QtWidgets import QInputDialog, QLabel, QTextEdit, QToolBar, QVBoxLayout, QWidget

from ui.undo import SetStageText
from ui.widgets.markdown_writer import document_to_markdown
from ui.workspace import Workspace
from workbook.services import stages

SAVE_AFTER_MS = 400
LARGE_TEXT = 200_000


class _GlobalUndoKeys(QObject):
    """Let Ctrl+Z / Ctrl+Shift+Z reach the window's Undo/Redo instead of the text edit."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        ):
            event.ignore()
            return True
        return False


class MarkdownEditor(QWidget):
    def __init__(
        self, workspace: Workspace, key: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.key, self.title = workspace, key, title
        self.engagement_id: int | None = None
        self._stored = ""  # the text as the database has it
        self._baseline = ""  # the editor's Markdown for that text
        self.edit = QTextEdit()
        self.edit.setAcceptRichText(False)
        self.edit.setUndoRedoEnabled(False)
        self.edit.setPlaceholderText(f"Write the {title.lower()} here…")
        self.edit.setToolTip("Markdown text: Ctrl+B bold, Ctrl+I italic, Ctrl+K link")
        self._keys = _GlobalUndoKeys(self)
        self.edit.installEventFilter(self._keys)
        self.edit.textChanged.connect(self._typed)
        self.edit.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_AFTER_MS)
        self.timer.timeout.connect(self.save)
        self.note = QLabel()
        self.note.setStyleSheet("color: #8a5300;")
        self.note.hide()

        toolbar = QToolBar()
        for text, shortcut, tip, slot in (
            ("Bold", "Ctrl+B", "Bold (Ctrl+B)", self._bold),
            ("Italic", "Ctrl+I", "Italic (Ctrl+I)", self._italic),
            ("• List", "Ctrl+Shift+L", "Bulleted list (Ctrl+Shift+L)", self._bullets),
            ("Link…", "Ctrl+K", "Make the selection a link (Ctrl+K)", self._link),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(tip)
            action.triggered.connect(slot)
            toolbar.addAction(action)
            self.edit.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        layout.addWidget(self.edit)
        layout.addWidget(self.note)
        workspace.changed.connect(self._changed)

    def set_engagement(self, engagement_id: int | None) -> None:
        self.save()
        self.engagement_id = engagement_id
        self.load()

    def load(self) -> None:
        text = (
            stages.get(self.workspace.store, self.engagement_id, self.key).text
            if self.engagement_id is not None
            else ""
        )
        self._stored = text
        self.edit.blockSignals(True)
        self.edit.setMarkdown(text)
        self.edit.blockSignals(False)
        self._baseline = self.markdown()

    def markdown(self) -> str:
        return document_to_markdown(self.edit.document())

    def save(self) -> None:
        """Save now if the text changed since it was loaded or last saved."""
        self.timer.stop()
        if self.engagement_id is None:
            return
        new = self.markdown()
        if new == self._baseline:
            return
        command = SetStageText(
            self.workspace, self.engagement_id, self.key, self.title, self._stored, new
        )
        if self.workspace.push(command):
            self._stored = self._baseline = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.save()
        return super().eventFilter(watched, event)

    def _typed(self) -> None:
        size = len(self.edit.toPlainText())
        self.note.setVisible(size > LARGE_TEXT)
        if size > LARGE_TEXT:
            self.note.setText(
                f"This text is very long ({size:,} characters); it is kept in full, but "
                "consider attaching a document instead."
            )
        self.timer.start()

    def _changed(self, kind: str) -> None:
        if kind != "stages" or self.engagement_id is None or self.timer.isActive():
            return
        stored = stages.get(self.workspace.store, self.engagement_id, self.key).text
        if stored != self._stored:  # an undo or redo changed it
            self.load()

    def _merge(self, fmt: QTextCharFormat) -> None:
        self.edit.mergeCurrentCharFormat(fmt)

    def _bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.edit.fontWeight() != QFont.Weight.Bold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)

    def _italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.edit.fontItalic())
        self._merge(fmt)

    def _bullets(self) -> None:
        cursor = self.edit.textCursor()
        current = cursor.currentList()
        if current is not None:
            block = cursor.blockFormat()
            current.remove(cursor.block())
            block.setIndent(0)
            cursor.setBlockFormat(block)
        else:
            cursor.createList(QTextListFormat.Style.ListDisc)

    def _link(self) -> None:
        cursor = self.edit.textCursor()
        if not cursor.hasSelection():
            self.note.setText("Select the words to link first.")
            self.note.show()
            return
        url, ok = QInputDialog.getText(self, "Link", "Address (https://…):")
        if ok and url.strip():
            fmt = QTextCharFormat()
            fmt.setAnchor(True)
            fmt.setAnchorHref(url.strip())
            fmt.setFontUnderline(True)
            cursor.mergeCharFormat(fmt)
