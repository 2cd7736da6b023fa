"""meeting.yaml: a declared schema; every problem is found at once, with its line."""

import datetime as dt

import pytest

from pipeline.errors import Severity
from pipeline.intake.meeting import parse_meeting
from tests.conftest import SAMPLE_INPUTS

SAMPLE = (SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8")


def test_the_sample_meeting_is_valid_and_typed():
    config, problems = parse_meeting(SAMPLE, "inputs/meeting.yaml")
    assert problems == []
    assert config.meeting.name == "Thirteenth Meeting of States Parties"
    assert config.meeting.reporting_period.start == dt.date(2024, 7, 1)
    doc = config.documents[0]
    assert doc.symbol == "CCM/MSP/2025/7"
    assert doc.date == dt.date(2025, 7, 14)
    assert [s.id for s in doc.sections][:3] == ["introduction", "general-status", "universalization"]
    assert doc.sections[0].heading == ""  # the introduction stands directly under its chapter
    assert all(s.required for s in doc.sections)
    assert config.drafts.tracked_changes is None  # accept, but refuse with --final


def test_all_problems_are_reported_together_with_their_lines():
    broken = (
        SAMPLE.replace("date: 2025-07-14", "date: 14/07/2025", 1)
        .replace("job_number: GE.25-11376", "job_number: 25-11376")
        .replace("  place: Geneva\n", "  place: Geneva\n  venue: Palais des Nations\n")
    )
    config, problems = parse_meeting(broken, "inputs/meeting.yaml")
    assert config is None
    assert all(p.severity == Severity.ERROR for p in problems)
    messages = [str(p) for p in problems]
    lines = {p.location.place for p in problems}
    assert len(problems) == 3, messages
    assert any("'14/07/2025' is not a date; write it as YYYY-MM-DD" in m for m in messages)
    assert any("is not of the form GE.25-11376" in m for m in messages)
    assert any("meeting: unknown key 'venue' (the keys here are: body, name, place," in m for m in messages)
    venue_line = broken.splitlines().index("  venue: Palais des Nations") + 1
    assert str(venue_line) in lines
    assert all(m.startswith("inputs/meeting.yaml:") for m in messages)


def test_a_missing_key_names_the_key_and_what_it_is_for():
    broken = SAMPLE.replace("    symbol: CCM/MSP/2025/7\n", "")
    _config, problems = parse_meeting(broken, "inputs/meeting.yaml")
    assert len(problems) == 1
    assert "missing key 'symbol': the UN document symbol" in problems[0].message


def test_broken_yaml_points_at_the_line():
    broken = SAMPLE.replace("  place: Geneva", "  place: Geneva: Palais")
    _config, problems = parse_meeting(broken, "inputs/meeting.yaml")
    assert len(problems) == 1
    line = broken.splitlines().index("  place: Geneva: Palais") + 1
    assert problems[0].location.place == str(line)
    assert "not valid YAML" in problems[0].message


def test_an_empty_file_says_so():
    _config, problems = parse_meeting("", "inputs/meeting.yaml")
    assert "the file is empty" in problems[0].message


def test_yaml_tags_are_not_objects():
    hostile = SAMPLE.replace("president: Philippines", "president: !!python/object/apply:os.getcwd []")
    _config, problems = parse_meeting(hostile, "inputs/meeting.yaml")
    assert len(problems) == 1
    assert "the tag !!python/object/apply:os.getcwd is not allowed" in problems[0].message
    assert problems[0].location.place == "14"


def test_cross_checks_find_duplicate_sections_and_reversed_periods():
    broken = SAMPLE.replace(
        "dates: {start: 2025-09-16, end: 2025-09-19}", "dates: {start: 2025-09-19, end: 2025-09-16}"
    ).replace("- id: transparency", "- id: clearance")
    _config, problems = parse_meeting(broken, "inputs/meeting.yaml")
    messages = " | ".join(p.message for p in problems)
    assert "meeting.dates: end 2025-09-16 is before start 2025-09-19" in messages
    assert "two sections have the id 'clearance'" in messages


def line_of(text, fragment):
    return str(next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line))


def test_a_misspelt_key_is_refused_with_the_key_meant_and_its_path_and_line():
    broken = SAMPLE.replace("  president: Philippines", "  President: Philippines").replace(
        "    job_number: GE.25-11376", "    job_no: GE.25-11376\n    job_number: GE.25-11376"
    )
    _config, problems = parse_meeting(broken, "inputs/meeting.yaml")
    assert [str(p) for p in problems] == [
        f"inputs/meeting.yaml:{line_of(broken, 'President:')}: ERROR: meeting: unknown key 'President'; "
        "did you mean 'president'? [config]",
        # A missing key is reported where its mapping starts.
        f"inputs/meeting.yaml:{line_of(broken, '  body:')}: ERROR: meeting: missing key 'president': "
        "the State presiding the meeting [config]",
        f"inputs/meeting.yaml:{line_of(broken, 'job_no:')}: ERROR: documents[1]: unknown key 'job_no'; "
        "did you mean 'job_number'? [config]",
    ]


def test_a_finding_deep_in_the_file_names_its_key_path():
    broken = SAMPLE.replace("- id: transparency", "- id: Transparency")
    _config, [problem] = parse_meeting(broken, "inputs/meeting.yaml")
    assert problem.location.place == line_of(broken, "- id: Transparency")
    assert problem.message.startswith("documents[1].chapters[")
    assert ".id: 'Transparency' is not of the form lower-case-words" in problem.message


@pytest.mark.slow  # seconds of its own: make test runs it, make check leaves it out
def test_yaml_nested_too_deep_for_the_parser_is_a_finding():
    _config, [problem] = parse_meeting("meeting: " + "[" * 5000, "inputs/meeting.yaml")
    assert "nested hundreds of levels deep" in problem.message


def test_the_tolerance_for_typed_approximations_is_a_per_cent_from_0_to_100():
    sample = (SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8")
    config, found = parse_meeting(sample, "inputs/meeting.yaml")
    assert config.figures.tolerance_percent == 10 and not found
    config, found = parse_meeting(sample + "\nfigures: {tolerance_percent: 5}\n", "inputs/meeting.yaml")
    assert config.figures.tolerance_percent == 5 and not found
    _config, found = parse_meeting(sample + "\nfigures: {tolerance_percent: -3}\n", "inputs/meeting.yaml")
    line = len(sample.splitlines()) + 2  # the line added after the sample's last
    assert [str(d) for d in found] == [
        f"inputs/meeting.yaml:{line}: ERROR: figures.tolerance_percent: -3 is not a per cent from 0 to 100 [config]"
    ]
