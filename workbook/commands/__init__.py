"""Sub-commands of ``workbook``, one module each.

A command module defines ``register(commands)``, which adds its parser(s) to the
sub-parser action and sets ``handler`` to a function ``(store, args) -> None``. Handlers
print their results on stdout and raise :class:`workbook.errors.WorkbookError` on failure;
:mod:`workbook.cli` turns errors into one line each on stderr and the exit status.
To add a command, write its module and list it in ``COMMAND_MODULES`` below.
"""

from __future__ import annotations

COMMAND_MODULES = (
    "workbook.commands.engagement_files",
    "workbook.commands.dataset",
    "workbook.commands.diagram",
    "workbook.commands.profiles",
    "workbook.commands.check",
    "workbook.commands.process",
    "workbook.commands.catalogue",
    # one line per command module; keep the trailing comma
)
