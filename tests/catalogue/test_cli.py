"""``workbook catalogue``: list, search, import, export, promote, use and compare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.catalogue import transfer
from workbook.cli import run
from workbook.db.store import Store
from workbook.services import collections, engagements


def _cli(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_promote_list_and_search(capsys, db_path: Path, store: Store, demo_id: int) -> None:
    code, out, _ = _cli(capsys, db_path, "catalogue", "list")
    assert (code, out) == (
        0,
        "The catalogue is empty. Add stories with: workbook catalogue promote ENGAGEMENT "
        "STORY_REF, or workbook catalogue import FILE\n",
    )
    assert _cli(capsys, db_path, "catalogue", "promote", str(demo_id), "US-005") == (
        0,
        "Added US-005 to the catalogue as story 1\n",
        "",
    )
    assert _cli(capsys, db_path, "catalogue", "promote", str(demo_id), "us-005")[1] == (
        "us-005 is already in the catalogue as story 1\n"
    )
    _cli(capsys, db_path, "catalogue", "promote", str(demo_id), "US-004")
    code, out, _ = _cli(capsys, db_path, "catalogue", "list")
    assert out.splitlines() == [
        "2  As a General Practitioner (Primary Care General Practice) I want to see allergies "
        "and adverse reactions recorded or confirmed during the admission alongside the "
        "discharge medicines so that I do not prescribe a medicine the patient reacted to "
        "while in hospital",
        "   Allergies and Adverse Reactions (View) · tags: allergy, medication-safety · from: "
        "Sharing discharge medication with GP practices and community pharmacies",
        "1  As a Pharmacist (Hospital Services) I want to refer a patient to their nominated "
        "community pharmacy for a medicines review when a high-risk medicine was started or "
        "changed so that the patient gets timely support with new anticoagulants, insulin or "
        "opioids after going home",
        "   Post-discharge Medicines Review Referral (Task) · tags: dms, high-risk · from: "
        "Sharing discharge medication with GP practices and community pharmacies",
    ]
    code, out, _ = _cli(capsys, db_path, "catalogue", "list", "--json", "--search", "nominated")
    stories = json.loads(out)
    assert [s["id"] for s in stories] == [1]
    assert list(stories[0]) == [
        "id",
        "feature",
        "actor",
        "care_setting",
        "secondary_actor",
        "requirement",
        "justification",
        "acceptance_criteria",
        "tags",
        "source",
    ]
    assert stories[0]["requirement"].startswith("to refer a patient")
    assert stories[0]["justification"].startswith("the patient gets timely support")
    assert stories[0]["acceptance_criteria"][0]["kind"] == "clinical"
    assert _cli(capsys, db_path, "catalogue", "list", "--search", "zebra")[1] == (
        "No catalogue story matches.\n"
    )
    code, out, _ = _cli(capsys, db_path, "catalogue", "list", "--tag", "allergy", "--json")
    assert [s["id"] for s in json.loads(out)] == [2]


def test_use_and_compare(capsys, db_path: Path, store: Store, demo_id: int) -> None:
    _cli(capsys, db_path, "catalogue", "promote", str(demo_id), "US-003")
    assert _cli(capsys, db_path, "catalogue", "compare", str(demo_id), "US-003")[1] == (
        "US-003 is the same as catalogue story 1\n"
    )
    assert _cli(capsys, db_path, "catalogue", "compare", str(demo_id), "US-002")[1] == (
        "US-002 did not come from the catalogue\n"
    )
    assert _cli(capsys, db_path, "catalogue", "use", str(demo_id), "1") == (
        1,
        "",
        "workbook: catalogue story 1 is already in this engagement as US-003\n",
    )
    empty = engagements.create(store, "Empty")
    assert _cli(capsys, db_path, "catalogue", "use", "Empty", "1") == (
        0,
        f"Added catalogue story 1 to engagement {empty} as US-001 (new actor, actor, feature)\n",
        "",
    )
    collections.update(
        store, "user_stories", transfer.find_story(store, empty, "US-001"), priority="could"
    )
    assert _cli(capsys, db_path, "catalogue", "compare", "Empty", "US-001")[1].splitlines() == [
        "US-001 differs from catalogue story 1:",
        "  priority (changed in engagement)",
        "    engagement: could",
        "    catalogue:  must",
    ]


def test_import_and_export(capsys, db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "stories.csv"
    source.write_text(
        "Story,Tags\n"
        "As a GP (primary care) I want to see the list so that I can check,pilot\n"
        "Faster fax,\n",
        encoding="utf-8",
    )
    code, out, err = _cli(capsys, db_path, "catalogue", "import", str(source))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Imported 2 stories into the catalogue from {source}",
        "row 3: not read as “As a … I want … so that …”; imported whole as the requirement, "
        "to be corrected: Faster fax",
    ]
    target = tmp_path / "catalogue.json"
    assert _cli(capsys, db_path, "catalogue", "export", "--to", str(target)) == (
        0,
        f"Exported 2 stories to {target}\n",
        "",
    )
    assert [s["requirement"] for s in json.loads(target.read_text())["user_stories"]] == [
        "Faster fax",
        "to see the list",
    ]


def test_errors_are_one_line_with_the_right_exit_status(
    capsys, db_path: Path, tmp_path: Path, store: Store, demo_id: int
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"requirement": "x", "priority": "urgent"}]', encoding="utf-8")
    assert _cli(capsys, db_path, "catalogue", "import", str(bad)) == (
        1,
        "",
        f"workbook: {bad}: /0/priority: 'urgent' is not a priority; use one of must, should, "
        "could, wont\n",
    )
    assert _cli(capsys, db_path, "catalogue", "export", "--to", str(tmp_path / "c.txt"))[0] == 2
    assert _cli(capsys, db_path, "catalogue", "promote", str(demo_id), "US-099") == (
        1,
        "",
        f"workbook: no story US-099 in engagement {demo_id}\n",
    )
    assert _cli(capsys, db_path, "catalogue", "use", str(demo_id), "7") == (
        1,
        "",
        "workbook: no catalogue story with id 7\n",
    )
