"""Placing boxes in rows, top to bottom, so that connected boxes sit in nearby rows.

A simple Sugiyama-style layout: break cycles, give each box a row (after everything
pointing to it, with at most as many boxes per row as fit the width), order each row to
keep neighbours above one another, then put boxes in a grid of equal columns.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from workbook.diagrams.model import Box

_SWEEPS = 4


def place_in_rows(
    keys: list[str],
    sizes: dict[str, tuple[float, float]],
    edges: list[tuple[str, str]],
    max_width: float,
    column_gap: float,
    row_gap: float,
) -> dict[str, Box]:
    """A box for each key; ``edges`` point downwards where the graph allows."""
    cell = max(w for w, _ in sizes.values())
    per_row = max(1, int((max_width + column_gap) // (cell + column_gap)))
    links = [(a, b) for a, b in acyclic(keys, edges) if a != b]
    rows = _rows(keys, links, per_row)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for a, b in links:
        neighbours[a].append(b)
        neighbours[b].append(a)
    _order(rows, neighbours)
    columns = min(per_row, max(len(r) for r in rows))
    slots = _slots(rows, neighbours, columns)
    boxes: dict[str, Box] = {}
    y = 0.0
    for row in rows:
        height = max(sizes[k][1] for k in row)
        for key in row:
            w, h = sizes[key]
            cx = slots[key] * (cell + column_gap) + cell / 2
            boxes[key] = Box(cx - w / 2, y, cx + w / 2, y + h)
        y += height + row_gap
    return boxes


def acyclic(keys: list[str], edges: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``edges`` with the ones that close a cycle turned round (depth-first, in key order)."""
    out_edges: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        out_edges[a].append(b)
    state: dict[str, int] = {}
    backward: set[tuple[str, str]] = set()
    for root in keys:
        if root in state:
            continue
        stack = [(root, iter(out_edges[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                backward.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(out_edges[child])))
    return [(b, a) if (a, b) in backward else (a, b) for a, b in edges]


def _rows(keys: list[str], links: list[tuple[str, str]], per_row: int) -> list[list[str]]:
    preds: dict[str, list[str]] = defaultdict(list)
    succs: dict[str, list[str]] = defaultdict(list)
    for a, b in links:
        preds[b].append(a)
        succs[a].append(b)
    order = topological(keys, preds, succs)
    level: dict[str, int] = {}
    count: dict[int, int] = defaultdict(int)
    for key in order:
        row = max((level[p] + 1 for p in preds[key]), default=0)
        while count[row] >= per_row:
            row += 1
        level[key] = row
        count[row] += 1
    # a box nothing points to moves down to just above the first box it points to
    for key in reversed(order):
        if preds[key] or not succs[key]:
            continue
        target = min(level[s] for s in succs[key]) - 1
        row = target
        while row > level[key] and count[row] >= per_row:
            row -= 1
        if row > level[key]:
            count[level[key]] -= 1
            level[key] = row
            count[row] += 1
    rows: dict[int, list[str]] = defaultdict(list)
    for key in keys:
        rows[level[key]].append(key)
    return [rows[r] for r in sorted(rows)]


def topological(
    keys: list[str], preds: dict[str, list[str]], succs: dict[str, list[str]]
) -> list[str]:
    waiting = {k: len(set(preds[k])) for k in keys}
    ready = [k for k in keys if waiting[k] == 0]
    position = {k: i for i, k in enumerate(keys)}
    out: list[str] = []
    while ready:
        ready.sort(key=position.__getitem__)
        key = ready.pop(0)
        out.append(key)
        for s in dict.fromkeys(succs[key]):
            waiting[s] -= 1
            if waiting[s] == 0:
                ready.append(s)
    return out


def _order(rows: list[list[str]], neighbours: dict[str, list[str]]) -> None:
    """Reorder each row by the mean position of its neighbours (a few sweeps each way)."""
    for sweep in range(_SWEEPS):
        sequence = rows if sweep % 2 == 0 else rows[::-1]
        for row in sequence:
            index = {k: i / max(1, len(r) - 1) for r in rows for i, k in enumerate(r)}
            current = {k: i for i, k in enumerate(row)}

            def mean(key: str, index=index, current=current) -> float:
                near = [index[n] for n in neighbours[key] if n not in current]
                return sum(near) / len(near) if near else index[key]

            row.sort(key=lambda k, m=mean: (m(k), current[k]))


def _slots(rows: list[list[str]], neighbours: dict[str, list[str]], columns: int) -> dict[str, int]:
    """A column for every box: rows keep their order, boxes go under their neighbours."""
    slots: dict[str, int] = {}
    centre = (columns - 1) / 2
    for sweep in range(2):
        for row in rows if sweep == 0 else rows[::-1]:
            members = set(row)
            wanted = []
            for key in row:
                near = [slots[n] for n in neighbours[key] if n in slots and n not in members]
                wanted.append(sum(near) / len(near) if near else centre)
            best = min(
                itertools.combinations(range(columns), len(row)),
                key=lambda combo: (
                    sum(abs(c - w) for c, w in zip(combo, wanted, strict=True)),
                    abs(sum(combo) / len(combo) - centre),
                ),
            )
            slots.update(zip(row, best, strict=True))
    return slots
