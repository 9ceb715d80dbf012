"""XSD schemas → dataset items: includes, imports, choices, enumerations, recursion."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importers.conftest import SAMPLES, cli, rows, snapshot
from workbook.db.store import Store
from workbook.errors import InputError
from workbook.importers.xsd import read_xsd
from workbook.services import engagements

XSD = SAMPLES / "xsd"
HEADER = '<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"'


@pytest.fixture
def eid(store: Store) -> int:
    return engagements.create(store, "Schemas")


def read(store: Store, eid: int, *paths: Path) -> list[tuple[str, dict]]:
    """(xml_path, values without the path and the name) of each incoming item."""
    out = []
    for path, _parent, values in rows(read_xsd(store, eid, list(paths))):
        assert values.pop("name") == path.rsplit("/", 1)[-1].lstrip("@").split(":")[-1]
        out.append((path, values))
    return out


def test_a_schema_with_an_include_an_import_a_choice_and_a_recursive_type(
    store: Store, eid: int
) -> None:
    p, item = "/Prescription", "/Prescription/Item"
    assert read(store, eid, XSD / "prescription.xsd") == [
        (
            p,
            {
                "data_type": "group",
                "cardinality": "1..1",
                "description": "A prescription issued by the trust's e-prescribing system. "
                "Namespaces: (no prefix) = urn:example:prescription:1, "
                "cmn = urn:example:common:1",
            },
        ),
        (f"{p}/@id", {"data_type": "identifier", "cardinality": "1..1"}),
        (
            f"{p}/@status",
            {
                "data_type": "code",
                "cardinality": "1..1",
                "value_set": "enumeration: active | cancelled | completed",
            },
        ),
        # from the imported schema: its own namespace, prefix and attribute group
        (f"{p}/Patient", {"data_type": "group", "cardinality": "1..1"}),
        (f"{p}/Patient/@lastUpdated", {"data_type": "datetime", "cardinality": "0..1"}),
        (f"{p}/Patient/cmn:NHSNumber", {"data_type": "identifier", "cardinality": "1..1"}),
        (f"{p}/Patient/cmn:Name", {"data_type": "group", "cardinality": "1..1"}),
        (f"{p}/Patient/cmn:Name/cmn:Given", {"data_type": "string", "cardinality": "1..*"}),
        (f"{p}/Patient/cmn:Name/cmn:Family", {"data_type": "string", "cardinality": "1..1"}),
        (f"{p}/Patient/cmn:BirthDate", {"data_type": "date", "cardinality": "1..1"}),
        # an optional model group: both optional
        (f"{p}/Patient/cmn:Telephone", {"data_type": "string", "cardinality": "0..1"}),
        (f"{p}/Patient/cmn:Email", {"data_type": "string", "cardinality": "0..1"}),
        (f"{p}/AuthoredOn", {"data_type": "datetime", "cardinality": "1..1"}),
        # from the included schema, by ref
        (item, {"data_type": "group", "cardinality": "1..*"}),
        (f"{item}/@sequence", {"data_type": "integer", "cardinality": "1..1"}),
        (f"{item}/@issueDate", {"data_type": "date", "cardinality": "0..1"}),
        (f"{item}/Medication", {"data_type": "string", "cardinality": "1..1"}),  # simpleContent
        (f"{item}/Medication/@code", {"data_type": "identifier", "cardinality": "1..1"}),
        (
            f"{item}/DoseQuantity",
            {
                "data_type": "decimal",
                "cardinality": "0..1",
                "description": "One of: DoseQuantity | DoseText",
            },
        ),
        (f"{item}/DoseQuantity/@unit", {"data_type": "string", "cardinality": "1..1"}),
        (
            f"{item}/DoseText",
            {
                "data_type": "string",
                "cardinality": "0..1",
                "description": "One of: DoseQuantity | DoseText",
            },
        ),
        (
            f"{item}/Route",
            {
                "data_type": "code",
                "cardinality": "1..1",
                "value_set": "enumeration: ORAL | IV | IM",
            },
        ),
        (f"{item}/Repeat", {"data_type": "boolean", "cardinality": "1..1", "example": "false"}),
        (
            f"{item}/Component",
            {
                "data_type": "group",
                "cardinality": "0..*",
                "description": "A constituent of a compound preparation. Recursive: the same "
                "structure as /Prescription/Item, not expanded again",
            },
        ),
        (f"{p}/Note", {"data_type": "string", "cardinality": "0..*"}),
    ]


def test_a_schema_without_a_namespace_and_with_two_messages(store: Store, eid: int) -> None:
    assert read(store, eid, XSD / "referral.xsd") == [
        (
            "/Referral",
            {
                "data_type": "group",
                "cardinality": "1..1",
                "description": "Open content: other elements may appear (xs:any)",
            },
        ),
        # inherited from the base type first, then the extension's own
        ("/Referral/@version", {"data_type": "string", "cardinality": "0..1", "example": "2.1"}),
        # xml:lang although xml.xsd is imported from the web (never fetched)
        ("/Referral/@xml:lang", {"data_type": "code", "cardinality": "0..1"}),
        ("/Referral/MessageId", {"data_type": "string", "cardinality": "1..1"}),
        ("/Referral/Sent", {"data_type": "datetime", "cardinality": "1..1"}),
        (
            "/Referral/Reason",
            {
                "data_type": "text",
                "cardinality": "1..1",
                "description": "Mixed content: text with markup (b, i)",
            },
        ),
        (
            "/Referral/Urgency",
            {
                "data_type": "code",
                "cardinality": "1..1",
                "value_set": "enumeration: routine | urgent | two-week-wait",
            },
        ),
        ("/Referral/Attachment", {"data_type": "attachment", "cardinality": "0..*"}),
        ("/Acknowledgement", {"data_type": "group", "cardinality": "1..1"}),
        ("/Acknowledgement/MessageId", {"data_type": "string", "cardinality": "1..1"}),
        ("/Acknowledgement/Accepted", {"data_type": "boolean", "cardinality": "1..1"}),
    ]


def schema(folder: Path, name: str, body: str, attributes: str = "") -> Path:
    path = folder / name
    path.write_text(f"{HEADER}{attributes}>\n{body}\n</xs:schema>\n", encoding="utf-8")
    return path


def test_an_element_that_contains_itself_is_cut_with_a_note(
    store: Store, eid: int, tmp_path: Path
) -> None:
    section = schema(
        tmp_path,
        "section.xsd",
        """<xs:element name="Section">
  <xs:complexType>
    <xs:sequence>
      <xs:element name="Title" type="xs:string"/>
      <xs:element ref="Section" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>
</xs:element>""",
    )
    assert read(store, eid, section) == [
        ("/Section", {"data_type": "group", "cardinality": "1..1"}),
        ("/Section/Title", {"data_type": "string", "cardinality": "1..1"}),
        (
            "/Section/Section",
            {
                "data_type": "group",
                "cardinality": "0..*",
                "description": "Recursive: the same structure as /Section, not expanded again",
            },
        ),
    ]


def test_the_same_name_twice_in_a_sequence_is_one_repeating_item(
    store: Store, eid: int, tmp_path: Path
) -> None:
    notes = schema(
        tmp_path,
        "notes.xsd",
        """<xs:element name="Letter"><xs:complexType><xs:sequence>
  <xs:element name="Note" type="xs:string" minOccurs="0"/>
  <xs:element name="Body" type="xs:string"/>
  <xs:element name="Note" type="xs:string"/>
</xs:sequence></xs:complexType></xs:element>""",
    )
    assert read(store, eid, notes)[1:] == [
        ("/Letter/Note", {"data_type": "string", "cardinality": "1..*"}),
        ("/Letter/Body", {"data_type": "string", "cardinality": "1..1"}),
    ]


def refused(store: Store, eid: int, path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_xsd(store, eid, [path])
    assert len(caught.value.problems) == 1
    return str(caught.value)


def test_a_missing_include_names_the_schema_and_the_line(
    capsys, db_path: Path, store: Store, demo_id: int, tmp_path: Path
) -> None:
    main = schema(tmp_path, "main.xsd", '<xs:include schemaLocation="types/missing.xsd"/>')
    before = snapshot(store, demo_id)
    code, out, err = cli(capsys, db_path, "dataset", "import", demo_id, main)
    assert (code, out) == (1, "")
    assert err == (
        f'workbook: {main}: line 3: includes "types/missing.xsd", which is not there '
        f"({tmp_path / 'types' / 'missing.xsd'})\n"
    )
    assert snapshot(store, demo_id) == before


def test_an_import_of_a_missing_file_is_refused(store: Store, eid: int, tmp_path: Path) -> None:
    main = schema(
        tmp_path,
        "main.xsd",
        '\n<xs:import namespace="urn:x" schemaLocation="x.xsd"/>',
    )
    assert refused(store, eid, main) == (
        f'{main}: line 4: imports "x.xsd", which is not there ({tmp_path / "x.xsd"})'
    )


def test_an_include_from_the_web_is_refused_without_fetching_it(
    store: Store, eid: int, tmp_path: Path
) -> None:
    main = schema(tmp_path, "main.xsd", '<xs:include schemaLocation="https://example.org/t.xsd"/>')
    assert refused(store, eid, main) == (
        f"{main}: line 3: includes https://example.org/t.xsd from the web, and schemas are "
        "never fetched: save a copy next to this schema and point schemaLocation at it"
    )


def test_a_type_from_a_schema_on_the_web_is_refused_at_its_use(
    store: Store, eid: int, tmp_path: Path
) -> None:
    main = schema(
        tmp_path,
        "main.xsd",
        """<xs:import namespace="urn:hl7-org:v3" schemaLocation="http://example.org/dt.xsd"/>
<xs:element name="Observation">
  <xs:complexType><xs:sequence>
    <xs:element name="value" type="v3:PQ"/>
  </xs:sequence></xs:complexType>
</xs:element>""",
        ' xmlns:v3="urn:hl7-org:v3"',
    )
    assert refused(store, eid, main) == (
        f"{main}: line 6: type v3:PQ is in a schema imported from the web "
        "(http://example.org/dt.xsd), and schemas are never fetched: save a copy next to "
        "this schema and point schemaLocation at it"
    )


def test_an_undefined_type_names_the_included_file_it_is_in(
    store: Store, eid: int, tmp_path: Path
) -> None:
    schema(
        tmp_path,
        "types.xsd",
        '<xs:complexType name="T">\n<xs:sequence>\n'
        '<xs:element name="a" type="Missing"/>\n</xs:sequence>\n</xs:complexType>',
    )
    main = schema(
        tmp_path,
        "main.xsd",
        '<xs:include schemaLocation="types.xsd"/>\n<xs:element name="R" type="T"/>',
    )
    assert refused(store, eid, main) == (
        f"{tmp_path / 'types.xsd'}: line 5: type Missing is not defined in this schema or "
        "the schemas it includes"
    )


def test_a_file_that_is_not_a_schema_is_refused(store: Store, eid: int) -> None:
    sample = SAMPLES / "prescription.xml"
    assert refused(store, eid, sample) == (
        f"{sample}: line 3: not an XML schema (the root element is Prescription)"
    )


def test_a_schema_without_global_elements_has_no_message(
    store: Store, eid: int, tmp_path: Path
) -> None:
    types = schema(tmp_path, "types.xsd", '<xs:simpleType name="Code"/>')
    assert refused(store, eid, types) == (
        f"{types}: declares no global element, so there is no message"
    )
