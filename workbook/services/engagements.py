"""Engagements as a whole: create, find, rename, edit the header, duplicate, delete."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select

from workbook import vocabulary as v
from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import AmbiguousError, InvalidValueError, NotFoundError
from workbook.services.collections import load, touch
from workbook.services.fields import REQUIRED_TEXT, TEXT, Field, enum
from workbook.services.snapshots import Snapshot, capture
from workbook.steps import STEP_KEYS

HEADER_FIELDS: dict[str, Field] = {
    "title": REQUIRED_TEXT,
    "client_name": TEXT,
    "client_code": TEXT,
    "analyst": TEXT,
    "status": enum(v.ENGAGEMENT_STATUSES),
    "fhir_version": enum(v.FHIR_VERSIONS, required=True),
    "process_name": TEXT,
}


@dataclass(frozen=True)
class EngagementSummary:
    id: int
    uid: str
    title: str
    client_name: str | None
    client_code: str | None
    analyst: str | None
    status: str | None
    fhir_version: str
    process_name: str | None
    created: dt.datetime
    updated: dt.datetime

    @classmethod
    def of(cls, row: m.Engagement) -> EngagementSummary:
        return cls(
            row.id,
            row.uid,
            row.title,
            row.client_name,
            row.client_code,
            row.analyst,
            row.status,
            row.fhir_version,
            row.process_name,
            _aware(row.created),
            _aware(row.updated),
        )


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def new_uid() -> str:
    return str(uuid.uuid4())


def new_engagement(title: str, **header: Any) -> m.Engagement:
    """An engagement row with its fifteen steps, not yet added to a session."""
    engagement = m.Engagement(uid=header.pop("uid", None) or new_uid(), title=title, **header)
    engagement.stages = [m.Stage(key=key, text="", status="not_started") for key in STEP_KEYS]
    return engagement


def _clean_header(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(HEADER_FIELDS)
    if unknown:
        raise InvalidValueError(f"an engagement has no field {', '.join(sorted(unknown))}")
    return {key: HEADER_FIELDS[key].clean(key, value) for key, value in values.items()}


def create(store: Store, title: str, **header: Any) -> int:
    header.setdefault("status", "draft")
    header.setdefault("fhir_version", "STU3")
    cleaned = _clean_header({"title": title, **header})
    with store.session() as session:
        engagement = new_engagement(cleaned.pop("title"), **cleaned)
        session.add(engagement)
        session.flush()
        return engagement.id


def update(store: Store, engagement_id: int, **header: Any) -> None:
    """Change the header: title, client, analyst, status, FHIR version, process name."""
    cleaned = _clean_header(header)
    with store.session() as session:
        engagement = load(session, "engagements", engagement_id)
        for key, value in cleaned.items():
            setattr(engagement, key, value)
        touch(session, engagement_id)


def rename(store: Store, engagement_id: int, title: str) -> None:
    update(store, engagement_id, title=title)


def delete(store: Store, engagement_id: int) -> Snapshot:
    """Delete an engagement and everything recorded in it; the snapshot can restore it."""
    with store.session() as session:
        engagement = load(session, "engagements", engagement_id)
        snapshot = capture(session, "engagements", [engagement_id])
        session.delete(engagement)
        session.flush()
        orphans = select(m.Blob.sha256).where(~m.Blob.sha256.in_(select(m.Attachment.blob_sha256)))
        for sha in list(session.scalars(orphans)):
            session.delete(session.get(m.Blob, sha))
        return snapshot


def duplicate(store: Store, engagement_id: int, title: str | None = None) -> int:
    """A full copy of an engagement under a new title (default: "Copy of …")."""
    from workbook.files.engagement_file import export_document, import_document

    document = export_document(store, engagement_id)
    source = document["engagement"]
    source["title"] = title or f"Copy of {source['title']}"
    source.pop("id", None)
    return import_document(store, document, source="copy").engagement_id


def get(store: Store, engagement_id: int) -> EngagementSummary:
    with store.session() as session:
        return EngagementSummary.of(load(session, "engagements", engagement_id))


def summaries(store: Store, search: str | None = None) -> list[EngagementSummary]:
    """Every engagement, most recently updated first; ``search`` filters on title and client."""
    query = select(m.Engagement).order_by(m.Engagement.updated.desc(), m.Engagement.id.desc())
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(
            or_(
                func.lower(m.Engagement.title).like(pattern),
                func.lower(m.Engagement.client_name).like(pattern),
                func.lower(m.Engagement.client_code).like(pattern),
            )
        )
    with store.session() as session:
        return [EngagementSummary.of(row) for row in session.scalars(query)]


def resolve(store: Store, reference: str) -> int:
    """The engagement a person named: its number, its uid, or its exact title."""
    reference = reference.strip()
    with store.session() as session:
        if reference.isdigit() and session.get(m.Engagement, int(reference)) is not None:
            return int(reference)
        by_uid = session.scalar(select(m.Engagement.id).where(m.Engagement.uid == reference))
        if by_uid is not None:
            return by_uid
        matches = list(
            session.execute(
                select(m.Engagement.id, m.Engagement.client_name).where(
                    m.Engagement.title == reference
                )
            )
        )
    if not matches:
        raise NotFoundError(f'no engagement with id or title "{reference}"')
    if len(matches) > 1:
        listed = "; ".join(f"{i} ({client or 'no client'})" for i, client in matches)
        raise AmbiguousError(
            f'{len(matches)} engagements are titled "{reference}": {listed}; use the id'
        )
    return matches[0][0]
