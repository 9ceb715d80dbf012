"""Every table of the app: importing this module registers them all on ``Base.metadata``.

Feature packages keep their own tables next to their code; list each such module here so
that migrations, their check and undo snapshots see the whole schema. Full-text search
tables that only SQLite has are named ``fts_*`` and created by their migration alone.
"""

from __future__ import annotations

import workbook.catalogue.storage  # (user story catalogue)
import workbook.profiles.storage  # noqa: F401  (imported profiles)
from workbook.db.models import Base

metadata = Base.metadata


def in_schema(name: str | None, type_: str, _parent_names: object) -> bool:
    """Alembic's filter: SQLite full-text tables (``fts_*``) are set up outside the models."""
    return not (type_ == "table" and name is not None and name.startswith("fts_"))
