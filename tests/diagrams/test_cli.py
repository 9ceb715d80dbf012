"""``workbook diagram ENGAGEMENT KIND --to FILE``: files written whole, errors on one line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from defusedxml import ElementTree
from PIL import Image

from workbook.cli import run
from workbook.resources import demo_engagement_path

TITLE = "Sharing discharge medication with GP practices and community pharmacies"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], db_path: Path):
    def call(*args: str) -> tuple[int, str, str]:
        code = run(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert call("import", str(demo_engagement_path()))[0] == 0
    return call


def test_a_diagram_is_drawn_to_svg(cli, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "problem.svg"
    code, out, err = cli("diagram", TITLE, "problem", "--to", str(target))
    assert (code, err) == (0, "")
    assert out == f'Drew "Problem statement" to {target}\n'
    root = ElementTree.fromstring(target.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert [p.name for p in target.parent.iterdir()] == ["problem.svg"]  # no temporary file


def test_a_named_sequence_is_drawn_to_png(cli, tmp_path: Path) -> None:
    target = tmp_path / "flow.PNG"
    code, out, _ = cli(
        "diagram", "1", "sequence", "--to", str(target), "--name", "Post-discharge review referral"
    )
    assert code == 0
    assert out == f'Drew "To-be: Post-discharge review referral" to {target}\n'
    image = Image.open(io.BytesIO(target.read_bytes()))
    assert image.format == "PNG" and image.width > 900


def test_an_unknown_kind_is_a_usage_error_listing_the_kinds(cli, tmp_path: Path) -> None:
    target = tmp_path / "x.svg"
    code, out, err = cli("diagram", "1", "erd", "--to", str(target))
    assert (code, out) == (2, "")
    assert err == (
        'workbook: no diagram kind "erd"; the kinds are: '
        "problem, system, process, use-cases, sequence, profiles\n"
    )
    assert not target.exists()


def test_an_unknown_sequence_is_an_error_listing_the_sequences(cli, tmp_path: Path) -> None:
    target = tmp_path / "x.svg"
    code, _, err = cli("diagram", "1", "sequence", "--to", str(target), "--name", "Nope")
    assert code == 1
    assert err == (
        'workbook: no sequence named "Nope"; the sequences are: "Discharge medicines today", '
        '"GP practice retrieves discharge medication", "Post-discharge review referral"\n'
    )
    assert not target.exists()


def test_a_name_for_another_kind_is_a_usage_error(cli, tmp_path: Path) -> None:
    code, _, err = cli("diagram", "1", "process", "--to", str(tmp_path / "x.svg"), "--name", "A")
    assert (code, err) == (2, "workbook: only sequence diagrams take a name\n")


def test_an_unsupported_file_is_a_usage_error(cli, tmp_path: Path) -> None:
    target = tmp_path / "problem.pdf"
    code, _, err = cli("diagram", "1", "problem", "--to", str(target))
    assert code == 2
    assert err == (
        f"workbook: {target}: cannot draw to this kind of file; use a name ending in .svg or .png\n"
    )
    assert not target.exists()


def test_a_missing_folder_or_engagement_is_an_error(cli, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "problem.svg"
    code, _, err = cli("diagram", "1", "problem", "--to", str(target))
    assert (code, err) == (1, f"workbook: {target}: no such folder {target.parent}\n")
    code, _, err = cli("diagram", "Nope", "problem", "--to", str(tmp_path / "p.svg"))
    assert (code, err) == (1, 'workbook: no engagement with id or title "Nope"\n')
