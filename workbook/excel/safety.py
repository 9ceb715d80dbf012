"""Text as we write it into a cell: valid in the file, and never taken for a formula.

Excel (and LibreOffice) treat text starting with ``=``, ``+``, ``-`` or ``@`` as a formula
when the cell is next edited, and some tools act on a leading tab, CR or NUL too. Such text
is written as a string cell with the *quote prefix* style, which keeps it text after edits.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")
MAX_CELL_CHARS = 32_767  # Excel's limit; longer text would be cut by Excel anyway


def cell_text(value: str) -> str:
    """The text a cell holds once written and read back: line breaks as ``\\n``, without the
    control characters XML cannot carry, at most Excel's cell length."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value[:MAX_CELL_CHARS] if len(value) > MAX_CELL_CHARS else value


def safe_text(value: str) -> tuple[str, bool]:
    """The cell text for a value, and whether it needs the quote prefix to stay text."""
    text = cell_text(value)
    return text, value.startswith(FORMULA_PREFIXES) or text.startswith(FORMULA_PREFIXES)
