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


def timings(layout: Callable[[], Diagram], repeat: int) -> dict[str, float]:
    """Seconds, best of ``repeat``: the layout and each renderer; the diagram's size."""
    diagram = layout()
    return {
        "layout": best(repeat, layout),
        "svg": best(repeat, lambda: diagrams.render_svg(diagram)),
        "png": best(repeat, lambda: diagrams.render_png(diagram)),
        "pdf": best(repeat, lambda: renderPDF.drawToString(diagrams.render_reportlab(diagram))),
        "width": diagram.width,
        "height": diagram.height,
    }


def measure(repeat: int = 3) -> dict[str, dict[str, float]]:
    """The timings of every demo diagram and of the largest generated ones, by name."""
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite")
        demo = import_engagement_file(store, demo_engagement_path()).engagement_id
        for kind in diagrams.KINDS:
            names = diagrams.sequence_names(store, demo) if kind == "sequence" else [None]
            for name in names:
                label = f"demo {kind}" + (f": {name}" if name else "")
                figures[label] = timings(
                    lambda k=kind, n=name: diagrams.build(store, demo, k, n), repeat
                )
        store.close()
    for case, layout in STRESS.items():
        figures[f"largest {case}"] = timings(layout, repeat)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for name, f in measure(args.repeat).items():
        times = "  ".join(f"{k} {f[k] * 1000:5.0f} ms" for k in ("layout", "svg", "png", "pdf"))
        print(f"{name[:44]:44} {f['width']:>4.0f}x{f['height']:<5.0f} {times}")


if __name__ == "__main__":
    main()
