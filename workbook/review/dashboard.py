"""What the overview's dashboard shows, counted: progress per phase, stories by status and
priority, how much of the dataset is mapped, and test results."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from workbook import vocabulary as v
from workbook.db.store import Store
from workbook.review.facts import Facts, load_facts
from workbook.steps import PHASES, STEPS

# a data item counts once, by its best mapping; the order is best first
COVERAGE = ("mapped", "derived", "partial", "extension_needed", "gap", "unmapped")
NONE = ""  # a story with no status or no priority


@dataclass(frozen=True)
class Dashboard:
    phases: list[tuple[str, Counter[str]]]  # (phase title, step statuses counted)
    stories: dict[str, Counter[str]]  # status -> priorities counted ("" for none)
    coverage: dict[str, int]  # data items (not groups) by their best mapping, or unmapped
    tests: dict[str, int]  # tests by result

    @property
    def steps_done(self) -> int:
        return sum(c["done"] for _title, c in self.phases)

    @property
    def items(self) -> int:
        return sum(self.coverage.values())

    @property
    def mapped_share(self) -> float:
        """The share of data items with any mapping, gaps excepted (0 with no items)."""
        covered = sum(self.coverage[s] for s in COVERAGE[:4])
        return covered / self.items if self.items else 0.0


def dashboard(store: Store, engagement_id: int) -> Dashboard:
    return summarise(load_facts(store, engagement_id))


def summarise(facts: Facts) -> Dashboard:
    phases = [
        (phase.title, Counter(facts.statuses[s.key] for s in STEPS if s.phase == phase))
        for phase in PHASES
    ]
    stories: dict[str, Counter[str]] = {status: Counter() for status in (*v.STORY_STATUSES, NONE)}
    for story in facts.stories:
        stories[story.status or NONE][story.priority or NONE] += 1
    best: dict[int, int] = {}
    for mapping in facts.mappings:
        rank = COVERAGE.index(mapping.status or "mapped")
        best[mapping.data_item_id] = min(rank, best.get(mapping.data_item_id, rank))
    coverage = dict.fromkeys(COVERAGE, 0)
    for item in facts.items:
        if not item.is_group:
            coverage[COVERAGE[best.get(item.id, len(COVERAGE) - 1)]] += 1
    tests = dict.fromkeys(v.TEST_RESULTS, 0)
    for test in facts.tests:
        tests[test.result or "not_run"] += 1
    return Dashboard(phases, stories, coverage, tests)
