"""Writing the report: whole or not at all, with progress and cancel, and from the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from workbook.cli import run
from workbook.db.store import Store
from workbook.errors import Cancelled, InputError
from workbook.report import export_report
from workbook.services import engagements

TITLE = "Sharing discharge medication with GP practices and community pharmacies"


def test_progress_runs_from_reading_to_done(store: Store, demo_id: int, tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    pages = export_report(store, demo_id, tmp_path / "r.pdf", lambda *a: seen.append(a))
    assert pages == 29
    assert seen[0] == (0, 1000, "Reading the engagement")
    assert seen[-2:] == [(960, 1000, "Writing the PDF"), (1000, 1000, "Done")]
    done = [d for d, _, _ in seen]
    assert done == sorted(done)
    messages = {m for _, _, m in seen}
    assert {"Step 1", "Step 15", "Laying out the pages (pass 2)"} <= messages


@pytest.mark.parametrize("stage", ["Step 4", "Laying out the pages (pass 2)", "Writing the PDF"])
def test_a_cancel_leaves_no_file_and_the_old_one_as_it_was(
    store: Store, demo_id: int, tmp_path: Path, stage: str
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / "case-study.pdf"
    target.write_bytes(b"the report from last week")

    def progress(done: int, total: int, message: str) -> None:
        if message == stage:
            raise Cancelled("cancelled; nothing was written")

    with pytest.raises(Cancelled):
        export_report(store, demo_id, target, progress)
    assert target.read_bytes() == b"the report from last week"
    assert [p.name for p in folder.iterdir()] == ["case-study.pdf"]


def test_a_file_that_cannot_be_written_is_an_error_naming_it(
    store: Store, demo_id: int, tmp_path: Path
) -> None:
    (tmp_path / "reports").mkdir()
    taken = tmp_path / "reports" / "taken.pdf"
    taken.mkdir()  # a folder where the file should go
    with pytest.raises(InputError) as error:
        export_report(store, demo_id, taken)
    assert str(error.value).startswith(f"{taken}: cannot write the file (")
    assert [p.name for p in taken.parent.iterdir()] == ["taken.pdf"]
    assert list(taken.iterdir()) == []


def test_the_cli_exports_the_report_by_its_suffix(
    capsys: pytest.CaptureFixture[str], db_path: Path, demo_id: int, tmp_path: Path
) -> None:
    target = tmp_path / "Case Study.PDF"
    assert run(["--db", str(db_path), "export", TITLE, "--to", str(target)]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (f"Exported engagement {demo_id} to {target}\n", "")
    assert len(PdfReader(target).pages) == 29


def test_the_cli_reports_a_missing_folder_on_one_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, demo_id: int, tmp_path: Path
) -> None:
    target = tmp_path / "nowhere" / "r.pdf"
    assert run(["--db", str(db_path), "export", str(demo_id), "--to", str(target)]) == 1
    assert capsys.readouterr().err == f"workbook: {target}: no such folder {target.parent}\n"


def test_an_unknown_engagement_is_not_found(
    capsys: pytest.CaptureFixture[str], db_path: Path, store: Store, tmp_path: Path
) -> None:
    engagements.create(store, "Another")
    target = tmp_path / "r.pdf"
    assert run(["--db", str(db_path), "export", "Nothing like it", "--to", str(target)]) == 1
    assert capsys.readouterr().err.startswith("workbook: no engagement")
    assert not target.exists()
