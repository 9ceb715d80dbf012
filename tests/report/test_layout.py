"""The report's own flowables: long tables, table cells, diagrams as figures, request lines."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from workbook.diagrams.model import Diagram, Polyline, Rect, Style, Text
from workbook.report import fonts
from workbook.report import styles as st
from workbook.report.blocks import code_lines
from workbook.report.figures import DiagramFigure, band_breaks
from workbook.report.richtext import RichText, Run
from workbook.report.tables import NOTE_LEADING, PAD_Y, Row, RowTable, TextCell

WIDTH = st.FRAME_WIDTH


@pytest.fixture(autouse=True)
def _fonts() -> None:
    fonts.register()


def _table(rows: int, caption: bool = True) -> RowTable:
    return RowTable(
        [WIDTH / 2, WIDTH / 2],
        ["Name", "Value"],
        [Row([TextCell(f"row {i}"), TextCell("x")]) for i in range(rows)],
        Paragraph("Table 1.1 Rows", st.TABLE_CAPTION) if caption else None,
    )


def test_a_table_splits_where_the_page_ends_and_only_the_first_piece_has_the_caption() -> None:
    table = _table(100)
    _, height = table.wrap(WIDTH, 1e9)
    row = st.TABLE_LEADING + 2 * PAD_Y
    caption = 11 + st.TABLE_CAPTION.spaceAfter
    header = row
    assert height == pytest.approx(caption + header + 100 * row)
    first, rest = table.split(WIDTH, caption + header + 10.5 * row)
    assert (first.start, first.end, rest.start, rest.end) == (0, 10, 10, 100)
    assert first.caption is not None and rest.caption is None
    assert first.wrap(WIDTH, 1e9)[1] == pytest.approx(caption + header + 10 * row)
    assert rest.wrap(WIDTH, 1e9)[1] == pytest.approx(header + 90 * row)
    again, last = rest.split(WIDTH, header + 89.9 * row)
    assert (again.start, again.end, last.start, last.end) == (10, 99, 99, 100)


def test_a_table_that_fits_is_not_split_and_one_row_never_stands_alone_with_its_caption() -> None:
    table = _table(3)
    table.wrap(WIDTH, 1e9)
    assert table.split(WIDTH, 1000) == [table]
    assert table.split(WIDTH, 30) == []  # not even one row under the caption: next page


def test_a_row_taller_than_a_page_is_split_across_pages() -> None:
    tall = TextCell("\n".join(f"line {i}" for i in range(200)))
    table = RowTable([WIDTH / 2, WIDTH / 2], ["Name", "Text"], [Row([TextCell("big"), tall])])
    table.wrap(WIDTH, 1e9)
    first, rest = table.split(WIDTH, 400)
    assert first.wrap(WIDTH, 1e9)[1] <= 400
    first_cells, rest_cells = first.rows[0].cells, rest.rows[0].cells
    assert first_cells[0] is table.rows[0].cells[0] and rest_cells[0] is None
    lines = [text for text, _ in first_cells[1]._lines] + [t for t, _ in rest_cells[1]._lines]
    assert lines == [f"line {i}" for i in range(200)]


def test_a_text_cell_wraps_to_its_column_with_its_note_under_it() -> None:
    cell = TextCell("CareConnect-MedicationStatement-1", bold=True, note="https://fhir.hl7.org.uk/")
    _, height = cell.wrap(120, 1e9)
    assert cell._lines == [
        ("CareConnect-", False),
        ("MedicationStatement-1", False),
        ("https://fhir.hl7.org.uk/", True),
    ]
    assert height == pytest.approx(2 * st.TABLE_LEADING + NOTE_LEADING)
    indented = TextCell("Item", indent=27)
    assert indented.wrap(100, 1e9)[1] == st.TABLE_LEADING


def _diagram(height: float, primitives: tuple, width: float = 400) -> Diagram:
    return Diagram(width, height, "Test", primitives)


STYLE = Style()


def test_bands_with_nothing_between_them_are_places_to_break() -> None:
    diagram = _diagram(
        500,
        (
            Text(0, 0, 100, 20, ("Title",), 9),
            Rect(0, 30, 100, 100, STYLE),
            Polyline(((50, 60), (50, 120)), STYLE),
            Rect(0, 200, 100, 100, STYLE),
            Rect(0, 400, 100, 100, STYLE),
        ),
    )
    assert band_breaks(diagram) == [25.0, 165.0, 350.0]


def test_a_tall_diagram_in_bands_keeps_its_size_and_breaks_between_bands() -> None:
    bands = tuple(Rect(0, 250 * i, 300, 200, STYLE) for i in range(6))  # 1450 points tall
    figure = DiagramFigure(_diagram(1450, bands), Paragraph("Figure 1.1", st.CAPTION))
    assert figure.scale == 1.0
    top, rest = figure.split(WIDTH, 600)
    assert top.diagram.height == 475.0 and top.caption is None
    assert [p.y for p in top.diagram.primitives] == [0, 250]
    assert rest.diagram.height == 975.0 and rest.caption is not None
    assert [p.y for p in rest.diagram.primitives] == [25, 275, 525, 775]
    assert figure.split(WIDTH, 100) == []  # too little room to start it


def test_a_tall_diagram_without_bands_is_scaled_to_fit_a_page() -> None:
    line = Polyline(((10, 0), (10, 1500)), STYLE)
    figure = DiagramFigure(_diagram(1500, (line, Rect(0, 0, 300, 100, STYLE))), None)
    assert figure.breaks == []
    assert figure.drawing.height == pytest.approx(st.FRAME_HEIGHT - 40)
    assert figure.split(WIDTH, 300) == []


def test_a_wide_diagram_is_scaled_to_the_text_width() -> None:
    figure = DiagramFigure(_diagram(200, (Rect(0, 0, 900, 200, STYLE),), width=900), None)
    assert figure.drawing.width == pytest.approx(WIDTH)
    assert figure.wrap(WIDTH, 1e9) == (WIDTH, pytest.approx(200 * WIDTH / 900))


def test_a_request_line_breaks_after_its_punctuation() -> None:
    line = "GET [baseUrl]/List?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|{n}&x=1"
    assert code_lines(line, 120) == [  # 23 characters a line
        "GET [baseUrl]/List?",
        "patient.identifier=",
        "https://fhir.nhs.uk/Id/",
        "nhs-number|{n}&x=1",
    ]
    assert code_lines("x" * 50, 100) == ["x" * 19, "x" * 19, "x" * 12]


def test_rich_text_wraps_runs_and_splits_by_lines() -> None:
    text = RichText(
        [Run("As a", fonts.BOLD), Run(" nurse " + "word " * 40), Run("so that", fonts.BOLD)],
        9.5,
        14,
    )
    _, height = text.wrap(200, 1e9)
    lines = text._lines
    assert [(text, font) for _, text, font, _ in lines[0]] == [
        ("As a", fonts.BOLD),
        ("nurse" + " word" * 5, fonts.SANS),
    ]
    assert [[(text, font) for _, text, font, _ in line] for line in lines[-2:]] == [
        [("word " * 6 + "word", fonts.SANS), ("so", fonts.BOLD)],
        [("that", fonts.BOLD)],
    ]
    assert height == 14 * len(lines)
    first, rest = text.split(200, 30)
    assert first._lines == lines[:2] and rest._lines == lines[2:]
