"""The ``workbook`` command line: the same services as the GUI.

Exit status: 0 on success, 2 on a usage error, 1 on any other failure, with one line per
problem on stderr saying what and where. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from workbook import __version__
from workbook.commands import COMMAND_MODULES
from workbook.db.store import ENV_VAR, open_store
from workbook.errors import InputError, UsageError, WorkbookError

MAX_PROBLEM_LINES = 50


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="workbook",
        description="Engagement Workbook: the Care Connect engagement process, from the shell.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    top.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"database file or SQLAlchemy URL (default: ${ENV_VAR}, else the user data folder)",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return top


def run(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        store = open_store(args.db)
    except WorkbookError as exc:
        print(f"workbook: {exc}", file=sys.stderr)
        return 1
    try:
        args.handler(store, args)
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
