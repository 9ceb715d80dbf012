"""Dataset coverage (step 7): data items mapped to nothing, and the agreed stories that
need them.

Paths, types, cardinalities, profiles not in scope and profiles nothing maps to are
checked by :mod:`workbook.profiles.validation`. Before mapping has begun every item is
unmapped, which is no news: these checks wait until the mapping step (or a later one) is
started or a first mapping is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbook.checks import Finding, check
from workbook.db.store import Store
from workbook.review.codes import finding
from workbook.review.facts import Facts, Item, load_facts


@check("dataset coverage")
def check_dataset(store: Store, engagement_id: int) -> list[Finding]:
    facts = load_facts(store, engagement_id)
    if not mapping_begun(facts):
        return []
    return [*unmapped_items(facts), *stories_with_unmapped_items(facts)]


def mapping_begun(facts: Facts) -> bool:
    return bool(facts.mappings) or facts.begun("mapping")


def unmapped(facts: Facts) -> list[Item]:
    """Data items (not groups) that no mapping uses, in dataset order."""
    mapped = {m.data_item_id for m in facts.mappings}
    return [i for i in facts.items if not i.is_group and i.id not in mapped]


def unmapped_items(facts: Facts) -> Iterator[Finding]:
    for item in unmapped(facts):
        yield finding(
            "dataset.item-unmapped",
            item.label,
            "mapped to nothing: map it to a profile element, or mark the mapping as a gap",
            ("data_items", item.id),
        )


def stories_with_unmapped_items(facts: Facts) -> Iterator[Finding]:
    missing = {i.id: i for i in unmapped(facts)}
    for story in facts.stories:
        needed = [missing[i] for i in story.data_item_ids if i in missing]
        if not story.committed or not needed:
            continue
        names = ", ".join(i.label for i in needed[:4]) + (
            f" and {len(needed) - 4} more" if len(needed) > 4 else ""
        )
        verb = "is" if len(needed) == 1 else "are"
        yield finding(
            "story.data-unmapped",
            story.name,
            f"needs {names}, which {verb} not mapped: the story cannot be met until "
            f"{'it is' if len(needed) == 1 else 'they are'}",
            ("data_items", needed[0].id),
        )
