"""The profile facts shipped in resources/profiles/ (built by tools/build_catalogue.py).

- the Care Connect STU3 catalogue: resource profiles and extension definitions;
- the base resources and data types of each FHIR release, for mappings to resources that
  have no profile (``Task.owner``) and for walking into data types (``Patient.name.family``).

Each file is read once per process.
"""

from __future__ import annotations

import json
from functools import cache

from workbook.profiles.model import Profile
from workbook.resources import resource_path

FORMAT = "workbook-profile-facts"
FORMAT_VERSION = 1
CARE_CONNECT_FILE = "careconnect-stu3.json"
CARE_CONNECT_SOURCE = "Care Connect STU3 (bundled)"
BASE_FILES = {"STU3": "base-stu3.json", "R4": "base-r4.json"}
BASE_RELEASES = tuple(BASE_FILES)


def base_source(release: str) -> str:
    return f"FHIR {release} base"


@cache
def _load(filename: str, source: str) -> tuple[Profile, ...]:
    document = json.loads(resource_path("profiles", filename).read_text(encoding="utf-8"))
    return tuple(Profile.from_json(p, source) for p in document["profiles"])


def care_connect() -> tuple[Profile, ...]:
    """Every Care Connect STU3 profile and extension definition."""
    return _load(CARE_CONNECT_FILE, CARE_CONNECT_SOURCE)


def base_definitions(release: str) -> tuple[Profile, ...]:
    """The base resources and data types of ``release`` (STU3 or R4)."""
    return _load(BASE_FILES[release], base_source(release))
