"""Every kind of diagram, laid out from the demo engagement and from generated data at the
largest sizes promised: nothing overlaps, every connector is attached, nothing spills out,
and each kind draws what its step records.
"""

from __future__ import annotations

import math

import pytest

from tests.diagrams.conftest import DEMO, STRESS, stress_diagram
from tests.diagrams.helpers import connectors, head, owned, text_of, texts
from workbook import diagrams
from workbook.db.store import Store
from workbook.diagrams import palette
from workbook.diagrams.checks import problems
from workbook.diagrams.model import Ellipse, Polygon, Polyline, Rect, Text
from workbook.diagrams.process import layout_process
from workbook.diagrams.references import references_between
from workbook.diagrams.sequence import layout_sequence
from workbook.diagrams.sources import (
    Lane,
    Message,
    Process,
    ProcessFlow,
    ProcessNode,
    Profile,
    SequenceFlow,
)
from workbook.errors import NotFoundError, UsageError
from workbook.services import engagements


@pytest.mark.parametrize(("kind", "name"), DEMO)
def test_the_demo_diagrams_keep_every_layout_promise(demo_diagrams, kind, name) -> None:
    assert problems(demo_diagrams[(kind, name)]) == []


@pytest.mark.slow
@pytest.mark.parametrize("case", list(STRESS))
def test_the_largest_diagrams_keep_every_layout_promise(case: str) -> None:
    assert problems(stress_diagram(case)) == []


@pytest.mark.parametrize(("kind", "name"), DEMO)
def test_the_demo_diagrams_fit_a4_text_width_at_most_a_fifth_over(
    demo_diagrams, kind, name
) -> None:
    assert demo_diagrams[(kind, name)].width <= palette.PAGE_WIDTH * 1.2


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (
            "problem",
            "Nothing to draw yet: add systems, people and flows to the problem statement (step 3).",
        ),
        (
            "system",
            "Nothing to draw yet: add systems and flows to the technical context (step 11).",
        ),
        ("process", "Nothing to draw yet: add lanes and the steps of the process (step 4)."),
        ("use-cases", "Nothing to draw yet: add use cases and their actors (step 4)."),
        ("sequence", "Nothing to draw yet: add a sequence (step 10)."),
        ("profiles", "Nothing to draw yet: add the profiles in scope (step 6)."),
    ],
)
def test_an_empty_step_draws_a_message_saying_what_to_add(store: Store, kind, message) -> None:
    diagram = diagrams.build(store, engagements.create(store, "New"), kind)
    text = next(p for p in diagram.primitives if isinstance(p, Text) and p.owner == "empty")
    frame = next(p for p in diagram.primitives if isinstance(p, Rect) and p.owner == "empty")
    assert " ".join(text.lines) == message
    assert text.box().cx == pytest.approx(frame.box().cx)
    assert text.box().cy == pytest.approx(frame.box().cy)
    assert problems(diagram) == []


def test_unknown_kinds_and_names_are_refused(store: Store, demo_id: int) -> None:
    with pytest.raises(UsageError, match=r'no diagram kind "erd"; the kinds are: problem, system'):
        diagrams.build(store, demo_id, "erd")
    with pytest.raises(UsageError, match="only sequence diagrams take a name"):
        diagrams.build(store, demo_id, "process", "Discharge medicines today")
    with pytest.raises(NotFoundError) as error:
        diagrams.build(store, demo_id, "sequence", "Nope")
    assert str(error.value) == (
        'no sequence named "Nope"; the sequences are: "Discharge medicines today", '
        '"GP practice retrieves discharge medication", "Post-discharge review referral"'
    )


# problem statement and technical context ---------------------------------------------------


def test_the_problem_statement_shows_issues_as_warnings_and_plans_dashed(demo_diagrams) -> None:
    diagram = demo_diagrams[("problem", None)]
    assert diagram.title == "Problem statement"
    lines = connectors(diagram)
    labels = {owner: text_of(diagram, owner) for owner in lines}
    issue = next(o for o, t in labels.items() if t == ["⚠ PDF discharge letter"])
    planned = next(o for o, t in labels.items() if t == ["Post-discharge review referral"])
    flow = next(o for o, t in labels.items() if t == ["Letter queued for coding"])
    assert lines[issue].style == palette.EDGE_STYLES["issue"]
    assert lines[planned].style.dash == palette.DASHED
    assert lines[flow].style == palette.EDGE_STYLES["flow"]
    assert sum(1 for t in texts(diagram) if t.startswith("⚠ ")) == 3
    assert texts(diagram)[-8:] == [
        "system",
        "person",
        "organisation",
        "store",
        "external",
        "flow",
        "issue (problem today)",
        "planned flow",
    ]


def test_each_kind_of_node_has_its_own_shape(demo_diagrams) -> None:
    diagram = demo_diagrams[("problem", None)]
    by_label = {text_of(diagram, key)[0]: key for key in diagram.outlines}
    store = by_label["Scanned document store"]
    assert diagram.outlines[store].kind == "cylinder"
    person = owned(diagram, by_label["Patient or carer"])
    assert [type(p).__name__ for p in person][:2] == ["Rect", "Polyline"]  # box, then stick figure
    assert any(isinstance(p, Ellipse) for p in person)
    organisation = owned(diagram, by_label["GP practice"])
    assert any(isinstance(p, Polygon) for p in organisation)  # the building
    external = owned(diagram, by_label["NHSmail / practice document workflow"])[0]
    assert external.style.dash == palette.DASHED
    system = owned(diagram, by_label["Hospital EPMA"])[0]
    assert isinstance(system, Rect) and system.radius == 6


def test_two_flows_between_the_same_systems_stay_apart(demo_diagrams) -> None:
    diagram = demo_diagrams[("system", None)]
    by_label = {
        " ".join(text_of(diagram, owner)): line for owner, line in connectors(diagram).items()
    }
    first = by_label["HL7 v2 ADT A03 discharge event"]
    second = by_label["⚠ Discharge summary XML export"]
    assert first.ends == second.ends
    assert first.points[0] != second.points[0]
    assert first.points[-1] != second.points[-1]


# business process --------------------------------------------------------------------------


def test_the_process_keeps_its_lanes_and_bpmn_shapes(demo_diagrams) -> None:
    diagram = demo_diagrams[("process", None)]
    assert diagram.title == "Discharge medication sharing (to-be)"
    lanes = [
        t
        for p in diagram.primitives
        if isinstance(p, Text) and p.owner.startswith("lane")
        for t in [" ".join(p.lines)]
    ]
    assert lanes[:1] == ["Hospital ward and pharmacy"]
    assert {"GP practice", "Community pharmacy"} <= set(lanes)
    kinds = {o.kind for o in diagram.outlines.values()}
    assert kinds == {"ellipse", "rect", "diamond"}
    end = next(p for p in diagram.primitives if isinstance(p, Ellipse) and p.style.width == 3.0)
    assert text_of(diagram, end.owner) in (
        ["GP record reconciled"],
        ["Review outcome recorded on Task"],
    )
    assert texts(diagram).count("Yes") == 2 and texts(diagram).count("No") == 2


def test_a_long_process_continues_below_through_lettered_link_events(demo_diagrams) -> None:
    diagram = demo_diagrams[("process", None)]
    throws = {
        o.removesuffix(":out"): text_of(diagram, o) for o in diagram.outlines if o.endswith(":out")
    }
    catches = {
        o.removesuffix(":in"): text_of(diagram, o) for o in diagram.outlines if o.endswith(":in")
    }
    assert throws == catches
    assert sorted(t[0] for t in throws.values()) == ["A", "B", "C", "D"]
    tops = {o: diagram.outlines[o].box.y0 for o in diagram.outlines}
    assert all(tops[f"{f}:in"] > tops[f"{f}:out"] for f in throws)  # each part below the last


def _small_process(bounds: bool) -> Process:
    def node(key, kind, lane, x, name=None):
        return ProcessNode(key, kind, name or key, lane, (x, 60.0, 100.0, 80.0) if bounds else None)

    return Process(
        "Small",
        (Lane("a", "Ward"), Lane("b", "Pharmacy")),
        (
            node("s", "start_event", "a", 0),
            node("t", "user_task", "a", 150, "Prescribe"),
            node("g", "exclusive_gateway", "a", 300, "Risky?"),
            node("u", "service_task", "b", 450, "Review"),
            node("x", "data_object", None, 450, "Letter"),
            node("e", "end_event", "b", 600),
        ),
        (
            ProcessFlow("1", "s", "t"),
            ProcessFlow("2", "t", "g"),
            ProcessFlow("3", "g", "u", "Yes"),
            ProcessFlow("4", "u", "e"),
            ProcessFlow("5", "u", "t", "Again", "message"),
            ProcessFlow("6", "x", "u", None, "association"),
        ),
    )


def test_an_imported_layout_is_kept_scaled_to_the_page() -> None:
    diagram = layout_process(_small_process(bounds=True))
    assert problems(diagram) == []
    centres = {k: diagram.outlines[k].box.cx for k in ("s", "t", "g", "u", "e")}
    step = centres["t"] - centres["s"]
    assert [round(c - centres["s"], 3) for c in centres.values()] == [
        round(step * i, 3) for i in range(5)
    ]  # the file's even spacing, scaled
    assert diagram.outlines["t"].box.width == pytest.approx(100 * step / 150)  # and task size
    assert diagram.width <= math.ceil(palette.PAGE_WIDTH)


def test_without_a_layout_nodes_go_left_to_right_by_flow_with_a_lane_for_the_laneless() -> None:
    diagram = layout_process(_small_process(bounds=False))
    assert problems(diagram) == []
    x = {k: diagram.outlines[k].box.cx for k in ("s", "t", "g", "u", "e")}
    assert x["s"] < x["t"] < x["g"] < x["u"] < x["e"]  # the message flow back does not count
    lanes = [p for p in diagram.primitives if isinstance(p, Rect) and p.role == "container"]
    assert len({p.owner for p in lanes}) == 3  # Ward, Pharmacy and one with no name
    flows = connectors(diagram)
    assert flows["5"].style.dash == palette.DASHED and isinstance(head(diagram, "5"), Polyline)
    assert flows["6"].style.dash == palette.DOTTED and head(diagram, "6") is None
    assert isinstance(head(diagram, "1"), Polygon)


# use cases ---------------------------------------------------------------------------------


def test_use_cases_sit_in_the_system_with_actors_either_side(demo_diagrams) -> None:
    diagram = demo_diagrams[("use-cases", None)]
    boundary = next(p for p in diagram.primitives if p.owner == "system" and isinstance(p, Rect))
    assert text_of(diagram, "system") == [
        "Sharing discharge medication with GP practices and community pharmacies"
    ]
    cases = [k for k, o in diagram.outlines.items() if o.kind == "ellipse"]
    assert len(cases) == 5
    assert all(boundary.box().x0 < diagram.outlines[k].box.x0 for k in cases)
    actors = [k for k, o in diagram.outlines.items() if o.kind == "rect"]
    names = {k: text_of(diagram, k) for k in actors}
    assert names[next(k for k in actors if names[k][0] == "Doctor")] == [
        "Doctor",
        "(Hospital Services)",
    ]
    left = {names[k][0] for k in actors if diagram.outlines[k].box.x1 < boundary.x}
    right = {
        names[k][0] for k in actors if diagram.outlines[k].box.x0 > boundary.x + boundary.width
    }
    assert left == {
        "General Practitioner",
        "Practice Pharmacist",
        "Pharmacist",
        "Patient",
        "Doctor",
    }
    assert right == {
        "GP Clinical System",
        "Community Pharmacy System",
        "Hospital EPMA",
        "Northfield and Wyre Teaching Hospitals",
    }
    associations = [c for c in connectors(diagram).values() if c.ends[0] in actors]
    assert len(associations) == 18


def test_include_and_extend_are_dashed_open_arrows_with_their_names(demo_diagrams) -> None:
    diagram = demo_diagrams[("use-cases", None)]
    dependencies = {o: c for o, c in connectors(diagram).items() if "«" in o}
    assert sorted(text_of(diagram, o)[0] for o in dependencies) == [
        "«extend»",
        "«extend»",
        "«include»",
        "«include»",
    ]
    for owner, line in dependencies.items():
        assert line.style.dash == palette.DASHED
        assert isinstance(head(diagram, owner), Polyline)


# sequences ---------------------------------------------------------------------------------


def test_a_sequence_numbers_its_messages_and_draws_each_kind_its_way(demo_diagrams) -> None:
    diagram = demo_diagrams[("sequence", "Discharge medicines today")]
    assert diagram.title == "As-is: Discharge medicines today"
    messages = [t for t in texts(diagram) if t[:2] in {f"{i}." for i in range(1, 10)}]
    assert messages == [
        "1. Prescribe discharge medicines and finalise letter",
        "2. Printed copy of the discharge letter",
        "3. PDF letter by NHSmail",
        "4. Repeat prescription from the pre-admission template (EPS)",
        "5. Shows paper copy, if remembered",
        "6. Telephones to query a discrepancy",
        "7. Call back after finding the scanned letter",
    ]
    lines = connectors(diagram)
    assert isinstance(head(diagram, "msg1"), Polygon) and lines["msg1"].style.dash == ()  # call
    assert isinstance(head(diagram, "msg2"), Polyline) and lines["msg2"].style.dash == ()  # async
    assert lines["msg7"].style.dash == palette.DASHED  # reply
    assert all(
        len(line.points) == 2 and line.points[0][1] == line.points[1][1] for line in lines.values()
    )
    assert text_of(diagram, "note3") == ["Arrives 1–5 days later; scanned and re-keyed by hand."]
    lifelines = [p for p in diagram.primitives if p.role == "container"]
    assert len(lifelines) == 5 and all(p.style.dash for p in lifelines)


def test_a_sequence_is_chosen_by_name_and_titled_by_its_variant(demo_diagrams) -> None:
    assert demo_diagrams[("sequence", "Post-discharge review referral")].title == (
        "To-be: Post-discharge review referral"
    )


def test_a_message_to_oneself_loops_back_and_unlisted_participants_are_added() -> None:
    flow = SequenceFlow(
        "Loops",
        None,
        ("EPMA",),
        (Message("EPMA", "EPMA", "Check interactions"), Message("EPMA", "GP", "Send", "async")),
    )
    diagram = layout_sequence(flow)
    assert diagram.title == "Loops"
    loop = connectors(diagram)["msg1"]
    assert loop.ends == ("life0", "life0") and len(loop.points) == 4
    assert text_of(diagram, "part1") == ["GP"]
    assert problems(diagram) == []


# profiles ----------------------------------------------------------------------------------


def test_profiles_show_their_mapped_elements_and_references(demo_diagrams) -> None:
    diagram = demo_diagrams[("profiles", None)]
    boxes = {text_of(diagram, k)[0]: k for k in diagram.outlines}
    assert len(boxes) == 10
    statement = text_of(diagram, boxes["CareConnect-MedicationStatement-1"])
    assert statement == [
        "CareConnect-MedicationStatement-1",
        "MedicationStatement",
        "dateAsserted",
        "informationSource",
        "medicationReference",
        "extension",
        "status",
        "dosage.doseQuantity",
        "dosage.timing.repeat.frequency",
        "dosage.route.coding.code",
        "+ 2 more",
    ]
    assert text_of(diagram, boxes["Task"]) == ["Task", "owner", "description", "status"]
    arrows = {
        (text_of(diagram, c.ends[0])[0], text_of(diagram, c.ends[1])[0]): text_of(diagram, o)
        for o, c in connectors(diagram).items()
    }
    assert arrows[("CareConnect-MedicationRequest-1", "CareConnect-Patient-1")] == ["subject"]
    assert arrows[("Task", "CareConnect-Patient-1")] == ["for"]
    assert arrows[("CareConnect-Patient-1", "CareConnect-Organization-1")] == [
        "generalPractitioner, managingOrganization"
    ]


def test_references_go_to_the_first_target_type_in_scope_and_to_each_profile_of_it() -> None:
    request = Profile("r", "Request", "MedicationRequest")
    patients = [Profile("p1", "Patient A", "Patient"), Profile("p2", "Patient B", "Patient")]
    organisation = Profile("o", "Org", "Organization")
    found = references_between([request, *patients, organisation, Profile("x", "X", None)])
    assert [(a.key, element, b.key) for a, element, b in found] == [
        ("r", "subject", "p1"),
        ("r", "subject", "p2"),
        ("r", "requester.agent", "o"),  # no Practitioner in scope: the next type it may be
        ("p1", "generalPractitioner", "o"),
        ("p1", "managingOrganization", "o"),
        ("p2", "generalPractitioner", "o"),
        ("p2", "managingOrganization", "o"),
    ]
