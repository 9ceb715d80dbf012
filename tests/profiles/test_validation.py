"""Mapping checks: paths, types, cardinalities, extensions, scope — and what the demo gets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.profiles.conftest import (
    DEMO_FINDINGS,
    EXAMPLE,
    MANIFEST,
    language_extension,
    make_package,
)
from tests.profiles.conftest import patient_profile as example_patient
from workbook import checks
from workbook.checks import Finding, check, run_checks
from workbook.db.store import Store
from workbook.profiles.importing import import_profiles
from workbook.profiles.validation import mapping_findings
from workbook.services import collections, dataset, engagements
from workbook.steps import STEP_KEYS

CC = "https://fhir.hl7.org.uk/STU3/StructureDefinition/"
PATIENT = "CareConnect-Patient-1"
STATEMENT = "CareConnect-MedicationStatement-1"


def _engagement(
    store: Store,
    mappings: list[tuple[str, str, str, str, str | None]],
    in_scope: tuple[str, ...] | None = None,
    fhir_version: str = "STU3",
    status: str = "mapped",
    notes: str | None = None,
) -> int:
    """An engagement whose items (name, type, cardinality) map to (profile, path); the
    profiles in scope are those mapped to unless ``in_scope`` says."""
    engagement_id = engagements.create(store, "Checks", fhir_version=fhir_version)
    if in_scope is None:
        in_scope = tuple(dict.fromkeys(profile for *_, profile, _path in mappings))
    for reference in in_scope:
        collections.add(store, "profiles", engagement_id, url=reference, name=reference)
    for name, data_type, cardinality, profile, path in mappings:
        item_id = collections.add(
            store,
            "data_items",
            engagement_id,
            name=name,
            data_type=data_type,
            cardinality=cardinality,
        )
        collections.add(
            store,
            "mappings",
            engagement_id,
            data_item_id=item_id,
            profile=profile,
            element_path=path,
            status=status,
            notes=notes,
        )
    return engagement_id


def _checked(store: Store, engagement_id: int) -> list[Finding]:
    """The findings of these checks (the review's own are tested in tests/review)."""
    return [
        f for f in run_checks(store, engagement_id) if f.code.startswith(("mapping.", "profiles."))
    ]


def _found(store: Store, engagement_id: int) -> list[tuple[str, str, str]]:
    return [(f.severity, f.code, f.subject) for f in _checked(store, engagement_id)]


def _one(store: Store, engagement_id: int) -> Finding:
    findings = _checked(store, engagement_id)
    assert len(findings) == 1, findings
    return findings[0]


def test_valid_mappings_have_no_findings(store: Store) -> None:
    engagement_id = _engagement(
        store,
        [
            ("Date of Birth", "date", "0..1", PATIENT, "Patient.birthDate"),
            ("NHS Number", "identifier", "0..1", PATIENT, "Patient.identifier:nhsNumber.value"),
            ("Dose", "quantity", "0..1", STATEMENT, "MedicationStatement.dosage.doseQuantity"),
            ("Status", "code", "1..1", STATEMENT, "MedicationStatement.status"),
            ("Reason", "text", "0..*", STATEMENT, "MedicationStatement.note.text"),
            ("Language", "code", "0..1", PATIENT,
             "Patient.extension:nhsCommunication.extension:language.value[x]"),
            ("Ethnicity", "code", "0..1", PATIENT, "Patient.extension:ethnicCategory"),
            ("Pharmacy", "identifier", "0..1", "Task", "Task.owner"),
        ],
    )  # fmt: skip
    assert _found(store, engagement_id) == []


def test_a_misspelt_path(store: Store) -> None:
    engagement_id = _engagement(store, [("Date of Birth", "date", "0..1", PATIENT, "Patient.dob")])
    finding = _one(store, engagement_id)
    assert (finding.severity, finding.code, finding.step, finding.subject) == (
        "error",
        "mapping.path-unknown",
        "mapping",
        "Date of Birth → Patient.dob",
    )
    engagement_id = _engagement(store, [("Pharmacy", "identifier", "0..1", "Task", "Task.ownr")])
    assert _one(store, engagement_id).message == (
        'Task has no element "ownr" in Task 3.0.2; did you mean Task.owner?'
    )


def test_a_date_item_to_a_codeable_concept(store: Store) -> None:
    engagement_id = _engagement(
        store, [("Date of Birth", "date", "0..1", PATIENT, "Patient.maritalStatus")]
    )
    finding = _one(store, engagement_id)
    assert (finding.severity, finding.code, finding.message) == (
        "warning",
        "mapping.type-conflict",
        "a date item mapped to a CodeableConcept element in CareConnect-Patient-1 1.2.0: "
        "map it to an element that holds a date, or correct the item's data type",
    )


def test_derived_mappings_are_not_type_checked(store: Store) -> None:
    engagement_id = _engagement(
        store,
        [("Days Supplied", "integer", "0..1", STATEMENT, "MedicationStatement.effectivePeriod")],
        status="derived",
    )
    assert _found(store, engagement_id) == []


def test_a_repeating_item_to_a_single_element(store: Store) -> None:
    engagement_id = _engagement(
        store, [("Birth dates", "date", "0..*", PATIENT, "Patient.birthDate")]
    )
    finding = _one(store, engagement_id)
    assert (finding.code, finding.message) == (
        "mapping.cardinality-repeats",
        "the item repeats (0..*) but Patient.birthDate holds one value (0..1) in "
        "CareConnect-Patient-1 1.2.0: map it to a repeating element, or agree which one "
        "value is sent",
    )


def test_a_mandatory_element_fed_by_an_optional_item(store: Store) -> None:
    engagement_id = _engagement(
        store, [("Status", "code", "0..1", STATEMENT, "MedicationStatement.status")]
    )
    finding = _one(store, engagement_id)
    assert (finding.code, finding.message) == (
        "mapping.cardinality-optional",
        "MedicationStatement.status is mandatory (1..1) in CareConnect-MedicationStatement-1 "
        "1.2.0 but the item is optional (0..1): agree what is sent when the item is missing",
    )


def test_known_gaps_are_not_fitted(store: Store) -> None:
    engagement_id = _engagement(
        store,
        [("Restart Date", "date", "0..*", STATEMENT, "MedicationStatement.note.text")],
        status="gap",
    )
    assert _found(store, engagement_id) == []


def test_an_element_the_profile_rules_out(store: Store) -> None:
    engagement_id = _engagement(
        store, [("Language", "code", "0..1", PATIENT, "Patient.communication.language")]
    )
    finding = _one(store, engagement_id)
    assert (finding.severity, finding.code, finding.message) == (
        "error",
        "mapping.element-prohibited",
        "Patient.communication is not allowed (0..0) in CareConnect-Patient-1 1.2.0: "
        "map the item to another element",
    )


def test_a_bare_extension_must_say_which(store: Store) -> None:
    engagement_id = _engagement(
        store, [("Last issued", "date", "0..1", STATEMENT, "MedicationStatement.extension")]
    )
    finding = _one(store, engagement_id)
    assert (finding.code, finding.message) == (
        "mapping.extension-unspecified",
        "say which extension: write the path as MedicationStatement.extension:<slice> using "
        "one of CareConnect-MedicationStatement-1 1.2.0's extensions (lastIssueDate, "
        "changeSummary, dosageLastChanged, prescribingAgency)",
    )


@pytest.mark.parametrize(
    ("notes", "code", "message"),
    [
        (
            f"{CC}Extension-CareConnect-MedicationStatementLastIssueDate-1",
            "mapping.extension-by-note",
            "the note names Extension-CareConnect-MedicationStatementLastIssueDate-1; write "
            "the path as MedicationStatement.extension:lastIssueDate so it can be checked",
        ),
        (
            f"Uses {CC}Extension-CareConnect-EthnicCategory-1.",
            "mapping.extension-not-in-profile",
            "Extension-CareConnect-EthnicCategory-1 is not one of the extensions "
            "CareConnect-MedicationStatement-1 1.2.0 defines; receivers may ignore it: agree "
            "it with them or raise a change request",
        ),
        (
            "https://trust.example.org/fhir/last-issued",
            "mapping.extension-unknown",
            "the note names https://trust.example.org/fhir/last-issued, which is not a known "
            "extension definition: import it with workbook profiles import",
        ),
    ],
)
def test_an_extension_named_in_the_note(store: Store, notes: str, code: str, message: str) -> None:
    engagement_id = _engagement(
        store,
        [("Last issued", "date", "0..1", STATEMENT, "MedicationStatement.extension")],
        notes=notes,
    )
    finding = _one(store, engagement_id)
    assert (finding.code, finding.message) == (code, message)


def test_the_type_of_a_simple_extension_is_its_value(store: Store) -> None:
    engagement_id = _engagement(
        store, [("Ethnicity", "boolean", "0..1", PATIENT, "Patient.extension:ethnicCategory")]
    )
    assert _one(store, engagement_id).message.startswith(
        "a boolean item mapped to a CodeableConcept element"
    )


def test_profiles_in_scope_and_unknown_profiles(store: Store) -> None:
    engagement_id = _engagement(
        store,
        [
            ("Date of Birth", "date", "0..1", "CareConnect-Patient", "Patient.birthDate"),
            ("Start", "datetime", "0..1", "CareConnect-Encounter-1", "Encounter.period.start"),
        ],
        in_scope=(PATIENT, "CareConnect-Nonsense-1"),
    )
    assert _found(store, engagement_id) == [
        ("warning", "profiles.unmapped", PATIENT),
        ("error", "profiles.profile-unknown", "CareConnect-Nonsense-1"),
        ("info", "mapping.profile-not-in-scope", "Start → Encounter.period.start"),
        ("error", "mapping.profile-unknown", "Date of Birth → Patient.birthDate"),
    ]
    unknown = _checked(store, engagement_id)[3]
    assert unknown.message == (
        'no STU3 profile or resource "CareConnect-Patient": did you mean CareConnect-Patient-1? '
        "Import it with workbook profiles import, or use a Care Connect profile or base "
        "resource name"
    )


def test_an_stu3_profile_in_an_r4_engagement(store: Store) -> None:
    engagement_id = _engagement(
        store,
        [("Date of Birth", "date", "0..1", PATIENT, "Patient.birthDate")],
        in_scope=("Patient",),
        fhir_version="R4",
    )
    finding = _checked(store, engagement_id)[-1]
    assert (finding.code, finding.message) == (
        "mapping.profile-wrong-version",
        "CareConnect-Patient-1 is for FHIR STU3 but this engagement uses FHIR R4: use a "
        "profile for R4, or change the engagement's FHIR version",
    )


def test_an_imported_r4_profile_is_checked_like_the_catalogue(store: Store, tmp_path: Path) -> None:
    package = make_package(
        tmp_path / "example.tgz",
        {
            "package/StructureDefinition-Ext-Language.json": language_extension(),
            "package/StructureDefinition-Example-Patient.json": example_patient(),
        },
        MANIFEST,
    )
    import_profiles(store, package)
    url = EXAMPLE + "Example-Patient"
    engagement_id = _engagement(
        store,
        [
            ("NHS Number", "identifier", "1..1", url, "Patient.identifier:nhsNumber.value"),
            ("Language", "code", "0..1", url,
             "Patient.extension:language.extension:language.valueCodeableConcept"),
            ("Interpreter", "boolean", "0..1", url,
             "Patient.extension:language.extension:prefered"),
            ("Sex", "code", "0..1", url, "Patient.gender"),
        ],
        in_scope=(url,),
        fhir_version="R4",
    )  # fmt: skip
    assert _found(store, engagement_id) == [
        ("error", "mapping.slice-unknown",
         "Interpreter → Patient.extension:language.extension:prefered"),
        ("warning", "mapping.cardinality-optional", "Sex → Patient.gender"),
    ]  # fmt: skip


def _items(store: Store, engagement_id: int) -> dict[str, int]:
    return {row["name"]: row["id"] for row in dataset.tree(store, engagement_id)}


def test_what_the_demo_gets(store: Store, demo_id: int) -> None:
    assert _found(store, demo_id) == DEMO_FINDINGS
    by_subject = {f.subject: f.message for f in _checked(store, demo_id)}
    assert by_subject["NHS Number → Patient.identifier.value"] == (
        "the note names the nhsNumber slice; write the path as "
        "Patient.identifier:nhsNumber.value so the slice's rules are checked"
    )
    assert by_subject["Preferred Language → Patient.extension"] == (
        "the note names Extension-CareConnect-NHSCommunication-1; write the path as "
        "Patient.extension:nhsCommunication.extension:language so it can be checked"
    )


def _suggested_path(message: str) -> str:
    return message.split("write the path as ")[1].split(" ")[0]


def test_following_the_demo_advice_leaves_only_the_real_conflict(
    store: Store, demo_id: int
) -> None:
    per_mapping = mapping_findings(store, demo_id)
    for mapping_id, findings in per_mapping.items():
        for finding in findings:
            if finding.code.endswith("-by-note"):
                path = _suggested_path(finding.message)
                collections.update(store, "mappings", mapping_id, element_path=path)
    assert _found(store, demo_id) == [
        ("warning", "mapping.type-conflict",
         "Frequency → MedicationStatement.dosage.timing.repeat.frequency"),
    ]  # fmt: skip


def test_findings_per_mapping_for_the_grid(store: Store, demo_id: int) -> None:
    per_mapping = mapping_findings(store, demo_id)
    assert len(per_mapping) == 45
    assert sum(len(f) for f in per_mapping.values()) == len(DEMO_FINDINGS)


@pytest.fixture
def extra_check() -> Iterator[None]:
    @check("test: stories")
    def stories(_store: Store, _engagement_id: int) -> list[Finding]:
        return [Finding("story.no-actor", "warning", "say who", "business_requirements", "S1")]

    yield
    del checks._CHECKS["test: stories"]


@pytest.mark.usefixtures("extra_check")
def test_registered_checks_run_in_step_order(store: Store, demo_id: int) -> None:
    found = [(f.severity, f.code, f.subject) for f in run_checks(store, demo_id)]
    assert ("warning", "story.no-actor", "S1") in found
    steps = [f.step for f in run_checks(store, demo_id)]
    assert steps == sorted(steps, key=STEP_KEYS.index)
    assert [f for f in found if f[1].startswith(("mapping.", "profiles."))] == DEMO_FINDINGS
