"""Broken files: refused on one line naming file and place, nothing changed. Every importer
(XML sample, XSD, BPMN) goes through the same safe parser. Hostile files (DTDs, entities, a
2 GB file) are in tests/data/hostile, tested in tests/reliability/test_hostile_files.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.importers.conftest import cli, snapshot
from workbook.db.store import Store

# (command, suffix)
IMPORTERS = {
    "xml": (("dataset", "import"), ".xml"),
    "xsd": (("dataset", "import"), ".xsd"),
    "bpmn": (("process", "import"), ".bpmn"),
}


@pytest.fixture
def run_import(capsys, db_path: Path, store: Store, filled: int) -> Callable[[str, Path], str]:
    """Import a file with the command line; check it failed, said so on one line, and that
    the engagement is exactly as it was. Returns that line."""

    def run(kind: str, path: Path) -> str:
        command, *_rest = IMPORTERS[kind]
        before = snapshot(store, filled)
        code, out, err = cli(capsys, db_path, *command, filled, path)
        assert (code, out) == (1, "")
        assert err.count("\n") == 1
        assert snapshot(store, filled) == before
        return err.removeprefix("workbook: ").removesuffix("\n")

    return run


BROKEN = {
    "truncated": (
        b'<?xml version="1.0"?>\n<Prescription>\n  <Item>\n    <Dose>2',
        "line 4 column 12: the file ends before the XML does (cut short?)",
    ),
    "not XML": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "line 1: not an XML file (it does not start with <)",
    ),
    "undefined entity": (
        b'<?xml version="1.0"?>\n<r>&nbsp;</r>\n',
        "line 2 column 4: undefined entity (XML without a DTD knows only &amp; &lt; &gt; "
        "&quot; &apos; and character references such as &#233;)",
    ),
    "mismatched tags": (
        b'<?xml version="1.0"?>\n<r><a>x</b></r>\n',
        "line 2 column 10: not well-formed XML (mismatched tag)",
    ),
    "empty": (b"", "the file is empty"),
}


@pytest.mark.parametrize("kind", IMPORTERS)
@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_is_refused_at_its_line(
    run_import: Callable[[str, Path], str], tmp_path: Path, kind: str, case: str
) -> None:
    content, message = BROKEN[case]
    path = tmp_path / f"broken{IMPORTERS[kind][1]}"
    path.write_bytes(content)
    assert run_import(kind, path) == f"{path}: {message}"


def test_a_missing_file_and_a_folder_are_refused(
    run_import: Callable[[str, Path], str], tmp_path: Path
) -> None:
    missing = tmp_path / "gone.xml"
    assert run_import("xml", missing) == f"{missing}: no such file"
    folder = tmp_path / "folder.bpmn"
    folder.mkdir()
    assert run_import("bpmn", folder) == f"{folder}: is a folder, not a file"


def test_an_unreadable_file_is_refused(
    run_import: Callable[[str, Path], str], tmp_path: Path, db_path: Path, filled: int
) -> None:
    path = tmp_path / "locked.xsd"
    path.write_text("<x/>")
    path.chmod(0)
    if os.geteuid() != 0:
        assert run_import("xsd", path) == f"{path}: permission denied"
        return
    # root reads every file; without these capabilities it honours permission bits
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv, cannot make a file unreadable")
    drop = "-dac_override,-dac_read_search"
    result = subprocess.run(
        [
            setpriv,
            f"--inh-caps={drop}",
            f"--bounding-set={drop}",
            sys.executable,
            "-m",
            "workbook",
            "--db",
            str(db_path),
            "dataset",
            "import",
            str(filled),
            str(path),
        ],
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"workbook: {path}: permission denied\n"


def test_a_vendor_extension_is_ignored_and_the_import_works(
    capsys, db_path: Path, filled: int, tmp_path: Path
) -> None:
    model = tmp_path / "signavio.bpmn"
    model.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"\n'
        '             xmlns:signavio="http://www.signavio.com" id="D">\n'
        '  <signavio:signavioDiagramMetaData metaKey="revisionid" metaValue="42"/>\n'
        '  <process id="P" name="Supply">\n'
        "    <extensionElements><signavio:signavioMetaData metaKey="
        '"bgcolor" metaValue="#ffffcc"/></extensionElements>\n'
        '    <task id="T" name="Order stock"><extensionElements>'
        '<signavio:x signavio:y="1"><deep><deeper/></deep></signavio:x>'
        "</extensionElements></task>\n"
        '    <signavio:unknownShape id="U"/>\n'
        "  </process>\n"
        "</definitions>\n",
        encoding="utf-8",
    )
    code, out, err = cli(capsys, db_path, "process", "import", filled, model)
    assert (code, out, err) == (0, "lanes 0, nodes 1, flows 0\n", "")
