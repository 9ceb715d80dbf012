"""A step's Markdown as reportlab paragraph markup: the stored subset, and nothing else."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import HRFlowable

from workbook.report import fonts
from workbook.report import styles as st
from workbook.report.markdown import flowables, inline

LINK = 'color="#1d5c9e"'
MUTED = 'color="#5b6770"'
CODE = '<font face="DejaVuSansMono" backColor="#f1f3f5">'


@pytest.mark.parametrize(
    ("markdown", "markup"),
    [
        ("plain text", "plain text"),
        (
            "**bold** and *italic* and __b__ _i_",
            "<b>bold</b> and <i>italic</i> and <b>b</b> <i>i</i>",
        ),
        ("***both***", "<i><b>both</b></i>"),
        ("**bold *italic* bold**", "<b>bold <i>italic</i> bold</b>"),
        ("*a **b** c*", "<i>a <b>b</b> c</i>"),
        ("2 * 3 * 4 and snake_case_name", "2 * 3 * 4 and snake_case_name"),
        ("**never closed", "**never closed"),
        ("`a < b & c`", f"{CODE}a &lt; b &amp; c</font>"),
        ("``x ` y``", f"{CODE}x ` y</font>"),
        ("`*not* emphasis`", f"{CODE}*not* emphasis</font>"),
        ("\\*a\\* \\<b\\> \\# \\- 1\\. \\\\ \\[x\\]", "*a* &lt;b&gt; # - 1. \\ [x]"),
        ("\\z stays", "\\z stays"),
        ("<b>x</b> & y", "&lt;b&gt;x&lt;/b&gt; &amp; y"),
        ("&amp; &lt; &#65;", "&amp;amp; &amp;lt; &amp;#65;"),
        ('<font size="40">big</font>', '&lt;font size="40"&gt;big&lt;/font&gt;'),
        ("soft\nbreak", "soft break"),
        ("hard\\\nbreak", "hard<br/>break"),
        ("two spaces  \nbreak", "two spaces<br/>break"),
        (
            "[Care Connect](https://nhsconnect.github.io/CareConnectAPI/)",
            f'<a href="https://nhsconnect.github.io/CareConnectAPI/" {LINK}>Care Connect</a> '
            f"<font {MUTED}>(nhsconnect.github.io/CareConnectAPI)</font>",
        ),
        (
            "[**a** & b](http://x.org/q?a=1&b=%22)",
            f'<a href="http://x.org/q?a=1&amp;b=%22" {LINK}><b>a</b> &amp; b</a> '
            f"<font {MUTED}>(x.org/q)</font>",
        ),
        (
            '[t](http://x.org/a "title")',
            f'<a href="http://x.org/a" {LINK}>t</a> <font {MUTED}>(x.org/a)</font>',
        ),
        (
            "[mail](mailto:team@x.org)",
            f'<a href="mailto:team@x.org" {LINK}>mail</a> <font {MUTED}>(team@x.org)</font>',
        ),
        ("[run](javascript:alert(1))", "run"),
        ("[file](file:///etc/passwd)", "file"),
        ("[not a link] (x)", "[not a link] (x)"),
        (
            "<https://x.org/a?b=1&c=2>",
            f'<a href="https://x.org/a?b=1&amp;c=2" {LINK}>https://x.org/a?b=1&amp;c=2</a>',
        ),
        ("Dŵr ŷ Ŵ 😀 ⚠", "Dŵr ŷ Ŵ 😀 ⚠"),
        ("nul\x00 and \x0bcontrol\x1f", "nul and control"),
    ],
)
def test_inline_markdown_becomes_markup_and_everything_else_is_escaped(
    markdown: str, markup: str
) -> None:
    assert inline(markdown) == markup
    fonts.register()
    Paragraph(markup, st.BODY)  # reportlab accepts it


def _shape(text: str) -> list[tuple[str, str, str | None, float]]:
    """Each flowable as (kind, text, bullet, left indent)."""
    out = []
    for f in flowables(text):
        if isinstance(f, HRFlowable):
            out.append(("rule", "", None, 0.0))
            continue
        bullet = f.bulletText if isinstance(f.bulletText, str) else None
        out.append((f.style.name, f.text, bullet, f.style.leftIndent))
    return out


def test_paragraphs_are_separated_by_blank_lines() -> None:
    assert _shape("One\nline.\n\n\nTwo.") == [
        ("body", "One line.", None, 0),
        ("body", "Two.", None, 0),
    ]


def test_bulleted_and_numbered_lists_nest_by_indentation() -> None:
    text = (
        "Intro:\n- one\n- two\n   - deeper *it*\n      1. first\n      2. second\n- three\n\nAfter."
    )
    assert _shape(text) == [
        ("body", "Intro:", None, 0),
        ("body-list-0", "one", "•", 16),
        ("body-list-0", "two", "•", 16),
        ("body-list-1", "deeper <i>it</i>", "◦", 32),
        ("body-list-2-numbered", "first", "1.", 54),
        ("body-list-2-numbered", "second", "2.", 54),
        ("body-list-0", "three", "•", 16),
        ("body", "After.", None, 0),
    ]


def test_a_numbered_list_keeps_its_start_and_counts_on() -> None:
    assert [b for _, _, b, _ in _shape("3. c\n7. d\n1. e")] == ["3.", "4.", "5."]


def test_list_items_continue_on_indented_and_lazy_lines() -> None:
    assert _shape("- first line\n  goes on\nand on\n\n  a second paragraph\n\nOut.") == [
        ("body-list-0", "first line goes on and on", "•", 16),
        ("body-list-0", "a second paragraph", None, 16),
        ("body", "Out.", None, 0),
    ]


def test_escaped_markers_stay_text() -> None:
    assert _shape("\\- not a bullet\n\n1\\. not a number\n\n\\# not a heading") == [
        ("body", "- not a bullet", None, 0),
        ("body", "1. not a number", None, 0),
        ("body", "# not a heading", None, 0),
    ]


def test_headings_rules_and_code_blocks() -> None:
    text = "# Title #\n### Small\n#hashtag\n\n---\n\n```\n  indented <code>\n```"
    assert _shape(text) == [
        ("text-h1", "Title", None, 0),
        ("text-h3", "Small", None, 0),
        ("body", "#hashtag", None, 0),
        ("rule", "", None, 0.0),
        ("code-block", "&nbsp;&nbsp;indented &lt;code&gt;", None, 6),
    ]


def test_a_numbered_line_not_starting_at_one_does_not_break_a_paragraph() -> None:
    assert _shape("In\n2019. it started") == [("body", "In 2019. it started", None, 0)]


def test_text_reportlab_would_refuse_falls_back_to_plain_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("workbook.report.markdown.inline", lambda text: "<b>unbalanced")
    [paragraph] = flowables("**unbalanced**")
    assert paragraph.text == "**unbalanced**"


def test_empty_text_has_no_flowables() -> None:
    assert flowables("") == []
    assert flowables("\n \n") == []
