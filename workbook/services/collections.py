"""Create, read, update, delete and reorder the rows of any engagement collection.

Every change checks its values against the registry, refuses references into another
engagement, keeps ``position`` a dense 0..n-1 order within the row's list, stamps the
engagement's ``updated`` time and is committed before the call returns.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import InvalidValueError, NotFoundError
from workbook.services.registry import (
    COLLECTIONS,
    LINK_LISTS,
    MODELS,
    Collection,
    LinkList,
    collection,
)
from workbook.services.snapshots import Snapshot, capture
from workbook.services.snapshots import restore as restore_snapshot


def _noun(name: str) -> str:
    return name.removesuffix("s").replace("_", " ")


def load(session: Session, name: str, row_id: int) -> Any:
    row = session.get(MODELS[name], row_id)
    if row is None:
        raise NotFoundError(f"no {_noun(name)} with id {row_id}")
    return row


def engagement_of(session: Session, name: str, row: Any) -> int:
    """The engagement a row of collection ``name`` belongs to."""
    if name == "engagements":
        return row.id
    spec = COLLECTIONS[name]
    owner_id = getattr(row, spec.owner_column)
    if spec.owner == "engagements":
        return owner_id
    return engagement_of(session, spec.owner, load(session, spec.owner, owner_id))


def touch(session: Session, engagement_id: int) -> None:
    engagement = session.get(m.Engagement, engagement_id)
    if engagement is not None:
        engagement.updated = m.utcnow()


def _check_ref(session: Session, engagement_id: int, name: str, target: str, value: int) -> Any:
    row = session.get(MODELS[target], value)
    if row is None or engagement_of(session, target, row) != engagement_id:
        raise InvalidValueError(f"{name}: no {_noun(target)} with id {value} in this engagement")
    return row


def _clean(
    session: Session, spec: Collection, engagement_id: int, values: dict[str, Any], scope: dict
) -> dict[str, Any]:
    fields = spec.fields | spec.scope_fields
    unknown = set(values) - set(fields)
    if unknown:
        raise InvalidValueError(f"{_noun(spec.name)} has no field {', '.join(sorted(unknown))}")
    cleaned = {}
    for key, value in values.items():
        rule = fields[key]
        value = rule.clean(key, value)
        if rule.kind == "ref" and value is not None:
            target = _check_ref(session, engagement_id, key, rule.target, value)
            target_stage = getattr(target, "stage_key", None)
            if target_stage is not None and target_stage != scope.get("stage_key", target_stage):
                raise InvalidValueError(f"{key}: that node belongs to another diagram")
        cleaned[key] = value
    return cleaned


def _siblings(session: Session, spec: Collection, owner_id: int, scope: dict) -> list[Any]:
    model = spec.model
    query = select(model).where(getattr(model, spec.owner_column) == owner_id)
    for column in spec.scope:
        query = query.where(
            getattr(model, column).is_(scope.get(column))
            if scope.get(column) is None
            else getattr(model, column) == scope[column]
        )
    return list(session.scalars(query.order_by(model.position, model.id)))


def _owner_engagement(session: Session, spec: Collection, owner_id: int) -> int:
    return engagement_of(session, spec.owner, load(session, spec.owner, owner_id))


def add(
    store: Store, name: str, owner_id: int, /, *, position: int | None = None, **values: Any
) -> int:
    """Add a row to ``owner_id``'s list ``name`` (at ``position``, else at the end)."""
    spec = collection(name)
    with store.session() as session:
        engagement_id = _owner_engagement(session, spec, owner_id)
        scope = {k: values.get(k) for k in spec.scope}
        for key, rule in spec.fields.items():
            if key not in values and (rule.required or rule.default is not None):
                values[key] = None
        cleaned = _clean(session, spec, engagement_id, values, scope)
        siblings = _siblings(session, spec, owner_id, scope)
        row = spec.model(**{spec.owner_column: owner_id}, **cleaned)
        index = len(siblings) if position is None else max(0, min(position, len(siblings)))
        siblings.insert(index, row)
        session.add(row)
        for i, sibling in enumerate(siblings):
            sibling.position = i
        touch(session, engagement_id)
        session.flush()
        if spec.on_add is not None:
            spec.on_add(session, row)
        return row.id


def update(store: Store, name: str, row_id: int, /, **values: Any) -> None:
    """Change some fields of one row."""
    spec = collection(name)
    with store.session() as session:
        row = load(session, name, row_id)
        engagement_id = engagement_of(session, name, row)
        scope = {k: getattr(row, k) for k in spec.scope}
        if any(k in spec.scope for k in values):
            raise InvalidValueError(f"use move to change {', '.join(spec.scope)}")
        for key, value in _clean(session, spec, engagement_id, values, scope).items():
            setattr(row, key, value)
        touch(session, engagement_id)


def delete(store: Store, name: str, row_id: int) -> Snapshot:
    """Delete one row and what depends on it (see the rules in :mod:`workbook.db.models`).

    Returns a snapshot that :func:`restore` puts back exactly. Positions of the remaining
    siblings are left with a gap so that a restore lands where the row was.
    """
    with store.session() as session:
        row = load(session, name, row_id)
        engagement_id = engagement_of(session, name, row)
        snapshot = capture(session, row.__tablename__, [row_id])
        session.delete(row)
        touch(session, engagement_id)
        return snapshot


def restore(store: Store, snapshot: Snapshot) -> None:
    """Undo a delete: put back every row and reference it removed, with the same ids."""
    with store.session() as session:
        restore_snapshot(session, snapshot)
        for engagement_id in {
            row.get("engagement_id") for _name, row in snapshot.rows if row.get("engagement_id")
        }:
            touch(session, engagement_id)


def move(store: Store, name: str, row_id: int, position: int) -> None:
    """Move one row to ``position`` within its own list."""
    spec = collection(name)
    with store.session() as session:
        row = load(session, name, row_id)
        owner_id = getattr(row, spec.owner_column)
        siblings = _siblings(session, spec, owner_id, {k: getattr(row, k) for k in spec.scope})
        siblings.remove(row)
        siblings.insert(max(0, min(position, len(siblings))), row)
        for i, sibling in enumerate(siblings):
            sibling.position = i
        touch(session, engagement_of(session, name, row))


def as_dict(spec: Collection, row: Any) -> dict[str, Any]:
    keys = ("id", spec.owner_column, "position", *spec.scope, *spec.fields)
    return {key: getattr(row, key) for key in keys}


def get(store: Store, name: str, row_id: int) -> dict[str, Any]:
    spec = collection(name)
    with store.session() as session:
        return as_dict(spec, load(session, name, row_id))


def rows(store: Store, name: str, owner_id: int, **scope: Any) -> list[dict[str, Any]]:
    """The rows of one list, in display order (for scoped lists, pass the scope)."""
    spec = collection(name)
    table = spec.model.__table__
    keys = dict.fromkeys(("id", spec.owner_column, "position", *spec.scope, *spec.fields))
    query = select(*(table.c[key] for key in keys)).where(table.c[spec.owner_column] == owner_id)
    if scope:
        for column in spec.scope:
            value = scope.get(column)
            query = query.where(
                table.c[column].is_(None) if value is None else table.c[column] == value
            )
    with store.session() as session:
        load(session, spec.owner, owner_id)
        found = session.execute(query.order_by(table.c.position, table.c.id)).tuples()
        return [dict(zip(keys, row, strict=True)) for row in found]


def count(store: Store, name: str, owner_id: int) -> int:
    spec = collection(name)
    with store.session() as session:
        column = getattr(spec.model, spec.owner_column)
        return session.scalar(select(func.count()).where(column == owner_id)) or 0


def _link_list(owner: str, link: str) -> LinkList:
    try:
        return LINK_LISTS[(owner, link)]
    except KeyError:
        raise KeyError(f"{owner} has no link list {link!r}") from None


def _link_query(spec: LinkList, owner_id: int) -> Any:
    query = select(spec.model).where(getattr(spec.model, spec.owner_column) == owner_id)
    if spec.relation is not None:
        query = query.where(spec.model.relation == spec.relation)
    return query.order_by(spec.model.position, spec.model.id)


def links(store: Store, owner: str, owner_id: int, link: str) -> list[int]:
    """The ids one row links to through ``link`` (e.g. a story's data items), in order."""
    spec = _link_list(owner, link)
    with store.session() as session:
        load(session, owner, owner_id)
        return [
            getattr(r, spec.target_column) for r in session.scalars(_link_query(spec, owner_id))
        ]


def set_links(store: Store, owner: str, owner_id: int, link: str, target_ids: list[int]) -> None:
    """Replace the ordered list of ids one row links to through ``link``."""
    spec = _link_list(owner, link)
    if len(set(target_ids)) != len(target_ids):
        raise InvalidValueError(f"{link}: the same item is listed twice")
    with store.session() as session:
        engagement_id = engagement_of(session, owner, load(session, owner, owner_id))
        for target_id in target_ids:
            _check_ref(session, engagement_id, link, spec.target, target_id)
        if owner == spec.target and owner_id in target_ids:
            raise InvalidValueError(f"{link}: a use case cannot {link.removesuffix('s')} itself")
        for old in session.scalars(_link_query(spec, owner_id)):
            session.delete(old)
        session.flush()
        for i, target_id in enumerate(target_ids):
            row = spec.model(**{spec.owner_column: owner_id, spec.target_column: target_id})
            row.position = i
            if spec.relation is not None:
                row.relation = spec.relation
            session.add(row)
        touch(session, engagement_id)
