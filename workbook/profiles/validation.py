"""Checking an engagement's mappings (step 7) against its profiles (step 6).

For each mapping: the profile must be known for the engagement's FHIR version, and the
element path must exist in it (:mod:`workbook.profiles.paths`); the element must not be
ruled out (max 0); a bare ``extension`` must say which extension; the data item's type
must suit the element's, a repeating item needs a repeating element, and an element every
resource must have should not be fed by an optional item. Profiles in scope that nothing
maps to are reported too. Mappings marked ``derived`` skip the type check (the value is
computed), and ``gap`` / ``extension_needed`` ones skip type and cardinality checks (the
analyst already knows they do not fit).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from workbook.checks import Finding, Target, check
from workbook.db.store import Store
from workbook.profiles.library import ProfileLibrary, available_profiles
from workbook.profiles.model import Element, Profile
from workbook.profiles.paths import PathError, ResolvedPath, resolve, type_definition
from workbook.profiles.wording import alternatives, article
from workbook.services import collections, dataset, engagements
from workbook.vocabulary import FHIR_VERSIONS

_STRINGS = frozenset({"string", "markdown", "id", "uri", "url", "canonical", "oid", "uuid"})
_CODES = frozenset({"code", "Coding", "CodeableConcept"})
_INTEGERS = frozenset({"integer", "positiveInt", "unsignedInt", "integer64"})
_QUANTITIES = frozenset(
    {"Quantity", "SimpleQuantity", "Age", "Duration", "Distance", "Count", "Money", "Range"}
)
_TEXT_HOLDERS = frozenset({"CodeableConcept", "Annotation", "Narrative", "xhtml", "Reference"})
# the element types a data item of each type can fill without a conversion
COMPATIBLE_TYPES: dict[str, frozenset[str]] = {
    "string": _STRINGS | _TEXT_HOLDERS | {"HumanName", "Address", "ContactPoint", "Identifier"},
    "text": _STRINGS | _TEXT_HOLDERS,
    "code": _CODES | {"Reference"},
    "integer": _INTEGERS | _QUANTITIES | {"decimal"},
    "decimal": _QUANTITIES | {"decimal"},
    "boolean": frozenset({"boolean"}),
    "date": frozenset({"date", "dateTime", "Period"}),
    "datetime": frozenset({"dateTime", "instant", "Period"}),
    "time": frozenset({"time"}),
    "identifier": _STRINGS | {"Identifier", "Reference"},
    "quantity": _QUANTITIES | {"decimal", "integer", "Ratio"},
    "reference": frozenset({"Reference", "canonical", "uri", "url", "Identifier"}),
    "attachment": frozenset({"Attachment", "base64Binary", "Reference", "url", "uri"}),
}
_PRIMITIVE_LIKE = _STRINGS | _INTEGERS | {"code", "boolean", "date", "dateTime", "instant"}
_PRIMITIVE_LIKE |= {"time", "decimal", "base64Binary", "xhtml"}
_NO_TYPE_CHECK = ("derived", "gap", "extension_needed")
_NO_FIT_CHECK = ("gap", "extension_needed")
_URL = re.compile(r"https?://[^\s,;()]+")
STEP_MAPPING = "mapping"
STEP_PROFILES = "profiles"


@check("mappings and profiles")
def check_mappings(store: Store, engagement_id: int) -> list[Finding]:
    """Every finding about step 6 profiles and step 7 mappings of one engagement."""
    engagement = _Engagement.load(store, engagement_id)
    findings = engagement.profile_findings()
    for per_mapping in engagement.mapping_findings().values():
        findings += per_mapping
    return findings


def mapping_findings(store: Store, engagement_id: int) -> dict[int, list[Finding]]:
    """The findings of each mapping (by mapping id), for the mapping grid."""
    return _Engagement.load(store, engagement_id).mapping_findings()


@dataclass(frozen=True)
class _Engagement:
    """What the checks look at: the engagement's profiles, items, mappings, scope."""

    library: ProfileLibrary
    other_libraries: dict[str, Callable[[], ProfileLibrary]]
    items: dict[int, dict[str, Any]]
    mappings: list[dict[str, Any]]
    in_scope: list[dict[str, Any]]

    @classmethod
    def load(cls, store: Store, engagement_id: int) -> _Engagement:
        release = engagements.get(store, engagement_id).fhir_version
        return cls(
            available_profiles(store, release),
            {
                other: functools.partial(available_profiles, store, other)
                for other in FHIR_VERSIONS
                if other != release
            },
            {row["id"]: row for row in dataset.tree(store, engagement_id)},
            collections.rows(store, "mappings", engagement_id),
            collections.rows(store, "profiles", engagement_id),
        )

    def other_release(self, reference: str) -> str | None:
        """The other FHIR release that has this profile, if one does."""
        return next((r for r, lib in self.other_libraries.items() if lib().find(reference)), None)

    def mapping_findings(self) -> dict[int, list[Finding]]:
        scope = {_identity(self.library, ref) for row in self.in_scope for ref in _refs(row)}
        return {
            m["id"]: list(_check_mapping(self, m, self.items[m["data_item_id"]], scope))
            for m in self.mappings
        }

    def profile_findings(self) -> list[Finding]:
        """Profiles in scope (step 6) that are unknown, or that nothing maps to."""
        library = self.library
        mapped = {_identity(library, m["profile"]) for m in self.mappings}
        findings = []
        for row in self.in_scope:
            subject = row["name"] or row["url"]
            if not any(library.find(ref) for ref in _refs(row)):
                findings.append(
                    _unknown_profile(
                        self, row["url"], subject, STEP_PROFILES, ("profiles", row["id"])
                    )
                )
            elif not mapped & {_identity(library, ref) for ref in _refs(row)}:
                findings.append(
                    Finding(
                        "profiles.unmapped",
                        "warning",
                        f"no data item is mapped to {subject}: map items to it in step 7, "
                        "or take it out of scope",
                        STEP_PROFILES,
                        subject,
                        ("profiles", row["id"]),
                    )
                )
        return findings


def _refs(row: dict[str, Any]) -> list[str]:
    return [ref for ref in (row["url"], row["name"]) if ref]


def _identity(library: ProfileLibrary, reference: str) -> str:
    found = library.find(reference)
    return f"{found.url}|{found.version}" if found else reference.strip()


def _unknown_profile(
    context: _Engagement, reference: str, subject: str, step: str, target: Target
) -> Finding:
    release = context.library.fhir_version
    other = context.other_release(reference)
    if other:
        return Finding(
            f"{step}.profile-wrong-version",
            "error",
            f"{reference} is for FHIR {other} but this engagement uses FHIR {release}: "
            f"use a profile for {release}, or change the engagement's FHIR version",
            step,
            subject,
            target,
        )
    names = [p.name for p in context.library.profiles()]
    names += [p.type for p in context.library.base_resources()]
    close = difflib.get_close_matches(reference.strip(), names, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return Finding(
        f"{step}.profile-unknown",
        "error",
        f'no {release} profile or resource "{reference}": {hint}'
        "Import it with workbook profiles import, or use a Care Connect profile or base "
        "resource name",
        step,
        subject,
        target,
    )


def _check_mapping(
    context: _Engagement, mapping: dict[str, Any], item: dict[str, Any], scope: set[str]
) -> Iterable[Finding]:
    library = context.library
    path = (mapping["element_path"] or "").strip()
    subject = f"{item['name']} → {path or mapping['profile']}"
    status = mapping["status"]
    target = ("mappings", mapping["id"])

    def finding(code: str, severity: str, message: str, step: str = STEP_MAPPING) -> Finding:
        return Finding(code, severity, message, step, subject, target)

    profile = library.find(mapping["profile"])
    if profile is None:
        yield _unknown_profile(context, mapping["profile"], subject, STEP_MAPPING, target)
        return
    if _identity(library, mapping["profile"]) not in scope:
        yield finding(
            "mapping.profile-not-in-scope",
            "info",
            f"{profile.label} is not among the profiles in scope: add it in step 6",
            STEP_PROFILES,
        )
    if not path:
        yield finding(
            "mapping.path-missing", "warning", f"say which element of {profile.label} it maps to"
        )
        return
    try:
        resolved = resolve(library, profile, path)
    except PathError as exc:
        yield finding(exc.code, "error", exc.message)
        return
    notes = mapping["notes"] or ""
    yield from _slice_hints(resolved, notes, finding)
    ruled_out = resolved.prohibited
    if ruled_out is not None:
        yield finding(
            "mapping.element-prohibited",
            "error",
            f"{ruled_out.element.id} is not allowed ({ruled_out.element.cardinality}) in "
            f"{profile.label}: map the item to another element",
        )
        return
    if _is_bare_extension(resolved.element):
        if status not in _NO_FIT_CHECK:
            yield _extension_hint(library, resolved, notes, finding)
        return
    if status not in _NO_TYPE_CHECK:
        yield from _type_conflict(library, resolved, item, finding)
    if status not in _NO_FIT_CHECK:
        yield from _cardinality_conflicts(resolved, item, finding)


def _is_bare_extension(element: Element) -> bool:
    return element.type_codes == ("Extension",) and not element.extension_url


def _words(notes: str) -> Callable[[str], bool]:
    return lambda word: re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", notes) is not None


def _slice_hints(
    resolved: ResolvedPath, notes: str, finding: Callable[..., Finding]
) -> Iterable[Finding]:
    """The note names a slice of an element on the path (``nhsNumber slice``): say how to
    write the path so the slice's own rules are checked."""
    says = _words(notes)
    if not says("slice"):
        return
    segments = resolved.path.split(".")
    for index, step in enumerate(resolved.steps[1:], start=1):
        element = step.element
        if element.slice or ":" in segments[index]:
            continue
        parent_id = element.id.rsplit(".", 1)[0]
        slices = [
            c.slice for c in step.tree.children(parent_id) if c.name == element.name and c.slice
        ]
        named = [s for s in slices if says(s)]
        if len(named) == 1:
            better = ".".join(
                [*segments[:index], f"{segments[index]}:{named[0]}", *segments[index + 1 :]]
            )
            yield finding(
                "mapping.slice-by-note",
                "info",
                f"the note names the {named[0]} slice; write the path as {better} so the "
                "slice's rules are checked",
            )


def _extension_hint(
    library: ProfileLibrary, resolved: ResolvedPath, notes: str, finding: Callable[..., Finding]
) -> Finding:
    """A bare ``…extension``: which extension is meant, from the note if it says."""
    element = resolved.element
    parent_id = element.id.rsplit(".", 1)[0]
    slices = [
        c for c in resolved.last.tree.children(parent_id) if c.name == element.name and c.slice
    ]
    says = _words(notes)
    for candidate in slices:
        url = candidate.extension_url or ""
        if url and (url in notes or says(url.rsplit("/", 1)[-1])):
            better = f"{resolved.path}:{candidate.slice}"
            definition = library.find(url)
            inner = _sub_extensions(definition) if definition else []
            named = [f"{better}.extension:{s}" for s in inner if says(s)]
            return finding(
                "mapping.extension-by-note",
                "info",
                f"the note names {url.rsplit('/', 1)[-1]}; write the path as "
                f"{' or '.join(named) or better} so it can be checked",
            )
    urls = [url.rstrip(".") for url in _URL.findall(notes)]
    if urls:
        known = library.find(urls[0])
        if known is not None and known.kind == "extension":
            return finding(
                "mapping.extension-not-in-profile",
                "warning",
                f"{known.name} is not one of the extensions {resolved.profile.label} defines; "
                "receivers may ignore it: agree it with them or raise a change request",
            )
        return finding(
            "mapping.extension-unknown",
            "warning",
            f"the note names {urls[0]}, which is not a known extension definition: "
            "import it with workbook profiles import",
        )
    offered = ", ".join(s.slice or "" for s in slices)
    return finding(
        "mapping.extension-unspecified",
        "warning",
        f"say which extension: write the path as {resolved.path}:<slice> using one of "
        f"{resolved.profile.label}'s extensions ({offered})"
        if offered
        else f"say which extension: name its URL in the note ({resolved.profile.label} "
        "defines no extensions here)",
    )


def _sub_extensions(definition: Profile) -> list[str]:
    return [
        c.slice
        for c in definition.children(definition.root.id)
        if c.slice and c.name == "extension"
    ]


def _element_types(library: ProfileLibrary, resolved: ResolvedPath) -> tuple[str, ...] | None:
    """The types an item mapped here must fit; for an extension, those of its value."""
    codes = resolved.type_codes
    if codes != ("Extension",):
        return tuple("BackboneElement" if c == "Element" else c for c in codes)
    definition = type_definition(library, resolved.last)
    if definition is None or definition.kind != "extension":
        return None
    for child in definition.children(definition.root.id):
        if child.name.startswith("value") and child.max != "0":
            return child.type_codes
    return None  # a complex extension: its sub-extensions hold the values


def _type_conflict(
    library: ProfileLibrary,
    resolved: ResolvedPath,
    item: dict[str, Any],
    finding: Callable[..., Finding],
) -> Iterable[Finding]:
    data_type = item["data_type"]
    codes = _element_types(library, resolved)
    if not data_type or not codes:
        return
    if data_type == "group":
        fits = any(c not in _PRIMITIVE_LIKE for c in codes)
    else:
        fits = any(c in COMPATIBLE_TYPES.get(data_type, ()) for c in codes)
    if not fits:
        kinds = alternatives(codes) if len(codes) <= 3 else f"{', '.join(codes[:3])}…"
        yield finding(
            "mapping.type-conflict",
            "warning",
            f"{article(data_type)} item mapped to {article(kinds)} element in "
            f"{resolved.profile.label}: map it to an element that holds {article(data_type)}, "
            "or correct the item's data type",
        )


def _cardinality_conflicts(
    resolved: ResolvedPath, item: dict[str, Any], finding: Callable[..., Finding]
) -> Iterable[Finding]:
    cardinality = item["cardinality"]
    if not cardinality:
        return
    element = resolved.element
    label = resolved.profile.label
    if cardinality.endswith("*") and not resolved.repeats:
        yield finding(
            "mapping.cardinality-repeats",
            "warning",
            f"the item repeats ({cardinality}) but {element.id} holds one value "
            f"({element.cardinality}) in {label}: map it to a repeating element, "
            "or agree which one value is sent",
        )
    if cardinality.startswith("0") and resolved.required:
        yield finding(
            "mapping.cardinality-optional",
            "warning",
            f"{element.id} is mandatory ({element.cardinality}) in {label} but the item is "
            f"optional ({cardinality}): agree what is sent when the item is missing",
        )
