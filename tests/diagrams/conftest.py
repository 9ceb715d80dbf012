"""Diagram fixtures: every diagram of the demo engagement, and the generated stress cases."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest

from tests.diagrams import stress
from workbook import diagrams
from workbook.db.store import open_store
from workbook.diagrams.graph import layout_graph
from workbook.diagrams.model import Diagram
from workbook.diagrams.process import layout_process
from workbook.diagrams.profiles import layout_profiles
from workbook.diagrams.sequence import layout_sequence
from workbook.diagrams.use_cases import layout_use_cases
from workbook.files.engagement_file import import_engagement_file
from workbook.resources import demo_engagement_path

DEMO_SEQUENCES = (
    "Discharge medicines today",
    "GP practice retrieves discharge medication",
    "Post-discharge review referral",
)
# every demo diagram: (kind, sequence name)
DEMO = [(kind, None) for kind in diagrams.KINDS if kind != "sequence"] + [
    ("sequence", name) for name in DEMO_SEQUENCES
]

STRESS: dict[str, Callable[[], Diagram]] = {
    "graph": lambda: layout_graph(stress.graph(), "Stress graph", "empty"),
    "process": lambda: layout_process(stress.process()),
    "process with unusable imported layout": lambda: layout_process(stress.process(bounds=True)),
    "use-cases": lambda: layout_use_cases(stress.use_cases()),
    "sequence": lambda: layout_sequence(stress.sequence()),
    "profiles": lambda: layout_profiles(stress.profiles()),
}


@cache
def stress_diagram(name: str) -> Diagram:
    """Laid out once per test run: the stress cases take a while."""
    return STRESS[name]()


@pytest.fixture(scope="session")
def demo_diagrams(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str | None], Diagram]:
    """Every demo diagram, laid out once per test run (layouts do not change the database)."""
    store = open_store(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    try:
        demo_id = import_engagement_file(store, demo_engagement_path()).engagement_id
        return {(kind, name): diagrams.build(store, demo_id, kind, name) for kind, name in DEMO}
    finally:
        store.close()
