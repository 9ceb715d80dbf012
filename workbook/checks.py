"""Review findings about an engagement, and the registry of checks that produce them.

A check is a function ``(store, engagement_id) -> Iterable[Finding]`` registered with
:func:`check`. Modules holding checks are listed in ``CHECK_MODULES`` and imported when
checks run, so adding a kind of check means writing its module and adding one line there.
Findings are advice for the analyst, never errors: ``workbook check`` prints them and
succeeds.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from workbook.db.store import Store
from workbook.steps import STEP_KEYS

CHECK_MODULES = (
    "workbook.profiles.validation",
    "workbook.review.stories",
    "workbook.review.dataset_mapping",
    "workbook.review.design_delivery",
    "workbook.review.completeness",
    "workbook.review.approval",
    # one line per module of checks; keep the trailing comma
)
SEVERITIES = ("error", "warning", "info")
Target = tuple[str, int]  # (collection, row id), e.g. ("user_stories", 12)


@dataclass(frozen=True)
class Finding:
    """One thing to look at: ``code`` is stable (``mapping.path-unknown``), ``step`` is the
    key of the step where it is fixed, ``subject`` names what it is about
    (``NHS Number → Patient.identifier:nhsNumber.value``). ``target`` is the row the
    subject is, where there is one, so the app can show it; it is not part of the output."""

    code: str
    severity: str  # error | warning | info
    message: str
    step: str
    subject: str
    target: Target | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "step": self.step,
            "subject": self.subject,
        }

    def line(self) -> str:
        return f"{self.severity} {self.code} {self.subject}: {self.message}"


CheckFunction = Callable[[Store, int], Iterable[Finding]]
_CHECKS: dict[str, CheckFunction] = {}


def check(name: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under ``name`` (a later registration of the same name replaces it)."""

    def register(function: CheckFunction) -> CheckFunction:
        _CHECKS[name] = function
        return function

    return register


def run_checks(store: Store, engagement_id: int) -> list[Finding]:
    """Every registered check's findings, in step order (each check's own order within)."""
    for module in CHECK_MODULES:
        importlib.import_module(module)
    findings = [f for function in _CHECKS.values() for f in function(store, engagement_id)]
    order = {key: i for i, key in enumerate(STEP_KEYS)}
    return sorted(findings, key=lambda f: order.get(f.step, len(order)))
