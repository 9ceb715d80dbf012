"""The profiles an engagement can map to, for its FHIR release, found by URL, name or type.

:func:`available_profiles` gathers them: the bundled Care Connect catalogue (STU3), the
profiles imported into the database for that release, and the base resources and data
types. When one canonical URL has several versions the newest is used, unless a mapping
asks for one with ``URL|version``.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbook.db.store import Store
from workbook.profiles import bundled
from workbook.profiles.model import CHOICE_NAME_OF, CORE_PREFIX, Profile, version_key
from workbook.profiles.storage import ProfileRepository

CATALOGUES = {"STU3": bundled.care_connect}


class ProfileLibrary:
    """Profiles and extension definitions of one FHIR release, plus its base definitions."""

    def __init__(
        self, fhir_version: str, profiles: Iterable[Profile], base: Iterable[Profile]
    ) -> None:
        self.fhir_version = fhir_version
        self._base = {p.type: p for p in base}
        ranked = sorted(
            enumerate(profiles), key=lambda ip: (version_key(ip[1].version), ip[0]), reverse=True
        )
        self._by_url: dict[str, list[Profile]] = {}
        self._by_name: dict[str, list[Profile]] = {}
        for _, profile in ranked:  # newest first; the later-listed wins a tie
            self._by_url.setdefault(profile.url, []).append(profile)
            self._by_name.setdefault(profile.name, []).append(profile)

    def profiles(self) -> list[Profile]:
        """Every profile and extension definition (all versions), by name."""
        found = [p for versions in self._by_url.values() for p in versions]
        return sorted(found, key=lambda p: (p.name.lower(), version_key(p.version)))

    def base_resources(self) -> list[Profile]:
        resources = (p for p in self._base.values() if p.kind == "resource")
        return sorted(resources, key=lambda p: p.type)

    def versions(self, url: str) -> list[Profile]:
        """The versions of one canonical URL, newest first."""
        return list(self._by_url.get(url, []))

    def find(self, reference: str) -> Profile | None:
        """A profile by canonical URL (optionally ``|version``), name, or base type name."""
        reference = reference.strip()
        key, _, version = reference.partition("|")
        candidates = self._by_url.get(key) or self._by_name.get(key) or []
        if version:
            return next((p for p in candidates if p.version == version), None)
        if candidates:
            return candidates[0]
        name = key.removeprefix(CORE_PREFIX)
        base = self._base.get(name)
        return base if base is not None and base.kind == "resource" else None

    def base_definition(self, url: str) -> Profile | None:
        """What a differential builds on: a known profile, a base resource or data type."""
        found = self.find(url)
        if found is None and url.startswith(CORE_PREFIX):
            found = self._base.get(url.removeprefix(CORE_PREFIX).partition("|")[0])
        return found

    def definition_of(self, type_code: str, profile_url: str | None = None) -> Profile | None:
        """What an element of this type contains: its profile if known, else the base type."""
        if profile_url:
            profile = self.find(profile_url)
            if profile is not None:
                return profile
        return self._base.get(CHOICE_NAME_OF.get(type_code, type_code))


def available_profiles(store: Store, fhir_version: str) -> ProfileLibrary:
    """What an engagement on ``fhir_version`` (STU3 or R4) can map to."""
    catalogue = CATALOGUES.get(fhir_version)
    bundled_profiles = list(catalogue()) if catalogue else []
    imported = ProfileRepository(store).all(fhir_version)
    base = bundled.base_definitions(fhir_version) if fhir_version in bundled.BASE_FILES else ()
    return ProfileLibrary(fhir_version, [*bundled_profiles, *imported], base)
