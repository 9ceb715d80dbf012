"""Starting the app on a laptop: the log, the daily copy, the edit lock, faults at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui import app as app_module
from ui.app import run
from workbook.db import backups, edit_lock
from workbook.db.store import open_store

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture]
ROOT = Path(__file__).resolve().parents[2]


def test_a_start_logs_takes_the_days_copy_and_frees_the_lock(
    qapp, db_path: Path, tmp_path: Path
) -> None:
    open_store(db_path).close()
    assert run(["--db", str(db_path), "--smoke-test", str(tmp_path / "shots")]) == 0
    log = (tmp_path / "logs" / "workbook.log").read_text(encoding="utf-8")
    assert "engagement-workbook" in log and f"database {db_path}" in log
    assert [b.kind for b in backups.backups(db_path)] == ["daily"]
    assert run(["--db", str(db_path), "--smoke-test", str(tmp_path / "again")]) == 0
    assert [b.kind for b in backups.backups(db_path)] == ["daily"]  # once a day
    lock = edit_lock.acquire(db_path)
    assert lock is not None
    lock.release()


def test_a_new_database_is_not_copied(qapp, db_path: Path, tmp_path: Path) -> None:
    assert run(["--db", str(db_path), "--smoke-test", str(tmp_path / "shots")]) == 0
    assert backups.backups(db_path) == []


def test_a_fault_at_start_up_is_logged_and_said_in_one_line(
    qapp, db_path: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_window(*_args: object) -> None:
        raise RuntimeError("injected start-up fault")

    monkeypatch.setattr(app_module, "MainWindow", broken_window)
    assert run(["--db", str(db_path), "--smoke-test", str(tmp_path / "shots")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    log_file = tmp_path / "logs" / "workbook.log"
    assert err == [
        "engagement-workbook: could not start (RuntimeError: injected start-up fault); "
        f"see {log_file}"
    ]
    assert "Traceback" in log_file.read_text(encoding="utf-8")


def test_the_smoke_test_fails_on_an_error_inside_a_slot(
    qapp, db_path: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.engagement_view import EngagementView

    original = EngagementView._load_visible

    def load_visible(view: EngagementView) -> None:
        if view.visible_page() is view.pages.get("mapping"):
            raise ImportError("No module named 'workbook.profiles.hidden'")
        original(view)

    monkeypatch.setattr(EngagementView, "_load_visible", load_visible)
    assert run(["--db", str(db_path), "--smoke-test", str(tmp_path / "shots")]) == 1
    assert "unexpected error" in capsys.readouterr().err
    assert "No module named 'workbook.profiles.hidden'" in (
        tmp_path / "logs" / "workbook.log"
    ).read_text(encoding="utf-8")


def test_quit_when_shown_says_when_the_window_is_up(db_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ui.app import main; main()",
            "--db",
            str(db_path),
            "--quit-when-shown",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["shown"]
