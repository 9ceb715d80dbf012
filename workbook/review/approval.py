"""Step 8: mappings edited after the client approved the mapping (they have not seen them)."""

from __future__ import annotations

from workbook.checks import Finding, check
from workbook.db.store import Store
from workbook.review.codes import finding
from workbook.services.reviews import changes_since_approval
from workbook.steps import STEPS_BY_KEY

NAMED = 5  # data items named in the message; the rest are counted


@check("mappings changed since the last approval")
def check_mappings_changed(store: Store, engagement_id: int) -> list[Finding]:
    found = changes_since_approval(store, engagement_id)
    if found.approval is None or not found.changes:
        return []
    approval = found.approval
    when = approval["date"].isoformat() if approval["date"] else "undated"
    items = list(dict.fromkeys(change.data_item for change in found.changes))
    named = ", ".join(items[:NAMED]) + (
        f" and {len(items) - NAMED} more" if len(items) > NAMED else ""
    )
    count = len(found.changes)
    step = STEPS_BY_KEY["approval"]
    return [
        finding(
            "approval.mappings-changed",
            f"{step.number}. {step.title}",
            f"{count} mapping{'s' * (count != 1)} changed since {approval['approver']} approved "
            f"the mapping ({when}): {named}; ask the client to review them",
            ("approvals", approval["id"]),
        )
    ]
