"""Reading StructureDefinitions: XML and JSON, STU3 and R4 spellings, refusing bad input."""

from __future__ import annotations

import pytest

from tests.profiles.conftest import STU3_XML
from workbook.profiles.structure_definition import (
    DefinitionError,
    parse_json_resource,
    parse_xml_resource,
    read_definition,
)


def test_stu3_xml_becomes_facts_with_ids_made_from_paths_and_slices() -> None:
    definition = read_definition(parse_xml_resource(STU3_XML))
    profile = definition.profile
    assert (profile.name, profile.version, profile.fhir_version, profile.type) == (
        "Small-Encounter",
        "0.1.0",
        "STU3",
        "Encounter",
    )
    assert definition.has_snapshot
    assert [e.id for e in profile.elements] == [
        "Encounter",
        "Encounter.identifier",
        "Encounter.identifier:spell",
        "Encounter.identifier:spell.system",
        "Encounter.class",
        "Encounter.subject",
        "Encounter.length",
    ]
    assert profile.element("Encounter.identifier:spell.system").fixed == {
        "type": "uri",
        "value": "https://example.org/spell",
    }
    klass = profile.element("Encounter.class")
    assert (klass.binding_strength, klass.value_set) == (
        "extensible",
        "https://example.org/vs/class",
    )
    subject = profile.element("Encounter.subject")
    assert [t.to_json() for t in subject.types] == [
        {"code": "Reference", "targets": ["https://example.org/P1", "https://example.org/P2"]}
    ]
    assert profile.element("Encounter.length").pattern == {
        "type": "Quantity",
        "value": {"system": "http://unitsofmeasure.org", "code": "min"},
    }


def test_r4_json_spellings_give_the_same_facts() -> None:
    resource = {
        "resourceType": "StructureDefinition",
        "url": "https://example.org/StructureDefinition/Small-Encounter",
        "name": "Small-Encounter",
        "fhirVersion": "4.0.1",
        "kind": "resource",
        "type": "Encounter",
        "derivation": "constraint",
        "snapshot": {
            "element": [
                {"id": "Encounter", "path": "Encounter", "min": 0, "max": "*"},
                {
                    "id": "Encounter.id",
                    "path": "Encounter.id",
                    "min": 0,
                    "max": "1",
                    "type": [{"code": "http://hl7.org/fhirpath/System.String"}],
                },
                {
                    "id": "Encounter.class",
                    "path": "Encounter.class",
                    "min": 1,
                    "max": "1",
                    "type": [{"code": "Coding"}],
                    "binding": {"strength": "extensible", "valueSet": "https://example.org/vs"},
                },
                {
                    "id": "Encounter.subject",
                    "path": "Encounter.subject",
                    "min": 1,
                    "max": "1",
                    "type": [
                        {
                            "code": "Reference",
                            "targetProfile": ["https://example.org/P1", "https://example.org/P2"],
                        }
                    ],
                },
            ]
        },
    }
    profile = read_definition(resource).profile
    assert profile.fhir_version == "R4"
    assert profile.element("Encounter.id").type_codes == ("string",)
    assert profile.element("Encounter.class").value_set == "https://example.org/vs"
    assert profile.element("Encounter.subject").types[0].targets == (
        "https://example.org/P1",
        "https://example.org/P2",
    )


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(DefinitionError, match=r"^line 2 column \d+: not well-formed XML$"):
        parse_xml_resource(b"<StructureDefinition xmlns='http://hl7.org/fhir'>\n<url></oops>")


def test_xml_entities_are_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<StructureDefinition xmlns="http://hl7.org/fhir"><url value="&b;"/>'
        b"</StructureDefinition>"
    )
    with pytest.raises(DefinitionError, match="refused: the XML declares entities or a DTD"):
        parse_xml_resource(bomb)


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(DefinitionError) as raised:
        parse_json_resource(b'{"a": 1,\n    x}')
    assert str(raised.value) == (
        "line 2 column 5: not valid JSON: Expecting property name enclosed in double quotes"
    )


def test_a_resource_that_is_not_a_structure_definition() -> None:
    with pytest.raises(DefinitionError) as raised:
        read_definition({"resourceType": "ValueSet", "url": "x"})
    assert str(raised.value) == "a ValueSet, not a StructureDefinition"


def test_a_definition_without_elements() -> None:
    resource = {"resourceType": "StructureDefinition", "url": "https://example.org/Empty"}
    with pytest.raises(DefinitionError, match="neither a snapshot nor a differential"):
        read_definition(resource)
