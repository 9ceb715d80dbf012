"""Step 9: API signatures, their search parameters and responses, and the stories they serve."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListView, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ui.models.collection_model import CollectionTableModel, Column, fixed_choices
from ui.models.link_model import LinkListModel
from ui.pages.step_page import StepPage
from ui.widgets.collection_editor import CollectionEditor
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.errors import NotFoundError
from workbook.services import collections, stories
from workbook.services.api import request_line


class ApiDesignEditor(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.signature_id: int | None = None
        self.signatures = CollectionTableModel(
            workspace,
            "api_signatures",
            [
                Column(
                    "method",
                    "Method",
                    "The HTTP method",
                    kind="choice",
                    choices=fixed_choices(v.HTTP_METHODS, blank=False),
                ),
                Column("path", "Path", "Relative to [baseUrl], e.g. /MedicationRequest"),
                Column("description", "Description", "What the call is for"),
                Column("result", "Result", "What comes back, e.g. a searchset Bundle of …"),
            ],
            "API signature",
            label_field="path",
        )
        self.parameters = CollectionTableModel(
            workspace,
            "search_parameters",
            [
                Column("name", "Parameter", "The search parameter, e.g. patient.identifier"),
                Column(
                    "type",
                    "Type",
                    "The FHIR search parameter type",
                    kind="choice",
                    choices=fixed_choices(v.SEARCH_PARAMETER_TYPES),
                ),
                Column("value", "Example value", "A made-up example, shown in the request line"),
                Column("required", "Required", "Ticked when every call must give it", kind="bool"),
            ],
            "search parameter",
        )
        self.responses = CollectionTableModel(
            workspace,
            "api_responses",
            [
                Column("code", "Code", "The HTTP status code, e.g. 200", kind="number"),
                Column("meaning", "Meaning", "When the server answers with it"),
            ],
            "response",
            label_field="code",
        )
        signatures = CollectionEditor(
            self.signatures,
            lambda: {"method": "GET", "path": "/Resource"},
            noun="API signature",
            stretch_column=2,
            hint="The calls the solution offers, relative to [baseUrl]",
        )
        self.signatures_editor = signatures
        parameters = CollectionEditor(
            self.parameters,
            lambda: {"name": "parameter", "type": "token"},
            noun="search parameter",
            stretch_column=2,
        )
        self.parameters_editor = parameters
        responses = CollectionEditor(
            self.responses,
            lambda: {"code": 200},
            noun="response",
            stretch_column=1,
        )
        self.responses_editor = responses
        self.stories = LinkListModel(
            workspace,
            "api_signatures",
            "user_stories",
            lambda eid: [
                (r.id, f"{r.ref} {r.sentence}".strip())
                for r in stories.story_rows(workspace.store, eid)
            ],
            ("user_stories",),
            "story",
        )
        stories_view = QListView()
        stories_view.setModel(self.stories)
        stories_view.setToolTip("Tick the user stories the selected call serves")
        self.preview = QLabel()
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("font-family: monospace; padding: 4px; background: #f4f4f4;")
        self.preview.setToolTip("The request a client makes, with the parameters' example values")
        details = QTabWidget()
        details.addTab(parameters, "Search parameters")
        details.addTab(responses, "Responses")
        details.addTab(stories_view, "Stories served")
        for i, tip in enumerate(
            (
                "Search parameters of the selected call, with type and example value",
                "The HTTP status codes the selected call answers with",
                "The user stories the selected call serves",
            )
        ):
            details.setTabToolTip(i, tip)
        self.details = details
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel("<b>Request line</b>"))
        lower_layout.addWidget(self.preview)
        lower_layout.addWidget(details, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(signatures)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        signatures.current_changed.connect(self.show_signature)
        workspace.changed.connect(
            lambda kind: kind in ("api_signatures", "search_parameters") and self._preview()
        )

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.signatures.set_owner(engagement_id)
        if self.signatures.rowCount() and self.signatures_editor.current_id() is None:
            self.signatures_editor.select_id(self.signatures.row_dict(0)["id"])
        self.show_signature(self.signatures_editor.current_id())

    def show_signature(self, signature_id: int | None) -> None:
        self.signature_id = signature_id
        self.parameters.set_owner(signature_id)
        self.responses.set_owner(signature_id)
        self.stories.show(self.engagement_id, signature_id)
        self._preview()

    def _preview(self) -> None:
        if self.signature_id is None:
            self.preview.setText("Select a signature")
            return
        store = self.workspace.store
        try:
            signature = collections.get(store, "api_signatures", self.signature_id)
        except NotFoundError:
            return
        parameters = collections.rows(store, "search_parameters", self.signature_id)
        self.preview.setText(request_line(signature["method"], signature["path"], parameters))


def api_design_page(workspace: Workspace) -> StepPage:
    return StepPage(workspace, "api_design", ApiDesignEditor(workspace), "API signatures")
