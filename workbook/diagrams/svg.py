"""Diagram → SVG text. Every label is real text (searchable, selectable), all of it escaped."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from workbook.diagrams.model import (
    Diagram,
    Ellipse,
    Polygon,
    Polyline,
    Primitive,
    Rect,
    Style,
    Text,
)
from workbook.diagrams.text import FONT_FAMILY

_ANCHORS = {"left": "start", "center": "middle", "right": "end"}


def render_svg(diagram: Diagram) -> str:
    w, h = diagram.width, diagram.height
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(w)}pt" height="{_n(h)}pt" '
        f'viewBox="0 0 {_n(w)} {_n(h)}" font-family="{FONT_FAMILY}, Verdana, sans-serif">',
        f"<title>{escape(diagram.title)}</title>",
        f'<rect x="0" y="0" width="{_n(w)}" height="{_n(h)}" fill="#FFFFFF"/>',
    ]
    out += [_element(p) for p in diagram.primitives]
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _element(p: Primitive) -> str:
    if isinstance(p, Rect):
        corner = f' rx="{_n(p.radius)}"' if p.radius else ""
        return (
            f'<rect x="{_n(p.x)}" y="{_n(p.y)}" width="{_n(p.width)}" '
            f'height="{_n(p.height)}"{corner}{_paint(p.style)}/>'
        )
    if isinstance(p, Ellipse):
        return (
            f'<ellipse cx="{_n(p.cx)}" cy="{_n(p.cy)}" rx="{_n(p.rx)}" ry="{_n(p.ry)}"'
            f"{_paint(p.style)}/>"
        )
    if isinstance(p, Polygon):
        return f'<polygon points="{_points(p.points)}"{_paint(p.style)}/>'
    if isinstance(p, Polyline):
        return (
            f'<polyline points="{_points(p.points)}"{_paint(p.style)} '
            'stroke-linejoin="round" stroke-linecap="butt"/>'
        )
    return _text(p)


def _text(t: Text) -> str:
    weight = ' font-weight="bold"' if t.bold else ""
    head = (
        f'<text font-size="{_n(t.size)}"{weight} fill="{t.colour}" '
        f'text-anchor="{_ANCHORS[t.align]}" xml:space="preserve">'
    )
    x = _n(t.anchor_x())
    spans = "".join(
        f'<tspan x="{x}" y="{_n(t.baseline(i))}">{escape(line)}</tspan>'
        for i, line in enumerate(t.lines)
    )
    return f"{head}{spans}</text>"


def _paint(style: Style) -> str:
    parts = [f' fill="{style.fill or "none"}"']
    if style.stroke and style.width > 0:
        parts.append(f' stroke="{style.stroke}" stroke-width="{_n(style.width)}"')
        if style.dash:
            parts.append(f" stroke-dasharray={quoteattr(' '.join(_n(d) for d in style.dash))}")
    else:
        parts.append(' stroke="none"')
    return "".join(parts)


def _points(points: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
