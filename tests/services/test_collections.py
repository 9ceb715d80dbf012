"""Editing collections through the service layer: order, validation, references, deletes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import IntegrityError, InvalidValueError, NotFoundError
from workbook.services import collections as c
from workbook.services import dataset, engagements, stages
from workbook.services.registry import COLLECTIONS


@pytest.fixture
def eid(store: Store) -> int:
    return engagements.create(store, "Discharge medicines", client_name="Northfield")


def _names(store: Store, kind: str, owner: int, **scope: object) -> list[str]:
    return [r["name"] for r in c.rows(store, kind, owner, **scope)]


def test_rows_keep_the_order_the_analyst_gives_them(store: Store, eid: int) -> None:
    for name in ("GP", "Pharmacist", "Nurse"):
        c.add(store, "actors", eid, name=name)
    consultant = c.add(store, "actors", eid, name="Consultant", position=0)
    assert _names(store, "actors", eid) == ["Consultant", "GP", "Pharmacist", "Nurse"]
    c.move(store, "actors", consultant, 3)
    assert _names(store, "actors", eid) == ["GP", "Pharmacist", "Nurse", "Consultant"]
    snapshot = c.delete(store, "actors", c.rows(store, "actors", eid)[1]["id"])
    assert _names(store, "actors", eid) == ["GP", "Nurse", "Consultant"]
    c.restore(store, snapshot)
    assert _names(store, "actors", eid) == ["GP", "Pharmacist", "Nurse", "Consultant"]
    c.add(store, "actors", eid, name="Midwife", position=1)
    assert _names(store, "actors", eid) == ["GP", "Midwife", "Pharmacist", "Nurse", "Consultant"]


def test_values_outside_the_schema_are_refused(store: Store, eid: int) -> None:
    story = c.add(store, "user_stories", eid, requirement="see the discharge medicines")
    with pytest.raises(InvalidValueError, match="priority must be one of must, should"):
        c.update(store, "user_stories", story, priority="urgent")
    with pytest.raises(InvalidValueError, match="name cannot be empty"):
        c.add(store, "actors", eid, name="  ")
    with pytest.raises(InvalidValueError, match="has no field colour"):
        c.add(store, "actors", eid, name="GP", colour="red")
    with pytest.raises(InvalidValueError, match="sensitive must be true or false"):
        c.add(store, "data_items", eid, name="NHS number", sensitive="yes")
    assert c.get(store, "user_stories", story)["priority"] is None


def test_references_into_another_engagement_are_refused(store: Store, eid: int) -> None:
    other = engagements.create(store, "Other")
    stranger = c.add(store, "actors", other, name="Stranger")
    story = c.add(store, "user_stories", eid, requirement="x")
    with pytest.raises(InvalidValueError, match="no actor with id"):
        c.update(store, "user_stories", story, actor_id=stranger)
    item = c.add(store, "data_items", other, name="Elsewhere")
    with pytest.raises(InvalidValueError, match="no data item"):
        c.set_links(store, "user_stories", story, "data_items", [item])


def test_child_lists_belong_to_their_parent(store: Store, eid: int) -> None:
    story = c.add(store, "user_stories", eid, requirement="see allergies")
    c.add(store, "acceptance_criteria", story, text="allergies shown first", kind="clinical")
    c.add(store, "acceptance_criteria", story, text="coded in SNOMED CT", kind="technical")
    texts = [r["text"] for r in c.rows(store, "acceptance_criteria", story)]
    assert texts == ["allergies shown first", "coded in SNOMED CT"]


def test_deleting_an_actor_clears_it_from_stories_and_lanes(store: Store, eid: int) -> None:
    actor = c.add(store, "actors", eid, name="Pharmacist")
    story = c.add(
        store, "user_stories", eid, requirement="x", actor_id=actor, secondary_actor_id=actor
    )
    lane = c.add(store, "process_lanes", eid, name="Pharmacy", actor_id=actor)
    use_case = c.add(store, "use_cases", eid, name="Reconcile")
    c.set_links(store, "use_cases", use_case, "actors", [actor])
    c.delete(store, "actors", actor)
    assert c.get(store, "user_stories", story)["actor_id"] is None
    assert c.get(store, "user_stories", story)["secondary_actor_id"] is None
    assert c.get(store, "process_lanes", lane)["actor_id"] is None
    assert c.links(store, "use_cases", use_case, "actors") == []


def test_deleting_a_data_item_takes_its_subtree_mappings_and_links(store: Store, eid: int) -> None:
    group = c.add(store, "data_items", eid, name="Medication item", data_type="group")
    dose = c.add(store, "data_items", eid, name="Dose", parent_id=group)
    keep = c.add(store, "data_items", eid, name="NHS number")
    c.add(
        store,
        "mappings",
        eid,
        data_item_id=dose,
        profile="MedicationStatement",
        element_path="MedicationStatement.dosage",
    )
    c.add(
        store,
        "mappings",
        eid,
        data_item_id=keep,
        profile="Patient",
        element_path="Patient.identifier",
    )
    story = c.add(store, "user_stories", eid, requirement="x")
    c.set_links(store, "user_stories", story, "data_items", [dose, keep])
    request = c.add(store, "change_requests", eid, summary="dose text")
    c.set_links(store, "change_requests", request, "data_items", [dose])

    impact = dataset.deletion_impact(store, group)
    assert (impact.items, impact.mappings, impact.story_links, impact.change_request_links) == (
        2,
        1,
        1,
        1,
    )
    assert (
        impact.describe()
        == "2 data items, 1 mapping, 1 link from stories, 1 link(s) from change requests"
    )

    c.delete(store, "data_items", group)

    assert [r["name"] for r in dataset.tree(store, eid)] == ["NHS number"]
    assert [r["data_item_id"] for r in c.rows(store, "mappings", eid)] == [keep]
    assert c.links(store, "user_stories", story, "data_items") == [keep]
    assert c.links(store, "change_requests", request, "data_items") == []


def test_the_dataset_tree_moves_indents_and_refuses_cycles(store: Store, eid: int) -> None:
    patient = c.add(store, "data_items", eid, name="Patient")
    nhs = c.add(store, "data_items", eid, name="NHS number")
    name = c.add(store, "data_items", eid, name="Name")
    dataset.indent(store, nhs)
    dataset.indent(store, name)
    assert [(r["name"], r["depth"]) for r in dataset.tree(store, eid)] == [
        ("Patient", 0),
        ("NHS number", 1),
        ("Name", 1),
    ]
    dataset.indent(store, name)
    assert [(r["name"], r["depth"]) for r in dataset.tree(store, eid)][-1] == ("Name", 2)
    dataset.outdent(store, name)
    dataset.outdent(store, name)
    assert [(r["name"], r["depth"]) for r in dataset.tree(store, eid)] == [
        ("Patient", 0),
        ("NHS number", 1),
        ("Name", 0),
    ]
    with pytest.raises(IntegrityError, match='cannot move "Patient" inside itself'):
        dataset.move(store, patient, nhs)
    dataset.move(store, name, patient, 0)
    assert [r["name"] for r in dataset.tree(store, eid)] == ["Patient", "Name", "NHS number"]


def test_graph_edges_stay_within_their_own_diagram(store: Store, eid: int) -> None:
    a = c.add(store, "graph_nodes", eid, stage_key="problem_statement", label="EPMA")
    b = c.add(store, "graph_nodes", eid, stage_key="technical_context", label="FHIR server")
    with pytest.raises(InvalidValueError, match="another diagram"):
        c.add(
            store, "graph_edges", eid, stage_key="problem_statement", from_node_id=a, to_node_id=b
        )
    assert _names_of_graph(store, eid, "problem_statement") == ["EPMA"]


def _names_of_graph(store: Store, eid: int, key: str) -> list[str]:
    return [r["label"] for r in c.rows(store, "graph_nodes", eid, stage_key=key)]


def test_a_use_case_cannot_include_itself(store: Store, eid: int) -> None:
    use_case = c.add(store, "use_cases", eid, name="View medicines")
    with pytest.raises(InvalidValueError, match="cannot include itself"):
        c.set_links(store, "use_cases", use_case, "includes", [use_case])


def test_every_edit_moves_the_engagement_up_the_recent_list(store: Store, eid: int) -> None:
    older = engagements.create(store, "Older")
    with store.session() as session:
        session.get(m.Engagement, eid).updated = m.utcnow().replace(year=2020)
    assert engagements.summaries(store)[0].id == older
    stages.set_text(store, eid, "client_context", "A district general hospital.")
    assert engagements.summaries(store)[0].id == eid


def test_deleting_an_engagement_deletes_everything_in_it(store: Store, demo_id: int) -> None:
    kept = engagements.create(store, "Kept")
    c.add(store, "actors", kept, name="GP")
    engagements.delete(store, demo_id)
    with store.session() as session:
        for spec in COLLECTIONS.values():
            total = session.scalar(select(func.count()).select_from(spec.model))
            expected = 1 if spec.name == "actors" else 0
            assert total == expected, spec.name
        assert session.scalar(select(func.count()).select_from(m.Stage)) == 15
        assert session.scalar(select(func.count()).select_from(m.UseCaseLink)) == 0
    with pytest.raises(NotFoundError):
        engagements.get(store, demo_id)
