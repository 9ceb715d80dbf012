"""The "Review" appendix: what the review checks found, step by step, for a draft report."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from workbook.checks import SEVERITIES, Finding, run_checks
from workbook.report import styles as st
from workbook.report.blocks import Section
from workbook.report.context import Context, plural
from workbook.report.markdown import escape
from workbook.report.tables import Row, TextCell, column_widths
from workbook.steps import STEPS

SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "info": "Note"}
SEVERITY_INK = {"error": st.RESULT_INK["fail"], "warning": st.GAP_INK, "info": st.ACCENT}


def review_appendix(ctx: Context, keys: list[str], letter: str) -> list[Flowable]:
    findings = run_checks(ctx.store, ctx.engagement_id)
    section = Section(letter, keys)
    section.add(PageBreak())
    section.heading(f"Appendix {letter}  Review", st.PHASE, 0, True)
    counts = [
        plural(n, noun)
        for severity, noun in (("error", "error"), ("warning", "warning"), ("info", "note"))
        if (n := sum(1 for f in findings if f.severity == severity))
    ]
    section.para(
        "What the workbook's review checks found when this report was made: the Care Connect "
        "guidance on user stories, coverage of the dataset, API and tests, and each step's "
        "formal outputs. They are advice for the team, not part of the case study.",
        st.PHASE_NOTE,
    )
    if not findings:
        section.not_recorded("The review checks found nothing to look at.")
        return section.items
    section.para(escape(f"{', '.join(counts).capitalize()}, by step."))
    widths = column_widths(11, 27, 62)
    for step in STEPS:
        here = [f for f in findings if f.step == step.key]
        if here:
            section.minor(f"Step {step.number}. {step.title}")
            rows = [_row(f) for f in sorted(here, key=lambda f: _rank(f.severity))]
            section.grid(widths, ["Severity", "About", "Finding"], rows)
    return section.items


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _row(finding: Finding) -> Row:
    return Row(
        [
            TextCell(
                SEVERITY_WORDS.get(finding.severity, finding.severity),
                bold=True,
                colour=SEVERITY_INK.get(finding.severity, st.INK),
            ),
            TextCell(finding.subject),
            TextCell(finding.message, note=finding.code),
        ]
    )
