"""The demo engagement's case study, written once for the tests that only read it."""

from __future__ import annotations

import pytest

from tests.report.pdfs import Report, write_report
from workbook.db.store import open_store
from workbook.files.engagement_file import import_engagement_file
from workbook.resources import demo_engagement_path


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("demo-report")
    store = open_store(folder / "demo.sqlite")
    try:
        engagement_id = import_engagement_file(store, demo_engagement_path()).engagement_id
        return write_report(store, engagement_id, folder)
    finally:
        store.close()
