"""Steps 6–12, defining the solution: profiles, the mapping with its gaps, approvals, the
API, the interaction flows, the technical context and the change requests."""

from __future__ import annotations

from http import HTTPStatus

from workbook.excel.content import Item, Signature
from workbook.excel.sheets import request_line
from workbook.report import styles as st
from workbook.report.blocks import Section
from workbook.report.content import api_name
from workbook.report.context import Context, plural, word
from workbook.report.markdown import escape
from workbook.report.tables import INDENT, Row, TextCell, column_widths

GAP_STATUSES = ("gap", "extension_needed")
NOT_MAPPED = "Not mapped"
_MUTED = st.markup_colour(st.MUTED)


def profiles(ctx: Context, section: Section) -> list[str]:
    chosen = ctx.content.profiles
    if not chosen:
        return ["profiles in scope", "entity relationship diagram"]
    rows = [
        Row(
            [
                TextCell(ctx.content.profile_label(p["url"]), bold=True, note=p["url"]),
                TextCell(p["resource_type"] or ""),
                TextCell(p["rationale"] or ""),
            ]
        )
        for p in chosen
    ]
    section.table(
        "Profiles in scope", column_widths(37, 22, 41), ["Profile", "Resource", "Rationale"], rows
    )
    ctx.diagram(section, "profiles")
    return []


def is_gap(item: Item, statuses: list[str | None]) -> bool:
    """An item the mapping leaves without a home: a leaf nothing maps, or a mapping
    recorded as a gap or as needing an extension."""
    if any(status in GAP_STATUSES for status in statuses):
        return True
    leaf = not item.has_children and item.values["data_type"] != "group"
    return leaf and not statuses


def mapping(ctx: Context, section: Section) -> list[str]:
    content = ctx.content
    if not content.mappings:
        return ["dataset-to-profile mapping"]
    rows: list[Row] = []
    gaps = 0
    for item in content.items:
        lines = content.mappings.get(item.id, [])
        gap = is_gap(item, [line.status for line in lines])
        gaps += gap
        group = item.has_children
        name = TextCell(item.values["name"], bold=group, indent=item.depth * INDENT)
        fill = st.GAP_FILL if gap else st.GROUP_FILL if group else None
        if not lines:
            status = TextCell(NOT_MAPPED, bold=True, colour=st.GAP_INK) if gap else None
            rows.append(Row([name, None, None, status], fill))
            continue
        for index, line in enumerate(lines):
            gap_line = line.status in GAP_STATUSES
            rows.append(
                Row(
                    [
                        name if index == 0 else None,
                        TextCell(content.profile_label(line.profile)),
                        TextCell(line.element_path or ""),
                        TextCell(
                            word(line.status) or "Mapped",
                            bold=gap_line,
                            colour=st.GAP_INK if gap_line else st.INK,
                        ),
                    ],
                    fill,
                )
            )
    mapped = sum(
        1
        for item in content.items
        if any(line.status not in GAP_STATUSES for line in content.mappings.get(item.id, []))
    )
    section.para(
        f"{mapped:,} of {plural(len(content.items), 'data item')} mapped to "
        f"{plural(len(content.profiles), 'profile')}; "
        + (
            f"<b>{plural(gaps, 'gap')}</b>, shaded and named in the Status column."
            if gaps
            else "no gaps."
        )
    )
    section.table(
        "Dataset-to-profile mapping",
        column_widths(27, 27, 34, 12),
        ["Data item", "Profile", "Element path", "Status"],
        rows,
    )
    return []


def approval(ctx: Context, section: Section) -> list[str]:
    approvals = ctx.content.approvals
    if not approvals:
        return ["client's sign-off"]
    rows = [
        Row(
            [
                TextCell(a["approver"], bold=True, note=a["role"]),
                TextCell(_date(a["date"])),
                TextCell(
                    word(a["decision"]),
                    bold=True,
                    colour=st.RESULT_INK["pass"] if a["decision"] == "approved" else st.GAP_INK,
                ),
                TextCell(a["comments"] or ""),
            ]
        )
        for a in approvals
    ]
    section.table(
        "Reviews and sign-off",
        column_widths(26, 14, 16, 44),
        ["Reviewer", "Date", "Decision", "Comments"],
        rows,
    )
    return []


def _date(value: object) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""  # type: ignore[attr-defined]


def api_design(ctx: Context, section: Section) -> list[str]:
    signatures = ctx.content.signatures
    if not signatures:
        return ["API signatures"]
    for number, signature in enumerate(signatures, 1):
        _signature(number, signature, section)
    return []


def _signature(number: int, signature: Signature, section: Section) -> None:
    section.minor(f"{number}. {api_name(signature.method, signature.path)}")
    section.code(request_line(signature))
    if signature.description:
        section.para(escape(signature.description))
    if signature.stories:
        section.para(
            f'<font color="{_MUTED}">User stories:</font> {escape(", ".join(signature.stories))}'
        )
    if signature.parameters:
        section.para("Search parameters", st.LABEL)
        section.grid(
            column_widths(28, 14, 12, 46),
            ["Name", "Type", "Required", "Value"],
            [
                Row(
                    [
                        TextCell(p.name),
                        TextCell(p.type or ""),
                        TextCell("Yes" if p.required else "No" if p.required is False else ""),
                        TextCell(p.value or ""),
                    ]
                )
                for p in signature.parameters
            ],
        )
    if signature.result:
        section.para("Result", st.LABEL)
        section.para(escape(signature.result))
    if signature.responses:
        section.para("Responses", st.LABEL)
        section.grid(
            column_widths(24, 76),
            ["Status", "Meaning"],
            [
                Row([TextCell(status_text(code), bold=True), TextCell(meaning or "")])
                for code, meaning in signature.responses
            ],
        )


def status_text(code: int) -> str:
    """ "200 OK", or the bare number for a code HTTP does not name."""
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def interaction_flow(ctx: Context, section: Section) -> list[str]:
    sequences = ctx.content.sequences
    if not sequences:
        return ["API sequence diagrams"]
    for sequence in sequences:
        ctx.diagram(section, "sequence", sequence["name"])
    return []


def technical_context(ctx: Context, section: Section) -> list[str]:
    content = ctx.content
    missing = []
    if content.graph_nodes["technical_context"]:
        section.subsection("System diagram")
        ctx.diagram(section, "system")
    else:
        missing.append("system diagram")
    technical = [
        (story.ref, criterion.text)
        for story in content.stories
        for criterion in story.criteria
        if criterion.kind == "technical"
    ]
    if technical:
        section.subsection("Technical acceptance criteria")
        section.para(
            "The technical acceptance criteria of every story; the clinical ones are listed "
            "with their stories under the business requirements (step 4)."
        )
        section.table(
            "Technical acceptance criteria",
            column_widths(14, 86),
            ["Story", "Acceptance criterion"],
            [Row([TextCell(ref, bold=True), TextCell(text)]) for ref, text in technical],
        )
    else:
        missing.append("technical acceptance criteria")
    return missing


def curation(ctx: Context, section: Section) -> list[str]:
    requests = ctx.content.change_requests
    if not requests:
        return ["change requests"]
    rows = []
    for cr in requests:
        target = [ctx.content.profile_label(cr["profile"]) if cr["profile"] else ""]
        if cr["element_path"]:
            target.append(cr["element_path"])
        items = ctx.content.change_request_items.get(cr["id"], [])
        rows.append(
            Row(
                [
                    TextCell(cr["summary"], bold=True, note=cr["rationale"]),
                    TextCell("\n".join(t for t in target if t)),
                    TextCell("\n".join(items)),
                    TextCell(word(cr["status"]), bold=True),
                ]
            )
        )
    section.table(
        "Change requests to the profile curators",
        column_widths(44, 24, 19, 13),
        ["Change requested", "Profile and element", "Data items", "Status"],
        rows,
    )
    return []
