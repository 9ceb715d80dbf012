"""The ``workbook`` command line: the same services as the GUI.

Exit status: 0 on success, 2 on a usage error, 1 on any other failure, with one line per
problem on stderr saying what and where. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from workbook import __version__
from workbook.db.store import ENV_VAR, Store, open_store
from workbook.errors import InputError, WorkbookError
from workbook.files.engagement_file import SUFFIX, import_engagement_file, write_engagement_file
from workbook.services import engagements

MAX_PROBLEM_LINES = 50


class UsageError(WorkbookError):
    """The command was called the wrong way (exit status 2)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbook",
        description="Engagement Workbook: the Care Connect engagement process, from the shell.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"database file or SQLAlchemy URL (default: ${ENV_VAR}, else the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    listing = commands.add_parser("list", help="list the engagements")
    listing.add_argument("--json", action="store_true", help="print a JSON array")

    importing = commands.add_parser("import", help="import an engagement file")
    importing.add_argument("file", type=Path, metavar=f"FILE{SUFFIX}")
    importing.add_argument(
        "--replace",
        action="store_true",
        help="replace the engagement the file came from (same id, else same title)",
    )

    exporting = commands.add_parser("export", help="export an engagement to a file")
    exporting.add_argument("engagement", metavar="ENGAGEMENT", help="id or exact title")
    exporting.add_argument("--to", type=Path, required=True, metavar="FILE")
    return parser


def _command_list(store: Store, args: argparse.Namespace) -> None:
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


def _command_import(store: Store, args: argparse.Namespace) -> None:
    result = import_engagement_file(store, args.file, replace=args.replace)
    verb = "Replaced" if result.replaced else "Imported"
    print(f'{verb} "{result.title}" from {args.file}')
    print(result.engagement_id)


def _command_export(store: Store, args: argparse.Namespace) -> None:
    engagement_id = engagements.resolve(store, args.engagement)
    target: Path = args.to
    if not target.name.endswith(SUFFIX):
        raise UsageError(
            f"{target}: cannot export to this kind of file; use a name ending in {SUFFIX}"
        )
    if not target.parent.is_dir():
        raise InputError(str(target), f"no such folder {target.parent}")
    write_engagement_file(store, engagement_id, target)
    print(f"Exported engagement {engagement_id} to {target}")


COMMANDS = {"list": _command_list, "import": _command_import, "export": _command_export}


def run(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        store = open_store(args.db)
    except WorkbookError as exc:
        print(f"workbook: {exc}", file=sys.stderr)
        return 1
    try:
        COMMANDS[args.command](store, args)
    except UsageError as exc:
        print(f"workbook: {exc}", file=sys.stderr)
        return 2
    except InputError as exc:
        for line in exc.lines(MAX_PROBLEM_LINES):
            print(f"workbook: {line}", file=sys.stderr)
        return 1
    except WorkbookError as exc:
        print(f"workbook: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


def main() -> None:
    try:
        code = run()
    except KeyboardInterrupt:
        print("workbook: interrupted; nothing more was written", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        code = 1
    sys.exit(code)


if __name__ == "__main__":
    main()
