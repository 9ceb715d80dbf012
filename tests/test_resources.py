"""Bundled resources are found from a source checkout and inside the PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from workbook.db import store
from workbook.resources import demo_engagement_path, resource_path, resources_dir

ROOT = Path(__file__).resolve().parents[1]


def test_from_source_the_resources_are_the_repositorys() -> None:
    assert not hasattr(sys, "_MEIPASS")
    assert resources_dir() == ROOT / "resources"
    assert demo_engagement_path().is_file()
    assert resource_path("icons", "engagement-workbook.png").is_file()
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()


def test_in_the_bundle_the_resources_are_the_bundles(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"
    assert demo_engagement_path() == tmp_path / "resources" / "demo" / "demo.engagement.json"


def test_the_migrations_sit_beside_the_store_where_the_bundle_puts_them() -> None:
    # build_installer.spec copies workbook/db/migrations to the same place in the bundle
    assert Path(store.__file__).parent / "migrations" == store.MIGRATIONS_DIR
    assert (store.MIGRATIONS_DIR / "env.py").is_file()
    assert (store.MIGRATIONS_DIR / "script.py.mako").is_file()
    spec = (ROOT / "build_installer.spec").read_text(encoding="utf-8")
    assert '(str(MIGRATIONS), "workbook/db/migrations")' in spec
    assert '(str(ROOT / "resources"), "resources")' in spec
