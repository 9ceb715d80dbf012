"""What fuzzing found, kept as plain examples: each crashed the command with a traceback (or
broke its one-line message) before it was fixed."""

from __future__ import annotations

import gzip
import io
import json
import re
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.excel.workbooks import edited, exported
from workbook.cli import run
from workbook.db.store import Store
from workbook.services import engagements


@pytest.fixture
def engagement(store: Store) -> str:
    return str(engagements.create(store, "Found by fuzzing"))


def refused(capsys: pytest.CaptureFixture[str], db: Path, *args: str | Path) -> str:
    assert run(["--db", str(db), *map(str, args)]) == 1
    out, err = capsys.readouterr()
    assert (out, err.count("\n")) == ("", 1)
    return err.removeprefix("workbook: ").removesuffix("\n")


@pytest.mark.parametrize("encoding", ["ttf-8", "utf-32", "idna"])
@pytest.mark.parametrize("suffix", [".xml", ".xsd", ".bpmn"])
def test_an_encoding_that_cannot_be_read(
    capsys, db_path: Path, engagement: str, tmp_path: Path, encoding: str, suffix: str
) -> None:
    path = tmp_path / f"model{suffix}"
    path.write_text(f'<?xml version="1.0" encoding="{encoding}"?>\n<r/>\n', encoding="ascii")
    command = ("process", "import") if suffix == ".bpmn" else ("dataset", "import")
    message = refused(capsys, db_path, *command, engagement, path)
    assert message.startswith(f"{path}: line 1: its encoding cannot be read (")
    assert message.endswith("); save it as UTF-8 and import again")


def test_a_structure_definition_in_an_encoding_that_cannot_be_read(
    capsys, db_path: Path, store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "profile.xml"
    path.write_text('<?xml version="1.0" encoding="ttf-8"?>\n<r/>\n', encoding="ascii")
    assert refused(capsys, db_path, "profiles", "import", path) == (
        f"{path}: line 1: its encoding cannot be read (unknown encoding: ttf-8)"
    )


def test_a_schema_referring_to_an_undeclared_prefix(
    capsys, db_path: Path, engagement: str, tmp_path: Path
) -> None:
    path = tmp_path / "schema.xsd"
    path.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n'
        '  <xs:element name="A"><xs:complexType><xs:sequence>\n'
        '    <xs:element ref="zz:B"/>\n'
        "  </xs:sequence></xs:complexType></xs:element>\n"
        "</xs:schema>\n",
        encoding="utf-8",
    )
    assert refused(capsys, db_path, "dataset", "import", engagement, path) == (
        f'{path}: line 3: unknown namespace prefix "zz" in "zz:B"'
    )


def test_a_package_whose_fhir_versions_are_not_a_list(
    capsys, db_path: Path, store: Store, tmp_path: Path
) -> None:
    manifest = json.dumps({"name": "p", "version": "1", "fhirVersions": {"0": "4.0.1"}}).encode()
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        info = tarfile.TarInfo("package/package.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
    path = tmp_path / "package.tgz"
    path.write_bytes(gzip.compress(archive.getvalue()))
    assert refused(capsys, db_path, "profiles", "import", path) == (
        f"{path}: no StructureDefinitions found"
    )


def test_a_cell_with_line_breaks_is_quoted_on_one_line(
    capsys, db_path: Path, store: Store, demo_id: int, tmp_path: Path
) -> None:
    def change(book: Any) -> None:
        book["Dataset"]["A2"] = "item-1\nitem-2"

    path = edited(exported(store, demo_id, tmp_path), change)
    assert refused(capsys, db_path, "dataset", "import", str(demo_id), path) == (
        f'{path}: sheet Dataset row 2 column A: "item-1\\nitem-2" is not a key this workbook '
        "wrote; clear it to add the row as a new item"
    )


def test_a_workbook_whose_styles_lost_their_cell_formats(
    capsys, db_path: Path, store: Store, demo_id: int, tmp_path: Path
) -> None:
    """The indents are lost with the styles; the outline levels still give the tree."""
    path = exported(store, demo_id, tmp_path)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["xl/styles.xml"] = re.sub(
        rb"<cellXfs.*?</cellXfs>", b"", parts["xl/styles.xml"], flags=re.S
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert run(["--db", str(db_path), "dataset", "import", str(demo_id), str(path)]) == 0
    assert capsys.readouterr().out == "added 0, changed 0, removed 0\n"
