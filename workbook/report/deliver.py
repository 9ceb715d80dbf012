"""Steps 14 and 15, delivering the solution: the tests with their results, and the lessons."""

from __future__ import annotations

from workbook.report import styles as st
from workbook.report.blocks import Section
from workbook.report.context import Context, plural, word
from workbook.report.markdown import escape
from workbook.report.tables import Row, TextCell, column_widths
from workbook.vocabulary import LESSON_KINDS

_MUTED = st.markup_colour(st.MUTED)
RESULT_ORDER = ("pass", "fail", "blocked", "not_run")
LESSON_HEADINGS = {"success": "Successes", "failure": "Failures", "observation": "Observations"}


def implementation(ctx: Context, section: Section) -> list[str]:
    tests = ctx.content.tests
    if not tests:
        return ["tests against the acceptance criteria"]
    refs = {story.id: story.ref for story in ctx.content.stories}
    counts = {
        result: sum(1 for t in tests if (t["result"] or "not_run") == result)
        for result in RESULT_ORDER
    }
    section.para(
        plural(len(tests), "test")
        + ": "
        + ", ".join(f"{count} {word(result).lower()}" for result, count in counts.items() if count)
        + "."
    )
    rows = []
    for test in tests:
        result = test["result"] or "not_run"
        covers = []
        if test["user_story_id"] in refs:
            covers.append(refs[test["user_story_id"]])
        covers.append(ctx.content.api_names.get(test["api_signature_id"], ""))
        rows.append(
            Row(
                [
                    TextCell(test["name"], bold=True, note=test["steps"]),
                    TextCell("\n".join(c for c in covers if c)),
                    TextCell(
                        test["expected"] or "",
                        note=f"Evidence: {test['evidence']}" if test["evidence"] else None,
                    ),
                    TextCell(word(result), bold=True, colour=st.RESULT_INK[result]),
                ],
                st.GAP_FILL if result in ("fail", "blocked") else None,
            )
        )
    section.table(
        "Tests against the acceptance criteria",
        column_widths(32, 20, 36, 12),
        ["Test", "Story and API", "Expected result", "Result"],
        rows,
    )
    return []


def learning(ctx: Context, section: Section) -> list[str]:
    lessons = ctx.content.lessons
    if not lessons:
        return ["lessons learned"]
    for kind in (*LESSON_KINDS, None):
        chosen = [lesson for lesson in lessons if lesson["kind"] == kind]
        if not chosen:
            continue
        section.para(LESSON_HEADINGS.get(kind or "", "Other lessons"), st.FEATURE)
        for lesson in chosen:
            markup = escape(lesson["text"])
            if lesson["action"]:
                markup += f'<br/><font color="{_MUTED}">Action:</font> {escape(lesson["action"])}'
            section.para(markup, st.BULLET, "•")
    return []
