"""``diagram``: draw one of an engagement's diagrams to an SVG or PNG file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbook.db.store import Store
from workbook.errors import InputError, UsageError
from workbook.files.json_input import write_atomically
from workbook.services import engagements

SUFFIXES = (".svg", ".png")


def register(commands: Any) -> None:
    drawing = commands.add_parser(
        "diagram",
        help="draw a diagram of an engagement to an SVG or PNG file",
        description="Kinds: problem, system, process, use-cases, sequence, profiles.",
    )
    drawing.add_argument("engagement", metavar="ENGAGEMENT", help="id or exact title")
    drawing.add_argument("kind", metavar="KIND", help="which diagram (see above)")
    drawing.add_argument("--to", type=Path, required=True, metavar="FILE", help=".svg or .png")
    drawing.add_argument(
        "--name", metavar="SEQUENCE", help="the sequence to draw (default: the first)"
    )
    drawing.set_defaults(handler=draw_diagram)


def draw_diagram(store: Store, args: argparse.Namespace) -> None:
    from workbook import diagrams  # drawing pulls in Pillow and reportlab: only when asked

    target: Path = args.to
    suffix = target.suffix.lower()
    if args.kind not in diagrams.KINDS:
        raise UsageError(
            f'no diagram kind "{args.kind}"; the kinds are: {", ".join(diagrams.KINDS)}'
        )
    if suffix not in SUFFIXES:
        raise UsageError(
            f"{target}: cannot draw to this kind of file; use a name ending in .svg or .png"
        )
    if not target.parent.is_dir():
        raise InputError(str(target), f"no such folder {target.parent}")
    engagement_id = engagements.resolve(store, args.engagement)
    diagram = diagrams.build(store, engagement_id, args.kind, args.name)
    if suffix == ".svg":
        data = diagrams.render_svg(diagram).encode("utf-8")
    else:
        data = diagrams.render_png(diagram)
    write_atomically(target, data)
    print(f'Drew "{diagram.title}" to {target}')
