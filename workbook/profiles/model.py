"""Profile facts: a StructureDefinition reduced to what mapping and its checks need.

An :class:`Element` is one entry of a snapshot: its id (with slice names, e.g.
``Patient.identifier:nhsNumber.value``), path, cardinality, types with their profiles and
target profiles, binding, fixed or pattern value and, for an extension slice, the URL of
the extension. A :class:`Profile` is the header of the definition and its elements in
snapshot order. Both round-trip through plain JSON (``to_json`` / ``from_json``), the form
kept in ``resources/profiles/`` and in the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

CORE_PREFIX = "http://hl7.org/fhir/StructureDefinition/"

PRIMITIVE_TYPES = frozenset(
    {
        "base64Binary",
        "boolean",
        "canonical",
        "code",
        "date",
        "dateTime",
        "decimal",
        "id",
        "instant",
        "integer",
        "integer64",
        "markdown",
        "oid",
        "positiveInt",
        "string",
        "time",
        "unsignedInt",
        "uri",
        "url",
        "uuid",
        "xhtml",
    }
)

# type codes whose JSON name in a choice element is another type's (STU3 profiles of Quantity)
CHOICE_NAME_OF = {"SimpleQuantity": "Quantity", "MoneyQuantity": "Quantity"}


def fhir_release(version: str | None) -> str:
    """The release family of a FHIR version number: ``3.0.1`` → STU3, ``4.0.1`` → R4."""
    if not version:
        return ""
    match = re.match(r"(\d+)\.(\d+)", version.strip())
    if not match:
        return version.strip().upper()
    major, minor = int(match[1]), int(match[2])
    if major == 1 and minor == 0:
        return "DSTU2"
    if major == 3 or (major == 1 and minor > 0):
        return "STU3"
    if major == 4:
        return "R4" if minor < 4 else "R5"
    return f"R{major}" if major >= 5 else version.strip()


def version_key(version: str | None) -> tuple[Any, ...]:
    """Sort key for business versions: numeric parts compare as numbers (1.10 > 1.9)."""
    parts = re.split(r"[.\-+]", version or "")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def split_segment(segment: str) -> tuple[str, str | None]:
    """``identifier:nhsNumber`` → (``identifier``, ``nhsNumber``)."""
    name, _, slice_name = segment.partition(":")
    return name, slice_name or None


def choice_suffix(type_code: str) -> str:
    """How a type is spelt at the end of a concrete choice name: ``dateTime`` → ``DateTime``."""
    code = CHOICE_NAME_OF.get(type_code, type_code)
    return code[:1].upper() + code[1:]


def short_name(reference: str) -> str:
    """A profile reference as people say it: the last part of its URL (or the name itself)."""
    return reference.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class ElementType:
    code: str
    profiles: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code}
        if self.profiles:
            out["profiles"] = list(self.profiles)
        if self.targets:
            out["targets"] = list(self.targets)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ElementType:
        return cls(data["code"], tuple(data.get("profiles", ())), tuple(data.get("targets", ())))


@dataclass(frozen=True)
class Element:
    """One element definition. ``min``/``max`` are None only in a differential (inherited)."""

    id: str
    path: str
    min: int | None = None
    max: str | None = None
    slice: str | None = None
    types: tuple[ElementType, ...] = ()
    binding_strength: str | None = None
    value_set: str | None = None
    fixed: dict[str, Any] | None = None
    pattern: dict[str, Any] | None = None
    extension_url: str | None = None

    @cached_property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def is_choice(self) -> bool:
        return self.name.endswith("[x]")

    @property
    def type_codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.types)

    @property
    def max_count(self) -> int | None:
        """The most occurrences allowed; None when unbounded."""
        return None if self.max in (None, "*") else int(self.max)

    @property
    def cardinality(self) -> str:
        return f"{self.min if self.min is not None else 0}..{self.max or '*'}"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "path": self.path}
        if self.slice:
            out["slice"] = self.slice
        if self.min is not None:
            out["min"] = self.min
        if self.max is not None:
            out["max"] = self.max
        if self.types:
            out["types"] = [t.to_json() for t in self.types]
        if self.binding_strength or self.value_set:
            binding = {"strength": self.binding_strength, "valueSet": self.value_set}
            out["binding"] = {k: v for k, v in binding.items() if v}
        if self.fixed is not None:
            out["fixed"] = self.fixed
        if self.pattern is not None:
            out["pattern"] = self.pattern
        if self.extension_url:
            out["extension"] = self.extension_url
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Element:
        binding = data.get("binding") or {}
        return cls(
            id=data["id"],
            path=data["path"],
            min=data.get("min"),
            max=data.get("max"),
            slice=data.get("slice"),
            types=tuple(ElementType.from_json(t) for t in data.get("types", ())),
            binding_strength=binding.get("strength"),
            value_set=binding.get("valueSet"),
            fixed=data.get("fixed"),
            pattern=data.get("pattern"),
            extension_url=data.get("extension"),
        )


@dataclass(frozen=True)
class Profile:
    """A resource profile, an extension definition, or a base resource or data type.

    ``kind`` is ``resource``, ``extension``, ``datatype`` or ``logical``; ``fhir_version``
    is the release family (STU3, R4…); ``source`` says where it came from, for people.
    """

    url: str
    name: str
    type: str
    kind: str
    fhir_version: str
    elements: tuple[Element, ...] = ()
    version: str | None = None
    status: str | None = None
    base: str | None = None
    derivation: str | None = None
    context: tuple[str, ...] = ()
    source: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}" if self.version else self.name

    @property
    def root(self) -> Element:
        return self.elements[0]

    @cached_property
    def _by_id(self) -> dict[str, Element]:
        return {e.id: e for e in self.elements}

    @cached_property
    def _children(self) -> dict[str, list[Element]]:
        children: dict[str, list[Element]] = {}
        for element in self.elements[1:]:
            parent = element.id.rsplit(".", 1)[0]
            children.setdefault(parent, []).append(element)
        return children

    def element(self, element_id: str) -> Element | None:
        return self._by_id.get(element_id)

    def children(self, element_id: str) -> list[Element]:
        """The elements directly under ``element_id`` (slices included), in order."""
        return self._children.get(element_id, [])

    def with_source(self, source: str) -> Profile:
        return replace(self, source=source)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "url": self.url,
            "name": self.name,
            "type": self.type,
            "kind": self.kind,
            "fhir_version": self.fhir_version,
        }
        for key in ("version", "status", "base", "derivation"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.context:
            out["context"] = list(self.context)
        out["elements"] = [e.to_json() for e in self.elements]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str = "") -> Profile:
        return cls(
            url=data["url"],
            name=data["name"],
            type=data["type"],
            kind=data["kind"],
            fhir_version=data["fhir_version"],
            elements=tuple(Element.from_json(e) for e in data["elements"]),
            version=data.get("version"),
            status=data.get("status"),
            base=data.get("base"),
            derivation=data.get("derivation"),
            context=tuple(data.get("context", ())),
            source=source,
        )
