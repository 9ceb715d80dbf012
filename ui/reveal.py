"""Show the object a finding is about: open its step, bring its tab forward, select its row.

Steps hold their rows in different editors: the story table of step 4, the dataset tree
of step 5, the mapping grid of step 7, and a :class:`CollectionEditor` for most lists.
:func:`reveal` knows each; a target a step does not show (a story named by a step 14
finding) just opens the step.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QStackedWidget, QTabWidget, QWidget

from ui.engagement_view import EngagementView
from ui.models.collection_model import IdRole
from ui.pages.dataset import DatasetEditor
from ui.pages.mapping import MappingEditor
from ui.pages.requirements import BusinessRequirementsPage
from ui.pages.stories import StoriesPage
from ui.widgets.collection_editor import CollectionEditor
from workbook.checks import Finding
from workbook.services.mapping_grid import OUT_OF_SCOPE
from workbook.steps import STEPS_BY_KEY


def reveal(view: EngagementView, finding: Finding) -> bool:
    """Open the finding's step and select its object; True when the row was selected."""
    if finding.step not in STEPS_BY_KEY:
        view.open_overview()
        return False
    view.open_step(finding.step)
    page = view.pages[finding.step]
    if finding.target is None:
        return False
    kind, row_id = finding.target
    return _select(page, kind, row_id)


def bring_forward(widget: QWidget) -> None:
    """Make every tab that holds ``widget`` the current one."""
    child: QWidget | None = widget
    while child is not None:
        stack = child.parentWidget()
        if isinstance(stack, QStackedWidget) and isinstance(stack.parentWidget(), QTabWidget):
            tabs = stack.parentWidget()
            assert isinstance(tabs, QTabWidget)
            tabs.setCurrentWidget(child)
        child = stack


def _select(page: QWidget, kind: str, row_id: int) -> bool:
    if kind == "user_stories" and isinstance(page, BusinessRequirementsPage):
        return _select_story(page.stories, row_id)
    if kind == "data_items":
        for tree in page.findChildren(DatasetEditor):
            bring_forward(tree)
            tree.select(row_id)
            return _focus(tree.view, tree.current_id() == row_id)
    if kind in ("data_items", "mappings"):
        for grid in page.findChildren(MappingEditor):
            return _select_cell(grid, kind, row_id)
    for editor in page.findChildren(CollectionEditor):
        if editor.model.kind == kind:
            bring_forward(editor)
            editor.select_id(row_id)
            return _focus(editor.view, editor.current_id() == row_id)
    return False


def _focus(view: QAbstractItemView, found: bool) -> bool:
    if found:
        view.scrollTo(view.currentIndex())
        view.setFocus()
    return found


def _select_story(page: StoriesPage, story_id: int) -> bool:
    bring_forward(page)
    page.select(story_id)
    if page.current_id() != story_id:  # hidden by the filters: show every story
        page.search.clear()
        page.proxy.set_filter(feature_id=None, actor_id=None, status=None, text="")
        for combo in (page.by_feature, page.by_actor, page.by_status):
            combo.setCurrentIndex(0)
        page.select(story_id)
    return _focus(page.table, page.current_id() == story_id)


def _select_cell(grid: MappingEditor, kind: str, row_id: int) -> bool:
    bring_forward(grid)
    model = grid.model
    found = QModelIndex()
    for row, grid_row in enumerate(model.grid.rows):
        if kind == "data_items" and grid_row.item["id"] == row_id:
            found = model.index(row, 0)
        for key, mappings in grid_row.cells.items():
            if kind == "mappings" and any(m["id"] == row_id for m in mappings):
                column = model.columnCount() - 1 if key == OUT_OF_SCOPE else key + 1
                found = model.index(row, column)
        if found.isValid():
            break
    if found.isValid():
        grid.view.setCurrentIndex(found)
    return _focus(grid.view, found.isValid() and found.data(IdRole) is not None)
