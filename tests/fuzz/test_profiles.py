"""Fuzzing profile import (``workbook profiles import PATH``): StructureDefinitions as JSON
and XML, and FHIR NPM packages (.tgz).

Seeds: the profile tests' definitions (a differential-only Patient profile and extension,
a STU3 snapshot in XML) and a package of them; changed as JSON and XML trees, as bytes,
and, for packages, inside their tar (entry names, kinds and sizes, the manifest).
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.commands import import_profiles
from tests.fuzz.conftest import FuzzDatabase, feed
from tests.fuzz.mutations import (
    NASTY_TEXT,
    Mutant,
    json_bytes,
    mutated_bytes,
    mutated_document,
    mutated_json,
)
from tests.profiles.conftest import MANIFEST, STU3_XML, language_extension, patient_profile

DEFINITIONS = {"patient": patient_profile(), "extension": language_extension()}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzDatabase]:
    opened = FuzzDatabase(tmp_path_factory.mktemp("profiles"), lambda _store, _folder: None)
    yield opened
    opened.close()


def imported(database: FuzzDatabase, path: Path, data: bytes) -> Any:
    path.write_bytes(data)
    return feed(database, import_profiles(path))


@given(data=st.data())
def test_a_changed_json_definition(database: FuzzDatabase, tmp_path: Path, data: Any) -> None:
    seed = DEFINITIONS[data.draw(st.sampled_from(sorted(DEFINITIONS)))]
    mutant: Mutant = data.draw(mutated_json(seed))
    imported(database, tmp_path / "definition.json", json_bytes(mutant.value))


@given(mutant=mutated_document(STU3_XML))
def test_a_changed_xml_definition(database: FuzzDatabase, tmp_path: Path, mutant: Mutant) -> None:
    imported(database, tmp_path / "definition.xml", mutant.value)


def package_entries() -> dict[str, bytes]:
    return {
        "package/package.json": json_bytes(MANIFEST),
        "package/StructureDefinition-Example-Patient.json": json_bytes(patient_profile()),
        "package/StructureDefinition-Ext-Language.json": json_bytes(language_extension()),
        "package/StructureDefinition-Small-Encounter.xml": STU3_XML,
        "package/.index.json": b'{"index-version": 1, "files": []}',
        "package/other/readme.txt": b"not read",
    }


KINDS = {"file": tarfile.REGTYPE, "folder": tarfile.DIRTYPE, "symlink": tarfile.SYMTYPE,
         "hardlink": tarfile.LNKTYPE, "fifo": tarfile.FIFOTYPE}  # fmt: skip
names = st.sampled_from(
    ["package/x.json", "../x.json", "/etc/x.json", "package/../../x.json", "C:/x.json",
     "package\\..\\x.json", "package/sub/../x.json", "package/", "package//x.json", "x",
     "package/StructureDefinition-Example-Patient.json", "package/package.json", "./package/a.json"]
) | st.text(max_size=20)  # fmt: skip
entry_changes = st.lists(
    st.one_of(
        st.tuples(st.just("add"), names, st.sampled_from(sorted(KINDS)), st.binary(max_size=64)),
        st.tuples(st.just("rename"), st.integers(0, 5), names),
        st.tuples(st.just("remove"), st.integers(0, 5)),
        st.tuples(st.just("link"), names, names),
        st.tuples(st.just("manifest"), mutated_json(MANIFEST)),
        st.tuples(st.just("definition"), mutated_json(patient_profile())),
        st.tuples(st.just("nasty"), st.integers(0, 5), st.sampled_from(NASTY_TEXT)),
    ),
    min_size=1,
    max_size=4,
)


def build_package(changes: list[tuple[Any, ...]]) -> bytes:
    """The seed package with the changes made to its tar entries (uncompressed, then gzip)."""
    entries: list[tuple[str, int, bytes, str]] = [
        (name, tarfile.REGTYPE, data, "") for name, data in package_entries().items()
    ]
    for kind, *args in changes:
        if kind == "add":
            entries.append((args[0], KINDS[args[1]], args[2], "package/package.json"))
        elif kind == "rename" and entries:
            name, type_, data, link = entries[args[0] % len(entries)]
            entries[args[0] % len(entries)] = (args[1], type_, data, link)
        elif kind == "remove" and entries:
            del entries[args[0] % len(entries)]
        elif kind == "link":
            entries.append((args[0], tarfile.SYMTYPE, b"", args[1]))
        elif kind == "manifest":
            entries.append(("package/package.json", tarfile.REGTYPE, json_bytes(args[0].value), ""))
        elif kind == "definition":
            entries.append(("package/Fuzzed.json", tarfile.REGTYPE, json_bytes(args[0].value), ""))
        elif kind == "nasty" and entries:
            name, type_, _data, link = entries[args[0] % len(entries)]
            entries[args[0] % len(entries)] = (
                name,
                type_,
                args[1].encode("utf-8", "surrogatepass"),
                link,
            )
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, type_, data, link in entries:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = type_, link
            info.size = len(data) if type_ == tarfile.REGTYPE else 0
            tar.addfile(info, io.BytesIO(data) if type_ == tarfile.REGTYPE else None)
    return out.getvalue()


@given(changes=entry_changes)
def test_a_changed_package(database: FuzzDatabase, tmp_path: Path, changes: list[Any]) -> None:
    try:
        tar = build_package(changes)
    except (ValueError, UnicodeEncodeError):
        return  # tarfile itself refuses to write this name
    imported(database, tmp_path / "package.tgz", gzip.compress(tar))


@given(mutant=mutated_bytes(build_package([])))
def test_a_damaged_tar_in_a_package(database: FuzzDatabase, tmp_path: Path, mutant: Mutant) -> None:
    imported(database, tmp_path / "package.tgz", gzip.compress(mutant.value))


@given(mutant=mutated_bytes(gzip.compress(build_package([]))))
def test_a_damaged_package_file(database: FuzzDatabase, tmp_path: Path, mutant: Mutant) -> None:
    imported(database, tmp_path / "package.tgz", mutant.value)


@given(document=st.sampled_from(NASTY_TEXT).map(json.dumps) | st.sampled_from(["[]", "{}", "1"]))
def test_json_that_is_not_a_definition(
    database: FuzzDatabase, tmp_path: Path, document: str
) -> None:
    imported(database, tmp_path / "definition.json", document.encode("utf-8", "surrogatepass"))
