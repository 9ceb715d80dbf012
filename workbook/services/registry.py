"""Every editable collection of an engagement: its table, its owner and its fields.

The generic collection service reads this table, so adding a field to the domain means
adding it here and to the model; validation, ordering and reference checks follow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from workbook import vocabulary as v
from workbook.db import models as m
from workbook.services.fields import (
    BLANK_TEXT,
    BOOL,
    FLOAT,
    LIST,
    REQUIRED_TEXT,
    TEXT,
    Field,
    enum,
    ref,
)
from workbook.services.reviews import keep_reviewed


@dataclass(frozen=True)
class Collection:
    """A list the analyst edits: rows of ``model`` owned by a row of ``owner``.

    ``scope`` names the columns that split the owner's rows into separately ordered lists
    (a diagram per step, the children of one data item).
    """

    name: str
    model: type[m.Base]
    fields: dict[str, Field]
    owner: str = "engagements"
    owner_column: str = "engagement_id"
    scope: tuple[str, ...] = ()
    scope_fields: dict[str, Field] = field(default_factory=dict)
    on_add: Callable[[Session, Any], None] | None = None  # called with the new row, flushed


def _c(name: str, model: type[m.Base], fields: dict[str, Field], **kw: object) -> Collection:
    return Collection(name, model, fields, **kw)  # type: ignore[arg-type]


_GRAPH_SCOPE = {"stage_key": enum(("problem_statement", "technical_context"), required=True)}

COLLECTIONS: dict[str, Collection] = {
    c.name: c
    for c in (
        _c(
            "graph_nodes",
            m.GraphNode,
            {
                "label": REQUIRED_TEXT,
                "kind": enum(v.GRAPH_NODE_KINDS),
                "note": TEXT,
            },
            scope=("stage_key",),
            scope_fields=_GRAPH_SCOPE,
        ),
        _c(
            "graph_edges",
            m.GraphEdge,
            {
                "from_node_id": Field("ref", required=True, target="graph_nodes"),
                "to_node_id": Field("ref", required=True, target="graph_nodes"),
                "label": TEXT,
                "kind": enum(v.GRAPH_EDGE_KINDS),
                "note": TEXT,
            },
            scope=("stage_key",),
            scope_fields=_GRAPH_SCOPE,
        ),
        _c(
            "actors",
            m.Actor,
            {"name": REQUIRED_TEXT, "care_setting": TEXT, "kind": enum(v.ACTOR_KINDS)},
        ),
        _c("features", m.Feature, {"name": REQUIRED_TEXT, "description": TEXT}),
        _c(
            "user_stories",
            m.UserStory,
            {
                "ref": TEXT,
                "feature_id": ref("features"),
                "actor_id": ref("actors"),
                "secondary_actor_id": ref("actors"),
                "requirement": BLANK_TEXT,
                "justification": TEXT,
                "priority": enum(v.PRIORITIES),
                "status": enum(v.STORY_STATUSES),
                "notes": TEXT,
                "tags": LIST,
            },
        ),
        _c(
            "acceptance_criteria",
            m.AcceptanceCriterion,
            {"text": BLANK_TEXT, "kind": enum(v.CRITERION_KINDS)},
            owner="user_stories",
            owner_column="story_id",
        ),
        _c("use_cases", m.UseCase, {"name": REQUIRED_TEXT, "description": TEXT}),
        _c("process_lanes", m.ProcessLane, {"name": REQUIRED_TEXT, "actor_id": ref("actors")}),
        _c(
            "process_nodes",
            m.ProcessNode,
            {
                "lane_id": ref("process_lanes"),
                "kind": enum(v.PROCESS_NODE_KINDS, required=True),
                "name": TEXT,
                "x": FLOAT,
                "y": FLOAT,
                "width": FLOAT,
                "height": FLOAT,
            },
        ),
        _c(
            "process_flows",
            m.ProcessFlow,
            {
                "from_node_id": Field("ref", required=True, target="process_nodes"),
                "to_node_id": Field("ref", required=True, target="process_nodes"),
                "label": TEXT,
                "kind": enum(v.PROCESS_FLOW_KINDS),
            },
        ),
        _c(
            "data_items",
            m.DataItem,
            {
                "name": REQUIRED_TEXT,
                "description": TEXT,
                "data_type": enum(v.DATA_TYPES),
                "cardinality": enum(v.CARDINALITIES),
                "source_system": TEXT,
                "example": TEXT,
                "xml_path": TEXT,
                "value_set": TEXT,
                "sensitive": BOOL,
                "notes": TEXT,
            },
            scope=("parent_id",),
            scope_fields={"parent_id": ref("data_items")},
        ),
        _c(
            "profiles",
            m.ProfileInScope,
            {"url": REQUIRED_TEXT, "name": TEXT, "resource_type": TEXT, "rationale": TEXT},
        ),
        _c(
            "mappings",
            m.Mapping,
            {
                "data_item_id": Field("ref", required=True, target="data_items"),
                "profile": REQUIRED_TEXT,
                "element_path": TEXT,
                "status": enum(v.MAPPING_STATUSES),
                "notes": TEXT,
            },
        ),
        _c(
            "api_signatures",
            m.ApiSignature,
            {
                "method": enum(v.HTTP_METHODS, required=True),
                "path": REQUIRED_TEXT,
                "description": TEXT,
                "result": TEXT,
            },
        ),
        _c(
            "api_responses",
            m.ApiResponse,
            {"code": Field("int", required=True), "meaning": TEXT},
            owner="api_signatures",
            owner_column="signature_id",
        ),
        _c(
            "search_parameters",
            m.SearchParameter,
            {
                "name": REQUIRED_TEXT,
                "type": enum(v.SEARCH_PARAMETER_TYPES),
                "value": TEXT,
                "required": BOOL,
            },
            owner="api_signatures",
            owner_column="signature_id",
        ),
        _c(
            "sequences",
            m.Sequence,
            {"name": REQUIRED_TEXT, "variant": enum(v.SEQUENCE_VARIANTS), "participants": LIST},
        ),
        _c(
            "sequence_steps",
            m.SequenceStep,
            {
                "from_participant": REQUIRED_TEXT,
                "to_participant": REQUIRED_TEXT,
                "message": BLANK_TEXT,
                "kind": enum(v.SEQUENCE_STEP_KINDS),
                "note": TEXT,
            },
            owner="sequences",
            owner_column="sequence_id",
        ),
        _c(
            "tests",
            m.SolutionTest,
            {
                "name": REQUIRED_TEXT,
                "user_story_id": ref("user_stories"),
                "api_signature_id": ref("api_signatures"),
                "steps": TEXT,
                "expected": TEXT,
                "result": enum(v.TEST_RESULTS),
                "evidence": TEXT,
            },
        ),
        _c(
            "approvals",
            m.Approval,
            {
                "approver": REQUIRED_TEXT,
                "role": TEXT,
                "date": Field("date"),
                "decision": enum(v.APPROVAL_DECISIONS, required=True),
                "comments": TEXT,
            },
            on_add=keep_reviewed,
        ),
        _c(
            "change_requests",
            m.ChangeRequest,
            {
                "profile": TEXT,
                "element_path": TEXT,
                "summary": REQUIRED_TEXT,
                "rationale": TEXT,
                "status": enum(v.CHANGE_REQUEST_STATUSES),
            },
        ),
        _c(
            "lessons",
            m.Lesson,
            {"kind": enum(v.LESSON_KINDS), "text": BLANK_TEXT, "action": TEXT},
        ),
    )
}

MODELS: dict[str, type[m.Base]] = {"engagements": m.Engagement} | {
    c.name: c.model for c in COLLECTIONS.values()
}


def collection(name: str) -> Collection:
    try:
        return COLLECTIONS[name]
    except KeyError:
        raise KeyError(f"no collection {name!r}; known: {', '.join(COLLECTIONS)}") from None


@dataclass(frozen=True)
class LinkList:
    """An ordered list of references from one row to rows of another collection."""

    name: str
    owner: str
    model: type[m.Base]
    owner_column: str
    target: str
    target_column: str
    relation: str | None = None  # for use case links, the value of ``relation``


LINK_LISTS: dict[tuple[str, str], LinkList] = {
    (lk.owner, lk.name): lk
    for lk in (
        LinkList(
            "data_items", "user_stories", m.StoryDataItem, "story_id", "data_items", "data_item_id"
        ),
        LinkList(
            "actors", "use_cases", m.UseCaseLink, "use_case_id", "actors", "actor_id", "actors"
        ),
        LinkList(
            "user_stories",
            "use_cases",
            m.UseCaseLink,
            "use_case_id",
            "user_stories",
            "story_id",
            "user_stories",
        ),
        LinkList(
            "includes",
            "use_cases",
            m.UseCaseLink,
            "use_case_id",
            "use_cases",
            "target_use_case_id",
            "includes",
        ),
        LinkList(
            "extends",
            "use_cases",
            m.UseCaseLink,
            "use_case_id",
            "use_cases",
            "target_use_case_id",
            "extends",
        ),
        LinkList(
            "user_stories",
            "api_signatures",
            m.ApiSignatureStory,
            "signature_id",
            "user_stories",
            "story_id",
        ),
        LinkList(
            "data_items",
            "change_requests",
            m.ChangeRequestDataItem,
            "change_request_id",
            "data_items",
            "data_item_id",
        ),
    )
}
