"""Routing a diagram's connectors and placing their labels, which the graph, process and
profile layouts share once their shapes are placed; and boxes in rows joined by arrows.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from workbook.diagrams import palette
from workbook.diagrams.geometry import boundary_point
from workbook.diagrams.labels import LabelPlacer
from workbook.diagrams.layered import place_in_rows
from workbook.diagrams.legend import footnotes
from workbook.diagrams.model import Box, Diagram, Outline, Point, Primitive, Style, Text
from workbook.diagrams.routing import Node, Router, nudge
from workbook.diagrams.scene import Block, Head, Scene, backdrop, connector

LOOP = 14.0  # how far a connector from a shape to itself reaches out
LABEL_ROOM = 70.0  # room for labels beside a connector outside the given label area


@dataclass(frozen=True)
class Link:
    """A connector to draw: from ``source`` to ``target`` (keys of routed nodes)."""

    key: str
    source: str
    target: str
    style: Style
    label: Block | None = None
    label_colour: str = palette.INK
    head: Head = "filled"
    tail: Head = None


@dataclass
class Routed:
    lines: list[Primitive]
    labels: list[Primitive]
    footnotes: list[tuple[str, str]]
    compromises: int

    @property
    def badness(self) -> tuple[int, int]:
        """How far the labels fell short: footnoted labels, then labels across lines."""
        return len(self.footnotes), self.compromises


def route_links(
    nodes: list[Node],
    links: list[Link],
    obstacles: list[Box],
    label_area: Box | None = None,
    first_mark: int = 1,
    labels_near_start: bool = False,
) -> Routed:
    """Connectors for ``links`` routed around ``nodes`` and ``obstacles``, and their labels.

    Labels avoid the nodes, ``obstacles`` (other text) and each other; a label with no room
    becomes a numbered mark, listed in ``footnotes``.
    """
    router = Router(nodes, obstacles)
    outlines = {n.key: n.outline for n in nodes}
    routes: dict[str, list[Point]] = {}
    # short connectors first: they have the fewest ways round
    for link in sorted(links, key=lambda k: _distance(outlines[k.source], outlines[k.target])):
        if link.source == link.target:
            routes[link.key] = _loop(outlines[link.source])
        else:
            routes[link.key] = router.route(link.source, link.target) or _straight(
                outlines[link.source], outlines[link.target]
            )
    routes = nudge(routes)
    segments = [seg for r in routes.values() for seg in itertools.pairwise(r)]
    if label_area is not None:  # connectors that go round the outside take room there too
        for a, b in segments:
            run = Box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
            label_area = label_area.union(run.inflate(LABEL_ROOM))
    placer = LabelPlacer(
        [n.outline.box for n in nodes] + list(obstacles),
        segments,
        label_area,
        first_mark,
        labels_near_start,
    )
    lines: list[Primitive] = []
    labels: list[Primitive] = []
    for link in links:
        lines += connector(
            routes[link.key],
            link.style,
            head=link.head,
            tail=link.tail,
            owner=link.key,
            ends=(link.source, link.target),
        )
    for link in sorted(links, key=lambda k: -(k.label.width * k.label.height if k.label else 0)):
        if link.label is None:
            continue
        text: Text = placer.place(
            link.label, routes[link.key], owner=link.key, colour=link.label_colour
        )
        labels += [backdrop(text), text]
    return Routed(lines, labels, placer.footnotes, placer.compromises)


def _distance(a: Outline, b: Outline) -> float:
    return abs(a.box.cx - b.box.cx) + abs(a.box.cy - b.box.cy)


def _loop(outline: Outline) -> list[Point]:
    """A connector from a shape's right side round to its top."""
    box = outline.box
    y = box.y0 + min(box.height * 0.3, 12)
    x = box.x1 - min(box.width * 0.2, 12)
    start = boundary_point(outline, (box.cx, y), (box.x1 + LOOP, y))
    end = boundary_point(outline, (x, box.cy), (x, box.y0 - LOOP))
    return [start, (box.x1 + LOOP, y), (box.x1 + LOOP, box.y0 - LOOP), (x, box.y0 - LOOP), end]


def _straight(a: Outline, b: Outline) -> list[Point]:
    ca, cb = (a.box.cx, a.box.cy), (b.box.cx, b.box.cy)
    return [boundary_point(a, ca, cb), boundary_point(b, cb, ca)]


def layered_diagram(
    title: str,
    sizes: dict[str, tuple[float, float]],
    links: list[Link],
    gaps: tuple[tuple[float, float], ...],
    draw: Callable[[Scene, dict[str, Box]], list[Node]],
    key_below: Callable[[Box], list[Primitive]] | None = None,
    labels_near_start: bool = False,
) -> Diagram:
    """Boxes of ``sizes`` in rows (:func:`place_in_rows`), drawn by ``draw``, joined by
    ``links``, with ``key_below`` (a legend) under them.

    Tries each (row gap, column gap) of ``gaps`` in turn until every label has room beside
    its connector, else keeps the layout whose labels fell short least.
    """
    best: tuple[tuple[int, int], Diagram] | None = None
    for row_gap, column_gap in gaps:
        boxes = place_in_rows(
            list(sizes),
            sizes,
            [(k.source, k.target) for k in links],
            palette.CONTENT_WIDTH,
            column_gap,
            row_gap,
        )
        scene = Scene()
        nodes = draw(scene, boxes)
        grid = scene.bounds()
        area = Box(
            grid.cx - palette.CONTENT_WIDTH / 2,
            grid.y0 - row_gap,
            grid.cx + palette.CONTENT_WIDTH / 2,
            grid.y1 + row_gap,
        )
        routed = route_links(nodes, links, [], area, labels_near_start=labels_near_start)
        scene.extend(routed.lines)
        scene.extend(routed.labels)
        if key_below is not None:
            scene.extend(key_below(Box(area.x0, scene.bounds().y1 + 16, area.x1, 0)))
        if routed.footnotes:
            top = scene.bounds().y1 + 10
            scene.extend(footnotes(routed.footnotes, area.x0, top, palette.CONTENT_WIDTH))
        if best is None or routed.badness < best[0]:
            best = (routed.badness, scene.finish(title))
        if best[0] == (0, 0) or sum(best[0]) > max(4, len(links) / 3):
            break  # all fit, or so many did not that wider gaps will not save them
    assert best is not None
    return best[1]
