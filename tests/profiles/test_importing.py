"""Importing StructureDefinitions: files, folders, packages; bad input changes nothing."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.profiles.conftest import (
    EXAMPLE,
    MANIFEST,
    STU3_XML,
    language_extension,
    make_package,
    patient_profile,
    structure_definition,
    write_json,
)
from workbook.db.store import Store
from workbook.errors import Cancelled, InputError
from workbook.profiles import sources
from workbook.profiles.importing import import_profiles
from workbook.profiles.library import available_profiles
from workbook.profiles.storage import ProfileRepository

PATIENT = EXAMPLE + "Example-Patient"


def _refused(store: Store, path: Path) -> list[str]:
    """The one-line messages of a refused import, after checking nothing was saved."""
    with pytest.raises(InputError) as raised:
        import_profiles(store, path)
    assert ProfileRepository(store).all() == []
    return raised.value.lines()


def _package(tmp_path: Path, **entries: object) -> Path:
    files = {
        "package/StructureDefinition-Ext-Language.json": language_extension(),
        "package/StructureDefinition-Example-Patient.json": patient_profile(),
        **{f"{name.replace('__', '/')}.json": content for name, content in entries.items()},
    }
    return make_package(tmp_path / "example.tgz", files, MANIFEST)


def test_a_package_is_imported_and_expanded(store: Store, tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        package__ValueSet_gender={"resourceType": "ValueSet", "url": "https://example.org/vs"},
        package__example__Patient_1={"resourceType": "Patient"},
    )
    report = import_profiles(store, package)
    assert report.lines() == [
        f"Imported 1 profiles and 1 extension definitions from {package}",
        f"  Example-Patient 1.0.0  R4 Patient  {PATIENT}",
        f"  Ext-Language 1.0.0  R4 Extension  {EXAMPLE}Ext-Language",
        "Passed over 1 file that is not a StructureDefinition",
    ]
    library = available_profiles(store, "R4")
    patient = library.find(PATIENT)
    assert patient is not None
    assert patient.source == "imported from example.tgz"
    assert patient.element("Patient.identifier:nhsNumber.system").fixed == {
        "type": "uri",
        "value": "https://fhir.nhs.uk/Id/nhs-number",
    }
    language = library.find(EXAMPLE + "Ext-Language")
    assert language.element("Extension.extension:preferred.value[x]").type_codes == ("boolean",)
    assert available_profiles(store, "STU3").find(PATIENT) is None


def test_a_profile_built_on_another_in_the_same_package(store: Store, tmp_path: Path) -> None:
    derived = structure_definition(
        "Example-Patient-Derived",
        "Patient",
        PATIENT,
        [{"id": "Patient.identifier:nhsNumber.use", "path": "Patient.identifier.use", "min": 1}],
    )
    # listed before its base: the base is expanded first all the same
    package = _package(tmp_path, package__A_Derived=derived)
    import_profiles(store, package)
    profile = available_profiles(store, "R4").find("Example-Patient-Derived")
    assert profile.element("Patient.identifier:nhsNumber.use").min == 1
    assert profile.element("Patient.identifier:nhsNumber.system").min == 1


def test_a_folder_and_a_single_xml_file(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "definitions"
    (folder / "extensions").mkdir(parents=True)
    write_json(folder / "extensions" / "Ext-Language.json", language_extension())
    write_json(folder / "Example-Patient.json", patient_profile())
    (folder / "notes.json").write_text('{"about": "not a FHIR resource"}', encoding="utf-8")
    report = import_profiles(store, folder)
    assert [(s.profile.name, s.profile.source) for s in report.saved] == [
        ("Example-Patient", "imported from definitions"),
        ("Ext-Language", "imported from definitions"),
    ]
    assert report.skipped == 1
    xml = tmp_path / "Small-Encounter.xml"
    xml.write_bytes(STU3_XML)
    import_profiles(store, xml)
    encounter = available_profiles(store, "STU3").find("Small-Encounter")
    assert encounter.source == "imported from Small-Encounter.xml"
    assert encounter.element("Encounter.identifier:spell").min == 1


def test_a_newer_version_is_kept_beside_the_older_and_preferred(
    store: Store, tmp_path: Path
) -> None:
    write_json(tmp_path / "ext.json", language_extension())
    import_profiles(store, tmp_path / "ext.json")
    import_profiles(store, write_json(tmp_path / "v1.json", patient_profile()))
    report = import_profiles(
        store, write_json(tmp_path / "v2.json", patient_profile(version="1.1.0"))
    )
    assert report.lines()[-1] == (
        f"Example-Patient: {PATIENT} now has versions 1.1.0, 1.0.0; 1.1.0 is used unless a "
        "mapping names another as URL|version"
    )
    library = available_profiles(store, "R4")
    assert library.find(PATIENT).version == "1.1.0"
    assert library.find(f"{PATIENT}|1.0.0").version == "1.0.0"
    assert [p.version for p in library.versions(PATIENT)] == ["1.1.0", "1.0.0"]


def test_a_newer_care_connect_version_is_preferred_to_the_bundled_one(
    store: Store, tmp_path: Path
) -> None:
    url = "https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Patient-1"
    xml = STU3_XML.replace(b"https://example.org/StructureDefinition/Small-Encounter", url.encode())
    xml = xml.replace(b"Small-Encounter", b"CareConnect-Patient-1").replace(b"0.1.0", b"1.3.0")
    (tmp_path / "patient.xml").write_bytes(xml)
    report = import_profiles(store, tmp_path / "patient.xml")
    assert report.lines()[-1] == (
        f"CareConnect-Patient-1: {url} now has versions 1.3.0, 1.2.0; 1.3.0 is used unless a "
        "mapping names another as URL|version"
    )
    library = available_profiles(store, "STU3")
    assert library.find("CareConnect-Patient-1").version == "1.3.0"
    assert library.find(f"{url}|1.2.0").source == "Care Connect STU3 (bundled)"


def test_importing_the_same_version_again_replaces_it(store: Store, tmp_path: Path) -> None:
    package = _package(tmp_path)
    import_profiles(store, package)
    report = import_profiles(store, package)
    assert report.lines()[2].endswith("(replaces the earlier import of this version)")
    assert len(ProfileRepository(store).all()) == 2


def test_a_base_that_is_not_available(store: Store, tmp_path: Path) -> None:
    orphan = patient_profile("Orphan")
    orphan["baseDefinition"] = EXAMPLE + "Missing"
    package = _package(tmp_path, package__StructureDefinition_Orphan=orphan)
    assert _refused(store, package) == [
        f"{package}: package/StructureDefinition_Orphan.json: {EXAMPLE}Orphan has only a "
        f"differential, and its base {EXAMPLE}Missing is not available; import the base "
        "first or together with it"
    ]


def test_a_malformed_package(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "broken.tgz"
    bad.write_bytes(b"this is not gzip")
    assert _refused(store, bad) == [f"{bad}: not a readable .tgz package (not a gzip file)"]


def test_a_package_without_a_manifest(store: Store, tmp_path: Path) -> None:
    package = make_package(tmp_path / "bare.tgz", {"package/x.json": patient_profile()})
    assert _refused(store, package) == [
        f"{package}: not a FHIR package: it has no package/package.json"
    ]


def test_a_malformed_entry_names_the_entry(store: Store, tmp_path: Path) -> None:
    package = _package(tmp_path, package__StructureDefinition_bad=b'{"resourceType": ')
    assert _refused(store, package) == [
        f"{package}: entry package/StructureDefinition_bad.json: line 1 column 18: "
        "not valid JSON: Expecting value"
    ]


@pytest.mark.parametrize("name", ["package/../../evil.json", "/etc/evil.json", "C:/evil.json"])
def test_path_traversal_refuses_the_package(store: Store, tmp_path: Path, name: str) -> None:
    package = make_package(tmp_path / "evil.tgz", {name: patient_profile()}, MANIFEST)
    assert _refused(store, package) == [
        f"{package}: entry {name}: its name leads outside the package folder; "
        "the package was refused"
    ]
    assert not (tmp_path.parent / "evil.json").exists()


def test_a_package_that_unpacks_too_large(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_UNPACKED_BYTES", 3 * 2**20)
    big = b" " * (4 * 2**20)
    package = _package(tmp_path, package__padding=big)
    assert _refused(store, package) == [
        f"{package}: entry package/padding.json: the package unpacks to more than 3 MB; refused"
    ]


def test_a_package_with_too_many_entries(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_PACKAGE_ENTRIES", 3)
    package = _package(tmp_path, package__a=b"{}", package__b=b"{}")
    assert _refused(store, package) == [f"{package}: more than 3 entries; refused"]


def test_a_package_file_too_large(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_PACKAGE_BYTES", 2**20)
    noise = random.Random(5).randbytes(2**20 + 1)  # does not compress
    package = _package(tmp_path, package__noise=noise)
    assert _refused(store, package) == [f"{package}: larger than 1 MB; refused"]


def test_one_bad_file_in_a_folder_imports_nothing(store: Store, tmp_path: Path) -> None:
    write_json(tmp_path / "Ext-Language.json", language_extension())
    write_json(tmp_path / "Example-Patient.json", patient_profile())
    (tmp_path / "Broken.xml").write_bytes(b"<StructureDefinition xmlns='http://hl7.org/fhir'>")
    assert _refused(store, tmp_path) == [
        f"{tmp_path}: Broken.xml: line 1 column 49: not well-formed XML"
    ]


def test_two_different_definitions_of_one_version(store: Store, tmp_path: Path) -> None:
    other = patient_profile()
    other["differential"]["element"].append(
        {"id": "Patient.birthDate", "path": "Patient.birthDate", "min": 1}
    )
    package = _package(tmp_path, package__Z_Other=other)
    assert _refused(store, package) == [
        f"{package}: package/Z_Other.json: {PATIENT} version 1.0.0 is also defined, differently, "
        "in package/StructureDefinition-Example-Patient.json"
    ]


def test_a_definition_that_does_not_fit_its_base(store: Store, tmp_path: Path) -> None:
    wrong = patient_profile()
    wrong["differential"]["element"].append({"id": "Patient.shoeSize", "path": "Patient.shoeSize"})
    path = write_json(tmp_path / "Wrong.json", wrong)
    assert _refused(store, path) == [
        f"{path}: Wrong.json: element Patient.shoeSize is not in its base Patient 4.3.0"
    ]


def test_cancelling_writes_nothing(store: Store, tmp_path: Path) -> None:
    def cancel_when_saving(_done: int, _total: int, message: str) -> None:
        if message == "saving":
            raise Cancelled("cancelled")

    with pytest.raises(Cancelled):
        import_profiles(store, _package(tmp_path), progress=cancel_when_saving)
    assert ProfileRepository(store).all() == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.json", "no such file or folder"),
        (
            "notes.txt",
            "not a StructureDefinition file or FHIR package: use .xml, .json, .tgz or a folder",
        ),
    ],
)
def test_paths_that_cannot_be_imported(
    store: Store, tmp_path: Path, name: str, message: str
) -> None:
    path = tmp_path / name
    if name.endswith(".txt"):
        path.write_text("hello", encoding="utf-8")
    assert _refused(store, path) == [f"{path}: {message}"]


def test_a_file_without_structure_definitions(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "vs.json"
    path.write_text(json.dumps({"resourceType": "ValueSet"}), encoding="utf-8")
    assert _refused(store, path) == [f"{path}: no StructureDefinitions found"]
