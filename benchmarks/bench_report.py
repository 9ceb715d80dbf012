"""Time and memory to write the PDF case study of a large engagement.

    python benchmarks/bench_report.py [--items 10000] [--stories 2000] [--keep FILE.pdf]

Imports the engagement of ``bench_engagement_file.build`` (a three-level dataset tree with
every leaf mapped; stories with three acceptance criteria each), then writes its report
and prints the time, the pages and the peak memory. The demo engagement's report is timed
too, as the everyday case. The baseline is the same text (steps, dataset, mappings,
stories, XML paths and examples) as plain paragraphs through reportlab's stock
``SimpleDocTemplate``, laid out once, with no tables, contents, diagrams or styling.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_engagement_file import build
from workbook.db.store import open_store
from workbook.files.engagement_file import export_document, import_engagement_file
from workbook.report import export_report
from workbook.resources import demo_engagement_path


def timed_report(store_path: Path, source: Path, target: Path) -> tuple[float, int]:
    store = open_store(store_path)
    try:
        engagement_id = import_engagement_file(store, source).engagement_id
        start = time.perf_counter()
        pages = export_report(store, engagement_id, target)
        return time.perf_counter() - start, pages
    finally:
        store.close()


def bare_report(store_path: Path, target: Path) -> tuple[float, int]:
    """The baseline: the same engagement's text (steps, dataset, mappings, stories, XML
    paths and examples) as plain reportlab paragraphs, laid out once by a stock template."""
    store = open_store(store_path)
    try:
        start = time.perf_counter()
        body = export_document(store, 1)["engagement"]
        style = getSampleStyleSheet()["BodyText"]
        names = {item["id"]: item["name"] for item in body["data_items"]}
        lines = [stage.get("text", "") for stage in body["stages"].values()]
        lines += [
            f"{i['name']} {i.get('data_type', '')} {i.get('cardinality', '')} "
            f"{i.get('description', '')}"
            for i in body["data_items"]
        ]
        lines += [
            f"{names[m['data_item']]} {m['profile']} {m.get('element_path', '')} {m['status']}"
            for m in body["mappings"]
        ]
        for story in body["user_stories"]:
            lines.append(f"As a {story['actor']} I want {story['requirement']}")
            lines += [criterion["text"] for criterion in story["acceptance_criteria"]]
        lines += [
            f"{i['name']} {i.get('xml_path', '')} {i.get('example', '')}"
            for i in body["data_items"]
        ]
        document = SimpleDocTemplate(str(target), pagesize=A4)
        document.build([Paragraph(escape(line), style) for line in lines])
        return time.perf_counter() - start, document.page
    finally:
        store.close()


def measure(
    items: int = 10_000, stories: int = 2_000, keep: Path | None = None
) -> dict[str, float]:
    """Seconds and pages for the demo's report, the large engagement's, and the bare
    reportlab baseline of the large one; its size; peak memory."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seconds, pages = timed_report(
            folder / "demo.sqlite", demo_engagement_path(), folder / "demo.pdf"
        )
        figures |= {"demo seconds": seconds, "demo pages": pages}
        source = folder / "big.engagement.json"
        source.write_text(json.dumps(build(items, stories)), encoding="utf-8")
        target = folder / "big.pdf"
        seconds, pages = timed_report(folder / "big.sqlite", source, target)
        figures |= {"large seconds": seconds, "large pages": pages}
        figures["large MB"] = target.stat().st_size / 1e6
        seconds, pages = bare_report(folder / "big.sqlite", folder / "bare.pdf")
        figures |= {"bare reportlab seconds": seconds, "bare reportlab pages": pages}
        if keep:
            shutil.copyfile(target, keep)
    figures["peak memory MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=2_000)
    parser.add_argument("--keep", type=Path, help="copy the large report here")
    args = parser.parse_args()
    f = measure(args.items, args.stories, args.keep)
    print(f"demo engagement: {f['demo seconds']:.2f} s, {f['demo pages']:.0f} pages")
    print(
        f"{args.items:,} data items, {args.stories:,} stories: {f['large seconds']:.2f} s, "
        f"{f['large pages']:,.0f} pages, {f['large MB']:.1f} MB"
    )
    print(
        f"the same text as bare reportlab paragraphs: {f['bare reportlab seconds']:.2f} s, "
        f"{f['bare reportlab pages']:,.0f} pages "
        f"(the report takes {f['large seconds'] / f['bare reportlab seconds']:.2f}x)"
    )
    print(f"peak memory {f['peak memory MB']:.0f} MB")


if __name__ == "__main__":
    main()
