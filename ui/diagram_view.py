"""A diagram on screen: each primitive of a laid-out diagram as one graphics item.

Zoom with Ctrl+wheel, Ctrl+= and Ctrl+-; Ctrl+0 fits the diagram to the view; drag to pan.
No layout happens here: the items are the primitives, in the same places, drawn with the
same bundled font.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

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
from workbook.diagrams.text import FONT_FAMILY, font_path

ZOOM_STEP = 1.25
MIN_ZOOM = 0.1
MAX_ZOOM = 8.0
_FONT_PIXELS = 100  # text is drawn at this size and scaled, so fractional sizes stay exact


@cache
def load_fonts() -> str:
    """Registers the bundled DejaVu Sans with Qt (once) and returns its family name."""
    for bold in (False, True):
        QFontDatabase.addApplicationFont(font_path(bold))
    return FONT_FAMILY


def _font(bold: bool) -> QFont:
    font = QFont(load_fonts())
    font.setPixelSize(_FONT_PIXELS)
    font.setBold(bold)
    font.setKerning(False)
    return font


class TextItem(QGraphicsItem):
    """The lines of one :class:`Text`, each on its baseline, aligned in the text's box."""

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text
        self.font = _font(text.bold)
        self.metrics = QFontMetricsF(self.font)

    def boundingRect(self) -> QRectF:
        t = self.text
        return QRectF(t.x, t.y, t.width, t.height).adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        t = self.text
        k = t.size / _FONT_PIXELS
        painter.setFont(self.font)
        painter.setPen(QColor(t.colour))
        for i, line in enumerate(t.lines):
            advance = self.metrics.horizontalAdvance(line) * k
            x = t.anchor_x() - {"left": 0.0, "center": advance / 2, "right": advance}[t.align]
            painter.save()
            painter.translate(x, t.baseline(i))
            painter.scale(k, k)
            painter.drawText(QPointF(0, 0), line)
            painter.restore()


def _pen(style: Style) -> QPen:
    if not style.stroke or style.width <= 0:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(QColor(style.stroke), style.width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if style.dash:
        pen.setDashPattern([d / style.width for d in style.dash])
    return pen


def _brush(style: Style) -> QBrush:
    return QBrush(QColor(style.fill)) if style.fill else QBrush(Qt.BrushStyle.NoBrush)


def graphics_item(p: Primitive) -> QGraphicsItem:
    """The one item that draws primitive ``p``."""
    if isinstance(p, Text):
        return TextItem(p)
    item: QGraphicsItem
    if isinstance(p, Rect):
        if p.radius:
            path = QPainterPath()
            path.addRoundedRect(QRectF(p.x, p.y, p.width, p.height), p.radius, p.radius)
            item = QGraphicsPathItem(path)
        else:
            item = QGraphicsRectItem(p.x, p.y, p.width, p.height)
    elif isinstance(p, Ellipse):
        item = QGraphicsEllipseItem(p.cx - p.rx, p.cy - p.ry, 2 * p.rx, 2 * p.ry)
    elif isinstance(p, Polygon):
        item = QGraphicsPolygonItem(QPolygonF([QPointF(x, y) for x, y in p.points]))
    else:
        assert isinstance(p, Polyline)
        path = QPainterPath(QPointF(*p.points[0]))
        for point in p.points[1:]:
            path.lineTo(QPointF(*point))
        item = QGraphicsPathItem(path)
    item.setPen(_pen(p.style))  # type: ignore[attr-defined]
    if not isinstance(p, Polyline):
        item.setBrush(_brush(p.style))  # type: ignore[attr-defined]
    return item


class DiagramView(QGraphicsView):
    """Shows one :class:`Diagram`; zooms and pans."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#FFFFFF"))
        self.diagram: Diagram | None = None
        for keys, standard, action in (
            (("Ctrl+=", "Ctrl++"), QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (("Ctrl+-",), QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (("Ctrl+0",), None, self.fit_to_view),
        ):
            sequences = {QKeySequence(k).toString(): QKeySequence(k) for k in keys}
            if standard is not None:  # the platform's own keys too, each only once
                sequences |= {k.toString(): k for k in QKeySequence.keyBindings(standard)}
            for sequence in sequences.values():
                shortcut = QShortcut(sequence, self, action)
                # only while the diagram has focus: Ctrl+0 is also Go › Overview
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def set_diagram(self, diagram: Diagram) -> None:
        scene = self.scene()
        scene.clear()
        for p in diagram.primitives:
            scene.addItem(graphics_item(p))
        scene.setSceneRect(0, 0, diagram.width, diagram.height)
        self.diagram = diagram
        self.fit_to_view()

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self.scale(zoom / self.zoom, zoom / self.zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def fit_to_view(self) -> None:
        """The whole diagram in view, never enlarged beyond twice its size."""
        if self.diagram is None:
            return
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > 2.0:
            self.set_zoom(2.0)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self.zoom * ZOOM_STEP**steps)
            event.accept()
        else:
            super().wheelEvent(event)
