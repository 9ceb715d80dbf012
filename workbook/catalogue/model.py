"""A catalogue story as the rest of the app sees it: plain values, in Care Connect form."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from workbook.errors import Problem
from workbook.services.stories import Criterion, actor_label, sentence
from workbook.vocabulary import CRITERION_KINDS

# the fields an engagement story and a catalogue story share, in the order people read them
COMPARED_FIELDS = (
    "feature",
    "actor",
    "care_setting",
    "secondary_actor",
    "requirement",
    "justification",
    "priority",
    "acceptance_criteria",
    "tags",
)


_BULLET = re.compile(r"^[-•*]\s+")


def criteria_text(criteria: tuple[Criterion, ...]) -> str:
    """Criteria one per line, each as :meth:`Criterion.label`."""
    return "\n".join(c.label() for c in criteria)


def parse_criteria(text: str) -> tuple[Criterion, ...]:
    """Criteria from lines written as :func:`criteria_text` writes them (bullets allowed)."""
    criteria = []
    for line in text.splitlines():
        line = _BULLET.sub("", line.strip()).strip()
        if not line:
            continue
        kind, colon, rest = line.partition(":")
        if colon and kind.strip().casefold() in CRITERION_KINDS and rest.strip():
            criteria.append(Criterion(rest.strip(), kind.strip().casefold()))
        else:
            criteria.append(Criterion(line))
    return tuple(criteria)


@dataclass(frozen=True)
class CatalogueStory:
    """A story of the catalogue (``id`` None until it is stored)."""

    requirement: str
    actor: str | None = None
    care_setting: str | None = None
    secondary_actor: str | None = None
    justification: str | None = None
    feature: str | None = None
    priority: str | None = None
    criteria: tuple[Criterion, ...] = ()
    tags: tuple[str, ...] = ()
    source: str | None = None
    interactions: tuple[str, ...] = ()
    id: int | None = None
    created: dt.datetime | None = field(default=None, compare=False)
    updated: dt.datetime | None = field(default=None, compare=False)

    @property
    def actor_label(self) -> str:
        return actor_label(self.actor, self.care_setting)

    @property
    def sentence(self) -> str:
        """ "As a Pharmacist (Hospital Services) I want … so that …"."""
        return sentence(self.actor_label, self.requirement, self.justification)

    def key(self) -> tuple[str, str, str]:
        """What makes two stories the same story: who wants it and what they want."""
        return (_folded(self.actor), _folded(self.care_setting), _folded(self.requirement))

    def compared(self) -> dict[str, Any]:
        """The values compared between an engagement story and its catalogue origin."""
        return {
            "feature": self.feature,
            "actor": self.actor,
            "care_setting": self.care_setting,
            "secondary_actor": self.secondary_actor,
            "requirement": self.requirement,
            "justification": self.justification,
            "priority": self.priority,
            "acceptance_criteria": [c.label() for c in self.criteria],
            "tags": list(self.tags),
        }

    def to_json(self) -> dict[str, Any]:
        """The story in catalogue files and ``catalogue list --json``."""
        return {
            "id": self.id,
            "feature": self.feature,
            "actor": self.actor,
            "care_setting": self.care_setting,
            "secondary_actor": self.secondary_actor,
            "requirement": self.requirement,
            "justification": self.justification,
            "priority": self.priority,
            "acceptance_criteria": [
                {"text": c.text, "kind": c.kind} if c.kind else {"text": c.text}
                for c in self.criteria
            ],
            "tags": list(self.tags),
            "source": self.source,
            "interactions": list(self.interactions),
        }


@dataclass
class ParsedFile:
    """What a catalogue file holds, or the problems that stop it being imported."""

    stories: list[CatalogueStory] = field(default_factory=list)
    unparsed: list[tuple[int, str]] = field(default_factory=list)  # (row, sentence)
    ignored_columns: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _folded(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()
