"""Diagrams as figures: vector drawings at the text width, never wider than the page.

A diagram drawn in bands with nothing crossing between them (a business process that
continues underneath, with link events where a flow is cut) may break between bands at a
page end, so it keeps its full size; any other diagram taller than a page is scaled down
to fit one.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from reportlab.platypus import Flowable, Paragraph

from workbook.diagrams import Diagram, render_reportlab
from workbook.report import styles as st

CAPTION_ROOM = 40.0  # points kept under a figure for its caption
MIN_PART = 150.0  # the least of a diagram worth starting at the foot of a page
GAP = 2.0  # the least space between bands that counts as a place to break


def band_breaks(diagram: Diagram) -> list[float]:
    """The heights at which a horizontal line crosses no primitive, one per gap."""
    spans = sorted((box.y0, box.y1) for box in (p.box() for p in diagram.primitives))
    breaks, reach = [], None
    for top, bottom in spans:
        if reach is not None and top - reach >= GAP:
            breaks.append((reach + top) / 2)
        reach = bottom if reach is None else max(reach, bottom)
    return breaks


class DiagramFigure(Flowable):
    """A diagram with its caption under it; splits between bands when it has them."""

    def __init__(
        self,
        diagram: Diagram,
        caption: Paragraph | None,
        scale: float | None = None,
        breaks: list[float] | None = None,
    ) -> None:
        super().__init__()
        self.diagram = diagram
        self.caption = caption
        if scale is None:
            scale, breaks = _fit(diagram)
        self.scale = scale
        self.breaks = breaks or []
        self.drawing = render_reportlab(diagram, max_width=diagram.width * scale)
        self._caption_height = 0.0
        if caption is not None:
            self.spaceAfter = caption.getSpaceAfter()

    @property
    def first_part_height(self) -> float:
        """The height the diagram needs before it could break: where to start it."""
        first = next((b for b in self.breaks if b * self.scale >= MIN_PART), None)
        return (first * self.scale if first else self.drawing.height) + self._caption_room()

    def _caption_room(self) -> float:
        if self.caption is None:
            return 0.0
        return self.caption.wrap(st.FRAME_WIDTH, 1e9)[1] + self.caption.getSpaceBefore()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._caption_height = self._caption_room()
        self.width = availWidth
        self.height = self.drawing.height + self._caption_height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        usable = [
            b
            for b in self.breaks
            if MIN_PART <= b * self.scale <= availHeight
            and (self.diagram.height - b) * self.scale >= GAP
        ]
        if not usable:
            return []
        cut = max(usable)
        top, bottom = _cut(self.diagram, cut)
        rest = [b - cut for b in self.breaks if b > cut]
        return [
            DiagramFigure(top, None, self.scale, []),
            DiagramFigure(bottom, self.caption, self.scale, rest),
        ]

    def draw(self) -> None:
        left = max((self.width - self.drawing.width) / 2, 0)
        self.drawing.drawOn(self.canv, left, self._caption_height)
        if self.caption is not None:
            height = self.caption.wrap(self.width, 1e9)[1]
            self.caption.drawOn(self.canv, 0, self._caption_height - height - 4)


def _fit(diagram: Diagram) -> tuple[float, list[float]]:
    """The scale to draw at, and where the diagram may break (none: it fits one page)."""
    room = st.FRAME_HEIGHT - CAPTION_ROOM
    scale = min(1.0, st.FRAME_WIDTH / diagram.width)
    if diagram.height * scale <= room:
        return scale, band_breaks(diagram)
    breaks = band_breaks(diagram)
    edges = [0.0, *breaks, diagram.height]
    if breaks and all((b - a) * scale <= room for a, b in pairwise(edges)):
        return scale, breaks
    return min(scale, room / diagram.height), []


def _cut(diagram: Diagram, at: float) -> tuple[Diagram, Diagram]:
    above = tuple(p for p in diagram.primitives if p.box().y1 <= at)
    below = tuple(p.shifted(0, -at) for p in diagram.primitives if p.box().y0 >= at)
    return (
        replace(diagram, height=at, primitives=above, outlines={}),
        replace(diagram, height=diagram.height - at, primitives=below, outlines={}),
    )
