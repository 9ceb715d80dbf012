"""Every benchmark, each in a fresh process, printed as one table and kept in results.json.

    python benchmarks/run_all.py [--quick] [--only NAME ...] [--out benchmarks/results.json]

(``make bench``.) Each benchmark module exposes ``measure(...)`` returning its figures; this
runs each in its own process (so that memory peaks and Qt do not mix), then prints one row
per figure that matters: what was measured, the figure, the baseline measured in the same
run (bare openpyxl, bare reportlab, bare SQL, a bare PySide6 window...) and the ratio
figure / baseline. All figures are wall-clock unless the row says CPU. ``--quick`` runs
everything at a tenth of the size, to check that it works. Takes about 5 minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.json"
ITEMS, STORIES = 10_000, 2_000

LARGE = {"items": ITEMS, "stories": STORIES}
SMALL = {"items": 1_000, "stories": 200}

# name: (module, function, keyword arguments, the same at --quick)
BENCHMARKS: dict[str, tuple[str, str, dict[str, Any], dict[str, Any]]] = {
    "startup": ("run_all", "startup", {"runs": 5}, {"runs": 2}),
    "window": ("bench_window", "measure", LARGE, SMALL),
    "engagement file": ("bench_engagement_file", "measure", LARGE, SMALL),
    "edits": ("bench_edits", "measure", LARGE | {"edits": 200}, SMALL | {"edits": 20}),
    "excel": ("bench_excel", "measure", LARGE | {"runs": 3}, SMALL | {"runs": 1}),
    "report": ("bench_report", "measure", LARGE, SMALL),
    "xml": ("bench_xml_import", "measure", {"megabytes": 100}, {"megabytes": 10}),
    "catalogue": (
        "bench_catalogue",
        "measure",
        {"stories": 50_000, "repeat": 20},
        {"stories": 5_000, "repeat": 5},
    ),
    "profiles": (
        "bench_profiles",
        "measure",
        {"profiles": 300, "mappings": 900},
        {"profiles": 30, "mappings": 90},
    ),
    "diagrams": ("bench_diagrams", "measure", {"repeat": 3}, {"repeat": 1}),
    "steps": ("bench_steps", "measure", {"items": ITEMS, "runs": 3}, {"items": 1_000, "runs": 1}),
    "hostile": ("run_all", "hostile", {}, {}),
}


# ----------------------------------------------------------------- measured here


def startup(runs: int = 5) -> dict[str, float]:
    """Seconds from launch to the window shown, median of ``runs``: the app from source on
    the demo, and a bare PySide6 window (bench_startup.py's programs, source install only;
    without that file, the window benchmark's in-process figure stands in)."""
    try:
        from bench_startup import BARE, timed  # written alongside; optional
    except ImportError:
        from bench_window import measure

        return {"window built s": measure(1000, 200)["window built ms"] / 1000}
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "WORKBOOK_LOG_DIR": str(home / "logs"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "HOME": str(home),
        }
        database = home / "bench.sqlite"
        demo = ROOT / "resources" / "demo" / "demo.engagement.json"
        subprocess.run(
            [sys.executable, "-m", "workbook", "--db", str(database), "import", str(demo)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        app = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from ui.app import main; main()"
        programs = {
            "app s": [sys.executable, "-c", app, "--db", str(database), "--quit-when-shown"],
            "bare PySide6 window s": [sys.executable, "-c", BARE],
        }
        for command in programs.values():
            timed(command, env)  # warm the disk cache
        times: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(runs):
            for name, command in programs.items():
                times[name].append(timed(command, env))
    return {name: statistics.median(values) for name, values in times.items()}


def hostile() -> dict[str, float]:
    """Every hostile file through every command that reads it (the cases of
    tests/reliability/test_hostile_files.py), in process, after a first round that loads
    the modules: how many were refused with the expected line, the median and slowest
    refusal in ms, and the largest Python memory (tracemalloc) one took, the command's own
    start included."""
    sys.path.insert(0, str(ROOT))
    from tests.reliability.test_hostile_files import COMMANDS, REFUSED, TWO_GB, copy_as
    from tools.make_hostile import sparse_file
    from workbook.cli import run
    from workbook.db.store import open_store
    from workbook.files.engagement_file import import_engagement_file
    from workbook.resources import demo_engagement_path

    cases = [*REFUSED, *((None, command, suffix, m) for command, suffix, m in TWO_GB)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pristine = folder / "pristine.sqlite"
        store = open_store(pristine)
        import_engagement_file(store, demo_engagement_path())
        store.close()

        def refuse(name: str | None, command: str, suffix: str, message: str) -> bool:
            database = folder / "workbook.sqlite"
            shutil.copyfile(pristine, database)
            path = copy_as(name, suffix, folder) if name else sparse_file(folder / f"huge{suffix}")
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = run(["--db", str(database), *COMMANDS[command], str(path)])
            path.unlink()
            return code == 1 and err.getvalue() == f"workbook: {path}: {message}\n"

        refused = sum(refuse(*case) for case in cases)
        times, peaks = [], []
        for case in cases:
            start = time.perf_counter()
            refuse(*case)
            times.append((time.perf_counter() - start) * 1000)
            tracemalloc.start()
            refuse(*case)
            peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
            tracemalloc.stop()
    return {
        "cases": len(cases),
        "refused as expected": refused,
        "median ms": statistics.median(times),
        "slowest ms": max(times),
        "largest Python memory MB": max(peaks),
    }


# ----------------------------------------------------------------- the table


@dataclass
class Row:
    what: str
    figure: float
    unit: str
    baseline_what: str = ""
    baseline: float | None = None

    @property
    def ratio(self) -> float | None:
        return self.figure / self.baseline if self.baseline else None


Value = str | Callable[[dict[str, Any]], Any]  # a figure's name, or how to work it out


def rows(results: dict[str, Any], quick: bool = False) -> list[Row]:
    """The rows that matter, from each benchmark's figures (those that failed are left out)."""
    out: list[Row] = []
    sizes = SMALL if quick else LARGE
    size = f"{sizes['items']:,} items, {sizes['stories']:,} stories"

    def add(
        name: str, what: Value, unit: str, figure: Value, base: str = "", of: Value = ""
    ) -> None:
        found = results.get(name)
        if not isinstance(found, dict):
            return

        def get(value: Value) -> Any:
            return value(found) if callable(value) else found[value]

        with contextlib.suppress(KeyError):
            out.append(Row(get(what) if callable(what) else what, get(figure), unit, base,
                           get(of) if of else None))  # fmt: skip

    if "app s" in results.get("startup", {}):
        add("startup", "start-up to window shown (demo)", "s", "app s",
            "bare PySide6 window", "bare PySide6 window s")  # fmt: skip
    else:
        add("startup", "window built (in process)", "s", "window built s")
    add("window", f"open a large engagement in the window ({size})", "ms",
        "large engagement opened ms", "every row read with bare SQL",
        "bare SQL read ms")  # fmt: skip
    add("engagement file", lambda f: f"import a large engagement file ({f['file MB']:.1f} MB)",
        "s", lambda f: f["read + check file"] + f["write to database"])  # fmt: skip
    add("edits", "edit commit latency, median (update a data item)", "ms",
        "update a data item median ms", "bare SQL UPDATE + COMMIT",
        "bare SQL update median ms")  # fmt: skip
    add("edits", "edit commit latency, 95th percentile", "ms",
        "update a data item p95 ms", "bare SQL UPDATE + COMMIT",
        "bare SQL update p95 ms")  # fmt: skip
    add("excel", f"export .xlsx ({size}; CPU)", "s", "export",
        "bare openpyxl, write-only", "bare write-only")  # fmt: skip
    add("excel", "read a returned .xlsx back and diff it (CPU)", "s",
        lambda f: f["import: read"] + f["import: diff"])  # fmt: skip
    add("report", lambda f: f"export .pdf ({size}, {f['large pages']:,.0f} pages)", "s",
        "large seconds", "bare reportlab paragraphs", "bare reportlab seconds")  # fmt: skip
    add("xml", lambda f: f"XML sample import throughput ({f['sample MB']:.0f} MB, 2 processes)",
        "MB/s", lambda f: f["sample MB"] / f["import seconds"], "bare guarded expat parse",
        lambda f: f["sample MB"] / f["bare parse seconds"])  # fmt: skip
    add("xml", "XML sample read in one process (CPU)", "MB/s",
        lambda f: f["sample MB"] / f["read in one process CPU seconds"], "bare guarded expat parse",
        lambda f: f["sample MB"] / f["bare parse CPU seconds"])  # fmt: skip
    add("xml", "XML import peak memory (RSS, both processes)", "MB",
        lambda f: f["peak memory MB"] + f["second process peak memory MB"],
        "the process before importing", "memory before import MB")  # fmt: skip
    add("catalogue", lambda f: f"catalogue search, a common word ({f['stories']:,} stories)",
        "ms", lambda f: f["common word"]["median ms"], "portable LIKE search",
        lambda f: f["common word"]["LIKE median ms"])  # fmt: skip
    add("catalogue", "catalogue search, two words with filters", "ms",
        lambda f: f["words + filters"]["median ms"], "portable LIKE search",
        lambda f: f["words + filters"]["LIKE median ms"])  # fmt: skip
    add("profiles", lambda f: next(k for k in f if k.startswith("import ")), "s",
        lambda f: next(v for k, v in f.items() if k.startswith("import ")))  # fmt: skip
    add("diagrams", "lay out the slowest of the largest diagrams", "s",
        lambda f: max(v["layout"] for k, v in f.items() if k.startswith("largest")))  # fmt: skip
    add("steps", f"open step 7's mapping grid ({sizes['items']:,} items, 5 profiles)", "ms",
        "open step 7 grid ms")  # fmt: skip
    add("hostile", lambda f: f"refuse a hostile file, median ({f['refused as expected']:.0f} of "
        f"{f['cases']:.0f} as expected; slowest {f['slowest ms']:.0f} ms)", "ms",
        "median ms")  # fmt: skip
    add("hostile", "hostile file refused: largest Python memory taken", "MB",
        "largest Python memory MB")  # fmt: skip
    return out


def show(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    digits = 0 if value >= 100 else 1 if value >= 10 else 2
    return f"{value:,.{digits}f} {unit}".strip()


def table(found: list[Row]) -> str:
    lines = [f"{'what':<70} {'figure':>11}  {'baseline':<41} {'ratio':>6}"]
    for row in found:
        baseline = f"{show(row.baseline, row.unit)} {row.baseline_what}" if row.baseline else "—"
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        lines.append(f"{row.what:<70} {show(row.figure, row.unit):>11}  {baseline:<41} {ratio:>6}")
    return "\n".join(lines)


# ----------------------------------------------------------------- running


def run_one(name: str, quick: bool) -> dict[str, Any] | str:
    """One benchmark in a fresh process: its figures, or why it failed."""
    module, function, options, quick_options = BENCHMARKS[name]
    arguments = json.dumps(quick_options if quick else options)
    code = (
        f"import json, sys; sys.path[:0] = [{str(HERE)!r}, {str(ROOT)!r}]; "
        f"from {module} import {function}; "
        f"print('\\nRESULT ' + json.dumps({function}(**json.loads({arguments!r}))))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    last = (done.stderr.strip().splitlines() or ["no output"])[-1]
    return f"failed (exit {done.returncode}): {last}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, metavar="NAME")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    results: dict[str, Any] = {}
    for name in args.only or BENCHMARKS:
        start = time.perf_counter()
        print(f"running {name}...", end=" ", flush=True, file=sys.stderr)
        results[name] = run_one(name, args.quick)
        print(f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
    found = rows(results, args.quick)
    print(table(found))
    failed = {name: why for name, why in results.items() if isinstance(why, str)}
    for name, why in failed.items():
        print(f"{name}: {why}")
    args.out.write_text(
        json.dumps(
            {
                "measured": dt.datetime.now().isoformat(timespec="seconds"),
                "quick": args.quick,
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "system": platform.platform(),
                },
                "table": [asdict(row) | {"ratio": row.ratio} for row in found],
                "benchmarks": results,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written to {args.out}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
