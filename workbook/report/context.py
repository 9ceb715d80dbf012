"""What every section builder is given, and the small formatting helpers they share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbook import diagrams
from workbook.db.store import Store
from workbook.excel.sheets import human
from workbook.report.blocks import Section
from workbook.report.content import ReportContent


@dataclass(frozen=True)
class Context:
    store: Store
    engagement_id: int
    content: ReportContent

    def diagram(self, section: Section, kind: str, name: str | None = None) -> None:
        section.diagram(diagrams.build(self.store, self.engagement_id, kind, name))


# a step's formal outputs: adds them to the section, returns the ones not recorded
Outputs = Callable[[Context, Section], list[str]]


def word(value: str | None) -> str:
    """A vocabulary value as a person reads it ("in_scope" → "In scope"); "" for none."""
    return human(value) or ""


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"
