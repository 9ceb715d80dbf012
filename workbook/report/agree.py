"""Steps 3–5, agreeing the business requirements: problem, process, use cases, user stories
grouped by feature, and the dataset."""

from __future__ import annotations

import re

from reportlab.platypus import CondPageBreak

from workbook.report import styles as st
from workbook.report.blocks import Section
from workbook.report.content import Story
from workbook.report.context import Context, plural, word
from workbook.report.fonts import BOLD, SANS
from workbook.report.markdown import escape
from workbook.report.richtext import RichText, Run
from workbook.report.tables import INDENT, Row, TextCell, column_widths
from workbook.services.stories import sentence

STORY_START_ROOM = 40.0  # a story's reference line and its first line of text
_REASON = re.compile(r"(so that|because)\b", re.IGNORECASE)


def problem_statement(ctx: Context, section: Section) -> list[str]:
    if not ctx.content.graph_nodes["problem_statement"]:
        return ["problem statement diagram"]
    ctx.diagram(section, "problem")
    return []


def business_requirements(ctx: Context, section: Section) -> list[str]:
    content = ctx.content
    missing = []
    if content.process_nodes:
        section.subsection("Business process")
        ctx.diagram(section, "process")
    else:
        missing.append("business process model")
    if content.use_cases:
        section.subsection("Use cases")
        ctx.diagram(section, "use-cases")
    else:
        missing.append("use case diagram")
    if content.stories:
        section.subsection("User stories")
        _stories(content.stories, content.features, section)
    else:
        missing.append("user stories")
    return missing


def _stories(stories: list[Story], features: list[dict], section: Section) -> None:
    by_feature: dict[int | None, list[Story]] = {}
    known = {f["id"] for f in features}
    for story in stories:
        by_feature.setdefault(story.feature_id if story.feature_id in known else None, []).append(
            story
        )
    groups = [f for f in features if f["id"] in by_feature]
    section.para(
        f"{plural(len(stories), 'user story', 'user stories')}"
        + (f" in {plural(len(groups), 'feature')}" if groups else "")
        + ", each with its acceptance criteria.",
    )
    for feature in [*groups, None]:
        members = by_feature.get(feature["id"] if feature else None)
        if not members:
            continue
        section.para(
            escape(feature["name"] if feature else "Stories without a feature"), st.FEATURE
        )
        if feature and feature["description"]:
            section.para(escape(feature["description"]), st.SMALL)
        for story in members:
            _story(story, section)


def story_runs(story: Story) -> list[Run]:
    """ "**As a** Pharmacist (Hospital Services) **I want** … **so that** …" as runs."""
    who = story.actor or "…"
    text = sentence(story.actor, story.requirement, story.justification)
    head, rest = text.split(" I want ", 1)
    requirement = story.requirement.strip() or "…"
    reason = rest[len(requirement) :].strip()
    runs = [
        Run(head[: len(head) - len(who)].strip(), BOLD),
        Run(f" {who} "),
        Run("I want", BOLD),
        Run(f" {requirement}"),
    ]
    if reason:
        keyword = _REASON.match(reason)
        if keyword:
            runs += [Run(f" {keyword[0]}", BOLD), Run(reason[keyword.end() :])]
        else:
            runs.append(Run(f" {reason}"))
    return runs


def _story(story: Story, section: Section) -> None:
    facts = [word(story.priority), word(story.status)]
    if story.secondary_actor:
        facts.append(f"secondary actor: {story.secondary_actor}")
    shown = " · ".join(f for f in facts if f)
    section.add(
        CondPageBreak(STORY_START_ROOM),
        RichText(
            [Run(story.ref, BOLD, st.ACCENT), Run(f"  {shown}", SANS, st.MUTED)],
            st.SMALL_SIZE,
            11,
            space_before=9,
            space_after=1,
        ),
        RichText(story_runs(story), st.BODY_SIZE, 14, space_after=2),
    )
    for criterion in story.criteria:
        runs = [Run(criterion.text)]
        if criterion.kind:
            runs.append(Run(f"  {criterion.kind}", SANS, st.MUTED))
        section.add(
            RichText(runs, 8.5, 12, indent=14, bullet=Run("✓"), bullet_indent=4, space_after=1)
        )


def dataset(ctx: Context, section: Section) -> list[str]:
    items = ctx.content.items
    if not items:
        return ["data set"]
    groups = sum(1 for item in items if item.has_children)
    sensitive = sum(1 for item in items if item.values["sensitive"])
    summary = plural(len(items), "data item")
    if groups:
        summary += f", {groups:,} of them groups of others"
    if sensitive:
        summary += f"; {sensitive:,} marked sensitive"
    section.para(summary + ". Sub-items are indented under the item they belong to.")
    rows = []
    for item in items:
        values = item.values
        group = item.has_children or values["data_type"] == "group"
        rows.append(
            Row(
                [
                    TextCell(values["name"], bold=group, indent=item.depth * INDENT),
                    TextCell(values["data_type"] or ""),
                    TextCell(values["cardinality"] or ""),
                    TextCell(values["description"] or ""),
                ],
                st.GROUP_FILL if group else None,
            )
        )
    section.table(
        "Dataset",
        column_widths(33, 11, 12, 44),
        ["Data item", "Type", "Cardinality", "Description"],
        rows,
    )
    return []
