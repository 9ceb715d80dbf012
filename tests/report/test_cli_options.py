"""``workbook export … --to FILE.pdf --leave-out STEP --no-appendices``."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from workbook.cli import run
from workbook.resources import demo_engagement_path


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_steps_and_appendices_can_be_left_out(capsys, db_path: Path, tmp_path: Path) -> None:
    assert run(["--db", str(db_path), "import", str(demo_engagement_path())]) == 0
    whole, short = tmp_path / "whole.pdf", tmp_path / "short.pdf"
    assert run(["--db", str(db_path), "export", "1", "--to", str(whole)]) == 0
    assert (
        run(
            [
                "--db",
                str(db_path),
                "export",
                "1",
                "--to",
                str(short),
                "--leave-out",
                "learning",
                "--no-appendices",
            ]
        )
        == 0
    )
    assert "Learning" in _text(whole) and "Glossary" in _text(whole)
    assert "15 Learning" not in _text(short) and "Glossary" not in _text(short)
    assert len(PdfReader(short).pages) < len(PdfReader(whole).pages)


def test_options_are_refused_for_other_files_and_unknown_steps(
    capsys,
    db_path: Path,
    tmp_path: Path,
) -> None:
    assert run(["--db", str(db_path), "import", str(demo_engagement_path())]) == 0
    capsys.readouterr()
    assert (
        run(
            [
                "--db",
                str(db_path),
                "export",
                "1",
                "--to",
                str(tmp_path / "x.xlsx"),
                "--no-appendices",
            ]
        )
        == 2
    )
    assert "are for PDF case studies" in capsys.readouterr().err
    assert (
        run(
            [
                "--db",
                str(db_path),
                "export",
                "1",
                "--to",
                str(tmp_path / "x.pdf"),
                "--leave-out",
                "step_16",
            ]
        )
        == 1
    )
    assert "no step 'step_16'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
