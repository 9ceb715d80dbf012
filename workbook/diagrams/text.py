"""Measuring and wrapping text with the bundled DejaVu Sans, the font every renderer uses."""

from __future__ import annotations

import re
from functools import lru_cache

from PIL import ImageFont

from workbook.diagrams.model import LINE_SPACING
from workbook.resources import resource_path

FONT_FAMILY = "DejaVu Sans"
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
_EM = 1000  # measure at a large size and scale, so hinting does not skew small sizes
# after these a long word may be broken (paths, URLs, element names)
_BREAK_AFTER = re.compile(r"(?<=[/?&=.:_\-,;|])")


def font_path(bold: bool = False) -> str:
    return str(resource_path("fonts", FONT_FILES[bold]))


@lru_cache(maxsize=2)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(bold), _EM, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=4096)
def measure(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` in points at ``size`` points."""
    return _font(bold).getlength(text) * size / _EM


def line_height(size: float) -> float:
    return size * LINE_SPACING


def text_height(lines: int, size: float) -> float:
    return lines * line_height(size)


def wrap(text: str, max_width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``max_width``; keeps its own line breaks.

    Words that are too long on their own are broken after punctuation, else anywhere.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(_wrap_paragraph(paragraph.split(), max_width, size, bold))
    return tuple(lines) or ("",)


def _wrap_paragraph(words: list[str], max_width: float, size: float, bold: bool) -> list[str]:
    lines: list[str] = []
    current = ""
    for part, spaced in _pieces(words, max_width, size, bold):
        candidate = f"{current} {part}" if spaced and current else current + part
        if measure(candidate, size, bold) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while len(part) > 1 and measure(part, size, bold) > max_width:
            fit = 1
            while fit < len(part) and measure(part[: fit + 1], size, bold) <= max_width:
                fit += 1
            lines.append(part[:fit])
            part = part[fit:]
        current = part
    lines.append(current)
    return lines


def _pieces(words: list[str], max_width: float, size: float, bold: bool) -> list[tuple[str, bool]]:
    """The words, each as (text, follows a space); a word too long for a line comes in
    pieces, broken after its punctuation."""
    out = []
    for word in words:
        if measure(word, size, bold) <= max_width:
            out.append((word, True))
            continue
        parts = [p for p in _BREAK_AFTER.split(word) if p]
        out += [(p, i == 0) for i, p in enumerate(parts)]
    return out


def widest(lines: tuple[str, ...], size: float, bold: bool = False) -> float:
    return max((measure(line, size, bold) for line in lines), default=0.0)
