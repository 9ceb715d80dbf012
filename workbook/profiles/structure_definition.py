"""Reading a StructureDefinition (FHIR XML or JSON, STU3 or R4) into profile facts.

The XML form is first turned into a JSON-like dict in which every child element is a list
(FHIR XML does not say which elements repeat); the readers below accept a single value or
a list alike, so one code path serves both formats and both FHIR releases (STU3's
``valueSetReference`` and single ``profile``, R4's ``valueSet`` and lists of profiles).
Descriptions, definitions, comments and mappings are not kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any
from xml.etree.ElementTree import Element as XmlElement
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from workbook.profiles.model import (
    PRIMITIVE_TYPES,
    Element,
    ElementType,
    Profile,
    fhir_release,
    short_name,
)

FHIR_NS = "http://hl7.org/fhir"
FHIRPATH_SYSTEM = "http://hl7.org/fhirpath/System."
_TYPE_EXTENSION_VALUES = ("valueUrl", "valueUri", "valueString", "valueCode")
_INTEGER_TYPES = frozenset({"integer", "integer64", "positiveInt", "unsignedInt"})


class DefinitionError(Exception):
    """A resource that cannot be used as a profile; the message says why, for a person."""


def parse_xml_resource(data: bytes) -> dict[str, Any]:
    """A FHIR XML resource as a JSON-like dict (``resourceType`` + lists of children)."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except ParseError as exc:
        line, column = exc.position
        raise DefinitionError(f"line {line} column {column}: not well-formed XML") from exc
    except DefusedXmlException as exc:
        raise DefinitionError(
            "refused: the XML declares entities or a DTD (<!DOCTYPE …>), which can expand to "
            "gigabytes or read files; remove the DOCTYPE and import again"
        ) from exc
    except (LookupError, ValueError) as exc:  # Python's codec lookup, inside expat
        raise DefinitionError(f"line 1: its encoding cannot be read ({exc})") from exc
    namespace, name = _split_tag(root.tag)
    if namespace != FHIR_NS:
        raise DefinitionError(f"not a FHIR resource (root element <{name}>)")
    try:
        resource = _from_xml(root)
    except RecursionError as exc:
        raise DefinitionError("refused: the XML is nested too deeply") from exc
    resource["resourceType"] = name
    return resource


def parse_json_resource(data: bytes) -> dict[str, Any]:
    try:
        resource = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DefinitionError(f"byte {exc.start}: not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise DefinitionError(
            f"line {exc.lineno} column {exc.colno}: not valid JSON: {exc.msg}"
        ) from exc
    except RecursionError as exc:
        raise DefinitionError("refused: the JSON is nested too deeply") from exc
    if not isinstance(resource, dict):
        raise DefinitionError("not a FHIR resource (the JSON is not an object)")
    return resource


def _split_tag(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _from_xml(node: XmlElement) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in node.attrib.items() if k != "value" and "{" not in k}
    for child in node:
        namespace, name = _split_tag(child.tag)
        if namespace != FHIR_NS:
            continue  # narrative XHTML
        value = child.attrib["value"] if "value" in child.attrib else _from_xml(child)
        out.setdefault(name, []).append(value)
    return out


def _many(obj: Any, key: str) -> list[Any]:
    value = obj.get(key) if isinstance(obj, dict) else None
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _one(obj: Any, key: str) -> Any:
    values = _many(obj, key)
    return values[0] if values else None


def _text(obj: Any, key: str) -> str | None:
    value = _one(obj, key)
    return value if isinstance(value, str) else None


def _plain(value: Any) -> Any:
    """A fixed or pattern value with one-item lists unwrapped (same from XML and JSON)."""
    if isinstance(value, list):
        items = [_plain(v) for v in value]
        return items[0] if len(items) == 1 else items
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not k.startswith("_")}
    return value


@dataclass(frozen=True)
class Definition:
    """A parsed StructureDefinition: its facts from the snapshot, and its differential."""

    profile: Profile
    differential: tuple[Element, ...]

    @property
    def has_snapshot(self) -> bool:
        return bool(self.profile.elements)


def read_definition(resource: dict[str, Any], default_fhir_version: str = "") -> Definition:
    """The facts of a StructureDefinition resource (from :func:`parse_xml_resource` or JSON)."""
    if resource.get("resourceType") != "StructureDefinition":
        raise DefinitionError(f"a {resource.get('resourceType')}, not a StructureDefinition")
    url = _text(resource, "url")
    if not url:
        raise DefinitionError("the StructureDefinition has no url")
    snapshot = _elements(_many(_one(resource, "snapshot"), "element"))
    differential = _elements(_many(_one(resource, "differential"), "element"))
    if not snapshot and not differential:
        raise DefinitionError(f"{url} has neither a snapshot nor a differential")
    first = (snapshot or differential)[0]
    type_name = _text(resource, "type") or first.path.split(".")[0]
    derivation = _text(resource, "derivation")
    profile = Profile(
        url=url,
        name=_text(resource, "name") or short_name(url),
        type=type_name,
        kind=_kind(_text(resource, "kind"), type_name, derivation),
        fhir_version=fhir_release(_text(resource, "fhirVersion")) or default_fhir_version,
        elements=snapshot,
        version=_text(resource, "version"),
        status=_text(resource, "status"),
        base=_text(resource, "baseDefinition"),
        derivation=derivation,
        context=tuple(_context(resource)),
    )
    return Definition(profile, differential)


def _kind(kind: str | None, type_name: str, derivation: str | None) -> str:
    if type_name == "Extension" and derivation == "constraint":
        return "extension"
    if kind in ("complex-type", "primitive-type"):
        return "datatype"
    return kind or "resource"


def _context(resource: dict[str, Any]) -> list[str]:
    out = []
    for item in _many(resource, "context"):
        if isinstance(item, str):
            out.append(item)
        elif expression := _text(item, "expression"):
            out.append(expression)
    return out


def _elements(raw_elements: list[Any]) -> tuple[Element, ...]:
    latest_id_of_path: dict[str, str] = {}
    out = []
    for index, raw in enumerate(raw_elements):
        path = _text(raw, "path")
        if not path:
            raise DefinitionError(f"element {index + 1} has no path")
        slice_name = _text(raw, "sliceName")
        element_id = raw.get("id") if isinstance(raw.get("id"), str) else None
        if not element_id:
            parent_path, _, last = path.rpartition(".")
            prefix = latest_id_of_path.get(parent_path, parent_path)
            element_id = f"{prefix}.{last}" if prefix else last
            if slice_name:
                element_id += f":{slice_name}"
        latest_id_of_path[path] = element_id
        out.append(_element(raw, element_id, path, slice_name))
    return with_extension_urls(out)


def _element(raw: dict[str, Any], element_id: str, path: str, slice_name: str | None) -> Element:
    binding = _one(raw, "binding")
    value_set = _text(binding, "valueSet") or _text(binding, "valueSetUri")
    if not value_set:
        value_set = _text(_one(binding, "valueSetReference"), "reference")
    return Element(
        id=element_id,
        path=path,
        min=_cardinality_min(raw, element_id),
        max=_text(raw, "max"),
        slice=slice_name,
        types=_types(raw),
        binding_strength=_text(binding, "strength"),
        value_set=value_set,
        fixed=_value_fact(raw, "fixed"),
        pattern=_value_fact(raw, "pattern"),
    )


def _cardinality_min(raw: dict[str, Any], element_id: str) -> int | None:
    value = _one(raw, "min")
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DefinitionError(f"element {element_id}: min {value!r} is not a number") from None


def _types(raw: dict[str, Any]) -> tuple[ElementType, ...]:
    merged: dict[str, tuple[list[str], list[str]]] = {}
    for item in _many(raw, "type"):
        code = _type_code(item)
        if not code:
            continue
        profiles, targets = merged.setdefault(code, ([], []))
        profiles += [p for p in _many(item, "profile") if isinstance(p, str) and p not in profiles]
        targets += [
            t for t in _many(item, "targetProfile") if isinstance(t, str) and t not in targets
        ]
    return tuple(ElementType(c, tuple(p), tuple(t)) for c, (p, t) in merged.items())


def _type_code(item: Any) -> str | None:
    code = _one(item, "code")
    if not isinstance(code, str):
        # STU3 spells the type of ``id`` and ``url`` in an extension of ``code``
        holder = code if isinstance(code, dict) else _one(item, "_code")
        for extension in _many(holder, "extension"):
            for key in _TYPE_EXTENSION_VALUES:
                if isinstance(found := _one(extension, key), str):
                    return found
        return None
    if code.startswith(FHIRPATH_SYSTEM):
        suffix = code.removeprefix(FHIRPATH_SYSTEM)
        return suffix[:1].lower() + suffix[1:]
    return code


def _value_fact(raw: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    for key, value in raw.items():
        if key.startswith(prefix) and key[len(prefix) : len(prefix) + 1].isupper():
            suffix = key[len(prefix) :]
            lowered = suffix[:1].lower() + suffix[1:]
            type_code = lowered if lowered in PRIMITIVE_TYPES else suffix
            return {"type": type_code, "value": _typed(type_code, _plain(value))}
    return None


def _typed(type_code: str, value: Any) -> Any:
    """XML gives every primitive as text; give booleans and integers their JSON type."""
    if not isinstance(value, str):
        return value
    if type_code == "boolean" and value in ("true", "false"):
        return value == "true"
    if type_code in _INTEGER_TYPES and value.lstrip("-").isdigit():
        return int(value)
    return value


def with_extension_urls(elements: list[Element] | tuple[Element, ...]) -> tuple[Element, ...]:
    """Give each extension slice the URL of its extension (type profile, else fixed url)."""
    fixed_urls = {
        e.id.removesuffix(".url"): e.fixed["value"]
        for e in elements
        if e.name == "url" and e.fixed and isinstance(e.fixed.get("value"), str)
    }
    out = []
    for e in elements:
        if e.slice and e.name in ("extension", "modifierExtension"):
            profiles = [p for t in e.types if t.code == "Extension" for p in t.profiles]
            url = profiles[0] if profiles else fixed_urls.get(e.id)
            if url:
                e = replace(e, extension_url=url)
        out.append(e)
    return tuple(out)
