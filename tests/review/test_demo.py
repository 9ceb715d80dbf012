"""The demo engagement's review: a short list a reviewer would agree with."""

from __future__ import annotations

import re
from pathlib import Path

from tests.profiles.conftest import DEMO_FINDINGS
from workbook.checks import SEVERITIES, run_checks
from workbook.db.store import Store
from workbook.review.codes import CODES
from workbook.steps import STEP_KEYS

README = Path(__file__).parents[2] / "README.md"

DEMO_REVIEW = [
    ("warning", "story.no-secondary-actor", "US-013"),
    ("info", "story.only-technical-criteria", "US-013"),
    ("warning", "story.names-technology", "US-013"),
    ("warning", "api.story-not-served", "US-009"),
    ("warning", "test.story-untested", "US-007"),
    ("warning", "test.story-untested", "US-009"),
    ("warning", "test.story-untested", "US-010"),
    ("error", "test.failed", "Change reasons shown for changed and stopped medicines"),
    ("info", "test.blocked", "Referral Task created for high-risk change"),
]


def test_what_the_demo_gets(store: Store, demo_id: int) -> None:
    findings = run_checks(store, demo_id)
    found = [(f.severity, f.code, f.subject) for f in findings]
    assert [f for f in found if f[1] in CODES] == DEMO_REVIEW
    assert [f for f in found if f[1] not in CODES] == DEMO_FINDINGS
    assert len(found) < 20  # the US-013 the demo keeps as a bad example, and real gaps


def test_every_finding_is_well_formed(store: Store, demo_id: int) -> None:
    for finding in run_checks(store, demo_id):
        assert finding.severity in SEVERITIES
        assert finding.step in STEP_KEYS
        assert finding.subject and finding.message
        assert not finding.message.endswith(".")


def test_the_readme_lists_every_code() -> None:
    section = README.read_text().split("\n## Review\n")[1].split("\n## ")[0]
    table = re.findall(r"^\| `([a-z.-]+)` \| (\w+) \|", section, re.MULTILINE)
    assert dict(table) == {c.code: c.severity for c in CODES.values()}
