"""Catalogue files: JSON and CSV round trips, the forms of CSV people write, and bad files."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest

from workbook.catalogue import files, service
from workbook.catalogue.model import CatalogueStory, Criterion
from workbook.db.store import Store, open_store
from workbook.errors import Cancelled, InputError, UsageError

HEADER = (
    "Feature,Actor,Care setting,Secondary actor,Requirement,Justification,Priority,"
    "Acceptance criteria,Tags,Source,Interactions"
)


def _catalogue(store: Store) -> list[CatalogueStory]:
    """The whole catalogue in its order, without ids (which differ between databases)."""
    return [dataclasses.replace(s, id=None) for s in service.iter_all(store)]


def _stories(store: Store) -> list[CatalogueStory]:
    """The stories in the order they were added, without ids."""
    ordered = sorted(service.iter_all(store), key=lambda s: s.id or 0)
    return [dataclasses.replace(s, id=None) for s in ordered]


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_export_then_import_gives_back_the_same_catalogue(
    store: Store, promoted: dict[str, int], tmp_path: Path, suffix: str
) -> None:
    service.add(
        store,
        CatalogueStory(
            requirement="-to see = signs, @mentions and +1s",
            actor="=Pharmacist",
            care_setting="'+quoted",
            justification="“Ŵyr” and ŷ survive",
            criteria=(Criterion("line one"), Criterion("- a bullet?", "technical")),
            tags=("café",),
        ),
    )
    path = tmp_path / f"catalogue{suffix}"
    assert files.export_file(store, path) == 15
    other = open_store(tmp_path / "other.sqlite")
    report = files.import_file(other, path)
    assert (len(report.added_ids), report.already_there, report.unparsed) == (15, 0, [])
    assert _catalogue(other) == _catalogue(store)
    other.close()


def test_exported_csv_opens_in_excel_as_text(
    store: Store, promoted: dict[str, int], tmp_path: Path
) -> None:
    service.add(store, CatalogueStory(requirement="=HYPERLINK(1)", actor="+44 team", tags=("@x",)))
    path = tmp_path / "catalogue.csv"
    files.export_file(store, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines(keepends=True)))
    formula = next(r for r in rows if "HYPERLINK" in r["Requirement"])
    assert (formula["Requirement"], formula["Actor"], formula["Tags"]) == (
        "'=HYPERLINK(1)",
        "'+44 team",
        "'@x",
    )
    first = next(r for r in rows if r["Feature"].startswith("Allergies"))
    assert first["Feature"] == "Allergies and Adverse Reactions (View)"
    assert first["Acceptance criteria"] == (
        "clinical: Each allergy shows the causative agent, the reaction and its severity.\n"
        "clinical: If no allergies are known, the record says so explicitly rather than "
        "being empty."
    )
    assert first["Tags"] == "allergy, medication-safety"
    assert first["Interactions"] == "GET AllergyIntolerance"


def test_exported_json_has_the_story_shape_with_names(
    store: Store, promoted: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "catalogue.json"
    files.export_file(store, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("engagement-workbook/story-catalogue", 1)
    story = next(s for s in document["user_stories"] if s["requirement"].startswith("to refer"))
    assert story == {
        "feature": "Post-discharge Medicines Review Referral (Task)",
        "actor": "Pharmacist",
        "care_setting": "Hospital Services",
        "secondary_actor": "Hospital EPMA",
        "requirement": story["requirement"],
        "justification": story["justification"],
        "priority": "should",
        "acceptance_criteria": story["acceptance_criteria"],
        "tags": ["dms", "high-risk"],
        "source": "Sharing discharge medication with GP practices and community pharmacies",
        "interactions": ["POST Task"],
    }
    assert story["acceptance_criteria"][0]["kind"] == "clinical"


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_column_of_sentences_is_parsed_and_what_is_not_is_reported(
    store: Store, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "sentences.csv",
        "User story,Feature,Tags\r\n"
        '"As a pharmacist (hospital services) I want to see the list, so that I can check it.",'
        'Lists,"a, b"\r\n'
        "\r\n"
        "As a GP I want to be told because I must act,Lists,\r\n"
        "We need a faster fax,,\r\n",
    )
    report = files.import_file(store, path)
    assert report.lines() == [
        f"Imported 3 stories into the catalogue from {path}",
        "row 5: not read as “As a … I want … so that …”; imported whole as the requirement, "
        "to be corrected: We need a faster fax",
    ]
    assert _stories(store) == [
        CatalogueStory(
            requirement="to see the list",
            actor="Pharmacist",
            care_setting="Hospital services",
            justification="I can check it",
            feature="Lists",
            tags=("a", "b"),
        ),
        CatalogueStory(
            requirement="to be told", actor="GP", justification="I must act", feature="Lists"
        ),
        CatalogueStory(requirement="We need a faster fax"),
    ]


def test_a_file_of_sentences_without_headings_is_read_one_per_row(
    store: Store, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "plain.csv",
        "As a GP, primary care, I want to see the list\n"
        '"As a nurse, district, I wish to see it; because ""why"" not"\n'
        "not a story\n",
    )
    report = files.import_file(store, path)
    assert (len(report.added_ids), report.unparsed) == (3, [(3, "not a story")])
    assert [(s.actor, s.care_setting, s.requirement, s.justification) for s in _stories(store)] == [
        ("GP", "Primary care", "to see the list", None),
        ("Nurse", "District", "to see it", '"why" not'),
        (None, None, "not a story", None),
    ]


def test_excel_files_with_a_bom_semicolons_and_moved_columns_are_read(
    store: Store, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "excel.csv",
        "\ufeffTAGS;requirement;Actor;care_setting;so that;Priority;Criteria;Report\r\n"
        "x; I want to see the list ;Pharmacist;Hospital;so that I can check;Won't;"
        '"technical: Uses FHIR\n• clinical: Safe\nplain";ignored\r\n',
    )
    report = files.import_file(store, path)
    assert report.ignored_columns == ["Report"]
    assert report.lines()[1] == "Columns not read: Report"
    assert _stories(store) == [
        CatalogueStory(
            requirement="to see the list",
            actor="Pharmacist",
            care_setting="Hospital",
            justification="I can check",
            priority="wont",
            criteria=(
                Criterion("Uses FHIR", "technical"),
                Criterion("Safe", "clinical"),
                Criterion("plain"),
            ),
            tags=("x",),
        )
    ]


def test_importing_again_adds_only_new_stories(
    store: Store, promoted: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "catalogue.json"
    files.export_file(store, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["user_stories"].append({"requirement": "to see something new", "actor": "GP"})
    document["user_stories"].append({"requirement": "TO SEE   something new ", "actor": "gp"})
    path.write_text(json.dumps(document), encoding="utf-8")
    report = files.import_file(store, path)
    assert (len(report.added_ids), report.already_there) == (1, 15)
    assert service.count(store) == 15


def test_list_json_output_and_engagement_stories_can_be_imported(
    store: Store, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "list.json",
        json.dumps(
            [
                {"id": 7, "requirement": "to see it", "acceptance_criteria": ["plain"]},
                {"id": "us-1", "ref": "US-001", "status": "agreed", "requirement": "to do it"},
            ]
        ),
    )
    assert len(files.import_file(store, path).added_ids) == 2
    assert [(s.requirement, s.criteria) for s in _stories(store)] == [
        ("to see it", (Criterion("plain"),)),
        ("to do it", ()),
    ]


def test_a_cancelled_import_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path, "many.csv", "Requirement\n" + "".join(f"to do {i}\n" for i in range(1200))
    )

    def cancel(done: int, total: int, _message: str) -> None:
        if done >= 500:
            raise Cancelled("cancelled; nothing was changed")

    with pytest.raises(Cancelled):
        files.import_file(store, path, cancel)
    assert service.count(store) == 0


def _refused(store: Store, path: Path, *lines: str) -> None:
    with pytest.raises(InputError) as refused:
        files.import_file(store, path)
    assert refused.value.lines() == list(lines)
    assert service.count(store) == 0


def test_a_csv_file_with_bad_rows_is_refused_whole(store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bad.csv",
        "Actor,Requirement,Priority\nGP,to see it,must\nGP,to see more,urgent\nGP,,should\n",
    )
    _refused(
        store,
        path,
        f"{path}: row 3 column C: Priority: 'urgent' is not a priority; use one of must, "
        "should, could, wont",
        f"{path}: row 4: no requirement: fill in Requirement or Story, or delete the row",
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Feature,Actor,Tags\nA,B,C\n", "row 1: no Requirement or Story column; the headings are "),
        ("Tags,Requirement,tags\nx,y,z\n", "row 1: columns A and C are both Tags; keep one"),
        ("Name,Description\nx,y\n", "row 1: no heading row (Feature, Actor, Requirement, …"),
        ("", "the file is empty"),
        ('Requirement\n"to see it\n', "row 2: not readable as CSV: unexpected end of data"),
    ],
    ids=["no-requirement-column", "twice-the-same-column", "unknown-headings", "empty", "quote"],
)
def test_csv_files_that_cannot_be_read(
    store: Store, tmp_path: Path, text: str, problem: str
) -> None:
    path = _write(tmp_path, "bad.csv", text)
    with pytest.raises(InputError) as refused:
        files.import_file(store, path)
    assert refused.value.lines()[0].startswith(f"{path}: {problem}")
    assert service.count(store) == 0


def test_a_csv_file_saved_in_a_windows_code_page_is_refused(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "ansi.csv", "Requirement\nto see it\nto pay in £\n", "cp1252")
    _refused(
        store,
        path,
        f"{path}: line 3: not UTF-8 text; in Excel, save it as “CSV UTF-8 (Comma delimited)”",
    )


@pytest.mark.parametrize(
    ("document", "lines"),
    [
        (
            {"user_stories": [{"requirement": "ok"}, {"actor": "GP"}, "story"]},
            [
                "/user_stories/1/requirement: a story needs its requirement (the “I want …” part)",
                "/user_stories/2: a story must be an object",
            ],
        ),
        (
            [{"requirement": "x", "priority": "high", "tags": "a", "colour": "red"}],
            [
                "/0: unknown field colour",
                "/0/tags: must be an array of text",
                "/0/priority: 'high' is not a priority; use one of must, should, could, wont",
            ],
        ),
        (
            [{"requirement": 3, "acceptance_criteria": [{"text": "t", "kind": "legal"}, {}]}],
            [
                "/0/requirement: must be text, not 3",
                "/0/acceptance_criteria/1: a criterion needs its text",
                "/0/acceptance_criteria/0/kind: 'legal' is not a kind of criterion; use one of "
                "clinical, technical",
            ],
        ),
        ({"stories": []}, ["/: not a story catalogue: expected an object with a user_stories"]),
    ],
    ids=["missing-requirement", "bad-values", "bad-criteria", "not-a-catalogue"],
)
def test_json_files_with_bad_stories_are_refused_whole(
    store: Store, tmp_path: Path, document: object, lines: list[str]
) -> None:
    path = _write(tmp_path, "bad.json", json.dumps(document))
    with pytest.raises(InputError) as refused:
        files.import_file(store, path)
    got = refused.value.lines()
    assert len(got) == len(lines)
    for line, expected in zip(got, lines, strict=True):
        assert line.startswith(f"{path}: {expected}")
    assert service.count(store) == 0


def test_files_that_cannot_be_opened_are_refused(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refused(store, tmp_path / "missing.csv", f"{tmp_path / 'missing.csv'}: no such file")
    (tmp_path / "folder.json").mkdir()
    _refused(
        store, tmp_path / "folder.json", f"{tmp_path / 'folder.json'}: is a folder, not a file"
    )
    broken = _write(tmp_path, "broken.json", '{"user_stories": [}')
    _refused(store, broken, f"{broken}: line 1 column 19: not valid JSON: Expecting value")
    big = _write(tmp_path, "big.csv", "Requirement\n" + "to see it\n" * 200)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    _refused(store, big, f"{big}: too large for a story catalogue (0 MB; the limit is 0 MB)")
    with pytest.raises(UsageError, match=r"stories\.xlsx: use a file ending in \.json or \.csv"):
        files.import_file(store, tmp_path / "stories.xlsx")


def test_export_refuses_other_suffixes_and_missing_folders(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"use a file ending in \.json or \.csv"):
        files.export_file(store, tmp_path / "catalogue.xlsx")
    with pytest.raises(InputError, match="no such folder"):
        files.export_file(store, tmp_path / "missing" / "catalogue.csv")
    assert not (tmp_path / "missing").exists()
