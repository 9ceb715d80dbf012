"""Indexes for the orders the app reads in: the dataset tree and the engagement list.

Revision ID: 0002_ordering_indexes
Revises: 0001_baseline
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_ordering_indexes"
down_revision: str | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("data_items") as batch_op:
        batch_op.create_index("ix_data_items_tree", ["engagement_id", "parent_id", "position"])
    with op.batch_alter_table("engagements") as batch_op:
        batch_op.create_index("ix_engagements_updated", ["updated"])


def downgrade() -> None:
    with op.batch_alter_table("engagements") as batch_op:
        batch_op.drop_index("ix_engagements_updated")
    with op.batch_alter_table("data_items") as batch_op:
        batch_op.drop_index("ix_data_items_tree")
