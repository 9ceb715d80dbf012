"""Reading a user story written as one sentence, the way analysts type them in a sheet.

    As a pharmacist (hospital services) I want to see the discharge list so that I can …
    As a GP, primary care, I wish to be told when … because …

gives the actor and care setting (in brackets, or after a comma), the requirement without
"I want" / "I wish" / "I need" / "I would like" (keeping "to …"), and the justification
without "so that" / "because". Trailing punctuation is dropped. A sentence without the
"As a … I want …" shape is not parsed (:func:`parse` returns None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WANTS = r"i\s*(?:want|wish|need|would\s+like|['’]d\s+like)\b"
_SHAPE = re.compile(
    rf"^as\s+(?:an?|the)\s+(?P<actor>.+?)\s*,?\s+{_WANTS}\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_WANT = re.compile(rf"^{_WANTS}", re.IGNORECASE)
_JOINER = re.compile(r"^(?:so\s+that|because)\b", re.IGNORECASE)
_REASON = re.compile(r"[\s,;]+(?P<joiner>so\s+that|because)\b\s*", re.IGNORECASE)
_BRACKETS = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<setting>[^()]*)\)$")
_TRAILING = " \t\r\n.,;:!?…"
_QUOTES = "\"'“”‘’"


@dataclass(frozen=True)
class Sentence:
    actor: str
    care_setting: str | None
    requirement: str
    justification: str | None


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _actor(text: str) -> tuple[str, str | None]:
    text = text.strip(_TRAILING)
    bracketed = _BRACKETS.match(text)
    if bracketed:
        name, setting = bracketed["name"], bracketed["setting"]
    else:
        name, _, setting = text.partition(",")
    name, setting = name.strip(_TRAILING), setting.strip(_TRAILING)
    return _capitalised(name), _capitalised(setting) if setting else None


def parse(text: str) -> Sentence | None:
    """The parts of a story sentence, or None when it does not read as one."""
    cleaned = " ".join(text.split()).strip(_QUOTES + " ").rstrip(_TRAILING)
    shape = _SHAPE.match(cleaned)
    if shape is None:
        return None
    actor, setting = _actor(shape["actor"])
    rest = " " + shape["rest"]
    reason = _REASON.search(rest)
    if reason is None:
        requirement, justification = rest, ""
    else:
        requirement, justification = rest[: reason.start()], rest[reason.end() :]
    requirement = requirement.strip(_TRAILING)
    justification = justification.strip(_TRAILING)
    if not actor or not requirement:
        return None
    return Sentence(actor, setting, requirement, justification or None)


def requirement_part(text: str) -> str:
    """A requirement as stored: without a leading "I want" (or wish, need, would like)."""
    return _WANT.sub("", text.strip(), count=1).strip()


def justification_part(text: str) -> str:
    """A justification as stored: without a leading "so that" or "because"."""
    return _JOINER.sub("", text.strip(), count=1).strip()
