"""The data type of a data item, inferred from every value seen for it in sample files.

Each value is classified once (one regular expression, with a bounded cache shared by the
items of one import, because sample files repeat codes and units); an item's type is
decided from the set of kinds seen:

- ``boolean``: only true/false; ``integer``: whole numbers of at most five digits;
  ``decimal``: numbers with a fraction (whole numbers may be mixed in);
- ``date`` / ``datetime`` / ``time``: ISO 8601 (``2024-03-12``, ``2024-03-12T09:30:00Z``,
  ``09:30``) or HL7 timestamps (``20240312``, ``202403120930+0000``);
- ``identifier``: UUIDs and OIDs (with or without ``urn:uuid:`` / ``urn:oid:``), tokens of
  eight or more letters and digits mixed (``RX-2024-000123``), and digit strings of six or
  more digits or with a leading zero when they all have the same length (NHS numbers);
  such digit strings of varying length are codes (SNOMED CT concept ids);
- ``code``: tokens of up to twenty characters without spaces or capitalised words
  (``TAB``, ``A01``, ``final``, ``mmol/L``; not ``Smith``) from at most twenty distinct
  values;
- ``attachment``: base64 content over 100 characters; ``text``: any value over 100
  characters or on several lines; ``string``: everything else.
"""

from __future__ import annotations

import re

EXAMPLE_CHARS = 200
LONG_TEXT_CHARS = 100
MAX_CODE_VALUES = 20
_CACHE_SIZE = 50_000

_DATE = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?"
_HL7_DATE = r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_KINDS = re.compile(
    rf"""
    (?P<boolean>(?i:true|false))
    |(?P<integer>-?(?:0|[1-9][0-9]{{0,4}}))
    |(?P<hl7_date>{_HL7_DATE})
    |(?P<hl7_datetime>{_HL7_DATE}(?:[01][0-9]|2[0-3])[0-5][0-9]
        (?:[0-5][0-9](?:\.[0-9]+)?)?(?:[+-][0-9]{{4}})?)
    |(?P<digits>[0-9]+)
    |(?P<decimal>-?[0-9]+\.[0-9]+)
    |(?P<date>{_DATE})
    |(?P<datetime>{_DATE}T{_TIME}(?:Z|[+-][0-9]{{2}}:?[0-9]{{2}})?)
    |(?P<time>{_TIME})
    |(?P<uuid>(?:urn:uuid:)?[0-9a-fA-F]{{8}}(?:-[0-9a-fA-F]{{4}}){{3}}-[0-9a-fA-F]{{12}})
    |(?P<oid>(?:urn:oid:)?[0-2](?:\.(?:0|[1-9][0-9]*)){{2,}})
    |(?P<id_token>(?=\S*[0-9])(?=\S*[A-Za-z])[A-Za-z0-9][A-Za-z0-9_./:-]{{7,63}})
    |(?P<code>(?!\S*[A-Z][a-z]{{2}})[A-Za-z0-9][A-Za-z0-9_./:+-]{{0,19}})
    """,
    re.VERBOSE,
)
_BASE64 = re.compile(r"[A-Za-z0-9+/\s]+={0,2}")
_DIGIT_KINDS = frozenset({"integer", "digits", "hl7_date", "hl7_datetime"})
_IDENTIFIER_KINDS = frozenset({"uuid", "oid", "id_token"})
_CODE_KINDS = frozenset({"code", "boolean", "integer", "digits"})
_DATE_KINDS = frozenset({"date", "hl7_date"})
_DATETIME_KINDS = _DATE_KINDS | {"datetime", "hl7_datetime"}


def classify(value: str) -> str:
    """The kind of one (stripped, non-empty) value."""
    if len(value) > LONG_TEXT_CHARS or "\n" in value:
        is_base64 = " " not in value and _BASE64.fullmatch(value) is not None
        return "base64" if is_base64 else "text"
    match = _KINDS.fullmatch(value)
    return match.lastgroup if match and match.lastgroup else "string"


def example(value: str) -> str:
    """A value as an example: whitespace runs made single spaces, cut to 200 characters."""
    if len(value) > EXAMPLE_CHARS or "\n" in value or "  " in value:
        value = " ".join(value[: EXAMPLE_CHARS * 2].split())
        if len(value) > EXAMPLE_CHARS:
            value = value[: EXAMPLE_CHARS - 1].rstrip() + "…"
    return value


class ValueStats:
    """What the values seen for one item say about its type; bounded however many there are."""

    __slots__ = ("cache", "example", "kinds", "lengths", "seen")

    def __init__(self, cache: dict[str, str] | None = None) -> None:
        self.cache = {} if cache is None else cache  # value -> kind, for short values
        self.kinds: set[str] = set()
        self.lengths: set[int] = set()
        self.seen: set[str] = set()  # the first distinct values; one seen adds nothing
        self.example: str | None = None

    def add(self, value: str) -> None:
        seen = self.seen
        if value in seen:
            return
        if len(seen) <= MAX_CODE_VALUES:
            seen.add(value)
            if self.example is None:
                self.example = example(value)
        kind = self.cache.get(value)
        if kind is None:
            kind = classify(value)
            if len(self.cache) < _CACHE_SIZE and len(value) <= LONG_TEXT_CHARS:
                self.cache[value] = kind
        self.kinds.add(kind)
        if kind in _DIGIT_KINDS:
            self.lengths.add(len(value))

    def absorb(self, other: ValueStats) -> None:
        """Take in what another reader saw of the same item, later in the same files."""
        if self.example is None:
            self.example = other.example
        self.kinds |= other.kinds
        self.lengths |= other.lengths
        seen = self.seen
        for value in other.seen:
            if len(seen) > MAX_CODE_VALUES:
                break
            seen.add(value)

    def data_type(self) -> str | None:
        kinds = self.kinds
        if not kinds:
            return None
        if kinds == {"base64"}:
            return "attachment"
        if "text" in kinds or "base64" in kinds:
            return "text"
        for data_type, allowed in _SIMPLE:
            if kinds <= allowed:
                return data_type
        if kinds <= _DIGIT_KINDS:
            return "identifier" if len(self.lengths) == 1 else "code"
        if kinds <= _IDENTIFIER_KINDS | _DIGIT_KINDS - {"integer"}:
            return "identifier"
        if kinds <= _CODE_KINDS and len(self.seen) <= MAX_CODE_VALUES:
            return "code"
        return "string"


_SIMPLE = (
    ("boolean", frozenset({"boolean"})),
    ("integer", frozenset({"integer"})),
    ("decimal", frozenset({"integer", "decimal"})),
    ("date", _DATE_KINDS),
    ("datetime", _DATETIME_KINDS),
    ("time", frozenset({"time"})),
)
