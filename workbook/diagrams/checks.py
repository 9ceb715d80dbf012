"""What a good layout promises, checked on a finished diagram.

- no two shapes (everything of role "shape" one owner draws) overlap;
- no label overlaps another label, or a shape it does not belong to;
- every connector starts on its source's outline and ends on its target's;
- everything lies inside the diagram.

Layouts use this to reject a candidate layout (an imported BPMN layout that overlaps);
the tests use it on every kind of diagram.
"""

from __future__ import annotations

from workbook.diagrams.geometry import boundary_distance
from workbook.diagrams.model import Box, Diagram, Polyline, Text

TOLERANCE = 0.5  # points of overlap forgiven (rounding)
ATTACH_TOLERANCE = 1.0  # how far a connector's end may be from its outline


def shape_boxes(diagram: Diagram) -> dict[str, Box]:
    """Each owner's shapes as one box."""
    boxes: dict[str, Box] = {}
    for p in diagram.primitives:
        if p.role == "shape":
            b = p.box()
            boxes[p.owner] = boxes[p.owner].union(b) if p.owner in boxes else b
    return boxes


def problems(diagram: Diagram) -> list[str]:
    """Every broken promise, one line each; empty when the layout is good."""
    found: list[str] = []
    found += _outside(diagram)
    shapes = shape_boxes(diagram)
    found += _overlapping_shapes(shapes)
    found += _overlapping_labels(diagram, shapes)
    found += _detached_connectors(diagram)
    return found


def _outside(diagram: Diagram) -> list[str]:
    frame = Box(0, 0, diagram.width, diagram.height).inflate(TOLERANCE)
    out = []
    for p in diagram.primitives:
        b = p.box()
        if b.x0 < frame.x0 or b.y0 < frame.y0 or b.x1 > frame.x1 or b.y1 > frame.y1:
            out.append(f"{type(p).__name__} of {p.owner or 'nothing'} lies outside the diagram")
    return out


def _overlapping_shapes(shapes: dict[str, Box]) -> list[str]:
    owners = sorted(shapes)
    return [
        f"shapes {a} and {b} overlap"
        for i, a in enumerate(owners)
        for b in owners[i + 1 :]
        if shapes[a].overlaps(shapes[b], TOLERANCE)
    ]


def _overlapping_labels(diagram: Diagram, shapes: dict[str, Box]) -> list[str]:
    labels = [p for p in diagram.primitives if isinstance(p, Text) and p.role == "label"]
    out = []
    for i, a in enumerate(labels):
        box = a.box()
        for b in labels[i + 1 :]:
            if box.overlaps(b.box(), TOLERANCE):
                out.append(f"label {_quote(a)} of {a.owner} overlaps label {_quote(b)}")
        for owner, shape in shapes.items():
            if owner != a.owner and box.overlaps(shape, TOLERANCE):
                out.append(f"label {_quote(a)} of {a.owner} overlaps shape {owner}")
    return out


def _detached_connectors(diagram: Diagram) -> list[str]:
    out = []
    for p in diagram.primitives:
        if not isinstance(p, Polyline) or p.ends is None:
            continue
        for end, point in zip(p.ends, (p.points[0], p.points[-1]), strict=True):
            outline = diagram.outlines.get(end)
            if outline is None:
                out.append(f"connector {p.owner} ends at {end}, which has no outline")
            elif boundary_distance(outline, point) > ATTACH_TOLERANCE:
                out.append(f"connector {p.owner} is not attached to {end} at {point}")
    return out


def _quote(t: Text) -> str:
    return repr(" ".join(t.lines)[:40])
