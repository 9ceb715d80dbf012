"""Element paths in profiles: valid, misspelt, slices, choice types, extensions, data types."""

from __future__ import annotations

import pytest

from workbook.profiles import bundled
from workbook.profiles.library import ProfileLibrary
from workbook.profiles.paths import PathError, ResolvedPath, resolve

STU3 = ProfileLibrary("STU3", bundled.care_connect(), bundled.base_definitions("STU3"))


def _resolve(profile: str, path: str) -> ResolvedPath:
    found = STU3.find(profile)
    assert found is not None, profile
    return resolve(STU3, found, path)


def _error(profile: str, path: str) -> PathError:
    with pytest.raises(PathError) as raised:
        _resolve(profile, path)
    return raised.value


@pytest.mark.parametrize(
    ("profile", "path", "element_id", "types"),
    [
        ("CareConnect-Patient-1", "Patient.birthDate", "Patient.birthDate", ("date",)),
        (
            "CareConnect-Patient-1",
            "Patient.identifier:nhsNumber.value",
            "Patient.identifier:nhsNumber.value",
            ("string",),
        ),
        # a base resource does not list Period's inside: the walk goes on in the data type
        ("Task", "Task.executionPeriod.start", "Period.start", ("dateTime",)),
        ("Task", "Task.owner", "Task.owner", ("Reference",)),
        ("http://hl7.org/fhir/StructureDefinition/Task", "Task.status", "Task.status", ("code",)),
        (
            "CareConnect-Patient-1",
            "Patient.deceased[x]",
            "Patient.deceased[x]",
            ("boolean", "dateTime"),
        ),
        ("CareConnect-Patient-1", "Patient.deceasedDateTime", "Patient.deceased[x]", ("dateTime",)),
        (
            "CareConnect-MedicationStatement-1",
            "MedicationStatement.dosage.doseQuantity",
            "MedicationStatement.dosage.dose[x]",
            ("Quantity",),
        ),
        (
            "CareConnect-MedicationStatement-1",
            "MedicationStatement.dosage.doseQuantity.unit",
            "Quantity.unit",
            ("string",),
        ),
        (
            "CareConnect-MedicationStatement-1",
            "MedicationStatement.medicationReference",
            "MedicationStatement.medicationReference:medicationReference",
            ("Reference",),
        ),
        (
            "CareConnect-Patient-1",
            "Patient.extension:ethnicCategory",
            "Patient.extension:ethnicCategory",
            ("Extension",),
        ),
        (
            "CareConnect-Patient-1",
            "Patient.extension:nhsCommunication.extension:language.value[x]",
            "Extension.extension:language.valueCodeableConcept:valueCodeableConcept",
            ("CodeableConcept",),
        ),
        (
            "CareConnect-Patient-1",
            "Patient.extension:nhsCommunication.extension:preferred.valueBoolean",
            "Extension.extension:preferred.valueBoolean",
            ("boolean",),
        ),
    ],
)
def test_paths_that_exist(profile: str, path: str, element_id: str, types: tuple) -> None:
    resolved = _resolve(profile, path)
    assert (resolved.element.id, resolved.type_codes) == (element_id, types)


def test_cardinality_along_the_path() -> None:
    nhs = _resolve("CareConnect-Patient-1", "Patient.identifier:nhsNumber.value")
    assert (nhs.required, nhs.repeats) == (False, False)  # the slice itself is 0..1
    medication = _resolve(
        "CareConnect-MedicationStatement-1", "MedicationStatement.medicationReference"
    )
    assert (medication.required, medication.repeats) == (True, False)
    given = _resolve("CareConnect-Patient-1", "Patient.name:official.given")
    assert (given.required, given.repeats) == (False, True)
    assert _resolve("CareConnect-Patient-1", "Patient.communication.language").prohibited


def test_a_misspelt_element_gets_a_suggestion() -> None:
    error = _error("CareConnect-Patient-1", "Patient.birthdate")
    assert (error.code, error.suggestions) == ("mapping.path-unknown", ("Patient.birthDate",))
    assert error.message == (
        'Patient has no element "birthdate" in CareConnect-Patient-1 1.2.0; '
        "did you mean Patient.birthDate?"
    )
    error = _error("Task", "Task.ownr")
    assert error.message == 'Task has no element "ownr" in Task 3.0.2; did you mean Task.owner?'


def test_an_unknown_slice_lists_the_slices() -> None:
    error = _error("CareConnect-Patient-1", "Patient.identifier:nhsnumber.value")
    assert (error.code, error.message, error.suggestions) == (
        "mapping.slice-unknown",
        "Patient.identifier has no slice nhsnumber; its slices are nhsNumber",
        ("Patient.identifier:nhsNumber",),
    )


def test_a_choice_needs_the_x_or_a_type() -> None:
    error = _error("CareConnect-MedicationStatement-1", "MedicationStatement.dosage.dose")
    assert error.suggestions == (
        "MedicationStatement.dosage.dose[x]",
        "MedicationStatement.dosage.doseRange",
    )
    error = _error("CareConnect-MedicationStatement-1", "MedicationStatement.dosage.dose[x].unit")
    assert (error.code, error.message) == (
        "mapping.path-choice-unresolved",
        "MedicationStatement.dosage.dose[x] can be Range or Quantity: name the type "
        "(doseRange, doseQuantity) before going inside it",
    )


def test_a_choice_type_the_profile_does_not_allow() -> None:
    error = _error("CareConnect-Patient-1", "Patient.deceasedString")
    assert (error.code, error.message) == (
        "mapping.choice-type-not-allowed",
        "Patient.deceased[x] does not allow String in CareConnect-Patient-1 1.2.0; "
        "it allows boolean or dateTime",
    )
    error = _error(
        "CareConnect-MedicationStatement-1", "MedicationStatement.medicationCodeableConcept"
    )
    assert (error.code, error.message, error.suggestions) == (
        "mapping.choice-type-not-allowed",
        "MedicationStatement.medication[x] can be CodeableConcept in the base "
        "MedicationStatement, but CareConnect-MedicationStatement-1 1.2.0 allows only "
        "medicationReference",
        ("MedicationStatement.medicationReference",),
    )


def test_an_unknown_sub_extension() -> None:
    error = _error("CareConnect-Patient-1", "Patient.extension:nhsCommunication.extension:dialect")
    assert error.message == (
        "Patient.extension:nhsCommunication.extension has no slice dialect; its slices are "
        "language, preferred, modeOfCommunication, communicationProficiency, interpreterRequired"
    )


def test_a_path_for_another_resource() -> None:
    error = _error("CareConnect-Patient-1", "Person.name")
    assert (error.code, error.suggestions) == ("mapping.path-wrong-resource", ("Patient.name",))


def test_text_that_is_not_a_path() -> None:
    error = _error("CareConnect-Patient-1", "Patient.name..family")
    assert (error.code, error.message) == (
        "mapping.path-invalid",
        '"Patient.name..family" is not an element path',
    )
