"""Completeness: each step's formal outputs, once the step is done or passed."""

from __future__ import annotations

from tests.review.build import found, new, story
from workbook.checks import Finding
from workbook.db.store import Store
from workbook.services import collections, stages


def _missing(store: Store, engagement_id: int, step: str) -> list[Finding]:
    return [f for f in found(store, engagement_id, "step.output-missing") if f.step == step]


def test_a_step_marked_done_without_its_output(store: Store) -> None:
    engagement_id = new(store, problem_statement="done")
    (finding,) = _missing(store, engagement_id, "problem_statement")
    assert (finding.subject, finding.step, finding.severity) == (
        "3. Document problem statement",
        "problem_statement",
        "warning",
    )
    assert finding.message == (
        "the step is marked done but it has no problem statement diagram: draw it in the "
        "step's diagram, or attach a picture"
    )


def test_a_step_with_its_output(store: Store) -> None:
    engagement_id = new(store, problem_statement="done")
    collections.add(
        store, "graph_nodes", engagement_id, stage_key="problem_statement", label="GP practice"
    )
    assert _missing(store, engagement_id, "problem_statement") == []


def test_steps_not_reached_owe_nothing(store: Store) -> None:
    engagement_id = new(store, client_context="in_progress")
    assert found(store, engagement_id, "step.output-missing") == []


def test_steps_the_work_has_moved_past(store: Store) -> None:
    engagement_id = new(store, dataset="in_progress")
    stages.set_text(store, engagement_id, "client_context", "A trust in the Midlands.")
    story(store, engagement_id)
    missing = found(store, engagement_id, "step.output-missing")
    assert [(f.subject, f.message.split(" but it has ")[1].split(":")[0]) for f in missing] == [
        ("2. Document case overview", "no short textual statement"),
        ("3. Document problem statement", "no problem statement diagram"),
        ("4. Identify business requirements", "no business process model"),
        ("4. Identify business requirements", "no use case diagram"),
    ]
    assert missing[0].message.startswith("the work has moved on to step 5 but")


def test_the_latest_review_did_not_approve(store: Store) -> None:
    engagement_id = new(store, approval="done")
    for decision in ("approved", "changes_requested"):
        collections.add(store, "approvals", engagement_id, approver="Dr Tallis", decision=decision)
    (finding,) = found(store, engagement_id, "approval.not-approved")
    assert finding.message.startswith(
        "the latest review (Dr Tallis) requested changes, yet the step is marked done"
    )


def test_the_latest_review_approved(store: Store) -> None:
    engagement_id = new(store, approval="done")
    for decision in ("changes_requested", "approved"):
        collections.add(store, "approvals", engagement_id, approver="Dr Tallis", decision=decision)
    assert found(store, engagement_id, "approval.not-approved") == []
    assert _missing(store, engagement_id, "approval") == []
