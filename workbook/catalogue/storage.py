"""The catalogue's tables: stories shared by every engagement, and where they were used.

A catalogue story names its actor, care setting and feature as text: it belongs to no
engagement. ``catalogue_story_uses`` links an engagement's story to the catalogue story it
was copied from (or promoted into), with a snapshot of the catalogue story at that moment,
so that later changes on either side can be told apart. Deleting either story deletes the
link. On SQLite the migration ``0004_story_catalogue`` also creates the full-text index
``fts_catalogue_stories``, kept up to date by triggers (see :mod:`workbook.catalogue.search`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbook.db.models import Base, utcnow


class CatalogueStoryRow(Base):
    __tablename__ = "catalogue_stories"
    __table_args__ = (Index("ix_catalogue_stories_feature_actor", "feature", "actor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feature: Mapped[str | None]
    actor: Mapped[str | None]
    care_setting: Mapped[str | None]
    secondary_actor: Mapped[str | None]
    requirement: Mapped[str]
    justification: Mapped[str | None]
    priority: Mapped[str | None] = mapped_column(String(16))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str | None]
    interactions: Mapped[list[str]] = mapped_column(JSON, default=list)
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(default=utcnow)

    criteria: Mapped[list[CatalogueCriterionRow]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="CatalogueCriterionRow.position",
    )


class CatalogueCriterionRow(Base):
    __tablename__ = "catalogue_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(
        ForeignKey("catalogue_stories.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str]
    kind: Mapped[str | None] = mapped_column(String(16))


class CatalogueStoryUse(Base):
    """An engagement story copied from (or promoted into) a catalogue story."""

    __tablename__ = "catalogue_story_uses"
    __table_args__ = (UniqueConstraint("user_story_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_story_id: Mapped[int] = mapped_column(ForeignKey("user_stories.id", ondelete="CASCADE"))
    catalogue_story_id: Mapped[int] = mapped_column(
        ForeignKey("catalogue_stories.id", ondelete="CASCADE"), index=True
    )
    copied_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    copied: Mapped[dict[str, Any]] = mapped_column(JSON)
