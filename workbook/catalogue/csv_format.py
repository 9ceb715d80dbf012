"""Catalogue files in CSV, as Excel writes and reads them.

Writing: one story per row under the headings of :data:`HEADINGS`; acceptance criteria one
per line in their cell (``clinical: …``), tags and interactions separated by commas; UTF-8
with a byte order mark so Excel reads the accents; a cell Excel would take for a formula
(starting with ``=``, ``+``, ``-``, ``@``…) starts with a single quote, removed on reading.

Reading: headings are matched ignoring case, spaces and punctuation, in any order; the
delimiter (comma, semicolon or tab) is the one that makes the heading row readable. A row
gives its story by separate columns (Actor, Care setting, Requirement, Justification) or
by one Story column holding the sentence ("As a pharmacist (hospital services) I want …
so that …"); a file without a heading row is read as one sentence per row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from workbook.catalogue import sentences
from workbook.catalogue.model import CatalogueStory, ParsedFile, criteria_text, parse_criteria
from workbook.catalogue.service import value_problems
from workbook.errors import Problem
from workbook.excel.safety import FORMULA_PREFIXES

HEADINGS = {
    "feature": "Feature",
    "actor": "Actor",
    "care_setting": "Care setting",
    "secondary_actor": "Secondary actor",
    "requirement": "Requirement",
    "justification": "Justification",
    "priority": "Priority",
    "acceptance_criteria": "Acceptance criteria",
    "tags": "Tags",
    "source": "Source",
    "interactions": "Interactions",
}
ALIASES = {
    "story": "story",
    "userstory": "story",
    "sentence": "story",
    "role": "actor",
    "setting": "care_setting",
    "secondary": "secondary_actor",
    "iwant": "requirement",
    "sothat": "justification",
    "because": "justification",
    "criteria": "acceptance_criteria",
    "metwith": "interactions",
} | {re.sub(r"\W|_", "", heading.casefold()): key for key, heading in HEADINGS.items()}
DELIMITERS = (",", ";", "\t")
NO_DELIMITER = "\x1f"  # one sentence per row: the ASCII unit separator never occurs in text
_LIST_SPLIT = re.compile(r"[,;\n]")


def _needs_quote(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES) or (text.startswith("'") and _needs_quote(text[1:]))


def safe_cell(text: str) -> str:
    """A cell Excel keeps as text: a leading single quote before what looks like a formula."""
    return f"'{text}" if _needs_quote(text) else text


def unquoted(text: str) -> str:
    return text[1:] if text.startswith("'") and _needs_quote(text[1:]) else text


def dumps(stories: Iterable[CatalogueStory]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel")
    writer.writerow(HEADINGS.values())
    for story in stories:
        values = [
            story.feature,
            story.actor,
            story.care_setting,
            story.secondary_actor,
            story.requirement,
            story.justification,
            story.priority,
            criteria_text(story.criteria),
            ", ".join(story.tags),
            story.source,
            ", ".join(story.interactions),
        ]
        writer.writerow([safe_cell(value or "") for value in values])
    return out.getvalue().encode("utf-8-sig")


def column_letter(index: int) -> str:
    """A (0) … Z, AA …: how a spreadsheet names the column."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _heading(text: str) -> str | None:
    return ALIASES.get(re.sub(r"\W|_", "", unquoted(text).casefold()))


def _delimiter(first_line: str) -> str:
    """The delimiter under which the heading row names the most known columns (none: the
    file has no heading row and holds one sentence per row)."""
    best, best_known = NO_DELIMITER, 0
    for delimiter in DELIMITERS:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        known = sum(1 for cell in cells if _heading(cell) is not None)
        if known > best_known:
            best, best_known = delimiter, known
    return best


def read(text: str) -> ParsedFile:
    """Stories from the text of a CSV file, with every problem that stops their import."""
    parsed = ParsedFile()
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        parsed.problems.append(Problem("", "the file is empty"))
        return parsed
    delimiter = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    keys: list[str | None] | None = None if delimiter != NO_DELIMITER else ["story"]
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if keys is None:
                keys = _heading_row(parsed, number, cells)
                if parsed.problems:
                    return parsed
                continue
            _row(parsed, number, cells, keys)
    except csv.Error as exc:
        parsed.problems.append(Problem(f"row {number + 1}", f"not readable as CSV: {exc}"))
    if delimiter == NO_DELIMITER and len(parsed.unparsed) == len(parsed.stories):
        parsed.problems.insert(
            0,
            Problem(
                "row 1",
                "no heading row (Feature, Actor, Requirement, … or Story) and no "
                "“As a … I want …” sentences",
            ),
        )
    return parsed


def _heading_row(parsed: ParsedFile, number: int, cells: list[str]) -> list[str | None]:
    keys = [_heading(cell) for cell in cells]
    parsed.ignored_columns = [
        c.strip() for c, k in zip(cells, keys, strict=True) if k is None and c.strip()
    ]
    for key in dict.fromkeys(k for k in keys if k is not None):
        columns = [column_letter(i) for i, k in enumerate(keys) if k == key]
        if len(columns) > 1:
            parsed.problems.append(
                Problem(
                    f"row {number}",
                    f"columns {' and '.join(columns)} are both {_title(key)}; keep one",
                )
            )
    if not {"requirement", "story"} & set(keys):
        parsed.problems.append(
            Problem(
                f"row {number}",
                "no Requirement or Story column; the headings are "
                f"{', '.join(HEADINGS.values())}, or one Story column of sentences",
            )
        )
    return keys


def _title(key: str) -> str:
    return HEADINGS.get(key, "Story")


def _split(text: str, pattern: re.Pattern[str]) -> tuple[str, ...]:
    return tuple(part.strip() for part in pattern.split(text) if part.strip())


def _priority(text: str) -> str:
    folded = text.casefold().replace("’", "'")
    return "wont" if folded in ("won't", "will not") else folded


def _row(parsed: ParsedFile, number: int, cells: list[str], keys: list[str | None]) -> None:
    values: dict[str, str] = {}
    where: dict[str, str] = {}
    for index, (cell, key) in enumerate(zip(cells, keys, strict=False)):
        if key is not None and cell.strip():
            values[key] = unquoted(cell.strip()).strip()
            where[key] = f"row {number} column {column_letter(index)}"
    requirement = values.get("requirement")
    actor, setting = values.get("actor"), values.get("care_setting")
    justification = values.get("justification")
    if requirement:
        requirement = sentences.requirement_part(requirement)
        justification = justification and sentences.justification_part(justification)
    elif values.get("story"):
        sentence = sentences.parse(values["story"])
        if sentence is None:
            requirement = values["story"]
            parsed.unparsed.append((number, requirement))
        else:
            actor, setting = sentence.actor, sentence.care_setting
            requirement, justification = sentence.requirement, sentence.justification
    else:
        parsed.problems.append(
            Problem(
                f"row {number}", "no requirement: fill in Requirement or Story, or delete the row"
            )
        )
        return
    story = CatalogueStory(
        requirement=requirement,
        actor=actor,
        care_setting=setting,
        secondary_actor=values.get("secondary_actor"),
        justification=justification or None,
        feature=values.get("feature"),
        priority=_priority(values["priority"]) if "priority" in values else None,
        criteria=parse_criteria(values.get("acceptance_criteria", "")),
        tags=_split(values.get("tags", ""), _LIST_SPLIT),
        source=values.get("source"),
        interactions=_split(values.get("interactions", ""), _LIST_SPLIT),
    )
    problems = value_problems(story)
    for key, what in problems:
        key = key.split("/")[0]
        parsed.problems.append(Problem(where.get(key, f"row {number}"), f"{_title(key)}: {what}"))
    if not problems:
        parsed.stories.append(story)
