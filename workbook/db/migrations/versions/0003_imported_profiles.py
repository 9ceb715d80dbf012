"""Imported FHIR profiles (StructureDefinitions and packages), shared by every engagement.

Revision ID: 0003_imported_profiles
Revises: 0002_ordering_indexes
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_imported_profiles"
down_revision: str | None = "0002_ordering_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "imported_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("fhir_version", sa.String(length=8), nullable=False),
        sa.Column("resource_type", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_profiles")),
        sa.UniqueConstraint("url", "version", name=op.f("uq_imported_profiles_url")),
    )


def downgrade() -> None:
    op.drop_table("imported_profiles")
