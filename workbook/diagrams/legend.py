"""Keys under a diagram: what each line style and shape means, and long labels by number."""

from __future__ import annotations

from collections.abc import Callable

from workbook.diagrams import palette
from workbook.diagrams.model import Box, Primitive
from workbook.diagrams.scene import block

SAMPLE_WIDTH = 26.0
SAMPLE_HEIGHT = 12.0
Sample = Callable[[Box], list[Primitive]]


def legend(entries: list[tuple[Sample, str]], x: float, y: float, width: float) -> list[Primitive]:
    """One row (wrapping when full) of samples, each drawn in a small box, with captions."""
    drawn: list[Primitive] = []
    cx, cy, row_height = x, y, SAMPLE_HEIGHT
    for sample, caption in entries:
        text = block(caption, 140, palette.SMALL_SIZE)
        item_width = SAMPLE_WIDTH + 4 + text.width
        if cx > x and cx + item_width > x + width:
            cx, cy = x, cy + row_height + 6
        drawn += sample(Box(cx, cy, cx + SAMPLE_WIDTH, cy + SAMPLE_HEIGHT))
        drawn.append(
            text.at(
                cx + SAMPLE_WIDTH + 4,
                cy + (SAMPLE_HEIGHT - text.height) / 2,
                align="left",
                colour=palette.MUTED,
                owner="legend",
            )
        )
        cx += item_width + 14
    return drawn


def footnotes(notes: list[tuple[str, str]], x: float, y: float, width: float) -> list[Primitive]:
    """Labels there was no room for, listed under the diagram by their marks."""
    drawn: list[Primitive] = []
    for mark, text in notes:
        mark_block = block(mark, 40, palette.SMALL_SIZE)
        body = block(text, width - 30, palette.SMALL_SIZE)
        drawn.append(mark_block.at(x, y, align="left", owner="footnotes"))
        drawn.append(body.at(x + 24, y, align="left", owner="footnotes"))
        y += body.height + 2
    return drawn
