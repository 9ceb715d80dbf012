"""Deleting with the power to undo: a snapshot of everything a delete takes, and its restore.

A delete in the database cascades (a data item takes its sub-items, mappings and links) or
clears references (``SET NULL``). :func:`capture` walks the foreign keys declared on the
model to record every row the delete will remove and every reference it will clear;
:func:`restore` puts them all back with their original ids, so commands recorded before
and after the delete keep pointing at the right rows. It works for any table, including
whole engagements, without knowing the domain.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, select, update
from sqlalchemy.orm import Session

from workbook.db.models import Base


@dataclass
class Snapshot:
    """Rows to re-insert (parents first) and references to set back."""

    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    cleared: list[tuple[str, int, str, Any]] = field(default_factory=list)
    blobs: list[dict[str, Any]] = field(default_factory=list)


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _referencing(table: Table) -> list[tuple[Table, str, str, str]]:
    """(child table, child column, parent column, ondelete) for every FK into ``table``."""
    found = []
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table:
                found.append((child, fk.parent.name, fk.column.name, fk.ondelete or ""))
    return found


def capture(session: Session, table_name: str, ids: list[int]) -> Snapshot:
    """What deleting rows ``ids`` of ``table_name`` would remove or clear."""
    snapshot = Snapshot()
    seen: dict[str, set[int]] = defaultdict(set)
    blob_keys: set[str] = set()

    def visit(table: Table, row_ids: list[int]) -> None:
        row_ids = [i for i in row_ids if i not in seen[table.name]]
        if not row_ids:
            return
        seen[table.name].update(row_ids)
        rows = session.execute(select(table).where(table.c.id.in_(row_ids))).mappings().all()
        for row in rows:
            snapshot.rows.append((table.name, dict(row)))
            if "blob_sha256" in row:
                blob_keys.add(row["blob_sha256"])
        for child, column, parent_column, ondelete in _referencing(table):
            if parent_column != "id":
                continue
            query = select(child.c.id, child.c[column]).where(child.c[column].in_(row_ids))
            found = session.execute(query).all()
            if ondelete.upper() == "CASCADE":
                visit(child, [r[0] for r in found])
            elif ondelete.upper() == "SET NULL":
                snapshot.cleared += [(child.name, r[0], column, r[1]) for r in found]

    visit(_table(table_name), ids)
    blobs = _table("blobs")
    if blob_keys:
        snapshot.blobs = [
            dict(r)
            for r in session.execute(select(blobs).where(blobs.c.sha256.in_(blob_keys))).mappings()
        ]
    removed = {(name, row["id"]) for name, row in snapshot.rows}
    snapshot.cleared = [c for c in snapshot.cleared if (c[0], c[1]) not in removed]
    return snapshot


def restore(session: Session, snapshot: Snapshot) -> None:
    """Put back what :func:`capture` recorded, with the original ids."""
    blobs = _table("blobs")
    for blob in snapshot.blobs:
        if session.execute(select(blobs.c.sha256).where(blobs.c.sha256 == blob["sha256"])).first():
            continue
        session.execute(blobs.insert().values(**blob))
    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    pending = sorted(snapshot.rows, key=lambda r: order[r[0]])
    missing = {(name, row["id"]) for name, row in pending}
    # a row waits until every row it refers to is back (a data item's parent, say)
    while pending:
        waiting = []
        for name, row in pending:
            table = _table(name)
            if any(
                (fk.column.table.name, row[fk.parent.name]) in missing
                and (fk.column.table.name, row[fk.parent.name]) != (name, row["id"])
                for fk in table.foreign_keys
                if fk.column.name == "id"
            ):
                waiting.append((name, row))
                continue
            session.execute(table.insert().values(**row))
            missing.discard((name, row["id"]))
        if len(waiting) == len(pending):
            raise RuntimeError("snapshot rows refer to each other in a cycle")
        pending = waiting
    for name, row_id, column, value in snapshot.cleared:
        table = _table(name)
        session.execute(update(table).where(and_(table.c.id == row_id)).values({column: value}))
    session.flush()
