"""The workbook command: output, exit codes, one-line errors, and nothing half-written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.documents import canonical
from workbook.cli import run
from workbook.resources import demo_engagement_path


def _cli(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_the_new_id_last_and_list_shows_it(capsys, db_path: Path) -> None:
    code, out, _ = _cli(capsys, db_path, "import", str(demo_engagement_path()))
    assert code == 0
    new_id = out.strip().splitlines()[-1]
    assert new_id.isdigit()
    code, out, _ = _cli(capsys, db_path, "list", "--json")
    rows = json.loads(out)
    assert code == 0
    assert [set(r) for r in rows] == [{"id", "title", "client", "status", "updated"}]
    assert rows[0]["id"] == int(new_id)
    assert rows[0]["client"].startswith("Northfield")
    code, out, _ = _cli(capsys, db_path, "list")
    assert rows[0]["title"] in out


def test_export_by_title_round_trips_the_demo(capsys, db_path: Path, tmp_path: Path) -> None:
    _cli(capsys, db_path, "import", str(demo_engagement_path()))
    title = json.loads(demo_engagement_path().read_text(encoding="utf-8"))["engagement"]["title"]
    out_file = tmp_path / "back.engagement.json"
    code, _, err = _cli(capsys, db_path, "export", title, "--to", str(out_file))
    assert (code, err) == (0, "")
    original = json.loads(demo_engagement_path().read_text(encoding="utf-8"))
    assert canonical(json.loads(out_file.read_text(encoding="utf-8"))) == canonical(original)


def test_import_twice_then_replace(capsys, db_path: Path) -> None:
    demo = str(demo_engagement_path())
    _cli(capsys, db_path, "import", demo)
    _cli(capsys, db_path, "import", demo)
    assert len(json.loads(_cli(capsys, db_path, "list", "--json")[1])) == 2
    code, out, err = _cli(capsys, db_path, "import", "--replace", demo)
    assert code == 0, err
    assert out.startswith("Replaced")
    assert len(json.loads(_cli(capsys, db_path, "list", "--json")[1])) == 2


def test_an_ambiguous_title_is_an_error_listing_the_matches(
    capsys, db_path: Path, tmp_path: Path
) -> None:
    demo = str(demo_engagement_path())
    first = _cli(capsys, db_path, "import", demo)[1].split()[-1]
    second = _cli(capsys, db_path, "import", demo)[1].split()[-1]
    title = json.loads(demo_engagement_path().read_text(encoding="utf-8"))["engagement"]["title"]
    code, _, err = _cli(
        capsys, db_path, "export", title, "--to", str(tmp_path / "x.engagement.json")
    )
    assert code == 1
    assert err.count("\n") == 1
    assert first in err and second in err and "use the id" in err


def test_unknown_engagement_and_wrong_suffix(capsys, db_path: Path, tmp_path: Path) -> None:
    code, _, err = _cli(
        capsys, db_path, "export", "Nope", "--to", str(tmp_path / "a.engagement.json")
    )
    assert (code, err) == (1, 'workbook: no engagement with id or title "Nope"\n')
    _cli(capsys, db_path, "import", str(demo_engagement_path()))
    code, _, err = _cli(capsys, db_path, "export", "1", "--to", str(tmp_path / "a.docx"))
    assert code == 2
    assert "a.docx: cannot export to this kind of file" in err


def test_usage_errors_exit_2(capsys, db_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        run(["--db", str(db_path), "frobnicate"])
    assert caught.value.code == 2


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    demo = json.loads(demo_engagement_path().read_text(encoding="utf-8"))
    files: dict[str, tuple[Path, str]] = {}

    def write(name: str, content: bytes | str, expected: str) -> None:
        path = tmp_path / f"{name}.engagement.json"
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        files[name] = (path, expected)

    write("malformed", '{"format": "engagement-workbook", "engagement": [}', "line 1 column 50")
    wrong_type = json.loads(json.dumps(demo))
    wrong_type["engagement"]["data_items"][4]["cardinality"] = 1
    write("wrong-type", json.dumps(wrong_type), "/engagement/data_items/4/cardinality")
    bad_enum = json.loads(json.dumps(demo))
    bad_enum["engagement"]["status"] = "finished"
    write("unknown-enum", json.dumps(bad_enum), "/engagement/status: 'finished' is not one of")
    dangling = json.loads(json.dumps(demo))
    dangling["engagement"]["user_stories"][3]["actor"] = "a-9"
    write("dangling", json.dumps(dangling), '/engagement/user_stories/3/actor: no actor "a-9"')
    write("not-json", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe", "not UTF-8")
    huge = tmp_path / "huge.engagement.json"
    with huge.open("wb") as f:
        f.truncate(200 * 1024 * 1024)
    files["huge"] = (huge, "too large")
    return files


def test_every_bad_file_gets_one_line_naming_file_and_place(
    capsys, db_path: Path, tmp_path: Path
) -> None:
    for name, (path, expected) in _bad_files(tmp_path).items():
        code, out, err = _cli(capsys, db_path, "import", str(path))
        assert code == 1, name
        assert err.count("\n") == 1, (name, err)
        assert err.startswith(f"workbook: {path}: "), (name, err)
        assert expected in err, (name, err)
        assert out == "", name
    assert json.loads(_cli(capsys, db_path, "list", "--json")[1]) == []


def test_a_database_that_is_not_sqlite(capsys, tmp_path: Path) -> None:
    db = tmp_path / "budget.xlsx"
    db.write_bytes(b"PK\x03\x04 this is a spreadsheet")
    code, _, err = _cli(capsys, db, "list")
    assert code == 1
    assert err == f"workbook: {db}: not an Engagement Workbook database (not a SQLite file)\n"
    assert db.read_bytes() == b"PK\x03\x04 this is a spreadsheet"


@pytest.mark.slow
def test_the_installed_command_reports_without_traceback(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.engagement.json"
    bad.write_text("{not json")
    env = {**os.environ, "WORKBOOK_DB": str(db_path)}
    result = subprocess.run(
        [sys.executable, "-m", "workbook", "import", str(bad)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"workbook: {bad}: line 1 column 2: not valid JSON: "
        "Expecting property name enclosed in double quotes\n"
    )
    ok = subprocess.run(
        [sys.executable, "-m", "workbook", "import", str(demo_engagement_path())],
        capture_output=True,
        text=True,
        env=env,
    )
    assert ok.returncode == 0 and ok.stdout.strip().splitlines()[-1] == "1"


def test_a_relative_database_path_works(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["--db", "relative.sqlite", "import", str(demo_engagement_path())]) == 0
    assert run(["--db", "relative.sqlite", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 2)[-1])[0]["id"] == 1
    assert (tmp_path / "relative.sqlite").exists()
