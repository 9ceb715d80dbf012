"""The demo engagement's case study: its structure, contents, outline, pages and content."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tests.report.pdfs import Report, flat
from workbook.steps import PHASES, STEPS

TITLE = "Sharing discharge medication with GP practices and community pharmacies"
CLIENT = "Northfield and Wyre Teaching Hospitals NHS Foundation Trust"
STEP_TITLES = [f"{step.number} {step.title}" for step in STEPS]


def test_the_steps_are_numbered_sections_in_process_order_under_their_phases(
    demo_report: Report,
) -> None:
    assert demo_report.titles(0) == [
        "Contents",
        *(phase.title for phase in PHASES),
        "Appendix A  Glossary",
        "Appendix B  Data item details",
    ]
    assert demo_report.titles(1) == STEP_TITLES
    phase_of = {}
    current = None
    for entry in demo_report.outline:
        if entry.level == 0:
            current = entry.title
        elif entry.level == 1:
            phase_of[entry.title] = current
    assert [phase_of[t] for t in STEP_TITLES] == [step.phase.title for step in STEPS]


def test_the_outline_has_the_subsections_under_their_steps(demo_report: Report) -> None:
    assert demo_report.titles(2) == [
        "4.1 Business process",
        "4.2 Use cases",
        "4.3 User stories",
        "11.1 System diagram",
        "11.2 Technical acceptance criteria",
    ]


def test_the_contents_lists_every_section_with_the_page_it_starts_on(
    demo_report: Report,
) -> None:
    contents = demo_report.texts[1]
    assert contents.splitlines()[2] == "Contents"
    pages = {e.title: e.page for e in demo_report.outline}
    for title in [*STEP_TITLES, *(phase.title for phase in PHASES)]:
        # each line: its page number (after the dots), then its title
        match = re.search(r"(\d+)\n" + re.escape(title) + "\n", contents)
        assert match, title
        assert int(match[1]) == pages[title]
        assert title in flat(demo_report.texts[pages[title] - 1])  # the heading is there


def test_every_page_but_the_cover_has_the_title_and_its_number_of_the_total(
    demo_report: Report,
) -> None:
    total = len(demo_report.texts)
    assert total == demo_report.pages == 29
    assert "Page 1" not in demo_report.texts[0]
    for number, text in enumerate(demo_report.texts[1:], 2):
        assert text.startswith(f"{TITLE}\nCase study\n")
        assert f"{CLIENT} Page {number} of {total}" in flat(text)


def test_the_cover_names_the_engagement_and_who_it_is_for(demo_report: Report) -> None:
    cover = flat(demo_report.texts[0])
    today = dt.date.today()
    assert cover == (
        f"CARE CONNECT ENGAGEMENT · CASE STUDY {TITLE} {CLIENT} Client {CLIENT} ODS code RX9 "
        f"Analyst Imogen Thackeray-Vale Date {today.day} {today:%B %Y} Status In review "
        "FHIR version STU3 DRAFT"
    )


def test_the_document_describes_itself(demo_report: Report) -> None:
    info = demo_report.reader.metadata
    assert info.title == TITLE
    assert info.author == "Imogen Thackeray-Vale"
    assert info.subject == "Care Connect engagement case study"
    assert info["/Creator"].startswith("Engagement Workbook ")


def test_a_draft_has_the_watermark_on_every_page(demo_report: Report) -> None:
    assert all("DRAFT" in text for text in demo_report.texts)


def test_every_story_is_told_with_its_acceptance_criteria(
    demo_report: Report, demo_document: dict[str, Any]
) -> None:
    stories = demo_report.section_text("4.3 User stories")
    assert stories.startswith(
        "4.3 User stories 14 user stories in 5 features, each with its acceptance criteria. "
        "Discharge Medication List (View) The medicines a patient was discharged on, as "
        "clinically verified by the ward pharmacist. US-001 Must · Agreed · secondary actor: "
        "GP Clinical System (Primary Care General Practice) As a General Practitioner (Primary "
        "Care General Practice) I want to see the full list of medicines my patient was "
        "discharged on, with dose, route and frequency, in my clinical system so that I can "
        "reconcile their repeat medicines on the day of discharge without re-keying from a PDF "
        "letter ✓ Every discharge medicine shows its dm+d name, dose, route, frequency and "
        "dosage instructions. clinical"
    )
    for story in demo_document["engagement"]["user_stories"]:
        assert story["ref"] in stories
        assert flat(story["requirement"]) in stories
        for criterion in story["acceptance_criteria"]:
            assert f"✓ {flat(criterion['text'])} {criterion['kind']}" in stories


def test_stories_are_grouped_by_feature_in_the_features_order(
    demo_report: Report, demo_document: dict[str, Any]
) -> None:
    stories = demo_report.section_text("4.3 User stories")
    features = [f["name"] for f in demo_document["engagement"]["features"]]
    assert sorted(features, key=stories.index) == features
    first_feature = stories.index(features[0])
    second_feature = stories.index(features[1])
    assert first_feature < stories.index("US-001") < stories.index("US-014") < second_feature


def test_the_mapping_table_marks_its_gaps(demo_report: Report) -> None:
    mapping = demo_report.section_text("7 Map dataset")
    assert "34 of 45 data items mapped to 10 profiles; 2 gaps, shaded and named in" in mapping
    assert "Pharmacist Verified CareConnect-List-1 List.extension Extension needed" in mapping
    assert (
        "Restart Date CareConnect- MedicationStatement-1 MedicationStatement.note.text Gap"
        in mapping
    )
    assert mapping.count("Data item Profile Element path Status") == 2  # on both its pages


def test_every_element_path_and_request_line_is_printed(
    demo_report: Report, demo_document: dict[str, Any]
) -> None:
    solid = "".join(demo_report.text.split())
    for mapping in demo_document["engagement"]["mappings"]:
        assert mapping["element_path"] in solid
    for signature in demo_document["engagement"]["api_signatures"]:
        assert f"{signature['method']}[baseUrl]{signature['path']}" in solid


def test_the_api_design_shows_each_signature_with_its_parameters_and_responses(
    demo_report: Report,
) -> None:
    api = demo_report.section_text("9 Design API")
    assert (
        "1. GET /List GET [baseUrl]/List?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|"
        "{nhsNumber}&date= ge{fromDate}&_include=List:item Find discharge medication lists for "
        "a patient, with the MedicationStatement entries included. User stories: US-001, "
        "US-003, US-007, US-010 Search parameters Name Type Required Value patient.identifier "
        "token Yes https://fhir.nhs.uk/Id/nhs-number|9000000009"
    ) in api
    assert "Responses Status Meaning 200 OK Searchset Bundle; empty if the patient" in api
    assert "6. PUT /Task/{id} PUT [baseUrl]/Task/{id}" in api


def test_every_diagram_is_a_numbered_figure_of_its_step(demo_report: Report) -> None:
    captions = re.findall(r"Figure \d+\.\d+ [^\n]+", "\n".join(demo_report.texts))
    assert captions == [
        "Figure 3.1  Problem statement",
        "Figure 4.1  Discharge medication sharing (to-be)",
        "Figure 4.2  Use cases",
        "Figure 6.1  Profiles and references",
        "Figure 10.1  As-is: Discharge medicines today",
        "Figure 10.2  To-be: GP practice retrieves discharge medication",
        "Figure 10.3  To-be: Post-discharge review referral",
        "Figure 11.1  Technical context",
    ]


def test_the_other_steps_show_their_formal_outputs(demo_report: Report) -> None:
    approval = demo_report.section_text("8 Obtain approval")
    assert (
        "Dr Morwenna Tallis-Beck Medication Safety Officer 9 April 2024 Changes requested"
        in approval
    )
    assert "2 May 2024 Approved" in approval
    technical = demo_report.section_text("11 Additional technical context")
    assert "Table 11.1 Technical acceptance criteria Story Acceptance criterion US-001 The" in (
        technical
    )
    curation = demo_report.section_text("12 Resolve curation requirements")
    assert "Add an extension recording that a medication list has been clinically" in curation
    tests = demo_report.section_text("14 Implement solution")
    assert "8 tests: 4 pass, 1 fail, 1 blocked, 2 not run." in tests
    assert "GP views discharge list for test patient" in tests
    lessons = demo_report.section_text("15 Learning")
    assert lessons.index("Successes") < lessons.index("Failures") < lessons.index("Observations")
    assert "Action: Invite both sending and receiving clinicians to every dataset workshop." in (
        lessons
    )
    assert "Not recorded" not in demo_report.text


def test_long_tables_repeat_their_header_on_every_page(demo_report: Report) -> None:
    header = "Data item, source XML path Example Value set"
    pages = [
        text
        for text in demo_report.texts[demo_report.outline[-1].page - 1 :]
        if "Data item details" in text or header in flat(text)
    ]
    assert len(pages) == 3
    assert all(header in flat(text) for text in pages)
    assert "Table B.1  Data item details" in pages[0]
    assert all("Table B.1" not in text for text in pages[1:])


def test_the_contents_entries_link_to_their_pages(demo_report: Report) -> None:
    reader = demo_report.reader
    page_numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}
    targets = {
        page_numbers[link.get_object()["/Dest"][0].idnum] for link in reader.pages[1]["/Annots"]
    }
    sections = {e.page for e in demo_report.outline if e.level <= 1 and e.title != "Contents"}
    assert targets == sections
