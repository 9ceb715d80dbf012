"""The domain model: one engagement and everything the fifteen steps record about it.

Every collection row carries ``position`` (display order within its parent) and refers to
its engagement, so deleting an engagement deletes all of it (``ON DELETE CASCADE`` in the
database and ``cascade="all, delete-orphan"`` in the ORM).

Rules for references when the target is deleted:
- a data item takes its subtree, its mappings and its links from stories and change
  requests with it (cascade); :func:`workbook.services.dataset.deletion_impact` tells the
  GUI what will go before it asks;
- an actor, feature, lane, story or API signature that others merely *point at* is
  cleared from them (``SET NULL``), or removed from link lists (cascade on the link row).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012
        dt.datetime: DateTime(timezone=True),
        str: Text,
    }


def _engagement_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)


def _position() -> Mapped[int]:
    return mapped_column(Integer, default=0)


def _children(target: str, **kw: Any) -> Any:
    return relationship(
        target,
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=f"{target}.position",
        **kw,
    )


class Engagement(Base):
    __tablename__ = "engagements"
    __table_args__ = (Index("ix_engagements_updated", "updated"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str]
    client_name: Mapped[str | None]
    client_code: Mapped[str | None] = mapped_column(String(32))
    analyst: Mapped[str | None]
    status: Mapped[str | None] = mapped_column(String(32))
    fhir_version: Mapped[str] = mapped_column(String(8), default="STU3")
    process_name: Mapped[str | None]
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(default=utcnow)

    stages: Mapped[list[Stage]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, back_populates="engagement"
    )
    attachments: Mapped[list[Attachment]] = _children("Attachment")
    graph_nodes: Mapped[list[GraphNode]] = _children("GraphNode")
    graph_edges: Mapped[list[GraphEdge]] = _children("GraphEdge")
    actors: Mapped[list[Actor]] = _children("Actor")
    features: Mapped[list[Feature]] = _children("Feature")
    user_stories: Mapped[list[UserStory]] = _children("UserStory")
    use_cases: Mapped[list[UseCase]] = _children("UseCase")
    lanes: Mapped[list[ProcessLane]] = _children("ProcessLane")
    process_nodes: Mapped[list[ProcessNode]] = _children("ProcessNode")
    process_flows: Mapped[list[ProcessFlow]] = _children("ProcessFlow")
    data_items: Mapped[list[DataItem]] = _children("DataItem")
    profiles: Mapped[list[ProfileInScope]] = _children("ProfileInScope")
    mappings: Mapped[list[Mapping]] = _children("Mapping")
    api_signatures: Mapped[list[ApiSignature]] = _children("ApiSignature")
    sequences: Mapped[list[Sequence]] = _children("Sequence")
    tests: Mapped[list[SolutionTest]] = _children("SolutionTest")
    approvals: Mapped[list[Approval]] = _children("Approval")
    change_requests: Mapped[list[ChangeRequest]] = _children("ChangeRequest")
    lessons: Mapped[list[Lesson]] = _children("Lesson")


class Stage(Base):
    """One of the fifteen steps of one engagement: its Markdown text and status."""

    __tablename__ = "stages"
    __table_args__ = (UniqueConstraint("engagement_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    key: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(default="")
    status: Mapped[str] = mapped_column(String(16), default="not_started")

    engagement: Mapped[Engagement] = relationship(back_populates="stages")


class Blob(Base):
    """Attachment content, stored once however many attachments use it."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    stage_key: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = _position()
    filename: Mapped[str]
    title: Mapped[str | None]
    media_type: Mapped[str] = mapped_column(String(32))
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)

    blob: Mapped[Blob] = relationship()


class GraphNode(Base):
    """A box of the problem statement (step 3) or technical context (step 11) diagram."""

    __tablename__ = "graph_nodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    stage_key: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = _position()
    label: Mapped[str]
    kind: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None]


class GraphEdge(Base):
    __tablename__ = "graph_edges"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    stage_key: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = _position()
    from_node_id: Mapped[int] = mapped_column(
        ForeignKey("graph_nodes.id", ondelete="CASCADE"), index=True
    )
    to_node_id: Mapped[int] = mapped_column(
        ForeignKey("graph_nodes.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str | None]
    kind: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None]


class Actor(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    name: Mapped[str]
    care_setting: Mapped[str | None]
    kind: Mapped[str | None] = mapped_column(String(16))


class Feature(Base):
    __tablename__ = "features"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    name: Mapped[str]
    description: Mapped[str | None]


class UserStory(Base):
    __tablename__ = "user_stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    ref: Mapped[str | None] = mapped_column(String(64))
    feature_id: Mapped[int | None] = mapped_column(
        ForeignKey("features.id", ondelete="SET NULL"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )
    secondary_actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )
    requirement: Mapped[str]
    justification: Mapped[str | None]
    priority: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str | None]
    tags: Mapped[list[str] | None] = mapped_column(JSON)

    acceptance_criteria: Mapped[list[AcceptanceCriterion]] = _children("AcceptanceCriterion")
    data_item_links: Mapped[list[StoryDataItem]] = _children("StoryDataItem")


class AcceptanceCriterion(Base):
    __tablename__ = "acceptance_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(
        ForeignKey("user_stories.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = _position()
    text: Mapped[str]
    kind: Mapped[str | None] = mapped_column(String(16))


class StoryDataItem(Base):
    __tablename__ = "story_data_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(
        ForeignKey("user_stories.id", ondelete="CASCADE"), index=True
    )
    data_item_id: Mapped[int] = mapped_column(
        ForeignKey("data_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = _position()


class UseCase(Base):
    __tablename__ = "use_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    name: Mapped[str]
    description: Mapped[str | None]

    links: Mapped[list[UseCaseLink]] = _children(
        "UseCaseLink", foreign_keys="UseCaseLink.use_case_id"
    )


class UseCaseLink(Base):
    """A use case's actor, story, include or extend, by ``relation``."""

    __tablename__ = "use_case_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    use_case_id: Mapped[int] = mapped_column(
        ForeignKey("use_cases.id", ondelete="CASCADE"), index=True
    )
    relation: Mapped[str] = mapped_column(String(16))  # actors | user_stories | includes | extends
    position: Mapped[int] = _position()
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), index=True
    )
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_stories.id", ondelete="CASCADE"), index=True
    )
    target_use_case_id: Mapped[int | None] = mapped_column(
        ForeignKey("use_cases.id", ondelete="CASCADE"), index=True
    )


class ProcessLane(Base):
    __tablename__ = "process_lanes"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    name: Mapped[str]
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )


class ProcessNode(Base):
    __tablename__ = "process_nodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    lane_id: Mapped[int | None] = mapped_column(
        ForeignKey("process_lanes.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str | None]
    x: Mapped[float | None] = mapped_column(Float)
    y: Mapped[float | None] = mapped_column(Float)
    width: Mapped[float | None] = mapped_column(Float)
    height: Mapped[float | None] = mapped_column(Float)


class ProcessFlow(Base):
    __tablename__ = "process_flows"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    from_node_id: Mapped[int] = mapped_column(
        ForeignKey("process_nodes.id", ondelete="CASCADE"), index=True
    )
    to_node_id: Mapped[int] = mapped_column(
        ForeignKey("process_nodes.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str | None]
    kind: Mapped[str | None] = mapped_column(String(16))


class DataItem(Base):
    """One item of the dataset tree; ``position`` orders it among its siblings."""

    __tablename__ = "data_items"
    __table_args__ = (Index("ix_data_items_tree", "engagement_id", "parent_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("data_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = _position()
    name: Mapped[str]
    description: Mapped[str | None]
    data_type: Mapped[str | None] = mapped_column(String(16))
    cardinality: Mapped[str | None] = mapped_column(String(8))
    source_system: Mapped[str | None]
    example: Mapped[str | None]
    xml_path: Mapped[str | None]
    value_set: Mapped[str | None]
    sensitive: Mapped[bool | None] = mapped_column(Boolean)
    notes: Mapped[str | None]


class ProfileInScope(Base):
    """Step 6: a profile (canonical URL) or base resource type chosen for the solution."""

    __tablename__ = "profiles_in_scope"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    url: Mapped[str]
    name: Mapped[str | None]
    resource_type: Mapped[str | None] = mapped_column(String(64))
    rationale: Mapped[str | None]


class Mapping(Base):
    """Step 7: a data item mapped to an element of a profile (by URL or resource type)."""

    __tablename__ = "mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    data_item_id: Mapped[int] = mapped_column(
        ForeignKey("data_items.id", ondelete="CASCADE"), index=True
    )
    profile: Mapped[str]
    element_path: Mapped[str | None]
    status: Mapped[str | None] = mapped_column(String(32))
    notes: Mapped[str | None]


class ApiSignature(Base):
    __tablename__ = "api_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str]
    description: Mapped[str | None]
    result: Mapped[str | None]

    story_links: Mapped[list[ApiSignatureStory]] = _children("ApiSignatureStory")
    responses: Mapped[list[ApiResponse]] = _children("ApiResponse")
    search_parameters: Mapped[list[SearchParameter]] = _children("SearchParameter")


class ApiSignatureStory(Base):
    __tablename__ = "api_signature_stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    signature_id: Mapped[int] = mapped_column(
        ForeignKey("api_signatures.id", ondelete="CASCADE"), index=True
    )
    story_id: Mapped[int] = mapped_column(
        ForeignKey("user_stories.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = _position()


class ApiResponse(Base):
    __tablename__ = "api_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    signature_id: Mapped[int] = mapped_column(
        ForeignKey("api_signatures.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = _position()
    code: Mapped[int] = mapped_column(Integer)
    meaning: Mapped[str | None]


class SearchParameter(Base):
    __tablename__ = "api_search_parameters"

    id: Mapped[int] = mapped_column(primary_key=True)
    signature_id: Mapped[int] = mapped_column(
        ForeignKey("api_signatures.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = _position()
    name: Mapped[str]
    type: Mapped[str | None] = mapped_column(String(16))
    value: Mapped[str | None]
    required: Mapped[bool | None] = mapped_column(Boolean)


class Sequence(Base):
    __tablename__ = "sequences"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    name: Mapped[str]
    variant: Mapped[str | None] = mapped_column(String(8))
    participants: Mapped[list[str] | None] = mapped_column(JSON)

    steps: Mapped[list[SequenceStep]] = _children("SequenceStep")


class SequenceStep(Base):
    __tablename__ = "sequence_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence_id: Mapped[int] = mapped_column(
        ForeignKey("sequences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = _position()
    from_participant: Mapped[str]
    to_participant: Mapped[str]
    message: Mapped[str]
    kind: Mapped[str | None] = mapped_column(String(8))
    note: Mapped[str | None]


class SolutionTest(Base):
    """Step 14: a test of the implemented solution against acceptance criteria."""

    __tablename__ = "solution_tests"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    name: Mapped[str]
    user_story_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_stories.id", ondelete="SET NULL"), index=True
    )
    api_signature_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_signatures.id", ondelete="SET NULL"), index=True
    )
    steps: Mapped[str | None]
    expected: Mapped[str | None]
    result: Mapped[str | None] = mapped_column(String(16))
    evidence: Mapped[str | None]


class Approval(Base):
    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    approver: Mapped[str]
    role: Mapped[str | None]
    date: Mapped[dt.date | None] = mapped_column(Date)
    decision: Mapped[str] = mapped_column(String(32))
    comments: Mapped[str | None]
    reviewed: Mapped[list[ReviewedMapping]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ReviewedMapping.id"
    )


class ReviewedMapping(Base):
    """One mapping as it stood when a review (step 8) was recorded.

    The data item is kept by id and by name, without a foreign key: deleting the item later
    is a change the next review must see, not a reason to rewrite the record of this one.
    """

    __tablename__ = "reviewed_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    approval_id: Mapped[int] = mapped_column(
        ForeignKey("approvals.id", ondelete="CASCADE"), index=True
    )
    data_item_id: Mapped[int]
    data_item: Mapped[str]
    profile: Mapped[str]
    element_path: Mapped[str | None]
    status: Mapped[str | None] = mapped_column(String(32))


class ChangeRequest(Base):
    __tablename__ = "change_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    profile: Mapped[str | None]
    element_path: Mapped[str | None]
    summary: Mapped[str]
    rationale: Mapped[str | None]
    status: Mapped[str | None] = mapped_column(String(16))

    data_item_links: Mapped[list[ChangeRequestDataItem]] = _children("ChangeRequestDataItem")


class ChangeRequestDataItem(Base):
    __tablename__ = "change_request_data_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    change_request_id: Mapped[int] = mapped_column(
        ForeignKey("change_requests.id", ondelete="CASCADE"), index=True
    )
    data_item_id: Mapped[int] = mapped_column(
        ForeignKey("data_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = _position()


class Lesson(Base):
    __tablename__ = "lessons"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = _engagement_fk()
    position: Mapped[int] = _position()
    kind: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str]
    action: Mapped[str | None]
