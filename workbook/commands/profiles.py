"""``profiles list`` and ``profiles import``: what the mappings can use (steps 6 and 7)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from workbook.db.store import Store
from workbook.profiles import bundled
from workbook.profiles.importing import import_profiles
from workbook.profiles.library import available_profiles
from workbook.profiles.model import Profile
from workbook.vocabulary import FHIR_VERSIONS


def register(commands: Any) -> None:
    profiles = commands.add_parser("profiles", help="FHIR profiles available for mapping")
    actions = profiles.add_subparsers(dest="profiles_command", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="list the profiles, extensions and base resources")
    listing.add_argument("--json", action="store_true", help="print a JSON object")
    listing.add_argument(
        "--fhir-version", choices=FHIR_VERSIONS, help="only what an engagement on it can use"
    )
    listing.set_defaults(handler=list_profiles)
    importing = actions.add_parser(
        "import", help="import StructureDefinitions (.xml, .json, a folder, or a .tgz package)"
    )
    importing.add_argument("path", type=Path, metavar="PATH")
    importing.set_defaults(handler=import_path)


def import_path(store: Store, args: argparse.Namespace) -> None:
    for line in import_profiles(store, args.path).lines():
        print(line)


def _entry(profile: Profile, preferred: bool) -> dict[str, Any]:
    return {
        "url": profile.url,
        "name": profile.name,
        "version": profile.version,
        "fhir_version": profile.fhir_version,
        "type": profile.type,
        "kind": profile.kind,
        "status": profile.status,
        "source": profile.source,
        "preferred": preferred,
    }


def list_profiles(store: Store, args: argparse.Namespace) -> None:
    releases = [args.fhir_version] if args.fhir_version else list(FHIR_VERSIONS)
    entries, base = [], []
    for release in releases:
        library = available_profiles(store, release)
        entries += [_entry(p, library.find(p.url) is p) for p in library.profiles()]
        resources = [p.type for p in library.base_resources()]
        base.append({"fhir_version": release, "source": bundled.base_source(release)})
        base[-1]["resources"] = resources
    if args.json:
        print(json.dumps({"profiles": entries, "base_resources": base}, indent=2))
        return
    by_source: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        by_source.setdefault(entry["source"], []).append(entry)
    for source, rows in by_source.items():
        extensions = sum(1 for r in rows if r["kind"] == "extension")
        print(f"{source}: {len(rows) - extensions} profiles, {extensions} extensions")
        width = max(len(r["name"]) for r in rows)
        for r in rows:
            older = (
                "" if r["preferred"] else "  (older version: used only when named as URL|version)"
            )
            print(
                f"  {r['name']:<{width}}  {r['version'] or '-':<8} {r['fhir_version']:<5} "
                f"{r['type']:<20} {r['url']}{older}"
            )
    for summary in base:
        print(
            f"{summary['source']}: {len(summary['resources'])} resources, "
            f"e.g. {', '.join(summary['resources'][:4])}…"
        )
    if not any(e["source"].startswith("imported") for e in entries):
        print("Imported: none yet (workbook profiles import PATH)")
