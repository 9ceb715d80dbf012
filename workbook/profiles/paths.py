"""Finding a mapping's element path in a profile.

Paths are written as in a snapshot's element ids: ``Patient.identifier:nhsNumber.value``
for a slice, ``Observation.value[x]`` or a concrete ``Observation.valueQuantity`` for a
choice, ``Patient.extension:nhsCommunication.extension:language`` for an extension and
its sub-extension. Where the profile's own tree stops (it seldom lists the inside of data
types or extensions) the walk carries on in the element's type: the extension definition
named by its profile, else the base data type (``MedicationStatement.dosage.doseQuantity``
is ``Dosage.dose[x]`` as a Quantity).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from workbook.profiles.library import ProfileLibrary
from workbook.profiles.model import Element, Profile, choice_suffix, split_segment
from workbook.profiles.wording import alternatives

_SEGMENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\[x\])?(:[A-Za-z0-9_\-/@\[\]]+)?$")
_CONTAINERS = ("BackboneElement", "Element")


class PathError(Exception):
    """A path that is not in the profile: a stable ``code``, a message, suggested paths."""

    def __init__(self, code: str, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.suggestions = suggestions


@dataclass(frozen=True)
class Step:
    """One element on the way: where it was found, and the type a concrete choice picked."""

    element: Element
    tree: Profile
    chosen_type: str | None = None


@dataclass(frozen=True)
class ResolvedPath:
    path: str
    profile: Profile
    steps: tuple[Step, ...]  # from the root element

    @property
    def last(self) -> Step:
        return self.steps[-1]

    @property
    def element(self) -> Element:
        return self.last.element

    @property
    def type_codes(self) -> tuple[str, ...]:
        return (self.last.chosen_type,) if self.last.chosen_type else self.element.type_codes

    @property
    def required(self) -> bool:
        """Every instance of the resource must have it (it and all its parents min ≥ 1)."""
        return all((s.element.min or 0) >= 1 for s in self.steps[1:])

    @property
    def repeats(self) -> bool:
        """It, or one of its parents, may occur more than once."""
        return any(s.element.max_count is None or s.element.max_count > 1 for s in self.steps[1:])

    @property
    def prohibited(self) -> Step | None:
        """The first element on the way that the profile rules out (max 0)."""
        return next((s for s in self.steps[1:] if s.element.max == "0"), None)


def resolve(library: ProfileLibrary, profile: Profile, path: str) -> ResolvedPath:
    """Walk ``path`` through ``profile``; raise :class:`PathError` when it goes astray."""
    segments = path.strip().split(".")
    for segment in segments:
        if not _SEGMENT.match(segment):
            raise PathError("mapping.path-invalid", f'"{path}" is not an element path')
    if segments[0] != profile.root.path:
        raise PathError(
            "mapping.path-wrong-resource",
            f"{path} does not start with {profile.root.path}, the type of {profile.label}",
            (f"{profile.root.path}.{'.'.join(segments[1:])}",) if len(segments) > 1 else (),
        )
    steps = [Step(profile.root, profile)]
    for segment in segments[1:]:
        steps.append(_next_step(library, steps, segment))
    return ResolvedPath(path.strip(), profile, tuple(steps))


def _next_step(library: ProfileLibrary, steps: list[Step], segment: str) -> Step:
    here = steps[-1]
    inner = type_definition(library, here)
    places = [(here.tree, here.element)]
    if inner is not None:
        places.append((inner, inner.root))
    first_error: PathError | None = None
    for tree, parent in places:
        try:
            found = _child(tree, parent, segment, steps)
        except PathError as exc:
            first_error = first_error or exc
            continue
        if found is not None:
            return found
    if first_error is not None:
        raise first_error
    _refuse_restricted_choice(library, here, segment, steps)
    if here.element.is_choice and here.chosen_type is None and len(here.element.types) > 1:
        options = ", ".join(_concrete_names(here.element))
        raise PathError(
            "mapping.path-choice-unresolved",
            f"{_path_of(steps)} can be {alternatives(here.element.type_codes)}: name the type "
            f"({options}) before going inside it",
        )
    raise _unknown(segment, steps, inner)


def type_definition(library: ProfileLibrary, step: Step) -> Profile | None:
    """The definition an element's (single) type brings: extension, data type or profile."""
    element = step.element
    codes = (step.chosen_type,) if step.chosen_type else element.type_codes
    if len(codes) != 1 or codes[0] in _CONTAINERS:
        return None
    type_ref = next((t for t in element.types if t.code == codes[0]), None)
    profile_url = type_ref.profiles[0] if type_ref and type_ref.profiles else None
    return library.definition_of(codes[0], profile_url)


def _child(tree: Profile, parent: Element, segment: str, steps: list[Step]) -> Step | None:
    name, slice_name = split_segment(segment)
    children = tree.children(parent.id)
    named = [c for c in children if c.name == name]
    exact = next((c for c in named if c.slice == slice_name), None)
    if exact is not None:
        return Step(exact, tree)
    if slice_name is None and named:
        # STU3 snapshots spell a type-restricted choice as a slice of its own name
        return Step(named[0], tree)
    if slice_name is not None and named:
        slices = [c.slice for c in named if c.slice]
        raise PathError(
            "mapping.slice-unknown",
            f"{_path_of(steps)}.{name} has no slice {slice_name}"
            + (f"; its slices are {', '.join(slices)}" if slices else "; it is not sliced"),
            tuple(f"{_path_of(steps)}.{name}:{s}" for s in _close(slice_name, slices)),
        )
    if name.endswith("[x]"):
        return _renamed_choice(tree, children, name[:-3])
    return _concrete_choice(tree, children, name, steps)


def _renamed_choice(tree: Profile, children: list[Element], base: str) -> Step | None:
    """``value[x]`` asked, and the profile names the one type it allows: ``valueBoolean``."""
    for child in children:
        if (
            child.name.startswith(base)
            and len(child.types) == 1
            and child.name[len(base) :] == choice_suffix(child.types[0].code)
        ):
            return Step(child, tree)
    return None


def _concrete_choice(
    tree: Profile, children: list[Element], name: str, steps: list[Step]
) -> Step | None:
    """``doseQuantity`` asked: the ``dose[x]`` element, with Quantity chosen."""
    for child in children:
        if not child.is_choice or not name.startswith(child.name[:-3]):
            continue
        suffix = name[len(child.name) - 3 :]
        if not suffix[:1].isupper():
            continue
        typed_slice = next((c for c in children if c.name == child.name and c.slice == name), None)
        for code in child.type_codes:
            if choice_suffix(code) == suffix:
                return Step(typed_slice or child, tree, code)
        raise PathError(
            "mapping.choice-type-not-allowed",
            f"{_path_of(steps)}.{child.name} does not allow {suffix} in {tree.label}; "
            f"it allows {alternatives(child.type_codes)}",
            tuple(f"{_path_of(steps)}.{n}" for n in _concrete_names(child)),
        )
    return None


def _refuse_restricted_choice(
    library: ProfileLibrary, here: Step, segment: str, steps: list[Step]
) -> None:
    """``medicationCodeableConcept`` where the profile keeps only ``medicationReference``."""
    name = split_segment(segment)[0]
    for cut in (i for i, char in enumerate(name) if char.isupper() and i > 0):
        base, suffix = name[:cut], name[cut:]
        choice = _base_choice(library, here, base)
        if choice is None or suffix not in map(choice_suffix, choice.type_codes):
            continue
        kept = [
            c.name
            for c in here.tree.children(here.element.id)
            if c.name == choice.name or (c.name.startswith(base) and c.name[cut:][:1].isupper())
        ]
        allowed = f"only {alternatives(tuple(kept))}" if kept else f"no {choice.name} at all"
        raise PathError(
            "mapping.choice-type-not-allowed",
            f"{_path_of(steps)}.{choice.name} can be {suffix} in the base "
            f"{choice.path.split('.')[0]}, but {steps[0].tree.label} allows {allowed}",
            tuple(f"{_path_of(steps)}.{k}" for k in kept),
        )


def _base_choice(library: ProfileLibrary, here: Step, base: str) -> Element | None:
    """The choice element ``base[x]`` that the base definition has under ``here``."""
    element = here.element
    if element is here.tree.root or element.type_codes in ((), *((c,) for c in _CONTAINERS)):
        definition = library.definition_of(here.tree.type)
        wanted = f"{element.path}.{base}[x]"
    else:
        definition = type_definition(library, here) if len(element.type_codes) == 1 else None
        definition = library.definition_of(definition.type) if definition else None
        wanted = f"{definition.root.path}.{base}[x]" if definition else ""
    return definition.element(wanted) if definition else None


def _concrete_names(element: Element) -> list[str]:
    base = element.name[:-3]
    return [base + choice_suffix(code) for code in element.type_codes]


def _path_of(steps: list[Step]) -> str:
    """The path walked so far, as the user would write it (slices included)."""
    parts = []
    for step in steps:
        name = step.element.name
        if step.chosen_type and name.endswith("[x]"):
            name = name[:-3] + choice_suffix(step.chosen_type)
        parts.append(f"{name}:{step.element.slice}" if step.element.slice else name)
    return ".".join(parts)


def _close(word: str, candidates: list[str]) -> list[str]:
    by_lower = {c.lower(): c for c in candidates}
    return [by_lower[m] for m in difflib.get_close_matches(word.lower(), by_lower, n=3)]


def _unknown(segment: str, steps: list[Step], inner: Profile | None) -> PathError:
    here = steps[-1]
    candidates: list[str] = []
    for tree, parent in ((here.tree, here.element), (inner, inner.root if inner else None)):
        if tree is None or parent is None:
            continue
        for child in tree.children(parent.id):
            if child.slice:
                candidates.append(f"{child.name}:{child.slice}")
            elif child.is_choice:
                candidates += [child.name, *_concrete_names(child)]
            else:
                candidates.append(child.name)
    where = _path_of(steps)
    suggestions = tuple(f"{where}.{c}" for c in _close(segment, list(dict.fromkeys(candidates))))
    message = f'{where} has no element "{segment.split(":")[0]}" in {steps[0].tree.label}'
    if suggestions:
        message += f"; did you mean {' or '.join(suggestions)}?"
    return PathError("mapping.path-unknown", message, suggestions)
