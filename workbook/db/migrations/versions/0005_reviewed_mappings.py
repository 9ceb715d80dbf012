"""What each review of the mapping (step 8) saw, so later changes can be shown.

Revision ID: 0005_reviewed_mappings
Revises: 0004_story_catalogue
Create Date: 2026-11-24

Reviews recorded before this revision did not keep what they saw; they are given the
mappings as they stand at upgrade, the same rule an imported engagement file follows.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_reviewed_mappings"
down_revision: str | None = "0004_story_catalogue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reviewed_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("approval_id", sa.Integer(), nullable=False),
        sa.Column("data_item_id", sa.Integer(), nullable=False),
        sa.Column("data_item", sa.Text(), nullable=False),
        sa.Column("profile", sa.Text(), nullable=False),
        sa.Column("element_path", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["approval_id"],
            ["approvals.id"],
            name=op.f("fk_reviewed_mappings_approval_id_approvals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviewed_mappings")),
    )
    op.create_index(op.f("ix_reviewed_mappings_approval_id"), "reviewed_mappings", ["approval_id"])
    op.execute(
        "INSERT INTO reviewed_mappings"
        " (approval_id, data_item_id, data_item, profile, element_path, status)"
        " SELECT a.id, m.data_item_id, d.name, m.profile, m.element_path, m.status"
        " FROM approvals a"
        " JOIN mappings m ON m.engagement_id = a.engagement_id"
        " JOIN data_items d ON d.id = m.data_item_id"
        " ORDER BY a.id, m.position, m.id"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_reviewed_mappings_approval_id"), table_name="reviewed_mappings")
    op.drop_table("reviewed_mappings")
