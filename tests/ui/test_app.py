"""The first desktop window: lists the engagements and shows the steps of the current one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from ui.app import MainWindow, run
from ui.engagement_list_model import IdRole
from workbook.db.store import Store
from workbook.services import engagements, stages

pytestmark = pytest.mark.gui


def test_the_window_lists_engagements_most_recent_first(qtbot, store: Store, demo_id: int) -> None:
    other = engagements.create(store, "Referral letters", client_name="Wyre Valley")
    window = MainWindow(store)
    qtbot.addWidget(window)
    model = window.list.model()
    assert model.rowCount() == 2
    assert model.index(0).data() == "Referral letters"
    assert model.index(0).data(IdRole) == other
    assert "Wyre Valley" in window.detail.text()


def test_opening_an_engagement_shows_its_steps(qtbot, store: Store, demo_id: int) -> None:
    engagements.create(store, "Other")
    stages.set_status(store, demo_id, "learning", "done")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.open_engagement(demo_id)
    text = window.detail.text()
    assert "Identify Care Connect profiles and FHIR resources" in text
    assert "Northfield" in text


def test_an_empty_database_says_how_to_start(qtbot, store: Store) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert "No engagements yet" in window.detail.text()


def test_smoke_test_writes_a_screenshot(qtbot, tmp_path: Path, db_path: Path) -> None:
    out = tmp_path / "shots"
    assert run(["--db", str(db_path), "--smoke-test", str(out)]) == 0
    image = QImage(str(out / "main.png"))
    assert image.width() >= 800 and image.height() >= 500


def test_a_bad_database_fails_the_smoke_test_cleanly(qtbot, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("nope")
    assert run(["--db", str(bad), "--smoke-test", str(tmp_path / "s")]) == 1
    assert "not an Engagement Workbook database" in capsys.readouterr().err
