"""The closed lists of values the engagement file schema allows (kept equal by a test)."""

from __future__ import annotations

STEP_STATUSES = ("not_started", "in_progress", "done")
ENGAGEMENT_STATUSES = ("draft", "in_review", "complete")
FHIR_VERSIONS = ("STU3", "R4")
MEDIA_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
GRAPH_NODE_KINDS = ("system", "person", "organisation", "store", "external")
GRAPH_EDGE_KINDS = ("flow", "issue", "planned")
ACTOR_KINDS = ("person", "system", "organisation")
PRIORITIES = ("must", "should", "could", "wont")
STORY_STATUSES = ("draft", "agreed", "in_scope", "out_of_scope", "done")
CRITERION_KINDS = ("clinical", "technical")
PROCESS_NODE_KINDS = (
    "start_event",
    "end_event",
    "intermediate_event",
    "task",
    "user_task",
    "service_task",
    "manual_task",
    "send_task",
    "receive_task",
    "subprocess",
    "exclusive_gateway",
    "parallel_gateway",
    "inclusive_gateway",
    "event_based_gateway",
    "data_object",
    "annotation",
)
PROCESS_FLOW_KINDS = ("sequence", "message", "association")
DATA_TYPES = (
    "string",
    "text",
    "code",
    "integer",
    "decimal",
    "boolean",
    "date",
    "datetime",
    "time",
    "identifier",
    "quantity",
    "reference",
    "group",
    "attachment",
)
CARDINALITIES = ("0..1", "1..1", "0..*", "1..*")
MAPPING_STATUSES = ("mapped", "partial", "derived", "extension_needed", "gap")
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
SEARCH_PARAMETER_TYPES = (
    "token",
    "reference",
    "date",
    "string",
    "number",
    "quantity",
    "uri",
    "composite",
)
SEQUENCE_VARIANTS = ("as_is", "to_be")
SEQUENCE_STEP_KINDS = ("call", "reply", "async")
TEST_RESULTS = ("not_run", "pass", "fail", "blocked")
APPROVAL_DECISIONS = ("approved", "changes_requested", "rejected")
CHANGE_REQUEST_STATUSES = ("draft", "submitted", "accepted", "rejected")
LESSON_KINDS = ("success", "failure", "observation")
