"""Engagement files: round trips without loss, and every bad file refused with its place."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.documents import canonical
from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import InputError
from workbook.files.engagement_file import (
    export_document,
    import_document,
    import_engagement_file,
    write_engagement_file,
)
from workbook.resources import demo_engagement_path
from workbook.services import engagements
from workbook.steps import STEP_KEYS

PNG_1PX = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
).decode()


def _document(**engagement: Any) -> dict[str, Any]:
    return {
        "format": "engagement-workbook",
        "format_version": 1,
        "engagement": {"title": "Edge case", "stages": {}} | engagement,
    }


def _round_trip(store: Store, document: dict[str, Any]) -> dict[str, Any]:
    result = import_document(store, document, source="test")
    return export_document(store, result.engagement_id)


def _engagement_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(m.Engagement)) or 0


def test_the_demo_engagement_round_trips_through_files(
    store: Store, tmp_path: Path, demo_document: dict
) -> None:
    first = import_engagement_file(store, demo_engagement_path())
    out = tmp_path / "demo.engagement.json"
    write_engagement_file(store, first.engagement_id, out)
    second = import_engagement_file(store, out)
    again = tmp_path / "again.engagement.json"
    write_engagement_file(store, second.engagement_id, again)

    exported = json.loads(out.read_text(encoding="utf-8"))
    assert canonical(exported) == canonical(demo_document)
    assert canonical(json.loads(again.read_text(encoding="utf-8"))) == canonical(demo_document)


def test_the_demo_engagement_is_rich_enough_to_teach_and_test_with(demo_document: dict) -> None:
    body = demo_document["engagement"]
    assert set(body["stages"]) == set(STEP_KEYS)
    assert all(stage["text"].strip() for stage in body["stages"].values())
    assert len(body["user_stories"]) >= 12
    assert len(body["data_items"]) >= 30
    assert any(item.get("parent") for item in body["data_items"])
    assert len(body["mappings"]) >= 20


def test_export_writes_all_fifteen_steps_and_no_nulls(store: Store) -> None:
    engagement_id = engagements.create(store, "Fresh")
    document = export_document(store, engagement_id)
    assert list(document["engagement"]["stages"]) == list(STEP_KEYS)
    assert "null" not in json.dumps(document)


def test_exporting_twice_gives_the_same_ids(store: Store, demo_id: int) -> None:
    first = export_document(store, demo_id)
    second = export_document(store, demo_id)
    first.pop("exported_at")
    second.pop("exported_at")
    assert first == second


@pytest.mark.parametrize(
    "engagement",
    [
        pytest.param({}, id="empty"),
        pytest.param(
            {
                "title": "Gwasanaeth Iechyd — ffeil prawf 🩺💊",
                "client": {
                    "name": "Bwrdd Iechyd Prifysgol Betsi Cadwaladr",
                    "organisation_code": "7A1",
                },
                "analyst": "Siân Ellis-Wynne",
                "stages": {
                    "client_context": {
                        "text": "Mae'r claf yn ffafrio'r **Gymraeg** 🏴󠁧󠁢󠁷󠁬󠁳󠁿",
                        "status": "done",
                    }
                },
                "actors": [{"id": "a", "name": "Fferyllydd", "care_setting": "Gofal Sylfaenol"}],
                "user_stories": [
                    {
                        "id": "s",
                        "requirement": "gweld 👀 meddyginiaethau",
                        "actor": "a",
                        "tags": ["cymraeg", "😀"],
                    }
                ],
            },
            id="welsh-and-emoji",
        ),
        pytest.param(
            {
                "title": "<b>x</b> & y",
                "stages": {"case_overview": {"text": "<script>alert('x')</script> & &amp; \"q\""}},
                "features": [{"id": "f", "name": "</feature>", "description": "a < b > c"}],
                "lessons": [{"text": "]]><!-- -->", "kind": "observation"}],
            },
            id="markup-like-text",
        ),
        pytest.param(
            {
                "data_items": [{"id": "d0", "name": "level 0"}]
                + [
                    {"id": f"d{i}", "parent": f"d{i - 1}", "name": f"level {i}"}
                    for i in range(1, 60)
                ]
                + [{"id": "late-child", "parent": "d3", "name": "listed late"}],
            },
            id="deep-dataset-tree",
        ),
        pytest.param(
            {
                "stages": {
                    "problem_statement": {
                        "attachments": [
                            {
                                "id": "x",
                                "filename": "pixel.png",
                                "media_type": "image/png",
                                "data_base64": PNG_1PX,
                            }
                        ],
                        "diagram": {
                            "nodes": [{"id": "n", "label": "EPMA"}, {"id": "o", "label": "GP"}],
                            "edges": [{"from": "n", "to": "o", "kind": "issue"}],
                        },
                    },
                    "technical_context": {
                        "attachments": [
                            {
                                "id": "y",
                                "filename": "same.png",
                                "title": "Same pixel",
                                "media_type": "image/png",
                                "data_base64": PNG_1PX,
                            }
                        ],
                    },
                },
                "approvals": [
                    {"approver": "Dr Jones", "decision": "approved", "date": "2024-02-29"}
                ],
                "process": {
                    "name": "Discharge",
                    "nodes": [{"id": "s", "kind": "start_event", "x": 1.5}],
                    "flows": [{"from": "s", "to": "s"}],
                },
            },
            id="attachments-diagrams-dates",
        ),
    ],
)
def test_hand_made_edge_cases_round_trip(store: Store, engagement: dict) -> None:
    document = _document(**engagement)
    exported = _round_trip(store, document)
    stamped = exported["engagement"]
    assert stamped.pop("created") and stamped.pop("updated"), "import stamps missing times"
    assert canonical(exported) == canonical(document)


def test_an_attachment_used_twice_is_stored_once(store: Store) -> None:
    image = {"filename": "p.png", "media_type": "image/png", "data_base64": PNG_1PX}
    document = _document(
        stages={
            "client_context": {"attachments": [{"id": "1", **image}]},
            "learning": {"attachments": [{"id": "2", **image}]},
        }
    )
    import_document(store, document, source="test")
    import_document(store, document, source="test")
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(m.Attachment)) == 4
        assert session.scalar(select(func.count()).select_from(m.Blob)) == 1


def test_importing_the_same_file_twice_makes_two_engagements(store: Store) -> None:
    first = import_engagement_file(store, demo_engagement_path())
    second = import_engagement_file(store, demo_engagement_path())
    assert first.engagement_id != second.engagement_id
    uids = {e.uid for e in engagements.summaries(store)}
    assert len(uids) == 2


def test_replace_overwrites_the_engagement_the_file_came_from(store: Store, tmp_path: Path) -> None:
    original = import_engagement_file(store, demo_engagement_path())
    out = tmp_path / "sent.engagement.json"
    write_engagement_file(store, original.engagement_id, out)
    edited = json.loads(out.read_text(encoding="utf-8"))
    edited["engagement"]["title"] = "Renamed by the client"
    edited["engagement"]["lessons"] = []
    out.write_text(json.dumps(edited), encoding="utf-8")

    result = import_engagement_file(store, out, replace=True)

    assert result.replaced
    assert result.engagement_id == original.engagement_id
    assert _engagement_count(store) == 1
    back = export_document(store, original.engagement_id)
    assert back["engagement"]["title"] == "Renamed by the client"
    assert back["engagement"]["lessons"] == []


# ------------------------------------------------------------------ bad files


def _problems(store: Store, document: Any) -> list[str]:
    with pytest.raises(InputError) as caught:
        import_document(store, document, source="client.engagement.json")
    assert _engagement_count(store) == 0, "nothing is written from an invalid file"
    return [str(p) for p in caught.value.problems]


def test_a_dangling_reference_is_reported_with_its_json_path(
    store: Store, demo_document: dict
) -> None:
    demo_document["engagement"]["user_stories"][3]["actor"] = "a-9"
    assert _problems(store, demo_document) == ['/engagement/user_stories/3/actor: no actor "a-9"']


def test_every_problem_is_reported_not_just_the_first(store: Store, demo_document: dict) -> None:
    body = demo_document["engagement"]
    body["mappings"][0]["data_item"] = "gone"
    body["tests"][1]["api_signature"] = "api-404"
    body["use_cases"][0]["includes"].append("uc-none")
    problems = _problems(store, demo_document)
    assert '/engagement/mappings/0/data_item: no data item "gone"' in problems
    assert '/engagement/tests/1/api_signature: no API signature "api-404"' in problems
    assert any(p.startswith("/engagement/use_cases/0/includes/") for p in problems)
    assert len(problems) == 3


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda b: b["user_stories"][0].update(priority="sometimes"),
            "/engagement/user_stories/0/priority: 'sometimes' is not one of",
        ),
        (
            lambda b: b["data_items"][2].update(sensitive="yes"),
            "/engagement/data_items/2/sensitive: 'yes' is not of type 'boolean'",
        ),
        (lambda b: b.update(title=""), "/engagement/title:"),
        (
            lambda b: b["api_signatures"][0]["responses"][0].update(code="200"),
            "/engagement/api_signatures/0/responses/0/code: '200' is not of type 'integer'",
        ),
        (
            lambda b: b["approvals"][0].update(date="2024-13-45"),
            "/engagement/approvals/0/date: '2024-13-45' is not a 'date'",
        ),
        (
            lambda b: b["stages"].update(step_sixteen={}),
            "/engagement/stages: Additional properties are not allowed",
        ),
        (
            lambda b: b["actors"].append({"id": b["actors"][0]["id"], "name": "Twin"}),
            "/engagement/actors/10/id: another actor already has id",
        ),
        (
            lambda b: b["data_items"][0].update(parent=b["data_items"][5]["id"]),
            "/engagement/data_items/0/parent: data item",
        ),
    ],
    ids=[
        "unknown-enum",
        "wrong-type",
        "empty-title",
        "string-code",
        "bad-date",
        "unknown-step",
        "duplicate-id",
        "tree-cycle",
    ],
)
def test_invalid_content_is_refused_with_its_place(
    store: Store, demo_document: dict, change, expected: str
) -> None:
    change(demo_document["engagement"])
    problems = _problems(store, demo_document)
    assert any(p.startswith(expected) for p in problems), problems


def test_a_broken_attachment_is_refused(store: Store) -> None:
    document = _document(
        stages={
            "dataset": {
                "attachments": [
                    {
                        "id": "1",
                        "filename": "a.png",
                        "media_type": "image/png",
                        "data_base64": "@@@",
                    },
                    {
                        "id": "2",
                        "filename": "b.png",
                        "media_type": "image/png",
                        "data_base64": base64.b64encode(b"GIF89a....").decode(),
                    },
                ]
            }
        }
    )
    assert _problems(store, document) == [
        "/engagement/stages/dataset/attachments/0/data_base64: not valid base64",
        "/engagement/stages/dataset/attachments/1/data_base64: the data is not a image/png image",
    ]


def test_the_wrong_kind_of_document_is_refused(store: Store) -> None:
    assert _problems(store, [1, 2, 3])[0].startswith("/: [1, 2, 3] is not of type 'object'")
    assert _problems(store, {"format": "something-else", "format_version": 1, "engagement": {}})


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b'{"format": "engagement-workbook",\n "format_version": 1,\n "engagement": {,}}',
            "bad.engagement.json: line 3 column 17: not valid JSON",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
            "bad.engagement.json: byte 0: not a JSON text file (not UTF-8)",
        ),
        (b"[" * 100_000, "bad.engagement.json: not usable: the JSON is nested too deeply"),
        (b"", "bad.engagement.json: line 1 column 1: not valid JSON"),
    ],
    ids=["malformed", "binary", "too-deep", "empty"],
)
def test_unreadable_files_are_refused_with_their_place(
    store: Store, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.engagement.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        import_engagement_file(store, path)
    assert expected[len("bad.engagement.json") :] in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert _engagement_count(store) == 0


def test_a_huge_file_is_refused_before_it_is_read(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "huge.engagement.json"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)
    with pytest.raises(InputError, match=r"huge\.engagement\.json: too large .*210 MB"):
        import_engagement_file(store, path)
    assert _engagement_count(store) == 0


def test_a_failed_export_leaves_the_previous_file_intact(
    store: Store, tmp_path: Path, demo_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "kept.engagement.json"
    out.write_text("previous export")

    def broken(_document: dict) -> bytes:
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr("workbook.files.engagement_file.dumps", broken)
    with pytest.raises(RuntimeError):
        write_engagement_file(store, demo_id, out)
    assert out.read_text() == "previous export"
    assert [p.name for p in tmp_path.iterdir() if "kept" in p.name] == ["kept.engagement.json"]
