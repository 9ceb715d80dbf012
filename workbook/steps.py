"""The fifteen steps of the Care Connect engagement process, in three phases."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    key: str
    title: str


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str
    phase: Phase
    outputs: str


AGREE = Phase("agree_requirements", "Agree business requirements")
DEFINE = Phase("define_solution", "Define the solution")
DELIVER = Phase("deliver_solution", "Deliver the solution")
PHASES = (AGREE, DEFINE, DELIVER)

STEPS: tuple[Step, ...] = (
    Step(1, "client_context", "Document client's context", AGREE, "short textual statement"),
    Step(2, "case_overview", "Document case overview", AGREE, "short textual statement"),
    Step(3, "problem_statement", "Document problem statement", AGREE, "problem statement diagram"),
    Step(
        4,
        "business_requirements",
        "Identify business requirements",
        AGREE,
        "business process model, use case diagrams, user stories",
    ),
    Step(5, "dataset", "Identify dataset", AGREE, "data set, data structure"),
    Step(
        6,
        "profiles",
        "Identify Care Connect profiles and FHIR resources",
        DEFINE,
        "entity relationship diagram",
    ),
    Step(7, "mapping", "Map dataset", DEFINE, "dataset-to-profile mapping"),
    Step(8, "approval", "Obtain approval", DEFINE, "client's review and sign-off of the mapping"),
    Step(
        9, "api_design", "Design API", DEFINE, "API signatures, search parameters, search results"
    ),
    Step(10, "interaction_flow", "Document interaction flow", DEFINE, "API sequence diagram"),
    Step(
        11,
        "technical_context",
        "Additional technical context",
        DEFINE,
        "system diagrams, acceptance criteria",
    ),
    Step(
        12,
        "curation",
        "Resolve curation requirements",
        DEFINE,
        "change requests on profile definitions",
    ),
    Step(13, "case_study", "Present case study", DELIVER, "the PDF case study"),
    Step(
        14,
        "implementation",
        "Implement solution",
        DELIVER,
        "tests against acceptance criteria, feedback",
    ),
    Step(15, "learning", "Learning", DELIVER, "successes, failures, improvement actions"),
)

STEP_KEYS: tuple[str, ...] = tuple(s.key for s in STEPS)
STEPS_BY_KEY: dict[str, Step] = {s.key: s for s in STEPS}
GRAPH_STEP_KEYS: tuple[str, ...] = ("problem_statement", "technical_context")
