"""Imported profiles in the database, available to every engagement.

The table ``imported_profiles`` holds one row per canonical URL and version: the profile's
facts as JSON (:meth:`workbook.profiles.model.Profile.to_json`) and where they came from.
Its migration is ``0003_imported_profiles``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from workbook.db.models import Base, utcnow
from workbook.db.store import Store
from workbook.profiles.model import Profile

_CHUNK = 500  # URLs per query, well under every database's limit on bound parameters


class ImportedProfile(Base):
    __tablename__ = "imported_profiles"
    __table_args__ = (UniqueConstraint("url", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str]
    version: Mapped[str] = mapped_column(String(64), default="")  # "" when it has none
    name: Mapped[str]
    fhir_version: Mapped[str] = mapped_column(String(8))
    resource_type: Mapped[str] = mapped_column(String(64))
    source: Mapped[str]
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    imported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


@dataclass(frozen=True)
class SavedProfile:
    profile: Profile
    replaced: bool  # the same URL and version was imported before and is now replaced


def imported_source(source: str) -> str:
    return f"imported from {source}"


class ProfileRepository:
    """Reads and writes imported profiles; a batch is saved in one transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def all(self, fhir_version: str | None = None) -> list[Profile]:
        """Every imported profile, or those of one FHIR release (STU3, R4…)."""
        query = select(ImportedProfile).order_by(ImportedProfile.url, ImportedProfile.version)
        if fhir_version is not None:
            query = query.where(ImportedProfile.fhir_version == fhir_version)
        with self.store.session() as session:
            return [
                Profile.from_json(r.data, imported_source(r.source)) for r in session.scalars(query)
            ]

    def save(self, profile: Profile, source: str) -> SavedProfile:
        return self.save_all([(profile, source)])[0]

    def save_all(self, batch: Iterable[tuple[Profile, str]]) -> list[SavedProfile]:
        """Add or replace (same URL and version) every profile, all or nothing."""
        batch = list(batch)
        saved = []
        with self.store.session() as session:
            existing = self._rows(session, sorted({p.url for p, _ in batch}))
            for profile, source in batch:
                key = (profile.url, profile.version or "")
                row = existing.get(key)
                replaced = row is not None
                if row is None:
                    row = existing[key] = ImportedProfile(url=key[0], version=key[1])
                    session.add(row)
                row.name = profile.name
                row.fhir_version = profile.fhir_version
                row.resource_type = profile.type
                row.source = source
                row.data = profile.to_json()
                row.imported_at = utcnow()
                saved.append(SavedProfile(profile.with_source(imported_source(source)), replaced))
        return saved

    @staticmethod
    def _rows(session: Session, urls: list[str]) -> dict[tuple[str, str], ImportedProfile]:
        rows: dict[tuple[str, str], ImportedProfile] = {}
        for start in range(0, len(urls), _CHUNK):
            query = select(ImportedProfile).where(
                ImportedProfile.url.in_(urls[start : start + _CHUNK])
            )
            rows.update({(r.url, r.version): r for r in session.scalars(query)})
        return rows
