"""BPMN 2.0 → the business process: pools, lanes, every node kind, flows, layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.importers.conftest import SAMPLES, cli, snapshot
from workbook.db.store import Store
from workbook.errors import InputError
from workbook.importers.bpmn import import_bpmn, read_bpmn
from workbook.services import collections, engagements
from workbook.vocabulary import PROCESS_NODE_KINDS

BPMN = SAMPLES / "bpmn"
MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def process_of(store: Store, eid: int) -> dict[str, Any]:
    """The stored process as names: lanes, nodes with their lane, flows between node names."""
    lanes = {r["id"]: r["name"] for r in collections.rows(store, "process_lanes", eid)}
    nodes = collections.rows(store, "process_nodes", eid)
    names = {r["id"]: r["name"] or r["kind"] for r in nodes}
    return {
        "name": engagements.get(store, eid).process_name,
        "lanes": list(lanes.values()),
        "nodes": [
            (r["kind"], r["name"], lanes.get(r["lane_id"]), r["x"], r["y"], r["width"], r["height"])
            for r in nodes
        ],
        "flows": [
            (r["kind"], names[r["from_node_id"]], names[r["to_node_id"]], r["label"])
            for r in collections.rows(store, "process_flows", eid)
        ],
    }


def test_a_collaboration_with_every_kind_of_node(
    capsys, db_path: Path, store: Store, demo_id: int
) -> None:
    code, out, err = cli(
        capsys, db_path, "process", "import", demo_id, BPMN / "discharge-medicines.bpmn"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        'note: 1 business rule task kept as the nearest kind, with "(business rule task)" '
        "after the name",
        'note: 1 script task kept as the nearest kind, with "(script task)" after the name',
        'note: 1 call activity kept as the nearest kind, with "(call activity)" after the name',
        'note: 1 boundary event kept as the nearest kind, with "(boundary event)" after the name',
        'note: 1 complex gateway kept as the nearest kind, with "(complex gateway)" after the name',
        'note: 1 data store kept as the nearest kind, with "(data store)" after the name',
        'note: 1 group kept as the nearest kind, with "(group)" after the name',
        "lanes 3, nodes 30, flows 31",
    ]
    ward, pharmacy, gp = "Hospital: Ward", "Hospital: Pharmacy", "GP practice"
    stored = process_of(store, demo_id)
    assert stored["name"] == "Discharge medicines"
    assert stored["lanes"] == [ward, pharmacy, gp]  # the demo's three lanes are gone
    assert stored["nodes"] == [
        ("start_event", "Patient medically fit", ward, 232, 182, 36, 36),
        ("user_task", "Prescribe discharge medicines", ward, 300, 160, 100, 80),
        ("exclusive_gateway", "High-risk medicine?", ward, 435, 175, 50, 50),
        ("task", "Screen for interactions (business rule task)", pharmacy, 410, 360, 100, 80),
        ("parallel_gateway", None, pharmacy, 545, 375, 50, 50),
        ("subprocess", "Dispense medicines", pharmacy, 630, 345, 420, 120),
        # the sub-process's contents, in its lane
        ("start_event", None, pharmacy, 652, 387, 36, 36),
        ("task", "Print labels (script task)", pharmacy, 720, 365, 100, 80),
        ("service_task", "Update stock", pharmacy, 860, 365, 100, 80),
        ("end_event", None, pharmacy, 992, 387, 36, 36),
        ("subprocess", "Controlled drug check (call activity)", pharmacy, 520, 480, 100, 80),
        ("parallel_gateway", None, pharmacy, 1085, 380, 50, 50),
        ("intermediate_event", "Medicines ready", pharmacy, 1172, 387, 36, 36),
        ("intermediate_event", "Out of stock (boundary event)", pharmacy, 822, 447, 36, 36),
        ("service_task", "Order from wholesaler", pharmacy, 890, 490, 100, 80),
        ("end_event", "Order placed", pharmacy, 1032, 512, 36, 36),
        ("task", "Take medicines to ward", ward, 1140, 160, 100, 80),
        ("inclusive_gateway", "Counselling needed?", ward, 1275, 175, 50, 50),
        ("manual_task", "Counsel patient", ward, 1250, 240, 100, 80),
        ("inclusive_gateway", "(complex gateway)", ward, 1385, 175, 50, 50),
        ("send_task", "Send discharge summary", ward, 1470, 160, 100, 80),
        ("event_based_gateway", None, ward, 1605, 175, 50, 50),
        ("receive_task", "Answer GP query", ward, 1690, 100, 100, 80),
        ("intermediate_event", "48 hours", ward, 1712, 242, 36, 36),
        ("end_event", "Patient discharged", ward, 1802, 182, 36, 36),
        # not in a lane's flowNodeRefs: placed in the lane their shape is drawn in
        ("data_object", "Discharge prescription", ward, 332, 265, 36, 50),
        ("data_object", "EPMA (data store)", pharmacy, 245, 495, 50, 50),
        ("annotation", "Pharmacist screens within 2 hours", pharmacy, 290, 350, 100, 55),
        ("annotation", "Pharmacy work (group)", pharmacy, 395, 340, 700, 235),
        # the black-box pool, where message flows start and end
        ("task", "GP practice (pool)", gp, 160, 640, 1690, 100),
    ]
    assert {kind for kind, *_rest in stored["nodes"]} == set(PROCESS_NODE_KINDS)
    assert stored["flows"] == [
        ("message", "Send discharge summary", "GP practice (pool)", "Discharge summary"),
        ("message", "GP practice (pool)", "Answer GP query", "Medicines query"),
        ("association", "Prescribe discharge medicines", "Discharge prescription", None),
        (
            "association",
            "Discharge prescription",
            "Screen for interactions (business rule task)",
            None,
        ),
        ("sequence", "start_event", "Print labels (script task)", None),
        ("sequence", "Print labels (script task)", "Update stock", None),
        ("sequence", "Update stock", "end_event", None),
        (
            "association",
            "Pharmacist screens within 2 hours",
            "Screen for interactions (business rule task)",
            None,
        ),
        ("sequence", "Patient medically fit", "Prescribe discharge medicines", None),
        ("sequence", "Prescribe discharge medicines", "High-risk medicine?", None),
        (
            "sequence",
            "High-risk medicine?",
            "Screen for interactions (business rule task)",
            "Yes",
        ),
        ("sequence", "High-risk medicine?", "parallel_gateway", "No"),
        ("sequence", "Screen for interactions (business rule task)", "parallel_gateway", None),
        ("sequence", "parallel_gateway", "Dispense medicines", None),
        ("sequence", "parallel_gateway", "Controlled drug check (call activity)", None),
        ("sequence", "Dispense medicines", "parallel_gateway", None),
        ("sequence", "Controlled drug check (call activity)", "parallel_gateway", None),
        ("sequence", "parallel_gateway", "Medicines ready", None),
        ("sequence", "Medicines ready", "Take medicines to ward", None),
        ("sequence", "Out of stock (boundary event)", "Order from wholesaler", None),
        ("sequence", "Order from wholesaler", "Order placed", None),
        ("sequence", "Take medicines to ward", "Counselling needed?", None),
        ("sequence", "Counselling needed?", "Counsel patient", "Yes"),
        ("sequence", "Counselling needed?", "(complex gateway)", "No"),
        ("sequence", "Counsel patient", "(complex gateway)", None),
        ("sequence", "(complex gateway)", "Send discharge summary", None),
        ("sequence", "Send discharge summary", "event_based_gateway", None),
        ("sequence", "event_based_gateway", "Answer GP query", None),
        ("sequence", "event_based_gateway", "48 hours", None),
        ("sequence", "Answer GP query", "Patient discharged", None),
        ("sequence", "48 hours", "Patient discharged", None),
    ]


def test_a_model_without_layout_and_with_nested_lanes(store: Store) -> None:
    eid = engagements.create(store, "Triage")
    found = import_bpmn(store, eid, BPMN / "referral-triage.bpmn")
    assert (found.summary(), found.notes) == ("lanes 2, nodes 7, flows 6", ())
    booking, consultant = "Outpatients: Booking team", "Outpatients: Consultant"
    assert process_of(store, eid) == {
        "name": "Triage a referral",
        "lanes": [booking, consultant],
        "nodes": [
            ("start_event", "Referral received", booking, None, None, None, None),
            ("task", "Register referral", booking, None, None, None, None),
            ("user_task", "Review referral", consultant, None, None, None, None),
            ("exclusive_gateway", "Accept?", consultant, None, None, None, None),
            ("user_task", "Book appointment", booking, None, None, None, None),
            ("end_event", "Appointment booked", booking, None, None, None, None),
            ("end_event", "Referral returned", None, None, None, None, None),  # in no lane
        ],
        "flows": [
            ("sequence", "Referral received", "Register referral", None),
            ("sequence", "Register referral", "Review referral", None),
            ("sequence", "Review referral", "Accept?", None),
            ("sequence", "Accept?", "Book appointment", "Accepted"),
            ("sequence", "Accept?", "Referral returned", "Returned"),
            ("sequence", "Book appointment", "Appointment booked", None),
        ],
    }


def test_a_collapsed_sub_process_is_drawn_below_the_main_diagram(store: Store) -> None:
    found = read_bpmn(BPMN / "collapsed-subprocess.bpmn")
    assert found.process.lanes == []
    layout = [(n.name or n.kind, n.x, n.y) for n in found.process.nodes]
    # the main diagram ends at y=160; the sub-process's diagram starts 100 below
    assert layout == [
        ("Admitted", 152, 102),
        ("Take drug history", 240, 80),
        ("start_event", 180, 282),
        ("Ask the patient", 270, 260),
        ("end_event", 432, 282),
        ("Reconciled", 392, 102),
    ]


def write(folder: Path, body: str, name: str = "model.bpmn") -> Path:
    path = folder / name
    path.write_text(
        '<?xml version="1.0"?>\n'
        f'<definitions xmlns="{MODEL}" xmlns:v="urn:example:vendor" id="D">\n'
        f"{body}\n</definitions>\n",
        encoding="utf-8",
    )
    return path


def test_an_element_without_a_kind_is_kept_as_a_task_with_a_note(tmp_path: Path) -> None:
    model = write(
        tmp_path,
        """<process id="P">
  <v:robot id="V1" name="Vendor's own element"/>
  <startEvent id="S"/>
  <choreographyTask id="C" name="Exchange letters"/>
  <sequenceFlow id="F" sourceRef="S" targetRef="C"/>
  <sequenceFlow id="G" sourceRef="C" targetRef="V1"/>
</process>""",
    )
    found = read_bpmn(model)
    assert [(n.kind, n.name) for n in found.process.nodes] == [
        ("start_event", None),
        ("task", "Exchange letters (BPMN choreographyTask)"),
    ]
    assert found.notes == (
        '1 BPMN choreographyTask kept as the nearest kind, with "(BPMN choreographyTask)" '
        "after the name",
        'line 8: sequenceFlow G not kept: "V1" is not in the file',
    )
    assert found.summary() == "lanes 0, nodes 2, flows 1"


def test_a_pool_without_lanes_is_one_lane_and_lanes_keep_their_actor(
    store: Store, tmp_path: Path
) -> None:
    eid = engagements.create(store, "Pools")
    model = write(
        tmp_path,
        """<collaboration id="C">
  <participant id="Pharmacy" name="Community pharmacy" processRef="P"/>
</collaboration>
<process id="P"><task id="T" name="Dispense"/></process>""",
    )
    import_bpmn(store, eid, model)
    actor = collections.add(store, "actors", eid, name="Pharmacist")
    (lane,) = collections.rows(store, "process_lanes", eid)
    collections.update(store, "process_lanes", lane["id"], actor_id=actor)

    import_bpmn(store, eid, model)
    (lane,) = collections.rows(store, "process_lanes", eid)
    assert (lane["name"], lane["actor_id"]) == ("Community pharmacy", actor)
    assert process_of(store, eid)["nodes"] == [
        ("task", "Dispense", "Community pharmacy", None, None, None, None)
    ]


@pytest.mark.parametrize(
    ("body", "where", "what"),
    [
        (
            '<process id="P"><sequenceFlow id="F" sourceRef="A"/></process>',
            "line 3",
            "sequenceFlow without a sourceRef and a targetRef",
        ),
        (
            '<process id="P"><task id="T"/></process>\n'
            '<BPMNDiagram xmlns="http://www.omg.org/spec/BPMN/20100524/DI"><BPMNPlane>'
            '<BPMNShape bpmnElement="T">\n'
            '<Bounds xmlns="http://www.omg.org/spec/DD/20100524/DC" x="1" y="two" width="3" '
            'height="4"/></BPMNShape></BPMNPlane></BPMNDiagram>',
            "line 5",
            "a shape's x, y, width and height must all be numbers",
        ),
    ],
)
def test_a_broken_model_is_refused_at_its_line_and_changes_nothing(
    capsys,
    db_path: Path,
    store: Store,
    demo_id: int,
    tmp_path: Path,
    body: str,
    where: str,
    what: str,
) -> None:
    model = write(tmp_path, body)
    before = snapshot(store, demo_id)
    code, out, err = cli(capsys, db_path, "process", "import", demo_id, model)
    assert (code, out, err) == (1, "", f"workbook: {model}: {where}: {what}\n")
    assert snapshot(store, demo_id) == before


def test_a_file_that_is_not_bpmn_is_refused(store: Store, demo_id: int) -> None:
    sample = SAMPLES / "prescription.xml"
    with pytest.raises(InputError) as caught:
        import_bpmn(store, demo_id, sample)
    assert str(caught.value) == (
        f"{sample}: line 3: not a BPMN 2.0 model (the root element is Prescription, not "
        f"definitions in {MODEL})"
    )
