"""One numbered section per step: its heading, its text, its formal outputs, the images the
analyst attached, and one line for whatever was not recorded."""

from __future__ import annotations

import io
from importlib.util import find_spec

from PIL import Image as PILImage
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import CondPageBreak

from workbook.report import agree, define, deliver
from workbook.report import styles as st
from workbook.report.blocks import Section
from workbook.report.context import Context, Outputs
from workbook.report.figures import CAPTION_ROOM
from workbook.report.markdown import escape
from workbook.services import stages
from workbook.services.stages import AttachmentInfo
from workbook.steps import Step

OUTPUTS: dict[str, Outputs] = {
    "problem_statement": agree.problem_statement,
    "business_requirements": agree.business_requirements,
    "dataset": agree.dataset,
    "profiles": define.profiles,
    "mapping": define.mapping,
    "approval": define.approval,
    "api_design": define.api_design,
    "interaction_flow": define.interaction_flow,
    "technical_context": define.technical_context,
    "curation": define.curation,
    "implementation": deliver.implementation,
    "learning": deliver.learning,
}
STEP_START_ROOM = 150.0  # a step heading needs this much page left, or it starts a page
_ACCENT = st.markup_colour(st.ACCENT)


def step_section(ctx: Context, step: Step, keys: list[str]) -> Section:
    section = Section(str(step.number), keys)
    section.add(CondPageBreak(STEP_START_ROOM))
    section.heading(
        f"{step.number} {step.title}",
        st.STEP,
        1,
        True,
        f'<font color="{_ACCENT}">{step.number}</font>&nbsp;&nbsp;{escape(step.title)}',
    )
    heading_only = len(section.items)
    text = ctx.content.stages[step.key].text
    if text.strip():
        section.text(text)
    build = OUTPUTS.get(step.key)
    missing = build(ctx, section) if build else []
    attached = ctx.content.attachments[step.key]
    if len(section.items) == heading_only and not attached:
        section.not_recorded("Not recorded.")
        return section
    if missing:
        section.not_recorded(f"Not recorded: {', '.join(missing)}.")
    _attachments(ctx, attached, section)
    return section


def _attachments(ctx: Context, attached: list[AttachmentInfo], section: Section) -> None:
    """The step's attached images; what cannot be shown (an SVG without svglib, a damaged
    file) is listed by name."""
    not_shown = []
    for info in attached:
        title = info.title or info.filename
        data = stages.attachment_data(ctx.store, info.id)
        if info.media_type == "image/svg+xml":
            drawing = svg_drawing(data)
            if drawing is None:
                not_shown.append(info.filename)
            else:
                section.figure(drawing, title)
            continue
        try:
            section.image(data, title)
        except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
            not_shown.append(info.filename)
    if not_shown:
        section.not_recorded(f"Attached but not shown here: {', '.join(not_shown)}.")


def svg_drawing(data: bytes) -> Drawing | None:
    """An SVG attachment as vector graphics, scaled to the page, when svglib is installed."""
    if find_spec("svglib") is None:
        return None
    from svglib.svglib import svg2rlg

    try:
        drawing = svg2rlg(io.BytesIO(data))
    except Exception:  # svglib fails in many ways on drawings it cannot read; list it instead
        return None
    if drawing is None or not drawing.width or not drawing.height:
        return None
    scale = min(
        1.0, st.FRAME_WIDTH / drawing.width, (st.FRAME_HEIGHT - CAPTION_ROOM) / drawing.height
    )
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return drawing
