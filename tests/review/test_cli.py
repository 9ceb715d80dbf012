"""``workbook check``: the review findings printed, or as JSON; it reports, it does not fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.review.build import new, story
from workbook.cli import run
from workbook.db.store import Store


def _check(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--db", str(db), "check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_a_list_of_findings(capsys, db_path: Path, demo_id: int) -> None:
    code, out, err = _check(capsys, db_path, str(demo_id), "--json")
    assert (code, err) == (0, "")
    findings = json.loads(out)
    assert len(findings) == 18
    assert all(list(f) == ["code", "severity", "message", "step", "subject"] for f in findings)
    assert findings[0] == {
        "code": "story.no-secondary-actor",
        "severity": "warning",
        "message": "no secondary actor (the system or setting the data comes from or goes "
        "to): it may not be an interoperability story",
        "step": "business_requirements",
        "subject": "US-013",
    }


def test_findings_are_printed_one_a_line_and_exit_0(capsys, db_path: Path, store: Store) -> None:
    engagement_id = new(store)
    story(store, engagement_id, who=None, justification=None)
    code, out, err = _check(capsys, db_path, str(engagement_id))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "warning story.no-actor US-001: say who wants this: choose a clinical or patient "
        "role as the actor",
        "warning story.no-justification US-001: say why, in “so that …” or “because …”",
    ]
