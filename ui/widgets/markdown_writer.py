"""Markdown from a QTextDocument, in linear time.

Qt's own ``QTextDocument.toMarkdown`` re-wraps every paragraph and takes quadratic time on a
long one (a pasted megabyte freezes the window for minutes). This writer walks the blocks
and fragments once and emits the CommonMark subset the workbook stores: paragraphs,
headings, bulleted and numbered lists, bold, italic, inline code and links.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QTextBlock, QTextCharFormat, QTextDocument, QTextListFormat

_ESCAPE = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))(?=\s|$)")
_ORDERED = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}
_SOFT_BREAK = "\u2028"


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _style(fmt: QTextCharFormat) -> tuple[bool, bool, bool, str]:
    bold = fmt.fontWeight() >= QFont.Weight.DemiBold
    code = fmt.fontFixedPitch() or "monospace" in [f.lower() for f in fmt.fontFamilies() or []]
    href = fmt.anchorHref() if fmt.isAnchor() else ""
    return bold, fmt.fontItalic(), code, href


def _wrap(text: str, bold: bool, italic: bool, code: bool, href: str) -> str:
    core = text.strip(" ")
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")) :]
    body = f"`{core}`" if code else _escape(core)
    if italic:
        body = f"*{body}*"
    if bold:
        body = f"**{body}**"
    if href:
        body = f"[{body}]({href.replace(')', '%29').replace(' ', '%20')})"
    return lead + body + trail


def _inline(block: QTextBlock, heading: bool = False) -> str:
    """One block's text, with its fragments' formatting as Markdown."""
    runs: list[tuple[tuple[bool, bool, bool, str], str]] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            style = _style(fragment.charFormat())
            if heading:  # headings are drawn bold; that is not emphasis
                style = (False, *style[1:])
            if runs and runs[-1][0] == style:
                runs[-1] = (style, runs[-1][1] + fragment.text())
            else:
                runs.append((style, fragment.text()))
        it += 1
    out = "".join(_wrap(text, *style) for style, text in runs)
    out = out.replace(_SOFT_BREAK, "\\\n")
    return _LINE_START.sub(_escape_line_start, out.rstrip(), count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    """Keep "- x", "# x", "1. x" typed as text from becoming a list or a heading."""
    indent, symbol, number, dot = match.groups()
    return f"{indent}\\{symbol}" if symbol else f"{indent}{number}\\{dot}"


def document_to_markdown(document: QTextDocument) -> str:
    parts: list[str] = []
    previous_in_list = False
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        text = _inline(block, heading=bool(level))
        text_list = block.textList()
        if text_list is not None:
            fmt = text_list.format()
            depth = max(fmt.indent() - 1, 0)
            ordered = fmt.style() in _ORDERED
            marker = f"{text_list.itemNumber(block) + 1}." if ordered else "-"
            line = "   " * depth + f"{marker} {text}"
            if previous_in_list:
                parts[-1] += "\n" + line
            else:
                parts.append(line)
            previous_in_list = True
        else:
            if level and text:
                text = "#" * level + " " + text
            if text.strip():
                parts.append(text)
            previous_in_list = False
        block = block.next()
    return "\n\n".join(parts)
