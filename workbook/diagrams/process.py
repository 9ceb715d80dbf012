"""Business process (step 4): BPMN-style swimlanes with events, tasks, gateways and flows.

With an imported BPMN layout (every node has a position and size) the diagram keeps it,
scaled to the page, unless that would make shapes or labels overlap. Otherwise nodes go
left to right in the order the flows run, each in its lane; a process too long for the
page continues below, with BPMN link events (lettered circles) joining the flows cut.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from workbook.diagrams import palette
from workbook.diagrams.checks import problems
from workbook.diagrams.connectors import Link, Routed, route_links
from workbook.diagrams.layered import acyclic, topological
from workbook.diagrams.legend import footnotes
from workbook.diagrams.model import (
    Box,
    Diagram,
    Ellipse,
    Outline,
    Polyline,
    Primitive,
    Rect,
    Style,
    Text,
)
from workbook.diagrams.routing import Node
from workbook.diagrams.scene import Block, Scene, block, empty
from workbook.diagrams.shapes import diamond, note, stick_figure
from workbook.diagrams.sources import Process, ProcessFlow, ProcessNode
from workbook.diagrams.text import measure

TASKS = (
    "task",
    "user_task",
    "service_task",
    "manual_task",
    "send_task",
    "receive_task",
    "subprocess",
)
EVENTS = ("start_event", "end_event", "intermediate_event")
GATEWAYS = ("exclusive_gateway", "parallel_gateway", "inclusive_gateway", "event_based_gateway")
TASK_WIDTH = 84.0
TASK_MIN_HEIGHT = 44.0
EVENT_SIZE = 26.0
GATEWAY_SIZE = 32.0
LINK_SIZE = 22.0
LABEL_WIDTH = 64.0  # outside labels of events, gateways and data objects
HEADER = 50.0  # width of the lane names, unless a word of a lane's name needs more
MAX_HEADER = 96.0
LANE_PAD = 14.0
MIN_LANE = 64.0
COLUMN_GAP = 28.0
ROW_GAP = 18.0
PART_GAP = 26.0
MARKERS = {"user_task": "user", "service_task": "⚙", "send_task": "✉", "receive_task": "✉"}
FLOW_STYLES = {
    "sequence": (palette.SEQUENCE_FLOW, "filled"),
    "message": (palette.MESSAGE_FLOW, "open"),
    "association": (palette.ASSOCIATION, None),
}
GATEWAY_MARKS = {
    "exclusive_gateway": "X",
    "parallel_gateway": "+",
    "inclusive_gateway": "O",
    "event_based_gateway": "E",
}


@dataclass
class _Item:
    """A shape to place: a process node, or a link event standing for a cut flow."""

    key: str
    kind: str
    lane: str
    size: tuple[float, float]
    name: str = ""
    inside: Block | None = None
    outside: Block | None = None
    letter: str = ""

    @property
    def above(self) -> bool:  # gateways carry their names above, BPMN style
        return self.kind in GATEWAYS

    @property
    def width(self) -> float:
        return max(self.size[0], self.outside.width if self.outside else 0)

    @property
    def rise(self) -> float:
        extra = self.outside.height + 3 if self.outside and self.above else 0
        return self.size[1] / 2 + extra

    @property
    def fall(self) -> float:
        extra = self.outside.height + 3 if self.outside and not self.above else 0
        return self.size[1] / 2 + extra


@dataclass
class _Part:
    """A stretch of the process that fits the page width: some columns, all lanes."""

    columns: list[int]
    # column -> items; link events go in columns half a step before or after the part's
    items: dict[float, list[_Item]] = field(default_factory=dict)


def layout_process(process: Process) -> Diagram:
    title = process.name or "Business process"
    if not process.nodes:
        return empty(title, "Nothing to draw yet: add lanes and the steps of the process (step 4).")
    lanes = [(lane.key, lane.name) for lane in process.lanes]
    known = {key for key, _ in lanes}
    if any(n.lane not in known for n in process.nodes):
        lanes.append(("", ""))
    nodes = {n.key: n for n in process.nodes}
    flows = [f for f in process.flows if f.source in nodes and f.target in nodes]
    items = {n.key: _item(n, n.lane if n.lane in known else "") for n in process.nodes}
    header = _header_width(lanes)
    bounds = {n.key: n.bounds for n in process.nodes if n.bounds}
    if len(bounds) == len(process.nodes):
        imported = _imported(process, bounds, lanes, items, flows, title, header)
        if imported is not None and not problems(imported):
            return imported
    return _automatic(process, lanes, items, flows, title, header)


def _header_width(lanes: list[tuple[str, str]]) -> float:
    words = [w for _, name in lanes for w in name.split()]
    longest = max((measure(w, palette.SMALL_SIZE, bold=True) for w in words), default=0.0)
    return min(MAX_HEADER, max(HEADER, longest + 10))


def _item(node: ProcessNode, lane: str) -> _Item:
    name = node.name or ""
    if node.kind in EVENTS:
        size = (EVENT_SIZE, EVENT_SIZE)
    elif node.kind in GATEWAYS:
        size = (GATEWAY_SIZE, GATEWAY_SIZE)
    elif node.kind == "data_object":
        size = (22.0, 28.0)
    else:
        inner = block(
            name,
            TASK_WIDTH - 10,
            palette.SMALL_SIZE if node.kind == "annotation" else palette.BODY_SIZE,
            max_lines=6,
        )
        marker = 10.0 if node.kind in MARKERS or node.kind == "subprocess" else 0.0
        height = max(
            TASK_MIN_HEIGHT if node.kind != "annotation" else 20.0, inner.height + 12 + 2 * marker
        )
        return _Item(node.key, node.kind, lane, (TASK_WIDTH, height), name, inside=inner)
    outside = block(name, LABEL_WIDTH, palette.SMALL_SIZE, max_lines=4) if name else None
    return _Item(node.key, node.kind, lane, size, name, outside=outside)


# automatic layout --------------------------------------------------------------------------


def _automatic(
    process: Process,
    lanes: list[tuple[str, str]],
    items: dict[str, _Item],
    flows: list[ProcessFlow],
    title: str,
    header: float,
) -> Diagram:
    column = _columns(process, flows)
    widths: dict[int, float] = defaultdict(float)
    for key, c in column.items():
        widths[c] = max(widths[c], items[key].width)
    parts = _parts(sorted(widths), widths, header)
    part_of = {c: i for i, part in enumerate(parts) for c in part.columns}
    for key in (n.key for n in process.nodes):
        parts[part_of[column[key]]].items.setdefault(column[key], []).append(items[key])
    links = _cut_flows(flows, items, column, part_of, parts)
    right = max(
        header + sum(widths.get(c, LINK_SIZE) + COLUMN_GAP for c in part.items) for part in parts
    )
    scene = Scene()
    y = 0.0
    footnote_marks: list[tuple[str, str]] = []
    for index, part in enumerate(parts):
        frame = Box(0, y, right, y)
        bottom, routed = _draw_part(
            scene,
            part,
            index,
            lanes,
            widths,
            links[index],
            frame,
            header,
            len(footnote_marks) + 1,
            len(parts) == 1,
        )
        footnote_marks += routed.footnotes
        y = bottom + PART_GAP
    if footnote_marks:
        notes_top = scene.bounds().y1 + 10
        scene.extend(footnotes(footnote_marks, 0, notes_top, palette.CONTENT_WIDTH))
    return scene.finish(title)


def _columns(process: Process, flows: list[ProcessFlow]) -> dict[str, int]:
    """Each node's column: after every node a sequence or message flow leads from."""
    keys = [n.key for n in process.nodes]
    ordering = [(f.source, f.target) for f in flows if (f.kind or "sequence") != "association"]
    links = [(a, b) for a, b in acyclic(keys, ordering) if a != b]
    preds: dict[str, list[str]] = defaultdict(list)
    succs: dict[str, list[str]] = defaultdict(list)
    for a, b in links:
        preds[b].append(a)
        succs[a].append(b)
    column: dict[str, int] = {}
    for key in topological(keys, preds, succs):
        column[key] = max((column[p] + 1 for p in preds[key]), default=0)
    for f in flows:  # data objects and annotations sit by what they are associated with
        if (f.kind or "sequence") == "association":
            for lone, partner in ((f.source, f.target), (f.target, f.source)):
                if not preds[lone] and not succs[lone]:
                    column[lone] = column[partner]
    return column


def _parts(columns: list[int], widths: dict[int, float], header: float) -> list[_Part]:
    """Columns cut into stretches that fit the page, leaving room for link events."""
    link = LINK_SIZE + COLUMN_GAP
    room = palette.CONTENT_WIDTH - header
    parts: list[_Part] = []
    i = 0
    while i < len(columns):
        budget = room - (link if parts else 0)
        rest = sum(widths[c] + COLUMN_GAP for c in columns[i:])
        if rest > budget:
            budget -= link  # not the last part: its cut flows leave by link events
        taken: list[int] = []
        while i < len(columns) and (not taken or widths[columns[i]] + COLUMN_GAP <= budget):
            budget -= widths[columns[i]] + COLUMN_GAP
            taken.append(columns[i])
            i += 1
        parts.append(_Part(taken))
    return parts


def _cut_flows(
    flows: list[ProcessFlow],
    items: dict[str, _Item],
    column: dict[str, int],
    part_of: dict[int, int],
    parts: list[_Part],
) -> list[list[Link]]:
    """Each part's connectors; a flow between parts becomes two, via a pair of link events."""
    per_part: list[list[Link]] = [[] for _ in parts]
    letters = 0
    for f in flows:
        a, b = part_of[column[f.source]], part_of[column[f.target]]
        if a == b:
            per_part[a].append(_link(f))
            continue
        letter = _letter(letters)
        letters += 1
        throw = _Item(
            f"{f.key}:out",
            "link_throw",
            items[f.source].lane,
            (LINK_SIZE, LINK_SIZE),
            letter=letter,
        )
        catch = _Item(
            f"{f.key}:in", "link_catch", items[f.target].lane, (LINK_SIZE, LINK_SIZE), letter=letter
        )
        parts[a].items.setdefault(max(parts[a].columns) + 0.5, []).append(throw)
        parts[b].items.setdefault(min(parts[b].columns) - 0.5, []).append(catch)
        per_part[a].append(_link(f, f"{f.key}:a", target=throw.key))
        per_part[b].append(replace(_link(f, f"{f.key}:b", source=catch.key), label=None))
    return per_part


def _link(
    flow: ProcessFlow, key: str | None = None, source: str | None = None, target: str | None = None
) -> Link:
    """The connector drawing ``flow`` (or the part of it from ``source`` or to ``target``)."""
    style, head = FLOW_STYLES.get(flow.kind or "sequence", FLOW_STYLES["sequence"])
    label = block(flow.label, 80, palette.SMALL_SIZE) if flow.label else None
    return Link(
        key or flow.key, source or flow.source, target or flow.target, style, label, head=head
    )


def _letter(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _draw_part(
    scene: Scene,
    part: _Part,
    index: int,
    lanes: list[tuple[str, str]],
    widths: dict[int, float],
    links: list[Link],
    frame: Box,
    header: float,
    first_mark: int,
    show_empty: bool,
) -> tuple[float, Routed]:
    """Lays out and draws one part from ``frame``'s top down, as wide as ``frame``; returns
    its bottom and its connectors.
    """
    top, right = frame.y0, frame.x1
    x = header + COLUMN_GAP / 2
    centres: dict[float, float] = {}
    for c in sorted(part.items):
        width = widths.get(c, LINK_SIZE)
        centres[c] = x + width / 2
        x += width + COLUMN_GAP
    by_lane: dict[str, dict[float, list[_Item]]] = defaultdict(dict)
    for c, column_items in part.items.items():
        for item in column_items:
            by_lane[item.lane].setdefault(c, []).append(item)
    y = top
    placed: list[tuple[_Item, float, float]] = []
    obstacles: list[Box] = []
    for lane_key, lane_name in lanes:
        stacks = by_lane.get(lane_key, {})
        if not stacks and not show_empty:
            continue  # when the process is cut in parts, each shows only the lanes it uses
        rows = max((len(s) for s in stacks.values()), default=0)
        rises = [
            max((s[r].rise for s in stacks.values() if len(s) > r), default=0) for r in range(rows)
        ]
        falls = [
            max((s[r].fall for s in stacks.values() if len(s) > r), default=0) for r in range(rows)
        ]
        content = sum(rises) + sum(falls) + ROW_GAP * max(0, rows - 1)
        height = _lane(
            scene,
            f"lane{index}:{lane_key}",
            lane_name,
            Box(0, y, right, y),
            header,
            content + 2 * LANE_PAD,
        )
        obstacles.append(Box(0, y, header, y + height))
        row_y = y + (height - content) / 2
        for r in range(rows):
            centre_y = row_y + rises[r]
            for c, stack in stacks.items():
                if len(stack) > r:
                    placed.append((stack[r], centres[c], centre_y))
            row_y = centre_y + falls[r] + ROW_GAP
        y += height
    route_nodes = []
    for item, cx, cy in placed:
        drawn, outline, label = _draw_item(item, cx, cy)
        scene.extend(drawn)
        scene.outlines[item.key] = outline
        sides = _sides(item)
        route_nodes.append(Node(item.key, outline, sides))
        if label is not None:
            obstacles.append(label.box())
    area = Box(header, top, right, y)
    routed = route_links(route_nodes, links, obstacles, area, first_mark)
    scene.extend(routed.lines)
    scene.extend(routed.labels)
    return y, routed


def _lane(scene: Scene, owner: str, name: str, top: Box, header: float, needed: float) -> float:
    """A lane band from ``top``'s top left to its right, with its name; returns its height."""
    label = block(name, header - 8, palette.SMALL_SIZE, bold=True)
    height = max(MIN_LANE, needed, label.height + 12)
    y = top.y0
    scene.add(
        Rect(0, y, top.x1, height, palette.LANE, 0, owner, "container"),
        Rect(0, y, header, height, palette.LANE_HEADER, 0, owner, "container"),
    )
    if name:
        scene.add(label.centred(header / 2, y + height / 2, owner=owner))
    return height


def _sides(item: _Item) -> tuple[str, ...]:
    """Where flows may attach: not through a shape's own name."""
    if item.outside is None:
        return ("top", "right", "bottom", "left")
    return ("right", "bottom", "left") if item.above else ("top", "right", "left")


# drawing -----------------------------------------------------------------------------------


def _draw_item(item: _Item, cx: float, cy: float) -> tuple[list[Primitive], Outline, Text | None]:
    w, h = item.size
    box = Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    key = item.key
    drawn: list[Primitive]
    outline = Outline("ellipse", box)
    kind = item.kind
    if kind in EVENTS:
        drawn = [Ellipse(cx, cy, w / 2, h / 2, _event_style(kind), key)]
        if kind == "intermediate_event":
            drawn.append(Ellipse(cx, cy, w / 2 - 3, h / 2 - 3, Style(palette.INK, None, 1.0), key))
    elif kind in ("link_throw", "link_catch"):
        drawn = [
            Ellipse(cx, cy, w / 2, h / 2, palette.LINK_EVENT, key),
            Ellipse(cx, cy, w / 2 - 2.5, h / 2 - 2.5, Style(palette.INK, None, 0.8), key),
            block(item.letter, w, palette.SMALL_SIZE, bold=True).centred(cx, cy, owner=key),
        ]
    elif kind in GATEWAYS:
        drawn = [diamond(box, palette.GATEWAY, key), *_gateway_mark(kind, box, key)]
        outline = Outline("diamond", box)
    elif kind == "data_object":
        drawn = note(box, palette.DATA_OBJECT, key, fold=6)
        outline = Outline("rect", box)
    elif kind == "annotation":
        bracket = ((box.x0 + 8, box.y0), (box.x0, box.y0), (box.x0, box.y1), (box.x0 + 8, box.y1))
        drawn = [
            Rect(box.x0, box.y0, w, h, Style(None, palette.PAPER, 0), 0, key),
            Polyline(bracket, palette.THIN, key, "shape"),
        ]
        outline = Outline("rect", box)
    else:
        drawn = [Rect(box.x0, box.y0, w, h, palette.TASK, 6, key), *_task_marker(kind, box, key)]
        outline = Outline("rect", box)
    if item.inside is not None:
        if kind == "annotation":
            top = cy - item.inside.height / 2
            text = item.inside.at(box.x0 + 5, top, align="left", owner=key)
        else:
            text = item.inside.centred(cx, cy, owner=key)
        drawn.append(text)
    label = None
    if item.outside is not None:
        o = item.outside
        label_top = box.y0 - 3 - o.height if item.above else box.y1 + 3
        label = o.at(cx - o.width / 2, label_top, owner=key)
        drawn.append(label)
    return drawn, outline, label


def _event_style(kind: str) -> Style:
    return {"start_event": palette.START_EVENT, "end_event": palette.END_EVENT}.get(
        kind, palette.INTERMEDIATE_EVENT
    )


def _gateway_mark(kind: str, box: Box, owner: str) -> list[Primitive]:
    mark = GATEWAY_MARKS[kind]
    cx, cy, r = box.cx, box.cy, box.width * 0.16
    line = Style(palette.INK, None, 2.0)
    if mark == "X":
        return [
            Polyline(((cx - r, cy - r), (cx + r, cy + r)), line, owner, "shape"),
            Polyline(((cx - r, cy + r), (cx + r, cy - r)), line, owner, "shape"),
        ]
    if mark == "+":
        r *= 1.3
        return [
            Polyline(((cx - r, cy), (cx + r, cy)), line, owner, "shape"),
            Polyline(((cx, cy - r), (cx, cy + r)), line, owner, "shape"),
        ]
    if mark == "O":
        return [Ellipse(cx, cy, r * 1.3, r * 1.3, Style(palette.INK, None, 1.8), owner)]
    return [
        Ellipse(cx, cy, r * 1.5, r * 1.5, Style(palette.INK, None, 0.8), owner),
        Ellipse(cx, cy, r * 1.1, r * 1.1, Style(palette.INK, None, 0.8), owner),
    ]


def _task_marker(kind: str, box: Box, owner: str) -> list[Primitive]:
    x, y = box.x0 + 5, box.y0 + 4
    if kind == "subprocess":
        s = 9.0
        mx, my = box.cx - s / 2, box.y1 - s - 3
        return [
            Rect(mx, my, s, s, palette.THIN, 0, owner),
            Polyline(
                ((mx + 2, my + s / 2), (mx + s - 2, my + s / 2)), palette.THIN, owner, "shape"
            ),
            Polyline(((box.cx, my + 2), (box.cx, my + s - 2)), palette.THIN, owner, "shape"),
        ]
    marker = MARKERS.get(kind)
    if marker is None:
        return []
    if marker == "user":
        return stick_figure(x + 4, y, 10, palette.ICON, owner)
    return [block(marker, 12, palette.SMALL_SIZE).at(x, y - 1, align="left", owner=owner)]


# imported layout ---------------------------------------------------------------------------


def _imported(
    process: Process,
    bounds: dict[str, tuple[float, float, float, float]],
    lanes: list[tuple[str, str]],
    items: dict[str, _Item],
    flows: list[ProcessFlow],
    title: str,
    header: float,
) -> Diagram | None:
    """The BPMN file's own layout: positions and task sizes scaled to the page, lanes stacked
    in order. None when a task scaled down no longer holds its name.
    """
    x0 = min(x for x, _, _, _ in bounds.values())
    x1 = max(x + w for x, _, w, _ in bounds.values())
    scale = min(1.0, (palette.CONTENT_WIDTH - header - 2 * LANE_PAD) / max(1.0, x1 - x0))
    scaled = dict(items)
    for key, item in items.items():
        if item.inside is not None:
            w, h = (max(24.0, v * scale) for v in bounds[key][2:])
            inside = block(item.name, w - 10, item.inside.size, max_lines=6)
            if inside.height > h - 4:
                return None
            scaled[key] = replace(item, size=(w, h), inside=inside)
    scene = Scene()
    right = header + LANE_PAD * 2 + (x1 - x0) * scale
    y = 0.0
    obstacles: list[Box] = []
    route_nodes = []
    for lane_key, lane_name in lanes:
        members = [scaled[n.key] for n in process.nodes if scaled[n.key].lane == lane_key]
        top = min((bounds[m.key][1] for m in members), default=0.0)
        bottom = max((bounds[m.key][1] + bounds[m.key][3] for m in members), default=0.0)
        above = max((m.rise - m.size[1] / 2 for m in members), default=0)
        below = max((m.fall - m.size[1] / 2 for m in members), default=0)
        content = (bottom - top) * scale + above + below + 2 * LANE_PAD
        height = _lane(scene, f"lane:{lane_key}", lane_name, Box(0, y, right, y), header, content)
        obstacles.append(Box(0, y, header, y + height))
        for item in members:
            bx, by, bw, bh = bounds[item.key]
            cx = header + LANE_PAD + (bx - x0 + bw / 2) * scale
            cy = y + LANE_PAD + above + (by - top + bh / 2) * scale
            drawn, outline, label = _draw_item(item, cx, cy)
            scene.extend(drawn)
            scene.outlines[item.key] = outline
            route_nodes.append(Node(item.key, outline, _sides(item)))
            if label is not None:
                obstacles.append(label.box())
        y += height
    links = [_link(f) for f in flows]
    routed = route_links(route_nodes, links, obstacles, Box(header, 0, right, y))
    scene.extend(routed.lines)
    scene.extend(routed.labels)
    if routed.footnotes:
        scene.extend(footnotes(routed.footnotes, 0, y + 10, palette.CONTENT_WIDTH))
    return scene.finish(title)
