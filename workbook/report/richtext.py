"""Light paragraphs for the thousands of short lines a large engagement brings (its user
stories and their acceptance criteria): runs of text, each in one face and colour,
wrapped at spaces and drawn in one text object.

No markup is parsed, so there is nothing to escape; laying out 2,000 stories this way takes
a fraction of what reportlab's ``Paragraph`` needs for the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from workbook.report import styles as st
from workbook.report.fonts import SANS
from workbook.report.markdown import clean

_WORDS = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class Run:
    text: str
    font: str = SANS
    colour: Color = st.INK


Piece = tuple[float, str, str, Color]  # x, text, font, colour
Line = list[Piece]


class RichText(Flowable):
    """Runs of text wrapped to the frame, with an optional bullet hanging to the left."""

    def __init__(
        self,
        runs: list[Run],
        size: float,
        leading: float,
        *,
        indent: float = 0.0,
        bullet: Run | None = None,
        bullet_indent: float = 0.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.runs = [Run(clean(r.text), r.font, r.colour) for r in runs]
        self.size, self.leading = size, leading
        self.indent, self.bullet, self.bullet_indent = indent, bullet, bullet_indent
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self._lines = lines
        self._for_width: float | None = None if lines is None else -1.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._for_width not in (availWidth, -1.0):
            self._lines = self._break(availWidth - self.indent)
            self._for_width = availWidth
        self.width, self.height = availWidth, len(self._lines or ()) * self.leading
        return self.width, self.height

    def _break(self, width: float) -> list[Line]:
        """Greedy line breaking at spaces; words of one run on one line make one piece."""
        lines: list[Line] = [[]]
        x, spaces = 0.0, ""
        for run in self.runs:
            for word in _WORDS.findall(run.text):
                if word.isspace():
                    if lines[-1]:  # spaces count between words, not at the start of a line
                        spaces += word.replace("\n", " ")
                        x += stringWidth(word, run.font, self.size)
                    continue
                advance = stringWidth(word, run.font, self.size)
                if x + advance > width and lines[-1]:
                    lines.append([])
                    x, spaces = 0.0, ""
                while advance > width and len(word) > 1:  # a word longer than a line
                    fit = len(word) - 1
                    while fit > 1 and stringWidth(word[:fit], run.font, self.size) > width:
                        fit -= 1
                    lines[-1].append((x, word[:fit], run.font, run.colour))
                    lines.append([])
                    word, x, spaces = word[fit:], 0.0, ""
                    advance = stringWidth(word, run.font, self.size)
                line = lines[-1]
                if line and line[-1][2:] == (run.font, run.colour):
                    start, text, font, colour = line[-1]
                    line[-1] = (start, text + spaces + word, font, colour)
                else:
                    line.append((x, word, run.font, run.colour))
                x += advance
                spaces = ""
        return [line for line in lines if line] or [[]]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        lines = self._lines or []
        fit = int(availHeight // self.leading)
        if fit < 1 or fit >= len(lines):
            return []
        first = self._with(lines[:fit], self.bullet, self.spaceBefore, 0.0)
        return [first, self._with(lines[fit:], None, 0.0, self.spaceAfter)]

    def _with(self, lines: list[Line], bullet: Run | None, before: float, after: float) -> RichText:
        return RichText(
            [],
            self.size,
            self.leading,
            indent=self.indent,
            bullet=bullet,
            bullet_indent=self.bullet_indent,
            space_before=before,
            space_after=after,
            lines=lines,
        )

    def draw(self) -> None:
        if getattr(self.canv, "layout_only", False):
            return
        text = self.canv.beginText()
        state: tuple[str, Color] | None = None
        # the first baseline sits as a paragraph's would: one font size below the top
        baseline = self.height - self.size - (self.leading - self.size * 1.2) / 2
        pieces: list[tuple[float, float, Piece]] = []
        if self.bullet is not None:
            pieces.append((self.bullet_indent, baseline, (0.0, *_run(self.bullet))))
        for number, line in enumerate(self._lines or ()):
            pieces += [(self.indent, baseline - number * self.leading, p) for p in line]
        for left, y, (x, word, font, colour) in pieces:
            if state != (font, colour):
                text.setFont(font, self.size)
                text.setFillColor(colour)
                state = (font, colour)
            text.setTextOrigin(left + x, y)
            text.textOut(word)
        self.canv.drawText(text)


def _run(run: Run) -> tuple[str, str, Color]:
    return run.text, run.font, run.colour
