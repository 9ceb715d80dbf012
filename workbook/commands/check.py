"""``check``: review findings about an engagement (advice: the command succeeds)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from workbook.checks import run_checks
from workbook.db.store import Store
from workbook.services import engagements


def register(commands: Any) -> None:
    checking = commands.add_parser("check", help="review an engagement: what to look at")
    checking.add_argument("engagement", metavar="ENGAGEMENT", help="id or exact title")
    checking.add_argument("--json", action="store_true", help="print a JSON array of findings")
    checking.set_defaults(handler=check_engagement)


def check_engagement(store: Store, args: argparse.Namespace) -> None:
    findings = run_checks(store, engagements.resolve(store, args.engagement))
    if args.json:
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
        return
    for finding in findings:
        print(finding.line())
    if not findings:
        print("No findings.")
