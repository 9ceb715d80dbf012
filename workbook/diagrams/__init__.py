"""Diagrams drawn from an engagement's data, so they never go stale.

One model for every kind: :func:`build` reads what a kind is drawn from and lays it out,
once, into drawing primitives (:class:`Diagram`); each renderer only maps primitives
(:func:`render_svg`, :func:`render_png`, :func:`render_reportlab`, and the Qt view in
``ui.diagram_view``). Qt-free, so the command line and the PDF report use it too.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from workbook.db.store import Store
from workbook.diagrams import sources
from workbook.diagrams.graph import layout_graph
from workbook.diagrams.model import Diagram
from workbook.diagrams.png import png_size, render_png
from workbook.diagrams.process import layout_process
from workbook.diagrams.profiles import layout_profiles
from workbook.diagrams.reportlab import render_reportlab
from workbook.diagrams.scene import empty
from workbook.diagrams.sequence import layout_sequence
from workbook.diagrams.svg import render_svg
from workbook.diagrams.use_cases import layout_use_cases
from workbook.errors import UsageError

KINDS = ("problem", "system", "process", "use-cases", "sequence", "profiles")

__all__ = [
    "KINDS",
    "Diagram",
    "build",
    "png_size",
    "render_png",
    "render_reportlab",
    "render_svg",
    "sequence_names",
]


def _problem(session: Session, engagement_id: int, _: str | None) -> Diagram:
    return layout_graph(
        sources.read_graph(session, engagement_id, "problem_statement"),
        "Problem statement",
        "Nothing to draw yet: add systems, people and flows to the problem statement (step 3).",
    )


def _system(session: Session, engagement_id: int, _: str | None) -> Diagram:
    return layout_graph(
        sources.read_graph(session, engagement_id, "technical_context"),
        "Technical context",
        "Nothing to draw yet: add systems and flows to the technical context (step 11).",
    )


def _process(session: Session, engagement_id: int, _: str | None) -> Diagram:
    return layout_process(sources.read_process(session, engagement_id))


def _use_cases(session: Session, engagement_id: int, _: str | None) -> Diagram:
    return layout_use_cases(sources.read_use_cases(session, engagement_id))


def _sequence(session: Session, engagement_id: int, name: str | None) -> Diagram:
    flow = sources.read_sequence(session, engagement_id, name)
    if flow is None:
        return empty("Interaction flow", "Nothing to draw yet: add a sequence (step 10).")
    return layout_sequence(flow)


def _profiles(session: Session, engagement_id: int, _: str | None) -> Diagram:
    return layout_profiles(sources.read_profiles(session, engagement_id))


_BUILDERS: dict[str, Callable[[Session, int, str | None], Diagram]] = {
    "problem": _problem,
    "system": _system,
    "process": _process,
    "use-cases": _use_cases,
    "sequence": _sequence,
    "profiles": _profiles,
}


def build(store: Store, engagement_id: int, kind: str, name: str | None = None) -> Diagram:
    """The ``kind`` diagram of an engagement; ``name`` picks a sequence (default: the first).

    Raises :class:`UsageError` for an unknown kind or a name given to another kind, and
    :class:`~workbook.errors.NotFoundError` for an unknown engagement or sequence.
    """
    builder = _BUILDERS.get(kind)
    if builder is None:
        raise UsageError(f'no diagram kind "{kind}"; the kinds are: {", ".join(KINDS)}')
    if name is not None and kind != "sequence":
        raise UsageError("only sequence diagrams take a name")
    with store.session() as session:
        return builder(session, engagement_id, name)


def sequence_names(store: Store, engagement_id: int) -> list[str]:
    with store.session() as session:
        return sources.sequence_names(session, engagement_id)
