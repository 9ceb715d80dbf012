"""Catalogue files in JSON: the engagement file's story shape, with names for ids.

    {"format": "engagement-workbook/story-catalogue", "version": 1,
     "user_stories": [{"feature": "…", "actor": "Pharmacist", "care_setting": "…",
                       "secondary_actor": "…", "requirement": "to …", "justification": "…",
                       "priority": "must", "acceptance_criteria": [{"text": "…", "kind": …}],
                       "tags": […], "source": "…", "interactions": ["GET List"]}]}

Reading also takes a bare array of such stories (what ``catalogue list --json`` prints) and
stories straight from an engagement file's ``user_stories`` as far as they have names:
``id``, ``ref``, ``status``, ``notes`` and ``data_items`` are ignored there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from workbook.catalogue.model import CatalogueStory, Criterion, ParsedFile
from workbook.catalogue.service import value_problems
from workbook.errors import Problem

FORMAT = "engagement-workbook/story-catalogue"
VERSION = 1
TEXT_FIELDS = (
    "feature",
    "actor",
    "care_setting",
    "secondary_actor",
    "justification",
    "priority",
    "source",
)
LIST_FIELDS = ("tags", "interactions")
IGNORED_FIELDS = ("id", "ref", "status", "notes", "data_items")
KNOWN_FIELDS = {"requirement", "acceptance_criteria", *TEXT_FIELDS, *LIST_FIELDS}


def dumps(stories: Iterable[CatalogueStory]) -> bytes:
    entries = []
    for story in stories:
        entry = story.to_json()
        del entry["id"]  # a row number in one database; meaningless in another
        entries.append(entry)
    document = {"format": FORMAT, "version": VERSION, "user_stories": entries}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read(document: Any) -> ParsedFile:
    """The stories of a parsed JSON document, or the problems that make it unusable."""
    if isinstance(document, list):
        entries, base = document, ""
    elif isinstance(document, dict) and isinstance(document.get("user_stories"), list):
        entries, base = document["user_stories"], "/user_stories"
        unknown = set(document) - {"format", "version", "user_stories"}
        if unknown:
            return ParsedFile(
                problems=[Problem("/", f"unknown field {', '.join(sorted(unknown))}")]
            )
    else:
        return ParsedFile(
            problems=[
                Problem(
                    "/",
                    "not a story catalogue: expected an object with a user_stories array, "
                    "or an array of stories",
                )
            ]
        )
    parsed = ParsedFile()
    for i, entry in enumerate(entries):
        story, found = _story(entry, f"{base}/{i}")
        parsed.problems += found
        if story is not None:
            parsed.stories.append(story)
    return parsed


def _text(entry: dict[str, Any], key: str, where: str, problems: list[Problem]) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(Problem(f"{where}/{key}", f"must be text, not {json.dumps(value)}"))
        return None
    return value.strip() or None


def _strings(
    entry: dict[str, Any], key: str, where: str, problems: list[Problem]
) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(Problem(f"{where}/{key}", "must be an array of text"))
        return ()
    return tuple(v.strip() for v in value if v.strip())


def _criteria(entry: dict[str, Any], where: str, problems: list[Problem]) -> tuple[Criterion, ...]:
    value = entry.get("acceptance_criteria")
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(Problem(f"{where}/acceptance_criteria", "must be an array"))
        return ()
    criteria = []
    for i, item in enumerate(value):
        at = f"{where}/acceptance_criteria/{i}"
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            problems.append(Problem(at, "a criterion needs its text"))
            continue
        unknown = set(item) - {"id", "text", "kind"}
        if unknown:
            problems.append(Problem(at, f"unknown field {', '.join(sorted(unknown))}"))
        kind = _text(item, "kind", at, problems)
        criteria.append(Criterion(item["text"].strip(), kind))
    return tuple(criteria)


def _story(entry: Any, where: str) -> tuple[CatalogueStory | None, list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(where, "a story must be an object")]
    problems: list[Problem] = []
    unknown = set(entry) - KNOWN_FIELDS - set(IGNORED_FIELDS)
    if unknown:
        problems.append(Problem(where, f"unknown field {', '.join(sorted(unknown))}"))
    story = CatalogueStory(
        requirement=_text(entry, "requirement", where, problems) or "",
        criteria=_criteria(entry, where, problems),
        **{key: _text(entry, key, where, problems) for key in TEXT_FIELDS},
        **{key: _strings(entry, key, where, problems) for key in LIST_FIELDS},
    )
    reported = {p.where for p in problems}
    problems += [
        Problem(f"{where}/{field}", what)
        for field, what in value_problems(story)
        if f"{where}/{field}" not in reported
    ]
    return (None if problems else story), problems
