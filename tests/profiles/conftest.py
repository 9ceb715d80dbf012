"""Helpers for profile tests: small hand-written definitions and packages, demo findings."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "careconnect-stu3"
EXAMPLE = "https://example.org/fhir/StructureDefinition/"

# a small STU3 profile with a snapshot, as published XML (prose included, to be dropped)
STU3_XML = b"""<?xml version="1.0" encoding="utf-8"?>
<StructureDefinition xmlns="http://hl7.org/fhir">
  <text><div xmlns="http://www.w3.org/1999/xhtml">prose</div></text>
  <url value="https://example.org/StructureDefinition/Small-Encounter"/>
  <version value="0.1.0"/>
  <name value="Small-Encounter"/>
  <status value="draft"/>
  <fhirVersion value="3.0.1"/>
  <kind value="resource"/>
  <type value="Encounter"/>
  <baseDefinition value="http://hl7.org/fhir/StructureDefinition/Encounter"/>
  <derivation value="constraint"/>
  <snapshot>
    <element><path value="Encounter"/><min value="0"/><max value="*"/></element>
    <element>
      <path value="Encounter.identifier"/>
      <definition value="Prose that must not be kept"/>
      <min value="0"/><max value="*"/><type><code value="Identifier"/></type>
    </element>
    <element>
      <path value="Encounter.identifier"/><sliceName value="spell"/>
      <min value="1"/><max value="1"/><type><code value="Identifier"/></type>
    </element>
    <element>
      <path value="Encounter.identifier.system"/><min value="1"/><max value="1"/>
      <type><code value="uri"/></type><fixedUri value="https://example.org/spell"/>
    </element>
    <element>
      <path value="Encounter.class"/><min value="1"/><max value="1"/>
      <type><code value="Coding"/></type>
      <binding><strength value="extensible"/>
        <valueSetReference><reference value="https://example.org/vs/class"/></valueSetReference>
      </binding>
    </element>
    <element>
      <path value="Encounter.subject"/><min value="1"/><max value="1"/>
      <type><code value="Reference"/><targetProfile value="https://example.org/P1"/></type>
      <type><code value="Reference"/><targetProfile value="https://example.org/P2"/></type>
    </element>
    <element>
      <path value="Encounter.length"/><min value="0"/><max value="1"/>
      <type><code value="Duration"/></type>
      <patternQuantity><system value="http://unitsofmeasure.org"/><code value="min"/>
      </patternQuantity>
    </element>
  </snapshot>
</StructureDefinition>
"""


def structure_definition(
    name: str, type_name: str, base: str, elements: list[dict[str, Any]], **header: Any
) -> dict[str, Any]:
    """A differential-only R4 StructureDefinition (JSON form)."""
    return {
        "resourceType": "StructureDefinition",
        "url": EXAMPLE + name,
        "name": name,
        "version": "1.0.0",
        "status": "draft",
        "fhirVersion": "4.0.1",
        "kind": "complex-type" if type_name == "Extension" else "resource",
        "abstract": False,
        "type": type_name,
        "baseDefinition": base,
        "derivation": "constraint",
        "differential": {"element": [{"id": type_name, "path": type_name}, *elements]},
        **header,
    }


def language_extension() -> dict[str, Any]:
    """A complex extension with two sub-extensions (language, preferred)."""
    return structure_definition(
        "Ext-Language",
        "Extension",
        "http://hl7.org/fhir/StructureDefinition/Extension",
        [
            {
                "id": "Extension.extension:language",
                "path": "Extension.extension",
                "sliceName": "language",
                "min": 1,
                "max": "1",
            },
            {
                "id": "Extension.extension:language.url",
                "path": "Extension.extension.url",
                "fixedUri": "language",
            },
            {
                "id": "Extension.extension:language.value[x]",
                "path": "Extension.extension.value[x]",
                "type": [{"code": "CodeableConcept"}],
                "binding": {"strength": "required", "valueSet": "https://example.org/vs/lang"},
            },
            {
                "id": "Extension.extension:preferred",
                "path": "Extension.extension",
                "sliceName": "preferred",
                "max": "1",
            },
            {
                "id": "Extension.extension:preferred.url",
                "path": "Extension.extension.url",
                "fixedUri": "preferred",
            },
            {
                "id": "Extension.extension:preferred.value[x]",
                "path": "Extension.extension.value[x]",
                "type": [{"code": "boolean"}],
            },
            {"id": "Extension.url", "path": "Extension.url", "fixedUri": EXAMPLE + "Ext-Language"},
            {"id": "Extension.value[x]", "path": "Extension.value[x]", "max": "0"},
        ],
        context=[{"type": "element", "expression": "Patient"}],
    )


def patient_profile(name: str = "Example-Patient", version: str = "1.0.0") -> dict[str, Any]:
    """A Patient profile over the base resource: an NHS number slice and two extensions."""
    return structure_definition(
        name,
        "Patient",
        "http://hl7.org/fhir/StructureDefinition/Patient",
        [
            {
                "id": "Patient.extension:language",
                "path": "Patient.extension",
                "sliceName": "language",
                "max": "*",
                "type": [{"code": "Extension", "profile": [EXAMPLE + "Ext-Language"]}],
            },
            {
                "id": "Patient.identifier",
                "path": "Patient.identifier",
                "min": 1,
                "slicing": {
                    "discriminator": [{"type": "value", "path": "system"}],
                    "rules": "open",
                },
            },
            {
                "id": "Patient.identifier:nhsNumber",
                "path": "Patient.identifier",
                "sliceName": "nhsNumber",
                "max": "1",
            },
            {
                "id": "Patient.identifier:nhsNumber.system",
                "path": "Patient.identifier.system",
                "min": 1,
                "fixedUri": "https://fhir.nhs.uk/Id/nhs-number",
            },
            {
                "id": "Patient.identifier:nhsNumber.value",
                "path": "Patient.identifier.value",
                "min": 1,
            },
            {
                "id": "Patient.gender",
                "path": "Patient.gender",
                "min": 1,
                "binding": {"strength": "required", "valueSet": "https://example.org/vs/gender"},
            },
            {
                "id": "Patient.deceased[x]",
                "path": "Patient.deceased[x]",
                "type": [{"code": "boolean"}],
            },
            {"id": "Patient.communication", "path": "Patient.communication", "max": "0"},
        ],
        version=version,
    )


def write_json(path: Path, resource: dict[str, Any]) -> Path:
    path.write_text(json.dumps(resource), encoding="utf-8")
    return path


def make_package(
    path: Path, entries: dict[str, bytes | dict[str, Any]], manifest: dict[str, Any] | None = None
) -> Path:
    """A FHIR NPM package (.tgz) built in memory; ``entries`` map tar names to content."""
    files = dict(entries)
    if manifest is not None:
        files = {"package/package.json": manifest, **files}
    with tarfile.open(path, "w:gz") as tar:
        for name, content in files.items():
            data = content if isinstance(content, bytes) else json.dumps(content).encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


# what `workbook check` finds in the demo engagement: (severity, code, subject)
DEMO_FINDINGS = [
    ("info", "mapping.slice-by-note", "Sending Organisation Code → Organization.identifier.value"),
    ("info", "mapping.slice-by-note", "NHS Number → Patient.identifier.value"),
    ("info", "mapping.slice-by-note", "Family Name → Patient.name.family"),
    ("info", "mapping.extension-by-note", "Preferred Language → Patient.extension"),
    ("info", "mapping.extension-by-note", "Nominated Pharmacy Code → Patient.extension"),
    ("info", "mapping.extension-by-note", "Item Status → MedicationStatement.extension"),
    ("warning", "mapping.type-conflict",
     "Frequency → MedicationStatement.dosage.timing.repeat.frequency"),
    ("info", "mapping.extension-by-note", "Reason for Change → MedicationStatement.extension"),
    ("info", "mapping.extension-by-note", "Date Changed → MedicationStatement.extension"),
]  # fmt: skip


MANIFEST = {"name": "example.fhir.profiles", "version": "1.0.0", "fhirVersions": ["4.0.1"]}
