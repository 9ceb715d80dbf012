"""Markdown written from the text editor's document: linear time, and read back the same."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from ui.widgets.markdown_writer import document_to_markdown

pytestmark = pytest.mark.gui


def written(markdown: str) -> str:
    document = QTextDocument()
    document.setMarkdown(markdown)
    return document_to_markdown(document)


@pytest.mark.parametrize(
    "markdown",
    [
        "A paragraph.\n\nAnother one.",
        "Plain **bold** and *italic* and `code`.",
        "See [the guidance](https://example.invalid/care-connect) first.",
        "- first\n- second\n- third",
        "1. one\n2. two",
        "## Heading\n\nText.",
        "Mae'r claf yn ffafrio'r **Gymraeg** 🏴 ŵ ŷ",
    ],
)
def test_markdown_survives_the_editor(qapp, markdown: str) -> None:
    assert written(markdown) == markdown


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        ("a*b*c", r"a\*b\*c"),
        ("<b>x</b> & y", r"\<b\>x\</b\> & y"),
        ("- not a list", r"\- not a list"),
        ("# not a heading", r"\# not a heading"),
        ("1. not numbered", r"1\. not numbered"),
    ],
)
def test_typed_characters_are_escaped_so_they_stay_text(
    qapp,
    plain: str,
    expected: str,
) -> None:
    document = QTextDocument()
    document.setPlainText(plain)
    markdown = document_to_markdown(document)
    assert markdown == expected
    again = QTextDocument()
    again.setMarkdown(markdown)
    assert again.toPlainText() == plain


def test_a_megabyte_paragraph_is_written_whole(qapp) -> None:
    document = QTextDocument()
    text = "Lorem ipsum dolor sit amet. " * 40_000
    document.setPlainText(text)
    assert document_to_markdown(document) == text.strip()
