"""Reading "As a … I want … so that …" sentences into their parts."""

from __future__ import annotations

import pytest

from workbook.catalogue.sentences import (
    Sentence,
    justification_part,
    parse,
    requirement_part,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "As a pharmacist (hospital services) I want to see the discharge list "
            "so that I can check it",
            Sentence(
                "Pharmacist", "Hospital services", "to see the discharge list", "I can check it"
            ),
        ),
        (
            "As a GP, primary care general practice, I want to be told of the discharge "
            "so that I can review the repeats",
            Sentence(
                "GP",
                "Primary care general practice",
                "to be told of the discharge",
                "I can review the repeats",
            ),
        ),
        (
            "As a Pharmacist (Hospital Services), I want to refer the patient because "
            "they are on high-risk medicines",
            Sentence(
                "Pharmacist",
                "Hospital Services",
                "to refer the patient",
                "they are on high-risk medicines",
            ),
        ),
        (
            "As a patient I wish to see my medicines in Welsh",
            Sentence("Patient", None, "to see my medicines in Welsh", None),
        ),
        (
            "As an out-of-hours doctor I need the list, so that I do not restart a stopped drug.",
            Sentence("Out-of-hours doctor", None, "the list", "I do not restart a stopped drug"),
        ),
        (
            "As the ward clerk I would like to print it!",
            Sentence("Ward clerk", None, "to print it", None),
        ),
        (
            "“As a carer I’d like to be told…”",
            Sentence("Carer", None, "to be told", None),
        ),
        (
            "as a nurse   i want to see\nthe list so  that I can act;",
            Sentence("Nurse", None, "to see the list", "I can act"),
        ),
    ],
    ids=[
        "brackets-so-that",
        "comma-so-that",
        "brackets-comma-because",
        "wish-no-reason",
        "need-comma-before-reason-full-stop",
        "would-like-exclamation",
        "curly-quotes-ellipsis",
        "lower-case-spacing-semicolon",
    ],
)
def test_a_story_sentence_is_read_into_its_parts(text: str, expected: Sentence) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I want to see the discharge list so that I can check it",  # no actor
        "As a pharmacist I want so that I can check it",  # no requirement
        "As a pharmacist, so that I can check it",  # no "I want"
        "As a I want to see it",  # no actor between "As a" and "I want"
        "We need a faster fax",
        "",
    ],
)
def test_sentences_missing_their_parts_are_not_parsed(text: str) -> None:
    assert parse(text) is None


def test_separate_columns_lose_their_leading_words() -> None:
    assert requirement_part("I want to see the list") == "to see the list"
    assert requirement_part("I wish to see the list") == "to see the list"
    assert requirement_part("to see the list") == "to see the list"
    assert justification_part("so that I can act") == "I can act"
    assert justification_part("Because it is late") == "it is late"
    assert justification_part("I can act") == "I can act"
