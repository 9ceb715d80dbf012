"""Data types inferred from every value seen for an item."""

from __future__ import annotations

import pytest

from workbook.importers.value_types import ValueStats, example


def inferred(*values: str) -> str | None:
    stats = ValueStats()
    for value in values:
        stats.add(value)
    return stats.data_type()


@pytest.mark.parametrize(
    ("values", "data_type"),
    [
        ((), None),
        (("true", "FALSE"), "boolean"),
        (("2", "-1", "12500"), "integer"),
        (("2", "2.5"), "decimal"),
        (("1958-07-14", "20240312"), "date"),
        (("2024-03-12", "2024-03-12T09:30:00Z", "202403120930+0000"), "datetime"),
        (("09:30", "17:45:10"), "time"),
        (("9434765919", "9876543210"), "identifier"),  # NHS numbers: one length
        (("00123456",), "identifier"),  # a leading zero: not a number
        (("322236009", "39732311000001104"), "code"),  # SNOMED CT: lengths vary
        (
            (
                "550e8400-e29b-41d4-a716-446655440000",
                "urn:uuid:f47ac10b-58cc-4372-a567-0e02b2c3d479",
            ),
            "identifier",
        ),
        (("urn:oid:2.16.840.1.113883.2.1.4.1", "2.16.840.1.113883.2.1.3.2.4.18.23"), "identifier"),
        (("RX-2024-000123", "7A9E5C-ZCE4B5-11E1LB"), "identifier"),
        (("TAB", "CAP", "final", "mmol/L", "en-GB", "A01"), "code"),
        (("Y", "N", "1"), "code"),
        (tuple(f"CODE{i}" for i in range(21)), "string"),  # not from a small set
        (("Amelia", "Okafor-Smith"), "string"),
        (("ORAL", "Paracetamol 500mg tablets"), "string"),
        (("short", "a\nnote on two lines"), "text"),
        (("x " * 60,), "text"),
        (("QUJD" * 40,), "attachment"),
    ],
)
def test_the_type_comes_from_every_value(values: tuple[str, ...], data_type: str | None) -> None:
    assert inferred(*values) == data_type


def test_the_first_value_is_the_example() -> None:
    stats = ValueStats()
    for value in ("final", "preliminary"):
        stats.add(value)
    assert stats.example == "final"


def test_an_example_is_one_line_of_at_most_200_characters() -> None:
    assert example("two\n   lines") == "two lines"
    assert example("x" * 300) == "x" * 199 + "…"
