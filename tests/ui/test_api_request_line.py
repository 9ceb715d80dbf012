"""The request line preview of step 9 (Qt-free: workbook.services.api)."""

from workbook.services.api import request_line


def test_request_line_joins_the_parameters_example_values() -> None:
    parameters = [
        {"name": "patient.identifier", "value": "https://fhir.nhs.uk/Id/nhs-number|9000000009"},
        {"name": "status", "value": "active"},
        {"name": "date", "value": None},
        {"name": "", "value": "ignored"},
    ]
    assert request_line("GET", "MedicationRequest", parameters) == (
        "GET [baseUrl]/MedicationRequest?"
        "patient.identifier=https://fhir.nhs.uk/Id/nhs-number|9000000009&status=active&date=…"
    )


def test_request_line_without_parameters_and_with_a_query_in_the_path() -> None:
    assert request_line("POST", "/Bundle", []) == "POST [baseUrl]/Bundle"
    assert request_line("GET", "/List?code=x", [{"name": "a", "value": "b c"}]) == (
        "GET [baseUrl]/List?code=x&a=b%20c"
    )


def test_request_line_fills_in_parameters_the_path_already_names() -> None:
    parameters = [{"name": "date", "value": "ge2024-02-15"}, {"name": "status", "value": None}]
    assert request_line("GET", "/List?date=ge{fromDate}&_include=List:item", parameters) == (
        "GET [baseUrl]/List?date=ge2024-02-15&_include=List:item&status=…"
    )
