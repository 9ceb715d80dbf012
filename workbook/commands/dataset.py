"""``dataset import``: bring a client's file into an engagement's dataset, showing the diff."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbook.db.store import Store
from workbook.files.dataset_sources import read_dataset_source
from workbook.services import engagements
from workbook.services.dataset_merge import apply_diff, compute_diff


def register(commands: Any) -> None:
    dataset = commands.add_parser("dataset", help="the dataset of an engagement (step 5)")
    actions = dataset.add_subparsers(dest="dataset_command", required=True, metavar="ACTION")
    importing = actions.add_parser(
        "import", help="import a file into the dataset, showing what changes"
    )
    importing.add_argument("engagement", metavar="ENGAGEMENT", help="id or exact title")
    importing.add_argument("files", type=Path, nargs="+", metavar="FILE")
    importing.add_argument(
        "--dry-run", action="store_true", help="show the differences, change nothing"
    )
    importing.set_defaults(handler=import_dataset)


def import_dataset(store: Store, args: argparse.Namespace) -> None:
    engagement_id = engagements.resolve(store, args.engagement)
    source = read_dataset_source(store, engagement_id, args.files)
    diff = compute_diff(
        store, engagement_id, source.incoming, key_of=source.key_of, removable=source.removable
    )
    for line in diff.lines():
        print(line)
    if not args.dry_run and not diff.is_empty:
        apply_diff(store, diff, source.incoming)
    print(diff.summary())
