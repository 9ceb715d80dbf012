"""Reading a JSON file from outside without trusting it."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from workbook.errors import InputError, Problem, file_problems

MAX_FILE_BYTES = 64 * 1024 * 1024


def read_bytes(path: Path, too_large: str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """A whole file from outside, refused unread when over ``max_bytes`` with the message
    "too large <too_large> (N MB; …)"; every failure is an InputError naming the file."""
    source = str(path)
    with file_problems(source):
        if path.is_dir():
            raise InputError(source, "is a folder, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                source,
                f"too large {too_large} ({size / 1e6:.0f} MB; "
                f"the limit is {max_bytes / 1e6:.0f} MB)",
            )
        return path.read_bytes()


def read_json(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Parse an engagement file's JSON; every failure names the file and the place."""
    return parse_json(read_bytes(path, "to be an engagement file", max_bytes), str(path))


def parse_json(data: bytes, source: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, Problem(f"byte {exc.start}", "not a JSON text file (not UTF-8)")
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            source, Problem(f"line {exc.lineno} column {exc.colno}", f"not valid JSON: {exc.msg}")
        ) from None
    except RecursionError:
        raise InputError(source, "not usable: the JSON is nested too deeply") from None


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old content or the new, never half of it."""
    path = path.resolve()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
