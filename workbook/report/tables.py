"""Tables that run over many pages in linear time, with the header row on every page.

reportlab's ``Table`` re-measures every remaining row each time it splits at a page end,
which is quadratic in the rows: minutes for a 10,000-item dataset. :class:`RowTable`
measures each row once, splits by adding up row heights, and draws its rows itself; the
pieces share the measurements, and so do the layout passes of a document with contents.
Plain cells are :class:`TextCell`: wrapped with the diagrams' DejaVu metrics and drawn as
strings, far cheaper than a paragraph, and never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from workbook.diagrams.text import wrap
from workbook.report import styles as st
from workbook.report.fonts import BOLD, SANS
from workbook.report.markdown import clean

PAD_X = 4.0
PAD_Y = 3.0
INDENT = 9.0  # points per level of a tree


NOTE_SIZE = 7.0
NOTE_LEADING = 9.2
Line = tuple[str, bool]  # a wrapped line of text, and whether it belongs to the note


class TextCell(Flowable):
    """Plain text in one face and colour, wrapped to the column, optionally indented, with
    an optional ``note`` in smaller muted type under it (a URL, a rationale, evidence)."""

    def __init__(
        self,
        text: str,
        *,
        bold: bool = False,
        colour: Color = st.INK,
        note: str | None = None,
        indent: float = 0.0,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.text = clean(text)
        self.note = clean(note or "")
        self.bold, self.colour, self.indent = bold, colour, indent
        self._lines = lines
        self._for_width = None if lines is None else "fixed"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._for_width not in (availWidth, "fixed"):
            room = max(availWidth - self.indent, 12)
            main = _wrapped(self.text, room, st.TABLE_SIZE, self.bold)
            note = _wrapped(self.note, room, NOTE_SIZE, False)
            self._lines = [(line, False) for line in main] + [(line, True) for line in note]
            self._for_width = availWidth
        self.width, self.height = availWidth, sum(map(_leading, self._lines or ()))
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        lines, used, fit = self._lines or [], 0.0, 0
        while fit < len(lines) and used + _leading(lines[fit]) <= availHeight:
            used += _leading(lines[fit])
            fit += 1
        if fit < 1 or fit >= len(lines):
            return []
        return [self._with(lines[:fit]), self._with(lines[fit:])]

    def _with(self, lines: list[Line]) -> TextCell:
        return TextCell(
            self.text, bold=self.bold, colour=self.colour, indent=self.indent, lines=lines
        )

    def draw(self) -> None:
        text = self.canv.beginText()
        self.write(text, 0.0, self.height)
        self.canv.drawText(text)

    def write(self, text: PDFTextObject, x: float, top: float) -> None:
        """Add the cell's lines to ``text`` with the cell's top left at (x, top): one text
        object for a whole table is far cheaper than one drawing per cell."""
        for line, is_note in self._lines or ():
            size = NOTE_SIZE if is_note else st.TABLE_SIZE
            leading = _leading((line, is_note))
            font = SANS if is_note or not self.bold else BOLD
            if (text._fontname, text._fontsize) != (font, size):
                text.setFont(font, size, leading)
            colour = st.MUTED if is_note else self.colour
            if getattr(text, "_fill", None) != colour:
                text.setFillColor(colour)
                text._fill = colour
            # each line sits in a band of one leading, its capitals centred in the band
            top -= leading
            text.setTextOrigin(x + self.indent, top + (leading - 0.73 * size) / 2)
            text.textOut(line)


def _wrapped(text: str, width: float, size: float, bold: bool) -> tuple[str, ...]:
    if not text:
        return ()
    if "\n" not in text and stringWidth(text, BOLD if bold else SANS, size) <= width:
        return (text,)  # most cells: one line, measured at C speed
    return wrap(text, width, size, bold)


def _leading(line: Line) -> float:
    return NOTE_LEADING if line[1] else st.TABLE_LEADING


@dataclass
class Row:
    """One row: a cell per column (None: empty), or a single cell across every column."""

    cells: Sequence[Flowable | None]
    fill: Color | None = None


@dataclass
class _Measured:
    height: float
    cell_heights: tuple[float, ...]


class RowTable(Flowable):
    """A table of ``rows`` under a ``header``, split page by page with the header repeated.

    A ``caption`` stands above the first piece only, and never without a row under it.
    The pieces of a split share the rows and their measurements and keep only a range and
    its height, so splitting a 10,000-row table costs what its pages cost.
    """

    def __init__(
        self,
        widths: Sequence[float],
        header: Sequence[str],
        rows: list[Row],
        caption: Flowable | None = None,
    ) -> None:
        super().__init__()
        self.widths = list(widths)
        self.header_texts = list(header)
        self.header = Row([TextCell(h, bold=True, colour=st.ACCENT_DARK) for h in header])
        self.rows = rows
        self.caption = caption
        self.start, self.end = 0, len(rows)
        self._measured: list[_Measured] | None = None
        self._header: _Measured | None = None
        self._caption_height = 0.0
        self._rows_height: float | None = None

    def _range(
        self, start: int, end: int, rows_height: float, caption: Flowable | None
    ) -> RowTable:
        """A piece of this table: rows ``start`` to ``end``, sharing the measurements."""
        piece = RowTable.__new__(RowTable)
        Flowable.__init__(piece)
        piece.widths, piece.header_texts = self.widths, self.header_texts
        piece.header, piece.rows = self.header, self.rows
        piece.caption = caption
        piece.start, piece.end = start, end
        piece._measured, piece._header = self._measured, self._header
        piece._caption_height = self._caption_height if caption is not None else 0.0
        piece._rows_height = rows_height
        return piece

    # ------------------------------------------------------------------ measuring

    def _cell_widths(self, row: Row) -> list[float]:
        return [sum(self.widths)] if len(row.cells) == 1 else self.widths

    def _measure(self, row: Row) -> _Measured:
        heights = tuple(
            cell.wrap(width - 2 * PAD_X, 1e9)[1] if cell is not None else 0.0
            for cell, width in zip(row.cells, self._cell_widths(row), strict=True)
        )
        return _Measured(max(heights, default=0.0) + 2 * PAD_Y, heights)

    def _ensure_measured(self) -> list[_Measured]:
        if self._header is None:
            self._header = self._measure(self.header)
            if self.caption is not None:
                height = self.caption.wrap(sum(self.widths), 1e9)[1]
                self._caption_height = height + self.caption.getSpaceAfter()
        if self._measured is None:
            self._measured = [self._measure(row) for row in self.rows]
        if self._rows_height is None:
            self._rows_height = sum(m.height for m in self._measured[self.start : self.end])
        return self._measured

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._ensure_measured()
        assert self._rows_height is not None
        self.width = sum(self.widths)
        self.height = self._top() + self._rows_height
        return self.width, self.height

    def _top(self) -> float:
        """The height above the first row: caption and header."""
        assert self._header is not None
        return self._caption_height + self._header.height

    # ------------------------------------------------------------------ splitting

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        measured = self._ensure_measured()
        assert self._rows_height is not None
        room = availHeight - self._top()
        used, fit = 0.0, self.start
        while fit < self.end and used + measured[fit].height <= room:
            used += measured[fit].height
            fit += 1
        if fit == self.end:
            return [self]
        if fit == self.start:
            if self._top() + measured[fit].height <= st.FRAME_HEIGHT:
                return []  # the row fits on the next page
            return self._split_row(room)
        return [
            self._range(self.start, fit, used, self.caption),
            self._range(fit, self.end, self._rows_height - used, None),
        ]

    def _split_row(self, room: float) -> list[Flowable]:
        """A row taller than a page: its cells split where the page ends."""
        if room < 3 * st.TABLE_LEADING:
            return []
        row = self.rows[self.start]
        first: list[Flowable | None] = []
        rest: list[Flowable | None] = []
        for cell, width in zip(row.cells, self._cell_widths(row), strict=True):
            parts = cell.split(width - 2 * PAD_X, room - 2 * PAD_Y) if cell is not None else []
            if len(parts) == 2:
                first.append(parts[0])
                rest.append(parts[1])
            elif cell is not None and cell.wrap(width - 2 * PAD_X, 1e9)[1] <= room - 2 * PAD_Y:
                first.append(cell)
                rest.append(None)
            else:
                first.append(None)
                rest.append(cell)
        later = self.rows[self.start + 1 : self.end]
        head = RowTable(self.widths, self.header_texts, [Row(first, row.fill)], self.caption)
        return [head, RowTable(self.widths, self.header_texts, [Row(rest, row.fill), *later])]

    # ------------------------------------------------------------------ drawing

    def draw(self) -> None:
        """Fills and rules first, then every plain cell's text in one text object."""
        if getattr(self.canv, "layout_only", False):
            return
        measured = self._ensure_measured()
        assert self._header is not None
        canvas = self.canv
        top = self.height
        if self.caption is not None:
            caption_height = self.caption.wrap(self.width, 1e9)[1]
            self.caption.drawOn(canvas, 0, top - caption_height)
            top -= self._caption_height
        rows = [(self.header, self._header, st.HEADER_FILL)]
        rows += [
            (self.rows[i], measured[i], self.rows[i].fill) for i in range(self.start, self.end)
        ]
        tops = []
        for index, (_row, size, fill) in enumerate(rows):
            tops.append(top)
            if fill is not None:
                canvas.setFillColor(fill)
                canvas.rect(0, top - size.height, self.width, size.height, stroke=0, fill=1)
            top -= size.height
            canvas.setStrokeColor(st.ACCENT if index == 0 else st.HAIRLINE)
            canvas.setLineWidth(0.8 if index == 0 else 0.4)
            canvas.line(0, top, self.width, top)
        text = canvas.beginText()
        for (row, size, _fill), row_top in zip(rows, tops, strict=True):
            x = 0.0
            for cell, width, height in zip(
                row.cells, self._cell_widths(row), size.cell_heights, strict=True
            ):
                if isinstance(cell, TextCell):
                    cell.write(text, x + PAD_X, row_top - PAD_Y)
                elif cell is not None:
                    cell.drawOn(canvas, x + PAD_X, row_top - PAD_Y - height)
                x += width
        canvas.drawText(text)


def column_widths(*fractions: float) -> list[float]:
    """Column widths across the text frame, in proportion to ``fractions``."""
    total = sum(fractions)
    return [st.FRAME_WIDTH * f / total for f in fractions]
