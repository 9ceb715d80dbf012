"""The diagram on screen: one graphics item per primitive, zoom and pan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontDatabase, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from ui.diagram_view import DiagramView, TextItem, load_fonts
from workbook.diagrams.model import Text

pytestmark = pytest.mark.gui


@pytest.fixture
def view(qtbot, demo_diagrams) -> DiagramView:
    shown = DiagramView()
    shown.resize(600, 500)
    qtbot.addWidget(shown)
    shown.show()
    shown.set_diagram(demo_diagrams[("problem", None)])
    return shown


def test_each_primitive_becomes_one_item_with_the_bundled_font(view: DiagramView) -> None:
    diagram = view.diagram
    items = view.scene().items(Qt.SortOrder.AscendingOrder)
    assert len(items) == len(diagram.primitives)
    texts = [i for i in items if isinstance(i, TextItem)]
    assert [t.text for t in texts] == [p for p in diagram.primitives if isinstance(p, Text)]
    assert load_fonts() in QFontDatabase.families()
    assert texts[0].font.family() == "DejaVu Sans"


def test_the_view_opens_fitted_and_zooms_with_keys_and_wheel(qtbot, view: DiagramView) -> None:
    fitted = view.zoom
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.sceneRect()) or fitted == pytest.approx(2.0)
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(fitted * 1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(fitted / 1.25)
    view.wheelEvent(_wheel(120, Qt.KeyboardModifier.ControlModifier))
    assert view.zoom == pytest.approx(fitted)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(fitted)


def test_a_plain_wheel_scrolls_and_dragging_pans(view: DiagramView) -> None:
    view.set_zoom(3)
    view.wheelEvent(_wheel(-120, Qt.KeyboardModifier.NoModifier))
    assert view.zoom == pytest.approx(3)
    assert view.verticalScrollBar().value() > 0
    assert view.dragMode() == QGraphicsView.DragMode.ScrollHandDrag


def test_the_scene_draws_what_the_png_shows(view: DiagramView) -> None:
    diagram = view.diagram
    image = QImage(int(diagram.width), int(diagram.height), QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    view.scene().render(painter)
    painter.end()
    dark = sum(
        1
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
        if image.pixelColor(x, y).value() < 128
    )
    assert dark > 200


def _wheel(delta: int, modifiers: Qt.KeyboardModifier) -> QWheelEvent:
    centre = QPointF(300, 250)
    return QWheelEvent(
        centre,
        centre,
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
