"""Problem statement (step 3) and technical context (step 11): systems, people,
organisations and stores as shapes, with flows between them as labelled arrows.
"""

from __future__ import annotations

from dataclasses import replace

from workbook.diagrams import palette
from workbook.diagrams.connectors import Link, layered_diagram
from workbook.diagrams.legend import Sample, legend
from workbook.diagrams.model import Box, Diagram, Outline, Primitive, Rect
from workbook.diagrams.routing import Node
from workbook.diagrams.scene import Block, Scene, block, connector, empty
from workbook.diagrams.shapes import building, cylinder, stick_figure
from workbook.diagrams.sources import Graph, GraphNode

NODE_WIDTH = 112.0
PAD = 6.0
ICON = 14.0
CAP = 5.0  # half-height of a store's top and bottom
# row and column gaps, tried in turn until every label has room beside its connector
GAPS = ((56.0, 48.0), (84.0, 48.0), (72.0, 100.0), (110.0, 100.0))
NODE_KINDS = ("system", "person", "organisation", "store", "external")
EDGE_KINDS = ("flow", "issue", "planned")
EDGE_NAMES = {"flow": "flow", "issue": "issue (problem today)", "planned": "planned flow"}


def layout_graph(graph: Graph, title: str, empty_message: str) -> Diagram:
    if not graph.nodes:
        return empty(title, empty_message)
    labels = {n.key: _node_label(n) for n in graph.nodes}
    sizes = {n.key: _node_size(n, labels[n.key]) for n in graph.nodes}
    known = set(labels)
    edges = [e for e in graph.edges if e.source in known and e.target in known]
    links = [
        Link(
            e.key,
            e.source,
            e.target,
            palette.EDGE_STYLES[_edge_kind(e.kind)],
            _edge_label(e.label, _edge_kind(e.kind)),
            palette.EDGE_TEXT[_edge_kind(e.kind)],
        )
        for e in edges
    ]
    kinds = [k for k in NODE_KINDS if any(_node_kind(n) == k for n in graph.nodes)]
    flows = [k for k in EDGE_KINDS if any(_edge_kind(e.kind) == k for e in edges)]

    def draw(scene: Scene, boxes: dict[str, Box]) -> list[Node]:
        for n in graph.nodes:
            drawn, scene.outlines[n.key] = _draw_node(n, boxes[n.key], labels[n.key])
            scene.extend(drawn)
        return [Node(n.key, scene.outlines[n.key]) for n in graph.nodes]

    def key(space: Box) -> list[Primitive]:
        return legend(_legend_entries(kinds, flows), space.x0, space.y0, space.width)

    return layered_diagram(title, sizes, links, GAPS, draw, key)


def _node_kind(node: GraphNode) -> str:
    return node.kind if node.kind in NODE_KINDS else "system"


def _edge_kind(kind: str | None) -> str:
    return kind if kind in EDGE_KINDS else "flow"


def _has_icon(kind: str) -> bool:
    return kind in ("person", "organisation")


def _node_label(node: GraphNode) -> Block:
    inner = NODE_WIDTH - 2 * PAD - (ICON + 4 if _has_icon(_node_kind(node)) else 0)
    return block(node.label, inner, palette.BODY_SIZE, max_lines=5)


def _node_size(node: GraphNode, label: Block) -> tuple[float, float]:
    height = max(34.0, label.height + 2 * PAD + 4)
    if _node_kind(node) == "store":
        height += 2 * CAP
    return NODE_WIDTH, height


def _edge_label(text: str | None, kind: str) -> Block | None:
    if not text:
        return None
    if kind == "issue":
        text = f"{palette.WARNING_SIGN} {text}"
    return block(text, 100, palette.SMALL_SIZE)


def _draw_node(node: GraphNode, box: Box, label: Block) -> tuple[list[Primitive], Outline]:
    kind = _node_kind(node)
    style = palette.NODE_STYLES[kind]
    key = node.key
    text_left = box.x0 + PAD + (ICON + 4 if _has_icon(kind) else 0)
    text_cx = (text_left + box.x1 - PAD) / 2
    if kind == "store":
        drawn = cylinder(box, CAP, style, key)
        text_cy = (box.y0 + 2 * CAP + box.y1) / 2
        outline = Outline("cylinder", box, CAP)
    else:
        radius = 6.0 if kind in ("system", "person") else 0.0
        drawn = [Rect(box.x0, box.y0, box.width, box.height, style, radius, key)]
        text_cy = box.cy
        outline = Outline("rect", box)
    if kind == "person":
        drawn += stick_figure(box.x0 + PAD + ICON / 2, box.cy - 9, 18, palette.ICON, key)
    elif kind == "organisation":
        drawn += building(box.x0 + PAD, box.cy - ICON / 2, ICON, palette.ICON, key)
    drawn.append(label.centred(text_cx, text_cy, owner=key))
    return drawn, outline


def _legend_entries(kinds: list[str], flows: list[str]) -> list[tuple[Sample, str]]:
    entries: list[tuple[Sample, str]] = []
    for kind in kinds:
        entries.append((lambda b, k=kind: _sample_node(k, b), kind))
    for kind in flows:
        entries.append((lambda b, k=kind: _sample_edge(k, b), EDGE_NAMES[kind]))
    return entries


def _sample_node(kind: str, b: Box) -> list[Primitive]:
    style = palette.NODE_STYLES[kind]
    if kind == "store":
        return cylinder(b, 3, style, "legend")
    drawn: list[Primitive] = [
        Rect(
            b.x0, b.y0, b.width, b.height, style, 3 if kind in ("system", "person") else 0, "legend"
        )
    ]
    if kind == "person":
        drawn += stick_figure(b.cx, b.y0 + 2, b.height - 4, palette.ICON, "legend")
    elif kind == "organisation":
        drawn += building(b.cx - 4, b.y0 + 2, 8, palette.ICON, "legend")
    return drawn


def _sample_edge(kind: str, b: Box) -> list[Primitive]:
    drawn = connector([(b.x0, b.cy), (b.x1, b.cy)], palette.EDGE_STYLES[kind], owner="legend")
    return [replace(p, role="shape") for p in drawn]
