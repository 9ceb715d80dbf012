"""The report's look: page geometry, a restrained palette and one type scale.

One accent blue for headings and rules, dark grey text, light tints for table headers and
for the marks that must stand out (gaps, failed tests) — each mark also says what it is in
words, so nothing depends on colour alone.
"""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from workbook.report.fonts import BOLD, MONO, SANS

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 22 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

ACCENT = HexColor("#1D5C9E")
ACCENT_DARK = HexColor("#163F6B")
INK = HexColor("#1F2933")
MUTED = HexColor("#5B6770")
RULE = HexColor("#C9D2DB")
HAIRLINE = HexColor("#E1E6EB")
HEADER_FILL = HexColor("#E9EFF6")
GROUP_FILL = HexColor("#F4F6F8")
CODE_FILL = HexColor("#F1F3F5")
GAP_FILL = HexColor("#FCEBD2")
GAP_INK = HexColor("#8A4600")
WATERMARK = Color(0.36, 0.40, 0.44, alpha=0.11)


def markup_colour(colour: Color) -> str:
    """A colour as paragraph markup takes it: "#1d5c9e"."""
    return colour.hexval().replace("0x", "#")


RESULT_INK = {
    "pass": HexColor("#1E6B34"),
    "fail": HexColor("#B3261E"),
    "blocked": GAP_INK,
    "not_run": MUTED,
}

BODY_SIZE = 9.5
SMALL_SIZE = 8
TABLE_SIZE = 8
TABLE_LEADING = 10.4


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": SANS,
        "fontSize": BODY_SIZE,
        "leading": 14,
        "textColor": INK,
        "alignment": TA_LEFT,
        "spaceAfter": 6,
        "bulletFontName": SANS,
    }
    return ParagraphStyle(name, **(base | kw))


BODY = _style("body")
SMALL = _style("small", fontSize=SMALL_SIZE, leading=11, textColor=MUTED, spaceAfter=3)
NOT_RECORDED = _style("not-recorded", textColor=MUTED, spaceAfter=8)
CAPTION = _style(
    "caption", fontSize=SMALL_SIZE, leading=11, textColor=MUTED, spaceBefore=4, spaceAfter=12
)
TABLE_CAPTION = _style(
    "table-caption", fontName=BOLD, fontSize=SMALL_SIZE, leading=11, textColor=MUTED, spaceAfter=4
)
BULLET = _style("bullet", leftIndent=14, bulletIndent=3, spaceAfter=3)
CODE_BLOCK = _style(
    "code-block",
    fontName=MONO,
    fontSize=8.5,
    leading=12,
    backColor=CODE_FILL,
    borderPadding=(5, 6, 5, 6),
    leftIndent=6,
    rightIndent=6,
    spaceBefore=4,
    spaceAfter=10,
    splitLongWords=True,
)

PHASE = _style("phase", fontName=BOLD, fontSize=22, leading=28, textColor=ACCENT, spaceAfter=4)
PHASE_NOTE = _style("phase-note", fontSize=10.5, leading=15, textColor=MUTED, spaceAfter=22)
STEP = _style(
    "step", fontName=BOLD, fontSize=15, leading=20, textColor=INK, spaceBefore=18, spaceAfter=4
)
SUBSECTION = _style(
    "subsection",
    fontName=BOLD,
    fontSize=11,
    leading=15,
    textColor=ACCENT_DARK,
    spaceBefore=12,
    spaceAfter=5,
)
MINOR = _style("minor", fontName=BOLD, fontSize=BODY_SIZE, leading=14, spaceBefore=8, spaceAfter=3)
# headings written in the step's own text sit below the report's numbered ones
TEXT_HEADINGS = {
    1: _style("text-h1", fontName=BOLD, fontSize=11, leading=15, spaceBefore=8, spaceAfter=4),
    2: _style("text-h2", fontName=BOLD, fontSize=10, leading=14, spaceBefore=6, spaceAfter=3),
    3: _style("text-h3", fontName=BOLD, fontSize=BODY_SIZE, leading=14, spaceBefore=6),
}

CONTENTS_TITLE = _style(
    "contents-title", fontName=BOLD, fontSize=22, leading=28, textColor=ACCENT, spaceAfter=18
)
CONTENTS_LEVELS = [
    _style(
        "toc-0",
        fontName=BOLD,
        fontSize=10.5,
        leading=15,
        textColor=ACCENT_DARK,
        spaceBefore=10,
        spaceAfter=2,
    ),
    _style("toc-1", fontSize=BODY_SIZE, leading=14, leftIndent=18, spaceAfter=1),
]

COVER_KICKER = _style(
    "cover-kicker", fontName=BOLD, fontSize=10, leading=14, textColor=ACCENT, spaceAfter=10
)
COVER_TITLE = _style(
    "cover-title", fontName=BOLD, fontSize=26, leading=33, textColor=INK, spaceAfter=14
)
COVER_CLIENT = _style("cover-client", fontSize=13, leading=18, textColor=MUTED, spaceAfter=36)
COVER_LABEL = _style("cover-label", fontSize=SMALL_SIZE, leading=11, textColor=MUTED, spaceAfter=0)
COVER_VALUE = _style("cover-value", fontSize=10.5, leading=14, spaceAfter=0)


FEATURE = _style(
    "feature",
    fontName=BOLD,
    fontSize=10.5,
    leading=14,
    textColor=INK,
    spaceBefore=14,
    spaceAfter=2,
    keepWithNext=True,
)
LABEL = _style(
    "label",
    fontName=BOLD,
    fontSize=SMALL_SIZE,
    leading=11,
    textColor=MUTED,
    spaceBefore=6,
    spaceAfter=2,
    keepWithNext=True,
)
