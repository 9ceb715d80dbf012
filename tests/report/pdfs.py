"""Helpers for the report tests: write a case study, read its text and outline back."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from workbook.db.store import Store
from workbook.files.engagement_file import import_document
from workbook.report import ReportOptions, export_report


@dataclass(frozen=True)
class Entry:
    level: int
    title: str
    page: int  # 1-based


class Report:
    """A written case study: its pages' text and its outline."""

    def __init__(self, path: Path, pages: int) -> None:
        self.path = path
        self.pages = pages
        self.reader = PdfReader(path)

    @cached_property
    def texts(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    @cached_property
    def text(self) -> str:
        """All the text, each run of white space one space."""
        return flat("\n".join(self.texts))

    @cached_property
    def outline(self) -> list[Entry]:
        entries: list[Entry] = []

        def walk(items: list[Any], level: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    page = self.reader.get_destination_page_number(item) + 1
                    entries.append(Entry(level, item.title, page))

        walk(self.reader.outline, 0)
        return entries

    def titles(self, level: int) -> list[str]:
        return [e.title for e in self.outline if e.level == level]

    def section_text(self, title: str) -> str:
        """The text from the heading ``title`` to the next heading of its level or above."""
        entries = self.outline
        index = next(i for i, e in enumerate(entries) if e.title == title)
        start = entries[index]
        after = next((e for e in entries[index + 1 :] if e.level <= start.level), None)
        last_page = after.page if after else len(self.texts)
        text = flat("\n".join(self.texts[start.page - 1 : last_page]))
        begin = text.index(flat(start.title))
        return text[begin : text.index(flat(after.title), begin) if after else len(text)]


def flat(text: str) -> str:
    return " ".join(text.split())


def write_report(
    store: Store, engagement_id: int, folder: Path, name: str = "case-study.pdf", **options: Any
) -> Report:
    path = folder / name
    pages = export_report(store, engagement_id, path, options=ReportOptions(**options))
    return Report(path, pages)


def engagement(store: Store, **body: Any) -> int:
    """Import a small engagement document (title "Small" unless given) and return its id."""
    document = {
        "format": "engagement-workbook",
        "format_version": 1,
        "engagement": {"title": "Small", "stages": {}, **body},
    }
    return import_document(store, document, source="test").engagement_id
