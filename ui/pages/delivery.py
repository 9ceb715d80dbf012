"""Steps 12, 14 and 15: change requests, tests and lessons."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListView, QSplitter, QVBoxLayout, QWidget

from ui.models.collection_model import CollectionTableModel, Column, fixed_choices
from ui.models.link_model import LinkListModel
from ui.pages.step_page import StepPage, row_choices
from ui.undo_curation import AddChangeRequests
from ui.widgets.collection_editor import CollectionEditor
from ui.widgets.proposals_dialog import ProposalsDialog
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.services import curation, dataset

Choose = Callable[[list[curation.Proposal]], list[curation.Proposal]]


def _link_view(model: LinkListModel, tip: str) -> QListView:
    view = QListView()
    view.setModel(model)
    view.setUniformItemSizes(True)
    view.setToolTip(tip)
    return view


class ChangeRequestsEditor(QWidget):
    """Step 12: change requests to the profiles' curators, each linked to its data items."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.model = CollectionTableModel(
            workspace,
            "change_requests",
            [
                Column("profile", "Profile", "The profile the change is asked of (URL or name)"),
                Column("element_path", "Element", "The element to change, e.g. List.entry.flag"),
                Column("summary", "Summary", "What should change, in one line"),
                Column("rationale", "Rationale", "Why: the data item it would let you map"),
                Column(
                    "status",
                    "Status",
                    "draft, submitted, accepted or rejected",
                    kind="choice",
                    choices=fixed_choices(v.CHANGE_REQUEST_STATUSES),
                ),
            ],
            "change request",
            label_field="summary",
        )
        self.table = CollectionEditor(
            self.model,
            lambda: {"summary": "New change request", "status": "draft"},
            noun="change request",
            stretch_column=3,
            hint="Changes to profile definitions that the mapping showed are needed",
        )
        self.links = LinkListModel(
            workspace,
            "change_requests",
            "data_items",
            lambda eid: [
                (i, "    " * depth + name)
                for i, name, depth in dataset.outline(workspace.store, eid)
            ],
            ("data_items",),
            "data item",
        )
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel("<b>Data items it is for</b>"))
        side_layout.addWidget(
            _link_view(self.links, "Tick the data items the selected change request is for")
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setSizes([760, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.table.current_changed.connect(
            lambda row_id: self.links.show(self.engagement_id, row_id)
        )
        self.table.add_tool(
            "Propose from gaps…",
            self.propose_from_gaps,
            "Draft a change request for each data item whose mapping is a gap or needs an "
            "extension, or that nothing maps, and that has no change request yet",
        )

    def propose_from_gaps(self, choose: Choose | None = None) -> int:
        """Offer the proposals for the analyst to pick from; add the chosen ones as one
        undo step. Returns how many were added."""
        if self.engagement_id is None:
            return 0
        proposals = curation.proposals_from_gaps(self.workspace.store, self.engagement_id)
        if not proposals:
            self.workspace.message.emit(
                "Every gap, extension and unmapped data item already has a change request."
            )
            return 0
        chosen = (choose or self._choose)(proposals)
        if not chosen:
            return 0
        command = AddChangeRequests(self.workspace, self.engagement_id, chosen)
        if not self.workspace.push(command):
            return 0
        self.table.select_id(command.ids[0])
        return len(chosen)

    def _choose(self, proposals: list[curation.Proposal]) -> list[curation.Proposal]:
        dialog = ProposalsDialog(proposals, self)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.model.set_owner(engagement_id)
        if self.model.rowCount() and self.table.current_id() is None:
            self.table.select_id(self.model.row_dict(0)["id"])
        self.links.show(engagement_id, self.table.current_id())


class TestsEditor(QWidget):
    """Step 14: tests against the acceptance criteria, with their results and the counts."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        story_choices = row_choices(
            workspace, "user_stories", lambda r: f"{r['ref'] or ''} {r['requirement']}".strip()
        )
        signature_choices = row_choices(
            workspace, "api_signatures", lambda r: f"{r['method']} {r['path']}"
        )
        self.model = CollectionTableModel(
            workspace,
            "tests",
            [
                Column("name", "Test", "What is tested, in a few words"),
                Column(
                    "user_story_id",
                    "Story",
                    "The user story whose acceptance criteria it tests",
                    kind="choice",
                    choices=lambda: story_choices(self.engagement_id),
                ),
                Column(
                    "api_signature_id",
                    "API call",
                    "The API signature it exercises",
                    kind="choice",
                    choices=lambda: signature_choices(self.engagement_id),
                ),
                Column("steps", "Steps", "What the tester does"),
                Column("expected", "Expected", "What should happen"),
                Column(
                    "result",
                    "Result",
                    "not run, pass, fail or blocked",
                    kind="choice",
                    choices=fixed_choices(v.TEST_RESULTS),
                ),
                Column("evidence", "Evidence", "Where the proof is: a screenshot, a log, a ticket"),
            ],
            "test",
            also_refresh_on=("user_stories", "api_signatures"),
        )
        self.table = CollectionEditor(
            self.model,
            lambda: {"name": "New test", "result": "not_run"},
            noun="test",
            stretch_column=4,
            hint="Tests of the solution against the stories' acceptance criteria",
        )
        self.counts = QLabel()
        self.counts.setToolTip("How many tests have each result")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        workspace.changed.connect(lambda kind: kind == "tests" and self._count())

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.model.set_owner(engagement_id)
        self._count()

    def _count(self) -> None:
        results = Counter(
            self.model.row_dict(i)["result"] or "not_run" for i in range(self.model.rowCount())
        )
        self.counts.setText(
            f"{self.model.rowCount()} tests: "
            + ", ".join(f"{results[r]} {r.replace('_', ' ')}" for r in v.TEST_RESULTS)
        )


class LessonsEditor(QWidget):
    """Step 15: what went well, what did not, and what to do about it."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CollectionTableModel(
            workspace,
            "lessons",
            [
                Column(
                    "kind",
                    "Kind",
                    "success, failure or observation",
                    kind="choice",
                    choices=fixed_choices(v.LESSON_KINDS),
                ),
                Column("text", "Lesson", "What happened and what it taught"),
                Column("action", "Action", "What to do differently next time, and who"),
            ],
            "lesson",
            label_field="text",
        )
        self.table = CollectionEditor(
            self.model,
            lambda: {"kind": "observation", "text": ""},
            noun="lesson",
            stretch_column=1,
            hint="Successes, failures and observations, each with an improvement action",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def set_engagement(self, engagement_id: int | None) -> None:
        self.model.set_owner(engagement_id)


def curation_page(workspace: Workspace) -> StepPage:
    return StepPage(workspace, "curation", ChangeRequestsEditor(workspace), "Change requests")


def implementation_page(workspace: Workspace) -> StepPage:
    return StepPage(workspace, "implementation", TestsEditor(workspace), "Tests")


def learning_page(workspace: Workspace) -> StepPage:
    return StepPage(workspace, "learning", LessonsEditor(workspace), "Lessons")
