"""The appendices: what the codes in the tables mean, and every data item's details."""

from __future__ import annotations

from workbook.report import styles as st
from workbook.report.blocks import Section
from workbook.report.content import ReportContent
from workbook.report.tables import INDENT, Row, TextCell, column_widths

GLOSSARY: dict[str, list[tuple[str, str]]] = {
    "Cardinality of a data item": [
        ("0..1", "Optional: at most one value."),
        ("1..1", "Required: exactly one value."),
        ("0..*", "Optional: any number of values."),
        ("1..*", "Required: one value or more."),
    ],
    "Mapping status": [
        ("Mapped", "The item maps directly to the profile element."),
        ("Partial", "The element holds only part of the item, or needs a transformation."),
        ("Derived", "The element's value is worked out from this item and others."),
        ("Extension needed", "The profile has no element for the item; an extension is needed."),
        ("Gap", "Nothing in the profiles holds the item yet."),
        ("Not mapped", "No mapping has been recorded for the item."),
    ],
    "Priority of a user story": [
        ("Must", "Required for the solution to be acceptable."),
        ("Should", "Important, but the solution works without it."),
        ("Could", "Desirable if time and budget allow."),
        ("Won't", "Agreed to be out of this release."),
    ],
    "Test result": [
        ("Pass", "The solution met the acceptance criterion."),
        ("Fail", "The solution did not meet it."),
        ("Blocked", "The test could not be run yet."),
        ("Not run", "The test has not been run."),
    ],
}


def glossary(section: Section) -> None:
    section.para("What the codes in this report's tables mean.", st.PHASE_NOTE)
    rows: list[Row] = []
    for topic, terms in GLOSSARY.items():
        rows.append(Row([TextCell(topic, bold=True, colour=st.ACCENT_DARK)], st.GROUP_FILL))
        rows += [Row([TextCell(term, bold=True), TextCell(meaning)]) for term, meaning in terms]
    section.table("Terms used in the tables", column_widths(22, 78), ["Term", "Meaning"], rows)


def data_item_details(content: ReportContent, section: Section) -> None:
    section.para(
        "Where each data item comes from and what it looks like, as recorded with the client "
        "(the data structure of step 5). Items holding personal data are marked sensitive.",
        st.PHASE_NOTE,
    )
    rows = []
    for item in content.items:
        values = item.values
        group = item.has_children or values["data_type"] == "group"
        facts = [values["source_system"], "sensitive" if values["sensitive"] else None]
        rows.append(
            Row(
                [
                    TextCell(
                        values["name"],
                        bold=group,
                        indent=item.depth * INDENT,
                        note=" · ".join(f for f in facts if f),
                    ),
                    TextCell(values["xml_path"] or ""),
                    TextCell(values["example"] or ""),
                    TextCell(values["value_set"] or ""),
                ],
                st.GROUP_FILL if group else None,
            )
        )
    section.table(
        "Data item details",
        column_widths(27, 27, 20, 26),
        ["Data item, source", "XML path", "Example", "Value set"],
        rows,
    )
