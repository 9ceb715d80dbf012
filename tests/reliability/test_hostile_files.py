"""Every hostile file of ``tests/data/hostile`` through every command that reads its kind.

Each is refused by the command line (exit 1, one line naming the file and the problem),
before anything is expanded, unpacked, read or fetched on its behalf: the database's bytes
are unchanged, the secret the entities aim at shows up nowhere, nothing is written outside
the package, no network is used, and the Python memory the command takes stays bounded.
The engagements made of formula and markup text are imported and exported, and stay text.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.guards import fingerprint, hard_limit, refuse_network
from tools.make_hostile import FILES, FORMULAS, MARKUP, SECRET, make, sparse_file
from workbook.cli import run
from workbook.db.store import open_store
from workbook.excel.safety import FORMULA_PREFIXES
from workbook.files.engagement_file import import_engagement_file
from workbook.resources import demo_engagement_path

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
LIMIT_SECONDS = 30  # a guard against a hang; each of these takes milliseconds
MEMORY_MB = 64  # Python memory a refusal may take, the command's own start included

DTD = (
    "line 2: has a DTD (<!DOCTYPE …>), which is not accepted because it can expand entities "
    "and fetch files; remove the DOCTYPE and import again"
)
PROFILE_DTD = (
    "refused: the XML declares entities or a DTD (<!DOCTYPE …>), which can expand to "
    "gigabytes or read files; remove the DOCTYPE and import again"
)
DTD_FILES = (
    "billion-laughs.xml",
    "quadratic-blowup.xml",
    "external-entity-local-file.xml",
    "external-entity-url.xml",
    "external-dtd.xml",
    "parameter-entity.xml",
    "plain-dtd.xml",
)
ENGAGEMENT = "1"  # the demo, in the database every case starts from
COMMANDS = {
    "import": ("import",),
    "dataset": ("dataset", "import", ENGAGEMENT),
    "process": ("process", "import", ENGAGEMENT),
    "profiles": ("profiles", "import"),
    "catalogue": ("catalogue", "import"),
}

# (hostile file, the command, the suffix it is given, the message after "FILE: ")
REFUSED = [
    *((name, "dataset", ".xml", DTD) for name in DTD_FILES),
    *((name, "dataset", ".xsd", DTD) for name in DTD_FILES),
    *((name, "process", ".bpmn", DTD) for name in DTD_FILES),
    *((name, "profiles", ".xml", PROFILE_DTD) for name in DTD_FILES),
    (
        "zip-bomb.xlsx",
        "dataset",
        ".xlsx",
        "part xl/worksheets/sheet1.xml: compressed 1029 times, far more than a workbook's "
        "content can be (a zip bomb?); refused",
    ),
    (
        "zip-bomb-overlapping.xlsx",
        "dataset",
        ".xlsx",
        "would unpack to 5000 MB, more than a dataset workbook can hold (512 MB); refused",
    ),
    (
        "package-path-traversal.tgz",
        "profiles",
        ".tgz",
        "entry package/../../../../tmp/workbook-hostile.json: its name leads outside the "
        "package folder; the package was refused",
    ),
    (
        "invalid-utf8.engagement.json",
        "import",
        ".engagement.json",
        "byte 90: not a JSON text file (not UTF-8)",
    ),
    (
        "invalid-utf8.csv",
        "catalogue",
        ".csv",
        "line 2: not UTF-8 text; in Excel, save it as “CSV UTF-8 (Comma delimited)”",
    ),
    (
        "invalid-utf8.xml",
        "dataset",
        ".xml",
        "line 2 column 19: not well-formed XML (not well-formed (invalid token))",
    ),
    ("invalid-utf8-definition.json", "profiles", ".json", "byte 115: not UTF-8 text"),
    (
        "nested-100000.engagement.json",
        "import",
        ".engagement.json",
        "not usable: the JSON is nested too deeply",
    ),
    (
        "nested-100000.engagement.json",
        "catalogue",
        ".json",
        "not usable: the JSON is nested too deeply",
    ),
    (
        "nested-100000.engagement.json",
        "profiles",
        ".json",
        "refused: the JSON is nested too deeply",
    ),
]
TWO_GB = [
    ("import", ".engagement.json",
     "too large to be an engagement file (2147 MB; the limit is 67 MB)"),
    ("dataset", ".xlsx", "too large for a dataset workbook (2048 MB; the limit is 64 MB)"),
    ("dataset", ".xml", "too large to import as an XML sample (2,147 MB; the limit is 1,000 MB)"),
    ("dataset", ".xsd", "too large to import as an XML schema (2,147 MB; the limit is 64 MB)"),
    ("process", ".bpmn", "too large to import as a BPMN model (2,147 MB; the limit is 64 MB)"),
    ("profiles", ".json", "larger than 64 MB; refused"),
    ("profiles", ".xml", "larger than 64 MB; refused"),
    ("profiles", ".tgz", "larger than 100 MB; refused"),
    ("catalogue", ".csv", "too large for a story catalogue (2147 MB; the limit is 67 MB)"),
    ("catalogue", ".json", "too large for a story catalogue (2147 MB; the limit is 67 MB)"),
]  # fmt: skip


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "pristine.sqlite"
    store = open_store(path)
    import_engagement_file(store, demo_engagement_path())
    store.close()
    return path


@pytest.fixture
def database(pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the demo's database; no network; the folder the hostile files are in."""
    refuse_network(monkeypatch)
    path = tmp_path / "workbook.sqlite"
    shutil.copyfile(pristine, path)
    yield path


def refused(database: Path, command: str, path: Path, capsys: pytest.CaptureFixture) -> str:
    """Run the command on ``path``; check it failed on one line, within bounds, changing
    nothing. Returns the message after "FILE: "."""
    before = fingerprint(database)
    tracemalloc.start()
    try:
        with hard_limit(LIMIT_SECONDS):
            code = run(["--db", str(database), *COMMANDS[command], str(path)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    out, err = capsys.readouterr()
    assert (code, out, err.count("\n")) == (1, "", 1), err
    assert fingerprint(database) == before
    assert peak < MEMORY_MB * 2**20, f"took {peak / 2**20:.0f} MB"
    assert SECRET not in err and SECRET.encode() not in database.read_bytes()
    prefix = f"workbook: {path}: "
    assert err.startswith(prefix), err
    return err.removeprefix(prefix).removesuffix("\n")


def copy_as(name: str, suffix: str, folder: Path) -> Path:
    """The hostile file under the name a command expects, beside the secret it aims at."""
    shutil.copy(HOSTILE / "secret.txt", folder / "secret.txt")
    stem = name.removesuffix(".engagement.json").rsplit(".", 1)[0]
    return Path(shutil.copy(HOSTILE / name, folder / f"{stem}{suffix}"))


@pytest.mark.parametrize(
    ("name", "command", "suffix", "message"),
    REFUSED,
    ids=[f"{name}-{command}{suffix}" for name, command, suffix, _message in REFUSED],
)
def test_a_hostile_file_is_refused_and_changes_nothing(
    database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    name: str,
    command: str,
    suffix: str,
    message: str,
) -> None:
    path = copy_as(name, suffix, tmp_path)
    assert refused(database, command, path, capsys) == message
    assert not Path("/tmp/workbook-hostile.json").exists()


@pytest.mark.parametrize(
    ("command", "suffix", "message"), TWO_GB, ids=[f"{c}{s}" for c, s, _m in TWO_GB]
)
def test_a_2_gb_file_is_refused_by_its_size_before_it_is_read(
    database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    command: str,
    suffix: str,
    message: str,
) -> None:
    path = sparse_file(tmp_path / f"huge{suffix}")
    assert refused(database, command, path, capsys) == message


def exported(
    database: Path, name: str, suffix: str, folder: Path, capsys: pytest.CaptureFixture
) -> Path:
    """Import a hostile engagement and export it (the first export of the new engagement)."""
    assert run(["--db", str(database), "import", str(HOSTILE / name)]) == 0
    engagement = capsys.readouterr().out.splitlines()[-1]
    target = folder / f"out{suffix}"
    assert run(["--db", str(database), "export", engagement, "--to", str(target)]) == 0
    return target


def test_formula_text_is_exported_as_text(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = exported(database, "formula-strings.engagement.json", ".xlsx", tmp_path, capsys)
    book = load_workbook(path)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    names = {cell.value: cell.quotePrefix for cell in book["Dataset"]["B"][1:]}
    shown = {text.replace("\r", "\n") for text in FORMULAS if text != "'=already quoted"}
    assert {text: names.get(text) for text in shown} == dict.fromkeys(shown, True)


def test_formula_text_in_the_catalogue_csv_is_quoted(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert (
        run(["--db", str(database), "import", str(HOSTILE / "formula-strings.engagement.json")])
        == 0
    )
    engagement = capsys.readouterr().out.splitlines()[-1]
    assert run(["--db", str(database), "catalogue", "promote", engagement, "=US-1"]) == 0
    target = tmp_path / "catalogue.csv"
    assert run(["--db", str(database), "catalogue", "export", "--to", str(target)]) == 0
    rows = csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig")))
    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)] == []
    assert "'=cmd|' /C calc'!A0" in cells


def test_markup_is_printed_as_text_in_the_pdf(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(HOSTILE)  # where <img src="secret.txt"> would be read from
    path = exported(database, "reportlab-markup.engagement.json", ".pdf", tmp_path, capsys)
    reader = PdfReader(path)
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    for markup in MARKUP[:8]:
        assert markup in text
    images = [
        name
        for page in reader.pages
        for name, xobject in (page["/Resources"].get("/XObject") or {}).items()
        if xobject.get_object().get("/Subtype") == "/Image"
    ]
    assert images == []
    assert SECRET.encode() not in path.read_bytes()


def test_markup_stays_text_in_an_svg_diagram(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert (
        run(["--db", str(database), "import", str(HOSTILE / "reportlab-markup.engagement.json")])
        == 0
    )
    engagement = capsys.readouterr().out.splitlines()[-1]
    target = tmp_path / "problem.svg"
    assert run(["--db", str(database), "diagram", engagement, "problem", "--to", str(target)]) == 0
    svg = target.read_text(encoding="utf-8")
    assert "<script" not in svg and "&lt;script&gt;" in svg


def test_the_collection_is_what_the_script_makes(tmp_path: Path) -> None:
    made = {path.name: path.read_bytes() for path in make(tmp_path)}
    assert made == {name: (HOSTILE / name).read_bytes() for name in made}
    assert sorted(made) == sorted(p.name for p in HOSTILE.iterdir())
    assert set(FILES) - {
        "secret.txt",
        "formula-strings.engagement.json",
        "reportlab-markup.engagement.json",
    } == {name for name, *_rest in REFUSED}
    with zipfile.ZipFile(HOSTILE / "zip-bomb-overlapping.xlsx") as archive:
        assert sum(part.file_size for part in archive.infolist()) > 5e9
