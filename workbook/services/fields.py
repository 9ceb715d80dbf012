"""What each editable field accepts, so every service validates the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from workbook.errors import InvalidValueError


@dataclass(frozen=True)
class Field:
    """An editable column: its type, whether it may be empty, and its allowed values."""

    kind: str = "text"  # text | enum | bool | int | float | date | list | ref
    required: bool = False
    choices: tuple[str, ...] = ()
    target: str = ""  # for kind "ref": the collection the id points into
    default: Any = None  # stored when no value is given (for text that may be blank)

    def clean(self, name: str, value: Any) -> Any:
        if value is None:
            if self.default is not None:
                return self.default
            if self.required:
                raise InvalidValueError(f"{name} cannot be empty")
            return None
        match self.kind:
            case "text":
                if not isinstance(value, str):
                    raise InvalidValueError(f"{name} must be text, not {value!r}")
                if self.required and not value.strip():
                    raise InvalidValueError(f"{name} cannot be empty")
            case "enum":
                if value not in self.choices:
                    raise InvalidValueError(
                        f"{name} must be one of {', '.join(self.choices)}, not {value!r}"
                    )
            case "bool":
                if not isinstance(value, bool):
                    raise InvalidValueError(f"{name} must be true or false, not {value!r}")
            case "int" | "ref":
                if isinstance(value, bool) or not isinstance(value, int):
                    raise InvalidValueError(f"{name} must be a whole number, not {value!r}")
            case "float":
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise InvalidValueError(f"{name} must be a number, not {value!r}")
                value = float(value)
            case "date":
                if isinstance(value, str):
                    try:
                        value = dt.date.fromisoformat(value)
                    except ValueError as exc:
                        raise InvalidValueError(f"{name} must be a date (YYYY-MM-DD)") from exc
                if not isinstance(value, dt.date):
                    raise InvalidValueError(f"{name} must be a date, not {value!r}")
            case "list":
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise InvalidValueError(f"{name} must be a list of text")
                value = list(value)
        return value


TEXT = Field()
BLANK_TEXT = Field(default="")
REQUIRED_TEXT = Field(required=True)
BOOL = Field("bool")
FLOAT = Field("float")
LIST = Field("list")


def enum(choices: tuple[str, ...], required: bool = False) -> Field:
    return Field("enum", required=required, choices=choices)


def ref(target: str) -> Field:
    return Field("ref", target=target)
