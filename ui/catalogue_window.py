"""The user story catalogue: search as you type, preview, add to the engagement, promote.

:class:`CatalogueWindow` is a plain widget, shown by the main window as a window or a tab.
Every change it makes is an undo command on the workspace's stack, over the services of
:mod:`workbook.catalogue`: adding the selected story to the engagement set with
:meth:`CatalogueWindow.set_engagement`, promoting an engagement story
(:meth:`CatalogueWindow.promote`), editing or removing catalogue stories, and importing a
file. The catalogue tells the other views it changed as ``"catalogue"``.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_with_progress
from ui.models.collection_model import IdRole
from ui.models.headed_table import HeadedTableModel
from ui.undo import ServiceCommand
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.catalogue import files, search, service, transfer
from workbook.catalogue.model import CatalogueStory, criteria_text, parse_criteria
from workbook.errors import Cancelled, NotFoundError, WorkbookError
from workbook.services import collections, engagements
from workbook.services.snapshots import Snapshot

Index = QModelIndex | QPersistentModelIndex
CATALOGUE = "catalogue"  # the kind of change the workspace announces
SEARCH_PAUSE_MS = 150
FILE_FILTER = "Story catalogues (*.json *.csv);;JSON files (*.json);;CSV files (*.csv)"
ENGAGEMENT_KINDS = ("user_stories", "actors", "features", "acceptance_criteria")
PRIORITY_LABELS = {
    "must": "Must have",
    "should": "Should have",
    "could": "Could have",
    "wont": "Won't have",
}


def _short(story: CatalogueStory, width: int = 60) -> str:
    text = story.requirement.strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# ---------------------------------------------------------------------- undo commands


class UseCatalogueStory(ServiceCommand):
    """Copy a catalogue story into an engagement; undo removes the story and any actor or
    feature the copy created; redo puts the very same rows back."""

    kinds = (*ENGAGEMENT_KINDS, CATALOGUE)

    def __init__(self, workspace: Workspace, engagement_id: int, story: CatalogueStory) -> None:
        super().__init__(workspace, f"Add story from the catalogue: {_short(story)}")
        assert story.id is not None
        self.engagement_id, self.catalogue_id = engagement_id, story.id
        self.used: transfer.Use | None = None
        self.snapshots: list[Snapshot] = []

    def _do(self) -> None:
        if self.used is None:
            self.used = transfer.use(self.store, self.engagement_id, self.catalogue_id)
            return
        for snapshot in reversed(self.snapshots):
            collections.restore(self.store, snapshot)
        self.snapshots = []

    def _undo(self) -> None:
        assert self.used is not None
        self.snapshots = [
            collections.delete(self.store, kind, row_id)
            for kind, row_id in reversed(self.used.created)
        ]


class PromoteToCatalogue(ServiceCommand):
    """Promote an engagement story; undo removes the catalogue story it created (or the
    link to the one already there). Promoting a story already linked changes nothing and
    leaves nothing to undo."""

    kinds = (CATALOGUE,)

    def __init__(self, workspace: Workspace, story_id: int, label: str) -> None:
        super().__init__(workspace, f"Promote {label} to the catalogue")
        self.story_id = story_id
        self.result: transfer.Promotion | None = None
        self.snapshot: Snapshot | None = None

    def _do(self) -> None:
        if self.result is None:
            self.result = transfer.promote(self.store, self.story_id)
            self.setObsolete(not (self.result.created or self.result.linked))
        else:
            assert self.snapshot is not None
            collections.restore(self.store, self.snapshot)

    def _undo(self) -> None:
        assert self.result is not None
        if self.result.created:
            self.snapshot = service.delete(self.store, [self.result.catalogue_id])
        else:
            self.snapshot = transfer.forget_origin(self.store, self.story_id)


class EditCatalogueStory(ServiceCommand):
    kinds = (CATALOGUE,)

    def __init__(self, workspace: Workspace, before: CatalogueStory, after: CatalogueStory) -> None:
        super().__init__(workspace, f"Edit catalogue story {_short(after, 40)}")
        assert before.id is not None
        self.story_id, self.before, self.after = before.id, before, after

    def _do(self) -> None:
        service.update(self.store, self.story_id, self.after)

    def _undo(self) -> None:
        service.update(self.store, self.story_id, self.before)


class RemoveFromCatalogue(ServiceCommand):
    kinds = (CATALOGUE,)

    def __init__(self, workspace: Workspace, ids: list[int], text: str) -> None:
        super().__init__(workspace, text)
        self.ids = ids
        self.snapshot: Snapshot | None = None

    def _do(self) -> None:
        self.snapshot = service.delete(self.store, self.ids)

    def _undo(self) -> None:
        assert self.snapshot is not None
        collections.restore(self.store, self.snapshot)


class ImportIntoCatalogue(ServiceCommand):
    """Stories an import has just added (the import runs first, with its progress
    dialog): undo removes them, redo puts them back."""

    kinds = (CATALOGUE,)

    def __init__(self, workspace: Workspace, report: files.ImportReport) -> None:
        super().__init__(workspace, f"Import {Path(report.source).name} into the catalogue")
        self.ids = report.added_ids
        self.snapshot: Snapshot | None = None

    def _do(self) -> None:
        if self.snapshot is not None:
            collections.restore(self.store, self.snapshot)

    def _undo(self) -> None:
        self.snapshot = service.delete(self.store, self.ids)


# ---------------------------------------------------------------------- results table


class CatalogueResultsModel(HeadedTableModel):
    """The stories a search found, best first; the view shows them as sentences."""

    HEADERS = ("Story", "Feature", "Tags", "Source")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stories: list[CatalogueStory] = []

    def set_stories(self, stories: list[CatalogueStory]) -> None:
        self.beginResetModel()
        self.stories = stories
        self.endResetModel()

    def row_of(self, story_id: int) -> int:
        return next((i for i, s in enumerate(self.stories) if s.id == story_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.stories)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        story = self.stories[index.row()]
        if role == IdRole:
            return story.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return story.sentence
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            story.sentence,
            story.feature or "",
            ", ".join(story.tags),
            story.source or "",
        )[index.column()]


# ---------------------------------------------------------------------- edit dialog


class StoryDialog(QDialog):
    """Every field of a catalogue story, e.g. to correct a sentence an import could not read."""

    def __init__(
        self, story: CatalogueStory, facets: search.Facets, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit catalogue story")
        self.story = story
        self.actor = self._line(story.actor, facets.actors, "A role, e.g. Pharmacist")
        self.care_setting = self._line(
            story.care_setting, facets.care_settings, "e.g. Hospital Services"
        )
        self.secondary_actor = self._line(
            story.secondary_actor, [], "The system or setting the data comes from or goes to"
        )
        self.feature = self._line(story.feature, facets.features, "The feature it belongs to")
        self.requirement = self._text(story.requirement, "… to see the medicines …")
        self.justification = self._text(story.justification, "… I can reconcile them")
        self.priority = QComboBox()
        self.priority.addItem("—", None)
        for value in v.PRIORITIES:
            self.priority.addItem(PRIORITY_LABELS[value], value)
        self.priority.setCurrentIndex(max(self.priority.findData(story.priority), 0))
        self.criteria = self._text(criteria_text(story.criteria), "clinical: …", height=90)
        self.criteria.setToolTip("One per line; start a line with clinical: or technical:")
        self.tags = self._line(", ".join(story.tags), [], "comma, separated, tags")
        self.interactions = self._line(", ".join(story.interactions), [], "GET MedicationStatement")
        self.source = self._line(story.source, [], "The engagement or file it came from")
        form = QFormLayout()
        for label, widget in (
            ("As a", self.actor),
            ("Care setting", self.care_setting),
            ("I want", self.requirement),
            ("so that", self.justification),
            ("Secondary actor", self.secondary_actor),
            ("Feature", self.feature),
            ("Priority", self.priority),
            ("Acceptance criteria", self.criteria),
            ("Tags", self.tags),
            ("Met with", self.interactions),
            ("Source", self.source),
        ):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.requirement.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.requirement.toPlainText().strip()))
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 560)

    @staticmethod
    def _line(value: str | None, choices: list[str], hint: str) -> QLineEdit:
        edit = QLineEdit(value or "")
        edit.setPlaceholderText(hint)
        if choices:
            completer = QCompleter(choices, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            edit.setCompleter(completer)
        return edit

    @staticmethod
    def _text(value: str | None, hint: str, height: int = 56) -> QPlainTextEdit:
        edit = QPlainTextEdit(value or "")
        edit.setPlaceholderText(hint)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(height)
        return edit

    def edited(self) -> CatalogueStory:
        def text(edit: QLineEdit | QPlainTextEdit) -> str | None:
            value = edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
            return value.strip() or None

        def listed(edit: QLineEdit) -> tuple[str, ...]:
            return tuple(t.strip() for t in edit.text().split(",") if t.strip())

        return CatalogueStory(
            id=self.story.id,
            requirement=text(self.requirement) or "",
            actor=text(self.actor),
            care_setting=text(self.care_setting),
            secondary_actor=text(self.secondary_actor),
            justification=text(self.justification),
            feature=text(self.feature),
            priority=self.priority.currentData(),
            criteria=parse_criteria(self.criteria.toPlainText()),
            tags=listed(self.tags),
            source=text(self.source),
            interactions=listed(self.interactions),
        )


# ---------------------------------------------------------------------- the window


def preview_html(story: CatalogueStory) -> str:
    """The story as a Care Connect sentence, its details and its acceptance criteria."""
    e = html.escape
    details = [
        ("Feature", story.feature),
        ("Secondary actor", story.secondary_actor),
        ("Priority", PRIORITY_LABELS.get(story.priority or "", story.priority)),
        ("Tags", ", ".join(story.tags)),
        ("Met with", ", ".join(story.interactions)),
        ("Source", story.source),
    ]
    rows = "".join(
        f"<tr><td style='color:#555; padding-right:12px'>{label}</td><td>{e(value)}</td></tr>"
        for label, value in details
        if value
    )
    criteria = "".join(
        f"<li>{e(c.text)}"
        + (f" <span style='color:#555'>({e(c.kind)})</span>" if c.kind else "")
        + "</li>"
        for c in story.criteria
    )
    listed = (
        f"<p><b>Acceptance criteria</b></p><ol>{criteria}</ol>"
        if criteria
        else "<p style='color:#555'>No acceptance criteria yet.</p>"
    )
    return f"<p style='font-size:12pt'>{e(story.sentence)}</p><table>{rows}</table>{listed}"


class CatalogueWindow(QWidget):
    """Search the catalogue, preview a story, add it to the engagement, promote stories."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.store = workspace.store
        self.engagement_id: int | None = None
        self.engagement_title = ""
        self.previewed: CatalogueStory | None = None
        self.setWindowTitle("User story catalogue")
        self.resize(1180, 720)

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search every field: words, or the start of a word")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setToolTip("Stories holding all the words, best match first")
        self.filters: dict[str, QComboBox] = {}
        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 3)
        for key, noun in (
            ("feature", "feature"),
            ("actor", "actor"),
            ("care_setting", "care setting"),
            ("tag", "tag"),
        ):
            combo = QComboBox()
            combo.setToolTip(f"Only stories of this {noun}")
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.activated.connect(lambda _index: self.search_now())
            self.filters[key] = combo
            filters.addWidget(combo, 1)
        self.count = QLabel()
        self.count.setStyleSheet("color: #555;")

        self.model = CatalogueResultsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)  # two lines a row: the actor and most of the requirement
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 170), (2, 120), (3, 120)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.add_button = QPushButton("Add to engagement")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_selected)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Change the selected story in the catalogue")
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected stories from the catalogue")
        self.remove_button.clicked.connect(self.remove_selected)
        import_button = QPushButton("Import…")
        import_button.setToolTip("Add the stories of a .json or .csv file")
        import_button.clicked.connect(self._choose_import)
        export_button = QPushButton("Export…")
        export_button.setToolTip("Write the whole catalogue to a .json or .csv file")
        export_button.clicked.connect(self._choose_export)
        self.message = QLabel()
        self.message.setWordWrap(True)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.preview, 1)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            actions.addWidget(button)
        side_layout.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 420])
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(import_button)
        bottom.addWidget(export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.search_now)
        self.search_box.textChanged.connect(lambda _text: self._pause.start())
        self.search_box.returnPressed.connect(self.search_now)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(lambda: self.search_box.setFocus())
        self.addAction(find)
        workspace.changed.connect(self._changed)
        self.refresh()

    # ------------------------------------------------------------------ public
    def set_engagement(self, engagement_id: int | None) -> None:
        """The engagement "Add to engagement" copies stories into (None: none open)."""
        self.engagement_id = engagement_id
        self.engagement_title = (
            engagements.get(self.store, engagement_id).title if engagement_id is not None else ""
        )
        self._enable()

    def query(self) -> search.Query:
        def chosen(key: str) -> str | None:
            return self.filters[key].currentData()

        tag = chosen("tag")
        return search.Query(
            self.search_box.text(),
            chosen("feature"),
            chosen("actor"),
            chosen("care_setting"),
            (tag,) if tag else (),
        )

    def refresh(self) -> None:
        """Reload the filters' values, then search again."""
        facets = search.facets(self.store)
        for key, values, noun in (
            ("feature", facets.features, "Any feature"),
            ("actor", facets.actors, "Any actor"),
            ("care_setting", facets.care_settings, "Any care setting"),
            ("tag", facets.tags, "Any tag"),
        ):
            combo = self.filters[key]
            current = combo.currentData()
            combo.clear()
            combo.addItem(noun, None)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
        self.search_now()

    def search_now(self) -> None:
        self._pause.stop()
        keep = self.selected_ids()
        query = self.query()
        results = search.search(self.store, query)
        self.model.set_stories(results.stories)
        self.count.setText(self._counted(query, len(results.stories), results.total))
        for story_id in keep:
            self._select(story_id, add=True)
        if not self.selected_ids():
            self._show(None)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.stories[r].id for r in rows if self.model.stories[r].id is not None]

    def show_story(self, story_id: int) -> None:
        """Select a story (after clearing the search if it hides it) and preview it."""
        if self.model.row_of(story_id) < 0:
            self.search_box.blockSignals(True)
            self.search_box.clear()
            self.search_box.blockSignals(False)
            for combo in self.filters.values():
                combo.setCurrentIndex(0)
            self.search_now()
        self.table.clearSelection()
        if not self._select(story_id):
            self._show(story_id)

    def add_selected(self) -> bool:
        """Copy the previewed story into the engagement (undoable)."""
        if self.engagement_id is None or self.previewed is None:
            return False
        command = UseCatalogueStory(self.workspace, self.engagement_id, self.previewed)
        if not self._push(command, "Not added"):
            return False
        assert command.used is not None
        self._say(f"Added to “{self.engagement_title}” as {command.used.ref}.")
        return True

    def promote(self, story_id: int) -> int | None:
        """Promote an engagement story into the catalogue (undoable); returns the catalogue
        story's id and shows it."""
        try:
            ref = collections.get(self.store, "user_stories", story_id)["ref"] or "the story"
        except NotFoundError as exc:
            self._say(str(exc), error=True)
            return None
        command = PromoteToCatalogue(self.workspace, story_id, ref)
        if not self._push(command, "Not promoted"):
            return None
        result = command.result
        assert result is not None
        if result.created:
            self._say(f"{ref} is now in the catalogue.")
        elif result.linked:
            self._say(f"{ref} matches a story already in the catalogue; it is linked to it.")
        else:
            self._say(f"{ref} is already in the catalogue.")
        self.show_story(result.catalogue_id)
        return result.catalogue_id

    def edit_selected(self) -> bool:
        if self.previewed is None:
            return False
        dialog = StoryDialog(self.previewed, search.facets(self.store), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.save_edit(dialog.edited())

    def save_edit(self, edited: CatalogueStory) -> bool:
        if self.previewed is None or edited == self.previewed:
            return False
        command = EditCatalogueStory(self.workspace, self.previewed, edited)
        return self._push(command, "Not saved")

    def remove_selected(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        text = (
            f"Remove {len(ids)} stories from the catalogue"
            if len(ids) > 1
            else f"Remove catalogue story {_short(self.model.stories[self.model.row_of(ids[0])])}"
        )
        return self._push(RemoveFromCatalogue(self.workspace, ids, text), "Not removed")

    def import_path(self, path: Path) -> files.ImportReport | None:
        try:
            report = run_with_progress(
                self,
                f"Importing {path.name}",
                lambda progress: files.import_file(self.store, path, progress),
            )
        except Cancelled:
            self._say("Import cancelled; nothing was changed.")
            return None
        except WorkbookError as exc:
            lines = exc.lines(20) if hasattr(exc, "lines") else [str(exc)]
            QMessageBox.warning(self, "Cannot import", "\n".join(lines))
            return None
        if report.added_ids:
            self._push(ImportIntoCatalogue(self.workspace, report), "Not imported")
        lines = report.lines()
        notes = len(lines) - 1
        self._say(lines[0] + (f" ({notes} note{'s' * (notes > 1)})" if notes else ""))
        if len(lines) > 1:
            QMessageBox.information(self, "Imported", "\n".join(lines[:21]))
        return report

    def export_path(self, path: Path) -> bool:
        try:
            count = files.export_file(self.store, path)
        except WorkbookError as exc:
            QMessageBox.warning(self, "Cannot export", str(exc))
            return False
        self._say(f"Exported {count} stories to {path.name}.")
        return True

    # ------------------------------------------------------------------ internals
    def _push(self, command: ServiceCommand, refused: str) -> bool:
        reasons: list[str] = []

        def record(text: str) -> None:
            reasons.append(text)

        self.workspace.failed.connect(record)
        try:
            done = self.workspace.push(command)
        finally:
            self.workspace.failed.disconnect(record)
        if not done:
            self._say(f"{refused}: {reasons[0] if reasons else 'refused'}", error=True)
        return done

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message.setText(text)

    @staticmethod
    def _counted(query: search.Query, shown: int, total: int) -> str:
        if total == 0:
            if query.words or query.filtered:
                return "No story matches."
            return "The catalogue is empty: promote stories from an engagement, or import a file."
        noun = "story" if total == 1 else "stories"
        if shown == total:
            return f"{total:,} {noun}" + (", best match first" if query.words else "")
        order = "best" if query.words else "newest"
        return f"The {order} {shown:,} of {total:,} {noun}; add words or filters to narrow them."

    def _select(self, story_id: int, add: bool = False) -> bool:
        row = self.model.row_of(story_id)
        if row < 0:
            return False
        flags = QItemSelectionModel.SelectionFlag.Rows | (
            QItemSelectionModel.SelectionFlag.Select
            if add
            else QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.table.selectionModel().select(self.model.index(row, 0), flags)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selected(self, *_args: object) -> None:
        ids = self.selected_ids()
        self._show(ids[0] if ids else None)

    def _show(self, story_id: int | None) -> None:
        try:
            self.previewed = service.get(self.store, story_id) if story_id is not None else None
        except NotFoundError:
            self.previewed = None
        self.preview.setHtml(preview_html(self.previewed) if self.previewed else "")
        self._enable()

    def _enable(self) -> None:
        chosen = self.previewed is not None
        self.add_button.setEnabled(chosen and self.engagement_id is not None)
        self.add_button.setToolTip(
            "Open an engagement to add stories to it"
            if self.engagement_id is None
            else f"Copy the story into “{self.engagement_title}”"
        )
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(bool(self.selected_ids()))

    def _changed(self, kind: str) -> None:
        if kind == CATALOGUE:
            self.refresh()
        elif kind == "engagements" and self.engagement_id is not None:
            self._check_engagement()

    def _check_engagement(self) -> None:
        try:
            self.set_engagement(self.engagement_id)  # renamed, perhaps
        except NotFoundError:  # deleted while the window was open
            self.set_engagement(None)

    def _choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import into the catalogue", "", FILE_FILTER)
        if name:
            self.import_path(Path(name))

    def _choose_export(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(
            self, "Export the catalogue", "catalogue.csv", FILE_FILTER
        )
        if name:
            suffix = ".json" if "JSON" in chosen and not name.endswith(".csv") else ".csv"
            self.export_path(Path(name if name.lower().endswith(files.SUFFIXES) else name + suffix))
