"""Expanding a differential-only StructureDefinition over its base into a full element tree.

UK Core R4 and many other packages publish differentials only. The expansion starts from
the base's elements (a base resource or another profile), then applies each differential
element in order: a constraint on an existing element is merged into it; a new slice is
a copy of the sliced element with its children; an element inside a data type or an
extension the base does not list yet (``Patient.identifier.system``) first unfolds that
type's definition under its parent. The result is what a snapshot would hold, as facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from workbook.profiles.model import Element, Profile, choice_suffix, split_segment
from workbook.profiles.structure_definition import (
    Definition,
    DefinitionError,
    with_extension_urls,
)
from workbook.profiles.wording import article

# what a type (code, profile URL) contains: an extension or data type definition, or None
TypeDefinitions = Callable[[str, str | None], Profile | None]


@dataclass
class _Node:
    element: Element
    children: list[_Node] = field(default_factory=list)
    slices: list[_Node] = field(default_factory=list)

    def walk(self) -> Iterator[_Node]:
        """This node, its children, then its slices: snapshot order."""
        yield self
        for child in self.children:
            yield from child.walk()
        for sliced in self.slices:
            yield from sliced.walk()

    def child(self, name: str) -> _Node | None:
        return next((c for c in self.children if c.element.name == name), None)


def expand(definition: Definition, base: Profile, type_definitions: TypeDefinitions) -> Profile:
    """The profile of ``definition`` with the full element tree of ``base`` + differential."""
    profile = definition.profile
    if base.root.path != definition.differential[0].path.split(".")[0]:
        raise DefinitionError(
            f"its base {base.url} is {article(base.root.path)}, not {article(profile.type)}; "
            "the differential cannot apply to it"
        )
    tree = _Tree(base, type_definitions)
    for element in definition.differential:
        tree.apply(element)
    return replace(profile, elements=with_extension_urls([n.element for n in tree.root.walk()]))


class _Tree:
    def __init__(self, base: Profile, type_definitions: TypeDefinitions) -> None:
        self.base = base
        self.type_definitions = type_definitions
        self.nodes: dict[str, _Node] = {}
        self.root = _Node(base.root)
        self.nodes[base.root.id] = self.root
        self._graft(self.root, base.elements[1:], base.root, self.root.element)

    def _graft(
        self, under: _Node, elements: tuple[Element, ...], old_root: Element, new_root: Element
    ) -> None:
        """Add ``elements`` (ids under ``old_root``) below ``under``, renamed to ``new_root``."""
        for element in elements:
            element_id = new_root.id + element.id[len(old_root.id) :]
            path = new_root.path + element.path[len(old_root.path) :]
            node = _Node(replace(element, id=element_id, path=path))
            parent_id = element_id.rsplit(".", 1)[0]
            parent = self.nodes.get(parent_id, under)
            sliced = parent.child(node.element.name) if element.slice else None
            (sliced.slices if sliced else parent.children).append(node)
            self.nodes[element_id] = node

    def apply(self, constraint: Element) -> None:
        node = self.nodes.get(constraint.id) or self._new_node(constraint)
        node.element = _merge(node.element, constraint)

    def _new_node(self, constraint: Element) -> _Node:
        parent_id, _, last = constraint.id.rpartition(".")
        if not parent_id:
            raise DefinitionError(f"element {constraint.id} is not under {self.base.root.path}")
        parent = self._existing(parent_id, constraint.id)
        name, slice_name = split_segment(last)
        if slice_name is None:
            found = self._child(parent, name)
            if found is None:
                raise DefinitionError(
                    f"element {constraint.id} is not in its base {self.base.label}"
                )
            self.nodes[constraint.id] = found
            return found
        sliced = self._child(parent, name)
        if sliced is None:
            raise DefinitionError(
                f"slice {constraint.id} slices {name}, which is not in its base {self.base.label}"
            )
        copy = self._copy(sliced, constraint.id, slice_name)
        sliced.slices.append(copy)
        return copy

    def _existing(self, element_id: str, wanted_by: str) -> _Node:
        node = self.nodes.get(element_id)
        if node is not None:
            return node
        parent_id, _, last = element_id.rpartition(".")
        name, slice_name = split_segment(last)
        if not parent_id or slice_name is not None:
            raise DefinitionError(
                f"element {wanted_by} is inside {element_id}, which neither the base "
                "nor the differential defines before it"
            )
        parent = self._existing(parent_id, wanted_by)
        found = self._child(parent, name)
        if found is None:
            raise DefinitionError(f"element {wanted_by} is not in its base {self.base.label}")
        self.nodes[element_id] = found
        return found

    def _child(self, parent: _Node, name: str) -> _Node | None:
        """A child by name, unfolding the parent's type if needed; ``valueQuantity`` finds
        ``value[x]`` and restricts it to Quantity."""
        if not parent.children:
            self._unfold(parent)
        found = parent.child(name)
        if found is not None:
            return found
        for child in parent.children:
            if child.element.is_choice and name.startswith(child.element.name[:-3]):
                suffix = name[len(child.element.name) - 3 :]
                kept = tuple(t for t in child.element.types if choice_suffix(t.code) == suffix)
                if kept:
                    child.element = replace(child.element, types=kept)
                    return child
        return None

    def _unfold(self, node: _Node) -> None:
        """Give an element the children of its type (a data type or an extension)."""
        types = node.element.types
        if len(types) != 1:
            return
        profile_url = types[0].profiles[0] if types[0].profiles else None
        definition = self.type_definitions(types[0].code, profile_url)
        if definition is not None and len(definition.elements) > 1:
            self._graft(node, definition.elements[1:], definition.root, node.element)

    def _copy(self, node: _Node, new_id: str, slice_name: str) -> _Node:
        """A new slice of ``node``: the element and its children under the slice's id (a
        slice's type is unfolded only when the differential constrains inside it)."""
        copy = _Node(replace(node.element, id=new_id, slice=slice_name))
        self.nodes[new_id] = copy
        copy.children = [self._clone(c, node.element.id, new_id) for c in node.children]
        return copy

    def _clone(self, node: _Node, old_id: str, new_id: str) -> _Node:
        element = node.element
        copy = _Node(replace(element, id=new_id + element.id[len(old_id) :]))
        self.nodes[copy.element.id] = copy
        copy.children = [self._clone(c, old_id, new_id) for c in node.children]
        copy.slices = [self._clone(s, old_id, new_id) for s in node.slices]
        return copy


def _merge(element: Element, constraint: Element) -> Element:
    """``element`` narrowed by what the differential says (unsaid things are inherited)."""
    return replace(
        element,
        min=constraint.min if constraint.min is not None else element.min,
        max=constraint.max if constraint.max is not None else element.max,
        types=constraint.types or element.types,
        binding_strength=constraint.binding_strength or element.binding_strength,
        value_set=constraint.value_set or element.value_set,
        fixed=constraint.fixed if constraint.fixed is not None else element.fixed,
        pattern=constraint.pattern if constraint.pattern is not None else element.pattern,
    )
