"""Design and delivery (steps 9, 12 and 14): stories and API signatures that do not meet,
acceptance criteria without tests, failed tests, gaps nobody asked the curators about.

Stories count once agreed (not drafts, not out of scope, not "won't"). Coverage checks
wait until their step (or a later one) is started or has its first row, so an engagement
still gathering requirements is not told it has no API. Mappings changed since the last
approval (step 8) are checked with the approval records, in their own module.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbook.checks import Finding, check
from workbook.db.store import Store
from workbook.review.codes import finding
from workbook.review.facts import Facts, Mapping, load_facts

NEEDS_CHANGE = ("gap", "extension_needed")


@check("design and delivery")
def check_design_delivery(store: Store, engagement_id: int) -> list[Finding]:
    facts = load_facts(store, engagement_id)
    return [
        *stories_not_served(facts),
        *signatures_without_story(facts),
        *gaps_without_change_request(facts),
        *untested_stories(facts),
        *test_results(facts),
    ]


def stories_not_served(facts: Facts) -> Iterator[Finding]:
    if not (facts.signatures or facts.begun("api_design")):
        return
    served = {story_id for s in facts.signatures for story_id in s.story_ids}
    for story in facts.stories:
        if story.committed and story.id not in served:
            yield finding(
                "api.story-not-served",
                story.name,
                "no API signature serves it: tick it under “Stories served” of the call that "
                "does, or add the call",
                ("user_stories", story.id),
            )


def signatures_without_story(facts: Facts) -> Iterator[Finding]:
    for signature in facts.signatures:
        if not signature.story_ids:
            yield finding(
                "api.signature-no-story",
                signature.request,
                "serves no user story: tick the stories it serves, or remove it",
                ("api_signatures", signature.id),
            )


def untested_stories(facts: Facts) -> Iterator[Finding]:
    if not (facts.tests or facts.begun("implementation")):
        return
    tested = {t.story_id for t in facts.tests}
    for story in facts.stories:
        if story.committed and story.criteria and story.id not in tested:
            count = len(story.criteria)
            yield finding(
                "test.story-untested",
                story.name,
                f"no test covers its {count} acceptance criteri{'on' if count == 1 else 'a'}: "
                "add a test for the story",
                ("user_stories", story.id),
            )


def test_results(facts: Facts) -> Iterator[Finding]:
    for test in facts.tests:
        story = facts.story(test.story_id) if test.story_id else None
        of = f" ({story.name})" if story else ""
        if test.result == "fail":
            yield finding(
                "test.failed",
                test.name,
                f"failed{of}: fix the solution, or agree a change to the story, and run it again",
                ("tests", test.id),
            )
        elif test.result == "blocked":
            yield finding(
                "test.blocked",
                test.name,
                f"blocked{of}: say what it waits for in the evidence, and run it when it can be",
                ("tests", test.id),
            )


def _asked(facts: Facts, mapping: Mapping) -> bool:
    """A change request is linked to the mapping's data item, or names its element."""
    path = (mapping.element_path or "").strip()
    return any(
        mapping.data_item_id in cr.data_item_ids
        or (path and (cr.element_path or "").strip() == path and _same_profile(cr.profile, mapping))
        for cr in facts.change_requests
    )


def _same_profile(profile: str | None, mapping: Mapping) -> bool:
    return bool(profile) and profile.strip().partition("|")[0] == mapping.profile.partition("|")[0]


def gaps_without_change_request(facts: Facts) -> Iterator[Finding]:
    names = {i.id: i.label for i in facts.items}
    for mapping in facts.mappings:
        if mapping.status not in NEEDS_CHANGE or _asked(facts, mapping):
            continue
        what = "is a gap" if mapping.status == "gap" else "needs an extension"
        item = names.get(mapping.data_item_id, "?")
        yield finding(
            "curation.no-change-request",
            f"{item} → {mapping.element_path or mapping.profile}",
            f"the mapping {what} but no change request asks the curators for it: "
            "add one in step 12 and tick the data item",
            ("mappings", mapping.id),
        )
