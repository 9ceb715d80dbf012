"""baseline: all fifteen steps

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-24 01:57:43.648989
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_baseline"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blobs")),
    )
    op.create_table(
        "engagements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("client_name", sa.Text(), nullable=True),
        sa.Column("client_code", sa.String(length=32), nullable=True),
        sa.Column("analyst", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.Column("fhir_version", sa.String(length=8), nullable=False),
        sa.Column("process_name", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagements")),
        sa.UniqueConstraint("uid", name=op.f("uq_engagements_uid")),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("care_setting", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_actors_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_actors_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "api_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_api_signatures_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_signatures")),
    )
    with op.batch_alter_table("api_signatures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_api_signatures_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("approver", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("decision", sa.String(length=32), nullable=False),
        sa.Column("comments", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_approvals_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approvals")),
    )
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_approvals_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("stage_key", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("blob_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["blob_sha256"], ["blobs.sha256"], name=op.f("fk_attachments_blob_sha256_blobs")
        ),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_attachments_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attachments_blob_sha256"), ["blob_sha256"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attachments_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "change_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("profile", sa.Text(), nullable=True),
        sa.Column("element_path", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_change_requests_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_requests")),
    )
    with op.batch_alter_table("change_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_requests_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "data_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("data_type", sa.String(length=16), nullable=True),
        sa.Column("cardinality", sa.String(length=8), nullable=True),
        sa.Column("source_system", sa.Text(), nullable=True),
        sa.Column("example", sa.Text(), nullable=True),
        sa.Column("xml_path", sa.Text(), nullable=True),
        sa.Column("value_set", sa.Text(), nullable=True),
        sa.Column("sensitive", sa.Boolean(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_data_items_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["data_items.id"],
            name=op.f("fk_data_items_parent_id_data_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_items")),
    )
    with op.batch_alter_table("data_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_data_items_engagement_id"), ["engagement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_data_items_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "features",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_features_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_features")),
    )
    with op.batch_alter_table("features", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_features_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "graph_nodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("stage_key", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_graph_nodes_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_graph_nodes")),
    )
    with op.batch_alter_table("graph_nodes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_graph_nodes_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "lessons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_lessons_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessons")),
    )
    with op.batch_alter_table("lessons", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lessons_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "profiles_in_scope",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("resource_type", sa.String(length=64), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_profiles_in_scope_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profiles_in_scope")),
    )
    with op.batch_alter_table("profiles_in_scope", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_profiles_in_scope_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "sequences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("variant", sa.String(length=8), nullable=True),
        sa.Column("participants", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_sequences_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sequences")),
    )
    with op.batch_alter_table("sequences", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sequences_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "stages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_stages_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stages")),
        sa.UniqueConstraint("engagement_id", "key", name=op.f("uq_stages_engagement_id")),
    )
    with op.batch_alter_table("stages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stages_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "use_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_use_cases_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_use_cases")),
    )
    with op.batch_alter_table("use_cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_use_cases_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "api_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signature_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.Integer(), nullable=False),
        sa.Column("meaning", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["signature_id"],
            ["api_signatures.id"],
            name=op.f("fk_api_responses_signature_id_api_signatures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_responses")),
    )
    with op.batch_alter_table("api_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_api_responses_signature_id"), ["signature_id"], unique=False
        )

    op.create_table(
        "api_search_parameters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signature_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("required", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["signature_id"],
            ["api_signatures.id"],
            name=op.f("fk_api_search_parameters_signature_id_api_signatures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_search_parameters")),
    )
    with op.batch_alter_table("api_search_parameters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_api_search_parameters_signature_id"), ["signature_id"], unique=False
        )

    op.create_table(
        "change_request_data_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_request_id", sa.Integer(), nullable=False),
        sa.Column("data_item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["change_request_id"],
            ["change_requests.id"],
            name=op.f("fk_change_request_data_items_change_request_id_change_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["data_item_id"],
            ["data_items.id"],
            name=op.f("fk_change_request_data_items_data_item_id_data_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_request_data_items")),
    )
    with op.batch_alter_table("change_request_data_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_request_data_items_change_request_id"),
            ["change_request_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_change_request_data_items_data_item_id"), ["data_item_id"], unique=False
        )

    op.create_table(
        "graph_edges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("stage_key", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("from_node_id", sa.Integer(), nullable=False),
        sa.Column("to_node_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_graph_edges_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_node_id"],
            ["graph_nodes.id"],
            name=op.f("fk_graph_edges_from_node_id_graph_nodes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_node_id"],
            ["graph_nodes.id"],
            name=op.f("fk_graph_edges_to_node_id_graph_nodes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_graph_edges")),
    )
    with op.batch_alter_table("graph_edges", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_graph_edges_engagement_id"), ["engagement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_graph_edges_from_node_id"), ["from_node_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_graph_edges_to_node_id"), ["to_node_id"], unique=False)

    op.create_table(
        "mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("data_item_id", sa.Integer(), nullable=False),
        sa.Column("profile", sa.Text(), nullable=False),
        sa.Column("element_path", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["data_item_id"],
            ["data_items.id"],
            name=op.f("fk_mappings_data_item_id_data_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_mappings_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mappings")),
    )
    with op.batch_alter_table("mappings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mappings_data_item_id"), ["data_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_mappings_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "process_lanes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
            name=op.f("fk_process_lanes_actor_id_actors"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_process_lanes_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_lanes")),
    )
    with op.batch_alter_table("process_lanes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_process_lanes_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_process_lanes_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "sequence_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("from_participant", sa.Text(), nullable=False),
        sa.Column("to_participant", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["sequence_id"],
            ["sequences.id"],
            name=op.f("fk_sequence_steps_sequence_id_sequences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sequence_steps")),
    )
    with op.batch_alter_table("sequence_steps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sequence_steps_sequence_id"), ["sequence_id"], unique=False
        )

    op.create_table(
        "user_stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=True),
        sa.Column("feature_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("secondary_actor_id", sa.Integer(), nullable=True),
        sa.Column("requirement", sa.Text(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
            name=op.f("fk_user_stories_actor_id_actors"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_user_stories_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["feature_id"],
            ["features.id"],
            name=op.f("fk_user_stories_feature_id_features"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["secondary_actor_id"],
            ["actors.id"],
            name=op.f("fk_user_stories_secondary_actor_id_actors"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_stories")),
    )
    with op.batch_alter_table("user_stories", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_stories_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_user_stories_engagement_id"), ["engagement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_user_stories_feature_id"), ["feature_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_user_stories_secondary_actor_id"), ["secondary_actor_id"], unique=False
        )

    op.create_table(
        "acceptance_criteria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["user_stories.id"],
            name=op.f("fk_acceptance_criteria_story_id_user_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acceptance_criteria")),
    )
    with op.batch_alter_table("acceptance_criteria", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_acceptance_criteria_story_id"), ["story_id"], unique=False
        )

    op.create_table(
        "api_signature_stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signature_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["signature_id"],
            ["api_signatures.id"],
            name=op.f("fk_api_signature_stories_signature_id_api_signatures"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["user_stories.id"],
            name=op.f("fk_api_signature_stories_story_id_user_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_signature_stories")),
    )
    with op.batch_alter_table("api_signature_stories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_api_signature_stories_signature_id"), ["signature_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_api_signature_stories_story_id"), ["story_id"], unique=False
        )

    op.create_table(
        "process_nodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("lane_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("x", sa.Float(), nullable=True),
        sa.Column("y", sa.Float(), nullable=True),
        sa.Column("width", sa.Float(), nullable=True),
        sa.Column("height", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_process_nodes_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lane_id"],
            ["process_lanes.id"],
            name=op.f("fk_process_nodes_lane_id_process_lanes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_nodes")),
    )
    with op.batch_alter_table("process_nodes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_process_nodes_engagement_id"), ["engagement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_process_nodes_lane_id"), ["lane_id"], unique=False)

    op.create_table(
        "solution_tests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("user_story_id", sa.Integer(), nullable=True),
        sa.Column("api_signature_id", sa.Integer(), nullable=True),
        sa.Column("steps", sa.Text(), nullable=True),
        sa.Column("expected", sa.Text(), nullable=True),
        sa.Column("result", sa.String(length=16), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["api_signature_id"],
            ["api_signatures.id"],
            name=op.f("fk_solution_tests_api_signature_id_api_signatures"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_solution_tests_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_story_id"],
            ["user_stories.id"],
            name=op.f("fk_solution_tests_user_story_id_user_stories"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_solution_tests")),
    )
    with op.batch_alter_table("solution_tests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_solution_tests_api_signature_id"), ["api_signature_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_solution_tests_engagement_id"), ["engagement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_solution_tests_user_story_id"), ["user_story_id"], unique=False
        )

    op.create_table(
        "story_data_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("data_item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["data_item_id"],
            ["data_items.id"],
            name=op.f("fk_story_data_items_data_item_id_data_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["user_stories.id"],
            name=op.f("fk_story_data_items_story_id_user_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_data_items")),
    )
    with op.batch_alter_table("story_data_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_story_data_items_data_item_id"), ["data_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_story_data_items_story_id"), ["story_id"], unique=False
        )

    op.create_table(
        "use_case_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("use_case_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("target_use_case_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
            name=op.f("fk_use_case_links_actor_id_actors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["user_stories.id"],
            name=op.f("fk_use_case_links_story_id_user_stories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_use_case_id"],
            ["use_cases.id"],
            name=op.f("fk_use_case_links_target_use_case_id_use_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["use_case_id"],
            ["use_cases.id"],
            name=op.f("fk_use_case_links_use_case_id_use_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_use_case_links")),
    )
    with op.batch_alter_table("use_case_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_use_case_links_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_use_case_links_story_id"), ["story_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_use_case_links_target_use_case_id"), ["target_use_case_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_use_case_links_use_case_id"), ["use_case_id"], unique=False
        )

    op.create_table(
        "process_flows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("from_node_id", sa.Integer(), nullable=False),
        sa.Column("to_node_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_process_flows_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_node_id"],
            ["process_nodes.id"],
            name=op.f("fk_process_flows_from_node_id_process_nodes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_node_id"],
            ["process_nodes.id"],
            name=op.f("fk_process_flows_to_node_id_process_nodes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_flows")),
    )
    with op.batch_alter_table("process_flows", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_process_flows_engagement_id"), ["engagement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_process_flows_from_node_id"), ["from_node_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_process_flows_to_node_id"), ["to_node_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("process_flows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_process_flows_to_node_id"))
        batch_op.drop_index(batch_op.f("ix_process_flows_from_node_id"))
        batch_op.drop_index(batch_op.f("ix_process_flows_engagement_id"))

    op.drop_table("process_flows")
    with op.batch_alter_table("use_case_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_use_case_links_use_case_id"))
        batch_op.drop_index(batch_op.f("ix_use_case_links_target_use_case_id"))
        batch_op.drop_index(batch_op.f("ix_use_case_links_story_id"))
        batch_op.drop_index(batch_op.f("ix_use_case_links_actor_id"))

    op.drop_table("use_case_links")
    with op.batch_alter_table("story_data_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_data_items_story_id"))
        batch_op.drop_index(batch_op.f("ix_story_data_items_data_item_id"))

    op.drop_table("story_data_items")
    with op.batch_alter_table("solution_tests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_solution_tests_user_story_id"))
        batch_op.drop_index(batch_op.f("ix_solution_tests_engagement_id"))
        batch_op.drop_index(batch_op.f("ix_solution_tests_api_signature_id"))

    op.drop_table("solution_tests")
    with op.batch_alter_table("process_nodes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_process_nodes_lane_id"))
        batch_op.drop_index(batch_op.f("ix_process_nodes_engagement_id"))

    op.drop_table("process_nodes")
    with op.batch_alter_table("api_signature_stories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_signature_stories_story_id"))
        batch_op.drop_index(batch_op.f("ix_api_signature_stories_signature_id"))

    op.drop_table("api_signature_stories")
    with op.batch_alter_table("acceptance_criteria", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_acceptance_criteria_story_id"))

    op.drop_table("acceptance_criteria")
    with op.batch_alter_table("user_stories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_stories_secondary_actor_id"))
        batch_op.drop_index(batch_op.f("ix_user_stories_feature_id"))
        batch_op.drop_index(batch_op.f("ix_user_stories_engagement_id"))
        batch_op.drop_index(batch_op.f("ix_user_stories_actor_id"))

    op.drop_table("user_stories")
    with op.batch_alter_table("sequence_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sequence_steps_sequence_id"))

    op.drop_table("sequence_steps")
    with op.batch_alter_table("process_lanes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_process_lanes_engagement_id"))
        batch_op.drop_index(batch_op.f("ix_process_lanes_actor_id"))

    op.drop_table("process_lanes")
    with op.batch_alter_table("mappings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mappings_engagement_id"))
        batch_op.drop_index(batch_op.f("ix_mappings_data_item_id"))

    op.drop_table("mappings")
    with op.batch_alter_table("graph_edges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_graph_edges_to_node_id"))
        batch_op.drop_index(batch_op.f("ix_graph_edges_from_node_id"))
        batch_op.drop_index(batch_op.f("ix_graph_edges_engagement_id"))

    op.drop_table("graph_edges")
    with op.batch_alter_table("change_request_data_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_request_data_items_data_item_id"))
        batch_op.drop_index(batch_op.f("ix_change_request_data_items_change_request_id"))

    op.drop_table("change_request_data_items")
    with op.batch_alter_table("api_search_parameters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_search_parameters_signature_id"))

    op.drop_table("api_search_parameters")
    with op.batch_alter_table("api_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_responses_signature_id"))

    op.drop_table("api_responses")
    with op.batch_alter_table("use_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_use_cases_engagement_id"))

    op.drop_table("use_cases")
    with op.batch_alter_table("stages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stages_engagement_id"))

    op.drop_table("stages")
    with op.batch_alter_table("sequences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sequences_engagement_id"))

    op.drop_table("sequences")
    with op.batch_alter_table("profiles_in_scope", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profiles_in_scope_engagement_id"))

    op.drop_table("profiles_in_scope")
    with op.batch_alter_table("lessons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessons_engagement_id"))

    op.drop_table("lessons")
    with op.batch_alter_table("graph_nodes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_graph_nodes_engagement_id"))

    op.drop_table("graph_nodes")
    with op.batch_alter_table("features", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_features_engagement_id"))

    op.drop_table("features")
    with op.batch_alter_table("data_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_data_items_parent_id"))
        batch_op.drop_index(batch_op.f("ix_data_items_engagement_id"))

    op.drop_table("data_items")
    with op.batch_alter_table("change_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_requests_engagement_id"))

    op.drop_table("change_requests")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_engagement_id"))
        batch_op.drop_index(batch_op.f("ix_attachments_blob_sha256"))

    op.drop_table("attachments")
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approvals_engagement_id"))

    op.drop_table("approvals")
    with op.batch_alter_table("api_signatures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_signatures_engagement_id"))

    op.drop_table("api_signatures")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_engagement_id"))

    op.drop_table("actors")
    op.drop_table("engagements")
    op.drop_table("blobs")
