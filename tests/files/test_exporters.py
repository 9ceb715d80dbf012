"""The file name the app offers when exporting an engagement."""

from __future__ import annotations

from workbook.files.exporters import file_name_for


def test_characters_a_file_system_refuses_become_underscores() -> None:
    assert file_name_for('GP/pharmacy: "discharge" <meds>?', ".xlsx") == (
        "GP_pharmacy_ _discharge_ _meds__.xlsx"
    )


def test_a_long_title_is_cut_before_the_suffix() -> None:
    name = file_name_for("Sharing discharge medication " * 5, " case study.pdf")
    assert name.endswith(" case study.pdf") and len(name) == 60 + len(" case study.pdf")
