"""Step 12: change requests proposed from the mapping's gaps.

A data item needs a change request when its mapping is a ``gap`` or ``extension_needed``,
or when nothing maps it at all (a leaf item only: a group is mapped through its items).
Items already named by a change request are left out, so proposing twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workbook.db import models as m
from workbook.db.store import Store
from workbook.profiles.model import short_name
from workbook.services import collections
from workbook.services.dataset import tree_order

REASONS = {
    "gap": "no element of the profile can hold it",
    "extension_needed": "the profile needs an extension to hold it",
    "unmapped": "nothing maps it yet",
}


@dataclass(frozen=True)
class Proposal:
    data_item_id: int
    data_item: str
    reason: str  # a key of REASONS
    profile: str | None
    element_path: str | None
    summary: str
    rationale: str


def _proposal(item: m.DataItem, reason: str, mapping: m.Mapping | None) -> Proposal:
    described = ", ".join(x for x in (item.data_type, item.cardinality) if x)
    about = f"“{item.name}”" + (f" ({described})" if described else "")
    if mapping is None:
        summary = f"Find a home for {item.name}"
        rationale = f"The client's dataset has {about}; {REASONS[reason]}."
        profile = path = None
    else:
        profile, path = mapping.profile, mapping.element_path
        label = short_name(profile)
        verb = "Add an extension" if reason == "extension_needed" else "Add an element"
        summary = f"{verb} for {item.name} to {label}"
        rationale = f"The client's dataset has {about}; in {label} {REASONS[reason]}."
        if mapping.notes:
            rationale += f" Mapping notes: {mapping.notes}"
    return Proposal(item.id, item.name, reason, profile, path, summary, rationale)


def proposals_from_gaps(store: Store, engagement_id: int) -> list[Proposal]:
    """One proposal per data item that needs a change request and has none, in tree order."""
    with store.session() as session:
        collections.load(session, "engagements", engagement_id)
        items = list(
            session.scalars(
                select(m.DataItem)
                .where(m.DataItem.engagement_id == engagement_id)
                .order_by(m.DataItem.position, m.DataItem.id)
            )
        )
        mappings: dict[int, list[m.Mapping]] = {}
        for mapping in session.scalars(
            select(m.Mapping)
            .where(m.Mapping.engagement_id == engagement_id)
            .order_by(m.Mapping.position, m.Mapping.id)
        ):
            mappings.setdefault(mapping.data_item_id, []).append(mapping)
        requested = set(
            session.scalars(
                select(m.ChangeRequestDataItem.data_item_id)
                .join(m.ChangeRequest)
                .where(m.ChangeRequest.engagement_id == engagement_id)
            )
        )
        parents = {item.parent_id for item in items}
        proposals = []
        for item, _depth in tree_order(items):
            if item.id in requested:
                continue
            found = mappings.get(item.id, [])
            lacking = [x for x in found if x.status in ("gap", "extension_needed")]
            if lacking:
                proposals += [_proposal(item, x.status or "gap", x) for x in lacking]
            elif not found and item.id not in parents:
                proposals.append(_proposal(item, "unmapped", None))
        return proposals


def add_change_requests(store: Store, engagement_id: int, proposals: list[Proposal]) -> list[int]:
    """Add a draft change request for each proposal, linked to its data item."""
    ids = []
    for proposal in proposals:
        request = collections.add(
            store,
            "change_requests",
            engagement_id,
            profile=proposal.profile,
            element_path=proposal.element_path,
            summary=proposal.summary,
            rationale=proposal.rationale,
            status="draft",
        )
        collections.set_links(
            store, "change_requests", request, "data_items", [proposal.data_item_id]
        )
        ids.append(request)
    return ids
