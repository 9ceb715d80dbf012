"""The building blocks of a section: headings the contents and outline pick up, numbered
figures and tables, images, text, and the one line for what was not recorded."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from PIL import Image as PILImage
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Image, KeepTogether, Paragraph, Spacer

from workbook.diagrams import Diagram
from workbook.report import styles as st
from workbook.report.figures import CAPTION_ROOM, DiagramFigure
from workbook.report.fonts import MONO
from workbook.report.markdown import Para, escape, flowables, paragraph
from workbook.report.tables import Row, RowTable

HEADING_ROOM = 90.0  # a heading needs this much page left under it, or it starts a page


_CODE_BREAK = re.compile(r"(?<=[/?&|=,;])")


def code_lines(text: str, width: float) -> list[str]:
    """Monospaced ``text`` in lines of at most ``width`` points, broken after / ? & | = , ;
    where it can be, anywhere where it must."""
    size = st.CODE_BLOCK.fontSize
    per_line = max(int(width // stringWidth("M", MONO, size)), 8)
    lines: list[str] = []
    current = ""
    for piece in _CODE_BREAK.split(text):
        if current and len(current) + len(piece) > per_line:
            lines.append(current)
            current = ""
        while len(current) + len(piece) > per_line:
            cut = per_line - len(current)
            lines.append(current + piece[:cut])
            piece, current = piece[cut:], ""
        current += piece
    if current:
        lines.append(current)
    return lines


class Heading(Para):
    """A heading that becomes an outline entry, and a contents line when ``contents``."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        level: int,
        key: str,
        contents: bool = True,
        markup: str | None = None,
    ) -> None:
        super().__init__(markup or escape(text), style)
        self.title = text
        self.level = level
        self.key = key
        self.contents = contents

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # a heading moves to the next page whole


class Section:
    """The flowables of one numbered section, with its own figure and table numbering."""

    def __init__(self, number: str, keys: list[str]) -> None:
        self.number = number
        self.items: list[Flowable] = []
        self._keys = keys  # every bookmark key of the document, for unique ones
        self._subsections = 0
        self._figures = 0
        self._tables = 0

    def key(self) -> str:
        self._keys.append(f"k{len(self._keys)}")
        return self._keys[-1]

    def heading(
        self,
        title: str,
        style: ParagraphStyle,
        level: int,
        contents: bool,
        markup: str | None = None,
    ) -> None:
        self.items.append(Heading(title, style, level, self.key(), contents, markup))

    def subsection(self, title: str) -> None:
        self._subsections += 1
        self.items.append(CondPageBreak(HEADING_ROOM))
        self.heading(f"{self.number}.{self._subsections} {title}", st.SUBSECTION, 2, False)

    def add(self, *items: Flowable) -> None:
        self.items.extend(items)

    def para(self, markup: str, style: ParagraphStyle = st.BODY, bullet: str | None = None) -> None:
        self.items.append(paragraph(markup, style, bullet=bullet))

    def code(self, text: str) -> None:
        """A line of code (a request line) in monospace, broken after its punctuation."""
        lines = code_lines(text, st.FRAME_WIDTH - 2 * st.CODE_BLOCK.leftIndent)
        self.para("<br/>".join(escape(line) for line in lines), st.CODE_BLOCK)

    def text(self, markdown: str) -> None:
        self.items.extend(flowables(markdown))

    def minor(self, title: str) -> None:
        self.items.append(CondPageBreak(HEADING_ROOM))
        self.para(escape(title), st.MINOR)

    def not_recorded(self, what: str) -> None:
        self.para(escape(what), st.NOT_RECORDED)

    def _caption(self, kind: str, title: str, style: ParagraphStyle) -> Paragraph:
        if kind == "Figure":
            self._figures += 1
            number = self._figures
        else:
            self._tables += 1
            number = self._tables
        return paragraph(f"{kind} {self.number}.{number}&nbsp;&nbsp;{escape(title)}", style)

    def figure(self, drawing: Drawing | Flowable, title: str) -> None:
        """A figure with its caption, on one page with the heading just above it, if any."""
        drawing.hAlign = "CENTER"
        self._keep_with_heading([Spacer(1, 4), drawing, self._caption("Figure", title, st.CAPTION)])

    def diagram(self, diagram: Diagram) -> None:
        figure = DiagramFigure(diagram, self._caption("Figure", diagram.title, st.CAPTION))
        if not figure.breaks:
            self._keep_with_heading([Spacer(1, 4), figure])
            return
        # a diagram that may break between its bands starts where its first band fits
        room = figure.first_part_height
        if len(self.items) >= 2 and isinstance(self.items[-1], Heading):
            if isinstance(self.items[-2], CondPageBreak):
                self.items[-2].height = max(self.items[-2].height, room + HEADING_ROOM / 2)
        else:
            self.items.append(CondPageBreak(room))
        self.items.append(figure)

    def _keep_with_heading(self, together: list[Flowable]) -> None:
        """``together`` on one page, with the heading just above it if there is one."""
        if self.items and isinstance(self.items[-1], Heading):
            together.insert(0, self.items.pop())
        self.items.append(KeepTogether(together))

    def image(self, data: bytes, title: str) -> None:
        """A PNG or JPEG, scaled down to fit the page, never up beyond its own size.

        Raises what Pillow raises for an image it cannot decode, before anything is added.
        """
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.load()  # a damaged image fails here, not halfway through the layout
            width, height = picture.size
            dpi = picture.info.get("dpi", (96, 96))[0] or 96
        natural = 72 / float(dpi)
        scale = min(natural, st.FRAME_WIDTH / width, (st.FRAME_HEIGHT - CAPTION_ROOM) / height)
        self.figure(Image(io.BytesIO(data), width * scale, height * scale), title)

    def grid(self, widths: Sequence[float], header: Sequence[str], rows: list[Row]) -> None:
        """A small table inside a block, without a numbered caption."""
        self.items += [RowTable(widths, header, rows), Spacer(1, 8)]

    def table(
        self, title: str, widths: Sequence[float], header: Sequence[str], rows: list[Row]
    ) -> None:
        caption = self._caption("Table", title, st.TABLE_CAPTION)
        self.items += [RowTable(widths, header, rows, caption), Spacer(1, 12)]
