"""Time to lay out and draw every kind of diagram, for the demo and at the largest sizes.

    python benchmarks/bench_diagrams.py [--repeat 3]

The largest sizes are the generated cases the layout tests use (30 nodes, 15 lanes,
40 messages, 30 profiles). Prints the best of ``--repeat`` runs for each step.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.graphics import renderPDF

from tests.diagrams.conftest import STRESS
from workbook import diagrams
from workbook.db.store import open_store
from workbook.diagrams.model import Diagram
from workbook.files.engagement_file import import_engagement_file
from workbook.resources import demo_engagement_path


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def report(name: str, layout: Callable[[], Diagram], repeat: int) -> None:
    diagram = layout()
    figures = {
        "layout": best(repeat, layout),
        "svg": best(repeat, lambda: diagrams.render_svg(diagram)),
        "png": best(repeat, lambda: diagrams.render_png(diagram)),
        "pdf": best(repeat, lambda: renderPDF.drawToString(diagrams.render_reportlab(diagram))),
    }
    times = "  ".join(f"{k} {v * 1000:5.0f} ms" for k, v in figures.items())
    print(f"{name[:44]:44} {diagram.width:>4.0f}x{diagram.height:<5.0f} {times}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite")
        demo = import_engagement_file(store, demo_engagement_path()).engagement_id
        for kind in diagrams.KINDS:
            names = diagrams.sequence_names(store, demo) if kind == "sequence" else [None]
            for name in names:
                label = f"demo {kind}" + (f": {name}" if name else "")
                report(label, lambda k=kind, n=name: diagrams.build(store, demo, k, n), args.repeat)
        store.close()
    for case, layout in STRESS.items():
        report(f"largest {case}", layout, args.repeat)


if __name__ == "__main__":
    main()
