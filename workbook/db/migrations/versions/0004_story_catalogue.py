"""The user story catalogue shared by every engagement, with full-text search on SQLite.

Revision ID: 0004_story_catalogue
Revises: 0003_imported_profiles
Create Date: 2026-11-26

On SQLite (with FTS5, which every Python build has) the stories are indexed in the FTS5
table ``fts_catalogue_stories`` (rowid = story id), kept in step by triggers so that every
way of writing a story (services, undo snapshots, a bulk import) updates it. Its last
column, ``facets``, holds one token per feature, actor, care setting and tag (a letter, the
hex of the lower-cased value, and "x"), so that filters are exact matches in the index
(:func:`workbook.catalogue.search.facet_token`). Other databases search with LIKE.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_story_catalogue"
down_revision: str | None = "0003_imported_profiles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS = "fts_catalogue_stories"
# the indexed columns, in the order of the weights in workbook.catalogue.search
STORY_COLUMNS = (
    "feature",
    "actor",
    "care_setting",
    "secondary_actor",
    "requirement",
    "justification",
    "tags",
    "source",
    "interactions",
)
CRITERIA = "(SELECT group_concat(text, ' ') FROM catalogue_criteria WHERE story_id = {id})"


def _token(letter: str, value: str) -> str:
    return f"'{letter}' || hex(lower(trim({value}))) || 'x'"


def _facets(row: str) -> str:
    tags = f"(SELECT group_concat({_token('t', 'value')}, ' ') FROM json_each({row}.tags))"
    parts = [
        _token("f", f"{row}.feature"),
        _token("a", f"{row}.actor"),
        _token("c", f"{row}.care_setting"),
        tags,
    ]
    return " || ' ' || ".join(f"coalesce({part}, '')" for part in parts)


def _index_story(row: str) -> str:
    columns = ", ".join(STORY_COLUMNS)
    values = ", ".join(f"{row}.{c}" for c in STORY_COLUMNS)
    criteria = CRITERIA.format(id=f"{row}.id")
    return (
        f"INSERT INTO {FTS} (rowid, {columns}, criteria, facets) "
        f"VALUES ({row}.id, {values}, {criteria}, {_facets(row)});"
    )


def _index_criteria(story_id: str) -> str:
    return f"UPDATE {FTS} SET criteria = {CRITERIA.format(id=story_id)} WHERE rowid = {story_id};"


FTS_TRIGGERS = {
    "fts_catalogue_stories_insert": (
        f"AFTER INSERT ON catalogue_stories BEGIN {_index_story('new')} END"
    ),
    "fts_catalogue_stories_update": (
        f"AFTER UPDATE ON catalogue_stories BEGIN DELETE FROM {FTS} WHERE rowid = old.id; "
        f"{_index_story('new')} END"
    ),
    "fts_catalogue_stories_delete": (
        f"AFTER DELETE ON catalogue_stories BEGIN DELETE FROM {FTS} WHERE rowid = old.id; END"
    ),
    "fts_catalogue_criteria_insert": (
        f"AFTER INSERT ON catalogue_criteria BEGIN {_index_criteria('new.story_id')} END"
    ),
    "fts_catalogue_criteria_update": (
        f"AFTER UPDATE ON catalogue_criteria BEGIN {_index_criteria('old.story_id')} "
        f"{_index_criteria('new.story_id')} END"
    ),
    "fts_catalogue_criteria_delete": (
        f"AFTER DELETE ON catalogue_criteria BEGIN {_index_criteria('old.story_id')} END"
    ),
}


def _has_fts5_and_json() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    try:
        return bool(
            bind.exec_driver_sql(
                "SELECT sqlite_compileoption_used('ENABLE_FTS5') AND json_valid('[]')"
            ).scalar()
        )
    except sa.exc.OperationalError:  # a SQLite built without JSON: search with LIKE
        return False


def upgrade() -> None:
    op.create_table(
        "catalogue_stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feature", sa.Text(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("care_setting", sa.Text(), nullable=True),
        sa.Column("secondary_actor", sa.Text(), nullable=True),
        sa.Column("requirement", sa.Text(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("interactions", sa.JSON(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_stories")),
    )
    with op.batch_alter_table("catalogue_stories") as batch_op:
        batch_op.create_index(
            "ix_catalogue_stories_feature_actor", ["feature", "actor"], unique=False
        )
    op.create_table(
        "catalogue_criteria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["catalogue_stories.id"],
            name=op.f("fk_catalogue_criteria_story_id_catalogue_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_criteria")),
    )
    with op.batch_alter_table("catalogue_criteria") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_catalogue_criteria_story_id"), ["story_id"], unique=False
        )
    op.create_table(
        "catalogue_story_uses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_story_id", sa.Integer(), nullable=False),
        sa.Column("catalogue_story_id", sa.Integer(), nullable=False),
        sa.Column("copied_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("copied", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalogue_story_id"],
            ["catalogue_stories.id"],
            name=op.f("fk_catalogue_story_uses_catalogue_story_id_catalogue_stories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_story_id"],
            ["user_stories.id"],
            name=op.f("fk_catalogue_story_uses_user_story_id_user_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_story_uses")),
        sa.UniqueConstraint("user_story_id", name=op.f("uq_catalogue_story_uses_user_story_id")),
    )
    with op.batch_alter_table("catalogue_story_uses") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_catalogue_story_uses_catalogue_story_id"),
            ["catalogue_story_id"],
            unique=False,
        )
    if _has_fts5_and_json():
        op.execute(
            f"CREATE VIRTUAL TABLE {FTS} USING fts5({', '.join(STORY_COLUMNS)}, criteria, "
            "facets, prefix='2 3 4 5 6', tokenize='porter unicode61 remove_diacritics 2')"
        )
        for name, body in FTS_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in FTS_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    op.drop_table("catalogue_story_uses")
    op.drop_table("catalogue_criteria")
    op.drop_table("catalogue_stories")
