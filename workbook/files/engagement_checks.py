"""Checking an engagement document: against the schema, then its internal references.

Each problem carries the JSON pointer of the value at fault, e.g.
``/engagement/user_stories/3/actor: no actor "a-9"``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from workbook.errors import Problem
from workbook.resources import resource_path
from workbook.services.stages import media_type_of

SCHEMA_FILE = ("spec", "engagement-v1.schema.json")
MAX_MESSAGE = 160

_formats = FormatChecker(formats=())


@_formats.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    return not isinstance(value, str) or bool(dt.date.fromisoformat(value))


@_formats.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if "T" not in value.upper():
        raise ValueError("a date-time needs a time")
    return bool(dt.datetime.fromisoformat(value))


@cache
def schema() -> dict[str, Any]:
    with resource_path(*SCHEMA_FILE).open(encoding="utf-8") as f:
        return json.load(f)


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=_formats)


def pointer(parts: Iterable[object]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts) or "/"


def _shorten(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def schema_problems(document: Any) -> list[Problem]:
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.path)))
    return [Problem(pointer(e.absolute_path), _shorten(e.message)) for e in errors]


def _ids(items: list[dict], where: str, noun: str, problems: list[Problem]) -> set[str]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        ident = item.get("id")
        if ident is None:
            continue
        if ident in seen:
            problems.append(Problem(f"{where}/{i}/id", f'another {noun} already has id "{ident}"'))
        seen.add(ident)
    return seen


def reference_problems(document: dict[str, Any]) -> list[Problem]:
    """Every reference that points at nothing, duplicate ids, cycles, unusable attachments."""
    e = document["engagement"]
    base = "/engagement"
    problems: list[Problem] = []

    def collection(key: str) -> list[dict]:
        return e.get(key, [])

    def check(where: str, value: Any, known: set[str], noun: str) -> None:
        if value is not None and value not in known:
            problems.append(Problem(where, f'no {noun} "{value}"'))

    def check_all(where: str, values: list[Any], known: set[str], noun: str) -> None:
        for j, value in enumerate(values):
            check(f"{where}/{j}", value, known, noun)

    actors = _ids(collection("actors"), f"{base}/actors", "actor", problems)
    features = _ids(collection("features"), f"{base}/features", "feature", problems)
    stories = _ids(collection("user_stories"), f"{base}/user_stories", "user story", problems)
    use_cases = _ids(collection("use_cases"), f"{base}/use_cases", "use case", problems)
    items = _ids(collection("data_items"), f"{base}/data_items", "data item", problems)
    signatures = _ids(
        collection("api_signatures"), f"{base}/api_signatures", "API signature", problems
    )
    for key, noun in (
        ("sequences", "sequence"),
        ("tests", "test"),
        ("approvals", "approval"),
        ("change_requests", "change request"),
        ("lessons", "lesson"),
    ):
        _ids(collection(key), f"{base}/{key}", noun, problems)

    for i, story in enumerate(collection("user_stories")):
        at = f"{base}/user_stories/{i}"
        check(f"{at}/feature", story.get("feature"), features, "feature")
        check(f"{at}/actor", story.get("actor"), actors, "actor")
        check(f"{at}/secondary_actor", story.get("secondary_actor"), actors, "actor")
        check_all(f"{at}/data_items", story.get("data_items", []), items, "data item")
        _ids(
            story.get("acceptance_criteria", []),
            f"{at}/acceptance_criteria",
            "acceptance criterion",
            problems,
        )
    for i, use_case in enumerate(collection("use_cases")):
        at = f"{base}/use_cases/{i}"
        check_all(f"{at}/actors", use_case.get("actors", []), actors, "actor")
        check_all(f"{at}/user_stories", use_case.get("user_stories", []), stories, "user story")
        for relation in ("includes", "extends"):
            check_all(f"{at}/{relation}", use_case.get(relation, []), use_cases, "use case")
            if use_case.get("id") in use_case.get(relation, []):
                problems.append(Problem(f"{at}/{relation}", "a use case cannot refer to itself"))
    process = e.get("process", {})
    lanes = _ids(process.get("lanes", []), f"{base}/process/lanes", "lane", problems)
    nodes = _ids(process.get("nodes", []), f"{base}/process/nodes", "process node", problems)
    _ids(process.get("flows", []), f"{base}/process/flows", "flow", problems)
    for i, lane in enumerate(process.get("lanes", [])):
        check(f"{base}/process/lanes/{i}/actor", lane.get("actor"), actors, "actor")
    for i, node in enumerate(process.get("nodes", [])):
        check(f"{base}/process/nodes/{i}/lane", node.get("lane"), lanes, "lane")
    for i, flow in enumerate(process.get("flows", [])):
        check(f"{base}/process/flows/{i}/from", flow.get("from"), nodes, "process node")
        check(f"{base}/process/flows/{i}/to", flow.get("to"), nodes, "process node")
    for i, item in enumerate(collection("data_items")):
        check(f"{base}/data_items/{i}/parent", item.get("parent"), items, "data item")
    problems.extend(_cycle_problems(collection("data_items"), f"{base}/data_items"))
    for i, mapping in enumerate(collection("mappings")):
        check(f"{base}/mappings/{i}/data_item", mapping.get("data_item"), items, "data item")
    for i, signature in enumerate(collection("api_signatures")):
        at = f"{base}/api_signatures/{i}/user_stories"
        check_all(at, signature.get("user_stories", []), stories, "user story")
    for i, test in enumerate(collection("tests")):
        check(f"{base}/tests/{i}/user_story", test.get("user_story"), stories, "user story")
        check(
            f"{base}/tests/{i}/api_signature",
            test.get("api_signature"),
            signatures,
            "API signature",
        )
    for i, request in enumerate(collection("change_requests")):
        at = f"{base}/change_requests/{i}/data_items"
        check_all(at, request.get("data_items", []), items, "data item")
    for key, stage in e.get("stages", {}).items():
        at = f"{base}/stages/{key}"
        problems.extend(_attachment_problems(stage.get("attachments", []), f"{at}/attachments"))
        diagram = stage.get("diagram")
        if diagram is not None:
            graph_nodes = _ids(diagram.get("nodes", []), f"{at}/diagram/nodes", "node", problems)
            for j, edge in enumerate(diagram.get("edges", [])):
                check(f"{at}/diagram/edges/{j}/from", edge.get("from"), graph_nodes, "node")
                check(f"{at}/diagram/edges/{j}/to", edge.get("to"), graph_nodes, "node")
    return problems


def _cycle_problems(items: list[dict], where: str) -> Iterator[Problem]:
    parent_of = {it["id"]: it.get("parent") for it in items}
    for i, item in enumerate(items):
        seen = {item["id"]}
        current = item.get("parent")
        while current is not None and current in parent_of:
            if current in seen:
                yield Problem(
                    f"{where}/{i}/parent", f'data item "{item["id"]}" is its own ancestor'
                )
                break
            seen.add(current)
            current = parent_of[current]


def _attachment_problems(attachments: list[dict], where: str) -> Iterator[Problem]:
    for i, attachment in enumerate(attachments):
        try:
            data = base64.b64decode(attachment["data_base64"], validate=True)
        except (binascii.Error, ValueError):
            yield Problem(f"{where}/{i}/data_base64", "not valid base64")
            continue
        media_type = attachment["media_type"]
        if media_type_of(data) != media_type:
            yield Problem(f"{where}/{i}/data_base64", f"the data is not a {media_type} image")


def decoded_attachment(attachment: dict) -> bytes:
    return base64.b64decode(attachment["data_base64"], validate=True)


def encoded_attachment(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
