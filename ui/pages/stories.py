"""Step 4 › User stories: the story table with filters, and the form of the selected story."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.catalogue_window import PromoteToCatalogue
from ui.models.collection_model import CollectionTableModel, Column, IdRole, fixed_choices
from ui.models.link_model import LinkListModel
from ui.models.story_model import StoryFilter, StoryTableModel
from ui.undo import AddRow, DeleteRow, UpdateRow
from ui.widgets.collection_editor import CollectionEditor
from ui.widgets.row_table import row_table
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.errors import NotFoundError
from workbook.services import collections, dataset, stories

Index = QModelIndex | QPersistentModelIndex
NEW = "__new__"


def data_item_choices(workspace: Workspace) -> Callable[[int], list[tuple[int, str]]]:
    """The dataset in tree order, indented, as link targets."""
    return lambda eid: [
        (ident, "    " * depth + name)
        for ident, name, depth in dataset.outline(workspace.store, eid)
    ]


class _SaveOnFocusOut(QObject):
    def __init__(self, form: StoryForm) -> None:
        super().__init__(form)
        self.form = form

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.form.save_text_fields()
        return False


class StoryForm(QWidget):
    """Everything about one story; each field is saved when you leave it."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.story_id: int | None = None
        self._loading = False

        self.ref = QLineEdit()
        self.ref.setToolTip("The story's reference, shown in reports (e.g. US-003)")
        self.actor = QComboBox()
        self.actor.setToolTip("Who wants this: a clinical or patient role and its care setting")
        self.secondary = QComboBox()
        self.secondary.setToolTip(
            "The system or setting the data comes from or goes to; a story without one is "
            "probably not an interoperability story"
        )
        self.requirement = QPlainTextEdit()
        self.requirement.setPlaceholderText("… see the medicines the patient left hospital on")
        self.requirement.setToolTip("The “I want …” part, without the words “I want”")
        self.justification = QPlainTextEdit()
        self.justification.setPlaceholderText("… I can reconcile them at the first visit")
        self.justification.setToolTip("The “so that / because …” part")
        for edit in (self.requirement, self.justification):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(64)
        self.feature = QComboBox()
        self.feature.setToolTip("The feature that groups related stories")
        self.priority = QComboBox()
        self.priority.setToolTip("MoSCoW priority")
        self.status = QComboBox()
        self.status.setToolTip("Where the story stands with the client")
        for combo, values in ((self.priority, v.PRIORITIES), (self.status, v.STORY_STATUSES)):
            combo.addItem("—", None)
            for value in values:
                combo.addItem(value.replace("_", " "), value)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.notes.setTabChangesFocus(True)
        self.notes.setToolTip("Anything else worth remembering about this story")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("comma, separated, tags")
        self.tags.setToolTip("Tags, separated by commas")
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setStyleSheet("font-style: italic; color: #333; padding: 4px 0;")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()

        self.criteria_model = CollectionTableModel(
            workspace,
            "acceptance_criteria",
            [
                Column("text", "Acceptance criterion", "What must be true for the story to be met"),
                Column(
                    "kind",
                    "Kind",
                    "Clinical first; technical as the conversation goes on",
                    kind="choice",
                    choices=fixed_choices(v.CRITERION_KINDS),
                ),
            ],
            "acceptance criterion",
            label_field="text",
        )
        self.criteria = CollectionEditor(
            self.criteria_model,
            lambda: {"text": "", "kind": "clinical"},
            noun="criterion",
            stretch_column=0,
        )
        self.links_model = LinkListModel(
            workspace,
            "user_stories",
            "data_items",
            data_item_choices(workspace),
            ("data_items",),
            "data item",
        )
        self.links = QListView()
        self.links.setModel(self.links_model)
        self.links.setUniformItemSizes(True)
        self.links.setToolTip("Tick the data items this story needs")

        self._focus = _SaveOnFocusOut(self)
        for widget in (self.ref, self.requirement, self.justification, self.notes, self.tags):
            widget.installEventFilter(self._focus)
        for combo, field in (
            (self.actor, "actor_id"),
            (self.secondary, "secondary_actor_id"),
            (self.feature, "feature_id"),
            (self.priority, "priority"),
            (self.status, "status"),
        ):
            combo.activated.connect(lambda _i, c=combo, f=field: self._choose(c, f))

        form = QFormLayout()
        form.addRow("Ref", self.ref)
        form.addRow("As a", self.actor)
        form.addRow("I want", self.requirement)
        form.addRow("so that", self.justification)
        form.addRow("Secondary actor", self.secondary)
        form.addRow("Feature", self.feature)
        row = QHBoxLayout()
        row.addWidget(self.priority)
        row.addWidget(QLabel("Status"))
        row.addWidget(self.status)
        form.addRow("Priority", row)
        form.addRow("Tags", self.tags)
        form.addRow("Notes", self.notes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sentence)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Acceptance criteria</b> (clinical first)"))
        layout.addWidget(self.criteria, 1)
        layout.addWidget(QLabel("<b>Data items this story needs</b>"))
        layout.addWidget(self.links, 1)
        workspace.changed.connect(self._changed)
        self.setEnabled(False)

    # ------------------------------------------------------------------ loading
    def show_story(self, engagement_id: int | None, story_id: int | None) -> None:
        self.save_text_fields()
        self.engagement_id, self.story_id = engagement_id, story_id
        self.setEnabled(story_id is not None)
        self.criteria_model.set_owner(story_id)
        self.links_model.show(engagement_id, story_id)
        self.load()

    def _changed(self, kind: str) -> None:
        if kind in ("user_stories", "actors", "features") and self.story_id is not None:
            self.load()

    def _fill(self, combo: QComboBox, rows: list[tuple[int, str]], noun: str) -> None:
        combo.clear()
        combo.addItem("—", None)
        for row_id, label in rows:
            combo.addItem(label, row_id)
        combo.addItem(f"New {noun}…", NEW)

    def load(self) -> None:
        if self.story_id is None or self.engagement_id is None:
            self.sentence.clear()
            return
        self._loading = True
        store = self.workspace.store
        try:
            story = collections.get(store, "user_stories", self.story_id)
        except NotFoundError:  # the story was deleted (e.g. undo of its creation)
            self._loading = False
            self.show_story(self.engagement_id, None)
            return
        actors = [
            (a["id"], stories.actor_label(a["name"], a["care_setting"]))
            for a in collections.rows(store, "actors", self.engagement_id)
        ]
        features = [
            (f["id"], f["name"]) for f in collections.rows(store, "features", self.engagement_id)
        ]
        self._fill(self.actor, actors, "actor")
        self._fill(self.secondary, actors, "actor")
        self._fill(self.feature, features, "feature")
        for combo, field in (
            (self.actor, "actor_id"),
            (self.secondary, "secondary_actor_id"),
            (self.feature, "feature_id"),
            (self.priority, "priority"),
            (self.status, "status"),
        ):
            combo.setCurrentIndex(max(combo.findData(story[field]), 0))
        self.ref.setText(story["ref"] or "")
        self.requirement.setPlainText(story["requirement"] or "")
        self.justification.setPlainText(story["justification"] or "")
        self.notes.setPlainText(story["notes"] or "")
        self.tags.setText(", ".join(story["tags"] or []))
        actor = dict(actors).get(story["actor_id"], "")
        self.sentence.setText(stories.sentence(actor, story["requirement"], story["justification"]))
        duplicates = stories.duplicate_refs(store, self.engagement_id)
        self._say(
            f"Another story already has the reference {story['ref']}."
            if story["ref"] in duplicates
            else ""
        )
        self._loading = False

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------------ saving
    def _update(self, text: str, **values: Any) -> None:
        if self.story_id is None:
            return
        current = collections.get(self.workspace.store, "user_stories", self.story_id)
        values = {k: val for k, val in values.items() if current[k] != val}
        if values:
            label = current["ref"] or "story"
            self.workspace.push(
                UpdateRow(
                    self.workspace,
                    f"Edit story {label}: {text}",
                    "user_stories",
                    self.story_id,
                    **values,
                )
            )

    def save_text_fields(self) -> None:
        if self._loading or self.story_id is None:
            return
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        self._update(
            "text",
            ref=self.ref.text().strip() or None,
            requirement=self.requirement.toPlainText().strip(),
            justification=self.justification.toPlainText().strip() or None,
            notes=self.notes.toPlainText().strip() or None,
            tags=tags or None,
        )

    def _choose(self, combo: QComboBox, field: str) -> None:
        if self._loading or self.story_id is None or self.engagement_id is None:
            return
        value = combo.currentData()
        if value == NEW:
            value = self._create(field)
            if value is None:
                self.load()
                return
        self._update(field.removesuffix("_id").replace("_", " "), **{field: value})

    def _create(self, field: str) -> int | None:
        assert self.engagement_id is not None
        if field == "feature_id":
            name, ok = QInputDialog.getText(
                self, "New feature", "Feature (e.g. Medication List (View)):"
            )
            if not ok or not name.strip():
                return None
            command = AddRow(
                self.workspace,
                f"Add feature {name.strip()}",
                "features",
                self.engagement_id,
                name=name.strip(),
            )
        else:
            text, ok = QInputDialog.getText(
                self, "New actor", "Role and care setting, e.g. Pharmacist (Hospital Services):"
            )
            if not ok or not text.strip():
                return None
            name, _, setting = text.strip().partition("(")
            command = AddRow(
                self.workspace,
                f"Add actor {name.strip()}",
                "actors",
                self.engagement_id,
                name=name.strip(),
                care_setting=setting.rstrip(")").strip() or None,
                kind="person",
            )
        return command.row_id if self.workspace.push(command) else None


class StoriesPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.model = StoryTableModel(workspace)
        self.proxy = StoryFilter(self.model)
        self.table = row_table(
            self.proxy,
            widths=((0, 86), (1, 150), (3, 64), (4, 84), (5, 60)),
            stretch=2,
            sortable=True,
        )
        self.table.setToolTip("Click a story to edit it below")
        self.form = StoryForm(workspace)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter stories…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Show only stories whose reference or sentence contains this")
        self.search.textChanged.connect(lambda text: self.proxy.set_filter(text=text))
        self.by_feature = QComboBox()
        self.by_feature.setToolTip("Show one feature's stories")
        self.by_actor = QComboBox()
        self.by_actor.setToolTip("Show one actor's stories")
        self.by_status = QComboBox()
        self.by_status.setToolTip("Show stories with one status")
        self.by_status.addItem("Any status", None)
        for value in v.STORY_STATUSES:
            self.by_status.addItem(value.replace("_", " "), value)
        self.by_feature.activated.connect(
            lambda: self.proxy.set_filter(feature_id=self.by_feature.currentData())
        )
        self.by_actor.activated.connect(
            lambda: self.proxy.set_filter(actor_id=self.by_actor.currentData())
        )
        self.by_status.activated.connect(
            lambda: self.proxy.set_filter(status=self.by_status.currentData())
        )

        toolbar = QToolBar()
        for text, shortcut, tip, slot in (
            ("Add story", "Ctrl+Shift+N", "Add a user story (Ctrl+Shift+N)", self.add_story),
            ("Delete story", "", "Delete the selected story", self.delete_story),
            ("Previous", "Alt+Up", "Previous story (Alt+Up)", lambda: self.step(-1)),
            ("Next", "Alt+Down", "Next story (Alt+Down)", lambda: self.step(1)),
            (
                "Add criterion",
                "Ctrl+Shift+A",
                "Add an acceptance criterion (Ctrl+Shift+A)",
                self.form.criteria._add,
            ),
            (
                "Promote to catalogue",
                "",
                "Copy the selected story into the user story catalogue shared across "
                "engagements (Tools › Story catalogue)",
                self.promote_story,
            ),
        ):
            action = QAction(text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            toolbar.addAction(action)
            self.addAction(action)
        self.count = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.by_feature, 1)
        filters.addWidget(self.by_actor, 1)
        filters.addWidget(self.by_status, 1)
        filters.addWidget(self.count)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(toolbar)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.table)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(top)
        splitter.addWidget(scroll)
        splitter.setSizes([640, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._current: int | None = None
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._restore)
        self.proxy.rowsInserted.connect(self._count)
        self.proxy.rowsRemoved.connect(self._count)
        self.proxy.modelReset.connect(self._count)
        self.proxy.layoutChanged.connect(self._count)
        workspace.changed.connect(
            lambda kind: kind in ("actors", "features") and self._fill_filters()
        )

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.model.set_engagement(engagement_id)
        self._fill_filters()
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self.form.show_story(engagement_id, None)

    def _fill_filters(self) -> None:
        store = self.workspace.store
        for combo, kind, label in (
            (self.by_feature, "features", "Any feature"),
            (self.by_actor, "actors", "Any actor"),
        ):
            current = combo.currentData()
            combo.clear()
            combo.addItem(label, None)
            if self.engagement_id is not None:
                for row in collections.rows(store, kind, self.engagement_id):
                    combo.addItem(row["name"], row["id"])
            combo.setCurrentIndex(max(combo.findData(current), 0))

    def _count(self) -> None:
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} stories")

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select(self, story_id: int | None) -> None:
        row = self.model.row_of(story_id) if story_id is not None else -1
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self.table.setCurrentIndex(index)

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.form.show_story(
            self.engagement_id, current.data(IdRole) if current.isValid() else None
        )

    def _remember(self) -> None:
        self._current = self.current_id()

    def _restore(self) -> None:
        self.select(self._current)
        if self.current_id() is None:
            self.form.show_story(self.engagement_id, None)

    def add_story(self) -> None:
        if self.engagement_id is None:
            return
        ref = stories.next_ref(self.workspace.store, self.engagement_id)
        command = AddRow(
            self.workspace,
            f"Add story {ref}",
            "user_stories",
            self.engagement_id,
            None,
            ref=ref,
            requirement="",
            status="draft",
        )
        if self.workspace.push(command):
            self.search.clear()
            self.proxy.set_filter(feature_id=None, actor_id=None, status=None)
            for combo in (self.by_feature, self.by_actor, self.by_status):
                combo.setCurrentIndex(0)
            self.select(command.row_id)
            self.form.requirement.setFocus()

    def promote_story(self) -> None:
        """Copy the selected story into the catalogue (undoable)."""
        story_id = self.current_id()
        if story_id is None:
            return
        row = self.model.rows[self.model.row_of(story_id)]
        self.workspace.push(PromoteToCatalogue(self.workspace, story_id, row.ref or "story"))

    def delete_story(self) -> None:
        story_id = self.current_id()
        if story_id is None:
            return
        row = self.model.rows[self.model.row_of(story_id)]
        self.workspace.push(
            DeleteRow(
                self.workspace,
                f"Delete story {row.ref or ''}".strip(),
                "user_stories",
                story_id,
                ("acceptance_criteria",),
            )
        )

    def step(self, offset: int) -> None:
        row = self.table.currentIndex().row() + offset
        if 0 <= row < self.proxy.rowCount():
            self.form.save_text_fields()
            self.table.setCurrentIndex(self.proxy.index(row, 0))
