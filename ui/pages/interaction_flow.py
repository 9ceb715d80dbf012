"""Step 10: the sequences (as-is and to-be), their steps, and the sequence diagram."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QPushButton, QSplitter, QVBoxLayout, QWidget

from ui.models.collection_model import CollectionTableModel, Column, fixed_choices
from ui.models.list_table import ListColumnsTableModel
from ui.pages.step_page import StepPage
from ui.undo import AddRow, UpdateRow
from ui.widgets.collection_editor import CollectionEditor
from ui.widgets.diagram_pane import DiagramPane
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.errors import NotFoundError
from workbook.services import collections


class InteractionFlowEditor(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.sequences = ListColumnsTableModel(
            workspace,
            "sequences",
            [
                Column("name", "Sequence", "e.g. Discharge medicines today"),
                Column(
                    "variant",
                    "Variant",
                    "as is (today) or to be (with the solution)",
                    kind="choice",
                    choices=fixed_choices(v.SEQUENCE_VARIANTS),
                ),
                Column(
                    "participants",
                    "Participants",
                    "Who takes part, left to right, separated by commas",
                    kind="list",
                ),
            ],
            "sequence",
        )
        self.steps = CollectionTableModel(
            workspace,
            "sequence_steps",
            [
                Column(
                    "from_participant", "From", "Who sends", kind="choice", choices=self._people
                ),
                Column("to_participant", "To", "Who receives", kind="choice", choices=self._people),
                Column("message", "Message", "What is sent or asked for"),
                Column(
                    "kind",
                    "Kind",
                    "call, reply or async (no answer awaited)",
                    kind="choice",
                    choices=fixed_choices(v.SEQUENCE_STEP_KINDS),
                ),
                Column("note", "Note", "Drawn beside the step, e.g. a risk"),
            ],
            "sequence step",
            label_field="message",
            also_refresh_on=("sequences",),
        )
        self.sequences_editor = CollectionEditor(
            self.sequences,
            lambda: {"name": "New sequence", "variant": "to_be", "participants": []},
            noun="sequence",
            stretch_column=2,
            hint="Each sequence is one diagram; list its participants first",
        )
        self.steps_editor = CollectionEditor(
            self.steps,
            self._new_step,
            noun="step",
            stretch_column=2,
            hint="The messages of the selected sequence, top to bottom",
        )
        from_api = QPushButton("Create from API signature…")
        from_api.setToolTip(
            "Add a call and its reply for one of the API signatures of step 9 to this sequence"
        )
        from_api.clicked.connect(lambda: self.add_from_signature())
        self.steps_editor.layout().addWidget(from_api)
        self.diagram = DiagramPane(workspace, "sequence", ("sequences", "sequence_steps"))
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(self.sequences_editor)
        tables.addWidget(self.steps_editor)
        tables.setSizes([200, 400])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(tables)
        splitter.addWidget(self.diagram)
        splitter.setSizes([560, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.sequences_editor.current_changed.connect(self.show_sequence)

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.sequences.set_owner(engagement_id)
        if self.sequences.rowCount() and self.sequences_editor.current_id() is None:
            self.sequences_editor.select_id(self.sequences.row_dict(0)["id"])
        self.show_sequence(self.sequences_editor.current_id())

    def _sequence(self) -> dict | None:
        sequence_id = self.sequences_editor.current_id()
        if sequence_id is None:
            return None
        try:
            return collections.get(self.workspace.store, "sequences", sequence_id)
        except NotFoundError:
            return None

    def _people(self) -> list[tuple[str, str]]:
        sequence = self._sequence()
        return [(p, p) for p in (sequence["participants"] if sequence else [])]

    def show_sequence(self, sequence_id: int | None) -> None:
        self.steps.set_owner(sequence_id)
        sequence = self._sequence()
        self.diagram.set_engagement(self.engagement_id, sequence["name"] if sequence else None)

    def _new_step(self) -> dict | None:
        people = [p for p, _ in self._people()]
        if not people:
            self.workspace.failed.emit("List the sequence's participants first, then its steps.")
            return None
        return {
            "from_participant": people[0],
            "to_participant": people[-1],
            "message": "",
            "kind": "call",
        }

    def add_from_signature(self, signature_id: int | None = None) -> bool:
        """Add the request and the reply of one API signature, as one undo step."""
        sequence = self._sequence()
        if sequence is None or self.engagement_id is None:
            return False
        store = self.workspace.store
        signatures = collections.rows(store, "api_signatures", self.engagement_id)
        if not signatures:
            self.workspace.failed.emit("Design the API signatures in step 9 first.")
            return False
        if signature_id is None:
            labels = [f"{s['method']} {s['path']}" for s in signatures]
            chosen, ok = QInputDialog.getItem(
                self, "Create from API signature", "API signature:", labels, 0, False
            )
            if not ok:
                return False
            signature_id = signatures[labels.index(chosen)]["id"]
        signature = next(s for s in signatures if s["id"] == signature_id)
        people = sequence["participants"]
        client, server = ("Client", "Server") if len(people) < 2 else (people[0], people[1])
        if len(people) < 2:
            self.workspace.failed.emit(
                "The sequence has fewer than two participants; "
                "the steps use Client and Server: rename them in the participants."
            )
        request = f"{signature['method']} {signature['path']}"
        stack = self.workspace.undo_stack
        stack.beginMacro(f"Add {request} to {sequence['name']}")
        if len(people) < 2:
            participants = list(dict.fromkeys([*people, client, server]))
            self.workspace.push(
                UpdateRow(
                    self.workspace,
                    "Add participants",
                    "sequences",
                    sequence["id"],
                    participants=participants,
                )
            )
        for sender, receiver, message, kind in (
            (client, server, request, "call"),
            (server, client, signature["result"] or "Response", "reply"),
        ):
            self.workspace.push(
                AddRow(
                    self.workspace,
                    f"Add step {message}",
                    "sequence_steps",
                    sequence["id"],
                    None,
                    from_participant=sender,
                    to_participant=receiver,
                    message=message,
                    kind=kind,
                )
            )
        stack.endMacro()
        return True


def interaction_flow_page(workspace: Workspace) -> StepPage:
    return StepPage(workspace, "interaction_flow", InteractionFlowEditor(workspace), "Sequences")
