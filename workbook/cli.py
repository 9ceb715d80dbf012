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
# a value quoted from a file may hold line breaks or terminal escapes: shown as \n, \x1b...
_ESCAPED = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | {
    ord("\t"): "\t",
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def one_line(text: str) -> str:
    """``text`` as one line of a terminal, its control characters escaped."""
    return text.translate(_ESCAPED)


def error_lines(error: WorkbookError) -> list[str]:
    """What the command prints for an error: one line per problem."""
    texts = error.lines(MAX_PROBLEM_LINES) if isinstance(error, InputError) else [str(error)]
    return [f"workbook: {one_line(text)}" for text in texts]


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
        print(*error_lines(exc), sep="\n", file=sys.stderr)
        return 1
    try:
        args.handler(store, args)
    except WorkbookError as exc:
        print(*error_lines(exc), sep="\n", file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1
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
