"""The drawing primitives every renderer maps, and the laid-out diagram that holds them.

Coordinates are points (1/72 inch), x to the right and y downwards, with the origin at
the top left of the diagram. Each primitive says what it belongs to (``owner``, e.g. a
node's key) and what part it plays (``role``), so that layout checks can tell a shape
from its label; renderers ignore both.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Point = tuple[float, float]
Role = Literal["shape", "label", "edge", "container", "backdrop"]
Align = Literal["left", "center", "right"]

# DejaVu Sans: ascent of one em, and the line pitch the layout uses, in ems
ASCENT = 0.929
LINE_SPACING = 1.2


@dataclass(frozen=True)
class Style:
    """How a primitive is stroked and filled; ``None`` means not at all."""

    stroke: str | None = "#000000"
    fill: str | None = None
    width: float = 1.0
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Box:
    """An axis-aligned box: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def inflate(self, dx: float, dy: float | None = None) -> Box:
        dy = dx if dy is None else dy
        return Box(self.x0 - dx, self.y0 - dy, self.x1 + dx, self.y1 + dy)

    def overlaps(self, other: Box, tolerance: float = 0.0) -> bool:
        """True when the two boxes share more than ``tolerance`` in both directions."""
        return (
            min(self.x1, other.x1) - max(self.x0, other.x0) > tolerance
            and min(self.y1, other.y1) - max(self.y0, other.y0) > tolerance
        )

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def shifted(self, dx: float, dy: float) -> Box:
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    style: Style
    radius: float = 0.0
    owner: str = ""
    role: Role = "shape"

    def box(self) -> Box:
        return Box(self.x, self.y, self.x + self.width, self.y + self.height)

    def shifted(self, dx: float, dy: float) -> Rect:
        return replace(self, x=self.x + dx, y=self.y + dy)


@dataclass(frozen=True)
class Ellipse:
    cx: float
    cy: float
    rx: float
    ry: float
    style: Style
    owner: str = ""
    role: Role = "shape"

    def box(self) -> Box:
        return Box(self.cx - self.rx, self.cy - self.ry, self.cx + self.rx, self.cy + self.ry)

    def shifted(self, dx: float, dy: float) -> Ellipse:
        return replace(self, cx=self.cx + dx, cy=self.cy + dy)


@dataclass(frozen=True)
class Polygon:
    """A closed shape through ``points`` (diamonds, arrow heads, note corners)."""

    points: tuple[Point, ...]
    style: Style
    owner: str = ""
    role: Role = "shape"

    def box(self) -> Box:
        return _points_box(self.points)

    def shifted(self, dx: float, dy: float) -> Polygon:
        return replace(self, points=_shift_points(self.points, dx, dy))


@dataclass(frozen=True)
class Polyline:
    """An open line through ``points``; a connector names the owners it joins in ``ends``."""

    points: tuple[Point, ...]
    style: Style
    owner: str = ""
    role: Role = "edge"
    ends: tuple[str, str] | None = None

    def box(self) -> Box:
        return _points_box(self.points)

    def shifted(self, dx: float, dy: float) -> Polyline:
        return replace(self, points=_shift_points(self.points, dx, dy))


@dataclass(frozen=True)
class Text:
    """Lines of text already wrapped by the layout, in the box ``x, y, width, height``.

    Line ``i`` sits on the baseline ``y + i * size * LINE_SPACING + size * ASCENT`` and is
    aligned in the box by ``align``.
    """

    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    size: float
    bold: bool = False
    align: Align = "center"
    colour: str = "#000000"
    owner: str = ""
    role: Role = "label"

    def box(self) -> Box:
        return Box(self.x, self.y, self.x + self.width, self.y + self.height)

    def baseline(self, index: int) -> float:
        return self.y + index * self.size * LINE_SPACING + self.size * ASCENT

    def anchor_x(self) -> float:
        """The x each line is anchored at: its start, middle or end, by ``align``."""
        if self.align == "left":
            return self.x
        if self.align == "right":
            return self.x + self.width
        return self.x + self.width / 2

    def shifted(self, dx: float, dy: float) -> Text:
        return replace(self, x=self.x + dx, y=self.y + dy)


Primitive = Rect | Ellipse | Polygon | Polyline | Text


@dataclass(frozen=True)
class Outline:
    """The boundary a connector attaches to: ``rect``, ``ellipse``, ``diamond`` or ``cylinder``.

    For a cylinder, ``cap`` is the half-height of its top and bottom ellipses.
    """

    kind: Literal["rect", "ellipse", "diamond", "cylinder"]
    box: Box
    cap: float = 0.0

    def shifted(self, dx: float, dy: float) -> Outline:
        return replace(self, box=self.box.shifted(dx, dy))


@dataclass(frozen=True)
class Diagram:
    """A laid-out diagram: what to draw, in drawing order, and how big it is."""

    width: float
    height: float
    title: str
    primitives: tuple[Primitive, ...]
    outlines: dict[str, Outline] = field(default_factory=dict)


def _points_box(points: tuple[Point, ...]) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _shift_points(points: tuple[Point, ...], dx: float, dy: float) -> tuple[Point, ...]:
    return tuple((x + dx, y + dy) for x, y in points)
