"""The PDF case study (step 13): every step of an engagement as a report a trust publishes.

``export_report(store, id, path)`` is what ``workbook export ENGAGEMENT --to FILE.pdf``
and the app's File › Export › PDF call. reportlab is imported only when a report is made,
so the other commands start as fast as before.
"""

from __future__ import annotations

from pathlib import Path

from workbook.db.store import Store
from workbook.progress import Progress, no_progress
from workbook.report.options import ReportOptions

__all__ = ["ReportOptions", "export_report"]


def export_report(
    store: Store,
    engagement_id: int,
    path: Path,
    progress: Progress = no_progress,
    options: ReportOptions | None = None,
) -> int:
    """Write the engagement's case study to ``path`` (``.pdf``); the number of pages.

    The file appears whole or not at all: a failure or a cancel (``progress`` raising
    :class:`~workbook.errors.Cancelled`) leaves whatever was at ``path`` before.
    """
    from workbook.report.document import write_report

    return write_report(store, engagement_id, Path(path), progress, options or ReportOptions())
