"""Plane geometry the layouts and the layout checks share: outlines, segments, boxes."""

from __future__ import annotations

import math

from workbook.diagrams.model import Box, Outline, Point


def contains(outline: Outline, p: Point) -> bool:
    """True when ``p`` is strictly inside ``outline``."""
    box = outline.box
    x, y = p
    if not (box.x0 < x < box.x1 and box.y0 < y < box.y1):
        return False
    if outline.kind == "rect":
        return True
    hw, hh = box.width / 2, box.height / 2
    dx, dy = abs(x - box.cx) / hw, abs(y - box.cy) / hh
    if outline.kind == "ellipse":
        return dx * dx + dy * dy < 1
    if outline.kind == "diamond":
        return dx + dy < 1
    # cylinder: the body between the caps' centres, or inside either cap
    cap = outline.cap
    if box.y0 + cap <= y <= box.y1 - cap:
        return True
    centre = box.y0 + cap if y < box.y0 + cap else box.y1 - cap
    ey = (y - centre) / cap
    return dx * dx + ey * ey < 1


def boundary_distance(outline: Outline, p: Point) -> float:
    """How far ``p`` is from the line ``outline`` is drawn with (approximately, in points)."""
    box = outline.box
    x, y = p
    if outline.kind == "rect":
        dx = max(box.x0 - x, 0.0, x - box.x1)
        dy = max(box.y0 - y, 0.0, y - box.y1)
        if dx or dy:
            return math.hypot(dx, dy)
        return min(x - box.x0, box.x1 - x, y - box.y0, box.y1 - y)
    hw, hh = box.width / 2, box.height / 2
    dx, dy = (x - box.cx) / hw, (y - box.cy) / hh
    if outline.kind == "ellipse":
        return abs(math.hypot(dx, dy) - 1) * min(hw, hh)
    if outline.kind == "diamond":
        return abs(abs(dx) + abs(dy) - 1) * min(hw, hh) / math.sqrt(2)
    cap = outline.cap
    side = min(abs(x - box.x0), abs(x - box.x1))
    if box.y0 + cap <= y <= box.y1 - cap:
        return side
    centre = box.y0 + cap if y < box.y0 + cap else box.y1 - cap
    arc = abs(math.hypot(dx, (y - centre) / cap) - 1) * min(hw, cap)
    return min(arc, side) if abs(y - centre) <= cap else arc


def boundary_point(outline: Outline, inside: Point, outside: Point) -> Point:
    """Where the segment from ``inside`` to ``outside`` leaves ``outline`` (by bisection)."""
    lo, hi = inside, outside
    for _ in range(40):
        mid = ((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2)
        if contains(outline, mid):
            lo = mid
        else:
            hi = mid
    return hi


DIRECTIONS: dict[str, Point] = {
    "top": (0.0, -1.0),
    "right": (1.0, 0.0),
    "bottom": (0.0, 1.0),
    "left": (-1.0, 0.0),
}


def segment_hits_box(a: Point, b: Point, box: Box) -> bool:
    """True when the segment ``a``–``b`` passes through the inside of ``box`` (Liang–Barsky)."""
    x0, y0 = a
    dx, dy = b[0] - x0, b[1] - y0
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, x0 - box.x0),
        (dx, box.x1 - x0),
        (-dy, y0 - box.y0),
        (dy, box.y1 - y0),
    ):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return t1 - t0 > 1e-9


def segment_hits_outline(a: Point, b: Point, outline: Outline, step: float = 1.5) -> bool:
    """True when the segment ``a``–``b`` passes inside ``outline``."""
    if not segment_hits_box(a, b, outline.box):
        return False
    n = max(2, int(math.dist(a, b) / step))
    return any(
        contains(outline, (a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n))
        for i in range(n + 1)
    )
