"""Everything the case study shows of an engagement, read once before any layout.

The dataset, its mappings and the API signatures come from the dataset workbook's reader
(:mod:`workbook.excel.content`, column queries that stay fast at 10,000 items); the stories
are read here with their acceptance criteria's kinds, which the report shows and the
workbook does not; the short lists come from the generic collection service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbook.db.store import Store
from workbook.excel.content import Item, MappingLine, Profile, Signature, read_content
from workbook.services import collections as c
from workbook.services import stages
from workbook.services.engagements import EngagementSummary
from workbook.services.stages import AttachmentInfo, StageState
from workbook.services.stories import (
    Criterion,
    actor_labels,
    criteria_by_story,
    stories_in_order,
)
from workbook.steps import GRAPH_STEP_KEYS, STEP_KEYS


@dataclass(frozen=True)
class Story:
    id: int
    ref: str  # its own reference, or its number ("#7") when it has none
    feature_id: int | None
    actor: str
    secondary_actor: str
    requirement: str
    justification: str | None
    priority: str | None
    status: str | None
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class ReportContent:
    engagement: EngagementSummary
    stages: dict[str, StageState]
    attachments: dict[str, list[AttachmentInfo]]
    items: list[Item]
    mappings: dict[int, list[MappingLine]]  # by data item id
    profiles: list[dict[str, Any]]  # in scope, with their rationale
    profile_labels: dict[str, str]  # by URL and by name
    features: list[dict[str, Any]]
    stories: list[Story]
    signatures: list[Signature]
    api_names: dict[int, str]  # "GET /List" for each signature, by id
    graph_nodes: dict[str, int]  # how many boxes each diagram step has
    process_nodes: int
    use_cases: int
    sequences: list[dict[str, Any]]
    approvals: list[dict[str, Any]]
    change_requests: list[dict[str, Any]]
    change_request_items: dict[int, list[str]]  # data item names by change request id
    tests: list[dict[str, Any]]
    lessons: list[dict[str, Any]]

    def profile_label(self, reference: str) -> str:
        """How a mapping's profile (URL, name or resource type) is named in the report."""
        return self.profile_labels.get(reference) or Profile(reference, None, None).label


def api_name(method: str, path: str) -> str:
    """A signature in a few words: its method and path without the query ("GET /List")."""
    resource = path.split("?", 1)[0]
    return f"{method} {resource if resource.startswith('/') else '/' + resource}"


def read_report_content(store: Store, engagement_id: int) -> ReportContent:
    workbook = read_content(store, engagement_id)
    names = {item.id: item.values["name"] for item in workbook.items}
    change_requests = c.rows(store, "change_requests", engagement_id)
    profiles = c.rows(store, "profiles", engagement_id)
    return ReportContent(
        engagement=workbook.engagement,
        stages={s.key: s for s in stages.all_states(store, engagement_id)},
        attachments={key: stages.attachments(store, engagement_id, key) for key in STEP_KEYS},
        items=workbook.items,
        mappings=workbook.mappings,
        profiles=profiles,
        profile_labels=_labels(profiles),
        features=c.rows(store, "features", engagement_id),
        stories=_stories(store, engagement_id),
        signatures=workbook.signatures,
        api_names={
            row["id"]: api_name(row["method"], row["path"])
            for row in c.rows(store, "api_signatures", engagement_id)
        },
        graph_nodes={
            key: len(c.rows(store, "graph_nodes", engagement_id, stage_key=key))
            for key in GRAPH_STEP_KEYS
        },
        process_nodes=c.count(store, "process_nodes", engagement_id),
        use_cases=c.count(store, "use_cases", engagement_id),
        sequences=c.rows(store, "sequences", engagement_id),
        approvals=c.rows(store, "approvals", engagement_id),
        change_requests=change_requests,
        change_request_items={
            cr["id"]: [names[i] for i in c.links(store, "change_requests", cr["id"], "data_items")]
            for cr in change_requests
        },
        tests=c.rows(store, "tests", engagement_id),
        lessons=c.rows(store, "lessons", engagement_id),
    )


def _labels(profiles: list[dict[str, Any]]) -> dict[str, str]:
    labels = {}
    for p in reversed(profiles):  # the first profile in scope wins
        label = Profile(p["url"], p["name"], p["resource_type"]).label
        labels[p["url"]] = label
        if p["name"]:
            labels[p["name"]] = label
    return labels


def _stories(store: Store, engagement_id: int) -> list[Story]:
    with store.session() as session:
        actors = actor_labels(session, engagement_id)
        criteria = criteria_by_story(session, engagement_id)
        rows = stories_in_order(session, engagement_id)
    return [
        Story(
            s.id,
            s.ref or f"#{number}",
            s.feature_id,
            actors.get(s.actor_id, ""),
            actors.get(s.secondary_actor_id, ""),
            s.requirement,
            s.justification,
            s.priority,
            s.status,
            tuple(criteria[s.id]),
        )
        for number, s in enumerate(rows, 1)
    ]
