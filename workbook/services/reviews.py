"""Step 8: what each review of the mapping saw, and what has changed since the last approval.

Recording a review keeps a copy of every mapping as it stood (:func:`keep_reviewed`). The
mappings are compared with the copy kept by the latest review whose decision is
``approved`` (by its date, then its place in the list): a mapping is added, removed or
changed per data item and profile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.db import models as m
from workbook.db.store import Store

Key = tuple[int, str]  # data item id, profile
Seen = tuple[tuple[str, str], ...]  # sorted (element path, status) of the key's mappings


@dataclass(frozen=True)
class MappingChange:
    kind: str  # "added", "changed" or "removed"
    data_item_id: int
    data_item: str  # the item's name now, or when reviewed if it has gone
    profile: str
    before: str  # "element path (status)", one per line; "" when added
    after: str  # the same now; "" when removed


@dataclass(frozen=True)
class ChangesSinceApproval:
    approval: dict[str, Any] | None  # the last approval: id, approver, role, date
    changes: list[MappingChange]

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


def keep_reviewed(session: Session, approval: m.Approval) -> None:
    """Keep the engagement's mappings, as they stand, as what ``approval`` reviewed."""
    rows = session.execute(
        select(m.Mapping, m.DataItem.name)
        .join(m.DataItem, m.DataItem.id == m.Mapping.data_item_id)
        .where(m.Mapping.engagement_id == approval.engagement_id)
        .order_by(m.Mapping.position, m.Mapping.id)
    ).all()
    approval.reviewed = [
        m.ReviewedMapping(
            data_item_id=mapping.data_item_id,
            data_item=name,
            profile=mapping.profile,
            element_path=mapping.element_path,
            status=mapping.status,
        )
        for mapping, name in rows
    ]


def _describe(seen: Seen) -> str:
    return "\n".join(
        f"{path} ({status.replace('_', ' ')})" if status else path for path, status in seen
    )


def _group(rows: list[tuple[int, str, str | None, str | None]]) -> dict[Key, Seen]:
    grouped: dict[Key, list[tuple[str, str]]] = {}
    for item_id, profile, path, status in rows:
        grouped.setdefault((item_id, profile), []).append((path or "", status or ""))
    return {key: tuple(sorted(value)) for key, value in grouped.items()}


def last_approval(session: Session, engagement_id: int) -> m.Approval | None:
    approvals = session.scalars(
        select(m.Approval).where(
            m.Approval.engagement_id == engagement_id, m.Approval.decision == "approved"
        )
    ).all()
    return max(approvals, key=lambda a: (a.date or dt.date.min, a.position, a.id), default=None)


def changes_since_approval(store: Store, engagement_id: int) -> ChangesSinceApproval:
    """The mappings added, changed and removed since the last approval, in dataset order."""
    with store.session() as session:
        approval = last_approval(session, engagement_id)
        if approval is None:
            return ChangesSinceApproval(None, [])
        reviewed = _group(
            [(r.data_item_id, r.profile, r.element_path, r.status) for r in approval.reviewed]
        )
        reviewed_names = {r.data_item_id: r.data_item for r in approval.reviewed}
        current = _group(
            list(
                session.execute(
                    select(
                        m.Mapping.data_item_id,
                        m.Mapping.profile,
                        m.Mapping.element_path,
                        m.Mapping.status,
                    ).where(m.Mapping.engagement_id == engagement_id)
                ).tuples()
            )
        )
        items = session.execute(
            select(m.DataItem.id, m.DataItem.parent_id, m.DataItem.name)
            .where(m.DataItem.engagement_id == engagement_id)
            .order_by(m.DataItem.position, m.DataItem.id)
        ).all()
        names = {item.id: item.name for item in items}
        order = {item.id: i for i, (item, _depth) in enumerate(_tree_order(items))}
        summary = {
            "id": approval.id,
            "approver": approval.approver,
            "role": approval.role,
            "date": approval.date,
        }
    changes = []
    for key in reviewed.keys() | current.keys():
        before, after = reviewed.get(key, ()), current.get(key, ())
        if before == after:
            continue
        kind = "added" if not before else "removed" if not after else "changed"
        item_id, profile = key
        name = names.get(item_id) or reviewed_names.get(item_id, "")
        changes.append(
            MappingChange(kind, item_id, name, profile, _describe(before), _describe(after))
        )
    changes.sort(key=lambda c: (order.get(c.data_item_id, len(order)), c.data_item, c.profile))
    return ChangesSinceApproval(summary, changes)


def _tree_order(items: list[Any]) -> list[tuple[Any, int]]:
    from workbook.services.dataset import tree_order  # dataset needs the registry, which needs us

    return tree_order(items)
