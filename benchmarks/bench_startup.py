"""Time from launch to the window shown, and the size of the bundle.

    python benchmarks/bench_startup.py [--runs 7] [--no-bundle]

Four programs, each started as a new process the same way and timed from launch until it
prints that its window is up (``--quit-when-shown``: after ``show()``, once the event loop
runs), on the demo engagement:

- the app from the source install (``python -c "from ui.app import main; main()"``);
- a bare PySide6 window (QApplication + QMainWindow) from the same Python;
- the app from the bundle (``dist/EngagementWorkbook``, built by ``make installer``);
- the same bare window bundled the same way (built here once into benchmarks/out/).

The first run of each warms the disk cache and is not counted. Offscreen unless
QT_QPA_PLATFORM says otherwise. Also prints the bundle's size, unpacked, by part.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
BUNDLE = ROOT / "dist" / "EngagementWorkbook"

BARE = """\
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)
window.show()
def shown():
    print("shown", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == "shown":
                elapsed = time.perf_counter() - started
                break
        else:
            raise SystemExit(f"{command[0]} exited without showing its window")
        child.wait(timeout=60)
    return elapsed


def bare_bundle(pyinstaller: Path) -> Path:
    """The bare window as a one-folder, windowed PyInstaller build (built once)."""
    program = OUT / "bare" / "dist" / "BareWindow" / "BareWindow"
    if program.exists():
        return program
    work = OUT / "bare"
    work.mkdir(parents=True, exist_ok=True)
    script = work / "bare_window.py"
    script.write_text(BARE, encoding="utf-8")
    subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--windowed",
            "--name",
            "BareWindow",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            "--specpath",
            str(work),
            str(script),
        ],
        check=True,
    )
    return program


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    )


def bundle_sizes(bundle: Path) -> None:
    internal = bundle / "_internal"
    qt = internal / "PySide6"
    icu = sum(size_mb(p) for p in qt.rglob("libicu*"))
    system = sum(size_mb(p) for p in internal.glob("*.so*") if not p.is_symlink())
    system += sum(size_mb(p) for p in internal.glob("*.dll"))
    vendored = sum(size_mb(p) for p in internal.glob("*.libs"))
    parts = {
        "Qt and PySide6 (without ICU)": size_mb(qt) - icu,
        "ICU (Qt's Unicode data; Linux only)": icu,
        "libraries beside Python (system on Linux)": system,
        "libraries vendored by wheels (*.libs)": vendored,
        "resources/ (catalogue, fonts, demo)": size_mb(internal / "resources"),
    }
    total = size_mb(bundle)
    parts["Python, its modules and the app's code"] = total - sum(parts.values())
    print(f"bundle {bundle}: {total:.0f} MB unpacked")
    for name, mb in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"  {mb:6.1f} MB  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-bundle", action="store_true", help="time the source install only")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "WORKBOOK_LOG_DIR": str(home / "logs"),
            "XDG_CONFIG_HOME": str(home / "config"),  # the app's remembered window state
            "HOME": str(home),
        }
        database = home / "bench.sqlite"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "workbook",
                "--db",
                str(database),
                "import",
                str(ROOT / "resources" / "demo" / "demo.engagement.json"),
            ],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        app_args = ["--db", str(database), "--quit-when-shown"]
        programs = {
            "bare PySide6 window, source": [sys.executable, "-c", BARE],
            "Engagement Workbook, source": [
                sys.executable,
                "-c",
                f"import sys; sys.path.insert(0, {str(ROOT)!r}); from ui.app import main; main()",
                *app_args,
            ],
        }
        if not args.no_bundle:
            if not (BUNDLE / "EngagementWorkbook").exists():
                raise SystemExit(f"no bundle at {BUNDLE}: run `make installer` first")
            pyinstaller = Path(sys.executable).with_name("pyinstaller")
            if not pyinstaller.exists():
                pyinstaller = Path(shutil.which("pyinstaller") or "pyinstaller")
            programs["bare PySide6 window, bundled"] = [str(bare_bundle(pyinstaller))]
            programs["Engagement Workbook, bundled"] = [
                str(BUNDLE / "EngagementWorkbook"),
                *app_args,
            ]
        times: dict[str, list[float]] = {name: [] for name in programs}
        for command in programs.values():
            timed(command, env)  # warm the disk cache
        for _ in range(args.runs):
            for name, command in programs.items():
                times[name].append(timed(command, env))
    print(f"launch to window shown, {args.runs} runs each (median, best):")
    for name, values in times.items():
        print(f"  {name:32s} {statistics.median(values):5.2f} s  {min(values):5.2f} s")
    if not args.no_bundle:
        bundle_sizes(BUNDLE)
        bare = OUT / "bare" / "dist" / "BareWindow"
        print(f"bare PySide6 window bundle: {size_mb(bare):.0f} MB unpacked")


if __name__ == "__main__":
    main()
