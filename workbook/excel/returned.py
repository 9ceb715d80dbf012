"""A returned dataset workbook, read back as incoming data items (``dataset import FILE.xlsx``).

Rows are matched to data items by the hidden key column; rows without a key are new items,
placed under the nearest row above that is one level less indented. Only the fields whose
columns the sheet still has are compared. A value the client left as exported reads back
as the item's own value (so ``None`` and ``""``, or ``\\r\\n`` and ``\\n``, never show as
changes), and a client comment is kept by adding it to the item's notes as a
``Client comment:`` line, once. Items whose keys are missing from the sheet are removed.

Anything the sheet holds that cannot be read back is an :class:`InputError` naming the
sheet, row and column; nothing is read into the dataset until the whole sheet is clean.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from workbook.db.store import Store
from workbook.errors import Cancelled, InputError, NotFoundError, Problem, UsageError
from workbook.excel import layout
from workbook.excel.content import Item, dataset_items
from workbook.excel.layout import CLIENT_COMMENT, DATASET_COLUMNS, KEY, NAME, Column
from workbook.excel.package import read_package
from workbook.excel.safety import cell_text
from workbook.files.dataset_sources import DatasetSource
from workbook.progress import Progress, no_progress
from workbook.services import engagements
from workbook.services.dataset_merge import IncomingItem

PROGRESS_EVERY = 500  # rows
HEADER_SEARCH_ROWS = 10  # how far down a moved header row is looked for
CHOICE_NOUNS = {"data_type": "data type", "cardinality": "cardinality"}
YES_WORDS = {"yes", "y", "true"}
NO_WORDS = {"no", "n", "false"}


@dataclass
class SheetRow:
    number: int
    cells: dict[int, dict[str, Any]]  # column index (1-based) → openpyxl's parsed cell
    outline: int


@dataclass
class DatasetSheet:
    rows: list[SheetRow]
    merged: list[str]  # ranges such as "C5:D5"
    sheet: ReadOnlyWorksheet  # for cell styles, which stay readable once the file is closed

    def indent(self, cell: dict[str, Any] | None) -> int:
        if cell is None or not cell["style_id"]:
            return 0
        try:
            return int(ReadOnlyCell(self.sheet, **cell).alignment.indent or 0)
        except IndexError:  # a style the damaged styles part lacks: its indent is lost
            return 0


class _CellProblem(Exception):
    """A cell that cannot be read back: what is wrong with it."""


def read_returned_workbook(
    store: Store, engagement_id: int, paths: list[Path], progress: Progress = no_progress
) -> DatasetSource:
    """Read a returned dataset workbook for :func:`workbook.services.dataset_merge.compute_diff`."""
    if len(paths) != 1:
        raise UsageError("import one returned workbook at a time")
    path = paths[0]
    source = str(path)
    package = read_package(path)
    uid = engagements.get(store, engagement_id).uid
    existing = {item.id: item for item in dataset_items(store, engagement_id)}
    sheet = _read_dataset_sheet(store, package, source, uid, progress)
    incoming = _RowReader(source, existing, sheet).read()
    return DatasetSource(incoming, key_of=lambda item: layout.item_key(item.id))


# --------------------------------------------------------------------------- the file


def _read_dataset_sheet(
    store: Store, package: BytesIO, source: str, uid: str, progress: Progress
) -> DatasetSheet:
    """The Dataset sheet's rows and its merged ranges, once the workbook is known to be ours."""
    with warnings.catch_warnings():
        # openpyxl warns about parts of Excel's files it skips (extensions, unknown styles)
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(package, read_only=True, data_only=False, keep_links=False)
        except Exception as exc:  # a damaged package fails in many ways inside openpyxl
            raise InputError(source, f"cannot be read as a workbook ({exc})") from None
        try:
            sheet = _dataset_sheet(workbook, source)
            _check_engagement(store, workbook, source, uid)
            return _parse(workbook, sheet, source, progress)
        finally:
            workbook.close()


def _dataset_sheet(workbook: Workbook, source: str) -> ReadOnlyWorksheet:
    if layout.DATASET not in workbook.sheetnames:
        raise InputError(
            source,
            f'no sheet "{layout.DATASET}" (the sheets are: {", ".join(workbook.sheetnames)}); '
            f"import the workbook exported for this engagement, with its sheet names unchanged",
        )
    sheet = workbook[layout.DATASET]
    if not isinstance(sheet, ReadOnlyWorksheet):
        raise InputError(source, Problem(f"sheet {layout.DATASET}", "is not a worksheet"))
    return sheet


def _check_engagement(store: Store, workbook: Workbook, source: str, uid: str) -> None:
    marker = workbook.defined_names.get(layout.ENGAGEMENT_NAME)
    found = (marker.attr_text or "").strip().strip('"').replace('""', '"') if marker else None
    if not found:
        raise InputError(
            source,
            "was not exported by Engagement Workbook (it has no engagement marker); "
            "import the workbook exported for this engagement",
        )
    if found != uid:
        try:
            other = f'"{engagements.get(store, engagements.resolve(store, found)).title}"'
        except NotFoundError:
            other = "an engagement that is not in this database"
        raise InputError(
            source, f"was exported from another engagement ({other}); import it into that one"
        )


def _parse(
    workbook: Workbook, sheet: ReadOnlyWorksheet, source: str, progress: Progress
) -> DatasetSheet:
    # openpyxl's read-only sheets drop row outline levels and merged ranges; the parser
    # they use keeps them, so it is used directly
    total = sheet.max_row or 0
    rows = []
    try:
        with sheet._get_source() as stream:
            parser = WorkSheetParser(
                stream,
                sheet._shared_strings,
                data_only=False,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for number, cells in parser.parse():
                outline = parser.row_dimensions.get(str(number), {}).get("outlineLevel")
                rows.append(SheetRow(number, {c["column"]: c for c in cells}, int(outline or 0)))
                if number % PROGRESS_EVERY == 0:
                    progress(number, max(total, number), "Reading the returned workbook")
            merges = parser.merged_cells.mergeCell if parser.merged_cells else []
    except Cancelled:
        raise
    except Exception as exc:  # malformed XML in the sheet
        raise InputError(
            source, Problem(f"sheet {layout.DATASET}", f"cannot be read ({exc})")
        ) from None
    return DatasetSheet(rows, [str(m.ref) for m in merges], sheet)


# --------------------------------------------------------------------------- the rows


class _RowReader:
    def __init__(self, source: str, existing: dict[int, Item], sheet: DatasetSheet) -> None:
        self.source = source
        self.existing = existing
        self.sheet = sheet
        self.problems: list[Problem] = []

    def where(self, row: int, column: int | None = None) -> str:
        place = f"sheet {layout.DATASET} row {row}"
        return f"{place} column {get_column_letter(column)}" if column else place

    def read(self) -> list[IncomingItem]:
        rows = self.sheet.rows
        for ref in self.sheet.merged:
            min_col, min_row, _max_col, _max_row = range_boundaries(ref)
            self.problems.append(
                Problem(
                    self.where(min_row, min_col),
                    f"merged cells ({ref}) cannot be read back; unmerge them",
                )
            )
        columns = self.columns(rows)
        incoming = self.items(rows[1:] if rows and rows[0].number == 1 else rows, columns)
        if self.problems:
            raise InputError(self.source, self.problems)
        return incoming

    # ----------------------------------------------------------------- header

    def columns(self, rows: list[SheetRow]) -> dict[Column, int]:
        by_header = {c.header.casefold(): c for c in DATASET_COLUMNS}
        first = rows[0] if rows and rows[0].number == 1 else SheetRow(1, {}, 0)
        found: dict[Column, int] = {}
        unknown: dict[int, str] = {}
        for index, cell in sorted(first.cells.items()):
            text = str(cell["value"]).strip() if cell["value"] is not None else ""
            column = by_header.get(text.casefold())
            if column is None:
                if text:
                    unknown[index] = text
            elif column in found:
                self.fail(1, index, f'a second "{column.header}" column')
            else:
                found[column] = index
        if KEY not in found and NAME not in found:
            below = (r for r in rows if 1 < r.number <= HEADER_SEARCH_ROWS)
            moved = next((r.number for r in below if self.is_header(r)), None)
            if moved:
                self.fail(moved, None, "the header row must be row 1; delete the rows above it")
            else:
                self.fail(
                    1, None, "no Key and Name headings: this is not an exported Dataset sheet"
                )
            raise InputError(self.source, self.problems)
        for column in DATASET_COLUMNS:
            if column in found or column.field is None:
                continue
            exported_at = DATASET_COLUMNS.index(column) + 1
            if exported_at in unknown:
                self.fail(
                    1,
                    exported_at,
                    f'the heading "{unknown[exported_at]}" should be "{column.header}" '
                    f"(columns are found by their headings)",
                )
            elif column in (KEY, NAME):
                self.fail(1, None, f'no "{column.header}" column; put it back as exported')
        if self.problems:
            raise InputError(self.source, self.problems)
        return found

    @staticmethod
    def is_header(row: SheetRow) -> bool:
        texts = {str(c["value"]).strip().casefold() for c in row.cells.values() if c["value"]}
        return KEY.header.casefold() in texts or NAME.header.casefold() in texts

    def fail(self, row: int, column: int | None, what: str) -> None:
        self.problems.append(Problem(self.where(row, column), what))

    # ----------------------------------------------------------------- data rows

    def items(self, rows: list[SheetRow], columns: dict[Column, int]) -> list[IncomingItem]:
        incoming: list[IncomingItem] = []
        stack: list[str] = []  # the key of the latest row at each depth
        first_row_of: dict[str, int] = {}
        name_at = columns[NAME]
        for row in rows:
            cells = {c: row.cells.get(i) for c, i in columns.items()}
            if all(cell is None or cell["value"] in (None, "") for cell in cells.values()):
                continue  # a blank line
            key = self.key(row, cells[KEY], columns[KEY], first_row_of)
            item_id = layout.key_id(key)
            item = self.existing.get(item_id) if item_id is not None else None
            values = self.values(row, cells, columns, item)
            if values is None:
                continue
            depth = min(self.depth(row, name_at), len(stack))
            parent = stack[depth - 1] if depth else None
            stack[depth:] = [key]
            incoming.append(IncomingItem(key, parent, values))
        return incoming

    def key(
        self, row: SheetRow, cell: dict[str, Any] | None, at: int, first_row_of: dict[str, int]
    ) -> str:
        text = self.text(row, cell, at)
        if not text:
            return f"new row {row.number}"
        if layout.key_id(text) is None:
            self.fail(
                row.number,
                at,
                f'"{text}" is not a key this workbook wrote; clear it to add the row as a new item',
            )
            return f"row {row.number}"
        key = text.strip()
        if key in first_row_of:
            self.fail(
                row.number,
                at,
                f'the same key "{key}" as row {first_row_of[key]}: a copied row keeps the hidden '
                f"key; clear it in the copy to add it as a new item",
            )
            return f"row {row.number}"
        first_row_of[key] = row.number
        return key

    def depth(self, row: SheetRow, name_at: int) -> int:
        """The row's level: its name's indent, else (the indent lost) its outline level."""
        return self.sheet.indent(row.cells.get(name_at)) or row.outline

    def text(self, row: SheetRow, cell: dict[str, Any] | None, at: int) -> str | None:
        try:
            return cell_value_text(cell)
        except _CellProblem as problem:
            self.fail(row.number, at, str(problem))
            return None

    def values(
        self,
        row: SheetRow,
        cells: dict[Column, dict[str, Any] | None],
        columns: dict[Column, int],
        item: Item | None,
    ) -> dict[str, Any] | None:
        values: dict[str, Any] = {}
        before = len(self.problems)
        for column, cell in cells.items():
            if column.field is None or column in (KEY, layout.COMMENTS):
                continue
            text = self.text(row, cell, columns[column])
            old = item.values[column.field] if item else None
            try:
                values[column.field] = field_value(column.field, text, old, item is not None)
            except _CellProblem as problem:
                self.fail(row.number, columns[column], str(problem))
        if layout.COMMENTS in cells:
            comment = self.text(row, cells[layout.COMMENTS], columns[layout.COMMENTS])
            if comment and comment.strip():
                notes = values.get("notes", item.values["notes"] if item else None)
                values["notes"] = with_comment(notes, comment.strip())
        return None if len(self.problems) > before else values


# --------------------------------------------------------------------------- cells


def cell_value_text(cell: dict[str, Any] | None) -> str | None:
    """A cell's value as text, the way the client sees it."""
    if cell is None or cell["value"] is None:
        return None
    value, kind = cell["value"], cell["data_type"]
    if kind == "f":
        raise _CellProblem(f"holds a formula ({value}); type the value itself")
    if kind == "e":
        raise _CellProblem(f"holds an error ({value}); type the value itself")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return cell_text(str(value))


def field_value(name: str, text: str | None, old: Any, matched: bool) -> Any:
    """The value a cell's text gives a data item field; an existing item's own value when the
    text is what the export wrote for it."""
    if name in CHOICE_NOUNS:
        noun, choices = CHOICE_NOUNS[name], layout.DROP_DOWNS[name]
        if not text or not text.strip():
            return None
        wanted = text.strip().casefold()
        found = next((c for c in choices if c.casefold() == wanted), None)
        if found is None:
            raise _CellProblem(f'"{text.strip()}" is not a {noun}; use one of {", ".join(choices)}')
        return found
    if name == "sensitive":
        if not text or not text.strip():
            return None
        word = text.strip().casefold()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        raise _CellProblem(f'"{text.strip()}" is not {layout.YES} or {layout.NO}')
    if matched and (text or "") == cell_text(old or ""):
        return old
    cleaned = (text or "").strip() or None
    if name == "name" and cleaned is None:
        raise _CellProblem("a data item needs a name")
    return cleaned


def with_comment(notes: str | None, comment: str) -> str:
    """The notes with the client's comment added as a marked line, unless already there."""
    line = f"{CLIENT_COMMENT}{comment}"
    if notes and line in notes:
        return notes
    return f"{notes}\n{line}" if notes else line
