"""``engagement-workbook --smoke-test``: every tab visited, titled and photographed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from ui.app import run
from workbook.steps import STEPS

pytestmark = pytest.mark.gui


def test_smoke_test_visits_every_tab(qapp, tmp_path: Path, db_path: Path, capsys) -> None:
    out = tmp_path / "shots"
    assert run(["--db", str(db_path), "--smoke-test", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == ["Overview"] + [f"{s.number}. {s.title}" for s in STEPS]
    names = sorted(p.name for p in out.iterdir())
    assert names == ["00-overview.png"] + [f"{s.number:02d}-{s.key}.png" for s in STEPS]
    image = QImage(str(out / "04-business_requirements.png"))
    assert image.width() >= 1200 and image.height() >= 800


def test_smoke_test_of_a_bad_database_fails_cleanly(qapp, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("nope")
    assert run(["--db", str(bad), "--smoke-test", str(tmp_path / "s")]) == 1
    assert "not an Engagement Workbook database" in capsys.readouterr().err


CHILD = textwrap.dedent("""
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    from ui.main_window import MainWindow
    from ui.workspace import Workspace
    from workbook.db.store import open_store
    app = QApplication([])
    store = open_store(sys.argv[1])
    settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
    window = MainWindow(Workspace(store), settings)
    window.show()
    window.welcome.demo_requested.emit()
    window.view.open_step("learning")
    editor = window.view.pages["learning"].text
    editor.edit.setFocus()
    QTest.keyClicks(editor.edit, "Typed just before the power cut.")
    QTest.qWait(900)
    os.kill(os.getpid(), signal.SIGKILL)
""")


@pytest.mark.slow
def test_every_edit_survives_a_kill_9(tmp_path: Path, db_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(db_path), str(tmp_path / "s.ini")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        text = conn.execute("SELECT text FROM stages WHERE key = 'learning'").fetchone()[0]
    assert "Typed just before the power cut." in text
