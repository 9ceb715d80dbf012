"""Small engagements for the review checks, built through the services as the app does.

:func:`story` adds a story that follows the Care Connect guidance; each keyword breaks one
rule. :func:`found` runs every registered check and keeps the findings of one code.
"""

from __future__ import annotations

from typing import Any

from workbook.checks import Finding, run_checks
from workbook.db.store import Store
from workbook.services import collections, engagements, stages

Actor = tuple[str, str | None, str]  # name, care setting, kind
GP: Actor = ("General Practitioner", "Primary Care General Practice", "person")
GP_SYSTEM: Actor = ("GP Clinical System", "Primary Care General Practice", "system")
WANT = "to see the medicines my patient was discharged on, with dose and route"
WHY = "I can reconcile their repeat medicines on the day of discharge"
CLINICAL = (("Every medicine shows its name, dose and route.", "clinical"),)
PATIENT = "CareConnect-Patient-1"


def new(store: Store, **steps: str) -> int:
    """An engagement whose steps have the given statuses (``mapping="in_progress"``)."""
    engagement_id = engagements.create(store, "Review")
    for key, status in steps.items():
        stages.set_status(store, engagement_id, key, status)
    return engagement_id


def actor(store: Store, engagement_id: int, who: Actor) -> int:
    name, setting, kind = who
    for row in collections.rows(store, "actors", engagement_id):
        if (row["name"], row["care_setting"], row["kind"]) == (name, setting, kind):
            return row["id"]
    return collections.add(
        store, "actors", engagement_id, name=name, care_setting=setting, kind=kind
    )


def story(
    store: Store,
    engagement_id: int,
    *,
    ref: str | None = "US-001",
    requirement: str = WANT,
    justification: str | None = WHY,
    who: Actor | None = GP,
    secondary: Actor | None = GP_SYSTEM,
    feature: str | None = "Discharge Medication List (View)",
    criteria: tuple[tuple[str, str], ...] = CLINICAL,
    status: str = "agreed",
    priority: str = "must",
    items: tuple[int, ...] = (),
) -> int:
    feature_id = None
    if feature is not None:
        rows = collections.rows(store, "features", engagement_id)
        feature_id = next((r["id"] for r in rows if r["name"] == feature), None)
        if feature_id is None:
            feature_id = collections.add(store, "features", engagement_id, name=feature)
    story_id = collections.add(
        store,
        "user_stories",
        engagement_id,
        ref=ref,
        requirement=requirement,
        justification=justification,
        actor_id=actor(store, engagement_id, who) if who else None,
        secondary_actor_id=actor(store, engagement_id, secondary) if secondary else None,
        feature_id=feature_id,
        status=status,
        priority=priority,
    )
    for text, kind in criteria:
        collections.add(store, "acceptance_criteria", story_id, text=text, kind=kind)
    if items:
        collections.set_links(store, "user_stories", story_id, "data_items", list(items))
    return story_id


def item(store: Store, engagement_id: int, name: str, **values: Any) -> int:
    values.setdefault("data_type", "string")
    return collections.add(store, "data_items", engagement_id, name=name, **values)


def mapping(store: Store, engagement_id: int, item_id: int, path: str, **values: Any) -> int:
    values.setdefault("status", "mapped")
    return collections.add(
        store,
        "mappings",
        engagement_id,
        data_item_id=item_id,
        profile=values.pop("profile", PATIENT),
        element_path=path,
        **values,
    )


def signature(store: Store, engagement_id: int, *story_ids: int, path: str = "/List") -> int:
    signature_id = collections.add(store, "api_signatures", engagement_id, method="GET", path=path)
    collections.set_links(store, "api_signatures", signature_id, "user_stories", list(story_ids))
    return signature_id


def add_test(store: Store, engagement_id: int, story_id: int | None, result: str = "pass") -> int:
    return collections.add(
        store,
        "tests",
        engagement_id,
        name="GP sees the discharge list",
        user_story_id=story_id,
        result=result,
    )


def found(store: Store, engagement_id: int, code: str) -> list[Finding]:
    return [f for f in run_checks(store, engagement_id) if f.code == code]


def subjects(store: Store, engagement_id: int, code: str) -> list[str]:
    return [f.subject for f in found(store, engagement_id, code)]
