"""Interaction flow (step 10): one sequence, participants on top with dashed lifelines
and numbered messages below them, in order.
"""

from __future__ import annotations

from workbook.diagrams import palette
from workbook.diagrams.model import Box, Diagram, Outline, Polyline, Rect
from workbook.diagrams.scene import Scene, backdrop, block, connector, empty
from workbook.diagrams.shapes import note
from workbook.diagrams.sources import SequenceFlow

MIN_SPACING = 84.0  # between lifelines; wider diagrams are scaled down when printed
MAX_LABEL_SPAN = 240.0  # a message label wider than this wraps
COLUMN_GAP = 10.0  # between participants' boxes
SELF_LABEL_MIN = 100.0  # a message to oneself: its label's width (beside the loop)
SELF_LABEL_MAX = 160.0
HEADER_PAD = 5.0
LOOP_WIDTH = 22.0
LOOP_HEIGHT = 14.0
ROW_GAP = 9.0
NOTE_MIN_WIDTH = 120.0
VARIANTS = {"as_is": "As-is", "to_be": "To-be"}
STYLES = {
    "call": (palette.CALL, "filled"),
    "reply": (palette.REPLY, "open"),
    "async": (palette.ASYNC, "open"),
}


def sequence_title(flow: SequenceFlow) -> str:
    variant = VARIANTS.get(flow.variant or "")
    return f"{variant}: {flow.name}" if variant else flow.name


def layout_sequence(flow: SequenceFlow) -> Diagram:
    title = sequence_title(flow)
    participants = list(dict.fromkeys(flow.participants))
    for m in flow.messages:
        participants += [p for p in (m.source, m.target) if p not in participants]
    if not flow.messages:
        return empty(title, "Nothing to draw yet: add messages to this sequence (step 10).")
    xs, widths = _columns(participants, flow)
    scene = Scene()
    names = {
        p: block(p, widths[p] - 2 * HEADER_PAD, palette.BODY_SIZE, bold=True) for p in participants
    }
    header_h = max(b.height for b in names.values()) + 2 * HEADER_PAD
    for i, p in enumerate(participants):
        box = Box(xs[p] - widths[p] / 2, 0, xs[p] + widths[p] / 2, header_h)
        scene.add(
            Rect(box.x0, box.y0, box.width, box.height, palette.PARTICIPANT, 3, f"part{i}"),
            names[p].centred(box.cx, box.cy, owner=f"part{i}"),
        )
    right = xs[participants[-1]] + widths[participants[-1]] / 2
    y = header_h + 14
    drawn = []
    for k, m in enumerate(flow.messages, start=1):
        style, head = STYLES.get(m.kind or "call", STYLES["call"])
        owner = f"msg{k}"
        a, b = participants.index(m.source), participants.index(m.target)
        ends = (f"life{a}", f"life{b}")
        x1, x2 = xs[m.source], xs[m.target]
        if a == b:
            room = max(SELF_LABEL_MIN, right - x1 - LOOP_WIDTH - 8)
            label = block(f"{k}. {m.text}", min(room, SELF_LABEL_MAX), palette.SMALL_SIZE)
            top = y + 2
            points = [
                (x1, top),
                (x1 + LOOP_WIDTH, top),
                (x1 + LOOP_WIDTH, top + LOOP_HEIGHT),
                (x1, top + LOOP_HEIGHT),
            ]
            text = label.at(x1 + LOOP_WIDTH + 5, y, align="left", owner=owner)
            y += max(LOOP_HEIGHT + 4, label.height) + ROW_GAP
        else:
            label = block(f"{k}. {m.text}", abs(x2 - x1) - 14, palette.SMALL_SIZE)
            line_y = y + label.height + 3
            points = [(x1, line_y), (x2, line_y)]
            text = label.at((x1 + x2) / 2 - label.width / 2, y, owner=owner)
            y = line_y + ROW_GAP
        drawn += connector(points, style, head=head, owner=owner, ends=ends)
        drawn += [backdrop(text), text]
        if m.note:
            drawn += _note(m.note, (x1 + x2) / 2, y, f"note{k}", right)
            y = drawn[-1].box().y1 + 4 + ROW_GAP
    bottom = y + 6
    for i, p in enumerate(participants):
        scene.add(
            Polyline(
                ((xs[p], header_h), (xs[p], bottom)), palette.LIFELINE, f"life{i}", "container"
            )
        )
        scene.outlines[f"life{i}"] = Outline("rect", Box(xs[p], header_h, xs[p], bottom))
    scene.extend(drawn)
    return scene.finish(title)


def _note(text: str, centre: float, top: float, owner: str, right_edge: float) -> list:
    body = block(text, NOTE_MIN_WIDTH * 1.6, palette.SMALL_SIZE)
    width = max(NOTE_MIN_WIDTH, body.width + 16)
    x0 = min(max(0.0, centre - width / 2), right_edge - width)
    box = Box(x0, top, x0 + width, top + body.height + 8)
    return [
        *note(box, palette.NOTE, owner),
        body.at(box.x0 + 6, box.y0 + 4, align="left", colour=palette.INK, owner=owner),
    ]


def _columns(
    participants: list[str], flow: SequenceFlow
) -> tuple[dict[str, float], dict[str, float]]:
    """Each lifeline's x and each participant box's width.

    Lifelines start evenly spaced; pairs with long messages between them are pushed apart,
    then the whole is fitted to the page width (never closer than ``MIN_SPACING``).
    """
    n = len(participants)
    index = {p: i for i, p in enumerate(participants)}
    gaps = [MIN_SPACING] * (n - 1)
    spans = sorted(
        ((index[m.source], index[m.target], m) for m in flow.messages if m.source != m.target),
        key=lambda s: abs(s[1] - s[0]),
    )
    for a, b, m in spans:
        lo, hi = min(a, b), max(a, b)
        need = min(measure_label(m.text), MAX_LABEL_SPAN)
        have = sum(gaps[lo:hi])
        if have < need:
            for i in range(lo, hi):
                gaps[i] += (need - have) / (hi - lo)
    if n == 1:
        return {participants[0]: palette.CONTENT_WIDTH / 2}, {
            participants[0]: min(palette.CONTENT_WIDTH, 160.0)
        }
    edge = MIN_SPACING / 2  # from the outer lifelines to the diagram's sides
    room = palette.CONTENT_WIDTH - 2 * edge
    if sum(gaps) < room:
        gaps = [g * room / sum(gaps) for g in gaps]
    else:
        slack = [g - MIN_SPACING for g in gaps]
        keep = max(0.0, 1 - (sum(gaps) - room) / sum(slack)) if sum(slack) else 0.0
        gaps = [MIN_SPACING + s * keep for s in slack]
    xs = {participants[0]: edge}
    for i, gap in enumerate(gaps, start=1):
        xs[participants[i]] = xs[participants[i - 1]] + gap
    widths = {}
    for i, p in enumerate(participants):
        near = [gaps[j] for j in (i - 1, i) if 0 <= j < len(gaps)]
        widths[p] = (
            min(min(near), 2 * edge) - COLUMN_GAP if i in (0, n - 1) else min(near) - COLUMN_GAP
        )
    return xs, widths


def measure_label(text: str) -> float:
    return block(text, 10_000, palette.SMALL_SIZE).width + 30
