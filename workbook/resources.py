"""Where the bundled resources are: the repository's resources/ or a PyInstaller bundle's."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def demo_engagement_path() -> Path:
    return resource_path("demo", "demo.engagement.json")
