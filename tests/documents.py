"""Comparing engagement documents by meaning: ids may differ, content may not."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from workbook.steps import GRAPH_STEP_KEYS, STEP_KEYS

# collection -> (path to the list, prefix); references are rewritten to "<prefix>#<index>"
_ID_LISTS = {
    "actor": ("actors",),
    "feature": ("features",),
    "story": ("user_stories",),
    "usecase": ("use_cases",),
    "item": ("data_items",),
    "api": ("api_signatures",),
    "lane": ("process", "lanes"),
    "node": ("process", "nodes"),
}
_REFS = [
    (("user_stories",), "feature", "feature"),
    (("user_stories",), "actor", "actor"),
    (("user_stories",), "secondary_actor", "actor"),
    (("user_stories",), "data_items", "item"),
    (("use_cases",), "actors", "actor"),
    (("use_cases",), "user_stories", "story"),
    (("use_cases",), "includes", "usecase"),
    (("use_cases",), "extends", "usecase"),
    (("process", "lanes"), "actor", "actor"),
    (("process", "nodes"), "lane", "lane"),
    (("process", "flows"), "from", "node"),
    (("process", "flows"), "to", "node"),
    (("data_items",), "parent", "item"),
    (("mappings",), "data_item", "item"),
    (("api_signatures",), "user_stories", "story"),
    (("tests",), "user_story", "story"),
    (("tests",), "api_signature", "api"),
    (("change_requests",), "data_items", "item"),
]
_COLLECTIONS = (
    "actors",
    "features",
    "user_stories",
    "use_cases",
    "data_items",
    "profiles",
    "mappings",
    "api_signatures",
    "sequences",
    "tests",
    "approvals",
    "change_requests",
    "lessons",
)


def _get(body: dict[str, Any], path: tuple[str, ...]) -> list[dict[str, Any]]:
    node: Any = body
    for part in path:
        node = node.get(part, {} if part != path[-1] else [])
    return node


def _instant(value: str) -> str:
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def canonical(document: dict[str, Any]) -> dict[str, Any]:
    """The document's meaning: ids replaced by positions, defaults and empty lists filled in.

    Data items are compared in tree order (the file's order among siblings is what counts).
    """
    doc = copy.deepcopy(document)
    doc.pop("exported_at", None)
    body = doc["engagement"]
    body.pop("id", None)
    body.setdefault("fhir_version", "STU3")
    for key in ("created", "updated"):
        if key in body:
            body[key] = _instant(body[key])
    if body.get("client") == {}:
        del body["client"]
    body["data_items"] = _tree_ordered(body.get("data_items", []))
    names: dict[str, dict[str, str]] = {}
    for prefix, path in _ID_LISTS.items():
        names[prefix] = {}
        for i, row in enumerate(_get(body, path)):
            names[prefix][row.pop("id")] = f"{prefix}#{i}"
    for path, key, prefix in _REFS:
        for row in _get(body, path):
            if key in row:
                value = row[key]
                row[key] = (
                    [names[prefix][v] for v in value]
                    if isinstance(value, list)
                    else names[prefix][value]
                )
    stages = body.setdefault("stages", {})
    for key in STEP_KEYS:
        stage = stages.setdefault(key, {})
        stage.setdefault("text", "")
        stage.setdefault("status", "not_started")
        for a in stage.get("attachments", []):
            a.pop("id", None)
        if not stage.get("attachments"):
            stage.pop("attachments", None)
        if key in GRAPH_STEP_KEYS:
            diagram = stage.setdefault("diagram", {})
            nodes = diagram.setdefault("nodes", [])
            edges = diagram.setdefault("edges", [])
            local = {n.pop("id"): f"gnode#{i}" for i, n in enumerate(nodes)}
            for e in edges:
                e["from"], e["to"] = local[e["from"]], local[e["to"]]
    for key in _COLLECTIONS:
        body.setdefault(key, [])
    for collection in ("sequences", "tests", "approvals", "change_requests", "lessons"):
        for row in body[collection]:
            row.pop("id", None)
    process = body.setdefault("process", {})
    for key in ("lanes", "nodes", "flows"):
        process.setdefault(key, [])
    for flow in process["flows"]:
        flow.pop("id", None)
    for story in body["user_stories"]:
        for criterion in story.get("acceptance_criteria", []):
            criterion.pop("id", None)
    _drop_empty_lists(body)
    for key in _COLLECTIONS:
        body.setdefault(key, [])
    return doc


def _tree_ordered(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    children: dict[Any, list[dict[str, Any]]] = {}
    for item in items:
        children.setdefault(item.get("parent"), []).append(item)
    out: list[dict[str, Any]] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        item = stack.pop()
        out.append(item)
        stack.extend(reversed(children.get(item["id"], [])))
    return out


def _drop_empty_lists(node: Any) -> None:
    """An absent list or object and an empty one mean the same."""
    if isinstance(node, dict):
        for value in node.values():
            _drop_empty_lists(value)
        for key in [k for k, v in node.items() if v in ([], {})]:
            del node[key]
    elif isinstance(node, list):
        for value in node:
            _drop_empty_lists(value)
