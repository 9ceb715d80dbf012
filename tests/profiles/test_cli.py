"""``workbook profiles list|import`` and ``workbook check`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.profiles.conftest import (
    DEMO_FINDINGS,
    MANIFEST,
    language_extension,
    make_package,
    patient_profile,
)
from workbook.cli import run
from workbook.db.store import Store
from workbook.services import engagements

PROFILE_CODES = ("mapping.", "profiles.")  # the review's own findings: tests/review


def _cli(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _package(tmp_path: Path) -> Path:
    return make_package(
        tmp_path / "example.tgz",
        {
            "package/StructureDefinition-Ext-Language.json": language_extension(),
            "package/StructureDefinition-Example-Patient.json": patient_profile(),
        },
        MANIFEST,
    )


def test_profiles_list_as_json(capsys, db_path: Path) -> None:
    code, out, err = _cli(capsys, db_path, "profiles", "list", "--json")
    assert (code, err) == (0, "")
    listing = json.loads(out)
    patient = next(p for p in listing["profiles"] if p["name"] == "CareConnect-Patient-1")
    assert patient == {
        "url": "https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Patient-1",
        "name": "CareConnect-Patient-1",
        "version": "1.2.0",
        "fhir_version": "STU3",
        "type": "Patient",
        "kind": "resource",
        "status": "draft",
        "source": "Care Connect STU3 (bundled)",
        "preferred": True,
    }
    assert [(b["fhir_version"], b["source"]) for b in listing["base_resources"]] == [
        ("STU3", "FHIR STU3 base"),
        ("R4", "FHIR R4 base"),
    ]
    assert all("Task" in b["resources"] for b in listing["base_resources"])
    code, out, _ = _cli(capsys, db_path, "profiles", "list", "--json", "--fhir-version", "R4")
    assert json.loads(out)["profiles"] == []


def test_profiles_list_as_text(capsys, db_path: Path) -> None:
    code, out, _ = _cli(capsys, db_path, "profiles", "list")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "Care Connect STU3 (bundled): 38 profiles, 49 extensions"
    assert lines[-3].startswith("FHIR STU3 base: 117 resources, e.g. Account, ")
    assert lines[-1] == "Imported: none yet (workbook profiles import PATH)"


def test_profiles_import_then_list(capsys, db_path: Path, tmp_path: Path) -> None:
    package = _package(tmp_path)
    code, out, err = _cli(capsys, db_path, "profiles", "import", str(package))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"Imported 1 profiles and 1 extension definitions from {package}"
    code, out, _ = _cli(capsys, db_path, "profiles", "list", "--fhir-version", "R4")
    assert out.splitlines()[:2] == [
        "imported from example.tgz: 1 profiles, 1 extensions",
        "  Example-Patient  1.0.0    R4    Patient              "
        "https://example.org/fhir/StructureDefinition/Example-Patient",
    ]


def test_a_refused_import_prints_one_line_per_problem(
    capsys, db_path: Path, tmp_path: Path
) -> None:
    package = make_package(tmp_path / "evil.tgz", {"../evil.json": b"{}"}, MANIFEST)
    code, out, err = _cli(capsys, db_path, "profiles", "import", str(package))
    assert (code, out) == (1, "")
    assert err == (
        f"workbook: {package}: entry ../evil.json: its name leads outside the package folder; "
        "the package was refused\n"
    )
    assert json.loads(_cli(capsys, db_path, "profiles", "list", "--json")[1])["profiles"][-1][
        "source"
    ].startswith("Care Connect")


def test_check_prints_one_line_per_finding(capsys, db_path: Path, demo_id: int) -> None:
    code, out, err = _cli(capsys, db_path, "check", str(demo_id))
    assert (code, err) == (0, "")
    lines = [line for line in out.splitlines() if line.split()[1].startswith(PROFILE_CODES)]
    assert [tuple(line.split(":")[0].split(" ", 2)) for line in lines] == DEMO_FINDINGS
    assert lines[1] == (
        "info mapping.slice-by-note NHS Number → Patient.identifier.value: the note names the "
        "nhsNumber slice; write the path as Patient.identifier:nhsNumber.value so the slice's "
        "rules are checked"
    )


def test_check_as_json(capsys, db_path: Path, store: Store, demo_id: int) -> None:
    title = engagements.get(store, demo_id).title
    code, out, _ = _cli(capsys, db_path, "check", title, "--json")
    findings = [f for f in json.loads(out) if f["code"].startswith(PROFILE_CODES)]
    assert code == 0
    assert [(f["severity"], f["code"], f["subject"]) for f in findings] == DEMO_FINDINGS
    assert findings[6] == {
        "code": "mapping.type-conflict",
        "severity": "warning",
        "message": "a string item mapped to an integer element in "
        "CareConnect-MedicationStatement-1 1.2.0: map it to an element that holds a string, "
        "or correct the item's data type",
        "step": "mapping",
        "subject": "Frequency → MedicationStatement.dosage.timing.repeat.frequency",
    }


def test_check_without_findings_and_of_no_engagement(capsys, db_path: Path, store: Store) -> None:
    engagement_id = engagements.create(store, "Empty")
    assert _cli(capsys, db_path, "check", str(engagement_id)) == (0, "No findings.\n", "")
    assert _cli(capsys, db_path, "check", str(engagement_id), "--json") == (0, "[]\n", "")
    assert _cli(capsys, db_path, "check", "nope") == (
        1,
        "",
        'workbook: no engagement with id or title "nope"\n',
    )
