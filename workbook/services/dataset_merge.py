"""Bringing a dataset from outside (a returned Excel sheet, a client's XML) into an engagement.

An importer describes what it read as :class:`IncomingItem` rows, each with a match key
(the hidden key of an Excel row, the ``xml_path`` of an XML element) and only the fields
that source speaks for. :func:`compute_diff` compares them with the engagement's dataset
and returns a :class:`DatasetDiff` (added, changed field by field, removed) that the user
reviews; :func:`apply_diff` then applies it in one transaction. Fields the source does not
carry (the analyst's notes, descriptions, mappings) are left as they are on matched items.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import IntegrityError, InvalidValueError
from workbook.services.collections import load, touch
from workbook.services.dataset import tree_order
from workbook.services.registry import COLLECTIONS
from workbook.services.snapshots import Snapshot, capture, restore

ITEM_FIELDS = COLLECTIONS["data_items"].fields
PARENT = "parent"


@dataclass(frozen=True)
class IncomingItem:
    """One data item as a source describes it.

    ``key`` matches it to an existing item; ``parent_key`` is the key of its parent among
    the incoming items (None at the top level); ``values`` holds only the fields the source
    speaks for.
    """

    key: str
    parent_key: str | None
    values: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.values.get("name") or self.key)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ItemChange:
    item_id: int
    name: str
    key: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class RemovedItem:
    item_id: int
    name: str


@dataclass(frozen=True)
class DatasetDiff:
    engagement_id: int
    added: tuple[IncomingItem, ...]
    changed: tuple[ItemChange, ...]
    removed: tuple[RemovedItem, ...]
    matched: dict[str, int] = field(default_factory=dict)  # key -> existing item id

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def summary(self) -> str:
        return f"added {len(self.added)}, changed {len(self.changed)}, removed {len(self.removed)}"

    def lines(self) -> list[str]:
        """The diff for a person: one line per added or removed item, one per changed field."""
        out = [f"+ {item.name}" for item in self.added]
        for change in self.changed:
            for c in change.changes:
                out.append(f"~ {change.name}: {c.field}: {_show(c.old)} → {_show(c.new)}")
        out += [f"- {item.name}" for item in self.removed]
        return out


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return repr(value) if isinstance(value, str) else str(value)


def _validate(incoming: Sequence[IncomingItem]) -> None:
    seen: set[str] = set()
    for item in incoming:
        if item.key in seen:
            raise InvalidValueError(f'the same item "{item.key}" appears twice')
        if item.parent_key is not None and item.parent_key not in seen:
            raise InvalidValueError(
                f'"{item.name}" is under "{item.parent_key}", which does not come before it'
            )
        seen.add(item.key)
        for name, value in item.values.items():
            if name not in ITEM_FIELDS:
                raise InvalidValueError(f"data items have no field {name!r}")
            ITEM_FIELDS[name].clean(name, value)


def compute_diff(
    store: Store,
    engagement_id: int,
    incoming: Sequence[IncomingItem],
    *,
    key_of: Callable[[m.DataItem], str | None],
    removable: Callable[[m.DataItem], bool] = lambda _item: True,
) -> DatasetDiff:
    """Compare incoming items with the dataset.

    ``key_of`` gives an existing item's match key (None: it cannot be matched, and is never
    removed); ``removable`` says whether an unmatched existing item counts as removed.
    """
    _validate(incoming)
    with store.session() as session:
        load(session, "engagements", engagement_id)
        existing = list(
            session.scalars(
                select(m.DataItem)
                .where(m.DataItem.engagement_id == engagement_id)
                .order_by(m.DataItem.position, m.DataItem.id)
            )
        )
        by_id = {item.id: item for item in existing}
        by_key: dict[str, m.DataItem] = {}
        for item in existing:
            key = key_of(item)
            if key is not None:
                by_key.setdefault(key, item)
        incoming_keys = {item.key for item in incoming}
        matched = {item.key: by_key[item.key].id for item in incoming if item.key in by_key}

        added, changed = [], []
        for item in incoming:
            row = by_key.get(item.key)
            if row is None:
                added.append(item)
                continue
            changes = [
                FieldChange(name, getattr(row, name), ITEM_FIELDS[name].clean(name, value))
                for name, value in item.values.items()
                if getattr(row, name) != ITEM_FIELDS[name].clean(name, value)
            ]
            new_parent = matched.get(item.parent_key) if item.parent_key else None
            if item.parent_key is None or new_parent is not None:
                if new_parent != row.parent_id:
                    old_name = by_id[row.parent_id].name if row.parent_id else None
                    new_name = by_id[new_parent].name if new_parent else None
                    changes.append(FieldChange(PARENT, old_name, new_name))
            else:  # the new parent is itself new
                changes.append(
                    FieldChange(
                        PARENT,
                        by_id[row.parent_id].name if row.parent_id else None,
                        _name_of(incoming, item.parent_key),
                    )
                )
            if changes:
                changed.append(ItemChange(row.id, row.name, item.key, tuple(changes)))
        removed = [
            RemovedItem(row.id, row.name)
            for row, _depth in tree_order(existing)
            if (key := key_of(row)) is not None and key not in incoming_keys and removable(row)
        ]
    return DatasetDiff(engagement_id, tuple(added), tuple(changed), tuple(removed), matched)


def _name_of(incoming: Sequence[IncomingItem], key: str) -> str:
    return next(item.name for item in incoming if item.key == key)


def apply_diff(store: Store, diff: DatasetDiff, incoming: Sequence[IncomingItem]) -> Snapshot:
    """Apply a reviewed diff in one transaction: add, change and move, then remove.

    Returns the dataset as it was before (items, their mappings and links), which
    :func:`restore_dataset` puts back: the whole import is one undo step.
    """
    by_key = {item.key: item for item in incoming}
    with store.session() as session:
        before = capture(session, "data_items", _item_ids(session, diff.engagement_id))
        ids = dict(diff.matched)
        for item_id in (*ids.values(), *(r.item_id for r in diff.removed)):
            row = session.get(m.DataItem, item_id)
            if row is None or row.engagement_id != diff.engagement_id:
                raise IntegrityError("the dataset changed since it was compared; compare again")
        next_position: dict[int | None, int] = {}

        def append_to(parent_id: int | None) -> int:
            if parent_id not in next_position:
                siblings = session.scalars(
                    select(m.DataItem.position).where(
                        m.DataItem.engagement_id == diff.engagement_id,
                        m.DataItem.parent_id.is_(None)
                        if parent_id is None
                        else m.DataItem.parent_id == parent_id,
                    )
                )
                next_position[parent_id] = max(siblings, default=-1) + 1
            next_position[parent_id] += 1
            return next_position[parent_id] - 1

        added_keys = {item.key for item in diff.added}
        for item in incoming:  # parents come before their children in the incoming order
            if item.key not in added_keys:
                continue
            parent_id = ids[item.parent_key] if item.parent_key else None
            row = m.DataItem(
                engagement_id=diff.engagement_id,
                parent_id=parent_id,
                position=append_to(parent_id),
                **{k: ITEM_FIELDS[k].clean(k, v) for k, v in item.values.items()},
            )
            session.add(row)
            session.flush()
            ids[item.key] = row.id
        for change in diff.changed:
            row = session.get(m.DataItem, change.item_id)
            for c in change.changes:
                if c.field == PARENT:
                    parent_key = by_key[change.key].parent_key
                    row.parent_id = ids[parent_key] if parent_key else None
                    row.position = append_to(row.parent_id)
                else:
                    setattr(row, c.field, c.new)
        session.flush()
        for removed in diff.removed:
            row = session.get(m.DataItem, removed.item_id)
            if row is not None:  # an ancestor's removal may have taken it already
                session.delete(row)
                session.flush()
        touch(session, diff.engagement_id)
        return before


def _item_ids(session: Session, engagement_id: int) -> list[int]:
    return list(
        session.scalars(select(m.DataItem.id).where(m.DataItem.engagement_id == engagement_id))
    )


def restore_dataset(store: Store, engagement_id: int, before: Snapshot) -> None:
    """Put the dataset back as :func:`apply_diff` found it (undo of an import)."""
    with store.session() as session:
        for item_id in _item_ids(session, engagement_id):
            row = session.get(m.DataItem, item_id)
            if row is not None:
                session.delete(row)
                session.flush()
        restore(session, before)
        touch(session, engagement_id)
