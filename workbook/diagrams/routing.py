"""Orthogonal connector routing around shapes.

The router lays a sparse grid over the drawing: lines along every obstacle's edges (kept
a margin away), through the ports of every shape, and halfway between neighbours. A
connector is the cheapest path on that grid from a port of its source to a port of its
target, where length, bends and sharing a stretch with an earlier connector all cost.
"""

from __future__ import annotations

import heapq
import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from workbook.diagrams.geometry import DIRECTIONS, boundary_point
from workbook.diagrams.model import Box, Outline, Point

MARGIN = 8.0
BEND_COST = 14.0
SHARED_COST = 0.5  # extra cost per point of length already used by another connector
BUSY_PORT_COST = 30.0
OFF_CENTRE_COST = 3.0
HEURISTIC_WEIGHT = 1.5
_STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))
_EPS = 0.01


@dataclass(frozen=True)
class Node:
    """Something connectors attach to. Round shapes and diamonds use only mid-side ports."""

    key: str
    outline: Outline
    sides: tuple[str, ...] = ("top", "right", "bottom", "left")

    @property
    def many_ports(self) -> bool:
        return self.outline.kind in ("rect", "cylinder")


@dataclass(frozen=True)
class _Port:
    side: str
    point: Point  # on the outline
    escape: Point  # a margin away, on the grid
    off_centre: bool


class Router:
    """Routes connectors between ``nodes`` around them and around ``extra_obstacles``."""

    def __init__(self, nodes: list[Node], extra_obstacles: list[Box] | None = None) -> None:
        self.nodes = {n.key: n for n in nodes}
        self.obstacles = [n.outline.box.inflate(MARGIN) for n in nodes]
        self.obstacles += [b.inflate(MARGIN / 2) for b in extra_obstacles or []]
        self.ports = {n.key: self._ports(n) for n in nodes}
        self._build_grid()
        # how many connectors already use each step (same layout as open_h and open_v)
        self.used_h = [[0] * len(self.xs) for _ in self.ys]
        self.used_v = [[0] * len(self.ys) for _ in self.xs]
        self.used_ports: dict[Point, int] = {}

    def _ports(self, node: Node) -> list[_Port]:
        box, outline = node.outline.box, node.outline
        found = []
        for side in node.sides:
            dx, dy = DIRECTIONS[side]
            many = node.many_ports and _side_length(box, side) >= 28
            fractions = (0.5, 0.25, 0.75) if many else (0.5,)
            for f in fractions:
                if dx:
                    x = box.x1 if dx > 0 else box.x0
                    along = (x, box.y0 + f * box.height)
                    inside = (box.cx, along[1])
                else:
                    y = box.y1 if dy > 0 else box.y0
                    along = (box.x0 + f * box.width, y)
                    inside = (along[0], box.cy)
                escape = (along[0] + dx * MARGIN, along[1] + dy * MARGIN)
                point = along if outline.kind == "rect" else boundary_point(outline, inside, escape)
                found.append(_Port(side, point, escape, f != 0.5))
        return found

    def _build_grid(self) -> None:
        xs: set[float] = set()
        ys: set[float] = set()
        for b in self.obstacles:
            xs.update((b.x0, b.x1))
            ys.update((b.y0, b.y1))
        for ports in self.ports.values():
            for p in ports:
                xs.add(p.escape[0])
                ys.add(p.escape[1])
        frame = self.obstacles[0]
        for b in self.obstacles[1:]:
            frame = frame.union(b)
        frame = frame.inflate(2 * MARGIN)
        xs.update((frame.x0, frame.x1))
        ys.update((frame.y0, frame.y1))
        self.xs = _with_midlines(sorted(_dedupe(xs)))
        self.ys = _with_midlines(sorted(_dedupe(ys)))
        nx, ny = len(self.xs), len(self.ys)
        # free[j][i]: grid point (i, j) is outside every obstacle; open_h[j][i]: the step from
        # (i, j) to (i + 1, j) passes outside them; open_v[i][j]: from (i, j) to (i, j + 1)
        self.free = [[True] * nx for _ in range(ny)]
        self.open_h = [[True] * nx for _ in range(ny)]
        self.open_v = [[True] * ny for _ in range(nx)]
        for b in self.obstacles:
            inside_x, steps_x = _inside(self.xs, b.x0, b.x1), _steps(self.xs, b.x0, b.x1)
            inside_y, steps_y = _inside(self.ys, b.y0, b.y1), _steps(self.ys, b.y0, b.y1)
            for j in inside_y:
                for i in inside_x:
                    self.free[j][i] = False
                for i in steps_x:
                    self.open_h[j][i] = False
            for i in inside_x:
                for j in steps_y:
                    self.open_v[i][j] = False

    def _index(self, p: Point) -> tuple[int, int]:
        return _find(self.xs, p[0]), _find(self.ys, p[1])

    def route(self, source: str, target: str) -> list[Point] | None:
        """The cheapest orthogonal path from a port of ``source`` to one of ``target``."""
        goals: dict[tuple[int, int], list[_Port]] = {}
        for port in self.ports[target]:
            ij = self._index(port.escape)
            if self.free[ij[1]][ij[0]]:
                goals.setdefault(ij, []).append(port)
        if not goals:
            return None
        gx = [self.xs[i] for i, _ in goals]
        gy = [self.ys[j] for _, j in goals]
        gx0, gx1, gy0, gy1 = min(gx), max(gx), min(gy), max(gy)
        xs, ys = self.xs, self.ys
        nx, ny = len(xs), len(ys)

        def estimate(i: int, j: int) -> float:  # weighted: a little longer, far fewer steps
            x, y = xs[i], ys[j]
            return HEURISTIC_WEIGHT * (max(gx0 - x, 0.0, x - gx1) + max(gy0 - y, 0.0, y - gy1))

        counter = itertools.count()
        heap: list = []
        best: dict = {}
        parent: dict = {}
        for port in self.ports[source]:
            i, j = self._index(port.escape)
            if not self.free[j][i]:
                continue
            d = _direction(port.side)
            cost = MARGIN + self._port_cost(port)
            state = (i, j, d)
            if cost < best.get(state, float("inf")):
                best[state] = cost
                parent[state] = port
                heapq.heappush(heap, (cost + estimate(i, j), next(counter), cost, state))
        finished: tuple[float, tuple, _Port] | None = None
        free, open_h, open_v, used_h, used_v = (
            self.free,
            self.open_h,
            self.open_v,
            self.used_h,
            self.used_v,
        )
        while heap:
            f, _, cost, state = heapq.heappop(heap)
            if finished is not None and f >= finished[0]:
                break
            if cost > best.get(state, float("inf")):
                continue
            i, j, d = state
            for port in goals.get((i, j), ()):
                inward = _direction(port.side, inward=True)
                total = cost + MARGIN + self._port_cost(port) + (BEND_COST if d != inward else 0)
                if finished is None or total < finished[0]:
                    finished = (total, state, port)
            for k, (di, dj) in enumerate(_STEPS):
                i2, j2 = i + di, j + dj
                if not (0 <= i2 < nx and 0 <= j2 < ny) or not free[j2][i2]:
                    continue
                if dj == 0:
                    low = min(i, i2)
                    if not open_h[j][low]:
                        continue
                    length, used = xs[low + 1] - xs[low], used_h[j][low]
                else:
                    low = min(j, j2)
                    if not open_v[i][low]:
                        continue
                    length, used = ys[low + 1] - ys[low], used_v[i][low]
                step = length * (1 + SHARED_COST * used) + (BEND_COST if k != d else 0)
                nxt = (i2, j2, k)
                if cost + step < best.get(nxt, float("inf")):
                    best[nxt] = cost + step
                    parent[nxt] = state
                    heapq.heappush(
                        heap, (cost + step + estimate(i2, j2), next(counter), cost + step, nxt)
                    )
        if finished is None:
            return None
        _, state, end_port = finished
        cells = [state]
        while not isinstance(parent[cells[-1]], _Port):
            cells.append(parent[cells[-1]])
        start_port: _Port = parent[cells[-1]]
        cells.reverse()
        for a, b in itertools.pairwise(cells):
            if a[1] == b[1]:
                self.used_h[a[1]][min(a[0], b[0])] += 1
            else:
                self.used_v[a[0]][min(a[1], b[1])] += 1
        for port in (start_port, end_port):
            self.used_ports[port.point] = self.used_ports.get(port.point, 0) + 1
        points = [start_port.point] + [(self.xs[c[0]], self.ys[c[1]]) for c in cells]
        points.append(end_port.point)
        return simplify(points)

    def _port_cost(self, port: _Port) -> float:
        return BUSY_PORT_COST * self.used_ports.get(port.point, 0) + (
            OFF_CENTRE_COST if port.off_centre else 0
        )


def simplify(points: list[Point]) -> list[Point]:
    """``points`` without repeats and without points in the middle of a straight run."""
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-6 and abs(out[-1][1] - p[1]) < 1e-6:
            continue
        if len(out) >= 2 and _collinear(out[-2], out[-1], p):
            out[-1] = p
        else:
            out.append(p)
    return out


def _collinear(a: Point, b: Point, c: Point) -> bool:
    return abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) < 1e-6


def _direction(side: str, inward: bool = False) -> int:
    out = {"right": 0, "left": 1, "bottom": 2, "top": 3}[side]
    return out ^ 1 if inward else out


def _side_length(box: Box, side: str) -> float:
    return box.width if side in ("top", "bottom") else box.height


def _dedupe(values: set[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 0.05:
            out.append(v)
    return out


def _with_midlines(values: list[float]) -> list[float]:
    out = []
    for a, b in itertools.pairwise(values):
        out.append(a)
        if b - a > 3 * MARGIN:
            out.append((a + b) / 2)
    out.append(values[-1])
    return out


def _inside(lines: list[float], lo: float, hi: float) -> range:
    """The indices of the grid lines strictly between ``lo`` and ``hi``."""
    return range(bisect_right(lines, lo + _EPS), bisect_left(lines, hi - _EPS))


def _steps(lines: list[float], lo: float, hi: float) -> range:
    """The indices ``i`` whose step to line ``i + 1`` lies within ``lo``…``hi``."""
    return range(bisect_left(lines, lo - _EPS), bisect_right(lines, hi + _EPS) - 1)


def _find(values: list[float], v: float) -> int:
    i = bisect_left(values, v - 0.05)
    if i < len(values) and abs(values[i] - v) <= 0.05:
        return i
    raise ValueError(f"{v} is not a grid line")


NUDGE_SPACING = 4.0
NUDGE_SPREAD = 2 * MARGIN - 4  # the widest a bundle of parallel runs may become


def nudge(routes: dict[str, list[Point]]) -> dict[str, list[Point]]:
    """Routes whose inner runs share a grid line, moved apart to run side by side.

    Only inner runs move (the first and last stay on their ports); moving a run drags the
    ends of the runs either side of it along their own direction, so routes stay orthogonal.
    """
    moved = {key: list(points) for key, points in routes.items()}
    for vertical in (True, False):
        runs = []
        for key, points in moved.items():
            for i in range(1, len(points) - 2):
                a, b = points[i], points[i + 1]
                if (abs(a[0] - b[0]) < 1e-6) == vertical and a != b:
                    at = a[0] if vertical else a[1]
                    lo, hi = sorted((a[1], b[1]) if vertical else (a[0], b[0]))
                    runs.append((round(at, 1), lo, hi, key, i))
        runs.sort()
        for bundle in _bundles(runs):
            if len(bundle) < 2:
                continue
            spacing = min(NUDGE_SPACING, NUDGE_SPREAD / (len(bundle) - 1))
            axis = 0 if vertical else 1
            bundle.sort(key=lambda r: _side_of(moved[r[3]], r[4], axis))
            for j, (_, _, _, key, i) in enumerate(bundle):
                offset = (j - (len(bundle) - 1) / 2) * spacing
                points = moved[key]
                for k in (i, i + 1):
                    p = list(points[k])
                    p[axis] += offset
                    points[k] = (p[0], p[1])
    return moved


def _bundles(runs: list[tuple[float, float, float, str, int]]) -> list[list]:
    """Runs on the same line whose extents overlap, grouped."""
    out: list[list] = []
    for run in runs:
        last = out[-1] if out else None
        if last and last[0][0] == run[0] and run[1] < max(r[2] for r in last):
            last.append(run)
        else:
            out.append([run])
    return out


def _side_of(points: list[Point], i: int, axis: int) -> float:
    """Where a run's neighbours lead, across the run: orders a bundle to avoid crossings."""
    before, after = points[i - 1], points[i + 2]
    return before[axis] + after[axis]
