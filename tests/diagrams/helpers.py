"""Reading a laid-out diagram the way a person looks at it: its texts, lines and shapes."""

from __future__ import annotations

from workbook.diagrams.model import Diagram, Polygon, Polyline, Primitive, Text

BREAKS = "/?&=.:_-"  # a line ending in one of these was (most likely) broken inside a word


def joined(text: Text) -> str:
    """A text's lines as the one string they were wrapped from."""
    out = text.lines[0]
    for line in text.lines[1:]:
        out += line if out[-1:] in BREAKS else f" {line}"
    return out


def texts(diagram: Diagram) -> list[str]:
    """Every text of the diagram, each as one string, in drawing order."""
    return [joined(p) for p in diagram.primitives if isinstance(p, Text)]


def text_of(diagram: Diagram, owner: str) -> list[str]:
    return [joined(p) for p in diagram.primitives if isinstance(p, Text) and p.owner == owner]


def connectors(diagram: Diagram) -> dict[str, Polyline]:
    """The connectors by owner (the line itself, not its arrow head)."""
    return {p.owner: p for p in diagram.primitives if isinstance(p, Polyline) and p.ends}


def head(diagram: Diagram, owner: str) -> Primitive | None:
    """A connector's arrow head: a filled triangle (Polygon) or an open V (Polyline)."""
    found = [
        p
        for p in diagram.primitives
        if p.owner == owner and p.role == "edge" and (isinstance(p, Polygon) or not p.ends)
    ]
    return found[0] if found else None


def owned(diagram: Diagram, owner: str) -> list[Primitive]:
    return [p for p in diagram.primitives if p.owner == owner]
