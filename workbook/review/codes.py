"""Every code the review checks use: its severity, the step where it is fixed, its meaning.

A check makes its findings with :func:`finding`, so a code's severity and step are said
once, here; the README's table of checks is kept equal to this list by a test.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbook.checks import Finding, Target


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    step: str
    meaning: str


_STORIES = "business_requirements"
CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("story.no-requirement", "warning", _STORIES, "the story says nothing after “I want”"),
        Code("story.no-actor", "warning", _STORIES, "no actor: nobody wants this"),
        Code(
            "story.actor-no-care-setting",
            "warning",
            _STORIES,
            "an actor of stories has no care setting (Pharmacist (Hospital Services))",
        ),
        Code(
            "story.actor-not-clinical",
            "warning",
            _STORIES,
            "the actor is a developer, a system or “the API”, not a clinician or patient",
        ),
        Code(
            "story.no-secondary-actor",
            "warning",
            _STORIES,
            "no secondary actor: it may not be an interoperability story",
        ),
        Code("story.no-justification", "warning", _STORIES, "no “so that …”"),
        Code("story.no-criteria", "warning", _STORIES, "no acceptance criteria"),
        Code(
            "story.only-technical-criteria",
            "info",
            _STORIES,
            "every acceptance criterion is technical; clinical ones come first",
        ),
        Code(
            "story.names-technology",
            "warning",
            _STORIES,
            "the requirement names a technology (FHIR, API, HL7, JSON…)",
        ),
        Code(
            "story.duplicate",
            "warning",
            _STORIES,
            "the same, or nearly the same, requirement as an earlier story",
        ),
        Code("story.duplicate-ref", "warning", _STORIES, "another story has the same ref"),
        Code("story.no-feature", "info", _STORIES, "the story is in no feature"),
        Code(
            "dataset.item-unmapped",
            "warning",
            "mapping",
            "a data item is mapped to nothing (once mapping has begun)",
        ),
        Code(
            "story.data-unmapped",
            "warning",
            "mapping",
            "an agreed story needs data items that are mapped to nothing",
        ),
        Code(
            "api.story-not-served",
            "warning",
            "api_design",
            "no API signature serves an agreed story (once API design has begun)",
        ),
        Code("api.signature-no-story", "warning", "api_design", "an API signature serves no story"),
        Code(
            "test.story-untested",
            "warning",
            "implementation",
            "an agreed story has acceptance criteria but no test (once testing has begun)",
        ),
        Code("test.failed", "error", "implementation", "a test failed"),
        Code("test.blocked", "info", "implementation", "a test is blocked"),
        Code(
            "curation.no-change-request",
            "warning",
            "curation",
            "a gap or extension-needed mapping has no change request for its data item",
        ),
        Code(
            "step.output-missing",
            "warning",
            "",  # the step whose output is missing
            "a step that is done, or that later steps have passed, lacks a formal output",
        ),
        Code(
            "approval.not-approved",
            "warning",
            "approval",
            "the latest review of the mapping did not approve it, yet the work has moved on",
        ),
        Code(
            "approval.mappings-changed",
            "warning",
            "approval",
            "mappings were added, changed or removed after the last approval",
        ),
    )
}


def finding(
    code: str, subject: str, message: str, target: Target | None = None, step: str = ""
) -> Finding:
    """A finding of a known code; ``step`` only for codes that belong to any step."""
    known = CODES[code]
    return Finding(code, known.severity, message, step or known.step, subject, target)
