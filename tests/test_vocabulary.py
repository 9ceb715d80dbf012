"""The core's closed lists and bundled schema stay equal to the shared engagement spec."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbook import vocabulary as v
from workbook.files.engagement_checks import schema
from workbook.resources import resource_path
from workbook.steps import STEP_KEYS

SHARED_SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "engagement-v1.schema.json"


def _enum_at(*path: str) -> tuple[str, ...]:
    node: Any = schema()["$defs"]
    for part in path:
        node = node[part]
    return tuple(node["enum"])


@pytest.mark.parametrize(
    ("ours", "path"),
    [
        (v.STEP_STATUSES, ("stage", "properties", "status")),
        (v.ENGAGEMENT_STATUSES, ("engagement", "properties", "status")),
        (v.FHIR_VERSIONS, ("engagement", "properties", "fhir_version")),
        (v.MEDIA_TYPES, ("attachment", "properties", "media_type")),
        (
            v.DATA_TYPES,
            ("engagement", "properties", "data_items", "items", "properties", "data_type"),
        ),
        (
            v.CARDINALITIES,
            ("engagement", "properties", "data_items", "items", "properties", "cardinality"),
        ),
        (
            v.PRIORITIES,
            ("engagement", "properties", "user_stories", "items", "properties", "priority"),
        ),
        (
            v.STORY_STATUSES,
            ("engagement", "properties", "user_stories", "items", "properties", "status"),
        ),
        (
            v.MAPPING_STATUSES,
            ("engagement", "properties", "mappings", "items", "properties", "status"),
        ),
        (
            v.PROCESS_NODE_KINDS,
            (
                "engagement",
                "properties",
                "process",
                "properties",
                "nodes",
                "items",
                "properties",
                "kind",
            ),
        ),
        (v.TEST_RESULTS, ("engagement", "properties", "tests", "items", "properties", "result")),
        (
            v.APPROVAL_DECISIONS,
            ("engagement", "properties", "approvals", "items", "properties", "decision"),
        ),
        (
            v.HTTP_METHODS,
            ("engagement", "properties", "api_signatures", "items", "properties", "method"),
        ),
        (v.LESSON_KINDS, ("engagement", "properties", "lessons", "items", "properties", "kind")),
        (v.GRAPH_EDGE_KINDS, ("graph", "properties", "edges", "items", "properties", "kind")),
    ],
)
def test_closed_lists_match_the_schema(ours: tuple[str, ...], path: tuple[str, ...]) -> None:
    assert ours == _enum_at(*path)


def test_the_fifteen_steps_match_the_schema() -> None:
    stage_keys = tuple(schema()["$defs"]["engagement"]["properties"]["stages"]["properties"])
    assert stage_keys == STEP_KEYS


@pytest.mark.skipif(not SHARED_SPEC.exists(), reason="no shared/ folder beside this checkout")
def test_bundled_schema_is_the_shared_spec() -> None:
    bundled = resource_path("spec", "engagement-v1.schema.json").read_bytes()
    assert bundled == SHARED_SPEC.read_bytes()
