"""What an engagement can be exported to, chosen by the file's suffix.

Exporters are listed by dotted name so that a kind's libraries (openpyxl, reportlab) are
only imported when a file of that kind is written. An exporter is
``export(store, engagement_id, path, progress=no_progress)``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbook.errors import UsageError

EXPORTERS: dict[str, str] = {
    # suffix: "module:function", one line per kind of file
    ".engagement.json": "workbook.files.engagement_file:write_engagement_file",
    ".xlsx": "workbook.excel.export:export_workbook",
    ".pdf": "workbook.report:export_report",
}


def exporter_for(path: Path) -> Callable[..., Any]:
    """The function that writes ``path``'s kind of file, or a UsageError naming the kinds."""
    name = path.name.lower()
    for suffix, target in EXPORTERS.items():
        if name.endswith(suffix):
            module, function = target.split(":")
            return getattr(importlib.import_module(module), function)
    raise UsageError(
        f"{path}: cannot export to this kind of file; use a name ending in {', '.join(EXPORTERS)}"
    )


def file_name_for(title: str, suffix: str) -> str:
    """A file name made from an engagement's title: characters a file system may refuse
    become ``_``, and it is kept short enough for any of them."""
    stem = "".join(c if c.isalnum() or c in " -_" else "_" for c in title)[:60]
    return f"{stem}{suffix}"
