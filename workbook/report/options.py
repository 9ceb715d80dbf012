"""What the analyst may leave out of a case study."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.errors import InvalidValueError
from workbook.steps import STEP_KEYS


@dataclass(frozen=True)
class ReportOptions:
    """``leave_out``: keys of steps to leave out; ``appendices``: add the glossary and the
    data item details at the end; ``review``: add the review findings (``workbook check``)
    as a last appendix, for a draft the team goes through (off by default: a published case
    study does not carry the analyst's to-do list)."""

    leave_out: frozenset[str] = frozenset()
    appendices: bool = True
    review: bool = False

    def __post_init__(self) -> None:
        unknown = sorted(set(self.leave_out) - set(STEP_KEYS))
        if unknown:
            raise InvalidValueError(
                f"no step {', '.join(map(repr, unknown))}; the steps are {', '.join(STEP_KEYS)}"
            )
