"""The command line's handlers, called as ``workbook`` calls them, minus argument parsing."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbook.commands import catalogue, dataset, engagement_files, process, profiles
from workbook.db.store import Store


def _handler(function: Callable[[Store, argparse.Namespace], None], **args: Any) -> Any:
    return lambda store: function(store, argparse.Namespace(**args))


def import_engagement(path: Path) -> Callable[[Store], None]:
    """``workbook import FILE``"""
    return _handler(engagement_files.import_file, file=path, replace=False)


def import_dataset(engagement: int, *paths: Path) -> Callable[[Store], None]:
    """``workbook dataset import ENGAGEMENT FILE...`` (applied, not a dry run)"""
    return _handler(
        dataset.import_dataset, engagement=str(engagement), files=list(paths), dry_run=False
    )


def import_process(engagement: int, path: Path) -> Callable[[Store], None]:
    """``workbook process import ENGAGEMENT FILE.bpmn``"""
    return _handler(process.import_process, engagement=str(engagement), file=path)


def import_profiles(path: Path) -> Callable[[Store], None]:
    """``workbook profiles import PATH``"""
    return _handler(profiles.import_path, path=path)


def import_catalogue(path: Path) -> Callable[[Store], None]:
    """``workbook catalogue import FILE``"""
    return _handler(catalogue.import_file, file=path)
