"""The crash test, short: SIGKILL the app mid-edit 25 times; every committed edit survives.

The long run is ``python benchmarks/crash_test.py --kills 1000`` (see the README).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "crash_test.py"
KILLS = 25


@pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
def test_killed_mid_edit_the_database_is_intact_and_holds_every_journaled_edit(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--kills", str(KILLS), "--keep", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    figures = json.loads(result.stdout)
    assert (result.returncode, figures["failures"], result.stderr) == (0, [], "")
    assert figures["kills"] == KILLS
    assert figures["edits_journaled"] > KILLS  # the children did edit between kills
    assert (tmp_path / "journal.jsonl").stat().st_size > 0
