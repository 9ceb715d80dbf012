"""Engagement files (``*.engagement.json``, format version 1): export and import.

Export writes every schema property the engagement has, all fifteen steps, arrays in
display order and nothing the schema does not define. Ids in the file are made from the
database's row ids (``actor-12``), so exporting twice gives the same ids.

Import reads the whole file, checks it against the schema and its internal references,
and writes nothing unless everything is valid; the engagement is then written in one
transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbook.db import models as m
from workbook.db.store import Store
from workbook.errors import AmbiguousError, InputError
from workbook.files.engagement_checks import (
    decoded_attachment,
    encoded_attachment,
    reference_problems,
    schema_problems,
)
from workbook.files.json_input import read_json, write_atomically
from workbook.progress import Progress, no_progress
from workbook.services.collections import load
from workbook.services.dataset import tree_order
from workbook.services.engagements import new_engagement, new_uid
from workbook.services.reviews import keep_reviewed
from workbook.services.stages import blob_for
from workbook.steps import GRAPH_STEP_KEYS, STEP_KEYS

FORMAT = "engagement-workbook"
FORMAT_VERSION = 1
SUFFIX = ".engagement.json"


def _timestamp(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_timestamp(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def _props(**values: Any) -> dict[str, Any]:
    """Only the properties that have a value (the file never carries nulls)."""
    return {k: v for k, v in values.items() if v is not None}


# --------------------------------------------------------------------------- export


def _load_for_export(session: Session, engagement_id: int) -> m.Engagement:
    load(session, "engagements", engagement_id)
    E = m.Engagement
    query = (
        select(E)
        .where(E.id == engagement_id)
        .options(
            selectinload(E.stages),
            selectinload(E.attachments).selectinload(m.Attachment.blob),
            selectinload(E.graph_nodes),
            selectinload(E.graph_edges),
            selectinload(E.actors),
            selectinload(E.features),
            selectinload(E.user_stories).selectinload(m.UserStory.acceptance_criteria),
            selectinload(E.user_stories).selectinload(m.UserStory.data_item_links),
            selectinload(E.use_cases).selectinload(m.UseCase.links),
            selectinload(E.lanes),
            selectinload(E.process_nodes),
            selectinload(E.process_flows),
            selectinload(E.data_items),
            selectinload(E.profiles),
            selectinload(E.mappings),
            selectinload(E.api_signatures).selectinload(m.ApiSignature.story_links),
            selectinload(E.api_signatures).selectinload(m.ApiSignature.responses),
            selectinload(E.api_signatures).selectinload(m.ApiSignature.search_parameters),
            selectinload(E.sequences).selectinload(m.Sequence.steps),
            selectinload(E.tests),
            selectinload(E.approvals),
            selectinload(E.change_requests).selectinload(m.ChangeRequest.data_item_links),
            selectinload(E.lessons),
        )
    )
    return session.scalars(query).one()


def _ref(prefix: str, ident: int | None) -> str | None:
    return None if ident is None else f"{prefix}-{ident}"


def export_document(
    store: Store, engagement_id: int, progress: Progress = no_progress
) -> dict[str, Any]:
    """The engagement as an engagement-file document (a dict ready for JSON)."""
    progress(0, 2, "Reading the engagement")
    with store.session() as session:
        e = _load_for_export(session, engagement_id)
        progress(1, 2, "Building the file")
        document = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "exported_at": _timestamp(m.utcnow()),
            "engagement": _engagement_body(e),
        }
    progress(2, 2, "Done")
    return document


def _engagement_body(e: m.Engagement) -> dict[str, Any]:
    client = _props(name=e.client_name, organisation_code=e.client_code)
    body: dict[str, Any] = _props(
        id=e.uid,
        title=e.title,
        client=client or None,
        analyst=e.analyst,
        status=e.status,
        fhir_version=e.fhir_version,
        created=_timestamp(e.created),
        updated=_timestamp(e.updated),
    )
    body["stages"] = _stages(e)
    body["actors"] = [
        _props(id=_ref("actor", a.id), name=a.name, care_setting=a.care_setting, kind=a.kind)
        for a in e.actors
    ]
    body["features"] = [
        _props(id=_ref("feature", f.id), name=f.name, description=f.description) for f in e.features
    ]
    body["user_stories"] = [_story(s) for s in e.user_stories]
    body["use_cases"] = [_use_case(u) for u in e.use_cases]
    body["process"] = _props(
        name=e.process_name,
        lanes=[
            _props(id=_ref("lane", lane.id), name=lane.name, actor=_ref("actor", lane.actor_id))
            for lane in e.lanes
        ],
        nodes=[
            _props(
                id=_ref("node", n.id),
                lane=_ref("lane", n.lane_id),
                kind=n.kind,
                name=n.name,
                x=n.x,
                y=n.y,
                width=n.width,
                height=n.height,
            )
            for n in e.process_nodes
        ],
        flows=[
            _props(
                id=_ref("flow", f.id),
                **{"from": _ref("node", f.from_node_id), "to": _ref("node", f.to_node_id)},
                label=f.label,
                kind=f.kind,
            )
            for f in e.process_flows
        ],
    )
    body["data_items"] = [
        _props(
            id=_ref("item", d.id),
            parent=_ref("item", d.parent_id),
            name=d.name,
            description=d.description,
            data_type=d.data_type,
            cardinality=d.cardinality,
            source_system=d.source_system,
            example=d.example,
            xml_path=d.xml_path,
            value_set=d.value_set,
            sensitive=d.sensitive,
            notes=d.notes,
        )
        for d, _depth in tree_order(list(e.data_items))
    ]
    body["profiles"] = [
        _props(url=p.url, name=p.name, resource_type=p.resource_type, rationale=p.rationale)
        for p in e.profiles
    ]
    body["mappings"] = [
        _props(
            data_item=_ref("item", mp.data_item_id),
            profile=mp.profile,
            element_path=mp.element_path,
            status=mp.status,
            notes=mp.notes,
        )
        for mp in e.mappings
    ]
    body["api_signatures"] = [_signature(s) for s in e.api_signatures]
    body["sequences"] = [
        _props(
            id=_ref("sequence", s.id),
            name=s.name,
            variant=s.variant,
            participants=s.participants,
            steps=[
                _props(
                    **{"from": st.from_participant, "to": st.to_participant},
                    message=st.message,
                    kind=st.kind,
                    note=st.note,
                )
                for st in s.steps
            ],
        )
        for s in e.sequences
    ]
    body["tests"] = [
        _props(
            id=_ref("test", t.id),
            name=t.name,
            user_story=_ref("story", t.user_story_id),
            api_signature=_ref("api", t.api_signature_id),
            steps=t.steps,
            expected=t.expected,
            result=t.result,
            evidence=t.evidence,
        )
        for t in e.tests
    ]
    body["approvals"] = [
        _props(
            id=_ref("approval", a.id),
            approver=a.approver,
            role=a.role,
            date=a.date.isoformat() if a.date else None,
            decision=a.decision,
            comments=a.comments,
        )
        for a in e.approvals
    ]
    body["change_requests"] = [
        _props(
            id=_ref("cr", c.id),
            profile=c.profile,
            element_path=c.element_path,
            summary=c.summary,
            rationale=c.rationale,
            data_items=[_ref("item", link.data_item_id) for link in c.data_item_links],
            status=c.status,
        )
        for c in e.change_requests
    ]
    body["lessons"] = [
        _props(id=_ref("lesson", ls.id), kind=ls.kind, text=ls.text, action=ls.action)
        for ls in e.lessons
    ]
    return body


def _stages(e: m.Engagement) -> dict[str, Any]:
    by_key = {s.key: s for s in e.stages}
    attachments: dict[str, list[m.Attachment]] = defaultdict(list)
    for a in e.attachments:
        attachments[a.stage_key].append(a)
    nodes: dict[str, list[m.GraphNode]] = defaultdict(list)
    for n in e.graph_nodes:
        nodes[n.stage_key].append(n)
    edges: dict[str, list[m.GraphEdge]] = defaultdict(list)
    for g in e.graph_edges:
        edges[g.stage_key].append(g)
    out: dict[str, Any] = {}
    for key in STEP_KEYS:
        stage = by_key.get(key)
        body: dict[str, Any] = {
            "text": stage.text if stage else "",
            "status": stage.status if stage else "not_started",
        }
        if attachments[key]:
            body["attachments"] = [
                _props(
                    id=_ref("attachment", a.id),
                    filename=a.filename,
                    title=a.title,
                    media_type=a.media_type,
                    data_base64=encoded_attachment(a.blob.data),
                )
                for a in attachments[key]
            ]
        if key in GRAPH_STEP_KEYS:
            body["diagram"] = {
                "nodes": [
                    _props(id=_ref("gnode", n.id), label=n.label, kind=n.kind, note=n.note)
                    for n in nodes[key]
                ],
                "edges": [
                    _props(
                        **{
                            "from": _ref("gnode", g.from_node_id),
                            "to": _ref("gnode", g.to_node_id),
                        },
                        label=g.label,
                        kind=g.kind,
                        note=g.note,
                    )
                    for g in edges[key]
                ],
            }
        out[key] = body
    return out


def _story(s: m.UserStory) -> dict[str, Any]:
    return _props(
        id=_ref("story", s.id),
        ref=s.ref,
        feature=_ref("feature", s.feature_id),
        actor=_ref("actor", s.actor_id),
        secondary_actor=_ref("actor", s.secondary_actor_id),
        requirement=s.requirement,
        justification=s.justification,
        priority=s.priority,
        status=s.status,
        acceptance_criteria=[
            _props(id=_ref("ac", c.id), text=c.text, kind=c.kind) for c in s.acceptance_criteria
        ],
        data_items=[_ref("item", link.data_item_id) for link in s.data_item_links],
        notes=s.notes,
        tags=s.tags,
    )


def _use_case(u: m.UseCase) -> dict[str, Any]:
    grouped: dict[str, list[str | None]] = defaultdict(list)
    for link in u.links:
        if link.relation == "actors":
            grouped["actors"].append(_ref("actor", link.actor_id))
        elif link.relation == "user_stories":
            grouped["user_stories"].append(_ref("story", link.story_id))
        else:
            grouped[link.relation].append(_ref("usecase", link.target_use_case_id))
    return _props(
        id=_ref("usecase", u.id),
        name=u.name,
        description=u.description,
        actors=grouped["actors"],
        user_stories=grouped["user_stories"],
        includes=grouped["includes"],
        extends=grouped["extends"],
    )


def _signature(s: m.ApiSignature) -> dict[str, Any]:
    return _props(
        id=_ref("api", s.id),
        method=s.method,
        path=s.path,
        description=s.description,
        user_stories=[_ref("story", link.story_id) for link in s.story_links],
        responses=[_props(code=r.code, meaning=r.meaning) for r in s.responses],
        search_parameters=[
            _props(name=p.name, type=p.type, value=p.value, required=p.required)
            for p in s.search_parameters
        ],
        result=s.result,
    )


def dumps(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_engagement_file(
    store: Store, engagement_id: int, path: Path, progress: Progress = no_progress
) -> Path:
    """Export to ``path`` atomically (the old file stays intact if anything fails)."""
    document = export_document(store, engagement_id, progress)
    try:
        write_atomically(path, dumps(document))
    except OSError as exc:
        raise InputError(str(path), f"cannot write the file ({exc.strerror})") from None
    return path


# --------------------------------------------------------------------------- import


@dataclass(frozen=True)
class ImportResult:
    engagement_id: int
    title: str
    replaced: bool


def check_document(document: Any, source: str) -> dict[str, Any]:
    """The document if it is a valid engagement file; otherwise InputError listing every problem."""
    problems = schema_problems(document)
    if not problems:
        problems = reference_problems(document)
    if problems:
        raise InputError(source, problems)
    return document


def read_engagement_file(path: Path, progress: Progress = no_progress) -> dict[str, Any]:
    progress(0, 3, "Reading the file")
    document = read_json(path)
    progress(1, 3, "Checking the file")
    return check_document(document, str(path))


def import_engagement_file(
    store: Store, path: Path, *, replace: bool = False, progress: Progress = no_progress
) -> ImportResult:
    """Import a file as a new engagement (or, with ``replace``, over the one it came from)."""
    document = read_engagement_file(path, progress)
    return write_checked_document(
        store, document, source=str(path), replace=replace, progress=progress
    )


def _replace_target(session: Session, body: dict[str, Any], source: str) -> m.Engagement | None:
    file_id = body.get("id")
    if file_id is not None:
        found = session.scalar(select(m.Engagement).where(m.Engagement.uid == file_id))
        if found is not None:
            return found
    matches = list(session.scalars(select(m.Engagement).where(m.Engagement.title == body["title"])))
    if len(matches) > 1:
        raise AmbiguousError(
            f'{source}: --replace matches {len(matches)} engagements titled "{body["title"]}" '
            f"({', '.join(str(x.id) for x in matches)}); delete or rename one first"
        )
    return matches[0] if matches else None


def import_document(
    store: Store,
    document: dict[str, Any],
    *,
    source: str,
    replace: bool = False,
    progress: Progress = no_progress,
) -> ImportResult:
    """Check a document, then write it to the database in one transaction."""
    check_document(document, source)
    return write_checked_document(
        store, document, source=source, replace=replace, progress=progress
    )


def write_checked_document(
    store: Store,
    document: dict[str, Any],
    *,
    source: str,
    replace: bool = False,
    progress: Progress = no_progress,
) -> ImportResult:
    """Write a document that passed :func:`check_document`, in one transaction."""
    body = document["engagement"]
    progress(2, 3, "Writing the engagement")
    with store.session() as session:
        target = _replace_target(session, body, source) if replace else None
        keep: dict[str, Any] = {}
        if target is not None:
            keep = {"id": target.id, "uid": target.uid}
            session.delete(target)
            session.flush()
        elif (
            body.get("id") is not None
            and session.scalar(select(m.Engagement.id).where(m.Engagement.uid == body["id"]))
            is None
        ):
            keep = {"uid": body["id"]}
        engagement = _Builder(session, body, keep).build()
        progress(3, 3, "Done")
        return ImportResult(engagement.id, engagement.title, target is not None)


class _Builder:
    """Turns a checked document into rows, resolving the file's ids to row ids."""

    def __init__(self, session: Session, body: dict[str, Any], keep: dict[str, Any]) -> None:
        self.session = session
        self.body = body
        self.keep = keep
        self.ids: dict[str, dict[str, int]] = defaultdict(dict)

    def _flush_ids(self, kind: str, pairs: list[tuple[str | None, Any]]) -> None:
        self.session.flush()
        for file_id, row in pairs:
            if file_id is not None:
                self.ids[kind][file_id] = row.id

    def _id(self, kind: str, file_id: str | None) -> int | None:
        return None if file_id is None else self.ids[kind][file_id]

    def build(self) -> m.Engagement:
        b = self.body
        client = b.get("client", {})
        now = m.utcnow()
        engagement = new_engagement(
            b["title"],
            uid=self.keep.get("uid") or new_uid(),
            client_name=client.get("name"),
            client_code=client.get("organisation_code"),
            analyst=b.get("analyst"),
            status=b.get("status"),
            fhir_version=b.get("fhir_version", "STU3"),
            process_name=b.get("process", {}).get("name"),
            created=_parse_timestamp(b.get("created")) or now,
            updated=_parse_timestamp(b.get("updated")) or now,
        )
        if "id" in self.keep:
            engagement.id = self.keep["id"]
        stages = b.get("stages", {})
        for stage in engagement.stages:
            given = stages.get(stage.key, {})
            stage.text = given.get("text", "")
            stage.status = given.get("status", "not_started")
        self.session.add(engagement)
        self.session.flush()
        self.e = engagement
        self._stage_content(stages)
        self._actors_features()
        self._data_items()
        self._process()
        self._stories()
        self._use_cases()
        self._profiles_mappings()
        self._signatures()
        self._rest()
        self.session.flush()
        return engagement

    def _stage_content(self, stages: dict[str, Any]) -> None:
        e = self.e
        for key in STEP_KEYS:
            stage = stages.get(key, {})
            for i, a in enumerate(stage.get("attachments", [])):
                e.attachments.append(
                    m.Attachment(
                        stage_key=key,
                        position=i,
                        filename=a["filename"],
                        title=a.get("title"),
                        media_type=a["media_type"],
                        blob=blob_for(self.session, decoded_attachment(a)),
                    )
                )
                self.session.flush()
            diagram = stage.get("diagram", {})
            pairs = []
            for i, n in enumerate(diagram.get("nodes", [])):
                row = m.GraphNode(
                    stage_key=key,
                    position=i,
                    label=n["label"],
                    kind=n.get("kind"),
                    note=n.get("note"),
                )
                e.graph_nodes.append(row)
                pairs.append((n["id"], row))
            self.ids["gnode"] = {}
            self._flush_ids("gnode", pairs)
            for i, g in enumerate(diagram.get("edges", [])):
                e.graph_edges.append(
                    m.GraphEdge(
                        stage_key=key,
                        position=i,
                        from_node_id=self.ids["gnode"][g["from"]],
                        to_node_id=self.ids["gnode"][g["to"]],
                        label=g.get("label"),
                        kind=g.get("kind"),
                        note=g.get("note"),
                    )
                )

    def _actors_features(self) -> None:
        pairs: list[tuple[str | None, Any]] = []
        for i, a in enumerate(self.body.get("actors", [])):
            row = m.Actor(
                position=i, name=a["name"], care_setting=a.get("care_setting"), kind=a.get("kind")
            )
            self.e.actors.append(row)
            pairs.append((a["id"], row))
        self._flush_ids("actor", pairs)
        pairs = []
        for i, f in enumerate(self.body.get("features", [])):
            row = m.Feature(position=i, name=f["name"], description=f.get("description"))
            self.e.features.append(row)
            pairs.append((f["id"], row))
        self._flush_ids("feature", pairs)

    def _data_items(self) -> None:
        items = self.body.get("data_items", [])
        position: dict[str | None, int] = defaultdict(int)
        by_depth: dict[int, list[dict]] = defaultdict(list)
        entries = [{"id": d["id"], "parent_id": d.get("parent"), "item": d} for d in items]
        for entry, depth in tree_order(entries):
            by_depth[depth].append(entry["item"])
        for depth in sorted(by_depth):
            pairs: list[tuple[str | None, Any]] = []
            for d in by_depth[depth]:
                parent = d.get("parent")
                row = m.DataItem(
                    parent_id=self._id("item", parent),
                    position=position[parent],
                    name=d["name"],
                    description=d.get("description"),
                    data_type=d.get("data_type"),
                    cardinality=d.get("cardinality"),
                    source_system=d.get("source_system"),
                    example=d.get("example"),
                    xml_path=d.get("xml_path"),
                    value_set=d.get("value_set"),
                    sensitive=d.get("sensitive"),
                    notes=d.get("notes"),
                )
                position[parent] += 1
                self.e.data_items.append(row)
                pairs.append((d["id"], row))
            self._flush_ids("item", pairs)

    def _process(self) -> None:
        process = self.body.get("process", {})
        pairs: list[tuple[str | None, Any]] = []
        for i, lane in enumerate(process.get("lanes", [])):
            row = m.ProcessLane(
                position=i, name=lane["name"], actor_id=self._id("actor", lane.get("actor"))
            )
            self.e.lanes.append(row)
            pairs.append((lane["id"], row))
        self._flush_ids("lane", pairs)
        pairs = []
        for i, n in enumerate(process.get("nodes", [])):
            row = m.ProcessNode(
                position=i,
                lane_id=self._id("lane", n.get("lane")),
                kind=n["kind"],
                name=n.get("name"),
                x=n.get("x"),
                y=n.get("y"),
                width=n.get("width"),
                height=n.get("height"),
            )
            self.e.process_nodes.append(row)
            pairs.append((n["id"], row))
        self._flush_ids("node", pairs)
        for i, f in enumerate(process.get("flows", [])):
            self.e.process_flows.append(
                m.ProcessFlow(
                    position=i,
                    from_node_id=self.ids["node"][f["from"]],
                    to_node_id=self.ids["node"][f["to"]],
                    label=f.get("label"),
                    kind=f.get("kind"),
                )
            )

    def _stories(self) -> None:
        pairs: list[tuple[str | None, Any]] = []
        for i, s in enumerate(self.body.get("user_stories", [])):
            row = m.UserStory(
                position=i,
                ref=s.get("ref"),
                feature_id=self._id("feature", s.get("feature")),
                actor_id=self._id("actor", s.get("actor")),
                secondary_actor_id=self._id("actor", s.get("secondary_actor")),
                requirement=s["requirement"],
                justification=s.get("justification"),
                priority=s.get("priority"),
                status=s.get("status"),
                notes=s.get("notes"),
                tags=s.get("tags"),
            )
            row.acceptance_criteria = [
                m.AcceptanceCriterion(position=j, text=c["text"], kind=c.get("kind"))
                for j, c in enumerate(s.get("acceptance_criteria", []))
            ]
            row.data_item_links = [
                m.StoryDataItem(position=j, data_item_id=self.ids["item"][d])
                for j, d in enumerate(s.get("data_items", []))
            ]
            self.e.user_stories.append(row)
            pairs.append((s["id"], row))
        self._flush_ids("story", pairs)

    def _use_cases(self) -> None:
        use_cases = self.body.get("use_cases", [])
        pairs: list[tuple[str | None, Any]] = []
        for i, u in enumerate(use_cases):
            row = m.UseCase(position=i, name=u["name"], description=u.get("description"))
            self.e.use_cases.append(row)
            pairs.append((u["id"], row))
        self._flush_ids("usecase", pairs)
        for u, (_file_id, row) in zip(use_cases, pairs, strict=True):
            links = []
            for relation, column, kind in (
                ("actors", "actor_id", "actor"),
                ("user_stories", "story_id", "story"),
                ("includes", "target_use_case_id", "usecase"),
                ("extends", "target_use_case_id", "usecase"),
            ):
                for j, ref in enumerate(u.get(relation, [])):
                    link = m.UseCaseLink(relation=relation, position=j)
                    setattr(link, column, self.ids[kind][ref])
                    links.append(link)
            row.links = links

    def _profiles_mappings(self) -> None:
        for i, p in enumerate(self.body.get("profiles", [])):
            self.e.profiles.append(
                m.ProfileInScope(
                    position=i,
                    url=p["url"],
                    name=p.get("name"),
                    resource_type=p.get("resource_type"),
                    rationale=p.get("rationale"),
                )
            )
        for i, mp in enumerate(self.body.get("mappings", [])):
            self.e.mappings.append(
                m.Mapping(
                    position=i,
                    data_item_id=self.ids["item"][mp["data_item"]],
                    profile=mp["profile"],
                    element_path=mp.get("element_path"),
                    status=mp.get("status"),
                    notes=mp.get("notes"),
                )
            )

    def _signatures(self) -> None:
        pairs: list[tuple[str | None, Any]] = []
        for i, s in enumerate(self.body.get("api_signatures", [])):
            row = m.ApiSignature(
                position=i,
                method=s["method"],
                path=s["path"],
                description=s.get("description"),
                result=s.get("result"),
            )
            row.story_links = [
                m.ApiSignatureStory(position=j, story_id=self.ids["story"][ref])
                for j, ref in enumerate(s.get("user_stories", []))
            ]
            row.responses = [
                m.ApiResponse(position=j, code=r["code"], meaning=r.get("meaning"))
                for j, r in enumerate(s.get("responses", []))
            ]
            row.search_parameters = [
                m.SearchParameter(
                    position=j,
                    name=p["name"],
                    type=p.get("type"),
                    value=p.get("value"),
                    required=p.get("required"),
                )
                for j, p in enumerate(s.get("search_parameters", []))
            ]
            self.e.api_signatures.append(row)
            pairs.append((s["id"], row))
        self._flush_ids("api", pairs)

    def _rest(self) -> None:
        b, e = self.body, self.e
        for i, s in enumerate(b.get("sequences", [])):
            row = m.Sequence(
                position=i,
                name=s["name"],
                variant=s.get("variant"),
                participants=s.get("participants"),
            )
            row.steps = [
                m.SequenceStep(
                    position=j,
                    from_participant=st["from"],
                    to_participant=st["to"],
                    message=st["message"],
                    kind=st.get("kind"),
                    note=st.get("note"),
                )
                for j, st in enumerate(s["steps"])
            ]
            e.sequences.append(row)
        for i, t in enumerate(b.get("tests", [])):
            e.tests.append(
                m.SolutionTest(
                    position=i,
                    name=t["name"],
                    user_story_id=self._id("story", t.get("user_story")),
                    api_signature_id=self._id("api", t.get("api_signature")),
                    steps=t.get("steps"),
                    expected=t.get("expected"),
                    result=t.get("result"),
                    evidence=t.get("evidence"),
                )
            )
        for i, a in enumerate(b.get("approvals", [])):
            e.approvals.append(
                m.Approval(
                    position=i,
                    approver=a["approver"],
                    role=a.get("role"),
                    date=dt.date.fromisoformat(a["date"]) if a.get("date") else None,
                    decision=a["decision"],
                    comments=a.get("comments"),
                )
            )
        self.session.flush()
        for approval in e.approvals:
            keep_reviewed(self.session, approval)
        for i, c in enumerate(b.get("change_requests", [])):
            row = m.ChangeRequest(
                position=i,
                profile=c.get("profile"),
                element_path=c.get("element_path"),
                summary=c["summary"],
                rationale=c.get("rationale"),
                status=c.get("status"),
            )
            row.data_item_links = [
                m.ChangeRequestDataItem(position=j, data_item_id=self.ids["item"][ref])
                for j, ref in enumerate(c.get("data_items", []))
            ]
            e.change_requests.append(row)
        for i, ls in enumerate(b.get("lessons", [])):
            e.lessons.append(
                m.Lesson(position=i, kind=ls.get("kind"), text=ls["text"], action=ls.get("action"))
            )
