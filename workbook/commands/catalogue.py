"""``catalogue``: the user story catalogue shared by every engagement."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from workbook.catalogue import files, search, transfer
from workbook.catalogue.model import CatalogueStory
from workbook.db.store import Store
from workbook.services import engagements

LIST_FIELDS = (
    "id",
    "feature",
    "actor",
    "care_setting",
    "secondary_actor",
    "requirement",
    "justification",
    "acceptance_criteria",
    "tags",
    "source",
)


def register(commands: Any) -> None:
    catalogue = commands.add_parser("catalogue", help="the user story catalogue")
    actions = catalogue.add_subparsers(dest="catalogue_command", required=True, metavar="ACTION")

    listing = actions.add_parser("list", help="list (or search) the catalogue's stories")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--search", metavar="TEXT", default="", help="words to find, best first")
    listing.add_argument("--feature", help="only stories of this feature")
    listing.add_argument("--actor", help="only stories of this actor")
    listing.add_argument("--care-setting", help="only stories in this care setting")
    listing.add_argument(
        "--tag", action="append", default=[], help="only stories with this tag (repeatable)"
    )
    listing.set_defaults(handler=list_stories)

    importing = actions.add_parser("import", help="add the stories of a .json or .csv file")
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.set_defaults(handler=import_file)

    exporting = actions.add_parser("export", help="write the catalogue to a .json or .csv file")
    exporting.add_argument("--to", type=Path, required=True, metavar="FILE")
    exporting.set_defaults(handler=export_file)

    promoting = actions.add_parser("promote", help="copy an engagement's story into the catalogue")
    promoting.add_argument("engagement", metavar="ENGAGEMENT", help="id or exact title")
    promoting.add_argument("ref", metavar="STORY_REF", help="the story's reference, e.g. US-003")
    promoting.set_defaults(handler=promote)

    using = actions.add_parser("use", help="copy a catalogue story into an engagement")
    using.add_argument("engagement", metavar="ENGAGEMENT", help="id or exact title")
    using.add_argument("catalogue_id", type=int, metavar="CATALOGUE_ID")
    using.set_defaults(handler=use)

    comparing = actions.add_parser(
        "compare", help="how an engagement's story differs from its catalogue origin"
    )
    comparing.add_argument("engagement", metavar="ENGAGEMENT", help="id or exact title")
    comparing.add_argument("ref", metavar="STORY_REF")
    comparing.set_defaults(handler=compare)


def _listed(story: CatalogueStory) -> dict[str, Any]:
    entry = story.to_json()
    return {key: entry[key] for key in LIST_FIELDS}


def list_stories(store: Store, args: argparse.Namespace) -> None:
    query = search.Query(args.search, args.feature, args.actor, args.care_setting, tuple(args.tag))
    found = search.search(store, query, limit=None).stories
    if args.json:
        print(json.dumps([_listed(s) for s in found], ensure_ascii=False, indent=2))
        return
    if not found:
        filtered = query.words or query.feature or query.actor or query.care_setting or query.tags
        print(
            "No catalogue story matches."
            if filtered
            else "The catalogue is empty. Add stories with: workbook catalogue promote "
            "ENGAGEMENT STORY_REF, or workbook catalogue import FILE"
        )
        return
    width = max(len(str(s.id)) for s in found)
    for story in found:
        print(f"{story.id:>{width}}  {story.sentence}")
        details = [story.feature or "no feature"]
        if story.tags:
            details.append(f"tags: {', '.join(story.tags)}")
        if story.source:
            details.append(f"from: {story.source}")
        print(f"{'':>{width}}  {' · '.join(details)}")


def import_file(store: Store, args: argparse.Namespace) -> None:
    for line in files.import_file(store, args.file).lines():
        print(line)


def export_file(store: Store, args: argparse.Namespace) -> None:
    count = files.export_file(store, args.to)
    print(f"Exported {count} stories to {args.to}")


def promote(store: Store, args: argparse.Namespace) -> None:
    engagement_id = engagements.resolve(store, args.engagement)
    story_id = transfer.find_story(store, engagement_id, args.ref)
    result = transfer.promote(store, story_id)
    if result.created:
        print(f"Added {args.ref} to the catalogue as story {result.catalogue_id}")
    elif result.linked:
        print(f"{args.ref} is already in the catalogue as story {result.catalogue_id}; linked")
    else:
        print(f"{args.ref} is already in the catalogue as story {result.catalogue_id}")


def use(store: Store, args: argparse.Namespace) -> None:
    engagement_id = engagements.resolve(store, args.engagement)
    result = transfer.use(store, engagement_id, args.catalogue_id)
    added = [kind.removesuffix("s") for kind, _ in result.created[:-1]]
    also = f" (new {', '.join(added)})" if added else ""
    print(
        f"Added catalogue story {args.catalogue_id} to engagement {engagement_id} "
        f"as {result.ref}{also}"
    )


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(value) if value else "(none)"
    return "(none)" if value in (None, "") else str(value)


def compare(store: Store, args: argparse.Namespace) -> None:
    engagement_id = engagements.resolve(store, args.engagement)
    story_id = transfer.find_story(store, engagement_id, args.ref)
    comparison = transfer.compare(store, story_id)
    if comparison is None:
        print(f"{args.ref} did not come from the catalogue")
        return
    if not comparison.differences:
        print(f"{args.ref} is the same as catalogue story {comparison.catalogue_id}")
        return
    print(f"{args.ref} differs from catalogue story {comparison.catalogue_id}:")
    for d in comparison.differences:
        print(f"  {d.field.replace('_', ' ')} (changed in {d.changed_in})")
        print(f"    engagement: {_shown(d.engagement)}")
        print(f"    catalogue:  {_shown(d.catalogue)}")
