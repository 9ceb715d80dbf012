"""The layout checks catch what they promise to: overlaps, loose connectors, spills."""

from __future__ import annotations

from workbook.diagrams.checks import problems
from workbook.diagrams.model import Box, Diagram, Ellipse, Outline, Polyline, Rect, Style, Text

INK = Style()


def _box(owner: str, x: float, y: float) -> list:
    return [
        Rect(x, y, 40, 20, INK, 0, owner),
        Text(x + 5, y + 5, 30, 9.6, ("name",), 8, owner=owner),
    ]


def _diagram(*primitives, outlines=None) -> Diagram:
    return Diagram(200, 100, "t", tuple(primitives), outlines or {})


def test_a_clean_diagram_has_no_problems() -> None:
    diagram = _diagram(
        *_box("a", 10, 10),
        *_box("b", 100, 10),
        Polyline(((50, 20), (100, 20)), INK, "a-b", "edge", ("a", "b")),
        Text(60, 22, 30, 9.6, ("flow",), 7, owner="a-b"),
        outlines={
            "a": Outline("rect", Box(10, 10, 50, 30)),
            "b": Outline("rect", Box(100, 10, 140, 30)),
        },
    )
    assert problems(diagram) == []


def test_overlapping_shapes_and_labels_are_found() -> None:
    diagram = _diagram(
        *_box("a", 10, 10),
        *_box("b", 40, 20),
        Text(12, 12, 30, 9.6, ("loose",), 7, owner="x"),
    )
    assert problems(diagram) == [
        "shapes a and b overlap",
        "label 'name' of a overlaps label 'loose'",
        "label 'name' of a overlaps shape b",
        "label 'name' of b overlaps shape a",
        "label 'loose' of x overlaps shape a",
        "label 'loose' of x overlaps shape b",
    ]


def test_a_connector_must_end_on_its_shapes_outline() -> None:
    outlines = {
        "a": Outline("ellipse", Box(0, 0, 40, 20)),
        "b": Outline("diamond", Box(100, 0, 140, 40)),
    }
    on = Polyline(((40, 10), (100, 20)), INK, "good", "edge", ("a", "b"))
    off = Polyline(((30, 10), (110, 20)), INK, "bad", "edge", ("a", "b"))
    stray = Polyline(((40, 10), (100, 20)), INK, "stray", "edge", ("a", "c"))
    assert problems(_diagram(on, off, stray, outlines=outlines)) == [
        "connector bad is not attached to a at (30, 10)",
        "connector bad is not attached to b at (110, 20)",
        "connector stray ends at c, which has no outline",
    ]


def test_a_cylinder_outline_includes_its_curved_ends() -> None:
    drum = {
        "s": Outline("cylinder", Box(0, 0, 40, 50), cap=5),
        "t": Outline("rect", Box(0, 80, 40, 90)),
    }
    top_arc = (30, 5 - 5 * (1 - 0.25) ** 0.5)  # a quarter of the width off centre
    edge = Polyline((top_arc, (20, 80)), INK, "e", "edge", ("s", "t"))
    assert problems(_diagram(edge, outlines=drum)) == []


def test_anything_outside_the_diagram_is_found() -> None:
    assert problems(_diagram(Ellipse(195, 50, 10, 10, INK, "big"))) == [
        "Ellipse of big lies outside the diagram"
    ]
