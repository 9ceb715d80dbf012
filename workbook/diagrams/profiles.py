"""Profiles (step 6): each profile in scope as a box with the elements the dataset is
mapped to, and arrows for the references between them, labelled with the element.
"""

from __future__ import annotations

from workbook.diagrams import palette
from workbook.diagrams.connectors import Link, layered_diagram
from workbook.diagrams.model import Box, Diagram, Outline, Primitive, Rect
from workbook.diagrams.references import references_between
from workbook.diagrams.routing import Node
from workbook.diagrams.scene import Block, Scene, block, empty
from workbook.diagrams.sources import Profile

BOX_WIDTH = 132.0
PAD = 6.0
MAX_ELEMENTS = 8
# row and column gaps, tried in turn until every label has room beside its arrow
GAPS = ((80.0, 30.0), (110.0, 30.0), (90.0, 72.0), (130.0, 72.0))


def layout_profiles(profiles: tuple[Profile, ...] | list[Profile]) -> Diagram:
    title = "Profiles and references"
    if not profiles:
        return empty(title, "Nothing to draw yet: add the profiles in scope (step 6).")
    contents = {p.key: _contents(p) for p in profiles}
    sizes = {k: (BOX_WIDTH, _height(c)) for k, c in contents.items()}
    references: dict[tuple[str, str], list[str]] = {}
    for source, element, target in references_between(list(profiles)):
        references.setdefault((source.key, target.key), []).append(element)
    links = [
        Link(
            f"{a}>{b}", a, b, palette.REFERENCE, block(", ".join(elements), 96, palette.SMALL_SIZE)
        )
        for (a, b), elements in references.items()
    ]

    def draw(scene: Scene, boxes: dict[str, Box]) -> list[Node]:
        for p in profiles:
            scene.extend(_draw(p.key, boxes[p.key], contents[p.key]))
            scene.outlines[p.key] = Outline("rect", boxes[p.key])
        return [Node(p.key, scene.outlines[p.key]) for p in profiles]

    return layered_diagram(title, sizes, links, GAPS, draw, labels_near_start=True)


def _contents(profile: Profile) -> tuple[Block, Block | None, list[Block]]:
    inner = BOX_WIDTH - 2 * PAD
    name = block(profile.name, inner, palette.BODY_SIZE, bold=True)
    kind = None
    if profile.resource_type and profile.resource_type != profile.name:
        kind = block(profile.resource_type, inner, palette.SMALL_SIZE)
    prefix = f"{profile.resource_type}."
    shown = [e.removeprefix(prefix) for e in profile.elements[:MAX_ELEMENTS]]
    if len(profile.elements) > MAX_ELEMENTS:
        shown[-1:] = [shown[-1], f"+ {len(profile.elements) - MAX_ELEMENTS} more"]
    if not shown:
        shown = ["no elements mapped yet"]
    return name, kind, [block(e, inner, palette.SMALL_SIZE) for e in shown]


def _header_height(contents: tuple[Block, Block | None, list[Block]]) -> float:
    name, kind, _ = contents
    return name.height + (kind.height if kind else 0) + 2 * PAD - 2


def _height(contents: tuple[Block, Block | None, list[Block]]) -> float:
    return _header_height(contents) + sum(b.height for b in contents[2]) + 2 * PAD - 2


def _draw(key: str, box: Box, contents: tuple[Block, Block | None, list[Block]]) -> list[Primitive]:
    name, kind, elements = contents
    header = _header_height(contents)
    drawn: list[Primitive] = [
        Rect(box.x0, box.y0, box.width, box.height, palette.PROFILE, 0, key),
        Rect(box.x0, box.y0, box.width, header, palette.PROFILE_HEADER, 0, key),
    ]
    y = box.y0 + PAD - 1
    drawn.append(name.at(box.x0 + PAD, y, align="left", owner=key))
    y += name.height
    if kind:
        drawn.append(kind.at(box.x0 + PAD, y, align="left", colour=palette.MUTED, owner=key))
    y = box.y0 + header + PAD - 1
    for i, element in enumerate(elements):
        muted = element.lines[0].startswith("+ ") and i == len(elements) - 1
        colour = (
            palette.MUTED if muted or element.lines[0] == "no elements mapped yet" else palette.INK
        )
        drawn.append(element.at(box.x0 + PAD, y, align="left", colour=colour, owner=key))
        y += element.height
    return drawn
