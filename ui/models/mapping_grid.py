"""The step 7 grid as a table model: a row per data item, a column per profile in scope.

A cell shows the element path(s) the item is mapped to in that profile, with the status.
Typing a path into an empty cell adds a mapping; changing it updates the mapping; clearing
it removes the mapping. Cells with check findings are coloured, marked with the most
serious one's sign and say why in a tooltip; so are data items the review has findings
about (mapped to nothing, needed by an agreed story).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ui.models.collection_model import IdRole
from ui.reviewer import reviewer_for, severity_icon, worst
from ui.undo import AddRow, DeleteRow, UpdateRow
from ui.workspace import Workspace
from workbook.checks import Finding
from workbook.profiles.library import ProfileLibrary, available_profiles
from workbook.profiles.validation import mapping_findings
from workbook.services import engagements
from workbook.services.mapping_grid import (
    OUT_OF_SCOPE,
    GridRow,
    MappingGrid,
    ProfileColumn,
    element_paths,
    mapping_grid,
)

Index = QModelIndex | QPersistentModelIndex
ERROR, WARNING, UNMAPPED = QColor("#f8d7da"), QColor("#ffe8cc"), QColor("#fff4c2")
MappingRole = Qt.ItemDataRole.UserRole + 2
CHECK_AT_ONCE_UP_TO = 2_000  # mappings; a larger grid shows first, the review checks it


def status_label(status: str | None) -> str:
    return (status or "mapped").replace("_", " ")


class MappingGridModel(QAbstractTableModel):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.grid = MappingGrid([], [], 0)
        self.findings: dict[int, list[Finding]] = {}
        self.findings_for: int | None = None  # the engagement whose mappings they are
        self.library: ProfileLibrary | None = None
        self._paths: dict[str, list[str]] = {}
        self.checked_here = True  # the mappings' findings are self.findings, not the review's
        self.reviewer = reviewer_for(workspace)
        self.reviewer.updated.connect(self._review_changed)
        workspace.changed.connect(
            lambda kind: kind in ("mappings", "data_items", "profiles") and self.refresh()
        )

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.library = None
        self._paths.clear()
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        if self.engagement_id is None:
            self.grid, self.findings = MappingGrid([], [], 0), {}
        else:
            store = self.workspace.store
            self.grid = mapping_grid(store, self.engagement_id)
            # a large grid is shown at once; the review, run in the background, checks it
            self.checked_here = self.grid.mapping_count() <= CHECK_AT_ONCE_UP_TO
            self.findings = mapping_findings(store, self.engagement_id) if self.checked_here else {}
        self.endResetModel()

    def checks_pending(self) -> bool:
        return not self.checked_here and self.reviewer.busy()

    # ----------------------------------------------------------------- helpers
    def profile_columns(self) -> list[ProfileColumn | None]:
        """The profile of each grid column after the first; None for "not in scope"."""
        extra: list[ProfileColumn | None] = [None] if self.grid.out_of_scope else []
        return [*self.grid.columns, *extra]

    def column_key(self, column: int) -> int:
        return OUT_OF_SCOPE if column > len(self.grid.columns) else column - 1

    def profile_of(self, column: int) -> ProfileColumn | None:
        key = self.column_key(column)
        return None if key == OUT_OF_SCOPE or column == 0 else self.grid.columns[key]

    def row(self, row: int) -> GridRow:
        return self.grid.rows[row]

    def mappings_at(self, index: Index) -> list[dict[str, Any]]:
        if not index.isValid() or index.column() == 0:
            return []
        return self.grid.rows[index.row()].cells.get(self.column_key(index.column()), [])

    def paths_for(self, column: int) -> list[str]:
        """Valid element paths of this column's profile (read once per profile)."""
        profile = self.profile_of(column)
        if profile is None or self.engagement_id is None:
            return []
        if self.library is None:
            release = engagements.get(self.workspace.store, self.engagement_id).fhir_version
            self.library = available_profiles(self.workspace.store, release)
        if profile.url not in self._paths:
            self._paths[profile.url] = element_paths(self.library, profile.url) or element_paths(
                self.library, profile.name
            )
        return self._paths[profile.url]

    def _cell_findings(self, index: Index) -> list[Finding]:
        """The mapping checks' findings (current), then the review's others (a moment old)."""
        ids = [m["id"] for m in self.mappings_at(index)]
        found = [f for i in ids for f in self.findings.get(i, [])]
        return found + [f for i in ids for f in self._reviewed(("mappings", i))]

    def _reviewed(self, target: tuple[str, int]) -> list[Finding]:
        found = self.reviewer.about(self.engagement_id, target)
        if not self.checked_here:
            return found
        return [f for f in found if not f.code.startswith(("mapping.", "profiles."))]

    def _review_changed(self) -> None:
        if self.grid.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    # ----------------------------------------------------------------- Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.profile_columns())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        profile = self.profile_of(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "Data item"
            return profile.label.removeprefix("CareConnect-") if profile else "Not in scope"
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == 0:
                return "The dataset of step 5, in tree order"
            if profile is None:
                return "Mappings to profiles no longer chosen in step 6: move or remove them"
            return f"{profile.resource_type} profile {profile.url}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        grid_row = self.grid.rows[index.row()]
        item = grid_row.item
        if role == IdRole:
            return item["id"]
        if index.column() == 0:
            unmapped = not grid_row.is_group and not grid_row.mapped
            about = self._reviewed(("data_items", item["id"]))
            if role == Qt.ItemDataRole.DecorationRole and about:
                return severity_icon(worst(about) or "info")
            if role == Qt.ItemDataRole.DisplayRole:
                return "    " * item["depth"] + item["name"]
            if role == Qt.ItemDataRole.BackgroundRole and unmapped:
                return QBrush(UNMAPPED)
            if role == Qt.ItemDataRole.FontRole and grid_row.is_group:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                kind = item["data_type"] or "no type"
                what = f"{item['name']} ({kind}, {item['cardinality'] or '?'})"
                lines = [what + ("\nNot mapped to any profile yet" if unmapped else "")]
                lines += [
                    f"{f.subject}: {f.message}" for f in about if f.code != "dataset.item-unmapped"
                ]
                return "\n".join(lines)
            return None
        mappings = self.mappings_at(index)
        if role == MappingRole:
            return mappings
        if role == Qt.ItemDataRole.DisplayRole:
            return "; ".join(
                f"{m['element_path'] or '(no path)'} [{status_label(m['status'])}]"
                for m in mappings
            )
        if role == Qt.ItemDataRole.EditRole:
            return mappings[0]["element_path"] or "" if mappings else ""
        findings = self._cell_findings(index)
        if role == Qt.ItemDataRole.DecorationRole and findings:
            return severity_icon(worst(findings) or "info")
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.profile_of(index.column()) is None and mappings:
                return QBrush(ERROR)
            if any(f.severity == "error" for f in findings):
                return QBrush(ERROR)
            if findings:
                return QBrush(WARNING)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [
                f"{m['element_path'] or '(no path)'} — {m['status'] or 'mapped'}"
                + (f"\n  {m['notes']}" if m["notes"] else "")
                for m in mappings
            ]
            if self.profile_of(index.column()) is None and mappings:
                lines.append(
                    "The profile is no longer in scope: "
                    + ", ".join(m["profile"] for m in mappings)
                )
            lines += [f"{f.severity}: {f.message}" for f in findings]
            return "\n".join(lines) or "Double-click to map this item to an element of the profile"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid() or index.column() == 0:
            return base
        if self.profile_of(index.column()) is None:
            return base  # fix out-of-scope mappings below the grid, not here
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        path = str(value or "").strip()
        mappings = self.mappings_at(index)
        item = self.grid.rows[index.row()].item
        profile = self.profile_of(index.column())
        assert profile is not None and self.engagement_id is not None
        where = f"{item['name']} → {profile.label}"
        if mappings:
            mapping = mappings[0]
            if path == (mapping["element_path"] or ""):
                return False
            if not path:
                command = DeleteRow(
                    self.workspace, f"Remove mapping {where}", "mappings", mapping["id"]
                )
            else:
                command = UpdateRow(
                    self.workspace, f"Map {where}", "mappings", mapping["id"], element_path=path
                )
        elif path:
            command = AddRow(
                self.workspace,
                f"Map {where}",
                "mappings",
                self.engagement_id,
                None,
                data_item_id=item["id"],
                profile=profile.url,
                element_path=path,
                status="mapped",
            )
        else:
            return False
        return self.workspace.push(command)
