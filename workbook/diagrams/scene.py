"""Building a diagram: measured text blocks, connectors with arrow heads, and the finish
(title, margins, moving everything to the origin).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from workbook.diagrams import palette
from workbook.diagrams.model import (
    Align,
    Box,
    Diagram,
    Outline,
    Point,
    Polygon,
    Polyline,
    Primitive,
    Rect,
    Role,
    Style,
    Text,
)
from workbook.diagrams.text import text_height, widest, wrap

Head = Literal["filled", "open"] | None
HEAD_LENGTH = 7.0
HEAD_HALF_WIDTH = 3.2
LABEL_PAD = 1.5  # white space kept around a connector's label


@dataclass(frozen=True)
class Block:
    """Text wrapped and measured, not yet placed."""

    lines: tuple[str, ...]
    size: float
    bold: bool
    width: float
    height: float

    def at(
        self,
        x: float,
        y: float,
        *,
        align: Align = "center",
        colour: str = palette.INK,
        owner: str = "",
        role: Role = "label",
    ) -> Text:
        """The block with its top left corner at ``x, y``."""
        return Text(
            x,
            y,
            self.width,
            self.height,
            self.lines,
            self.size,
            self.bold,
            align,
            colour,
            owner,
            role,
        )

    def centred(self, cx: float, cy: float, **kw: object) -> Text:
        return self.at(cx - self.width / 2, cy - self.height / 2, **kw)  # type: ignore[arg-type]


def block(
    text: str,
    max_width: float,
    size: float = palette.BODY_SIZE,
    bold: bool = False,
    max_lines: int | None = None,
) -> Block:
    """``text`` wrapped to ``max_width``; beyond ``max_lines`` the last line ends in "…"."""
    lines = wrap(text, max_width, size, bold)
    if max_lines is not None and len(lines) > max_lines:
        lines = (*lines[: max_lines - 1], _shortened(lines[max_lines - 1], max_width, size, bold))
    return Block(lines, size, bold, widest(lines, size, bold), text_height(len(lines), size))


def _shortened(line: str, max_width: float, size: float, bold: bool) -> str:
    """``line`` ending in "…" to say there is more, dropping words (or letters) to fit."""
    while True:
        candidate = f"{line} …"
        if widest((candidate,), size, bold) <= max_width or not line:
            return candidate
        line = line.rsplit(" ", 1)[0] if " " in line else line[:-1]


def connector(
    points: list[Point] | tuple[Point, ...],
    style: Style,
    *,
    head: Head = "filled",
    tail: Head = None,
    owner: str = "",
    ends: tuple[str, str] | None = None,
) -> list[Primitive]:
    """A line through ``points`` with an arrow head at its end (and optionally its start)."""
    points = tuple(points)
    drawn: list[Primitive] = [Polyline(points, style, owner, "edge", ends)]
    if head:
        drawn.append(arrow_head(points[-2], points[-1], style, head, owner))
    if tail:
        drawn.append(arrow_head(points[1], points[0], style, tail, owner))
    return drawn


def arrow_head(before: Point, tip: Point, style: Style, kind: Head, owner: str) -> Primitive:
    """An arrow head at ``tip`` pointing away from ``before``: a filled triangle or a V."""
    length = math.dist(before, tip) or 1.0
    ux, uy = (tip[0] - before[0]) / length, (tip[1] - before[1]) / length
    bx, by = tip[0] - ux * HEAD_LENGTH, tip[1] - uy * HEAD_LENGTH
    left = (bx - uy * HEAD_HALF_WIDTH, by + ux * HEAD_HALF_WIDTH)
    right = (bx + uy * HEAD_HALF_WIDTH, by - ux * HEAD_HALF_WIDTH)
    if kind == "filled":
        return Polygon((left, tip, right), Style(style.stroke, style.stroke, 0.5), owner, "edge")
    return Polyline((left, tip, right), Style(style.stroke, None, style.width), owner, "edge")


def backdrop(text: Text) -> Rect:
    """A white box behind a label that sits over lines."""
    box = text.box().inflate(LABEL_PAD)
    return Rect(box.x0, box.y0, box.width, box.height, palette.BACKDROP, 0, text.owner, "backdrop")


class Scene:
    """Primitives in drawing order, and the outlines connectors attach to."""

    def __init__(self) -> None:
        self.primitives: list[Primitive] = []
        self.outlines: dict[str, Outline] = {}

    def add(self, *primitives: Primitive) -> None:
        self.primitives.extend(primitives)

    def extend(self, primitives: list[Primitive]) -> None:
        self.primitives.extend(primitives)

    def bounds(self) -> Box:
        boxes = [p.box() for p in self.primitives]
        out = boxes[0]
        for b in boxes[1:]:
            out = out.union(b)
        return out

    def finish(self, title: str) -> Diagram:
        """The diagram with ``title`` on top and a margin all round, starting at 0, 0."""
        content = self.bounds()
        heading = block(
            title,
            max(content.width, palette.PAGE_WIDTH - 2 * palette.MARGIN),
            palette.TITLE_SIZE,
            bold=True,
        )
        top = palette.MARGIN + heading.height + 8
        dx, dy = palette.MARGIN - content.x0, top - content.y0
        primitives = [heading.at(palette.MARGIN, palette.MARGIN, align="left", owner="title")]
        primitives += [p.shifted(dx, dy) for p in self.primitives]
        outlines = {key: o.shifted(dx, dy) for key, o in self.outlines.items()}
        width = max(content.width, heading.width) + 2 * palette.MARGIN
        height = top + content.height + palette.MARGIN
        return Diagram(math.ceil(width), math.ceil(height), title, tuple(primitives), outlines)


def empty(title: str, message: str) -> Diagram:
    """A small diagram that says what to add before there is anything to draw."""
    scene = Scene()
    text = block(message, 300, palette.BODY_SIZE)
    frame = Rect(0, 0, text.width + 40, text.height + 32, palette.EMPTY, 6, "empty", "container")
    scene.add(
        frame, text.centred(frame.width / 2, frame.height / 2, colour=palette.MUTED, owner="empty")
    )
    return scene.finish(title)
