"""The Markdown a step's text is stored in, as platypus flowables, safely.

The subset the app writes (``ui/widgets/markdown_writer.py``): paragraphs, ATX headings,
bulleted and numbered lists (nested by indentation), **bold**, *italic*, ``code``,
[links](url), hard line breaks and backslash escapes (``\\*``, ``\\<``, ``\\#``, ``1\\.``).
Fenced code blocks and thematic breaks are understood too, in case a file brought them.

Everything else is text: it is escaped for reportlab's paragraph mini-HTML, so
``<b>x</b> & y`` prints as typed and no user text can change the markup or break the build.
Emphasis follows CommonMark's delimiter rules, so ``2 * 3 * 4`` and ``snake_case`` stay as
they are and tags always nest properly.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.flowables import HRFlowable

from workbook.report import fonts
from workbook.report import styles as st
from workbook.report.fonts import MONO

_PUNCTUATION = frozenset(string.punctuation)
# C0 controls (but tab and newline), DEL and lone surrogates: nothing a PDF can print
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_SAFE_SCHEMES = ("http", "https", "mailto")
_LINK_INK = st.markup_colour(st.ACCENT)
_CODE_FILL = st.markup_colour(st.CODE_FILL)
_MUTED = st.markup_colour(st.MUTED)


def clean(text: str) -> str:
    """Text without the characters no PDF can show (control characters, lone surrogates)."""
    return _UNPRINTABLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def escape(text: str) -> str:
    """Text as literal content of reportlab paragraph markup."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(text: str) -> str:
    """Plain (not Markdown) text as paragraph markup: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


class Para(Paragraph):
    """A paragraph that keeps its line breaks for a width: the document is laid out twice
    (for its contents), and breaking lines is most of the cost of a paragraph."""

    _wrapped_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_for == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth
        return size

    def draw(self) -> None:
        if not getattr(self.canv, "layout_only", False):
            super().draw()


def paragraph(
    markup: str, style: ParagraphStyle, fallback: str | None = None, bullet: str | None = None
) -> Paragraph:
    """A Paragraph of ``markup``; should reportlab still refuse it, the plain ``fallback``."""
    fonts.register()  # the styles name the bundled fonts; reportlab must know them first
    try:
        return Para(markup, style, bulletText=bullet)
    except ValueError:
        return Para(plain(fallback if fallback is not None else markup), style, bulletText=bullet)


# --------------------------------------------------------------------------- inline


@dataclass
class _Delimiter:
    """A run of ``*`` or ``_`` that may open or close emphasis."""

    char: str
    count: int
    can_open: bool
    can_close: bool
    length: int = 0  # the run's original length, for CommonMark's "rule of three"
    opens: list[str] = field(default_factory=list)  # tags, outermost first
    closes: list[str] = field(default_factory=list)  # closing tags, innermost first

    def __post_init__(self) -> None:
        self.length = self.count

    def render(self) -> str:
        literal = self.char * self.count
        return "".join(self.closes) + literal + "".join(self.opens)


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) for a delimiter run between ``before`` and ``after``."""
    b_space, a_space = before.isspace() or not before, after.isspace() or not after
    b_punct, a_punct = before in _PUNCTUATION, after in _PUNCTUATION
    left = not a_space and (not a_punct or b_space or b_punct)
    right = not b_space and (not b_punct or a_space or a_punct)
    return left, right


def _delimiter(text: str, start: int, end: int) -> _Delimiter:
    char = text[start]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    left, right = _flanking(before, after)
    if char == "*":
        return _Delimiter(char, end - start, left, right)
    opens = left and (not right or before in _PUNCTUATION)
    closes = right and (not left or after in _PUNCTUATION)
    return _Delimiter(char, end - start, opens, closes)


def _run_end(text: str, start: int, char: str) -> int:
    end = start
    while end < len(text) and text[end] == char:
        end += 1
    return end


def _code_span(text: str, start: int) -> tuple[str, int] | None:
    """The markup of the code span opening at ``start`` and where it ends, if it closes."""
    end = _run_end(text, start, "`")
    ticks = end - start
    search = end
    while True:
        close = text.find("`" * ticks, search)
        if close == -1:
            return None
        close_end = _run_end(text, close, "`")
        if close_end - close == ticks:
            break
        search = close_end
    code = text[end:close].replace("\n", " ")
    if len(code) > 2 and code.startswith(" ") and code.endswith(" ") and code.strip():
        code = code[1:-1]
    markup = f'<font face="{MONO}" backColor="{_CODE_FILL}">{escape(code)}</font>'
    return markup, close_end


def _skip_code(text: str, index: int) -> int:
    span = _code_span(text, index)
    return span[1] if span else _run_end(text, index, "`")


def _bracket_end(text: str, start: int) -> int | None:
    """The index of the ``]`` matching the ``[`` at ``start``."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            i = _skip_code(text, i)
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _destination(text: str, start: int) -> tuple[str, int] | None:
    """``(url "title")`` from the ``(`` at ``start``: the url and the index after ``)``."""
    i, depth = start + 1, 0
    while i < len(text) and text[i] == " ":
        i += 1
    url_start = i
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            i += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                break
            depth -= 1
        elif c.isspace():
            break
        i += 1
    url = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text[url_start:i])
    title_end = text.find(")", i)
    if title_end == -1 or (text[i:title_end].strip() and text[i:title_end].strip()[0] not in "\"'"):
        return None
    return url, title_end + 1


def _link(url: str, label_markup: str, show_where: bool = True) -> str:
    """A link when the scheme is safe to put in a PDF, else just its text.

    Followed by where it leads, for readers of the printed page.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SAFE_SCHEMES:
        return label_markup
    href = escape(url).replace('"', "&quot;")
    shown = f'<a href="{href}" color="{_LINK_INK}">{label_markup}</a>'
    where = (parts.netloc + parts.path).rstrip("/") if parts.scheme != "mailto" else parts.path
    if show_where and where:
        shown += f' <font color="{_MUTED}">({escape(where)})</font>'
    return shown


_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")


def _try_link(text: str, start: int) -> tuple[str, int] | None:
    """The markup of ``[label](url)`` or ``<url>`` at ``start`` and where it ends."""
    if text[start] == "<":
        auto = _AUTOLINK.match(text, start)
        return (_link(auto[1], escape(auto[1]), False), auto.end()) if auto else None
    close = _bracket_end(text, start)
    if close is None or text[close + 1 : close + 2] != "(":
        return None
    target = _destination(text, close + 1)
    if target is None:
        return None
    return _link(target[0], inline(text[start + 1 : close])), target[1]


def inline(text: str) -> str:
    """One block's Markdown text as reportlab paragraph markup."""
    nodes: list[str | _Delimiter] = []
    literal: list[str] = []

    def flush() -> None:
        if literal:
            nodes.append(escape("".join(literal)))
            literal.clear()

    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and (text[i + 1] in _PUNCTUATION or text[i + 1] == "\n"):
            if text[i + 1] == "\n":
                flush()
                nodes.append("<br/>")
                i = _skip_spaces(text, i + 2)
            else:
                literal.append(text[i + 1])
                i += 2
        elif c == "`":
            span = _code_span(text, i)
            end = span[1] if span else _run_end(text, i, "`")
            if span:
                flush()
                nodes.append(span[0])
            else:
                literal.append(text[i:end])
            i = end
        elif c in "*_":
            end = _run_end(text, i, c)
            flush()
            nodes.append(_delimiter(text, i, end))
            i = end
        elif c in "[<" and (link := _try_link(text, i)):
            flush()
            nodes.append(link[0])
            i = link[1]
        elif c == "\n":
            # a line ending in two spaces is a hard break, any other a space
            trailing = "".join(literal)
            hard = trailing.endswith("  ")
            literal[:] = [trailing.rstrip(" ")]
            flush()
            nodes.append("<br/>" if hard else " ")
            i = _skip_spaces(text, i + 1)
        else:
            literal.append(c)
            i += 1
    flush()
    _match_emphasis(nodes)
    return "".join(node if isinstance(node, str) else node.render() for node in nodes).strip()


def _skip_spaces(text: str, index: int) -> int:
    while index < len(text) and text[index] == " ":
        index += 1
    return index


def _match_emphasis(nodes: list[str | _Delimiter]) -> None:
    """Pair delimiter runs into <b>/<i> tags (CommonMark's "process emphasis")."""
    openers: list[_Delimiter] = []
    for node in nodes:
        if not isinstance(node, _Delimiter):
            continue
        closer = node
        while closer.can_close and closer.count:
            index = next(
                (
                    k
                    for k in range(len(openers) - 1, -1, -1)
                    if openers[k].char == closer.char and not _rule_of_three(openers[k], closer)
                ),
                None,
            )
            if index is None:
                break
            opener = openers[index]
            use = 2 if opener.count >= 2 and closer.count >= 2 else 1
            tag = "b" if use == 2 else "i"
            opener.count -= use
            closer.count -= use
            opener.opens.insert(0, f"<{tag}>")
            closer.closes.append(f"</{tag}>")
            del openers[index + 1 :]  # delimiters inside a matched pair stay literal
            if not opener.count:
                openers.pop()
        if closer.can_open and closer.count:
            openers.append(closer)


def _rule_of_three(opener: _Delimiter, closer: _Delimiter) -> bool:
    both = opener.can_close or closer.can_open
    total = opener.length + closer.length
    return both and total % 3 == 0 and not (opener.length % 3 == 0 and closer.length % 3 == 0)


# --------------------------------------------------------------------------- blocks

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"^( *)([-+*]|\d{1,9}[.)])(?:( +)(.*)|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
BULLETS = ("•", "◦", "▪")
LIST_INDENT = 16  # points per nesting level


@dataclass
class _Level:
    """One open list: where its markers stand and where its items' text starts."""

    marker_col: int
    content_col: int
    ordered: bool
    number: int


class _Blocks:
    """Reads lines into blocks and turns each finished block into a flowable."""

    def __init__(self, style: ParagraphStyle) -> None:
        self.style = style
        self.out: list[Flowable] = []
        self.levels: list[_Level] = []  # the open lists, outermost first
        self.lines: list[str] = []  # the open paragraph or list item
        self.item: tuple[int, str] | None = None  # its depth and bullet, if a list item

    def finish(self) -> None:
        if self.lines:
            source = "\n".join(self.lines)
            if self.item is None:
                self.out.append(paragraph(inline(source), self.style, source))
            else:
                self.out.append(_list_item(source, *self.item, self.style))
            self.lines = []
        self.item = None

    def read(self, lines: list[str]) -> list[Flowable]:
        i = 0
        while i < len(lines):
            i = self.line(lines, i)
        self.finish()
        return self.out

    def line(self, lines: list[str], i: int) -> int:
        """Take line ``i`` (and, for a code block, the lines it spans); the next index."""
        line = lines[i]
        if not line.strip():
            self.finish()
            return i + 1
        indent = len(line) - len(line.lstrip(" "))
        in_item = bool(self.levels) and indent >= self.levels[-1].content_col
        fence = _FENCE.match(line)
        if fence and not in_item:
            self.finish()
            self.levels.clear()
            end = next(
                (k for k in range(i + 1, len(lines)) if lines[k].strip().startswith(fence[1])),
                len(lines),
            )
            self.out.append(_code_block(lines[i + 1 : end]))
            return end + 1
        if _RULE.match(line) and not in_item:
            self.finish()
            self.levels.clear()
            self.out.append(
                HRFlowable(width="100%", thickness=0.5, color=st.RULE, spaceBefore=4, spaceAfter=8)
            )
            return i + 1
        marker = _ITEM.match(line)
        if marker and not self._continues_paragraph(marker):
            self.finish()
            self.item = _open_item(self.levels, marker)
            self.lines.append(marker[4] or "")
            return i + 1
        heading = _HEADING.match(line)
        if heading and not in_item:
            self.finish()
            self.levels.clear()
            source = heading[2] or ""
            if source:
                style = st.TEXT_HEADINGS[min(len(heading[1]), 3)]
                self.out.append(paragraph(inline(source), style, source))
            return i + 1
        if not self.lines:
            if in_item:  # a further paragraph of the list item above
                self.item = (len(self.levels) - 1, "")
            else:
                self.levels.clear()
        self.lines.append(line.lstrip(" "))
        return i + 1

    def _continues_paragraph(self, marker: re.Match[str]) -> bool:
        """A numbered line not starting at 1 does not interrupt a paragraph (CommonMark)."""
        symbol = marker[2]
        return bool(self.lines) and self.item is None and symbol[0].isdigit() and symbol[:-1] != "1"


def flowables(text: str, style: ParagraphStyle = st.BODY) -> list[Flowable]:
    """A step's Markdown text as paragraphs, headings, list items and code blocks."""
    return _Blocks(style).read(clean(text).expandtabs(4).split("\n"))


def _code_block(lines: list[str]) -> Paragraph:
    """Code as typed: monospaced, leading spaces kept, long lines wrapped."""
    shown = []
    for line in lines:
        body = line.lstrip(" ")
        shown.append("&nbsp;" * (len(line) - len(body)) + escape(body))
    return paragraph("<br/>".join(shown), st.CODE_BLOCK, "\n".join(lines))


def _open_item(levels: list[_Level], marker: re.Match[str]) -> tuple[int, str]:
    """Place a list item among the open lists; its depth and its bullet or number."""
    col, symbol = len(marker[1]), marker[2]
    ordered = symbol[0].isdigit()
    content_col = col + len(symbol) + len(marker[3] or " ")
    if not levels or col < levels[-1].content_col:  # not nested: a sibling or a new list
        while levels and col < levels[-1].marker_col:
            levels.pop()
        if levels and levels[-1].ordered == ordered:
            level = levels[-1]
            level.content_col = content_col
            level.number += 1
            return len(levels) - 1, f"{level.number}." if ordered else _bullet(len(levels) - 1)
        if levels:
            levels.pop()
    number = int(symbol[:-1]) if ordered else 0
    levels.append(_Level(col, content_col, ordered, number))
    depth = len(levels) - 1
    return depth, f"{number}." if ordered else _bullet(depth)


def _bullet(depth: int) -> str:
    return BULLETS[depth % len(BULLETS)]


@lru_cache(maxsize=64)
def _item_style(parent: ParagraphStyle, depth: int, numbered: bool) -> ParagraphStyle:
    indent = LIST_INDENT * (depth + 1) + (6 if numbered else 0)
    return ParagraphStyle(
        f"{parent.name}-list-{depth}{'-numbered' if numbered else ''}",
        parent=parent,
        leftIndent=indent,
        bulletIndent=indent - (20 if numbered else 11),
        bulletFontName=parent.fontName,
        spaceAfter=3,
    )


def _list_item(source: str, depth: int, bullet: str, style: ParagraphStyle) -> Paragraph:
    item_style = _item_style(style, depth, bullet[:1].isdigit())
    return paragraph(inline(source), item_style, source, bullet or None)
