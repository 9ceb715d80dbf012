"""BPMN 2.0 models → the engagement's business process (step 4).

Reads what Camunda Modeler, Signavio, Bizagi, Visio or Enterprise Architect export:

- pools (participants) and lanes: a lane of a pool is a lane (named "Pool: Lane" when the
  model has several pools); a pool without lanes, or without a process (a "black box"),
  is one lane; nested lanes are flattened to the innermost;
- every flow node, in processes and inside sub-processes (their contents are kept as nodes
  and flows, in the sub-process's lane); the schema's node kinds are used as they are, and
  the rest are kept as the nearest kind with a note after the name, e.g. "Check dose
  (script task)": script and business rule tasks → task, boundary events → intermediate
  event, call activities, transactions, ad-hoc and event sub-processes → sub-process,
  complex gateways → inclusive gateway, data stores → data object, groups → annotation,
  anything else of BPMN's → task;
- sequence flows, message flows (kind ``message``; one to a pool rather than a node ends at
  a stand-in node "Pool (pool)"), associations and data associations (kind
  ``association``), with their names;
- the layout of BPMNDI shapes (x, y, width, height); shapes drawn in a collapsed
  sub-process's own diagram are placed below the main one. Edges' waypoints have nowhere
  to go in the process model and are not kept: flows are drawn between their nodes.

Vendor extensions (elements in other namespaces) are ignored. The import replaces the
engagement's process; a note is returned for everything kept as a nearest kind or not kept.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from workbook.db.store import Store
from workbook.importers.safe_xml import XmlFault, XmlNode, read_tree
from workbook.progress import Progress, no_progress
from workbook.services import engagements
from workbook.services.process import NewFlow, NewLane, NewNode, NewProcess, replace_process

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
MAX_BYTES = 64_000_000
WHAT = "a BPMN model"
PLANE_GAP = 100.0

# BPMN element → (node kind, note put after the name; None when the kind says it all)
KINDS: dict[str, tuple[str, str | None]] = {
    "startEvent": ("start_event", None),
    "endEvent": ("end_event", None),
    "intermediateCatchEvent": ("intermediate_event", None),
    "intermediateThrowEvent": ("intermediate_event", None),
    "implicitThrowEvent": ("intermediate_event", None),
    "boundaryEvent": ("intermediate_event", "boundary event"),
    "task": ("task", None),
    "userTask": ("user_task", None),
    "serviceTask": ("service_task", None),
    "manualTask": ("manual_task", None),
    "sendTask": ("send_task", None),
    "receiveTask": ("receive_task", None),
    "scriptTask": ("task", "script task"),
    "businessRuleTask": ("task", "business rule task"),
    "subProcess": ("subprocess", None),
    "adHocSubProcess": ("subprocess", "ad-hoc sub-process"),
    "transaction": ("subprocess", "transaction"),
    "callActivity": ("subprocess", "call activity"),
    "exclusiveGateway": ("exclusive_gateway", None),
    "parallelGateway": ("parallel_gateway", None),
    "inclusiveGateway": ("inclusive_gateway", None),
    "eventBasedGateway": ("event_based_gateway", None),
    "complexGateway": ("inclusive_gateway", "complex gateway"),
    "dataObjectReference": ("data_object", None),
    "dataStoreReference": ("data_object", "data store"),
    "textAnnotation": ("annotation", None),
    "group": ("annotation", "group"),
}
_CONTAINERS = {"subProcess", "adHocSubProcess", "transaction"}
# BPMN elements in a process that are not nodes (flows are read separately)
_NOT_NODES = {
    "laneSet",
    "sequenceFlow",
    "association",
    "dataObject",
    "property",
    "ioSpecification",
    "ioBinding",
    "documentation",
    "extensionElements",
    "auditing",
    "monitoring",
    "supportedInterfaceRef",
    "performer",
    "humanPerformer",
    "potentialOwner",
    "resourceRole",
    "correlationSubscription",
}
_FLOW_KINDS = {"sequenceFlow": "sequence", "messageFlow": "message", "association": "association"}


@dataclass(frozen=True)
class BpmnImport:
    """What a BPMN file gave: the process to store, and notes on what was approximated."""

    process: NewProcess
    notes: tuple[str, ...]

    def summary(self) -> str:
        p = self.process
        return f"lanes {len(p.lanes)}, nodes {len(p.nodes)}, flows {len(p.flows)}"


@dataclass
class _Reader:
    root: XmlNode
    name_fallback: str
    lanes: list[NewLane] = field(default_factory=list)
    nodes: dict[str, NewNode] = field(default_factory=dict)
    flows: list[NewFlow] = field(default_factory=list)
    lane_of: dict[str, str] = field(default_factory=dict)  # BPMN id -> lane key
    lane_bounds: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    bounds: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    by_id: dict[str, XmlNode] = field(default_factory=dict)
    approximated: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    pending_flows: list[tuple[XmlNode, str, str, str]] = field(default_factory=list)

    def read(self) -> BpmnImport:
        for node in self.root.iter():
            if node.namespace == MODEL and node.get("id"):
                self.by_id.setdefault(node.get("id") or "", node)
        self._layout()
        collaborations = list(self.root.elements(MODEL, "collaboration"))
        processes = list(self.root.elements(MODEL, "process"))
        participants = [p for c in collaborations for p in c.elements(MODEL, "participant")]
        process_by_id = {p.get("id"): p for p in processes}
        several_pools = len(participants) > 1
        pooled = set()
        for participant in participants:
            process = process_by_id.get(participant.get("processRef"))
            if process is None:  # a black box: a pool with no process of its own
                self._add_lane(participant.get("id") or "", _name(participant) or "Pool")
                continue
            pooled.add(id(process))
            prefix = (_name(participant) or _name(process)) if several_pools else None
            self._lanes(process, participant, prefix)
        for process in processes:
            if id(process) not in pooled:
                self._lanes(process, None, None)
        for container in (*processes, *collaborations):
            self._contents(container, None)
        self._resolve_flows()
        notes = [
            f"{count} {what}{'s' if count > 1 else ''} kept as the nearest kind, "
            f'with "({what})" after the name'
            for what, count in self.approximated.items()
        ]
        return BpmnImport(
            NewProcess(
                self._process_name(collaborations, processes),
                self.lanes,
                list(self.nodes.values()),
                self.flows,
            ),
            tuple(notes + self.notes),
        )

    # -- layout ------------------------------------------------------------------------

    def _layout(self) -> None:
        bottom: float | None = None
        for diagram in self.root.elements(BPMNDI, "BPMNDiagram"):
            for plane in diagram.elements(BPMNDI, "BPMNPlane"):
                shapes = []
                for shape in plane.elements(BPMNDI, "BPMNShape"):
                    box = shape.first(DC, "Bounds")
                    if box is not None and shape.get("bpmnElement"):
                        shapes.append((shape.get("bpmnElement") or "", _bounds(box)))
                if not shapes:
                    continue
                top = min(b[1] for _, b in shapes)
                offset = 0.0 if bottom is None else bottom + PLANE_GAP - top
                for element, (x, y, w, h) in shapes:
                    self.bounds.setdefault(element, (x, y + offset, w, h))
                lowest = max(b[1] + b[3] for _, b in shapes) + offset
                bottom = lowest if bottom is None else max(bottom, lowest)

    # -- lanes ----------------------------------------------------------------------------

    def _add_lane(self, key: str, name: str) -> None:
        self.lanes.append(NewLane(key, name))
        if key in self.bounds:
            self.lane_bounds[key] = self.bounds[key]

    def _lanes(self, process: XmlNode, pool: XmlNode | None, prefix: str | None) -> None:
        leaves = [
            leaf
            for lane_set in process.elements(MODEL, "laneSet")
            for leaf in _innermost_lanes(lane_set, prefix)
        ]
        if not leaves:
            if pool is not None:
                key = pool.get("id") or ""
                self._add_lane(key, _name(pool) or _name(process) or "Pool")
                self.lane_of[process.get("id") or ""] = key
            return
        for number, (lane, outer) in enumerate(leaves, 1):
            key = lane.get("id") or f"{process.get('id')}-lane-{number}"
            name = _name(lane)
            if outer:
                name = f"{outer}: {name}" if name else outer
            self._add_lane(key, name or f"Lane {len(self.lanes) + 1}")
            for ref in lane.elements(MODEL, "flowNodeRef"):
                self.lane_of[ref.text] = key

    def _lane_for(self, element: XmlNode, container_lane: str | None) -> str | None:
        element_id = element.get("id") or ""
        if element_id in self.lane_of:
            return self.lane_of[element_id]
        attached = element.get("attachedToRef")
        if attached and attached in self.lane_of:
            return self.lane_of[attached]
        if element_id in self.bounds and self.lane_bounds:
            x, y, w, h = self.bounds[element_id]
            cx, cy = x + w / 2, y + h / 2
            for key, (lx, ly, lw, lh) in self.lane_bounds.items():
                if lx <= cx <= lx + lw and ly <= cy <= ly + lh:
                    return key
        return container_lane

    # -- nodes ---------------------------------------------------------------------------

    def _contents(self, container: XmlNode, container_lane: str | None) -> None:
        """The nodes and flows directly in a process, collaboration or sub-process."""
        if container.local == "process":
            container_lane = self.lane_of.get(container.get("id") or "")
        for element in container.children:
            if element.namespace != MODEL:
                continue  # a vendor's extension
            local = element.local
            if local in _FLOW_KINDS:
                self._flow(
                    element, _FLOW_KINDS[local], element.get("sourceRef"), element.get("targetRef")
                )
            elif local in KINDS or (local not in _NOT_NODES and container.local != "collaboration"):
                lane = self._lane_for(element, container_lane)
                self._node(element, lane)
                self._data_associations(element)
                if local in _CONTAINERS:
                    self._contents(element, lane)

    def _node(self, element: XmlNode, lane: str | None) -> None:
        kind, note = KINDS.get(element.local, ("task", f"BPMN {element.local}"))
        if element.local == "subProcess" and element.get("triggeredByEvent") == "true":
            note = "event sub-process"
        name = self._label(element)
        if note:
            self.approximated[note] += 1
            name = f"{name} ({note})" if name else f"({note})"
        key = element.get("id") or f"node-{len(self.nodes) + 1}"
        x, y, w, h = self.bounds.get(key, (None, None, None, None))
        self.nodes[key] = NewNode(key, kind, name, lane, x, y, w, h)

    def _label(self, element: XmlNode) -> str | None:
        if element.local == "textAnnotation":
            text = element.first(MODEL, "text")
            return " ".join(text.text.split()) if text is not None and text.text else None
        if element.local == "group":
            value = self.by_id.get(element.get("categoryValueRef") or "")
            return value.get("value") if value is not None else None
        if element.local == "dataObjectReference" and not _name(element):
            target = self.by_id.get(element.get("dataObjectRef") or "")
            return _name(target) if target is not None else None
        return _name(element)

    def _data_associations(self, activity: XmlNode) -> None:
        owner = activity.get("id") or ""
        for association in activity.elements(MODEL, "dataInputAssociation"):
            for source in association.elements(MODEL, "sourceRef"):
                self._flow(association, "association", source.text, owner)
        for association in activity.elements(MODEL, "dataOutputAssociation"):
            target = association.first(MODEL, "targetRef")
            if target is not None:
                self._flow(association, "association", owner, target.text)

    # -- flows ---------------------------------------------------------------------------

    def _flow(self, element: XmlNode, kind: str, source: str | None, target: str | None) -> None:
        if not source or not target:
            raise element.fault(f"{element.local} without a sourceRef and a targetRef")
        self.pending_flows.append((element, kind, source, target))

    def _resolve_flows(self) -> None:
        """Flows in the order the file has them, each between two nodes."""
        self.pending_flows.sort(key=lambda flow: flow[0].line)
        for element, kind, source, target in self.pending_flows:
            ends = [self._end(ref) for ref in (source, target)]
            if None in ends:
                missing = source if ends[0] is None else target
                what = self.by_id.get(missing)
                self.notes.append(
                    f"line {element.line}: {element.local} {element.get('id') or ''} "
                    f'not kept: "{missing}" is '
                    + (f"a {what.local}, not a node" if what is not None else "not in the file")
                )
                continue
            label = " ".join((element.get("name") or "").split()) or None
            self.flows.append(NewFlow(ends[0] or "", ends[1] or "", kind, label))

    def _end(self, ref: str) -> str | None:
        """The node a flow starts or ends at; a pool gets a stand-in node."""
        if ref in self.nodes:
            return ref
        element = self.by_id.get(ref)
        if element is None or element.local != "participant":
            return None
        key = f"pool:{ref}"
        if key not in self.nodes:
            name = f"{_name(element) or 'Pool'} (pool)"
            x, y, w, h = self.bounds.get(ref, (None, None, None, None))
            lane = ref if any(lane.key == ref for lane in self.lanes) else None
            self.nodes[key] = NewNode(key, "task", name, lane, x, y, w, h)
        return key

    def _process_name(self, collaborations: list[XmlNode], processes: list[XmlNode]) -> str:
        for candidate in (*collaborations, *processes, self.root):
            if _name(candidate):
                return _name(candidate) or ""
        return self.name_fallback


def _innermost_lanes(lane_set: XmlNode, outer: str | None) -> list[tuple[XmlNode, str | None]]:
    """The lanes without lanes inside, in order, each with the names of those around it."""
    found = []
    for lane in lane_set.elements(MODEL, "lane"):
        inner = list(lane.elements(MODEL, "childLaneSet"))
        if not inner:
            found.append((lane, outer))
            continue
        name = _name(lane)
        path = f"{outer}: {name}" if outer and name else outer or name
        for child in inner:
            found += _innermost_lanes(child, path)
    return found


def _name(element: XmlNode | None) -> str | None:
    if element is None:
        return None
    return " ".join((element.get("name") or "").split()) or None


def _bounds(box: XmlNode) -> tuple[float, float, float, float]:
    try:
        values = tuple(float(box.get(a) or "") for a in ("x", "y", "width", "height"))
    except ValueError:
        values = (math.nan,)
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise box.fault("a shape's x, y, width and height must all be numbers")
    return values  # type: ignore[return-value]


def read_bpmn(path: Path, progress: Progress = no_progress) -> BpmnImport:
    """Read a BPMN 2.0 file into a process, without storing it."""
    root = read_tree(path, max_bytes=MAX_BYTES, what=WHAT, progress=progress)
    try:
        if (root.namespace, root.local) != (MODEL, "definitions"):
            raise root.fault(
                f"not a BPMN 2.0 model (the root element is {root.local}, "
                f"not definitions in {MODEL})"
            )
        return _Reader(root, path.stem).read()
    except XmlFault as fault:
        raise fault.error() from None


def import_bpmn(
    store: Store, engagement_id: int, path: Path, progress: Progress = no_progress
) -> BpmnImport:
    """Replace the engagement's process with the one in a BPMN file."""
    engagements.get(store, engagement_id)
    found = read_bpmn(path, progress)
    replace_process(store, engagement_id, found.process)
    return found
