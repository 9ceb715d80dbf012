"""``list``, ``import`` and ``export``: engagements and their files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from workbook.db.store import Store
from workbook.errors import InputError, UsageError
from workbook.files.engagement_file import SUFFIX, import_engagement_file
from workbook.files.exporters import exporter_for
from workbook.report.options import ReportOptions
from workbook.services import engagements


def register(commands: Any) -> None:
    listing = commands.add_parser("list", help="list the engagements")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=list_engagements)

    importing = commands.add_parser("import", help="import an engagement file")
    importing.add_argument("file", type=Path, metavar=f"FILE{SUFFIX}")
    importing.add_argument(
        "--replace",
        action="store_true",
        help="replace the engagement the file came from (same id, else same title)",
    )
    importing.set_defaults(handler=import_file)

    exporting = commands.add_parser("export", help="export an engagement to a file")
    exporting.add_argument("engagement", metavar="ENGAGEMENT", help="id or exact title")
    exporting.add_argument("--to", type=Path, required=True, metavar="FILE")
    exporting.add_argument(
        "--leave-out",
        action="append",
        default=[],
        metavar="STEP",
        help="PDF only: leave a step out of the case study (its key, e.g. learning); repeatable",
    )
    exporting.add_argument(
        "--no-appendices", action="store_true", help="PDF only: leave out the appendices"
    )
    exporting.add_argument(
        "--review",
        action="store_true",
        help="PDF only: add the review findings (workbook check) as a last appendix",
    )
    exporting.set_defaults(handler=export_file)


def list_engagements(store: Store, args: argparse.Namespace) -> None:
    found = engagements.summaries(store)
    if args.json:
        rows = [
            {
                "id": e.id,
                "title": e.title,
                "client": e.client_name,
                "status": e.status,
                "updated": e.updated.isoformat().replace("+00:00", "Z"),
            }
            for e in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not found:
        print("No engagements yet. Import one with: workbook import FILE.engagement.json")
        return
    width = max(len(str(e.id)) for e in found)
    for e in found:
        client = f" — {e.client_name}" if e.client_name else ""
        print(f"{e.id:>{width}}  {e.title}{client}  [{e.status or 'draft'}]")


def import_file(store: Store, args: argparse.Namespace) -> None:
    result = import_engagement_file(store, args.file, replace=args.replace)
    verb = "Replaced" if result.replaced else "Imported"
    print(f'{verb} "{result.title}" from {args.file}')
    print(result.engagement_id)


def export_file(store: Store, args: argparse.Namespace) -> None:
    engagement_id = engagements.resolve(store, args.engagement)
    target: Path = args.to
    exporter = exporter_for(target)
    options = {}
    if args.leave_out or args.no_appendices or args.review:
        if not target.name.lower().endswith(".pdf"):
            raise UsageError("--leave-out, --no-appendices and --review are for PDF case studies")
        options["options"] = ReportOptions(
            leave_out=frozenset(args.leave_out),
            appendices=not args.no_appendices,
            review=args.review,
        )
    if not target.parent.is_dir():
        raise InputError(str(target), f"no such folder {target.parent}")
    exporter(store, engagement_id, target, **options)
    print(f"Exported engagement {engagement_id} to {target}")
