"""The app's log file: where it goes, what it says first, and that it is rotated."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest

from workbook import __version__
from workbook.logs import KEEP, LOG_NAME, MAX_BYTES, log_file, log_folder, start_logging


def test_the_log_goes_to_the_user_log_folder_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert log_folder() == tmp_path / "logs"  # tests/conftest.py sets WORKBOOK_LOG_DIR
    monkeypatch.delenv("WORKBOOK_LOG_DIR")
    assert "EngagementWorkbook" in str(log_folder())


def test_starting_the_log_creates_the_file_and_says_what_started(tmp_path: Path) -> None:
    setup = start_logging("engagement-workbook")
    try:
        assert setup.file == tmp_path / "logs" / LOG_NAME
        assert log_file() == setup.file
        logging.getLogger("ui.test").warning("a warning from the window")
    finally:
        setup.stop()
    text = setup.file.read_text(encoding="utf-8")
    assert f"engagement-workbook {__version__} started (source; Python" in text
    assert "WARNING" in text and "ui.test: a warning from the window" in text
    logging.getLogger("ui.test").warning("after stop")
    assert "after stop" not in setup.file.read_text(encoding="utf-8")


def test_the_log_is_rotated_and_only_the_last_files_kept(tmp_path: Path) -> None:
    setup = start_logging("engagement-workbook", tmp_path / "rotating")
    try:
        line = "x" * 1000
        for _ in range((KEEP + 3) * MAX_BYTES // 1000):
            logging.getLogger("workbook.test").info(line)
    finally:
        setup.stop()
    names = sorted(p.name for p in (tmp_path / "rotating").iterdir() if p.name.startswith(LOG_NAME))
    assert names == [LOG_NAME] + [f"{LOG_NAME}.{n}" for n in range(1, KEEP + 1)]
    assert all(p.stat().st_size <= MAX_BYTES for p in (tmp_path / "rotating").iterdir())


def test_a_folder_that_cannot_be_made_falls_back_to_the_temporary_folder(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    setup = start_logging("engagement-workbook", blocker / "logs")
    try:
        assert setup.file.parent == Path(tempfile.gettempdir()) / "EngagementWorkbook"
        assert setup.file.exists()
    finally:
        setup.stop()
