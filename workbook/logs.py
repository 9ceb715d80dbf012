"""The app's log: a rotating file in the user log folder, for whoever has to find out what
went wrong on an analyst's laptop.

``WORKBOOK_LOG_DIR`` points elsewhere (tests, CI). A folder that cannot be written falls
back to the temporary folder: logging never stops the app from starting.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from platformdirs import user_log_path

from workbook import __version__
from workbook.db.store import APP_NAME

ENV_VAR = "WORKBOOK_LOG_DIR"
LOG_NAME = "workbook.log"
CRASH_NAME = "crash.log"  # hard crashes (a fault in Qt or C code) that Python cannot log
MAX_BYTES = 1_000_000
KEEP = 5  # workbook.log.1 … workbook.log.5
FORMAT = "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"

log = logging.getLogger(__name__)
_active: list[Path] = []  # the file start_logging set up, while it is in use


def log_file() -> Path:
    """The log file in use (or, before the log is set up, where it will be)."""
    return _active[-1] if _active else log_folder() / LOG_NAME


def log_folder() -> Path:
    """Where the log goes: ``$WORKBOOK_LOG_DIR``, else the user log folder."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    return user_log_path(APP_NAME, appauthor=False)


@dataclass
class LogSetup:
    """The log set up by :func:`start_logging`; :meth:`stop` undoes it."""

    file: Path
    handler: logging.Handler
    crash_file: IO[str] | None

    def stop(self) -> None:
        if self.file in _active:
            _active.remove(self.file)
        root = logging.getLogger()
        root.removeHandler(self.handler)
        self.handler.close()
        if self.crash_file is not None:
            faulthandler.disable()
            self.crash_file.close()


def start_logging(program: str, folder: Path | None = None) -> LogSetup:
    """Send the root logger to ``folder/workbook.log`` (rotated at 1 MB, 5 kept)."""
    folder = _writable(folder or log_folder())
    path = folder / LOG_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    crash_file = _catch_hard_crashes(folder / CRASH_NAME)
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    log.info(
        "%s %s started (%s; Python %s; %s)",
        program,
        __version__,
        frozen,
        platform.python_version(),
        platform.platform(),
    )
    _active.append(path)
    return LogSetup(path, handler, crash_file)


def _writable(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / LOG_NAME
        with probe.open("a", encoding="utf-8"):
            pass
        return folder
    except OSError:
        fallback = Path(tempfile.gettempdir()) / APP_NAME
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


def _catch_hard_crashes(path: Path) -> IO[str] | None:
    """Python's fault handler writes the stack of a fatal error (a segfault) to a file,
    unless something (``python -X faulthandler``, pytest) already sends it elsewhere."""
    if faulthandler.is_enabled():
        return None
    try:
        crash_file = path.open("a", encoding="utf-8")
    except OSError:
        return None
    faulthandler.enable(crash_file)
    return crash_file
