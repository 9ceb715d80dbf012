"""Step 6: the profiles in scope, chosen from the catalogue, with their diagram beside them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_with_progress
from ui.models.collection_model import CollectionTableModel, Column
from ui.pages.step_page import StepPage
from ui.undo import AddRow
from ui.widgets.collection_editor import CollectionEditor
from ui.widgets.diagram_pane import DiagramPane
from ui.workspace import Workspace
from workbook.errors import Cancelled, WorkbookError
from workbook.profiles.importing import import_profiles
from workbook.profiles.library import available_profiles
from workbook.profiles.model import Profile
from workbook.services import collections, engagements

Index = QModelIndex | QPersistentModelIndex
ProfileRole = Qt.ItemDataRole.UserRole + 3


class CatalogueModel(QAbstractListModel):
    """The resource profiles (and base resources) an engagement's FHIR version offers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profiles: list[Profile] = []

    def set_profiles(self, profiles: list[Profile]) -> None:
        self.beginResetModel()
        self.profiles = profiles
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.profiles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        profile = self.profiles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{profile.label}  ({profile.type})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{profile.url}\n{profile.source}"
        if role == ProfileRole:
            return profile
        return None


class ProfilesEditor(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.model = CollectionTableModel(
            workspace,
            "profiles",
            [
                Column("name", "Profile", "The profile's name, e.g. CareConnect-Patient-1"),
                Column("resource_type", "Resource", "The FHIR resource it profiles"),
                Column("url", "URL", "The canonical URL (a mapping names its profile by it)"),
                Column("rationale", "Rationale", "Why this profile is in scope"),
            ],
            "profile",
        )
        self.table = CollectionEditor(
            self.model,
            lambda: {"url": "http://example.org/StructureDefinition/New", "name": "New profile"},
            noun="profile",
            stretch_column=3,
            hint="The profiles the dataset is mapped to, and why",
        )
        self.catalogue = CatalogueModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.catalogue)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name or resource…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Show only profiles whose name or resource contains this")
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setUniformItemSizes(True)
        self.list.setToolTip("Profiles available for this engagement's FHIR version")
        self.list.doubleClicked.connect(lambda _i: self.add_selected())
        add = QPushButton("Add to scope")
        add.setToolTip("Add the selected profile to the engagement (or double-click it)")
        add.clicked.connect(self.add_selected)
        imports = QPushButton("Import profiles…")
        imports.setToolTip(
            "Import StructureDefinitions (XML or JSON), a folder of them or an NPM package (.tgz)"
        )
        imports.clicked.connect(self.import_dialog)
        self.available = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(imports)
        catalogue = QWidget()
        catalogue_layout = QVBoxLayout(catalogue)
        catalogue_layout.setContentsMargins(0, 0, 0, 0)
        catalogue_layout.addWidget(self.available)
        catalogue_layout.addWidget(self.search)
        catalogue_layout.addWidget(self.list, 1)
        catalogue_layout.addLayout(buttons)
        self.diagram = DiagramPane(workspace, "profiles", ("profiles", "mappings"))
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.table)
        left.addWidget(catalogue)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.diagram)
        splitter.setSizes([600, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        workspace.changed.connect(lambda kind: kind == "engagements" and self._read_catalogue())

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.model.set_owner(engagement_id)
        self._read_catalogue()
        self.diagram.set_engagement(engagement_id)

    def _read_catalogue(self) -> None:
        if self.engagement_id is None:
            self.catalogue.set_profiles([])
            return
        release = engagements.get(self.workspace.store, self.engagement_id).fhir_version
        library = available_profiles(self.workspace.store, release)
        found = [p for p in library.profiles() if p.kind == "resource"]
        found += library.base_resources()
        self.catalogue.set_profiles(found)
        self.available.setText(
            f"<b>Available for {release}</b>: {len(found)} profiles and resources"
        )

    def add_selected(self) -> bool:
        index = self.list.currentIndex()
        if not index.isValid() or self.engagement_id is None:
            return False
        return self.add_profile(index.data(ProfileRole))

    def add_profile(self, profile: Profile) -> bool:
        assert self.engagement_id is not None
        rows = collections.rows(self.workspace.store, "profiles", self.engagement_id)
        if any(r["url"] == profile.url for r in rows):
            self.workspace.failed.emit(f"{profile.name} is already in scope")
            return False
        command = AddRow(
            self.workspace,
            f"Add profile {profile.name}",
            "profiles",
            self.engagement_id,
            None,
            url=profile.url,
            name=profile.name,
            resource_type=profile.type,
        )
        if not self.workspace.push(command):
            return False
        self.table.select_id(command.row_id)
        return True

    def import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Import profiles",
            "",
            "StructureDefinitions or packages (*.json *.xml *.tgz);;All files (*)",
        )
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> bool:
        store = self.workspace.store
        try:
            report = run_with_progress(
                self, "Importing profiles", lambda progress: import_profiles(store, path, progress)
            )
        except Cancelled:
            return False
        except WorkbookError as exc:
            QMessageBox.warning(self, "Import profiles", str(exc))
            return False
        self._read_catalogue()
        self.workspace.message.emit(report.lines()[0])
        return True


def profiles_page(workspace: Workspace) -> StepPage:
    return StepPage(workspace, "profiles", ProfilesEditor(workspace), "Profiles")
