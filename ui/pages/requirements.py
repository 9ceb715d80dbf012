"""Step 4 › Actors and features, Use cases, Business process; and the step's sub-tabs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_with_progress
from ui.models.collection_model import CollectionTableModel, Column, fixed_choices
from ui.models.link_model import LinkListModel
from ui.pages.step_page import row_choices
from ui.pages.stories import StoriesPage
from ui.undo import ReplaceProcess, SetLinks, UpdateRow
from ui.widgets.attachments import AttachmentsPanel
from ui.widgets.collection_editor import CollectionEditor
from ui.widgets.diagram_pane import DiagramPane
from ui.widgets.markdown_editor import MarkdownEditor
from ui.widgets.step_header import StepHeader
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.errors import Cancelled, WorkbookError
from workbook.importers.bpmn import read_bpmn
from workbook.services import collections, stories
from workbook.steps import STEPS_BY_KEY


def _names(workspace: Workspace, kind: str) -> Any:
    return row_choices(workspace, kind, lambda r: r["name"] or "", blank=False)


class ActorsFeaturesPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.actors = CollectionTableModel(
            workspace,
            "actors",
            [
                Column("name", "Role", "A role, e.g. Pharmacist"),
                Column("care_setting", "Care setting", "e.g. Hospital Services"),
                Column(
                    "kind",
                    "Kind",
                    "A person, a system or an organisation",
                    kind="choice",
                    choices=fixed_choices(v.ACTOR_KINDS),
                ),
            ],
            "actor",
        )
        self.features = CollectionTableModel(
            workspace,
            "features",
            [
                Column("name", "Feature", "e.g. Medication List (View)"),
                Column("description", "Description", "What the feature covers"),
            ],
            "feature",
        )
        actors = CollectionEditor(
            self.actors,
            lambda: {"name": "New role", "kind": "person"},
            noun="actor",
            stretch_column=1,
            in_use=self.actor_use,
            hint="Who the stories are for, and the systems they use",
        )
        merge = QPushButton("Merge into…")
        merge.setToolTip(
            "Merge the selected actor into another: its stories, lanes and use "
            "cases move to the other actor, then it is removed"
        )
        merge.clicked.connect(lambda: self.merge(actors.current_id()))
        actors.layout().addWidget(merge)
        self.actors_editor = actors
        features = CollectionEditor(
            self.features,
            lambda: {"name": "New feature"},
            noun="feature",
            stretch_column=1,
            hint="Features group related stories",
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(actors)
        splitter.addWidget(features)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.actors.set_owner(engagement_id)
        self.features.set_owner(engagement_id)

    def actor_use(self, actor_id: int) -> str:
        """Which stories would lose this actor, said so a person can decide."""
        if self.engagement_id is None:
            return ""
        refs = [
            s["ref"] or "a story"
            for s in collections.rows(self.workspace.store, "user_stories", self.engagement_id)
            if actor_id in (s["actor_id"], s["secondary_actor_id"])
        ]
        if not refs:
            return ""
        shown = ", ".join(refs[:6]) + (f" and {len(refs) - 6} more" if len(refs) > 6 else "")
        return (
            f"{len(refs)} stor{'y uses' if len(refs) == 1 else 'ies use'} this actor "
            f"({shown}); they will have no actor. Merge into… keeps them attached."
        )

    def merge(self, actor_id: int | None, into: int | None = None) -> bool:
        """Re-point everything that uses ``actor_id`` to ``into``, then delete it (one undo)."""
        if actor_id is None or self.engagement_id is None:
            return False
        store = self.workspace.store
        others = [
            (r["id"], stories.actor_label(r["name"], r["care_setting"]))
            for r in collections.rows(store, "actors", self.engagement_id)
            if r["id"] != actor_id
        ]
        if into is None:
            labels = [label for _id, label in others]
            if not labels:
                return False
            chosen, ok = QInputDialog.getItem(self, "Merge actors", "Merge into:", labels, 0, False)
            if not ok:
                return False
            into = others[labels.index(chosen)][0]
        name = collections.get(store, "actors", actor_id)["name"]
        stack = self.workspace.undo_stack
        stack.beginMacro(f"Merge actor {name} into {dict(others)[into]}")
        for story in collections.rows(store, "user_stories", self.engagement_id):
            for field in ("actor_id", "secondary_actor_id"):
                if story[field] == actor_id:
                    self.workspace.push(
                        UpdateRow(
                            self.workspace,
                            "Re-point story",
                            "user_stories",
                            story["id"],
                            **{field: into},
                        )
                    )
        for lane in collections.rows(store, "process_lanes", self.engagement_id):
            if lane["actor_id"] == actor_id:
                self.workspace.push(
                    UpdateRow(
                        self.workspace, "Re-point lane", "process_lanes", lane["id"], actor_id=into
                    )
                )
        for use_case in collections.rows(store, "use_cases", self.engagement_id):
            linked = collections.links(store, "use_cases", use_case["id"], "actors")
            if actor_id in linked:
                merged = list(dict.fromkeys(into if a == actor_id else a for a in linked))
                self.workspace.push(
                    SetLinks(
                        self.workspace,
                        "Re-point use case",
                        "use_cases",
                        use_case["id"],
                        "actors",
                        merged,
                    )
                )
        self.actors.remove(self.actors.row_of(actor_id))
        stack.endMacro()
        return True


class UseCasesPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.model = CollectionTableModel(
            workspace,
            "use_cases",
            [
                Column("name", "Use case", "What the actors do with the system"),
                Column("description", "Description", "A sentence or two"),
            ],
            "use case",
        )
        self.editor = CollectionEditor(
            self.model, lambda: {"name": "New use case"}, noun="use case", stretch_column=1
        )
        story_label = lambda eid: [  # noqa: E731
            (r.id, f"{r.ref} {r.sentence}".strip())
            for r in stories.story_rows(workspace.store, eid)
        ]
        self.links = {
            "actors": LinkListModel(
                workspace, "use_cases", "actors", _names(workspace, "actors"), ("actors",), "actor"
            ),
            "user_stories": LinkListModel(
                workspace, "use_cases", "user_stories", story_label, ("user_stories",), "story"
            ),
            "includes": LinkListModel(
                workspace,
                "use_cases",
                "includes",
                _names(workspace, "use_cases"),
                (),
                "included use case",
            ),
            "extends": LinkListModel(
                workspace,
                "use_cases",
                "extends",
                _names(workspace, "use_cases"),
                (),
                "extended use case",
            ),
        }
        grid = QGridLayout()
        titles = {
            "actors": "Actors",
            "user_stories": "Stories it meets",
            "includes": "Includes",
            "extends": "Extends",
        }
        for i, (key, model) in enumerate(self.links.items()):
            view = QListView()
            view.setModel(model)
            view.setUniformItemSizes(True)
            view.setToolTip(f"Tick the {titles[key].lower()} of the selected use case")
            grid.addWidget(QLabel(f"<b>{titles[key]}</b>"), (i // 2) * 2, i % 2)
            grid.addWidget(view, (i // 2) * 2 + 1, i % 2)
        links = QWidget()
        links.setLayout(grid)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.editor)
        left.addWidget(links)
        self.diagram = DiagramPane(workspace, "use-cases", ("use_cases", "actors", "user_stories"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.diagram)
        splitter.setSizes([560, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.editor.current_changed.connect(self._show_links)

    def _show_links(self, use_case_id: int | None) -> None:
        for model in self.links.values():
            model.show(self.engagement_id, use_case_id)

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.model.set_owner(engagement_id)
        self._show_links(self.editor.current_id())
        self.diagram.set_engagement(engagement_id)


class ProcessPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.lanes = CollectionTableModel(
            workspace,
            "process_lanes",
            [
                Column("name", "Lane", "Who does the work in this lane"),
                Column(
                    "actor_id",
                    "Actor",
                    "The actor the lane belongs to",
                    kind="choice",
                    choices=self._actor_choices,
                ),
            ],
            "lane",
            also_refresh_on=("actors",),
        )
        self.nodes = CollectionTableModel(
            workspace,
            "process_nodes",
            [
                Column("name", "Step", "What happens"),
                Column(
                    "kind",
                    "Kind",
                    "Event, task or gateway",
                    kind="choice",
                    choices=fixed_choices(v.PROCESS_NODE_KINDS, blank=False),
                ),
                Column(
                    "lane_id",
                    "Lane",
                    "The lane it happens in",
                    kind="choice",
                    choices=self._lane_choices,
                ),
            ],
            "process step",
            also_refresh_on=("process_lanes",),
        )
        self.flows = CollectionTableModel(
            workspace,
            "process_flows",
            [
                Column(
                    "from_node_id",
                    "From",
                    "The step before",
                    kind="choice",
                    choices=self._node_choices,
                ),
                Column(
                    "to_node_id", "To", "The step after", kind="choice", choices=self._node_choices
                ),
                Column("label", "Label", "e.g. Yes / No on a gateway's branches"),
                Column(
                    "kind",
                    "Kind",
                    "sequence, message or association",
                    kind="choice",
                    choices=fixed_choices(v.PROCESS_FLOW_KINDS),
                ),
            ],
            "flow",
            label_field="label",
            also_refresh_on=("process_nodes",),
        )
        lanes = CollectionEditor(
            self.lanes,
            lambda: {"name": "New lane"},
            noun="lane",
            stretch_column=0,
            hint="Swimlanes, top to bottom",
        )
        nodes = CollectionEditor(
            self.nodes,
            self._new_node,
            noun="step",
            stretch_column=0,
            hint="Events, tasks and gateways, in order",
        )
        flows = CollectionEditor(
            self.flows,
            self._new_flow,
            noun="flow",
            stretch_column=2,
            hint="How one step leads to the next",
        )
        bpmn = QPushButton("Import BPMN…")
        bpmn.setToolTip(
            "Replace this process with one drawn in a BPMN 2.0 tool (Camunda, Signavio, "
            "Bizagi, Visio, Enterprise Architect); Edit › Undo puts the old one back"
        )
        bpmn.clicked.connect(self.choose_bpmn)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        tables = QSplitter(Qt.Orientation.Vertical)
        for editor in (lanes, nodes, flows):
            tables.addWidget(editor)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(bpmn, 0, Qt.AlignmentFlag.AlignLeft)
        left_layout.addWidget(self.message)
        left_layout.addWidget(tables, 1)
        self.diagram = DiagramPane(
            workspace, "process", ("process_lanes", "process_nodes", "process_flows")
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.diagram)
        splitter.setSizes([540, 540])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _choices(self, kind: str, label: str = "name") -> list[tuple[int | None, str]]:
        if self.engagement_id is None:
            return [(None, "")]
        rows = collections.rows(self.workspace.store, kind, self.engagement_id)
        return [(None, "")] + [(r["id"], r[label] or r.get("kind", "")) for r in rows]

    def _actor_choices(self) -> list[tuple[int | None, str]]:
        return self._choices("actors")

    def _lane_choices(self) -> list[tuple[int | None, str]]:
        return self._choices("process_lanes")

    def _node_choices(self) -> list[tuple[int | None, str]]:
        return self._choices("process_nodes")[1:]

    def _new_node(self) -> dict:
        lanes = self._lane_choices()
        return {
            "name": "New task",
            "kind": "user_task",
            "lane_id": lanes[1][0] if len(lanes) > 1 else None,
        }

    def _new_flow(self) -> dict | None:
        nodes = self._node_choices()
        if not nodes:
            self.workspace.failed.emit("Add the process steps first, then the flows.")
            return None
        return {"from_node_id": nodes[0][0], "to_node_id": nodes[-1][0], "kind": "sequence"}

    def choose_bpmn(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import a BPMN process", "", "BPMN 2.0 files (*.bpmn *.xml)"
        )
        if name:
            self.import_bpmn(Path(name))

    def import_bpmn(self, path: Path) -> bool:
        """Read a BPMN file and make its process this engagement's (one undo step)."""
        if self.engagement_id is None:
            return False
        try:
            found = run_with_progress(
                self, f"Reading {path.name}", lambda progress: read_bpmn(path, progress)
            )
        except Cancelled:
            return False
        except WorkbookError as exc:
            self._say(str(exc), error=True)
            return False
        text = f"Import process from {path.name} ({found.summary()})"
        if not self.workspace.push(
            ReplaceProcess(self.workspace, text, self.engagement_id, found.process)
        ):
            return False
        notes = "; ".join(found.notes)
        self._say(f"Imported {found.summary()}." + (f" Notes: {notes}" if notes else ""))
        return True

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #333;")
        self.message.setText(text)
        self.message.show()

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        for model in (self.lanes, self.nodes, self.flows):
            model.set_owner(engagement_id)
        self.diagram.set_engagement(engagement_id)


class BusinessRequirementsPage(QWidget):
    """Step 4 in sub-tabs: its text, the stories, actors and features, use cases, process."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        step = STEPS_BY_KEY["business_requirements"]
        self.header = StepHeader(workspace, step)
        self.text = MarkdownEditor(workspace, step.key, step.title)
        self.attachments = AttachmentsPanel(workspace, step.key)
        summary = QWidget()
        summary_layout = QVBoxLayout(summary)
        summary_layout.addWidget(self.text, 1)
        summary_layout.addWidget(self.attachments)
        self.stories = StoriesPage(workspace)
        self.actors = ActorsFeaturesPage(workspace)
        self.use_cases = UseCasesPage(workspace)
        self.process = ProcessPage(workspace)
        self.tabs = QTabWidget()
        for widget, title, tip in (
            (self.stories, "User stories", "Care Connect user stories: As a … I want … so that"),
            (self.actors, "Actors and features", "The roles, systems and features stories use"),
            (self.use_cases, "Use cases", "Use cases and the use case diagram"),
            (self.process, "Business process", "The business process model as swimlanes"),
            (summary, "Notes and images", "The step's text and attached pictures"),
        ):
            self.tabs.setTabToolTip(self.tabs.addTab(widget, title), tip)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs)

    def set_engagement(self, engagement_id: int | None) -> None:
        for part in (
            self.header,
            self.text,
            self.attachments,
            self.stories,
            self.actors,
            self.use_cases,
            self.process,
        ):
            part.set_engagement(engagement_id)
