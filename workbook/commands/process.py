"""``process import``: replace an engagement's business process with a BPMN 2.0 model."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbook.db.store import Store
from workbook.importers.bpmn import import_bpmn
from workbook.services import engagements


def register(commands: Any) -> None:
    process = commands.add_parser("process", help="the business process of an engagement (step 4)")
    actions = process.add_subparsers(dest="process_command", required=True, metavar="ACTION")
    importing = actions.add_parser(
        "import", help="replace the process with the one in a BPMN 2.0 file"
    )
    importing.add_argument("engagement", metavar="ENGAGEMENT", help="id or exact title")
    importing.add_argument("file", type=Path, metavar="FILE.bpmn")
    importing.set_defaults(handler=import_process)


def import_process(store: Store, args: argparse.Namespace) -> None:
    engagement_id = engagements.resolve(store, args.engagement)
    found = import_bpmn(store, engagement_id, args.file)
    for note in found.notes:
        print(f"note: {note}")
    print(found.summary())
