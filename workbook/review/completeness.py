"""Completeness: each step's formal outputs, once the step is done or the work has moved on.

A step not yet reached owes nothing (the overview's progress shows how far the engagement
is). Step 12's change requests are owed only for gaps (see
:mod:`workbook.review.design_delivery`) and step 13's output is the PDF itself, so neither
is listed here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from workbook.checks import Finding, check
from workbook.db.store import Store
from workbook.review.codes import finding
from workbook.review.facts import Facts, load_facts
from workbook.steps import STEPS, STEPS_BY_KEY


@dataclass(frozen=True)
class Output:
    step: str
    name: str
    present: Callable[[Facts], bool]
    how: str


def _text(key: str) -> Callable[[Facts], bool]:
    return lambda f: bool(f.texts[key].strip())


def _picture(key: str, *kinds: str) -> Callable[[Facts], bool]:
    """Drawn in the app (rows of ``kinds``), or attached as an image to the step."""
    return lambda f: f.outputs[f"attachments:{key}"] > 0 or any(f.outputs[k] > 0 for k in kinds)


OUTPUTS: tuple[Output, ...] = (
    Output("client_context", "short textual statement", _text("client_context"), "write it"),
    Output("case_overview", "short textual statement", _text("case_overview"), "write it"),
    Output(
        "problem_statement",
        "problem statement diagram",
        _picture("problem_statement", "graph:problem_statement"),
        "draw it in the step's diagram, or attach a picture",
    ),
    Output(
        "business_requirements",
        "user stories",
        lambda f: bool(f.stories),
        "write them under User stories",
    ),
    Output(
        "business_requirements",
        "business process model",
        _picture("business_requirements", "process_nodes"),
        "draw it under Business process, import BPMN, or attach a picture",
    ),
    Output(
        "business_requirements",
        "use case diagram",
        _picture("business_requirements", "use_cases"),
        "add use cases, or attach a picture",
    ),
    Output("dataset", "data set", lambda f: bool(f.items), "add the data items"),
    Output(
        "profiles",
        "profiles in scope (the entity relationship diagram)",
        lambda f: f.outputs["profiles"] > 0,
        "add the profiles the dataset maps to",
    ),
    Output(
        "mapping",
        "dataset-to-profile mapping",
        lambda f: bool(f.mappings),
        "map the data items",
    ),
    Output(
        "approval",
        "review of the mapping by the client",
        lambda f: bool(f.reviews),
        "record the client's review and decision",
    ),
    Output("api_design", "API signatures", lambda f: bool(f.signatures), "add the API calls"),
    Output(
        "interaction_flow",
        "API sequence diagram",
        _picture("interaction_flow", "sequences"),
        "add a sequence, or attach a picture",
    ),
    Output(
        "technical_context",
        "system diagram",
        _picture("technical_context", "graph:technical_context"),
        "draw it in the step's diagram, or attach a picture",
    ),
    Output(
        "implementation",
        "tests against the acceptance criteria",
        lambda f: bool(f.tests),
        "record the tests and their results",
    ),
    Output(
        "learning",
        "successes, failures and improvement actions",
        lambda f: f.outputs["lessons"] > 0,
        "record the lessons",
    ),
)


@check("completeness")
def check_completeness(store: Store, engagement_id: int) -> list[Finding]:
    facts = load_facts(store, engagement_id)
    return [*missing_outputs(facts), *not_approved(facts)]


def _why(facts: Facts, key: str) -> str:
    if facts.statuses[key] == "done":
        return "the step is marked done"
    later = next(
        s for s in reversed(STEPS) if facts.statuses[s.key] != "not_started"
    )  # passed() means there is one
    return f"the work has moved on to step {later.number}"


def _subject(key: str) -> str:
    step = STEPS_BY_KEY[key]
    return f"{step.number}. {step.title}"


def missing_outputs(facts: Facts) -> Iterator[Finding]:
    for output in OUTPUTS:
        if facts.passed(output.step) and not output.present(facts):
            yield finding(
                "step.output-missing",
                _subject(output.step),
                f"{_why(facts, output.step)} but it has no {output.name}: {output.how}",
                step=output.step,
            )


def not_approved(facts: Facts) -> Iterator[Finding]:
    if not facts.reviews or not facts.passed("approval"):
        return
    latest = max(facts.reviews, key=lambda r: r.position)  # listed oldest first
    if latest.decision != "approved":
        decision = latest.decision.replace("_", " ")
        yield finding(
            "approval.not-approved",
            _subject("approval"),
            f"the latest review ({latest.approver}) {_decided(decision)}, "
            f"yet {_why(facts, 'approval')}: record the approval, or go back to the mapping",
            ("approvals", latest.id),
        )


def _decided(decision: str) -> str:
    return "requested changes" if decision == "changes requested" else decision
