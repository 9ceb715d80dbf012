"""Differential-only profiles expanded over a base resource: slices, extensions, data types."""

from __future__ import annotations

import pytest

from tests.profiles.conftest import EXAMPLE, language_extension, patient_profile
from workbook.profiles import bundled
from workbook.profiles.expansion import expand
from workbook.profiles.library import ProfileLibrary
from workbook.profiles.model import Profile
from workbook.profiles.structure_definition import DefinitionError, read_definition

R4 = ProfileLibrary("R4", [], bundled.base_definitions("R4"))


def _expand(resource: dict, library: ProfileLibrary = R4) -> Profile:
    definition = read_definition(resource)
    base = library.base_definition(definition.profile.base)
    assert base is not None
    return expand(definition, base, library.definition_of)


def _facts(profile: Profile, element_id: str) -> dict:
    element = profile.element(element_id)
    assert element is not None, element_id
    return element.to_json()


def test_a_slice_copies_the_sliced_element_and_its_data_type() -> None:
    patient = _expand(patient_profile())
    assert _facts(patient, "Patient.identifier")["min"] == 1
    assert _facts(patient, "Patient.identifier:nhsNumber") == {
        "id": "Patient.identifier:nhsNumber",
        "path": "Patient.identifier",
        "slice": "nhsNumber",
        "min": 1,
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
    # the rest of Identifier comes from the base data type, unconstrained
    assert _facts(patient, "Patient.identifier:nhsNumber.period")["types"] == [{"code": "Period"}]
    ids = [e.id for e in patient.elements]
    assert ids.index("Patient.identifier") < ids.index("Patient.identifier:nhsNumber")
    assert ids.index("Patient.identifier:nhsNumber.assigner") < ids.index("Patient.active")


def test_constraints_on_plain_elements_and_choices() -> None:
    patient = _expand(patient_profile())
    gender = patient.element("Patient.gender")
    assert (gender.min, gender.binding_strength, gender.value_set) == (
        1,
        "required",
        "https://example.org/vs/gender",
    )
    assert patient.element("Patient.deceased[x]").type_codes == ("boolean",)
    assert patient.element("Patient.communication").max == "0"
    assert patient.element("Patient.birthDate").type_codes == ("date",)


def test_an_extension_slice_carries_its_url() -> None:
    patient = _expand(patient_profile())
    assert _facts(patient, "Patient.extension:language") == {
        "id": "Patient.extension:language",
        "path": "Patient.extension",
        "slice": "language",
        "min": 0,
        "max": "*",
        "types": [{"code": "Extension", "profiles": [EXAMPLE + "Ext-Language"]}],
        "extension": EXAMPLE + "Ext-Language",
    }


def test_nested_extensions_expand_over_the_base_extension() -> None:
    language = _expand(language_extension())
    assert (language.kind, language.context) == ("extension", ("Patient",))
    assert _facts(language, "Extension.extension:language") == {
        "id": "Extension.extension:language",
        "path": "Extension.extension",
        "slice": "language",
        "min": 1,
        "max": "1",
        "types": [{"code": "Extension"}],
        "extension": "language",
    }
    assert _facts(language, "Extension.extension:language.value[x]") == {
        "id": "Extension.extension:language.value[x]",
        "path": "Extension.extension.value[x]",
        "min": 0,
        "max": "1",
        "types": [{"code": "CodeableConcept"}],
        "binding": {"strength": "required", "valueSet": "https://example.org/vs/lang"},
    }
    assert language.element("Extension.extension:preferred.value[x]").type_codes == ("boolean",)
    assert language.element("Extension.value[x]").max == "0"
    assert language.element("Extension.url").fixed == {
        "type": "uri",
        "value": EXAMPLE + "Ext-Language",
    }


def test_a_profile_over_another_profile_keeps_the_base_slices() -> None:
    base = _expand(patient_profile())
    library = ProfileLibrary("R4", [base], bundled.base_definitions("R4"))
    derived = patient_profile("Example-Patient-Derived")
    derived["baseDefinition"] = base.url
    derived["differential"]["element"] = [
        {"id": "Patient", "path": "Patient"},
        {"id": "Patient.identifier:nhsNumber.use", "path": "Patient.identifier.use", "min": 1},
        {"id": "Patient.birthDate", "path": "Patient.birthDate", "min": 1},
    ]
    profile = _expand(derived, library)
    assert profile.element("Patient.identifier:nhsNumber.system").fixed is not None
    assert profile.element("Patient.identifier:nhsNumber.use").min == 1
    assert profile.element("Patient.birthDate").min == 1
    assert profile.element("Patient.extension:language").extension_url == EXAMPLE + "Ext-Language"


def test_an_element_the_base_does_not_have_is_an_error() -> None:
    resource = patient_profile()
    resource["differential"]["element"].append(
        {"id": "Patient.shoeSize", "path": "Patient.shoeSize"}
    )
    with pytest.raises(DefinitionError) as raised:
        _expand(resource)
    assert str(raised.value) == "element Patient.shoeSize is not in its base Patient 4.3.0"


def test_a_differential_for_another_type_is_an_error() -> None:
    resource = patient_profile()
    resource["baseDefinition"] = "http://hl7.org/fhir/StructureDefinition/Encounter"
    with pytest.raises(DefinitionError) as raised:
        _expand(resource)
    assert str(raised.value) == (
        "its base http://hl7.org/fhir/StructureDefinition/Encounter is an Encounter, "
        "not a Patient; the differential cannot apply to it"
    )
