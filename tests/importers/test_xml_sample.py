"""XML samples → dataset items: the exact trees of realistic clinical messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importers.conftest import SAMPLES, cli, rows
from workbook.db.store import Store
from workbook.errors import Cancelled, InputError
from workbook.importers.xml_sample import MAX_DEPTH, read_xml_samples
from workbook.services import dataset, engagements


@pytest.fixture
def eid(store: Store) -> int:
    return engagements.create(store, "Samples")


def read(store: Store, eid: int, *names: str) -> list:
    return rows(read_xml_samples(store, eid, [SAMPLES / name for name in names]))


def test_a_prescription_extract(store: Store, eid: int) -> None:
    p, item = "/Prescription", "/Prescription/Item"
    assert read(store, eid, "prescription.xml") == [
        (p, None, {"name": "Prescription", "data_type": "group", "cardinality": "1..1"}),
        (
            f"{p}/@id",
            p,
            {
                "name": "id",
                "data_type": "identifier",
                "cardinality": "1..1",
                "example": "RX-2024-000123",
            },
        ),
        (
            f"{p}/@status",
            p,
            {"name": "status", "data_type": "code", "cardinality": "1..1", "example": "active"},
        ),
        (f"{p}/Patient", p, {"name": "Patient", "data_type": "group", "cardinality": "1..1"}),
        (
            f"{p}/Patient/NHSNumber",
            f"{p}/Patient",
            {
                "name": "NHSNumber",
                "data_type": "identifier",
                "cardinality": "1..1",
                "example": "9434765919",
            },
        ),
        (
            f"{p}/Patient/Name",
            f"{p}/Patient",
            {"name": "Name", "data_type": "group", "cardinality": "1..1"},
        ),
        (
            f"{p}/Patient/Name/Given",
            f"{p}/Patient/Name",
            {"name": "Given", "data_type": "string", "cardinality": "1..1", "example": "Amelia"},
        ),
        (
            f"{p}/Patient/Name/Family",
            f"{p}/Patient/Name",
            {"name": "Family", "data_type": "string", "cardinality": "1..1", "example": "Okafor"},
        ),
        (
            f"{p}/Patient/BirthDate",
            f"{p}/Patient",
            {
                "name": "BirthDate",
                "data_type": "date",
                "cardinality": "1..1",
                "example": "1958-07-14",
            },
        ),
        (
            f"{p}/Prescriber",
            p,
            {"name": "Prescriber", "data_type": "group", "cardinality": "1..1"},
        ),
        (
            f"{p}/Prescriber/GMCNumber",
            f"{p}/Prescriber",
            {
                "name": "GMCNumber",
                "data_type": "identifier",
                "cardinality": "1..1",
                "example": "7012345",
            },
        ),
        (
            f"{p}/Prescriber/Name",
            f"{p}/Prescriber",
            {
                "name": "Name",
                "data_type": "string",
                "cardinality": "1..1",
                "example": "Dr Priya Natarajan",
            },
        ),
        (
            f"{p}/AuthoredOn",
            p,
            {
                "name": "AuthoredOn",
                "data_type": "datetime",
                "cardinality": "1..1",
                "example": "2024-03-12T09:30:00Z",
            },
        ),
        (item, p, {"name": "Item", "data_type": "group", "cardinality": "1..*"}),
        (
            f"{item}/@issueDate",
            item,
            {
                "name": "issueDate",
                "data_type": "date",
                "cardinality": "1..1",
                "example": "2024-03-12",
            },
        ),
        (
            f"{item}/Medication",
            item,
            {
                "name": "Medication",
                "data_type": "string",
                "cardinality": "1..1",
                "example": "Paracetamol 500mg tablets",
            },
        ),
        (  # SNOMED CT and dm+d ids: digits of varying length
            f"{item}/Medication/@code",
            f"{item}/Medication",
            {"name": "code", "data_type": "code", "cardinality": "1..1", "example": "322236009"},
        ),
        (
            f"{item}/Dose",
            item,
            {"name": "Dose", "data_type": "integer", "cardinality": "1..1", "example": "2"},
        ),
        (
            f"{item}/Route",
            item,
            {"name": "Route", "data_type": "code", "cardinality": "1..1", "example": "ORAL"},
        ),
        (
            f"{item}/Frequency",
            item,
            {"name": "Frequency", "data_type": "code", "cardinality": "1..1", "example": "QDS"},
        ),
        (
            f"{item}/Quantity",
            item,
            {"name": "Quantity", "data_type": "integer", "cardinality": "1..1", "example": "32"},
        ),
        (
            f"{item}/Quantity/@unit",
            f"{item}/Quantity",
            {"name": "unit", "data_type": "code", "cardinality": "1..1", "example": "tablet"},
        ),
        (
            f"{item}/Repeat",
            item,
            {"name": "Repeat", "data_type": "boolean", "cardinality": "1..1", "example": "false"},
        ),
        (
            f"{item}/Notes",
            item,
            {
                "name": "Notes",
                "data_type": "string",
                "cardinality": "0..1",
                "example": "Review blood pressure in 4 weeks",
            },
        ),
    ]


PATHOLOGY = [
    "/ResultMessage",
    "/ResultMessage/@messageId",
    "/ResultMessage/@sent",
    "/ResultMessage/Sender",
    "/ResultMessage/Sender/@ods",
    "/ResultMessage/Sender/Name",
    "/ResultMessage/Patient",
    "/ResultMessage/Patient/NHSNumber",
    "/ResultMessage/Patient/HospitalNumber",
    "/ResultMessage/Report",
    "/ResultMessage/Report/@id",
    "/ResultMessage/Report/@status",
    "/ResultMessage/Report/Specimen",
    "/ResultMessage/Report/Specimen/@type",
    "/ResultMessage/Report/Specimen/@collected",
    "/ResultMessage/Report/Observation",
    "/ResultMessage/Report/Observation/@code",
    "/ResultMessage/Report/Observation/Name",
    "/ResultMessage/Report/Observation/Value",
    "/ResultMessage/Report/Observation/Value/@unit",
    "/ResultMessage/Report/Observation/ReferenceRange",
    "/ResultMessage/Report/Observation/ReferenceRange/@low",
    "/ResultMessage/Report/Observation/ReferenceRange/@high",
    "/ResultMessage/Report/Observation/Flag",
    "/ResultMessage/Report/Observation/Comment",
]


def test_pathology_results_pool_the_evidence_of_every_file(store: Store, eid: int) -> None:
    found = read(store, eid, "pathology-1.xml", "pathology-2.xml")
    assert [path for path, _parent, _values in found] == PATHOLOGY
    parents = {path: parent for path, parent, _values in found}
    assert parents["/ResultMessage/Report/Observation/Value/@unit"] == (
        "/ResultMessage/Report/Observation/Value"
    )
    table = {
        path.removeprefix("/ResultMessage"): (
            values["data_type"],
            values["cardinality"],
            values.get("example"),
        )
        for path, _parent, values in found
    }
    assert table == {
        "": ("group", "1..1", None),
        "/@messageId": ("identifier", "1..1", "550e8400-e29b-41d4-a716-446655440000"),
        "/@sent": ("datetime", "1..1", "2024-03-14T16:02:11+00:00"),
        "/Sender": ("group", "1..1", None),
        "/Sender/@ods": ("code", "1..1", "RX1"),
        "/Sender/Name": ("string", "1..1", "Northgate Hospital Pathology"),
        "/Patient": ("group", "1..1", None),
        "/Patient/NHSNumber": ("identifier", "1..1", "9434765919"),
        "/Patient/HospitalNumber": ("identifier", "1..1", "00123456"),
        "/Report": ("group", "1..*", None),  # twice in the second file
        "/Report/@id": ("identifier", "1..1", "LAB-24-0031877"),
        "/Report/@status": ("code", "1..1", "final"),
        "/Report/Specimen": ("group", "1..1", None),  # attributes only
        "/Report/Specimen/@type": ("code", "1..1", "BLD"),
        "/Report/Specimen/@collected": ("datetime", "1..1", "2024-03-14T08:15:00Z"),
        "/Report/Observation": ("group", "1..*", None),
        "/Report/Observation/@code": ("code", "1..1", "NA"),
        "/Report/Observation/Name": ("string", "1..1", "Serum sodium"),
        "/Report/Observation/Value": ("decimal", "1..1", "138"),  # 138, 5.9, 104, 96, 2.1
        "/Report/Observation/Value/@unit": ("code", "1..1", "mmol/L"),
        "/Report/Observation/ReferenceRange": ("group", "0..1", None),  # not for the ratio
        "/Report/Observation/ReferenceRange/@low": ("decimal", "1..1", "133"),
        "/Report/Observation/ReferenceRange/@high": ("decimal", "1..1", "146"),
        "/Report/Observation/Flag": ("code", "0..1", "H"),
        "/Report/Observation/Comment": ("string", "0..1", "Suggest iron studies."),
    }
    assert found[0][2]["description"] == "Namespaces: (no prefix) = urn:example:pathology:2"
    assert all("description" not in values for _path, _parent, values in found[1:])


def test_one_file_is_narrower_evidence_than_two(store: Store, eid: int) -> None:
    found = {path: values for path, _p, values in read(store, eid, "pathology-1.xml")}
    assert "/ResultMessage/Report/Observation/Comment" not in found
    assert found["/ResultMessage/Report"]["cardinality"] == "1..1"
    assert found["/ResultMessage/Report/Observation/ReferenceRange"]["cardinality"] == "1..1"
    assert found["/ResultMessage/Report/@status"]["data_type"] == "code"


def test_a_discharge_summary_with_namespaces_cdata_and_mixed_content(
    store: Store, eid: int
) -> None:
    ds = "/ds:DischargeSummary"
    meds = f"{ds}/med:MedicationList/med:Medication"
    assert read(store, eid, "discharge-summary.xml") == [
        (
            ds,
            None,
            {
                "name": "DischargeSummary",
                "data_type": "group",
                "cardinality": "1..1",
                "description": "Namespaces: ds = urn:example:discharge:1, "
                "med = urn:example:medication:1",
            },
        ),
        (  # xsi:schemaLocation is not data
            f"{ds}/@xml:lang",
            ds,
            {"name": "lang", "data_type": "code", "cardinality": "1..1", "example": "en-GB"},
        ),
        (
            f"{ds}/ds:Encounter",
            ds,
            {"name": "Encounter", "data_type": "group", "cardinality": "1..1"},
        ),
        (
            f"{ds}/ds:Encounter/ds:AdmittedOn",
            f"{ds}/ds:Encounter",
            {
                "name": "AdmittedOn",
                "data_type": "datetime",
                "cardinality": "1..1",
                "example": "2024-03-01T14:20:00Z",
            },
        ),
        (
            f"{ds}/ds:Encounter/ds:DischargedOn",
            f"{ds}/ds:Encounter",
            {
                "name": "DischargedOn",
                "data_type": "datetime",
                "cardinality": "1..1",
                "example": "2024-03-12T11:00:00Z",
            },
        ),
        (
            f"{ds}/ds:Encounter/ds:Ward",
            f"{ds}/ds:Encounter",
            {"name": "Ward", "data_type": "string", "cardinality": "1..1", "example": "Cedar Ward"},
        ),
        (  # CDATA on several lines: text, shown on one line
            f"{ds}/ds:ClinicalSummary",
            ds,
            {
                "name": "ClinicalSummary",
                "data_type": "text",
                "cardinality": "1..1",
                "example": "Admitted with community-acquired pneumonia. Treated with IV "
                "antibiotics; switched to oral on day 4. Observations stable for 48 hours "
                "before discharge.",
            },
        ),
        (  # mixed content: the whole text, and its markup (b, i) is not an item
            f"{ds}/ds:Advice",
            ds,
            {
                "name": "Advice",
                "data_type": "text",
                "cardinality": "1..1",
                "example": "Stop aspirin until the clinic review; restart only if advised.",
                "description": "Mixed content: text with markup (b, i)",
            },
        ),
        (
            f"{ds}/med:MedicationList",
            ds,
            {"name": "MedicationList", "data_type": "group", "cardinality": "1..1"},
        ),
        (
            meds,
            f"{ds}/med:MedicationList",
            {"name": "Medication", "data_type": "group", "cardinality": "1..*"},
        ),
        (
            f"{meds}/@status",
            meds,
            {"name": "status", "data_type": "code", "cardinality": "1..1", "example": "new"},
        ),
        (
            f"{meds}/med:Name",
            meds,
            {
                "name": "Name",
                "data_type": "string",
                "cardinality": "1..1",
                "example": "Amoxicillin 500mg capsules",
            },
        ),
        (  # CDATA keeps < > & as text
            f"{meds}/med:Instructions",
            meds,
            {
                "name": "Instructions",
                "data_type": "string",
                "cardinality": "1..1",
                "example": "Take ONE capsule THREE times a day <with food> & water",
            },
        ),
        (
            f"{meds}/med:Duration",
            meds,
            {"name": "Duration", "data_type": "code", "cardinality": "0..1", "example": "P5D"},
        ),
        (f"{ds}/ds:Author", ds, {"name": "Author", "data_type": "group", "cardinality": "1..1"}),
        (
            f"{ds}/ds:Author/ds:Name",
            f"{ds}/ds:Author",
            {
                "name": "Name",
                "data_type": "string",
                "cardinality": "1..1",
                "example": "Dr Tom Ellis",
            },
        ),
        (
            f"{ds}/ds:Author/ds:GMCNumber",
            f"{ds}/ds:Author",
            {
                "name": "GMCNumber",
                "data_type": "identifier",
                "cardinality": "1..1",
                "example": "7123456",
            },
        ),
    ]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_prefixes_stay_readable_when_documents_disagree(
    store: Store, eid: int, tmp_path: Path
) -> None:
    first = write(
        tmp_path,
        "a.xml",
        '<r xmlns="urn:one" xmlns:p="urn:two" xmlns:q="urn:one"><p:x q:flag="y"/><z/></r>',
    )
    second = write(
        tmp_path, "b.xml", '<r xmlns="urn:one"><x xmlns="urn:three"/><p:w xmlns:p="urn:four"/></r>'
    )
    found = rows(read_xml_samples(store, eid, [first, second]))
    assert [(path, values.get("description")) for path, _p, values in found] == [
        (
            "/r",
            "Namespaces: (no prefix) = urn:one, q = urn:one, p = urn:two, ns1 = urn:three, "
            "ns2 = urn:four",
        ),
        ("/r/p:x", None),
        ("/r/p:x/@q:flag", None),  # the default namespace needs a prefix on an attribute
        ("/r/z", None),
        ("/r/ns1:x", None),  # no prefix in its document, and "" is urn:one's
        ("/r/ns2:w", None),  # "p" is urn:two's
    ]


def test_a_long_value_is_cut_for_the_example(store: Store, eid: int, tmp_path: Path) -> None:
    words = " ".join(f"word{i}" for i in range(100))
    sample = write(tmp_path, "long.xml", f"<r><note>{words}</note></r>")
    note = rows(read_xml_samples(store, eid, [sample]))[1][2]
    assert note["data_type"] == "text"
    assert len(note["example"]) == 200
    assert note["example"].startswith("word0 word1 ") and note["example"].endswith("…")


def test_an_empty_element_says_nothing_about_its_type(
    store: Store, eid: int, tmp_path: Path
) -> None:
    sample = write(tmp_path, "empty.xml", "<r><flag/><flag/></r>")
    assert rows(read_xml_samples(store, eid, [sample]))[1] == (
        "/r/flag",
        "/r",
        {"name": "flag", "cardinality": "1..*"},
    )


def test_progress_reports_bytes_and_cancel_stops_the_read(store: Store, eid: int) -> None:
    files = [SAMPLES / "pathology-1.xml", SAMPLES / "pathology-2.xml"]
    total = sum(f.stat().st_size for f in files)
    seen: list[tuple[int, int]] = []
    read_xml_samples(store, eid, files, lambda done, all_, _msg: seen.append((done, all_)))
    assert seen == [(files[0].stat().st_size, total), (total, total)]

    def cancel(_done: int, _total: int, _message: str) -> None:
        raise Cancelled("cancelled")

    with pytest.raises(Cancelled):
        read_xml_samples(store, eid, files, cancel)


def test_nesting_too_deep_is_refused_at_its_line(store: Store, eid: int, tmp_path: Path) -> None:
    deep = "<a>\n" * (MAX_DEPTH + 1) + "</a>" * (MAX_DEPTH + 1)
    sample = write(tmp_path, "deep.xml", deep)
    with pytest.raises(InputError) as caught:
        read_xml_samples(store, eid, [sample])
    assert str(caught.value) == (
        f"{sample}: line {MAX_DEPTH + 1}: elements nested more than {MAX_DEPTH} deep"
    )


def test_not_one_structure_is_refused(store: Store, eid: int, tmp_path: Path) -> None:
    many = "<r>" + "".join(f"<e{i}/>" for i in range(10_001)) + "</r>"
    sample = write(tmp_path, "many.xml", many)
    with pytest.raises(InputError, match="more than 10,000 different elements and attributes"):
        read_xml_samples(store, eid, [sample])


def test_the_command_imports_several_files_together(
    capsys, db_path: Path, store: Store, eid: int
) -> None:
    code, out, err = cli(
        capsys,
        db_path,
        "dataset",
        "import",
        eid,
        SAMPLES / "pathology-1.xml",
        SAMPLES / "pathology-2.xml",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "added 25, changed 0, removed 0"
    tree = dataset.tree(store, eid)
    assert [(r["name"], r["depth"]) for r in tree[:4]] == [
        ("ResultMessage", 0),
        ("messageId", 1),
        ("sent", 1),
        ("Sender", 1),
    ]
    assert [r["xml_path"] for r in tree] == PATHOLOGY


def test_an_embedded_document_is_an_attachment_read_in_bounded_pieces(
    store: Store, eid: int, tmp_path: Path
) -> None:
    sample = tmp_path / "letter.xml"
    with sample.open("w") as f:
        f.write("<Letter><Pdf>")
        for _ in range(3_000):  # 3 MB of base64 in one text, across several chunks
            f.write("JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI" * 20)
        f.write("</Pdf></Letter>")
    pdf = rows(read_xml_samples(store, eid, [sample]))[1][2]
    assert (pdf["data_type"], len(pdf["example"])) == ("attachment", 200)


def test_xsi_nil_is_not_data_and_xsi_type_is(store: Store, eid: int, tmp_path: Path) -> None:
    sample = write(
        tmp_path,
        "cda.xml",
        '<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<a xsi:nil="true"/><v xsi:type="PQ" value="5"/></r>',
    )
    assert [
        (path, values.get("data_type"))
        for path, _p, values in rows(read_xml_samples(store, eid, [sample]))
    ] == [
        ("/r", "group"),
        ("/r/a", None),
        ("/r/v", "group"),
        ("/r/v/@xsi:type", "code"),
        ("/r/v/@value", "integer"),
    ]
