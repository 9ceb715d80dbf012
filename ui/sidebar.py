"""The engagement list: search as you type, new, duplicate, rename, delete."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui.engagement_list_model import EngagementListModel, IdRole, SubtitleRole
from ui.workspace import Workspace


class TwoLineDelegate(QStyledItemDelegate):
    """The title, and beneath it the client and status in grey."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        height = option.fontMetrics.height()
        return QSize(option.rect.width(), height * 2 + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(option.rect, option.palette.highlight())
        rect = option.rect.adjusted(8, 4, -8, -4)
        metrics = option.fontMetrics
        title = metrics.elidedText(index.data() or "", Qt.TextElideMode.ElideRight, rect.width())
        subtitle = metrics.elidedText(
            index.data(SubtitleRole) or "", Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.setPen(
            option.palette.highlightedText().color() if selected else option.palette.text().color()
        )
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(
            rect.adjusted(0, 0, 0, -metrics.height()), Qt.AlignmentFlag.AlignLeft, title
        )
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(option.palette.highlightedText().color() if selected else QColor("#666"))
        painter.drawText(
            rect.adjusted(0, metrics.height() + 2, 0, 0), Qt.AlignmentFlag.AlignLeft, subtitle
        )
        painter.restore()


class EngagementFilter(QSortFilterProxyModel):
    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        needle = self.filterRegularExpression().pattern().lower()
        if not needle:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return (
            needle in (index.data() or "").lower()
            or needle in (index.data(SubtitleRole) or "").lower()
        )


class Sidebar(QWidget):
    selected = Signal(object)  # engagement id or None
    new_requested = Signal()
    duplicate_requested = Signal(int)
    rename_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EngagementListModel(workspace.store, self)
        workspace.changed.connect(lambda _kind: self.model.refresh())
        self.proxy = EngagementFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search engagements…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Filter by title, client or status (Ctrl+F)")
        self.search.textChanged.connect(self._filter)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setToolTip("Your engagements, most recently edited first")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.selectionModel().currentChanged.connect(
            lambda current, _prev: self.selected.emit(current.data(IdRole))
        )
        buttons = QHBoxLayout()
        for text, tip, signal in (
            ("New", "Start a new engagement (Ctrl+N)", None),
            ("Duplicate", "Copy the selected engagement with all its steps", "duplicate"),
            ("Rename", "Rename the selected engagement", "rename"),
            (
                "Delete",
                "Delete the selected engagement (asks first; Edit › Undo brings it back)",
                "delete",
            ),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            if signal is None:
                button.clicked.connect(self.new_requested)
            else:
                button.clicked.connect(lambda _c=False, s=signal: self._request(s))
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self._current: int | None = None
        self.model.modelAboutToBeReset.connect(lambda: setattr(self, "_current", self.current_id()))
        self.model.modelReset.connect(lambda: self.select(self._current))

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)

    def _request(self, what: str) -> None:
        engagement_id = self.current_id()
        if engagement_id is not None:
            getattr(self, f"{what}_requested").emit(engagement_id)

    def current_id(self) -> int | None:
        index = self.list.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select(self, engagement_id: int | None) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(IdRole) == engagement_id:
                self.list.setCurrentIndex(index)
                return True
        return False
