"""Images attached to a step (Visio or draw.io exports, photos of whiteboards) with a preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.undo import AddAttachment, RemoveAttachment
from ui.workspace import Workspace
from workbook.services import stages

Index = QModelIndex | QPersistentModelIndex
MAX_IMAGE_BYTES = 20 * 1024 * 1024


class AttachmentListModel(QAbstractListModel):
    def __init__(self, workspace: Workspace, key: str) -> None:
        super().__init__(workspace)
        self.workspace, self.key = workspace, key
        self.engagement_id: int | None = None
        self.rows: list[stages.AttachmentInfo] = []
        workspace.changed.connect(lambda kind: kind == "attachments" and self.refresh())

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = (
            stages.attachments(self.workspace.store, self.engagement_id, self.key)
            if self.engagement_id is not None
            else []
        )
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title or row.filename
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.filename} · {row.media_type} · {row.size / 1024:.0f} KB"
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class AttachmentsPanel(QWidget):
    def __init__(self, workspace: Workspace, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.key = workspace, key
        self.model = AttachmentListModel(workspace, key)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setMaximumHeight(90)
        self.list.setToolTip("Images attached to this step; select one to preview it")
        self.list.selectionModel().currentChanged.connect(self._preview)
        self.model.modelReset.connect(lambda: self._preview(self.list.currentIndex()))
        add = QPushButton("Attach image…")
        add.setToolTip("Attach a PNG, JPEG or SVG picture to this step")
        add.clicked.connect(self.choose)
        self.remove = QPushButton("Remove")
        self.remove.setToolTip("Remove the selected image from this step")
        self.remove.clicked.connect(self._remove)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMaximumHeight(260)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("<b>Attached images</b>"))
        buttons.addStretch(1)
        buttons.addWidget(add)
        buttons.addWidget(self.remove)
        self.preview.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        layout.addWidget(self.preview)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def set_engagement(self, engagement_id: int | None) -> None:
        self.model.set_engagement(engagement_id)

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Attach an image", "", "Images (*.png *.jpg *.jpeg *.svg)"
        )
        if name:
            self.attach(Path(name))

    def attach(self, path: Path) -> bool:
        """Attach a file, or say in the panel why it cannot be attached."""
        self.message.hide()
        if self.model.engagement_id is None:
            return False
        try:
            if path.stat().st_size > MAX_IMAGE_BYTES:
                return self._fail(f"{path.name} is larger than 20 MB; attach a smaller export.")
            data = path.read_bytes()
        except OSError as exc:
            return self._fail(f"{path.name}: cannot read the file ({exc.strerror}).")
        media_type = stages.media_type_of(data)
        if media_type is None or (media_type != "image/svg+xml" and QImage.fromData(data).isNull()):
            return self._fail(f"{path.name} is not a PNG, JPEG or SVG image.")
        return self.workspace.push(
            AddAttachment(
                self.workspace, self.model.engagement_id, self.key, path.name, media_type, data
            )
        )

    def _fail(self, text: str) -> bool:
        self.message.setText(text)
        self.message.show()
        return False

    def _remove(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            row = self.model.rows[index.row()]
            self.workspace.push(RemoveAttachment(self.workspace, row.id, row.filename))

    def _preview(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.preview.clear()
            self.preview.setVisible(False)
            return
        data = stages.attachment_data(self.workspace.store, index.data(Qt.ItemDataRole.UserRole))
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.preview.setVisible(not pixmap.isNull())
        if not pixmap.isNull():
            self.preview.setPixmap(
                pixmap.scaled(
                    480,
                    250,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
