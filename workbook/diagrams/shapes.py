"""Shapes drawn from several primitives, shared by the diagram kinds."""

from __future__ import annotations

from workbook.diagrams.model import Box, Ellipse, Polygon, Polyline, Primitive, Rect, Style


def stick_figure(cx: float, top: float, height: float, style: Style, owner: str) -> list[Primitive]:
    """A person: head, body, arms and legs, ``height`` tall, centred on ``cx``."""
    r = height * 0.13
    neck, hip, shoulder = top + 2 * r, top + height * 0.62, top + height * 0.36
    arm, leg = height * 0.3, height * 0.24
    line = Style(style.stroke, None, style.width)
    return [
        Polyline(((cx, neck), (cx, hip)), line, owner, "shape"),
        Polyline(((cx - arm, shoulder), (cx + arm, shoulder)), line, owner, "shape"),
        Polyline(
            ((cx - leg, top + height), (cx, hip), (cx + leg, top + height)), line, owner, "shape"
        ),
        Ellipse(cx, top + r, r, r, style, owner),
    ]


def building(x: float, y: float, size: float, style: Style, owner: str) -> list[Primitive]:
    """An organisation: a gabled building with a door, ``size`` square."""
    s = size
    outline = ((x, y + 0.4 * s), (x + s / 2, y), (x + s, y + 0.4 * s), (x + s, y + s), (x, y + s))
    door = Rect(
        x + 0.38 * s, y + 0.62 * s, 0.24 * s, 0.38 * s, Style(style.stroke, None, 0.6), 0, owner
    )
    return [Polygon(outline, style, owner), door]


def cylinder(box: Box, cap: float, style: Style, owner: str) -> list[Primitive]:
    """A data store: a drum whose caps are ellipses ``cap`` high (half-height)."""
    rx = box.width / 2
    body = Rect(
        box.x0, box.y0 + cap, box.width, box.height - 2 * cap, Style(None, style.fill, 0), 0, owner
    )
    side = Style(style.stroke, None, style.width, style.dash)
    return [
        Ellipse(box.cx, box.y1 - cap, rx, cap, style, owner),
        body,
        Polyline(((box.x0, box.y0 + cap), (box.x0, box.y1 - cap)), side, owner, "shape"),
        Polyline(((box.x1, box.y0 + cap), (box.x1, box.y1 - cap)), side, owner, "shape"),
        Ellipse(box.cx, box.y0 + cap, rx, cap, style, owner),
    ]


def note(box: Box, style: Style, owner: str, fold: float = 7.0) -> list[Primitive]:
    """A note (or document): a box with its top right corner folded over."""
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    outline = ((x0, y0), (x1 - fold, y0), (x1, y0 + fold), (x1, y1), (x0, y1))
    corner = ((x1 - fold, y0), (x1 - fold, y0 + fold), (x1, y0 + fold))
    return [
        Polygon(outline, style, owner),
        Polyline(corner, Style(style.stroke, None, style.width), owner, "shape"),
    ]


def diamond(box: Box, style: Style, owner: str) -> Polygon:
    return Polygon(
        ((box.cx, box.y0), (box.x1, box.cy), (box.cx, box.y1), (box.x0, box.cy)), style, owner
    )
