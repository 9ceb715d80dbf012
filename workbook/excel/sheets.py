"""The five sheets of the dataset workbook as plain data: values, looks, widths, settings.

Building a sheet is separate from writing it, so the benchmark can time a bare write of
exactly the same values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cache
from http import HTTPStatus

from workbook import vocabulary as v
from workbook.excel import layout
from workbook.excel import styles as s
from workbook.excel.content import Content, Item, MappingLine, Parameter, Signature, Story
from workbook.excel.layout import NO, YES, Column
from workbook.excel.styles import Look

MIN_WIDTH = 8
INDENT_WIDTH = 2.5  # characters one indent level takes, roughly
LINE_HEIGHT = 14.4  # points per line of 11-point Calibri
MAX_ROW_HEIGHT = 409  # Excel's limit, in points


@dataclass
class Row:
    values: list[str | None]
    looks: list[Look | None]  # None: a plain cell
    outline: int = 0  # Excel's row grouping level
    height: float | None = None  # points; None: one line of text


@dataclass
class Sheet:
    title: str
    widths: list[float]
    rows: list[Row]
    header_row: int | None = 1  # 1-based; repeated on printed pages, frozen, filtered
    freeze: str | None = None
    hidden_columns: tuple[int, ...] = ()  # 0-based
    column_looks: dict[int, Look] = field(default_factory=dict)
    choices: dict[int, tuple[str, ...]] = field(default_factory=dict)  # drop-down lists
    gridlines: bool = True
    outline: bool = False


def human(value: str | None) -> str | None:
    """A vocabulary value as a person reads it: "in_scope" → "In scope"."""
    if value is None:
        return None
    return "Won't" if value == "wont" else value.replace("_", " ").capitalize()


def _line_length(value: str) -> int:
    return max(map(len, value.split("\n"))) if "\n" in value else len(value)


def _indent(look: Look | None) -> int:
    return look.indent if look else 0


def _fit(rows: list[Row], headers: list[str], caps: list[int], indented: int | None) -> list[float]:
    """Column widths that fit the values, at least the header's longest word, at most the cap."""
    widths = []
    for i, cap in enumerate(caps):
        words = max(map(len, headers[i].split()), default=0)
        if i == indented:
            found = (
                _line_length(v) + INDENT_WIDTH * _indent(row.looks[i])
                for row in rows
                if (v := row.values[i])
            )
        else:
            found = (_line_length(v) for row in rows if (v := row.values[i]))
        widths.append(min(cap, max(MIN_WIDTH, words + 2, max(found, default=0) + 2)))
    return widths


def _per_line(width: float, indent: int = 0) -> int:
    """Characters that fit on one line of a column (erring on the side of fewer)."""
    return max(1, int(1.2 * (width - INDENT_WIDTH * indent)) - 2)


def _lines(value: str, per_line: int) -> int:
    return sum(max(1, -(-len(line) // per_line)) for line in value.split("\n"))


@cache
def _tall(look: Look | None) -> Look:
    return s.BODY if look is None else replace(look, wrap=True, top=True)


def _wrap_tall_rows(rows: list[Row], widths: list[float]) -> None:
    """Rows with text over several lines: wrap every cell, align it to the top, and make the
    row tall enough (neither Excel nor LibreOffice fits row heights when opening a file).

    A one-line row looks the same whatever its vertical alignment, so its cells stay plain.
    """
    per_line = [_per_line(width) for width in widths]
    for row in rows:
        lines = 1
        for value, width, per, look in zip(row.values, widths, per_line, row.looks, strict=True):
            if not value:
                continue
            if look is not None and look.indent:
                per = _per_line(width, look.indent)
            if len(value) > per or "\n" in value:
                lines = max(lines, _lines(value, per))
        if lines > 1:
            # an empty cell keeps its column's look
            row.looks = [
                None if value is None and look is None else _tall(look)
                for value, look in zip(row.values, row.looks, strict=True)
            ]
            row.height = min(lines * LINE_HEIGHT + 3, MAX_ROW_HEIGHT)


def _header(columns: list[tuple[str, Look]]) -> Row:
    return Row([text for text, _ in columns], [look for _, look in columns])


# --------------------------------------------------------------------------- Cover

DATA_TYPE_MEANINGS = {
    "string": "Short text on one line",
    "text": "Free text that may run over several lines",
    "code": "A value from a code list or value set",
    "integer": "A whole number",
    "decimal": "A number with decimals",
    "boolean": "Yes or no",
    "date": "A date",
    "datetime": "A date and a time",
    "time": "A time of day",
    "identifier": "An identifier, such as an NHS number or a local record number",
    "quantity": "A number with a unit, such as 5 mg",
    "reference": "A pointer to another record (a patient, a practitioner, an organisation)",
    "group": "A heading for the items indented under it; holds no value itself",
    "attachment": "A document or an image",
}
CARDINALITY_MEANINGS = {
    "0..1": "Optional: at most one",
    "1..1": "Required: exactly one",
    "0..*": "Optional: any number",
    "1..*": "Required: one or more",
}
INSTRUCTIONS = (
    "The Dataset sheet lists every data item, one per row, indented under the group it "
    "belongs to. The + and − buttons at the left fold and unfold the groups.",
    "Correct anything that is wrong by typing over it. Data type, Cardinality and "
    "Sensitive offer a list to choose from.",
    "To add an item, insert a row under the group it belongs to and indent its name like "
    "the items around it (Home › Increase Indent). To remove an item, delete its row.",
    "Write questions and remarks in the yellow Client comments column. The columns with "
    "grey headings (mapping) are for information: say in a comment what should change.",
    "Please keep the sheet names and the column headings as they are, and leave the "
    "hidden first column alone: it matches your rows to our records. Save the file as an "
    "Excel workbook (.xlsx) and send it back.",
)
SHEET_GUIDE = (
    (layout.DATASET, "The data items, for you to check, complete and comment on"),
    (layout.MAPPING, "Where each data item goes in the FHIR profiles"),
    (layout.STORIES, "The user stories the dataset serves"),
    (layout.API, "The API calls that will carry the data"),
)


def cover(content: Content, today: dt.date) -> Sheet:
    e = content.engagement
    widths: list[float] = [2, 22, 100]
    rows: list[Row] = []

    def add(label: str | None, text: str | None, label_look: Look = s.LABEL) -> None:
        row = Row([None, label, text], [None, label_look, s.NOTE])
        _wrap_tall_rows([row], widths)
        rows.append(row)

    def heading(text: str) -> None:
        rows.append(Row([None, None, None], [None, None, None]))
        rows.append(Row([None, text, None], [None, s.HEADING, s.HEADING], height=24))

    rows.append(Row([None, e.title, None], [None, s.TITLE, None], height=32))
    client = e.client_name or "the client"
    rows.append(
        Row([None, f"Dataset for review by {client}", None], [None, s.SUBTITLE, None], height=20)
    )
    rows.append(Row([None, None, None], [None, None, None]))
    mapped = sum(1 for item in content.items if item.id in content.mappings)
    for label, text in (
        ("Client", e.client_name),
        ("ODS code", e.client_code),
        ("Analyst", e.analyst),
        ("Exported", f"{today.day} {today:%B %Y}"),
        ("Engagement status", human(e.status)),
        ("FHIR version", e.fhir_version),
        ("Data items", f"{len(content.items)}, of which {mapped} mapped"),
    ):
        add(label, text or "—")
    heading("How to fill this in")
    for number, text in enumerate(INSTRUCTIONS, 1):
        add(None, f"{number}.  {text}")
    heading("Sheets")
    for name, text in SHEET_GUIDE:
        add(name, text)
    heading("Data types")
    for name in v.DATA_TYPES:
        add(name, DATA_TYPE_MEANINGS[name])
    heading("Cardinality")
    for name in v.CARDINALITIES:
        add(name, CARDINALITY_MEANINGS[name])
    return Sheet(layout.COVER, widths, rows, header_row=None, gridlines=False)


# --------------------------------------------------------------------------- Dataset


def _item_text(column: Column, item: Item) -> str | None:
    value = item.values.get(column.field or "")
    if column.field == "sensitive":
        return None if value is None else YES if value else NO
    return value


def _name_look(item: Item) -> Look | None:
    if not item.depth and not item.has_children:
        return None
    return _name_style(item.has_children, item.depth)


@cache
def _name_style(group: bool, depth: int) -> Look:
    return Look(bold=group, indent=depth)


def _mapping_texts(lines: list[MappingLine], labels: dict[str, str]) -> list[str | None]:
    if not lines:
        return [None, None, None]
    return [
        "\n".join(labels.get(line.profile, line.profile) for line in lines),
        "\n".join(line.element_path or "—" for line in lines),
        "\n".join(human(line.status) or "—" for line in lines),
    ]


def dataset(content: Content) -> Sheet:
    columns = list(layout.DATASET_COLUMNS)
    columns_of = _profile_columns(content)
    labels = {ref: content.profiles[i].label for ref, i in columns_of.items()}
    header_looks = {None: s.INFO_HEADER, layout.COMMENTS.field: s.COMMENT_HEADER}
    rows = [_header([(c.header, header_looks.get(c.field, s.HEADER)) for c in columns])]
    key_at, name_at = columns.index(layout.KEY), columns.index(layout.NAME)
    info_at = [i for i, c in enumerate(columns) if c.field is None]
    for item in content.items:
        values = [_item_text(c, item) for c in columns]
        values[key_at] = layout.item_key(item.id)
        mapped = _mapping_texts(content.mappings.get(item.id, []), labels)
        for i, text in zip(info_at, mapped, strict=True):
            values[i] = text
        looks: list[Look | None] = [None] * len(columns)
        looks[name_at] = _name_look(item)
        rows.append(Row(values, looks, outline=min(item.depth, layout.OUTLINE_LEVELS)))
    widths = _fit(rows[1:], [c.header for c in columns], [c.max_width for c in columns], name_at)
    widths[columns.index(layout.COMMENTS)] = layout.COMMENTS.max_width
    _wrap_tall_rows(rows[1:], widths)
    return Sheet(
        layout.DATASET,
        widths,
        rows,
        freeze="C2",
        hidden_columns=(columns.index(layout.KEY),),
        column_looks={i: Look(text_format=True) for i, c in enumerate(columns) if c.editable}
        | {columns.index(layout.COMMENTS): s.COMMENT_COLUMN},
        choices={
            i: layout.DROP_DOWNS[c.field]
            for i, c in enumerate(columns)
            if c.field in layout.DROP_DOWNS
        },
        outline=True,
    )


# --------------------------------------------------------------------------- Mapping


def _profile_columns(content: Content) -> dict[str, int]:
    """Every way a mapping may name a profile in scope → its index: by URL, name, resource
    type, or the URL's last segment (a profile's name by convention)."""
    index: dict[str, int] = {}
    for i, profile in enumerate(content.profiles):
        for reference in (profile.url, profile.name, profile.resource_type, profile.label):
            if reference:
                index.setdefault(reference, i)
    return index


LEGEND_ROWS = 2  # the legend and a blank row above the header


def mapping(content: Content) -> Sheet:
    profiles = content.profiles
    column_of = _profile_columns(content)
    others = any(
        line.profile not in column_of for lines in content.mappings.values() for line in lines
    )
    headers = ["Data item", *(p.label for p in profiles)] + (["Other profiles"] if others else [])
    width = len(headers)
    legend = "Items not mapped to a profile element yet (groups are mapped through their items)"
    rows = [
        Row(
            ["Not mapped yet", legend] + [None] * (width - 2),
            [s.SWATCH, s.PLAIN] + [None] * (width - 2),
        ),
        Row([None] * width, [None] * width),
        _header([(h, s.HEADER) for h in headers]),
    ]
    for item in content.items:
        lines = content.mappings.get(item.id, [])
        cells: list[list[str]] = [[] for _ in range(width - 1)]
        for line in lines:
            column = column_of.get(line.profile)
            path = line.element_path or "—"
            if column is None:
                cells[-1].append(f"{line.profile}: {path}")
            else:
                cells[column].append(path)
        unmapped = not lines and not item.has_children
        name_look = _name_look(item)
        if unmapped:
            name_look = replace(name_look or s.PLAIN, fill=s.UNMAPPED)
        rows.append(
            Row(
                [item.values["name"], *("\n".join(c) if c else None for c in cells)],
                [name_look, *([s.SWATCH if unmapped else None] * (width - 1))],
                outline=min(item.depth, layout.OUTLINE_LEVELS),
            )
        )
    body = rows[LEGEND_ROWS + 1 :]
    widths = _fit(body, headers, [48] + [36] * (width - 1), 0)
    _wrap_tall_rows(body, widths)
    return Sheet(
        layout.MAPPING, widths, rows, header_row=LEGEND_ROWS + 1, freeze="B4", outline=True
    )


# --------------------------------------------------------------------------- User stories


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeio" else "a"


def story_sentence(story: Story) -> str:
    """ "As a Pharmacist (Hospital Services), I want … so that …." """
    want = story.requirement.strip() or "…"
    sentence = (
        f"As {_article(story.actor)} {story.actor}, I want {want}"
        if story.actor
        else (f"I want {want}")
    )
    why = (story.justification or "").strip()
    if why:
        joined = why.lower().startswith(("so that", "because", "in order"))
        sentence += f" {why}" if joined else f" so that {why}"
    return sentence if sentence.endswith((".", "?", "!", "…")) else sentence + "."


def stories(content: Content) -> Sheet:
    headers = [
        ("Ref", 12),
        ("Feature", 28),
        ("Actor", 30),
        ("Secondary actor", 30),
        ("User story", 70),
        ("Priority", 10),
        ("Status", 13),
        ("Acceptance criteria", 70),
    ]
    rows = [_header([(h, s.HEADER) for h, _ in headers])]
    for story in content.stories:
        values = [
            story.ref,
            story.feature,
            story.actor,
            story.secondary_actor,
            story_sentence(story),
            human(story.priority),
            human(story.status),
            "\n".join(f"• {c}" for c in story.criteria) or None,
        ]
        rows.append(Row(values, [None] * len(values)))
    widths = _fit(rows[1:], [h for h, _ in headers], [w for _, w in headers], None)
    _wrap_tall_rows(rows[1:], widths)
    return Sheet(layout.STORIES, widths, rows, freeze="B2")


# --------------------------------------------------------------------------- API


def request_line(signature: Signature) -> str:
    path = signature.path if signature.path.startswith("/") else f"/{signature.path}"
    return f"{signature.method} [baseUrl]{path}"


def _response(code: int, meaning: str | None) -> str:
    try:
        status = f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        status = str(code)
    return f"{status}: {meaning}" if meaning else status


def _parameter(p: Parameter) -> str:
    facts = ", ".join(x for x in (p.type, "required" if p.required else None) if x)
    text = f"{p.name} ({facts})" if facts else p.name
    return f"{text}: {p.value}" if p.value else text


def api(content: Content) -> Sheet:
    headers = [
        ("Method", 9),
        ("Request", 60),
        ("Description", 50),
        ("Search parameters", 55),
        ("Result", 40),
        ("Responses", 55),
        ("User stories", 16),
    ]
    rows = [_header([(h, s.HEADER) for h, _ in headers])]
    for signature in content.signatures:
        values = [
            signature.method,
            request_line(signature),
            signature.description,
            "\n".join(map(_parameter, signature.parameters)) or None,
            signature.result,
            "\n".join(_response(code, meaning) for code, meaning in signature.responses) or None,
            ", ".join(signature.stories) or None,
        ]
        rows.append(Row(values, [None] * len(values)))
    widths = _fit(rows[1:], [h for h, _ in headers], [w for _, w in headers], None)
    _wrap_tall_rows(rows[1:], widths)
    return Sheet(layout.API, widths, rows, freeze="A2")


def build_sheets(content: Content, today: dt.date) -> list[Sheet]:
    return [
        cover(content, today),
        dataset(content),
        mapping(content),
        stories(content),
        api(content),
    ]
