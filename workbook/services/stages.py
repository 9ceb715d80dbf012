"""The fifteen steps of an engagement: Markdown text, status and attached images."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook import vocabulary as v
from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import InvalidValueError, NotFoundError
from workbook.services.collections import load, touch
from workbook.services.snapshots import Snapshot, capture
from workbook.steps import STEP_KEYS


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    filename: str
    title: str | None
    media_type: str
    size: int


@dataclass(frozen=True)
class StageState:
    key: str
    text: str
    status: str


def _stage(session: Session, engagement_id: int, key: str) -> m.Stage:
    if key not in STEP_KEYS:
        raise InvalidValueError(f"no step {key!r}; the steps are {', '.join(STEP_KEYS)}")
    load(session, "engagements", engagement_id)
    stage = session.scalar(
        select(m.Stage).where(m.Stage.engagement_id == engagement_id, m.Stage.key == key)
    )
    if stage is None:  # an engagement always has its fifteen steps; repair if one is missing
        stage = m.Stage(engagement_id=engagement_id, key=key, text="", status="not_started")
        session.add(stage)
    return stage


def get(store: Store, engagement_id: int, key: str) -> StageState:
    with store.session() as session:
        stage = _stage(session, engagement_id, key)
        return StageState(key, stage.text, stage.status)


def all_states(store: Store, engagement_id: int) -> list[StageState]:
    """The fifteen steps in process order."""
    with store.session() as session:
        load(session, "engagements", engagement_id)
        found = {
            s.key: s
            for s in session.scalars(select(m.Stage).where(m.Stage.engagement_id == engagement_id))
        }
    return [
        StageState(k, found[k].text, found[k].status)
        if k in found
        else StageState(k, "", "not_started")
        for k in STEP_KEYS
    ]


def set_text(store: Store, engagement_id: int, key: str, text: str) -> None:
    if not isinstance(text, str):
        raise InvalidValueError("a step's text must be text")
    with store.session() as session:
        _stage(session, engagement_id, key).text = text
        touch(session, engagement_id)


def set_status(store: Store, engagement_id: int, key: str, status: str) -> None:
    if status not in v.STEP_STATUSES:
        raise InvalidValueError(
            f"a step's status is one of {', '.join(v.STEP_STATUSES)}, not {status!r}"
        )
    with store.session() as session:
        _stage(session, engagement_id, key).status = status
        touch(session, engagement_id)


def blob_for(session: Session, data: bytes) -> m.Blob:
    """The stored blob with this content, added if new (content is stored once)."""
    sha = hashlib.sha256(data).hexdigest()
    blob = session.get(m.Blob, sha)
    if blob is None:
        blob = m.Blob(sha256=sha, data=data)
        session.add(blob)
    return blob


IMAGE_SIGNATURES = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/svg+xml": (b"<",),  # <?xml, <!DOCTYPE svg, a comment or <svg itself
}


def media_type_of(data: bytes) -> str | None:
    """The image type the bytes really are (PNG, JPEG, SVG), whatever the file is called."""
    start = data[:256].lstrip(b"\xef\xbb\xbf \t\r\n")
    for media_type, signatures in IMAGE_SIGNATURES.items():
        if start.startswith(signatures):
            if media_type == "image/svg+xml" and b"<svg" not in data[:4096]:
                continue
            return media_type
    return None


def add_attachment(
    store: Store,
    engagement_id: int,
    key: str,
    filename: str,
    media_type: str,
    data: bytes,
    title: str | None = None,
) -> int:
    if media_type not in v.MEDIA_TYPES:
        raise InvalidValueError(f"attachments are {', '.join(v.MEDIA_TYPES)}, not {media_type}")
    if media_type_of(data) != media_type:
        raise InvalidValueError(f"{filename} is not a PNG, JPEG or SVG image")
    with store.session() as session:
        _stage(session, engagement_id, key)
        position = session.scalar(
            select(func.count()).where(
                m.Attachment.engagement_id == engagement_id, m.Attachment.stage_key == key
            )
        )
        attachment = m.Attachment(
            engagement_id=engagement_id,
            stage_key=key,
            position=position or 0,
            filename=filename,
            title=title,
            media_type=media_type,
            blob=blob_for(session, data),
        )
        session.add(attachment)
        touch(session, engagement_id)
        session.flush()
        return attachment.id


def remove_attachment(store: Store, attachment_id: int) -> Snapshot:
    """Remove an attachment (and its image, if nothing else uses it); returns an undo snapshot."""
    with store.session() as session:
        attachment = session.get(m.Attachment, attachment_id)
        if attachment is None:
            raise NotFoundError(f"no attachment with id {attachment_id}")
        sha = attachment.blob_sha256
        snapshot = capture(session, "attachments", [attachment_id])
        session.delete(attachment)
        session.flush()
        still_used = session.scalar(select(func.count()).where(m.Attachment.blob_sha256 == sha))
        if not still_used:
            session.delete(session.get(m.Blob, sha))
        touch(session, attachment.engagement_id)
        return snapshot


def attachments(store: Store, engagement_id: int, key: str) -> list[AttachmentInfo]:
    with store.session() as session:
        rows = session.execute(
            select(m.Attachment, func.length(m.Blob.data))
            .join(m.Blob, m.Blob.sha256 == m.Attachment.blob_sha256)
            .where(m.Attachment.engagement_id == engagement_id, m.Attachment.stage_key == key)
            .order_by(m.Attachment.position, m.Attachment.id)
        ).all()
        return [
            AttachmentInfo(a.id, a.filename, a.title, a.media_type, size or 0) for a, size in rows
        ]


def attachment_data(store: Store, attachment_id: int) -> bytes:
    with store.session() as session:
        attachment = session.get(m.Attachment, attachment_id)
        if attachment is None:
            raise NotFoundError(f"no attachment with id {attachment_id}")
        return attachment.blob.data
