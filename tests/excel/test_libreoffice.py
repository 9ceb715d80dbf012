"""The exported workbook opens in LibreOffice without repair, prints, and survives its save.

Needs LibreOffice (Debian: ``apt-get install libreoffice-calc-nogui``); skipped without it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.excel.workbooks import dataset_import, exported
from workbook.db.store import Store

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(OFFICE is None, reason="LibreOffice is not installed"),
]


def convert(path: Path, to: str, folder: Path) -> Path:
    """Convert with LibreOffice headless, in a profile of its own (runs may overlap)."""
    folder.mkdir()
    result = subprocess.run(
        [
            str(OFFICE),
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(folder),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    out = folder / f"{path.stem}.{to.split(':')[0]}"
    assert result.returncode == 0, result.stderr
    assert out.exists(), result.stdout + result.stderr
    return out


def test_the_demo_workbook_converts_to_pdf(store: Store, demo_id: int, tmp_path: Path) -> None:
    pdf = convert(exported(store, demo_id, tmp_path), "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_workbook_saved_by_libreoffice_reads_back_unchanged(
    capsys, store: Store, demo_id: int, db_path: Path, tmp_path: Path
) -> None:
    saved = convert(
        exported(store, demo_id, tmp_path), "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved"
    )
    assert dataset_import(capsys, db_path, demo_id, saved) == (
        0,
        ["added 0, changed 0, removed 0"],
        "",
    )
