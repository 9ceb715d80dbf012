"""Use cases (step 4): the use cases as ellipses in a column inside the system boundary,
actors as stick figures on either side, associations as lines, and include/extend
dependencies as dashed arrows.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict

from workbook.diagrams import palette
from workbook.diagrams.geometry import boundary_point, segment_hits_outline
from workbook.diagrams.labels import LabelPlacer
from workbook.diagrams.legend import footnotes
from workbook.diagrams.model import Box, Diagram, Ellipse, Outline, Point, Primitive, Rect
from workbook.diagrams.scene import Block, Scene, backdrop, block, connector, empty
from workbook.diagrams.shapes import stick_figure
from workbook.diagrams.sources import Actor, UseCases

TEXT_WIDTH = 110.0  # a use case's name wraps at this width
RX = TEXT_WIDTH / 2 * math.sqrt(2)  # an ellipse that holds a TEXT_WIDTH-wide box
MIN_RY = 17.0
CASE_GAP = 28.0
FIGURE = 30.0  # stick figure height
ACTOR_WIDTH = 84.0
ACTOR_GAP = 14.0
SIDE_GAP = 40.0  # between the actors and the system boundary
CHANNEL = 12.0  # between the vertical runs of dependencies that skip use cases
INSET = 16.0  # between the boundary and the use cases


def layout_use_cases(model: UseCases) -> Diagram:
    title = "Use cases"
    if not model.use_cases:
        return empty(title, "Nothing to draw yet: add use cases and their actors (step 4).")
    order = _order([u.key for u in model.use_cases], [*model.includes, *model.extends])
    names = {
        u.key: block(u.name, TEXT_WIDTH, palette.BODY_SIZE, max_lines=4) for u in model.use_cases
    }
    dependencies = [(a, b, "«include»") for a, b in model.includes]
    dependencies += [(a, b, "«extend»") for a, b in model.extends]
    position = {k: i for i, k in enumerate(order)}
    skipping = [d for d in dependencies if abs(position[d[0]] - position[d[1]]) != 1]
    system = block(model.system, 2 * RX + 2 * INSET, palette.BODY_SIZE, bold=True)
    linked: dict[str, list[str]] = defaultdict(list)
    for actor, case in model.associations:
        if case in names:
            linked[actor].append(case)
    left, right = _sides([a for a in model.actors if linked[a.key]])
    radii = {k: max(MIN_RY, names[k].height / 2 * math.sqrt(2) + 2) for k in order}
    column = sum(2 * r for r in radii.values()) + CASE_GAP * (len(order) - 1)
    needed = max(_stack_height(left), _stack_height(right))
    gap = CASE_GAP
    lead = 0.0  # extra space above the first use case when there is only one
    if needed > column:
        if len(order) > 1:
            gap += (needed - column) / (len(order) - 1)
        else:
            lead = (needed - column) / 2
    scene = Scene()
    # the boundary's left edge is x = 0; its title on top, then the column of use cases
    cx = INSET + RX
    top = INSET / 2 + system.height + INSET / 2
    y = top + INSET / 2 + lead
    centres: dict[str, Point] = {}
    for key in order:
        ry = radii[key]
        centres[key] = (cx, y + ry)
        scene.outlines[key] = Outline("ellipse", Box(cx - RX, y, cx + RX, y + 2 * ry))
        y += 2 * ry + gap
    y += lead - gap + CASE_GAP
    right_channels = cx + RX + CHANNEL * 1.5
    right_inner = right_channels + CHANNEL * len(skipping)
    boundary = Box(0, 0, max(right_inner, cx + RX) + INSET, y - CASE_GAP + INSET)
    scene.add(
        Rect(0, 0, boundary.width, boundary.height, palette.BOUNDARY, 0, "system", "container"),
        system.at(boundary.cx - system.width / 2, INSET / 2, owner="system"),
    )
    for key in order:
        ellipse = scene.outlines[key].box
        scene.add(
            Ellipse(ellipse.cx, ellipse.cy, RX, ellipse.height / 2, palette.USE_CASE, key),
            names[key].centred(ellipse.cx, ellipse.cy, owner=key),
        )

    lines: list[Primitive] = []
    labels_taken = [scene.outlines[k].box for k in order]
    for side, group in (("left", left), ("right", right)):
        column_x = -SIDE_GAP - ACTOR_WIDTH if side == "left" else boundary.x1 + SIDE_GAP
        placed = _place_actors(group, linked, centres, column_x, (top, boundary.y1), scene)
        inner_x = column_x + ACTOR_WIDTH + 6 if side == "left" else column_x - 6
        corridor = cx - RX - INSET / 2 if side == "left" else right_inner + INSET / 4
        for actor, hand in placed:
            labels_taken.append(scene.outlines[actor.key].box)
            for case in linked[actor.key]:
                points = _association(hand, inner_x, corridor, case, scene.outlines, side)
                lines += connector(
                    points,
                    palette.ASSOCIATION_LINE,
                    head=None,
                    owner=f"{actor.key}-{case}",
                    ends=(actor.key, case),
                )
    scene.extend(lines)
    routes = [
        _dependency(a, b, position, skipping, scene.outlines, right_channels)
        for a, b, _ in dependencies
    ]
    segments = [s for r in routes for s in itertools.pairwise(r)]
    segments += [s for p in lines if p.role == "edge" for s in itertools.pairwise(p.points)]
    text_boxes = [p.box() for p in scene.primitives if p.role == "label"]
    placer = LabelPlacer(labels_taken + text_boxes, segments)
    for (a, b, word), route in zip(dependencies, routes, strict=True):
        owner = f"{a}-{word}-{b}"
        scene.extend(connector(route, palette.DEPENDENCY, head="open", owner=owner, ends=(a, b)))
        text = placer.place(block(word, 60, palette.SMALL_SIZE), route, owner=owner)
        scene.add(backdrop(text), text)
    if placer.footnotes:
        scene.extend(footnotes(placer.footnotes, 0, scene.bounds().y1 + 10, palette.CONTENT_WIDTH))
    return scene.finish(title)


def _order(keys: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """Use cases in an order that puts related ones next to each other where it can: each
    group of related use cases walked from one end (a use case related to only one other).
    """
    near: dict[str, list[str]] = defaultdict(list)
    for a, b in pairs:
        if a in keys and b in keys and a != b:
            near[a].append(b)
            near[b].append(a)
    rank = {k: i for i, k in enumerate(keys)}
    seen: set[str] = set()
    out: list[str] = []
    for first in sorted(keys, key=lambda k: (len(set(near[k])) != 1, rank[k])):
        if first in seen:
            continue
        stack = [first]
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            out.append(key)
            stack += sorted((n for n in near[key] if n not in seen), key=lambda n: -rank[n])
    return out


def _sides(actors: list[Actor]) -> tuple[list[Actor], list[Actor]]:
    """People on the left, systems and organisations on the right (or half and half)."""
    left = [a for a in actors if a.kind not in ("system", "organisation")]
    right = [a for a in actors if a.kind in ("system", "organisation")]
    if not left or not right:
        half = (len(actors) + 1) // 2
        left, right = actors[:half], actors[half:]
    return left, right


def _actor_blocks(actor: Actor) -> tuple[Block, Block | None]:
    name = block(actor.name, ACTOR_WIDTH, palette.BODY_SIZE)
    setting = (
        block(f"({actor.care_setting})", ACTOR_WIDTH, palette.TINY_SIZE)
        if actor.care_setting
        else None
    )
    return name, setting


def _actor_height(actor: Actor) -> float:
    name, setting = _actor_blocks(actor)
    return FIGURE + 3 + name.height + (setting.height if setting else 0)


def _stack_height(group: list[Actor]) -> float:
    return sum(_actor_height(a) + ACTOR_GAP for a in group) - ACTOR_GAP if group else 0.0


def _place_actors(
    group: list[Actor],
    linked: dict[str, list[str]],
    centres: dict[str, Point],
    column_x: float,
    span: tuple[float, float],
    scene: Scene,
) -> list[tuple[Actor, Point]]:
    """Stick figures down one side, each as near as it can be to its use cases' middle."""
    wanted = {a.key: sum(centres[c][1] for c in linked[a.key]) / len(linked[a.key]) for a in group}
    ordered = sorted(group, key=lambda a: wanted[a.key])
    heights = [_actor_height(a) for a in ordered]
    tops: list[float] = []
    y = span[0]
    for actor, height in zip(ordered, heights, strict=True):
        y = max(y, wanted[actor.key] - FIGURE * 0.36)
        tops.append(y)
        y += height + ACTOR_GAP
    limit = span[1]
    for i in range(len(tops) - 1, -1, -1):  # pull back up whatever overran the bottom
        tops[i] = max(span[0], min(tops[i], limit - heights[i]))
        limit = tops[i] - ACTOR_GAP
    placed = []
    cx = column_x + ACTOR_WIDTH / 2
    half = FIGURE * 0.3
    for actor, y in zip(ordered, tops, strict=True):
        name, setting = _actor_blocks(actor)
        scene.extend(stick_figure(cx, y, FIGURE, palette.ACTOR, actor.key))
        label_top = y + FIGURE + 3
        scene.add(name.at(cx - name.width / 2, label_top, owner=actor.key))
        if setting:
            scene.add(
                setting.at(
                    cx - setting.width / 2,
                    label_top + name.height,
                    colour=palette.MUTED,
                    owner=actor.key,
                )
            )
        scene.outlines[actor.key] = Outline("rect", Box(cx - half, y, cx + half, y + FIGURE))
        hand_x = cx - half if column_x > 0 else cx + half
        placed.append((actor, (hand_x, y + FIGURE * 0.36)))
    return placed


def _association(
    hand: Point,
    inner_x: float,
    corridor: float,
    case: str,
    outlines: dict[str, Outline],
    side: str,
) -> list[Point]:
    """From an actor's hand, clear of its name, to the use case: straight if nothing is in
    the way, else by way of the corridor beside the column of use cases.
    """
    target = outlines[case]
    start = (inner_x, hand[1])
    centre = (target.box.cx, target.box.cy)
    end = boundary_point(target, centre, start)
    others = [o for k, o in outlines.items() if k != case and o.kind == "ellipse"]
    if not any(segment_hits_outline(start, end, _grown(o)) for o in others):
        return [hand, start, end]
    edge_x = target.box.x0 if side == "left" else target.box.x1
    return [hand, start, (corridor, centre[1]), (edge_x, centre[1])]


def _grown(outline: Outline) -> Outline:
    return Outline(outline.kind, outline.box.inflate(3))


def _dependency(
    source: str,
    target: str,
    position: dict[str, int],
    skipping: list[tuple[str, str, str]],
    outlines: dict[str, Outline],
    channels_x: float,
) -> list[Point]:
    """Straight down (or up) to a neighbouring use case, else round by a channel on the right."""
    a, b = outlines[source].box, outlines[target].box
    if abs(position[source] - position[target]) == 1:
        if a.cy < b.cy:
            return [(a.cx, a.y1), (b.cx, b.y0)]
        return [(a.cx, a.y0), (b.cx, b.y1)]
    index = next(i for i, d in enumerate(skipping) if d[0] == source and d[1] == target)
    x = channels_x + CHANNEL * index
    start = _at_angle(outlines[source], -30 if a.cy < b.cy else 30)
    end = _at_angle(outlines[target], 30 if a.cy < b.cy else -30)
    return [start, (x, start[1]), (x, end[1]), end]


def _at_angle(outline: Outline, degrees: float) -> Point:
    b = outline.box
    t = math.radians(degrees)
    return (b.cx + b.width / 2 * math.cos(t), b.cy - b.height / 2 * math.sin(t))
