"""The workbook's look: one palette, one font, and cheap styled cells for write-only sheets.

Cells that look like the default (single-line, unstyled text) are written as plain values;
only cells that differ (headers, indented names, wrapped text, quote-prefixed text, fills)
carry a style, which keeps a 10,000-row export close to the speed of writing bare values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

FONT = "Calibri"  # Excel's default: plain cells and styled cells share it
SIZE = 11

BLUE = "005EB8"  # headers
NAVY = "003087"  # titles
SLATE = "425563"  # headers of columns given for information only
PALE = "E8EDEE"  # labels, legend boxes
COMMENT = "FFF4CC"  # the column left open for the client
UNMAPPED = "FAD7B5"  # data items not mapped yet
RULE = "BFC8CC"  # thin lines

TEXT = "@"  # the Text number format: what the client types stays text
FOOTER_TITLE = 80  # characters of the engagement's title in the footer


@dataclass(frozen=True)
class Look:
    """How a cell looks; equal looks share one style in the file."""

    bold: bool = False
    size: float = SIZE
    color: str | None = None
    fill: str | None = None
    wrap: bool = False
    top: bool = False
    center: bool = False
    indent: int = 0
    rule: bool = False  # a thin line under the cell
    text_format: bool = False
    quote: bool = False

    def quoted(self) -> Look:
        return replace(self, quote=True)


PLAIN = Look()
BODY = Look(wrap=True, top=True)  # cells of a row that runs over several lines
HEADER = Look(bold=True, color="FFFFFF", fill=BLUE, wrap=True, top=True, rule=True)
INFO_HEADER = replace(HEADER, fill=SLATE)
COMMENT_HEADER = replace(HEADER, color=NAVY, fill=COMMENT)
COMMENT_COLUMN = Look(fill=COMMENT, wrap=True, top=True, text_format=True)
TITLE = Look(bold=True, size=20, color=NAVY)
SUBTITLE = Look(size=13, color=SLATE)
HEADING = Look(bold=True, size=13, color=NAVY, rule=True)
LABEL = Look(bold=True, color=SLATE, top=True)
NOTE = Look(wrap=True, top=True)
SWATCH = Look(fill=UNMAPPED, rule=True)


class Styles:
    """Style arrays for the sheets of one workbook, built once per look and shared."""

    def __init__(self) -> None:
        self._arrays: dict[Look, Any] = {}

    def _array(self, sheet: Worksheet, look: Look) -> Any:
        array = self._arrays.get(look)
        if array is None:
            template = WriteOnlyCell(sheet)
            apply(template, look)
            # the style of a styled cell, reused: assigning font, fill... per cell would
            # look each of them up again in the workbook's style tables
            array = self._arrays[look] = template._style
        return array

    def cell(self, sheet: Worksheet, value: str | None, look: Look) -> Cell:
        cell = Cell(sheet, row=1, column=1, value=value, style_array=self._array(sheet, look))
        if look.quote and value is not None:
            cell.data_type = "s"  # text, even when it starts with "="
        return cell


def apply(target: Any, look: Look) -> None:
    """Give a cell (or a whole column) the look."""
    target.font = Font(name=FONT, size=look.size, bold=look.bold, color=look.color)
    if look.fill:
        target.fill = PatternFill("solid", start_color=look.fill, end_color=look.fill)
    if look.wrap or look.top or look.center or look.indent:
        target.alignment = Alignment(
            wrap_text=look.wrap or None,
            vertical="top" if look.top else "center" if look.center else None,
            horizontal="left" if look.indent else None,  # indent applies to aligned text only
            indent=look.indent,
        )
    if look.rule:
        target.border = Border(bottom=Side(style="thin", color=RULE))
    if look.text_format:
        target.number_format = TEXT
    if look.quote:
        target.quotePrefix = True


def print_setup(sheet: Worksheet, footer_title: str, title_rows: str | None) -> None:
    """Landscape A4, one page wide, the header row on every page, numbered pages."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = 0.6
    sheet.page_margins.bottom = 0.7
    sheet.page_margins.footer = 0.3
    if title_rows:
        sheet.print_title_rows = title_rows
    footer = sheet.oddFooter
    # Excel refuses headers and footers over 255 characters, formatting codes included
    title = footer_title if len(footer_title) <= FOOTER_TITLE else footer_title[:FOOTER_TITLE] + "…"
    footer.left.text = title.replace("&", "&&")
    footer.center.text = "Page &P of &N"
    footer.right.text = "&A"  # the sheet's name
    for part in (footer.left, footer.center, footer.right):
        part.size = 9
        part.color = SLATE
