"""Diagram → PNG with Pillow and the bundled font (no Qt, so the command line can draw).

Drawn at a higher resolution and scaled down, which smooths lines and text.
"""

from __future__ import annotations

import io
import itertools
import math
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from workbook.diagrams.model import (
    Diagram,
    Ellipse,
    Point,
    Polygon,
    Primitive,
    Rect,
    Style,
    Text,
)
from workbook.diagrams.text import font_path

_ANCHORS = {"left": "ls", "center": "ms", "right": "rs"}
MAX_DRAWING_PIXELS = 40_000_000


def png_size(diagram: Diagram, scale: float) -> tuple[int, int]:
    """The pixel size :func:`render_png` gives at ``scale`` pixels per point."""
    return math.ceil(diagram.width * scale), math.ceil(diagram.height * scale)


def render_png(diagram: Diagram, scale: float = 2.0) -> bytes:
    size = png_size(diagram, scale)
    supersample = 3 if size[0] * size[1] * 9 <= MAX_DRAWING_PIXELS else 2
    if size[0] * size[1] * supersample * supersample > MAX_DRAWING_PIXELS:
        supersample = 1
    k = scale * supersample
    image = Image.new("RGB", (size[0] * supersample, size[1] * supersample), "#FFFFFF")
    draw = ImageDraw.Draw(image)
    for p in diagram.primitives:
        _draw(draw, p, k)
    if supersample > 1:
        image = image.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _draw(draw: ImageDraw.ImageDraw, p: Primitive, k: float) -> None:
    if isinstance(p, Text):
        _draw_text(draw, p, k)
        return
    style = p.style
    width = max(1, round(style.width * k)) if style.stroke and style.width > 0 else 0
    outline = style.stroke if width and not style.dash else None
    if isinstance(p, Rect):
        box = [p.x * k, p.y * k, (p.x + p.width) * k, (p.y + p.height) * k]
        if p.radius:
            draw.rounded_rectangle(box, p.radius * k, style.fill, outline, width)
        else:
            draw.rectangle(box, style.fill, outline, width)
        if width and style.dash:
            _dashed_outline(draw, _rect_outline(p), style, k)
    elif isinstance(p, Ellipse):
        box = [(p.cx - p.rx) * k, (p.cy - p.ry) * k, (p.cx + p.rx) * k, (p.cy + p.ry) * k]
        draw.ellipse(box, style.fill, outline, width)
        if width and style.dash:
            _dashed_outline(draw, _ellipse_outline(p), style, k)
    elif isinstance(p, Polygon):
        points = [(x * k, y * k) for x, y in p.points]
        draw.polygon(points, style.fill, outline, width)
        if width and style.dash:
            _dashed_outline(draw, [*p.points, p.points[0]], style, k)
    elif width:
        if style.dash:
            _dashed_outline(draw, list(p.points), style, k)
        else:
            draw.line([(x * k, y * k) for x, y in p.points], style.stroke, width, joint="curve")


def _rect_outline(p: Rect) -> list[Point]:
    x0, y0, x1, y1 = p.x, p.y, p.x + p.width, p.y + p.height
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]


def _ellipse_outline(p: Ellipse) -> list[Point]:
    n = 72
    return [
        (p.cx + p.rx * math.cos(2 * math.pi * i / n), p.cy + p.ry * math.sin(2 * math.pi * i / n))
        for i in range(n + 1)
    ]


def _dashed_outline(draw: ImageDraw.ImageDraw, points: list[Point], style: Style, k: float) -> None:
    """Pillow has no dashed lines: draw the dashes one by one along ``points``."""
    width = max(1, round(style.width * k))
    pattern = [d * k for d in style.dash]
    index, left, on = 0, pattern[0], True
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        ax, ay, bx, by = ax * k, ay * k, bx * k, by * k
        length = math.hypot(bx - ax, by - ay)
        pos = 0.0
        while pos < length:
            step = min(left, length - pos)
            if on:
                t0, t1 = pos / length, (pos + step) / length
                draw.line(
                    [
                        (ax + (bx - ax) * t0, ay + (by - ay) * t0),
                        (ax + (bx - ax) * t1, ay + (by - ay) * t1),
                    ],
                    style.stroke,
                    width,
                )
            pos += step
            left -= step
            if left <= 1e-9:
                index = (index + 1) % len(pattern)
                left, on = pattern[index], not on


@lru_cache(maxsize=64)
def _font(bold: bool, pixels: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(bold), pixels, layout_engine=ImageFont.Layout.BASIC)


def _draw_text(draw: ImageDraw.ImageDraw, t: Text, k: float) -> None:
    font = _font(t.bold, round(t.size * k, 2))
    x = t.anchor_x() * k
    for i, line in enumerate(t.lines):
        draw.text((x, t.baseline(i) * k), line, t.colour, font, _ANCHORS[t.align])
