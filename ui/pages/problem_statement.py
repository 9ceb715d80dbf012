"""Steps 3 and 11: text, and systems, people and flows as a diagram (step 11 also lists
every story's acceptance criteria)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from ui.models.collection_model import CollectionTableModel, Column, fixed_choices
from ui.widgets.attachments import AttachmentsPanel
from ui.widgets.collection_editor import CollectionEditor
from ui.widgets.criteria_review import CriteriaReview
from ui.widgets.diagram_pane import DiagramPane
from ui.widgets.markdown_editor import MarkdownEditor
from ui.widgets.step_header import StepHeader
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.services import collections
from workbook.steps import STEPS_BY_KEY

DIAGRAM_KIND = {"problem_statement": "problem", "technical_context": "system"}


class GraphEditor(QWidget):
    """Tables of a step's boxes and arrows, with the diagram drawn beside them."""

    def __init__(self, workspace: Workspace, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.key = workspace, key
        self.engagement_id: int | None = None
        scope = {"stage_key": key}
        self.nodes = CollectionTableModel(
            workspace,
            "graph_nodes",
            [
                Column("label", "Name", "The system, person, organisation or store"),
                Column(
                    "kind",
                    "Kind",
                    "What it is; each kind has its own shape",
                    kind="choice",
                    choices=fixed_choices(v.GRAPH_NODE_KINDS),
                ),
                Column("note", "Note", "Anything the diagram should not show but you should know"),
            ],
            "box",
            scope=scope,
            label_field="label",
        )
        self.edges = CollectionTableModel(
            workspace,
            "graph_edges",
            [
                Column(
                    "from_node_id",
                    "From",
                    "Where the information starts",
                    kind="choice",
                    choices=self._node_choices,
                ),
                Column(
                    "to_node_id", "To", "Where it goes", kind="choice", choices=self._node_choices
                ),
                Column("label", "What flows", "e.g. Discharge summary (fax)"),
                Column(
                    "kind",
                    "Kind",
                    "flow, issue (drawn as a warning) or planned (dashed)",
                    kind="choice",
                    choices=fixed_choices(v.GRAPH_EDGE_KINDS),
                ),
                Column("note", "Note", "The problem with this flow, for issues"),
            ],
            "flow",
            scope=scope,
            label_field="label",
            also_refresh_on=("graph_nodes",),
        )
        nodes = CollectionEditor(
            self.nodes,
            lambda: {"label": "New system", "kind": "system"},
            noun="box",
            stretch_column=2,
            hint="Systems, people, organisations and stores",
        )
        edges = CollectionEditor(
            self.edges,
            self._new_edge,
            noun="flow",
            stretch_column=4,
            hint="Flows of information between them; mark problems as "
            "issues and future flows as planned",
        )
        self.diagram = DiagramPane(workspace, DIAGRAM_KIND[key], ("graph_nodes", "graph_edges"))
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(nodes)
        tables.addWidget(edges)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(tables)
        splitter.addWidget(self.diagram)
        splitter.setSizes([520, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _node_choices(self) -> list[tuple[int | None, str]]:
        if self.engagement_id is None:
            return []
        rows = collections.rows(
            self.workspace.store, "graph_nodes", self.engagement_id, stage_key=self.key
        )
        return [(r["id"], r["label"]) for r in rows]

    def _new_edge(self) -> dict | None:
        choices = self._node_choices()
        if len(choices) < 1:
            self.workspace.failed.emit("Add the systems and people first, then the flows.")
            return None
        first, last = choices[0][0], choices[-1][0]
        return {"from_node_id": first, "to_node_id": last, "kind": "flow"}

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.nodes.set_owner(engagement_id)
        self.edges.set_owner(engagement_id)
        self.diagram.set_engagement(engagement_id)


class GraphStepPage(QWidget):
    """Step 3 (problem statement) and step 11 (technical context): text plus a diagram."""

    def __init__(self, workspace: Workspace, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        step = STEPS_BY_KEY[key]
        self.header = StepHeader(workspace, step)
        self.text = MarkdownEditor(workspace, key, step.title)
        self.attachments = AttachmentsPanel(workspace, key)
        self.graph = GraphEditor(workspace, key)
        text_tab = QWidget()
        text_layout = QVBoxLayout(text_tab)
        text_layout.addWidget(self.text, 1)
        text_layout.addWidget(self.attachments)
        tabs = QTabWidget()
        tabs.addTab(text_tab, "Statement")
        tabs.addTab(self.graph, "Diagram")
        tabs.setTabToolTip(1, "The systems, people and flows, drawn as a diagram")
        self.parts: list[QWidget] = [self.header, self.text, self.attachments, self.graph]
        if key == "technical_context":
            self.criteria = CriteriaReview(workspace)
            tabs.addTab(self.criteria, "Acceptance criteria")
            tabs.setTabToolTip(2, "Every story's acceptance criteria and their tests, to review")
            self.parts.append(self.criteria)
        self.tabs = tabs
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(tabs)

    def set_engagement(self, engagement_id: int | None) -> None:
        for part in self.parts:
            part.set_engagement(engagement_id)  # type: ignore[attr-defined]
