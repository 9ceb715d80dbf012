"""The case study as a PDF: cover, contents, one section per step grouped by phase, and
the appendices, on A4 with running header and footer, outline, metadata and watermark.

The contents needs the pages its entries land on, so the document is laid out twice
(``multiBuild``); tables and text measure once and keep their measurements between passes.
"Page N of M" takes M from the pass before; :class:`PageTotal` has the layout run again
until that is the number of pages it ends with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from workbook import __version__
from workbook.db.store import Store
from workbook.errors import InputError
from workbook.files.json_input import write_atomically
from workbook.progress import Progress
from workbook.report import appendices, fonts
from workbook.report import styles as st
from workbook.report.blocks import Heading, Section
from workbook.report.content import ReportContent, read_report_content
from workbook.report.context import Context, word
from workbook.report.markdown import escape
from workbook.report.options import ReportOptions
from workbook.report.review import review_appendix
from workbook.report.steps import step_section
from workbook.services.engagements import EngagementSummary
from workbook.steps import PHASES, STEPS

SUBJECT = "Care Connect engagement case study"
WATERMARK_TEXT = "DRAFT"
HEADER_BASELINE = st.PAGE_HEIGHT - 13 * mm
FOOTER_BASELINE = 11 * mm
LayoutProgress = Callable[[int, int], None]  # (flowables placed, layout pass)


TOTAL = 1000  # progress units: reading 0–50, sections 50–300, layout 300–950, writing


def write_report(
    store: Store,
    engagement_id: int,
    path: Path,
    progress: Progress,
    options: ReportOptions,
    today: dt.date | None = None,
) -> int:
    """Write the case study to ``path`` atomically; the number of pages."""
    progress(0, TOTAL, "Reading the engagement")
    ctx = Context(store, engagement_id, read_report_content(store, engagement_id))
    fonts.register()
    story = _story(ctx, options, today or dt.date.today(), progress)
    buffer = BytesIO()
    has_contents = any(isinstance(f, Heading) and f.contents for f in story)
    document = _Document(
        buffer, ctx.content.engagement, _layout_progress(progress, len(story)), has_contents
    )
    story.append(document.total)
    document.multiBuild(story)
    progress(960, TOTAL, "Writing the PDF")
    try:
        write_atomically(path, buffer.getvalue())
    except OSError as exc:
        raise InputError(str(path), f"cannot write the file ({exc.strerror or exc})") from None
    progress(TOTAL, TOTAL, "Done")
    return document.page


def _layout_progress(progress: Progress, flowables: int) -> LayoutProgress:
    """Layout reported as it goes, expecting two passes; only when the figure changes."""
    shown = [-1]

    def report(placed: int, layout_pass: int) -> None:
        done = min((layout_pass - 1) * flowables + min(placed, flowables), 2 * flowables)
        units = 300 + 650 * done // max(2 * flowables, 1)
        if units != shown[0]:
            shown[0] = units
            progress(units, TOTAL, f"Laying out the pages (pass {layout_pass})")

    return report


# --------------------------------------------------------------------------- the story


def _story(
    ctx: Context, options: ReportOptions, today: dt.date, progress: Progress
) -> list[Flowable]:
    keys: list[str] = []
    body: list[Flowable] = []
    for number, phase in enumerate(PHASES, 1):
        steps = [s for s in STEPS if s.phase == phase and s.key not in options.leave_out]
        if not steps:
            continue
        body.append(PageBreak())
        part = Section("", keys)
        part.heading(phase.title, st.PHASE, 0, True)
        first, last = steps[0].number, steps[-1].number
        span = f"Step {first}" if first == last else f"Steps {first} to {last}"
        part.para(f"Part {number} · {span}", st.PHASE_NOTE)
        body += part.items
        for step in steps:
            progress(50 + 250 * (step.number - 1) // len(STEPS), TOTAL, f"Step {step.number}")
            body += step_section(ctx, step, keys).items
    if options.appendices:
        body += _appendices(ctx.content, keys)
    if options.review:
        earlier = (1 + bool(ctx.content.items)) if options.appendices else 0
        body += review_appendix(ctx, keys, "ABC"[earlier])
    story: list[Flowable] = [*_cover(ctx.content.engagement, today), NextPageTemplate("body")]
    if body:  # the contents, unless every part was left out
        contents = Section("", keys)
        contents.heading("Contents", st.CONTENTS_TITLE, 0, False)
        story += [PageBreak(), *contents.items]
        story.append(
            TableOfContents(
                levelStyles=st.CONTENTS_LEVELS,
                dotsMinLevel=1,
                tableStyle=TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ]
                ),
            )
        )
    return story + body


def _appendices(content: ReportContent, keys: list[str]) -> list[Flowable]:
    story: list[Flowable] = [PageBreak()]
    glossary = Section("A", keys)
    glossary.heading("Appendix A  Glossary", st.PHASE, 0, True)
    appendices.glossary(glossary)
    story += glossary.items
    if content.items:
        details = Section("B", keys)
        details.add(PageBreak())
        details.heading("Appendix B  Data item details", st.PHASE, 0, True)
        appendices.data_item_details(content, details)
        story += details.items
    return story


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _cover(engagement: EngagementSummary, today: dt.date) -> list[Flowable]:
    facts = [
        ("Client", engagement.client_name),
        ("ODS code", engagement.client_code),
        ("Analyst", engagement.analyst),
        ("Date", _date(today)),
        ("Status", word(engagement.status or "draft")),
        ("FHIR version", engagement.fhir_version),
    ]
    cells = [
        [
            Paragraph(escape(label), st.COVER_LABEL),
            Paragraph(escape(value) if value else "Not recorded", st.COVER_VALUE),
        ]
        for label, value in facts
    ]
    grid = Table(
        [cells[i : i + 2] for i in range(0, len(cells), 2)],
        colWidths=[st.FRAME_WIDTH / 2] * 2,
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 14),
            ]
        ),
        hAlign="LEFT",
    )
    story: list[Flowable] = [
        Spacer(1, 52 * mm),
        Paragraph("CARE CONNECT ENGAGEMENT · CASE STUDY", st.COVER_KICKER),
        Paragraph(escape(engagement.title), st.COVER_TITLE),
    ]
    if engagement.client_name:
        story.append(Paragraph(escape(engagement.client_name), st.COVER_CLIENT))
    else:
        story.append(Spacer(1, 22))
    story += [
        HRFlowable(width="100%", thickness=0.8, color=st.ACCENT, spaceAfter=16, hAlign="LEFT"),
        grid,
    ]
    return story


# --------------------------------------------------------------------------- the pages


class _Document(BaseDocTemplate):
    def __init__(
        self,
        target: BytesIO,
        engagement: EngagementSummary,
        progress: LayoutProgress,
        has_contents: bool,
    ) -> None:
        super().__init__(
            target,
            pagesize=(st.PAGE_WIDTH, st.PAGE_HEIGHT),
            leftMargin=st.MARGIN_LEFT,
            rightMargin=st.MARGIN_RIGHT,
            topMargin=st.MARGIN_TOP,
            bottomMargin=st.MARGIN_BOTTOM,
            title=engagement.title,
            author=engagement.analyst or "",
            subject=SUBJECT,
            creator=f"Engagement Workbook {__version__}",
            keywords=["Care Connect", "FHIR", "case study", engagement.client_name or ""],
            lang="en-GB",
            displayDocTitle=True,
            initialFontName=fonts.SANS,
        )
        self.engagement = engagement
        self.draft = engagement.status != "complete"
        self.progress = progress
        self.layout_pass = 0
        self.placed = 0
        self.has_contents = has_contents
        self.total = PageTotal(self)
        frame = Frame(
            st.MARGIN_LEFT,
            st.MARGIN_BOTTOM,
            st.FRAME_WIDTH,
            st.FRAME_HEIGHT,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._cover_page, onPageEnd=self._watermark),
                PageTemplate("body", [frame], onPage=self._header, onPageEnd=self._footer),
            ]
        )

    def beforeDocument(self) -> None:
        self.layout_pass += 1
        self.placed = 0
        self.canv.showOutline()
        # the first pass only finds the pages for the contents, and is thrown away: tables
        # and paragraphs skip drawing on it
        self.canv.layout_only = self.layout_pass == 1 and self.has_contents

    def afterFlowable(self, flowable: Flowable) -> None:
        self.placed += 1
        self.progress(self.placed, self.layout_pass)
        if not isinstance(flowable, Heading):
            return
        top = self.frame._y + flowable.getSpaceAfter() + flowable.height + 4
        self.canv.bookmarkHorizontal(flowable.key, 0, top)
        self.canv.addOutlineEntry(
            flowable.title, flowable.key, flowable.level, closed=flowable.level >= 1
        )
        if flowable.contents:
            self.notify("TOCEntry", (flowable.level, flowable.title, self.page, flowable.key))

    def _cover_page(self, canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(st.ACCENT)
        canvas.rect(0, st.PAGE_HEIGHT - 16 * mm, st.PAGE_WIDTH, 16 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def _header(self, canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.SANS, 7.5)
        canvas.setFillColor(st.MUTED)
        right = "Case study"
        room = st.FRAME_WIDTH - stringWidth(right, fonts.SANS, 7.5) - 24
        canvas.drawString(st.MARGIN_LEFT, HEADER_BASELINE, _fit(self.engagement.title, room))
        canvas.drawRightString(st.PAGE_WIDTH - st.MARGIN_RIGHT, HEADER_BASELINE, right)
        canvas.setStrokeColor(st.RULE)
        canvas.setLineWidth(0.5)
        rule = HEADER_BASELINE - 5
        canvas.line(st.MARGIN_LEFT, rule, st.PAGE_WIDTH - st.MARGIN_RIGHT, rule)
        canvas.restoreState()

    def _watermark(self, canvas: Canvas, _doc: Any) -> None:
        if not self.draft:
            return
        canvas.saveState()
        canvas.setFillColor(st.WATERMARK)
        canvas.setFont(fonts.BOLD, 120)
        canvas.translate(st.PAGE_WIDTH / 2, st.PAGE_HEIGHT / 2)
        canvas.rotate(55)
        canvas.drawCentredString(0, -42, WATERMARK_TEXT)
        canvas.restoreState()

    def _footer(self, canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.SANS, 7.5)
        canvas.setFillColor(st.MUTED)
        page = f"Page {self.page}" + (f" of {self.total.assumed}" if self.total.assumed else "")
        room = st.FRAME_WIDTH - stringWidth(page, fonts.SANS, 7.5) - 24
        left = _fit(self.engagement.client_name or "", room)
        canvas.drawString(st.MARGIN_LEFT, FOOTER_BASELINE, left)
        canvas.drawRightString(st.PAGE_WIDTH - st.MARGIN_RIGHT, FOOTER_BASELINE, page)
        canvas.restoreState()
        self._watermark(canvas, doc)


class PageTotal(Flowable):
    """Takes no room: has the document laid out again until the number of pages every
    footer says ("of M", from the pass before) is the number it ends with."""

    _ZEROSIZE = True

    def __init__(self, document: BaseDocTemplate) -> None:
        super().__init__()
        self.document = document
        self.assumed: int | None = None  # what the footers of this pass say
        self.counted: int | None = None  # what the pass before ended with

    def isIndexing(self) -> bool:
        return True

    def isSatisfied(self) -> bool:
        return self.assumed == self.counted

    def beforeBuild(self) -> None:
        self.assumed = self.counted

    def afterBuild(self) -> None:
        self.counted = self.document.page

    def notify(self, kind: str, stuff: Any) -> None:
        pass  # contents entries are for the TableOfContents

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


def _fit(text: str, width: float, size: float = 7.5) -> str:
    """``text`` cut with an ellipsis to fit ``width`` in the header."""
    if stringWidth(text, fonts.SANS, size) <= width:
        return text
    while text and stringWidth(text + "…", fonts.SANS, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
