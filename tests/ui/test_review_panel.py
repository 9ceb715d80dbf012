"""The review panel, the marks in the story table and the mapping grid, and the overview's
dashboard, on the demo engagement."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence

from ui import reviewer as reviewer_module
from ui.main_window import MainWindow
from ui.models.collection_model import IdRole
from ui.models.findings_model import FindingRole
from ui.pages.mapping import MappingEditor
from ui.pages.requirements import BusinessRequirementsPage
from ui.review_panel import ReviewPanel
from ui.reviewer import reviewer_for
from ui.undo import AddRow, UpdateRow
from workbook.checks import Finding
from workbook.errors import StoreError
from workbook.services import collections


def _opened(window: MainWindow, qtbot, demo_id: int) -> ReviewPanel:
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    reviewer = reviewer_for(window.workspace)
    qtbot.waitUntil(lambda: reviewer.checked and not reviewer.busy())
    return window.review


def _shown(panel: ReviewPanel) -> list[Finding]:
    return [panel.proxy.index(row, 0).data(FindingRole) for row in range(panel.proxy.rowCount())]


def _row_of(panel: ReviewPanel, code: str, subject: str) -> QModelIndex:
    return next(
        panel.proxy.index(row, 0)
        for row in range(panel.proxy.rowCount())
        if (f := panel.proxy.index(row, 0).data(FindingRole)).code == code and f.subject == subject
    )


def test_the_panel_lists_and_filters_the_findings(window: MainWindow, qtbot, demo_id: int) -> None:
    panel = _opened(window, qtbot, demo_id)
    assert len(_shown(panel)) == 18
    assert [b.text() for b in panel.buttons.values()] == ["1 error", "7 warnings", "10 notes"]
    assert panel.state.text() == "18 findings"
    panel.buttons["warning"].setChecked(False)
    panel.buttons["info"].setChecked(False)
    assert [f.code for f in _shown(panel)] == ["test.failed"]
    assert panel.state.text() == "1 of 18 findings"
    panel.buttons["warning"].setChecked(True)
    panel.step.setCurrentIndex(panel.step.findData("business_requirements"))
    panel.step.activated.emit(panel.step.currentIndex())
    assert [f.code for f in _shown(panel)] == ["story.no-secondary-actor", "story.names-technology"]
    panel.step.setCurrentIndex(0)
    panel.step.activated.emit(0)
    panel.buttons["info"].setChecked(True)
    panel.search.setText("frequency")
    assert [f.subject for f in _shown(panel)] == [
        "Frequency → MedicationStatement.dosage.timing.repeat.frequency"
    ]


def test_a_finding_opens_its_story(window: MainWindow, qtbot, demo_id: int) -> None:
    panel = _opened(window, qtbot, demo_id)
    page = window.view.pages["business_requirements"]
    assert isinstance(page, BusinessRequirementsPage)
    window.view.open_step("business_requirements")
    page.stories.search.setText("US-001")  # US-013 is filtered out: the jump shows it anyway
    panel.table.activated.emit(_row_of(panel, "story.names-technology", "US-013"))
    assert window.view.visible_page() is page
    assert page.tabs.currentWidget() is page.stories
    assert page.stories.table.currentIndex().data() == "US-013"
    assert page.stories.form.ref.text() == "US-013"


def test_a_finding_opens_its_mapping_cell(window: MainWindow, qtbot, demo_id: int) -> None:
    panel = _opened(window, qtbot, demo_id)
    subject = "Frequency → MedicationStatement.dosage.timing.repeat.frequency"
    panel.table.activated.emit(_row_of(panel, "mapping.type-conflict", subject))
    editor = window.view.pages["mapping"].editor
    assert isinstance(editor, MappingEditor)
    current = editor.view.currentIndex()
    assert editor.model.row(current.row()).item["name"] == "Frequency"
    assert current.data() == "MedicationStatement.dosage.timing.repeat.frequency [partial]"
    assert current.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "a string item mapped to an integer element" in current.data(Qt.ItemDataRole.ToolTipRole)


def test_a_finding_opens_its_test(window: MainWindow, qtbot, demo_id: int) -> None:
    panel = _opened(window, qtbot, demo_id)
    subject = "Change reasons shown for changed and stopped medicines"
    panel.table.activated.emit(_row_of(panel, "test.failed", subject))
    table = window.view.pages["implementation"].editor.table
    assert table.view.currentIndex().data(IdRole) == table.current_id()
    assert collections.get(window.workspace.store, "tests", table.current_id())["name"] == subject


def test_the_view_menu_shows_and_hides_the_panel(window: MainWindow, qtbot, demo_id: int) -> None:
    _opened(window, qtbot, demo_id)
    window.show()
    qtbot.waitExposed(window)
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    toggle = view_menu.actions()[0]
    assert toggle.shortcut() == QKeySequence("Ctrl+Shift+R")
    dock = window.review.parentWidget()
    assert not dock.isVisible()
    toggle.trigger()
    assert dock.isVisible()
    assert window.settings.value("review_panel") in (True, "true")
    toggle.trigger()
    assert not dock.isVisible()


def test_findings_follow_the_edits(window: MainWindow, qtbot, demo_id: int) -> None:
    panel = _opened(window, qtbot, demo_id)
    workspace = window.workspace
    store = workspace.store
    window.view.open_step("business_requirements")
    stories = window.view.pages["business_requirements"].stories
    model = stories.model
    us13 = model.index(model.row_of(_story_id(window, "US-013")), 0)
    us01 = model.index(model.row_of(_story_id(window, "US-001")), 0)
    assert us13.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "may not be an interoperability story" in us13.data(Qt.ItemDataRole.ToolTipRole)
    assert us01.data(Qt.ItemDataRole.DecorationRole) is None
    system = next(
        a["id"]
        for a in collections.rows(store, "actors", demo_id)
        if a["name"] == "GP Clinical System"
    )
    workspace.push(
        UpdateRow(
            workspace, "Edit story", "user_stories", _story_id(window, "US-013"),
            secondary_actor_id=system,
        )
    )  # fmt: skip
    qtbot.waitUntil(lambda: len(_shown(panel)) == 17)
    assert "story.no-secondary-actor" not in {f.code for f in _shown(panel)}
    assert "may not be" not in us13.data(Qt.ItemDataRole.ToolTipRole)
    assert us13.data(Qt.ItemDataRole.DecorationRole) is not None  # still names FHIR


def _story_id(window: MainWindow, ref: str) -> int:
    rows = collections.rows(window.workspace.store, "user_stories", window.view.engagement_id)
    return next(r["id"] for r in rows if r["ref"] == ref)


def test_the_dashboard_follows_the_edits(window: MainWindow, qtbot, demo_id: int) -> None:
    _opened(window, qtbot, demo_id)
    window.show()
    window.view.open_overview()
    dashboard = window.view.overview.dashboard
    assert dashboard.tests.caption.text() == "8 tests, 4 passed"
    assert dashboard.stories.caption.text() == (
        "14 stories: 3 draft, 8 agreed, 2 in scope, 1 out of scope"
    )
    assert dashboard.coverage.caption.text() == "97% of 35 data items mapped"
    assert dashboard.progress.caption.text() == "8 of 15 steps done, 5 in progress"
    assert dashboard.review.text().startswith("<b>Review:</b> 1 error, 7 warnings, 10 notes")
    workspace = window.workspace
    workspace.push(
        AddRow(workspace, "Add test", "tests", demo_id, name="Withheld medicines", result="pass")
    )
    qtbot.waitUntil(lambda: dashboard.tests.caption.text() == "9 tests, 5 passed")
    chart = dashboard.tests.chart
    assert sum(s.sum() for s in chart.series()) == 9


def test_the_case_study_page_offers_the_review_appendix(
    window: MainWindow, qtbot, demo_id: int
) -> None:
    _opened(window, qtbot, demo_id)
    window.view.open_step("case_study")
    editor = window.view.pages["case_study"].editor
    assert editor.options().review is False
    editor.review.setChecked(True)
    assert editor.options().review is True


def test_checks_that_cannot_run_say_why(
    window: MainWindow, qtbot, demo_id: int, monkeypatch
) -> None:
    def refuse(_store: object, _engagement_id: int) -> list[Finding]:
        raise StoreError("workbook.sqlite: the database is locked")

    monkeypatch.setattr(reviewer_module, "run_checks", refuse)
    window.sidebar.model.refresh()
    window.open_engagement(demo_id)
    reviewer = reviewer_for(window.workspace)
    qtbot.waitUntil(lambda: reviewer.checked and not reviewer.busy())
    assert window.review.state.text() == (
        "The checks could not run: workbook.sqlite: the database is locked"
    )
    assert window.review.model.rowCount() == 0
