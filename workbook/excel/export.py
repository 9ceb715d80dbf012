"""``workbook export ENGAGEMENT --to FILE.xlsx``: the dataset workbook a client reviews.

Sheets Cover, Dataset, Mapping, User stories and API (see :mod:`.sheets`), written with
openpyxl in write-only mode, into memory, then to the file in one atomic replace: a
failure or a cancel never leaves a half-written workbook where the old one was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import suppress
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.properties import Outline
from openpyxl.worksheet.worksheet import Worksheet

from workbook.db.store import Store
from workbook.excel import layout
from workbook.excel.content import Content, read_content
from workbook.excel.safety import cell_text, safe_text
from workbook.excel.sheets import Sheet, build_sheets
from workbook.excel.styles import PLAIN, Look, Styles, apply, print_setup
from workbook.files.json_input import write_atomically
from workbook.progress import Progress, no_progress

PROGRESS_EVERY = 500  # rows
LAST_ROW = 1_048_576


def export_workbook(
    store: Store, engagement_id: int, path: Path, progress: Progress = no_progress
) -> None:
    """Write the engagement's dataset workbook to ``path`` (``.xlsx``)."""
    progress(0, 1, "Reading the engagement")
    content = read_content(store, engagement_id)
    sheets = build_sheets(content, dt.date.today())
    total = sum(len(sheet.rows) for sheet in sheets)
    written = 0

    def tick(rows: int) -> None:
        nonlocal written
        written += rows
        progress(written, total, "Writing the workbook")

    workbook = Workbook(write_only=True)
    try:
        _describe(workbook, content)
        styles = Styles()
        for sheet in sheets:
            _write_sheet(workbook, styles, sheet, content.engagement.title, tick)
        progress(total, total, "Saving the workbook")
        buffer = BytesIO()
        workbook.save(buffer)
    except BaseException:
        # openpyxl streams write-only sheets into temporary files that saving removes
        with suppress(Exception):
            workbook.save(BytesIO())
        raise
    write_atomically(path, buffer.getvalue())


def _describe(workbook: Workbook, content: Content) -> None:
    e = content.engagement
    author = e.analyst or "Engagement Workbook"
    props = workbook.properties
    props.title = cell_text(f"{e.title}: dataset")
    props.subject = "Dataset for client review"
    props.creator = props.lastModifiedBy = cell_text(author)
    props.keywords = "dataset; FHIR; Care Connect"
    props.description = cell_text(
        f"Dataset of the engagement {e.title}"
        + (f" with {e.client_name}" if e.client_name else "")
        + ", exported by Engagement Workbook for the client to review and return."
    )
    uid = e.uid.replace('"', '""')
    workbook.defined_names.add(
        DefinedName(layout.ENGAGEMENT_NAME, attr_text=f'"{uid}"', hidden=True)
    )


def _cell(sheet: Worksheet, styles: Styles, value: str | None, look: Look | None) -> Any:
    """What to append for a value: its text, or a styled cell when it needs a look."""
    text, quote = safe_text(value) if value else (None, False)
    if look is None and not quote:
        return text or None
    return styles.cell(sheet, text or None, (look or PLAIN).quoted() if quote else look)


def _write_sheet(
    workbook: Workbook,
    styles: Styles,
    sheet: Sheet,
    footer_title: str,
    tick: Callable[[int], None],
) -> None:
    ws = workbook.create_sheet(sheet.title)
    # write-only sheets take their columns, panes and outline settings before any row
    for index, width in enumerate(sheet.widths):
        column = ws.column_dimensions[get_column_letter(index + 1)]
        column.width = width
        column.hidden = index in sheet.hidden_columns
        if index in sheet.column_looks:
            apply(column, sheet.column_looks[index])
    ws.sheet_view.showGridLines = sheet.gridlines
    # the sheet's size, which write-only sheets leave out: without it, readers (openpyxl's
    # among them) parse the whole sheet once just to find out how big it is
    size = f"A1:{get_column_letter(max(len(sheet.widths), 1))}{max(len(sheet.rows), 1)}"
    ws.calculate_dimension = lambda: size
    if sheet.freeze:
        ws.freeze_panes = sheet.freeze
    if sheet.outline:
        ws.sheet_properties.outlinePr = Outline(summaryBelow=False, summaryRight=True)
        ws.sheet_format.outlineLevelRow = max((row.outline for row in sheet.rows), default=0)
    header = sheet.header_row
    print_setup(ws, cell_text(footer_title), f"{header}:{header}" if header else None)
    if header:
        last = get_column_letter(len(sheet.widths))
        ws.auto_filter.ref = f"A{header}:{last}{max(len(sheet.rows), header + 1)}"
        for index, choices in sheet.choices.items():
            _drop_down(ws, index, header, sheet.rows[header - 1].values[index] or "", choices)

    # rows that look alike share one row dimension: a row's index is not part of it, and
    # making one per row would take longer than writing the row's cells
    dimensions: dict[tuple[int, float | None], RowDimension] = {}
    for number, row in enumerate(sheet.rows, 1):
        if row.outline or row.height:
            shape = (row.outline, row.height)
            if shape not in dimensions:
                dimensions[shape] = RowDimension(ws, outlineLevel=row.outline, ht=row.height)
            ws.row_dimensions[number] = dimensions[shape]
        ws.append(
            [
                None if value is None and look is None else _cell(ws, styles, value, look)
                for value, look in zip(row.values, row.looks, strict=True)
            ]
        )
        if number % PROGRESS_EVERY == 0:
            tick(PROGRESS_EVERY)
    tick(len(sheet.rows) % PROGRESS_EVERY)


def _drop_down(
    ws: Worksheet, index: int, header: int, title: str, choices: tuple[str, ...]
) -> None:
    letter = get_column_letter(index + 1)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=f"Choose one of: {', '.join(choices)}",
    )
    validation.add(f"{letter}{header + 1}:{letter}{LAST_ROW}")
    ws.data_validations.append(validation)
