"""The "Review" appendix: the findings in a draft report, when asked for."""

from __future__ import annotations

from pathlib import Path

from tests.report.pdfs import write_report
from tests.review.build import new, story
from workbook.cli import run
from workbook.db.store import Store


def test_the_demo_with_its_review(store: Store, demo_id: int, tmp_path: Path) -> None:
    report = write_report(store, demo_id, tmp_path, review=True)
    assert report.titles(0)[-3:] == [
        "Appendix A  Glossary",
        "Appendix B  Data item details",
        "Appendix C  Review",
    ]
    text = report.section_text("Appendix C  Review")
    assert "1 error, 7 warnings, 10 notes, by step." in text
    assert "Step 4. Identify business requirements" in text
    assert "US-013 the requirement names FHIR, API" in text
    assert "Error Change reasons shown for changed and stopped medicines failed (US-002)" in text


def test_no_review_unless_asked(store: Store, demo_id: int, tmp_path: Path) -> None:
    report = write_report(store, demo_id, tmp_path)
    assert "Appendix C  Review" not in report.titles(0)


def test_the_review_is_appendix_a_without_the_others(store: Store, tmp_path: Path) -> None:
    engagement_id = new(store)
    story(store, engagement_id)
    report = write_report(store, engagement_id, tmp_path, appendices=False, review=True)
    assert report.titles(0)[-1] == "Appendix A  Review"
    text = report.section_text("Appendix A  Review")
    assert "The review checks found nothing to look at." in text


def test_export_review_on_the_command_line(
    capsys, db_path: Path, demo_id: int, tmp_path: Path
) -> None:
    target = tmp_path / "draft.pdf"
    assert run(["--db", str(db_path), "export", str(demo_id), "--to", str(target), "--review"]) == 0
    assert target.stat().st_size > 0
    assert run(["--db", str(db_path), "export", str(demo_id), "--to", "x.xlsx", "--review"]) == 2
    assert "--review are for PDF case studies" in capsys.readouterr().err
