"""The same laid-out diagram drawn by every renderer: SVG, PNG and reportlab (the PDF)."""

from __future__ import annotations

import io
import math

import pytest
from defusedxml import ElementTree
from PIL import Image
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String

from tests.diagrams.conftest import DEMO
from workbook.diagrams import png_size, render_png, render_reportlab, render_svg
from workbook.diagrams.graph import layout_graph
from workbook.diagrams.model import Diagram, Text
from workbook.diagrams.sources import Graph, GraphEdge, GraphNode

SVG = "{http://www.w3.org/2000/svg}"


def _lines(diagram: Diagram) -> list[str]:
    return [line for p in diagram.primitives if isinstance(p, Text) for line in p.lines]


@pytest.mark.parametrize(("kind", "name"), DEMO)
def test_the_svg_is_well_formed_and_has_every_label_as_text(demo_diagrams, kind, name) -> None:
    diagram = demo_diagrams[(kind, name)]
    root = ElementTree.fromstring(render_svg(diagram).encode("utf-8"))
    assert root.get("viewBox") == f"0 0 {diagram.width} {diagram.height}"
    spans = [span.text or "" for span in root.iter(f"{SVG}tspan")]
    assert spans == _lines(diagram)
    assert root.find(f"{SVG}title").text == diagram.title
    shapes = [e for e in root if e.tag != f"{SVG}title"]
    assert len(shapes) == len(diagram.primitives) + 1  # and the white background


def test_svg_escapes_what_people_type() -> None:
    graph = Graph(
        (GraphNode("a", "<script>alert('x')</script> & \"B\""), GraphNode("b", "Tŵr > Dŵr")),
        (GraphEdge("e", "a", "b", "A&E ]]> <ok>"),),
    )
    diagram = layout_graph(graph, "Problem <statement>", "empty")
    svg = render_svg(diagram)
    root = ElementTree.fromstring(svg.encode("utf-8"))
    shown = ["".join(span.text or "" for span in text) for text in root.iter(f"{SVG}text")]
    assert shown[:4] == [
        "Problem <statement>",
        "<script>alert('x')</script> & \"B\"",
        "Tŵr > Dŵr",
        "A&E ]]> <ok>",
    ]
    assert "<script>" not in svg
    assert root.find(f"{SVG}title").text == "Problem <statement>"


@pytest.mark.parametrize("scale", [1.0, 2.0, 1.5])
def test_the_png_has_the_size_of_the_diagram_at_the_scale_asked(demo_diagrams, scale) -> None:
    diagram = demo_diagrams[("problem", None)]
    image = Image.open(io.BytesIO(render_png(diagram, scale)))
    assert image.format == "PNG"
    assert image.size == png_size(diagram, scale)
    assert image.size == (math.ceil(diagram.width * scale), math.ceil(diagram.height * scale))


def test_the_png_shows_the_diagram_not_a_blank_page(demo_diagrams) -> None:
    image = Image.open(io.BytesIO(render_png(demo_diagrams[("process", None)], 1))).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > image.width * image.height * 0.01


def _flatten(drawing: Drawing) -> list:
    out = []
    stack = list(drawing.contents)
    while stack:
        shape = stack.pop(0)
        if isinstance(shape, Group):
            stack[:0] = shape.contents
        else:
            out.append(shape)
    return out


@pytest.mark.parametrize(("kind", "name"), DEMO)
def test_the_reportlab_drawing_has_every_primitive_and_makes_a_pdf(
    demo_diagrams, kind, name
) -> None:
    diagram = demo_diagrams[(kind, name)]
    drawing = render_reportlab(diagram)
    assert (drawing.width, drawing.height) == (diagram.width, diagram.height)
    shapes = _flatten(drawing)
    strings = [s for s in shapes if isinstance(s, String)]
    assert [s.text for s in strings] == _lines(diagram)
    assert {s.fontName for s in strings} <= {"DejaVuSans", "DejaVuSans-Bold"}
    assert len(shapes) - len(strings) == sum(
        1 for p in diagram.primitives if not isinstance(p, Text)
    )
    assert renderPDF.drawToString(drawing).startswith(b"%PDF-")


def test_the_reportlab_drawing_shrinks_to_fit_but_never_grows(demo_diagrams) -> None:
    diagram = demo_diagrams[("process", None)]
    narrow = render_reportlab(diagram, max_width=220)
    assert narrow.width == pytest.approx(220)
    assert narrow.height == pytest.approx(diagram.height * 220 / diagram.width)
    short = render_reportlab(diagram, max_height=300)
    assert short.height == pytest.approx(300)
    wide = render_reportlab(diagram, max_width=5000)
    assert (wide.width, wide.height) == (diagram.width, diagram.height)
