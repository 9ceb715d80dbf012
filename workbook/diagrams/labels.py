"""Placing connector labels where they cover no shape and no other label."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterator

from workbook.diagrams import palette
from workbook.diagrams.geometry import segment_hits_box
from workbook.diagrams.model import Box, Point, Text
from workbook.diagrams.scene import LABEL_PAD, Block, block

GAP = 3.0  # between a line and a label beside it
END_CLEARANCE = 12.0  # a label over its line keeps this far from the line's ends
CROSSING_COST = 25.0
ACROSS_LINE_COST = 20.0  # a label centred across a vertical line hides a stretch of it
GOOD_ENOUGH = 5.0
_FRACTIONS = (0.5, 0.35, 0.65, 0.2, 0.8, 0.08, 0.92)
_CELL = 48.0  # size of the buckets boxes and lines are looked up by


class _Index:
    """Boxes by the grid cells they touch, to find quickly what a candidate box meets."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.boxes: list[Box] = []

    def add(self, box: Box) -> int:
        index = len(self.boxes)
        self.boxes.append(box)
        for cell in _cells(box):
            self.cells[cell].append(index)
        return index

    def near(self, box: Box) -> set[int]:
        return {i for cell in _cells(box) for i in self.cells.get(cell, ())}


def _cells(box: Box) -> Iterator[tuple[int, int]]:
    for i in range(math.floor(box.x0 / _CELL), math.floor(box.x1 / _CELL) + 1):
        for j in range(math.floor(box.y0 / _CELL), math.floor(box.y1 / _CELL) + 1):
            yield i, j


class LabelPlacer:
    """Finds a free place for each label along its connector, in the order asked.

    ``obstacles`` are boxes no label may cover (shapes, other text); ``lines`` are the
    connectors' segments, which labels avoid covering when they can. With ``near_start``
    a label goes as near the start of its connector as it can (a reference's name by the
    box it belongs to), else near the middle.
    """

    def __init__(
        self,
        obstacles: list[Box],
        lines: list[tuple[Point, Point]],
        area: Box | None = None,
        first_mark: int = 1,
        near_start: bool = False,
    ) -> None:
        self.taken = _Index()
        for b in obstacles:
            self.taken.add(b.inflate(1.0))
        self.lines = lines
        self.line_index = _Index()
        for (ax, ay), (bx, by) in lines:
            self.line_index.add(Box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
        self.area = area
        self.first_mark = first_mark
        self.near_start = near_start
        self.footnotes: list[tuple[str, str]] = []
        self.compromises = 0  # labels that had to cross a line

    def place(
        self, label: Block, route: list[Point], *, owner: str, colour: str = palette.INK
    ) -> Text:
        """``label`` beside or over ``route``; if there is no room, a numbered footnote mark."""
        found = self._find(label.width, label.height, route)
        if found is not None and found[0] >= GOOD_ENOUGH:
            self.compromises += 1
        if found is None:
            mark = block(f"[{self.first_mark + len(self.footnotes)}]", 40, palette.SMALL_SIZE)
            self.footnotes.append((" ".join(mark.lines), " ".join(label.lines)))
            label = mark
            found = self._find(mark.width, mark.height, route, allow_crossings=True)
        box = found[1] if found is not None else self._nearest_free(label, route)
        self.taken.add(box.inflate(LABEL_PAD + 0.5))
        return label.at(box.x0, box.y0, colour=colour, owner=owner)

    def _free(self, box: Box) -> bool:
        return not any(box.overlaps(self.taken.boxes[i]) for i in self.taken.near(box))

    def _nearest_free(self, label: Block, route: list[Point]) -> Box:
        """The free place nearest the middle of ``route``, searching outwards."""
        (ax, ay), (bx, by) = route[len(route) // 2 - 1], route[len(route) // 2]
        cx, cy = (ax + bx) / 2, (ay + by) / 2
        w, h = label.width, label.height
        for area in (self.area, None):
            for radius in range(4, 600, 4):
                for step in range(24):
                    angle = 2 * math.pi * step / 24
                    x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
                    box = Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
                    if (area is None or _inside(box, area)) and self._free(box.inflate(LABEL_PAD)):
                        return box
        raise AssertionError("no free place for a label")  # the plane is unbounded

    def _crossings(self, box: Box) -> int:
        count = 0
        for i in self.line_index.near(box):
            a, b = self.lines[i]
            if a[0] == b[0] or a[1] == b[1]:
                s = self.line_index.boxes[i]
                count += box.x0 < s.x1 and s.x0 < box.x1 and box.y0 < s.y1 and s.y0 < box.y1
            else:
                count += segment_hits_box(a, b, box)
        return count

    def _find(
        self, w: float, h: float, route: list[Point], allow_crossings: bool = False
    ) -> tuple[float, Box] | None:
        """The cheapest free place for a ``w`` by ``h`` label, and its cost."""
        best: tuple[float, Box] | None = None
        for rank, box, on_line in _candidates(w, h, route, self.near_start):
            if best is not None and rank >= best[0]:
                break
            if self.area is not None and not _inside(box, self.area):
                continue
            padded = box.inflate(LABEL_PAD)
            if not self._free(padded):
                continue
            crossings = max(0, self._crossings(padded) - (1 if on_line else 0))
            cost = rank + CROSSING_COST * crossings * (0.1 if allow_crossings else 1)
            if best is None or cost < best[0]:
                best = (cost, box)
                if cost < GOOD_ENOUGH:
                    break
        return best


def _candidates(
    w: float, h: float, route: list[Point], near_start: bool
) -> Iterator[tuple[float, Box, bool]]:
    """Places beside (or over) each segment of ``route``, best first, with their rank.

    Best is the middle of the longest segment, or with ``near_start`` the first segment.
    """
    segments = list(itertools.pairwise(route))
    if not near_start:
        segments.sort(key=lambda s: -(abs(s[1][0] - s[0][0]) + abs(s[1][1] - s[0][1])))
    options: list[tuple[float, Box, bool]] = []
    rank = 0.0
    order = (
        [(t, s) for s in segments for t in _FRACTIONS]
        if near_start
        else [(t, s) for t in _FRACTIONS for s in segments]
    )
    for t, ((ax, ay), (bx, by)) in order:
        length = abs(bx - ax) + abs(by - ay)
        px, py = ax + (bx - ax) * t, ay + (by - ay) * t
        centred = Box(px - w / 2, py - h / 2, px + w / 2, py + h / 2)
        if abs(ay - by) < 1e-6:  # horizontal: over the line if it is long enough, or beside
            places = [
                (Box(px - w / 2, py - h - GAP, px + w / 2, py - GAP), False, 0.0),
                (Box(px - w / 2, py + GAP, px + w / 2, py + h + GAP), False, 0.0),
            ]
            if w + 2 * END_CLEARANCE <= length:
                places.insert(0, (centred, True, 0.0))
        elif abs(ax - bx) < 1e-6:  # vertical: beside, else across it
            places = [
                (Box(px + GAP, py - h / 2, px + GAP + w, py + h / 2), False, 0.0),
                (Box(px - GAP - w, py - h / 2, px - GAP, py + h / 2), False, 0.0),
            ]
            if h + 2 * END_CLEARANCE <= length:
                places.append((centred, True, ACROSS_LINE_COST))
        else:
            places = [(centred, True, 0.0)]
        for box, on_line, extra in places:
            options.append((rank + extra, box, on_line))
            rank += 0.5
    options.sort(key=lambda o: o[0])
    yield from options


def _inside(box: Box, area: Box) -> bool:
    return box.x0 >= area.x0 and box.y0 >= area.y0 and box.x1 <= area.x1 and box.y1 <= area.y1
