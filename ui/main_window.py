"""The main window: engagements on the left, the open engagement's steps on the right."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from ui.app_info import open_data_folder, show_about
from ui.background import run_with_progress
from ui.catalogue_window import CatalogueWindow
from ui.engagement_view import EngagementView
from ui.read_only_banner import ReadOnlyBanner
from ui.report_preview import ReportPreview, print_pdf
from ui.restore_dialog import restore_from_backup
from ui.review_panel import install_review_panel
from ui.sidebar import Sidebar
from ui.undo import CreateEngagement, DeleteEngagement, UpdateEngagement
from ui.welcome import WelcomePage
from ui.workspace import Workspace
from workbook.errors import Cancelled, WorkbookError
from workbook.files.engagement_file import SUFFIX, import_engagement_file
from workbook.files.exporters import exporter_for, file_name_for
from workbook.resources import demo_engagement_path
from workbook.services import engagements
from workbook.steps import STEPS

SETTINGS_ORG = "EngagementWorkbook"
FILE_FILTER = f"Engagement files (*{SUFFIX});;JSON files (*.json)"
EXPORT_KINDS = {
    "engagement": (SUFFIX, f"Engagement files (*{SUFFIX})"),
    "excel": (".xlsx", "Excel workbooks (*.xlsx)"),
    "pdf": (".pdf", "PDF documents (*.pdf)"),
}


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: QSettings | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings or QSettings(SETTINGS_ORG, "Engagement Workbook")
        self.setWindowTitle("Engagement Workbook")
        self.resize(1280, 800)
        self.catalogue: CatalogueWindow | None = None
        self.sidebar = Sidebar(workspace)
        self.view = EngagementView(workspace)
        self.welcome = WelcomePage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.view)
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 1010])
        self.setCentralWidget(splitter)
        self._menus()
        self.review = install_review_panel(self)

        self.sidebar.selected.connect(self.show_engagement)
        self.sidebar.new_requested.connect(self.new_engagement)
        self.sidebar.duplicate_requested.connect(self.duplicate_engagement)
        self.sidebar.rename_requested.connect(self.rename_engagement)
        self.sidebar.delete_requested.connect(self.delete_engagement)
        self.welcome.new_requested.connect(self.new_engagement)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.import_requested.connect(self.import_file)
        workspace.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        workspace.failed.connect(self._refused)
        workspace.changed.connect(self._data_changed)
        self.statusBar().showMessage(f"Database: {workspace.store.label}")
        self.read_only_banner: ReadOnlyBanner | None = None
        if workspace.store.read_only:
            self.read_only_banner = ReadOnlyBanner(workspace, self.reload_from_database, self)
            self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.read_only_banner)
        self._restore()

    # ------------------------------------------------------------------ menus
    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(
            file,
            "&New engagement…",
            self.new_engagement,
            QKeySequence.StandardKey.New,
            "Start a new engagement",
        )
        self._action(
            file,
            "&Import engagement file…",
            self.import_file,
            QKeySequence.StandardKey.Open,
            "Import an .engagement.json file",
        )
        export_menu = file.addMenu("&Export")
        self.export_actions = [
            self._action(export_menu, text, lambda _c=False, k=kind: self.export_as(k), key, tip)
            for text, kind, key, tip in (
                (
                    "&Engagement file…",
                    "engagement",
                    "Ctrl+E",
                    "Save this engagement as a file to share with another analyst",
                ),
                (
                    "E&xcel dataset workbook…",
                    "excel",
                    "Ctrl+Shift+E",
                    "The dataset, mapping, stories and API as a workbook for the client",
                ),
                ("&PDF case study…", "pdf", "Ctrl+Shift+P", "The case study report as a PDF"),
            )
        ]
        self.print_action = self._action(
            file,
            "&Print case study…",
            self.print_case_study,
            QKeySequence.StandardKey.Print,
            "Print the case study report through the system's print dialog",
        )
        self.export_actions.append(self.print_action)
        self._action(
            file,
            "Open the &demo engagement",
            self.open_demo,
            None,
            "Load the fictional demo engagement",
        )
        file.addSeparator()
        self._action(
            file,
            "&Restore from backup…",
            lambda: restore_from_backup(self),
            None,
            "Put back a copy of the database taken on an earlier day",
        )
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        undo = self.workspace.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.workspace.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        edit.addSeparator()
        self._action(
            edit,
            "&Find engagement",
            lambda: self.sidebar.search.setFocus(),
            QKeySequence.StandardKey.Find,
            "Search the engagement list",
        )
        go = bar.addMenu("&Go")
        self._action(go, "&Overview", lambda: self.view.open_overview(), "Ctrl+0")
        for step in STEPS[:9]:
            self._action(
                go,
                f"&{step.number}. {step.title}",
                lambda _c=False, k=step.key: self.view.open_step(k),
                f"Ctrl+{step.number}",
            )
        for step in STEPS[9:]:
            self._action(
                go,
                f"{step.number}. {step.title}",
                lambda _c=False, k=step.key: self.view.open_step(k),
            )
        tools = bar.addMenu("&Tools")
        self._action(
            tools,
            "User story &catalogue…",
            self.show_catalogue,
            "Ctrl+Shift+K",
            "Stories shared across engagements: search, preview, add to this engagement",
        )
        help_menu = bar.addMenu("&Help")
        self._action(
            help_menu,
            "Open &data folder",
            lambda: open_data_folder(self, self.workspace.store),
            None,
            "Show the folder of the database and its backups",
        )
        self._action(help_menu, "&About Engagement Workbook", self.about)

    # ------------------------------------------------------------------ state
    def _restore(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        last = self.settings.value("last_engagement")
        if self.sidebar.model.rowCount() == 0:
            self._show_welcome()
        elif not (last is not None and str(last).isdigit() and self.sidebar.select(int(last))):
            self.sidebar.select(self.sidebar.model.index(0).data(Qt.ItemDataRole.UserRole + 1))

    def _show_welcome(self) -> None:
        self.stack.setCurrentWidget(self.welcome)
        self.review.set_engagement(None)
        for action in self.export_actions:
            action.setEnabled(False)

    def show_engagement(self, engagement_id: int | None) -> None:
        if engagement_id is None:
            if self.sidebar.model.rowCount() == 0:
                self.view.set_engagement(None)
                self._show_welcome()
            return
        if engagement_id != self.view.engagement_id:
            self.view.set_engagement(engagement_id)
            self.review.set_engagement(engagement_id)
            if self.catalogue is not None:
                self.catalogue.set_engagement(engagement_id)
        self.stack.setCurrentWidget(self.view)
        for action in self.export_actions:
            action.setEnabled(True)
        self.settings.setValue("last_engagement", engagement_id)
        title = engagements.get(self.workspace.store, engagement_id).title
        self.setWindowTitle(f"{title} — Engagement Workbook")

    def open_engagement(self, engagement_id: int) -> None:
        self.sidebar.search.clear()
        self.sidebar.select(engagement_id)
        self.show_engagement(engagement_id)

    def _data_changed(self, kind: str) -> None:
        if kind != "engagements":
            return
        current = self.view.engagement_id
        known = {
            self.sidebar.model.index(r).data(Qt.ItemDataRole.UserRole + 1)
            for r in range(self.sidebar.model.rowCount())
        }
        if current is not None and current not in known:
            self.view.engagement_id = None
            first = self.sidebar.model.index(0).data(Qt.ItemDataRole.UserRole + 1)
            if first is None:
                self.view.set_engagement(None)
                self._show_welcome()
            else:
                self.open_engagement(first)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.flush()
        self.settings.setValue("geometry", self.saveGeometry())
        super().closeEvent(event)

    def _refused(self, text: str) -> None:
        self.statusBar().showMessage(f"Not saved: {text}", 10000)

    # ------------------------------------------------------------------ engagements
    def new_engagement(self) -> None:
        title, ok = QInputDialog.getText(self, "New engagement", "Title of the engagement:")
        if not ok:
            return
        if not title.strip():
            self._refused("an engagement needs a title")
            return
        command = CreateEngagement(
            self.workspace,
            title.strip(),
            lambda: engagements.create(self.workspace.store, title.strip()),
        )
        if self.workspace.push(command) and command.engagement_id is not None:
            self.open_engagement(command.engagement_id)
            self.view.open_overview()

    def duplicate_engagement(self, engagement_id: int) -> None:
        title = engagements.get(self.workspace.store, engagement_id).title
        command = CreateEngagement(
            self.workspace,
            f"Copy of {title}",
            lambda: engagements.duplicate(self.workspace.store, engagement_id),
        )
        if self.workspace.push(command) and command.engagement_id is not None:
            self.open_engagement(command.engagement_id)

    def rename_engagement(self, engagement_id: int) -> None:
        current = engagements.get(self.workspace.store, engagement_id).title
        title, ok = QInputDialog.getText(self, "Rename engagement", "New title:", text=current)
        if ok and title.strip() and title.strip() != current:
            self.workspace.push(
                UpdateEngagement(
                    self.workspace,
                    f"Rename engagement {current}",
                    engagement_id,
                    title=title.strip(),
                )
            )
        elif ok and not title.strip():
            self._refused("an engagement needs a title")

    def delete_engagement(self, engagement_id: int, confirm: bool = True) -> None:
        title = engagements.get(self.workspace.store, engagement_id).title
        if confirm:
            answer = QMessageBox.question(
                self,
                "Delete engagement",
                f"Delete “{title}” and everything recorded in it?\n\n"
                "Edit › Undo brings it back until you close the app.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.workspace.push(DeleteEngagement(self.workspace, engagement_id, title))

    def open_demo(self) -> None:
        self.import_path(demo_engagement_path())

    def import_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import engagement file", "", FILE_FILTER)
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> int | None:
        store = self.workspace.store
        try:
            result = run_with_progress(
                self,
                f"Importing {path.name}",
                lambda progress: import_engagement_file(store, path, progress=progress),
            )
        except Cancelled:
            self.statusBar().showMessage("Import cancelled; nothing was changed", 6000)
            return None
        except WorkbookError as exc:
            lines = exc.lines(20) if hasattr(exc, "lines") else [str(exc)]
            QMessageBox.warning(self, "Cannot import", "\n".join(lines))
            return None
        self.workspace.undo_stack.clear()
        self.workspace.notify("engagements")
        self.open_engagement(result.engagement_id)
        self.statusBar().showMessage(f"Imported “{result.title}” from {path.name}", 6000)
        return result.engagement_id

    def export_as(self, kind: str) -> None:
        """Ask where, then write the engagement as ``kind`` (engagement / excel / pdf)."""
        engagement_id = self.view.engagement_id
        if engagement_id is None:
            return
        self.view.flush()
        suffix, file_filter = EXPORT_KINDS[kind]
        title = engagements.get(self.workspace.store, engagement_id).title
        name, _ = QFileDialog.getSaveFileName(
            self, "Export", file_name_for(title, suffix), file_filter
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(suffix) else name + suffix)
        if self.export_to(path) and kind == "pdf":
            ReportPreview(path, self).exec()

    def export_to(self, path: Path) -> bool:
        """Write the open engagement to ``path`` (kind by suffix) with progress and cancel."""
        engagement_id = self.view.engagement_id
        if engagement_id is None:
            return False
        store = self.workspace.store
        try:
            exporter = exporter_for(path)
            run_with_progress(
                self,
                f"Exporting {path.name}",
                lambda progress: exporter(store, engagement_id, path, progress=progress),
            )
        except Cancelled:
            self.statusBar().showMessage("Export cancelled; no file was written", 6000)
            return False
        except WorkbookError as exc:
            QMessageBox.warning(self, "Cannot export", str(exc))
            return False
        self.statusBar().showMessage(f"Exported to {path}", 6000)
        return True

    def show_catalogue(self) -> CatalogueWindow:
        """The story catalogue in its own window, following the open engagement."""
        if self.catalogue is None:
            self.catalogue = CatalogueWindow(self.workspace)
            self.catalogue.setWindowFlag(Qt.WindowType.Window)
            self.catalogue.setWindowTitle("User story catalogue — Engagement Workbook")
            self.catalogue.resize(1000, 650)
            self.catalogue.addActions([self.undo_action, self.redo_action])
        self.catalogue.set_engagement(self.view.engagement_id)
        self.catalogue.show()
        self.catalogue.raise_()
        return self.catalogue

    def print_case_study(self) -> None:
        """Lay out the case study in a temporary PDF and send it to a printer."""
        if self.view.engagement_id is None:
            return
        self.view.flush()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "case-study.pdf"
            if self.export_to(path):
                print_pdf(self, path)

    def about(self) -> None:
        show_about(self, self.workspace.store)

    def reload_from_database(self) -> None:
        """Read everything again (after a restore, or another window's edits)."""
        self.workspace.undo_stack.clear()
        self.workspace.notify("engagements")
        current = self.view.engagement_id
        known = [e.id for e in engagements.summaries(self.workspace.store)]
        if current is not None and current in known:
            self.view.set_engagement(current)
        elif current is None and known:
            self.open_engagement(known[0])
