"""The bundled facts: Care Connect STU3 profiles and the STU3/R4 base resources."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import fhir.resources
import pytest

from tests.profiles.conftest import REFERENCE
from workbook.profiles import bundled
from workbook.profiles.model import Profile
from workbook.resources import resource_path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_catalogue.py"
CARE_CONNECT = "https://fhir.hl7.org.uk/STU3/StructureDefinition/"


def _profile(name: str) -> Profile:
    return next(p for p in bundled.care_connect() if p.name == name)


def _facts(profile: Profile, element_id: str) -> dict:
    element = profile.element(element_id)
    assert element is not None, element_id
    return element.to_json()


def test_the_catalogue_has_every_care_connect_profile_and_extension() -> None:
    catalogue = bundled.care_connect()
    kinds = [p.kind for p in catalogue]
    assert (kinds.count("resource"), kinds.count("extension"), len(catalogue)) == (38, 49, 87)
    assert {p.fhir_version for p in catalogue} == {"STU3"}
    assert all(p.url == CARE_CONNECT + p.name for p in catalogue)


def test_care_connect_patient_header() -> None:
    patient = _profile("CareConnect-Patient-1")
    assert (patient.url, patient.version, patient.type, patient.status, patient.kind) == (
        CARE_CONNECT + "CareConnect-Patient-1",
        "1.2.0",
        "Patient",
        "draft",
        "resource",
    )
    assert patient.base == "http://hl7.org/fhir/StructureDefinition/Patient"


def test_care_connect_patient_has_the_nhs_number_slice() -> None:
    patient = _profile("CareConnect-Patient-1")
    assert _facts(patient, "Patient.identifier:nhsNumber") == {
        "id": "Patient.identifier:nhsNumber",
        "path": "Patient.identifier",
        "slice": "nhsNumber",
        "min": 0,
        "max": "1",
        "types": [{"code": "Identifier"}],
    }
    assert _facts(patient, "Patient.identifier:nhsNumber.system") == {
        "id": "Patient.identifier:nhsNumber.system",
        "path": "Patient.identifier.system",
        "min": 1,
        "max": "1",
        "types": [{"code": "uri"}],
        "fixed": {"type": "uri", "value": "https://fhir.nhs.uk/Id/nhs-number"},
    }
    verification = _facts(
        patient, "Patient.identifier:nhsNumber.extension:nhsNumberVerificationStatus"
    )
    assert (verification["min"], verification["max"], verification["extension"]) == (
        1,
        "1",
        CARE_CONNECT + "Extension-CareConnect-NHSNumberVerificationStatus-1",
    )


def test_care_connect_patient_has_the_ethnic_category_extension() -> None:
    patient = _profile("CareConnect-Patient-1")
    ethnic = CARE_CONNECT + "Extension-CareConnect-EthnicCategory-1"
    assert _facts(patient, "Patient.extension:ethnicCategory") == {
        "id": "Patient.extension:ethnicCategory",
        "path": "Patient.extension",
        "slice": "ethnicCategory",
        "min": 0,
        "max": "1",
        "types": [{"code": "Extension", "profiles": [ethnic]}],
        "extension": ethnic,
    }
    definition = _profile("Extension-CareConnect-EthnicCategory-1")
    assert (definition.kind, definition.type, definition.context) == (
        "extension",
        "Extension",
        ("Patient",),
    )
    value = _facts(definition, "Extension.valueCodeableConcept:valueCodeableConcept")
    assert (value["min"], value["max"], value["types"]) == (1, "1", [{"code": "CodeableConcept"}])


def test_cardinalities_and_bindings_as_published() -> None:
    patient = _profile("CareConnect-Patient-1")
    assert _facts(patient, "Patient.name")["min"] == 1
    assert _facts(patient, "Patient.communication")["max"] == "0"
    assert _facts(patient, "Patient.telecom.system")["min"] == 1
    assert _facts(patient, "Patient.gender")["binding"] == {
        "strength": "required",
        "valueSet": "https://fhir.hl7.org.uk/STU3/ValueSet/CareConnect-AdministrativeGender-1",
    }
    assert _facts(patient, "Patient.language")["binding"] == {
        "strength": "extensible",
        "valueSet": "http://hl7.org/fhir/ValueSet/languages",
    }
    statement = _profile("CareConnect-MedicationStatement-1")
    medication = _facts(statement, "MedicationStatement.medicationReference:medicationReference")
    assert (medication["min"], medication["max"], medication["types"]) == (
        1,
        "1",
        [{"code": "Reference", "targets": [CARE_CONNECT + "CareConnect-Medication-1"]}],
    )


def test_complex_extensions_keep_their_sub_extension_urls() -> None:
    communication = _profile("Extension-CareConnect-NHSCommunication-1")
    language = _facts(communication, "Extension.extension:language")
    assert (language["min"], language["max"], language["extension"]) == (1, "1", "language")
    assert _facts(communication, "Extension.value[x]")["max"] == "0"


def test_the_catalogue_holds_facts_not_prose() -> None:
    document = json.loads(resource_path("profiles", bundled.CARE_CONNECT_FILE).read_text())
    profile_keys = {k for p in document["profiles"] for k in p}
    element_keys = {k for p in document["profiles"] for e in p["elements"] for k in e}
    assert profile_keys <= {
        "url", "name", "type", "kind", "fhir_version", "version", "status", "base",
        "derivation", "context", "elements",
    }  # fmt: skip
    assert element_keys <= {
        "id", "path", "slice", "min", "max", "types", "binding", "fixed", "pattern", "extension",
    }  # fmt: skip
    text = resource_path("profiles", bundled.CARE_CONNECT_FILE).read_text()
    assert "Demographics and other administrative information" not in text


def test_base_resources_of_both_releases() -> None:
    for release in ("STU3", "R4"):
        task = next(p for p in bundled.base_definitions(release) if p.name == "Task")
        owner = task.element("Task.owner")
        assert owner is not None
        assert (owner.min, owner.max, owner.type_codes) == (0, "1", ("Reference",))
        assert "http://hl7.org/fhir/StructureDefinition/Organization" in owner.types[0].targets
        assert task.element("Task.status").min == 1
        value = task.element("Task.input.value[x]")
        assert (value.min, value.max) == (1, "1")
        assert {"string", "CodeableConcept", "Reference"} <= set(value.type_codes)
        assert task.element("Task.input").type_codes == ("BackboneElement",)
        assert task.element("Task.note").max == "*"
    stu3 = {p.name: p for p in bundled.base_definitions("STU3")}
    assert stu3["Dosage"].kind == "datatype"
    assert stu3["Dosage"].element("Dosage.dose[x]").type_codes == ("Range", "Quantity")
    assert stu3["Timing"].element("Timing.repeat.frequency").type_codes == ("integer",)
    r4 = {p.name: p for p in bundled.base_definitions("R4")}
    assert r4["MedicationStatement"].element("MedicationStatement.dosage").type_codes == ("Dosage",)
    assert "MedicationRequest.dosageInstruction.doseQuantity" not in {
        e.id for e in r4["MedicationRequest"].elements
    }


def _build(tmp_path: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, str(TOOL), "--out", str(tmp_path), *args],
        check=True,
        capture_output=True,
    )


@pytest.mark.slow
@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the Care Connect reference files are absent")
def test_rebuilding_the_catalogue_gives_the_committed_file(tmp_path: Path) -> None:
    _build(tmp_path, "--only", "careconnect", "--reference", str(REFERENCE))
    committed = resource_path("profiles", bundled.CARE_CONNECT_FILE).read_bytes()
    assert (tmp_path / bundled.CARE_CONNECT_FILE).read_bytes() == committed


@pytest.mark.slow
def test_rebuilding_the_base_files_gives_the_committed_files(tmp_path: Path) -> None:
    committed = {name: resource_path("profiles", name) for name in bundled.BASE_FILES.values()}
    made_with = json.loads(committed["base-stu3.json"].read_text())["source"]
    if not made_with.startswith(f"fhir.resources {fhir.resources.__version__} "):
        pytest.skip(f"the base files were made with {made_with}")
    _build(tmp_path, "--only", "base")
    for name, path in committed.items():
        assert (tmp_path / name).read_bytes() == path.read_bytes(), name
