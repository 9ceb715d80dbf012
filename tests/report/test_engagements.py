"""Case studies of engagements other than the demo: empty, complete, awkward text, images,
parts left out, long tables, many stories."""

from __future__ import annotations

import io
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from reportlab.graphics.shapes import Drawing, Rect

from tests.report.pdfs import engagement, flat, write_report
from workbook.db.store import Store
from workbook.errors import InvalidValueError
from workbook.report import ReportOptions
from workbook.services import engagements, stages
from workbook.steps import STEPS


def test_an_engagement_with_only_a_title_still_makes_a_report(store: Store, tmp_path: Path) -> None:
    engagement_id = engagements.create(store, "Only a title")
    report = write_report(store, engagement_id, tmp_path)
    assert report.titles(1) == [f"{step.number} {step.title}" for step in STEPS]
    assert report.titles(0)[-1] == "Appendix A  Glossary"  # no dataset, no details
    # each step says in one line that nothing was recorded, and they share pages
    assert report.text.count("Not recorded.") == 15
    assert report.pages == 6
    cover = flat(report.texts[0])
    assert "Client Not recorded ODS code Not recorded Analyst Not recorded" in cover
    assert "Status Draft" in cover


def test_a_step_with_text_but_no_outputs_names_what_is_missing(
    store: Store, tmp_path: Path
) -> None:
    engagement_id = engagements.create(store, "Half done")
    stages.set_text(store, engagement_id, "business_requirements", "Workshops are booked.")
    report = write_report(store, engagement_id, tmp_path)
    assert (
        "4 Identify business requirements Workshops are booked. Not recorded: business "
        "process model, use case diagram, user stories. 5 Identify dataset Not recorded."
    ) in report.text


def test_a_complete_engagement_has_no_watermark(store: Store, tmp_path: Path) -> None:
    engagement_id = engagements.create(store, "Finished", status="complete")
    report = write_report(store, engagement_id, tmp_path)
    assert not any("DRAFT" in text for text in report.texts)
    assert "Status Complete" in flat(report.texts[0])


TRICKY = (
    "Markup stays text: <b>x</b> & y, &amp; and <font size=40>big</font>.\n\n"
    "Escapes: \\*not italic\\*, \\<tag\\>, \\# not a heading, 1\\. not a list, \\- no bullet\n\n"
    "Welsh: Gwasanaeth Iechyd Gwladol Cymru — ŵ ŷ Ŵ Ŷ; symbols ✓ → ≥ ±; emoji 😀 🩺\n\n"
    "- **bold** and *italic* and `code <here>`\n"
    "   1. nested [link](https://example.org/a?b=1&c=2)\n\n"
    "# A heading\n\n"
    "Control \x00characters\x0b vanish."
)


def test_user_text_prints_as_typed_however_awkward(store: Store, tmp_path: Path) -> None:
    engagement_id = engagement(
        store,
        title="Tricky <b>title</b> & more",
        stages={"client_context": {"text": TRICKY}},
        actors=[{"id": "a", "name": "Nyrs <i>", "care_setting": "Ysbyty & Cymuned"}],
        user_stories=[
            {"id": "s", "ref": "US-<1>", "actor": "a", "requirement": "to see <b>x</b> & y"}
        ],
        data_items=[{"id": "d", "name": "Enw'r <claf> & rhif", "data_type": "string"}],
    )
    report = write_report(store, engagement_id, tmp_path)
    text = report.text
    assert "Markup stays text: <b>x</b> & y, &amp; and <font size=40>big</font>." in text
    assert "Escapes: *not italic*, <tag>, # not a heading, 1. not a list, - no bullet" in text
    assert "Welsh: Gwasanaeth Iechyd Gwladol Cymru — ŵ ŷ Ŵ Ŷ; symbols ✓ → ≥ ±; emoji" in text
    assert "• bold and italic and code <here>" in text
    assert "1. nested link (example.org/a)" in text
    assert "A heading Control characters vanish." in text
    assert "US-<1>" in text
    assert "As a Nyrs <i> (Ysbyty & Cymuned) I want to see <b>x</b> & y" in text
    assert "Enw'r <claf> & rhif" in text
    assert report.reader.metadata.title == "Tricky <b>title</b> & more"
    assert report.texts[1].startswith("Tricky <b>title</b> & more\n")


def _png(width: int, height: int, colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), "navy").save(buffer, "JPEG")
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><rect/></svg>'


def _attach(store: Store, engagement_id: int, filename: str, data: bytes, **kw: Any) -> None:
    media = stages.media_type_of(data)
    stages.add_attachment(store, engagement_id, "problem_statement", filename, media, data, **kw)


def test_attached_images_are_figures_scaled_to_the_page(store: Store, tmp_path: Path) -> None:
    engagement_id = engagements.create(store, "Pictures")
    _attach(store, engagement_id, "whiteboard.png", _png(4000, 1000, "white"), title="Workshop")
    _attach(store, engagement_id, "photo.jpg", _jpeg())
    _attach(store, engagement_id, "visio.svg", SVG)
    _attach(store, engagement_id, "broken.png", b"\x89PNG\r\n\x1a\n" + b"not really" * 10)
    _attach(store, engagement_id, "cut.png", _png(300, 300, "red")[:200])
    report = write_report(store, engagement_id, tmp_path)
    assert (
        "3 Document problem statement Not recorded: problem statement diagram. "
        "Figure 3.1 Workshop Figure 3.2 photo.jpg "
        "Attached but not shown here: visio.svg, broken.png, cut.png."
    ) in report.text
    page = report.reader.pages[report.outline[4].page - 1]
    sizes = sorted((i.image.width, i.image.height) for i in page.images)
    assert sizes == [(200, 100), (4000, 1000)]


def test_svg_attachments_are_drawn_when_svglib_is_installed(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[bytes] = []

    def svg2rlg(source: io.BytesIO) -> Drawing:
        drawn.append(source.read())
        drawing = Drawing(2000, 100)
        drawing.add(Rect(0, 0, 2000, 100))
        return drawing

    package = types.ModuleType("svglib")
    module = types.ModuleType("svglib.svglib")
    module.svg2rlg = svg2rlg  # type: ignore[attr-defined]
    package.__spec__ = module.__spec__  # found by find_spec
    monkeypatch.setitem(sys.modules, "svglib", package)
    monkeypatch.setitem(sys.modules, "svglib.svglib", module)
    monkeypatch.setattr("workbook.report.steps.find_spec", lambda name: object())
    engagement_id = engagements.create(store, "Drawings")
    _attach(store, engagement_id, "visio.svg", SVG, title="Context from Visio")
    report = write_report(store, engagement_id, tmp_path)
    assert drawn == [SVG]
    assert "Figure 3.1 Context from Visio" in report.text
    assert "not shown" not in report.text


def test_steps_and_appendices_can_be_left_out(store: Store, demo_id: int, tmp_path: Path) -> None:
    report = write_report(
        store,
        demo_id,
        tmp_path,
        leave_out=frozenset({"dataset", "mapping", "approval", "case_study", "learning"}),
        appendices=False,
    )
    assert report.titles(1) == [
        f"{s.number} {s.title}" for s in STEPS if s.number not in (5, 7, 8, 13, 15)
    ]
    assert report.titles(0) == [
        "Contents",
        "Agree business requirements",
        "Define the solution",
        "Deliver the solution",
    ]
    assert "Figure 6.1  Profiles and references" in "\n".join(report.texts)  # numbers kept


def test_a_phase_with_every_step_left_out_is_left_out(store: Store, tmp_path: Path) -> None:
    engagement_id = engagements.create(store, "Short")
    deliver = frozenset({"case_study", "implementation", "learning"})
    report = write_report(store, engagement_id, tmp_path, leave_out=deliver)
    assert "Deliver the solution" not in report.titles(0)


def test_leaving_everything_out_leaves_the_cover(
    store: Store, demo_id: int, tmp_path: Path
) -> None:
    every_step = frozenset(step.key for step in STEPS)
    report = write_report(store, demo_id, tmp_path, leave_out=every_step, appendices=False)
    assert report.pages == 1
    assert report.outline == []
    assert report.texts[0].startswith("CARE CONNECT ENGAGEMENT · CASE STUDY\n")


def test_an_unknown_step_cannot_be_left_out() -> None:
    with pytest.raises(InvalidValueError, match="no step 'cover'; the steps are client_context"):
        ReportOptions(leave_out=frozenset({"cover"}))


def _long_dataset(count: int, description: str = "") -> list[dict[str, Any]]:
    items = [{"id": "root", "name": "Record", "data_type": "group"}]
    items += [
        {
            "id": f"d{i}",
            "parent": "root",
            "name": f"Item {i}",
            "data_type": "string",
            "cardinality": "0..1",
            "description": description,
        }
        for i in range(count)
    ]
    return items


def test_a_long_dataset_runs_over_pages_with_the_header_on_each(
    store: Store, tmp_path: Path
) -> None:
    engagement_id = engagement(store, data_items=_long_dataset(150))
    report = write_report(store, engagement_id, tmp_path)
    pages = {e.title: e.page for e in report.outline}
    first, after = pages["5 Identify dataset"], pages["Define the solution"]
    pages = [flat(text) for text in report.texts[first - 1 : after - 1]]
    assert len(pages) == 5
    assert all("Data item Type Cardinality Description" in text for text in pages)
    rows = [f"Item {i} string 0..1" for i in range(150)]
    assert all(row in report.text for row in rows)
    assert report.text.index(rows[0]) < report.text.index(rows[75]) < report.text.index(rows[149])


def test_a_cell_longer_than_a_page_is_split_between_pages(store: Store, tmp_path: Path) -> None:
    words = " ".join(f"word{i}" for i in range(3000))
    engagement_id = engagement(store, data_items=_long_dataset(2, description=words))
    report = write_report(store, engagement_id, tmp_path)
    assert "word0 word1" in report.text
    assert "word2998 word2999" in report.text
    dataset = report.section_text("5 Identify dataset")
    assert dataset.count("Data item Type Cardinality Description") >= 4


@pytest.mark.slow
def test_an_engagement_with_two_thousand_stories_builds(store: Store, tmp_path: Path) -> None:
    body = {
        "actors": [{"id": "a", "name": "Nurse", "care_setting": "Community"}],
        "features": [{"id": f"f{i}", "name": f"Feature {i}"} for i in range(20)],
        "user_stories": [
            {
                "id": f"s{i}",
                "ref": f"US-{i:04d}",
                "feature": f"f{i % 20}",
                "actor": "a",
                "requirement": f"to see record {i}",
                "justification": "I can act on it",
                "acceptance_criteria": [{"text": f"criterion {i}.{j}"} for j in range(3)],
            }
            for i in range(2000)
        ],
    }
    engagement_id = engagement(store, title="Big", **body)
    report = write_report(store, engagement_id, tmp_path)
    assert report.pages > 150
    assert all(f"US-{i:04d}" in report.text for i in range(2000))
    assert "As a Nurse (Community) I want to see record 1999 so that I can act on it" in (
        report.text
    )
