"""Text is measured with the bundled DejaVu Sans, the font every renderer draws with."""

from __future__ import annotations

import pytest
from PIL import ImageFont
from reportlab.pdfbase import pdfmetrics

from workbook.diagrams import palette
from workbook.diagrams.process import GATEWAY_MARKS, MARKERS
from workbook.diagrams.reportlab import FONT_NAMES, register_fonts
from workbook.diagrams.scene import block
from workbook.diagrams.text import font_path, measure, wrap


def test_wrapping_keeps_every_line_within_the_width() -> None:
    text = "Structured discharge medication list sent to the GP clinical system within the hour"
    lines = wrap(text, 100, 8)
    assert lines == (
        "Structured discharge",
        "medication list sent to",
        "the GP clinical system",
        "within the hour",
    )
    assert all(measure(line, 8) <= 100 for line in lines)


def test_a_long_path_breaks_after_punctuation_and_a_long_word_anywhere() -> None:
    assert wrap("GET /List?patient.identifier=9000000009&_include=List:item", 90, 7) == (
        "GET /List?patient.",
        "identifier=9000000009&",
        "_include=List:item",
    )
    assert wrap("Pneumonoultramicroscopicsilicovolcanoconiosis", 60, 8) == (
        "Pneumonoultr",
        "amicroscopicsi",
        "licovolcanocon",
        "iosis",
    )


def test_own_line_breaks_are_kept_and_empty_text_is_one_empty_line() -> None:
    assert wrap("first\n\nsecond", 200, 8) == ("first", "", "second")
    assert wrap("", 200, 8) == ("",)


def test_a_block_cut_to_its_line_limit_ends_in_an_ellipsis() -> None:
    cut = block("one two three four five six seven eight nine ten", 40, 8, max_lines=2)
    assert cut.lines == ("one two", "three …")
    assert cut.height == pytest.approx(2 * 8 * 1.2)


def test_layout_and_pdf_measure_welsh_text_alike() -> None:
    register_fonts()
    for text, bold in (("Ysbyty Gwynedd, Tŵr Dŵr, Ŷ", False), ("Llanfair Pwllgwyngyll", True)):
        assert measure(text, 8, bold) == pytest.approx(
            pdfmetrics.stringWidth(text, FONT_NAMES[bold], 8), abs=0.1
        )


def test_every_symbol_the_diagrams_use_is_in_the_bundled_font() -> None:
    font = ImageFont.truetype(font_path(), 40)
    missing = bytes(font.getmask("\uffff"))
    symbols = [palette.WARNING_SIGN, "«", "»", "…", "ŵ", "ŷ", "Ŵ", "Ŷ"]
    symbols += [m for m in MARKERS.values() if len(m) == 1] + list(GATEWAY_MARKS.values())
    assert [s for s in symbols if bytes(font.getmask(s)) == missing] == []
