"""Importing a BPMN file from the business process tab: one undo step puts the old one back."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.main_window import MainWindow
from workbook.files.engagement_file import export_document

pytestmark = pytest.mark.gui

SAMPLES = Path(__file__).resolve().parents[1] / "importers" / "samples" / "bpmn"


def test_a_bpmn_file_replaces_the_process_and_undo_restores_it(
    window: MainWindow, demo_id: int
) -> None:
    store = window.workspace.store
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    window.view.open_step("business_requirements")
    page = window.view.pages["business_requirements"]
    page.tabs.setCurrentWidget(page.process)
    before = export_document(store, demo_id)["engagement"]["process"]
    sample = sorted(SAMPLES.glob("*.bpmn"))[0]

    assert page.process.import_bpmn(sample)
    after = export_document(store, demo_id)["engagement"]["process"]
    assert after != before
    assert page.process.message.text().startswith("Imported lanes ")
    assert window.undo_action.text().startswith(f"&Undo Import process from {sample.name}")
    window.workspace.undo_stack.undo()
    assert export_document(store, demo_id)["engagement"]["process"] == before
    window.workspace.undo_stack.redo()
    assert export_document(store, demo_id)["engagement"]["process"]["nodes"]


def test_a_broken_bpmn_file_is_reported_and_changes_nothing(
    window: MainWindow, demo_id: int, tmp_path: Path
) -> None:
    store = window.workspace.store
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    window.view.open_step("business_requirements")
    page = window.view.pages["business_requirements"]
    before = export_document(store, demo_id)["engagement"]["process"]
    broken = tmp_path / "broken.bpmn"
    broken.write_text("<definitions><process id='p'><task id='t'")
    assert not page.process.import_bpmn(broken)
    assert "broken.bpmn" in page.process.message.text()
    assert export_document(store, demo_id)["engagement"]["process"] == before
