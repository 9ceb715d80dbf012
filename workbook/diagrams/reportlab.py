"""Diagram → a reportlab ``Drawing`` (vector graphics for the PDF report).

reportlab's y axis points up, so every y is flipped; text uses the bundled DejaVu Sans,
registered once, so the PDF shows the same glyphs the layout measured.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.shapes import Drawing, Ellipse, Group, PolyLine, Rect, Shape, String
from reportlab.graphics.shapes import Polygon as RlPolygon
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workbook.diagrams import model
from workbook.diagrams.text import font_path

FONT_NAMES = {False: "DejaVuSans", True: "DejaVuSans-Bold"}
_ANCHORS = {"left": "start", "center": "middle", "right": "end"}


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Make DejaVu Sans (regular and bold) known to reportlab; safe to call again."""
    for bold, name in FONT_NAMES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, font_path(bold)))


def render_reportlab(
    diagram: model.Diagram, max_width: float | None = None, max_height: float | None = None
) -> Drawing:
    """The diagram as a Drawing, scaled down (never up) to fit ``max_width``/``max_height``."""
    register_fonts()
    scale = 1.0
    if max_width:
        scale = min(scale, max_width / diagram.width)
    if max_height:
        scale = min(scale, max_height / diagram.height)
    height = diagram.height
    group = Group()
    for p in diagram.primitives:
        for shape in _shapes(p, height):
            group.add(shape)
    group.scale(scale, scale)
    drawing = Drawing(diagram.width * scale, height * scale)
    drawing.add(group)
    return drawing


def _shapes(p: model.Primitive, h: float) -> list[Shape]:
    if isinstance(p, model.Text):
        return [
            String(
                p.anchor_x(),
                h - p.baseline(i),
                line,
                fontName=FONT_NAMES[p.bold],
                fontSize=p.size,
                fillColor=HexColor(p.colour),
                textAnchor=_ANCHORS[p.align],
            )
            for i, line in enumerate(p.lines)
        ]
    if isinstance(p, model.Rect):
        shape: Shape = Rect(p.x, h - p.y - p.height, p.width, p.height, rx=p.radius, ry=p.radius)
    elif isinstance(p, model.Ellipse):
        shape = Ellipse(p.cx, h - p.cy, p.rx, p.ry)
    elif isinstance(p, model.Polygon):
        shape = RlPolygon([c for x, y in p.points for c in (x, h - y)])
    else:
        shape = PolyLine([c for x, y in p.points for c in (x, h - y)], strokeLineJoin=1)
    _paint(shape, p.style, fillable=not isinstance(p, model.Polyline))
    return [shape]


def _paint(shape: Shape, style: model.Style, fillable: bool) -> None:
    if fillable:
        shape.fillColor = HexColor(style.fill) if style.fill else None
    if style.stroke and style.width > 0:
        shape.strokeColor = HexColor(style.stroke)
        shape.strokeWidth = style.width
        shape.strokeDashArray = list(style.dash) or None
    else:
        shape.strokeColor = None
