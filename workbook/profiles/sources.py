"""Where StructureDefinitions come from: a file, a folder, or a FHIR NPM package (.tgz).

Every reader returns the FHIR resources it found, each with the place it was found
(``package/StructureDefinition-X.json``) for messages. A package is read in memory and
never extracted: entries are counted and their sizes added up as they are met, and a
name that would leave the package folder (``../``, an absolute path) refuses the whole
package. Files that are not FHIR resources (``package.json``, ``.index.json``, other XML)
are passed over; a file that claims to be one but cannot be read is a problem.
"""

from __future__ import annotations

import tarfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from workbook.errors import InputError, Problem, file_problems
from workbook.profiles.model import fhir_release
from workbook.profiles.structure_definition import (
    DefinitionError,
    parse_json_resource,
    parse_xml_resource,
)

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PACKAGE_BYTES = 100 * 1024 * 1024
MAX_PACKAGE_ENTRIES = 20_000
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
PACKAGE_SUFFIXES = (".tgz", ".tar.gz")
FILE_SUFFIXES = (".json", ".xml")


@dataclass(frozen=True)
class FoundResource:
    where: str  # file name, relative path in a folder, or tar entry
    resource: dict[str, Any]


@dataclass(frozen=True)
class Sources:
    resources: list[FoundResource]
    fhir_version: str  # the package's, when it says; else ""
    skipped: int  # files that were not FHIR resources


def read_sources(path: Path) -> Sources:
    """The FHIR resources in a file, folder or package; InputError naming file and entry."""
    label = str(path)
    if not path.exists():
        raise InputError(label, "no such file or folder")
    if path.is_dir():
        return _read_folder(path)
    name = path.name.lower()
    if name.endswith(PACKAGE_SUFFIXES):
        return _read_package(path)
    if not name.endswith(FILE_SUFFIXES):
        raise InputError(
            label,
            "not a StructureDefinition file or FHIR package: use .xml, .json, .tgz or a folder",
        )
    data = _read_file(path, label)
    try:
        resource = _parse(path.name, data)
    except DefinitionError as exc:
        raise InputError(label, str(exc)) from exc
    if resource is None:
        raise InputError(label, "not a FHIR resource")
    return Sources([FoundResource(path.name, resource)], "", 0)


def _read_file(path: Path, label: str) -> bytes:
    with file_problems(label):
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(label, f"larger than {MAX_FILE_BYTES // 2**20} MB; refused")
        return path.read_bytes()


def _parse(name: str, data: bytes) -> dict[str, Any] | None:
    """The resource in a file, None when it is not a FHIR resource at all."""
    if name.lower().endswith(".xml"):
        try:
            return parse_xml_resource(data)
        except DefinitionError as exc:
            if str(exc).startswith("not a FHIR resource"):
                return None
            raise
    resource = parse_json_resource(data)
    return resource if "resourceType" in resource else None


def _read_folder(folder: Path) -> Sources:
    found, problems, skipped = [], [], 0
    files = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.name.lower().endswith(FILE_SUFFIXES)
    )
    for file in files:
        where = file.relative_to(folder).as_posix()
        try:
            resource = _parse(file.name, _read_file(file, where))
        except DefinitionError as exc:
            problems.append(Problem(where, str(exc)))
            continue
        except InputError as exc:
            problems += [Problem(where, p.what) for p in exc.problems]
            continue
        if resource is None:
            skipped += 1
        else:
            found.append(FoundResource(where, resource))
    if problems:
        raise InputError(str(folder), problems)
    return Sources(found, "", skipped)


def _read_package(path: Path) -> Sources:
    label = str(path)
    entries: dict[str, bytes] = {}
    try:
        if path.stat().st_size > MAX_PACKAGE_BYTES:
            raise InputError(label, f"larger than {MAX_PACKAGE_BYTES // 2**20} MB; refused")
        with tarfile.open(path, mode="r:gz") as tar:
            count = total = 0
            for member in tar:
                count += 1
                _check_entry(label, member, count)
                if not member.isfile():
                    continue
                total += member.size
                if total > MAX_UNPACKED_BYTES:
                    raise InputError(
                        label,
                        Problem(
                            f"entry {member.name}",
                            f"the package unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB;"
                            " refused",
                        ),
                    )
                if _wanted(member.name):
                    handle = tar.extractfile(member)
                    entries[member.name] = handle.read() if handle else b""
    except (tarfile.TarError, zlib.error, EOFError, OSError) as exc:
        raise InputError(label, f"not a readable .tgz package ({exc})") from exc
    return _package_resources(label, entries)


def _check_entry(label: str, member: tarfile.TarInfo, count: int) -> None:
    if count > MAX_PACKAGE_ENTRIES:
        raise InputError(label, f"more than {MAX_PACKAGE_ENTRIES} entries; refused")
    name = member.name
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or ".." in parts or (parts and parts[0].endswith(":")):
        raise InputError(
            label,
            Problem(
                f"entry {name}",
                "its name leads outside the package folder; the package was refused",
            ),
        )


def _wanted(name: str) -> bool:
    """``package/package.json`` and the resources directly in ``package/``."""
    parts = PurePosixPath(name).parts
    return len(parts) == 2 and parts[0] == "package" and parts[1].lower().endswith(FILE_SUFFIXES)


def _package_resources(label: str, entries: dict[str, bytes]) -> Sources:
    manifest_data = entries.pop("package/package.json", None)
    if manifest_data is None:
        raise InputError(label, "not a FHIR package: it has no package/package.json")
    try:
        manifest = parse_json_resource(manifest_data)
    except DefinitionError as exc:
        raise InputError(label, Problem("entry package/package.json", str(exc))) from exc
    versions = manifest.get("fhirVersions") or manifest.get("fhir-version-list") or []
    first = versions[0] if isinstance(versions, list) and versions else None
    fhir_version = fhir_release(first) if isinstance(first, str) else ""
    found, problems, skipped = [], [], 0
    for name in sorted(entries):
        if PurePosixPath(name).name.startswith("."):
            continue  # .index.json
        try:
            resource = _parse(name, entries[name])
        except DefinitionError as exc:
            problems.append(Problem(f"entry {name}", str(exc)))
            continue
        if resource is None:
            skipped += 1
        else:
            found.append(FoundResource(name, resource))
    if problems:
        raise InputError(label, problems)
    return Sources(found, fhir_version, skipped)
