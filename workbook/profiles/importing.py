"""``profiles import``: StructureDefinitions from a file, folder or package into the database.

Everything is read, checked and expanded before anything is written; then all profiles
are saved in one transaction, so a bad file leaves the database as it was. Profiles with
only a differential are expanded over their base, which may be another definition in the
same import (expanded first), one imported earlier, the bundled catalogue, or a base
resource or data type. A canonical URL already known in another version is kept beside
it; the newest version is used, and the report says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbook.db.store import Store
from workbook.errors import InputError, Problem
from workbook.profiles.expansion import expand
from workbook.profiles.library import ProfileLibrary, available_profiles
from workbook.profiles.model import Profile, version_key
from workbook.profiles.sources import FoundResource, read_sources
from workbook.profiles.storage import ProfileRepository, SavedProfile
from workbook.profiles.structure_definition import Definition, DefinitionError, read_definition
from workbook.progress import Progress, no_progress


@dataclass
class ImportReport:
    source: str
    saved: list[SavedProfile] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    skipped: int = 0

    def lines(self) -> list[str]:
        extensions = sum(1 for s in self.saved if s.profile.kind == "extension")
        out = [
            f"Imported {len(self.saved) - extensions} profiles and {extensions} extension "
            f"definitions from {self.source}"
        ]
        for saved in self.saved:
            p = saved.profile
            again = " (replaces the earlier import of this version)" if saved.replaced else ""
            out.append(f"  {p.label}  {p.fhir_version} {p.type}  {p.url}{again}")
        out += self.notices
        if self.skipped:
            what = "file that is not a" if self.skipped == 1 else "files that are not"
            plural = "" if self.skipped == 1 else "s"
            out.append(f"Passed over {self.skipped} {what} StructureDefinition{plural}")
        return out


@dataclass
class _Pending:
    where: str
    definition: Definition
    expanded: Profile | None = None


def import_profiles(store: Store, path: Path, progress: Progress = no_progress) -> ImportReport:
    """Read, expand and save every StructureDefinition at ``path``; all or nothing."""
    label = str(path)
    sources = read_sources(path)
    report = ImportReport(label, skipped=sources.skipped)
    pending = _read_definitions(label, sources.resources, sources.fhir_version, report, progress)
    libraries: dict[str, ProfileLibrary] = {}

    def library(release: str) -> ProfileLibrary:
        if release not in libraries:
            libraries[release] = available_profiles(store, release)
        return libraries[release]

    batch = _Batch(pending, library)
    problems: list[Problem] = []
    for i, item in enumerate(pending):
        progress(i, len(pending), f"expanding {item.definition.profile.name}")
        try:
            batch.expand(item)
        except DefinitionError as exc:
            problems.append(Problem(item.where, str(exc)))
    if problems:
        raise InputError(label, problems)
    profiles = [item.expanded for item in pending if item.expanded is not None]
    report.notices = _version_notices(profiles, library)
    progress(len(pending), len(pending), "saving")
    report.saved = ProfileRepository(store).save_all((p, path.name) for p in profiles)
    return report


def _read_definitions(
    label: str,
    resources: list[FoundResource],
    package_version: str,
    report: ImportReport,
    progress: Progress,
) -> list[_Pending]:
    pending: list[_Pending] = []
    seen: dict[tuple[str, str], _Pending] = {}
    problems: list[Problem] = []
    for i, found in enumerate(resources):
        progress(i, len(resources), f"reading {found.where}")
        if found.resource.get("resourceType") != "StructureDefinition":
            report.skipped += 1
            continue
        try:
            definition = read_definition(found.resource, package_version)
        except DefinitionError as exc:
            problems.append(Problem(found.where, str(exc)))
            continue
        profile = definition.profile
        if not profile.fhir_version:
            problems.append(
                Problem(found.where, f"{profile.url} does not say its FHIR version (fhirVersion)")
            )
            continue
        key = (profile.url, profile.version or "")
        if key in seen:
            if seen[key].definition != definition:
                problems.append(
                    Problem(
                        found.where,
                        f"{profile.url} version {profile.version or '(none)'} is also defined, "
                        f"differently, in {seen[key].where}",
                    )
                )
            continue
        seen[key] = _Pending(found.where, definition)
        pending.append(seen[key])
    if problems:
        raise InputError(label, problems)
    if not pending:
        raise InputError(label, "no StructureDefinitions found")
    return pending


class _Batch:
    """The definitions of one import, each expanded on demand after what it builds on."""

    def __init__(self, pending: list[_Pending], library: Callable[[str], ProfileLibrary]) -> None:
        self.library = library
        self.newest: dict[str, _Pending] = {}
        for item in pending:
            url = item.definition.profile.url
            known = self.newest.get(url)
            if known is None or version_key(item.definition.profile.version) > version_key(
                known.definition.profile.version
            ):
                self.newest[url] = item

    def expand(self, item: _Pending, chain: tuple[str, ...] = ()) -> Profile:
        """The full profile of ``item``, expanding the definitions it builds on first."""
        if item.expanded is not None:
            return item.expanded
        definition = item.definition
        profile = definition.profile
        if definition.has_snapshot:
            item.expanded = profile
            return profile
        if profile.url in chain:
            raise DefinitionError(
                f"its base definitions go round in a circle: {' → '.join((*chain, profile.url))}"
            )
        chain = (*chain, profile.url)
        release = self.library(profile.fhir_version)
        base_url = profile.base or ""
        in_batch = self.newest.get(base_url.partition("|")[0])
        if in_batch is not None:
            base = self.expand(in_batch, chain)
        else:
            base = release.base_definition(base_url) if base_url else None
        if base is None:
            raise DefinitionError(
                f"{profile.url} has only a differential, and its base "
                f"{base_url or '(none given)'} is not available; import the base first or "
                "together with it"
            )

        def type_definitions(code: str, profile_url: str | None) -> Profile | None:
            in_batch = self.newest.get(profile_url or "")
            if in_batch is not None and in_batch.definition.profile.url not in chain:
                return self.expand(in_batch, chain)
            return release.definition_of(code, profile_url)

        item.expanded = expand(definition, base, type_definitions)
        return item.expanded


def _version_notices(
    profiles: list[Profile], library: Callable[[str], ProfileLibrary]
) -> list[str]:
    by_url: dict[str, list[Profile]] = {}
    for profile in profiles:
        by_url.setdefault(profile.url, []).append(profile)
    notices = []
    for url, mine in by_url.items():
        known = library(mine[0].fhir_version).versions(url)
        versions = {p.version or "(no version)" for p in [*known, *mine]}
        if len(versions) < 2:
            continue
        ordered = sorted(versions, key=version_key, reverse=True)
        notices.append(
            f"{mine[0].name}: {url} now has versions {', '.join(ordered)}; {ordered[0]} is used "
            f"unless a mapping names another as URL|version"
        )
    return notices
