"""The dataset tree (step 5): tree order, moving items between parents, what a delete takes.

Deleting a data item is a cascade, by rule: its descendants, their mappings and their
links from stories and change requests go with it. :func:`deletion_impact` counts that
beforehand so the GUI can say so before the analyst confirms.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import IntegrityError, InvalidValueError
from workbook.services.collections import _siblings, load, touch
from workbook.services.registry import COLLECTIONS


def tree_order(items: list[Any]) -> list[tuple[Any, int]]:
    """Items (rows or dicts with id/parent_id/position) depth-first, with their depth.

    Items keep their given order among siblings; items whose parent is missing are left out.
    """
    if not items:
        return []
    if isinstance(items[0], dict):
        parent_of, id_of = itemgetter("parent_id"), itemgetter("id")
    else:
        parent_of, id_of = attrgetter("parent_id"), attrgetter("id")
    children: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        children[parent_of(item)].append(item)
    out: list[tuple[Any, int]] = []
    stack = [(item, 0) for item in reversed(children.get(None, []))]
    while stack:
        item, depth = stack.pop()
        out.append((item, depth))
        kids = children.get(id_of(item))
        if kids:
            stack.extend([(child, depth + 1) for child in reversed(kids)])
    return out


def _rows_in_tree_order(session: Session, engagement_id: int) -> list[m.DataItem]:
    found = session.scalars(
        select(m.DataItem)
        .where(m.DataItem.engagement_id == engagement_id)
        .order_by(m.DataItem.position, m.DataItem.id)
    )
    return [row for row, _depth in tree_order(list(found))]


def tree(store: Store, engagement_id: int) -> list[dict[str, Any]]:
    """Every data item depth-first in display order, each with its ``depth``."""
    spec = COLLECTIONS["data_items"]
    columns = [
        getattr(m.DataItem, k)
        for k in ("id", "engagement_id", "parent_id", "position", *spec.fields)
    ]
    with store.session() as session:
        load(session, "engagements", engagement_id)
        rows = session.execute(
            select(*columns)
            .where(m.DataItem.engagement_id == engagement_id)
            .order_by(m.DataItem.position, m.DataItem.id)
        ).mappings()
        items = [dict(row) for row in rows]
    return [item | {"depth": depth} for item, depth in tree_order(items)]


def outline(store: Store, engagement_id: int) -> list[tuple[int, str, int]]:
    """(id, name, depth) of every data item in tree order: the dataset at a glance."""
    with store.session() as session:
        load(session, "engagements", engagement_id)
        rows = session.execute(
            select(m.DataItem.id, m.DataItem.parent_id, m.DataItem.name)
            .where(m.DataItem.engagement_id == engagement_id)
            .order_by(m.DataItem.position, m.DataItem.id)
        ).all()
    items = [{"id": r[0], "parent_id": r[1], "name": r[2]} for r in rows]
    return [(item["id"], item["name"], depth) for item, depth in tree_order(items)]


def _descendant_ids(session: Session, item: m.DataItem) -> list[int]:
    rows = session.execute(
        select(m.DataItem.id, m.DataItem.parent_id).where(
            m.DataItem.engagement_id == item.engagement_id
        )
    )
    children: dict[int | None, list[int]] = defaultdict(list)
    for ident, parent in rows:
        children[parent].append(ident)
    out, stack = [], [item.id]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children[current])
    return out


@dataclass(frozen=True)
class DeletionImpact:
    items: int
    mappings: int
    story_links: int
    change_request_links: int

    def describe(self) -> str:
        parts = [f"{self.items} data item{'s' if self.items != 1 else ''}"]
        if self.mappings:
            parts.append(f"{self.mappings} mapping{'s' if self.mappings != 1 else ''}")
        if self.story_links:
            parts.append(
                f"{self.story_links} link{'s' if self.story_links != 1 else ''} from stories"
            )
        if self.change_request_links:
            parts.append(f"{self.change_request_links} link(s) from change requests")
        return ", ".join(parts)


def deletion_impact(store: Store, item_id: int) -> DeletionImpact:
    """What deleting this item would take with it."""
    with store.session() as session:
        ids = _descendant_ids(session, load(session, "data_items", item_id))

        def n(model: Any) -> int:
            return session.scalar(select(func.count()).where(model.data_item_id.in_(ids))) or 0

        return DeletionImpact(
            len(ids), n(m.Mapping), n(m.StoryDataItem), n(m.ChangeRequestDataItem)
        )


def move(store: Store, item_id: int, parent_id: int | None, position: int | None = None) -> None:
    """Move an item (with its subtree) under ``parent_id`` (None: top level) at ``position``."""
    spec = COLLECTIONS["data_items"]
    with store.session() as session:
        item = load(session, "data_items", item_id)
        if parent_id is not None:
            parent = load(session, "data_items", parent_id)
            if parent.engagement_id != item.engagement_id:
                raise InvalidValueError("that parent belongs to another engagement")
            if parent_id in _descendant_ids(session, item):
                raise IntegrityError(f'cannot move "{item.name}" inside itself')
        old_siblings = _siblings(session, spec, item.engagement_id, {"parent_id": item.parent_id})
        old_siblings.remove(item)
        for i, sibling in enumerate(old_siblings):
            sibling.position = i
        new_siblings = [
            s
            for s in _siblings(session, spec, item.engagement_id, {"parent_id": parent_id})
            if s.id != item.id
        ]
        index = len(new_siblings) if position is None else max(0, min(position, len(new_siblings)))
        new_siblings.insert(index, item)
        item.parent_id = parent_id
        for i, sibling in enumerate(new_siblings):
            sibling.position = i
        touch(session, item.engagement_id)


def indent(store: Store, item_id: int) -> None:
    """Make an item the last child of the sibling above it (no-op for a first child)."""
    spec = COLLECTIONS["data_items"]
    with store.session() as session:
        item = load(session, "data_items", item_id)
        siblings = _siblings(session, spec, item.engagement_id, {"parent_id": item.parent_id})
        index = siblings.index(item)
        if index == 0:
            return
        new_parent = siblings[index - 1].id
    move(store, item_id, new_parent)


def outdent(store: Store, item_id: int) -> None:
    """Make an item the sibling just after its parent (no-op at the top level)."""
    with store.session() as session:
        item = load(session, "data_items", item_id)
        if item.parent_id is None:
            return
        parent = load(session, "data_items", item.parent_id)
        grandparent, after = parent.parent_id, parent.position + 1
    move(store, item_id, grandparent, after)
