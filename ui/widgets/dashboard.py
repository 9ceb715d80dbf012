"""The overview's dashboard: four small charts and a line of review findings.

Progress per phase, stories by status and priority, mapping coverage of the dataset and
test results (QtCharts), each with a caption that says the same in words. It redraws a
moment after the last of a burst of edits, or when it is next shown.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from ui.reviewer import reviewer_for
from ui.workspace import Workspace
from workbook import vocabulary as v
from workbook.errors import NotFoundError
from workbook.review.dashboard import COVERAGE, NONE, Dashboard, dashboard
from workbook.steps import PHASES, STEPS, Phase

DELAY_MS = 250
STATUS_COLOURS = {"not_started": "#6b6b6b", "in_progress": "#b36b00", "done": "#0b7a3e"}
STEP_STATUS_COLOURS = {"done": "#0b7a3e", "in_progress": "#e0a030", "not_started": "#d9d9d9"}
PRIORITY_COLOURS = {
    "must": "#1f4e79",
    "should": "#4f81bd",
    "could": "#9dc3e6",
    "wont": "#c9c9c9",
    NONE: "#ececec",
}
COVERAGE_COLOURS = {
    "mapped": "#0b7a3e",
    "derived": "#6cb07a",
    "partial": "#e0b000",
    "extension_needed": "#e07b00",
    "gap": "#c62828",
    "unmapped": "#c9c9c9",
}
TEST_ORDER = ("pass", "fail", "blocked", "not_run")
TEST_COLOURS = {"pass": "#0b7a3e", "fail": "#c62828", "blocked": "#e07b00", "not_run": "#c9c9c9"}


def phase_name(phase: Phase) -> str:
    """ "1–5 Agree": the phase's steps and its first word, as short as an axis needs."""
    numbers = [s.number for s in STEPS if s.phase == phase]
    return f"{numbers[0]}–{numbers[-1]} {phase.title.split()[0]}"


def _word(value: str) -> str:
    return {"wont": "won't", NONE: "none"}.get(value, value.replace("_", " "))


def _listing(counts: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{n} {_word(k)}" for k, n in counts if n)


class ChartCard(QWidget):
    """A chart, or a line saying there is nothing to chart yet, over a caption."""

    def __init__(self, title: str, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setTitle(title)
        title_font = QFont(self.font())
        title_font.setBold(True)
        self.chart.setTitleFont(title_font)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        self.chart.legend().hide()  # the key below wraps; the chart's own would elide
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        self.small = small
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(220, 190)
        self.view.setMaximumHeight(320)  # small multiples, not posters on a big screen
        self.empty = QLabel(f"<b>{title}</b><br><span style='color:#777'>{empty}</span>")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("background: white;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setFont(small)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: #444;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.key)
        layout.addWidget(self.caption)

    def clear(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)

    def show_chart(self, shown: bool, caption: str, key: list[tuple[str, str]]) -> None:
        """Show the chart (or the empty line), its key (label, colour) and a caption."""
        self.stack.setCurrentWidget(self.view if shown else self.empty)
        self.key.setText(
            " &nbsp; ".join(
                f"<span style='color:{colour}'>■</span>&nbsp;"
                + html.escape(label).replace(" ", "&nbsp;")
                for label, colour in key
            )
        )
        self.key.setVisible(shown and bool(key))
        self.caption.setText(caption if shown else "")

    def bars(self, categories: list[str], sets: list[tuple[str, str, list[int]]]) -> None:
        """Horizontal stacked bars: one bar per category, one coloured part per set."""
        self.clear()
        series = QHorizontalStackedBarSeries()
        series.setBarWidth(0.6)
        for label, colour, values in sets:
            bar = QBarSet(label)
            bar.append([float(x) for x in values])
            bar.setColor(QColor(colour))
            bar.setBorderColor(QColor("white"))
            series.append(bar)
        self.chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(categories)
        names.setLabelsFont(self.small)
        names.setGridLineVisible(False)
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        counts.setLabelsFont(self.small)
        top = max((sum(v[i] for _l, _c, v in sets) for i in range(len(categories))), default=0)
        counts.setRange(0, max(top, 1))
        counts.setTickCount(min(max(top, 1), 5) + 1)
        counts.applyNiceNumbers()
        counts.setLabelFormat("%d")
        self.chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(counts)

    def donut(self, slices: list[tuple[str, str, int]]) -> None:
        """A ring of the non-empty parts, legend on the right."""
        self.clear()
        series = QPieSeries()
        series.setHoleSize(0.5)
        series.setPieSize(0.85)
        for label, colour, value in slices:
            if value:
                part = series.append(f"{label} ({value})", value)
                part.setColor(QColor(colour))
                part.setBorderColor(QColor("white"))
                part.setBorderWidth(1)
        self.chart.addSeries(series)


class DashboardWidget(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engagement_id: int | None = None
        self.summary: Dashboard | None = None
        self.progress = ChartCard("Progress", "")
        self.stories = ChartCard("User stories", "No user stories yet (step 4)")
        self.coverage = ChartCard("Mapping coverage", "No data items yet (step 5)")
        self.tests = ChartCard("Test results", "No tests yet (step 14)")
        self.review = QLabel()
        self.review.setWordWrap(True)
        self.review.setToolTip("The review panel lists them: View › Review panel (Ctrl+Shift+R)")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        for i, card in enumerate((self.progress, self.stories, self.coverage, self.tests)):
            grid.addWidget(card, i // 2, i % 2)
        grid.addWidget(self.review, 2, 0, 1, 2)
        grid.setRowStretch(3, 1)
        self._dirty = False
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(DELAY_MS)
        self._delay.timeout.connect(self._changed_now)
        workspace.changed.connect(lambda _kind: self._delay.start())
        self.reviewer = reviewer_for(workspace)
        self.reviewer.updated.connect(self._show_review)

    def set_engagement(self, engagement_id: int | None) -> None:
        self.engagement_id = engagement_id
        self.refresh()

    def _changed_now(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        if self.engagement_id is None:
            return
        try:
            summary = dashboard(self.workspace.store, self.engagement_id)
        except NotFoundError:  # deleted while shown
            return
        self.summary = summary
        self._progress(summary)
        self._stories(summary)
        self._coverage(summary)
        self._tests(summary)
        self._show_review()

    def _progress(self, summary: Dashboard) -> None:
        names = [phase_name(phase) for phase in PHASES]
        statuses = ("done", "in_progress", "not_started")
        self.progress.bars(
            list(reversed(names)),
            [
                (_word(s), STEP_STATUS_COLOURS[s], [c[s] for _t, c in reversed(summary.phases)])
                for s in statuses
            ],
        )
        started = sum(c["in_progress"] for _t, c in summary.phases)
        self.progress.show_chart(
            True,
            f"{summary.steps_done} of {len(STEPS)} steps done, {started} in progress",
            [(_word(s), STEP_STATUS_COLOURS[s]) for s in statuses],
        )

    def _stories(self, summary: Dashboard) -> None:
        statuses = [s for s in (*v.STORY_STATUSES, NONE) if s != NONE or summary.stories[NONE]]
        priorities = [
            p for p in (*v.PRIORITIES, NONE) if any(summary.stories[s][p] for s in statuses)
        ]
        total = sum(sum(c.values()) for c in summary.stories.values())
        self.stories.bars(
            [_word(s) if s else "no status" for s in reversed(statuses)],
            [
                (_word(p), PRIORITY_COLOURS[p], [summary.stories[s][p] for s in reversed(statuses)])
                for p in priorities
            ],
        )
        by_status = [(s or "no status", sum(summary.stories[s].values())) for s in statuses]
        self.stories.show_chart(
            total > 0,
            f"{total} {'story' if total == 1 else 'stories'}: {_listing(by_status)}",
            [(_word(p) if p else "no priority", PRIORITY_COLOURS[p]) for p in priorities],
        )

    def _coverage(self, summary: Dashboard) -> None:
        counts = summary.coverage
        shown = [s for s in COVERAGE if counts[s]]
        self.coverage.donut([(_word(s), COVERAGE_COLOURS[s], counts[s]) for s in shown])
        items = summary.items
        self.coverage.show_chart(
            items > 0,
            f"{round(100 * summary.mapped_share)}% of {items} data items mapped"
            + (f"; {counts['unmapped']} not yet" if counts["unmapped"] else ""),
            [(f"{_word(s)} {counts[s]}", COVERAGE_COLOURS[s]) for s in shown],
        )

    def _tests(self, summary: Dashboard) -> None:
        counts = summary.tests
        shown = [r for r in TEST_ORDER if counts[r]]
        self.tests.donut([(_word(r), TEST_COLOURS[r], counts[r]) for r in shown])
        total = sum(counts.values())
        self.tests.show_chart(
            total > 0,
            f"{total} {'test' if total == 1 else 'tests'}"
            + (f", {counts['pass']} passed" if total else ""),
            [(f"{_word(r)} {counts[r]}", TEST_COLOURS[r]) for r in shown],
        )

    def _show_review(self) -> None:
        reviewer = self.reviewer
        if self.engagement_id is None or reviewer.engagement_id != self.engagement_id:
            self.review.clear()
            return
        if not reviewer.checked:
            self.review.setText("<b>Review:</b> checking…")
            return
        findings = reviewer.findings
        counts = [
            (sum(1 for f in findings if f.severity == s), noun)
            for s, noun in (("error", "error"), ("warning", "warning"), ("info", "note"))
        ]
        parts = [f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in counts if n]
        self.review.setText(
            f"<b>Review:</b> {', '.join(parts) or 'nothing to look at'}"
            + (" — View › Review panel (Ctrl+Shift+R) lists them" if parts else "")
        )
