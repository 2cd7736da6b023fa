"""The yearly cycle's calendar in meeting.yaml: drafts' due dates, the UN's ten-week rule for documents
going to processing, the coordinators' contacts and the reminders' sender (pipeline/intake/cycle.py)."""

import datetime as dt

from pipeline.errors import Severity
from pipeline.intake.meeting import parse_meeting
from pipeline.model import Deadlines, days_past
from pipeline.publish.keys import settings_of
from tests.conftest import SAMPLE_INPUTS

SAMPLE = (SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8")


def parsed(text: str):
    return parse_meeting(text, "inputs/meeting.yaml")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_sample_calendar_agrees_with_the_ten_week_rule():
    config, found = parsed(SAMPLE)
    assert found == []
    assert config.deadlines == Deadlines(drafts_due=dt.date(2025, 6, 13), processing_weeks=10)
    # 16 September 2025 minus ten weeks
    assert config.deadlines.processing_deadline(config.meeting.dates.start) == dt.date(2025, 7, 8)
    report = config.documents[0]
    assert report.submitted == dt.date(2025, 7, 8) and report.date == dt.date(2025, 7, 14)
    assert config.families[0].submitted == dt.date(2025, 7, 8)
    assert {config.due_of(s) for s in report.sections} == {dt.date(2025, 6, 13)}


def test_every_coordinating_state_of_the_sample_has_a_contact_in_its_language():
    config, _ = parsed(SAMPLE)
    coordinating = {c for s in config.documents[0].sections for c in s.coordinators}
    assert set(config.coordinators) == coordinating
    assert config.coordinators["Peru"].language == "es"
    assert config.coordinators["Switzerland"].language == "fr"
    assert config.coordinators["Ireland"].email == "coordinator.ireland@example.org"
    assert config.mail.sender == "CCM Implementation Support Unit <isu@example.org>"
    assert config.mail.smtp is None  # the sample only writes reminders


def test_a_document_sent_for_processing_after_the_deadline_is_a_warning_at_its_line():
    late = SAMPLE.replace("submitted: 2025-07-08          #", "submitted: 2025-07-20          #")
    _config, found = parsed(late)
    assert [(d.severity, d.code, d.location.place) for d in found] == [
        (Severity.WARNING, "config.late-for-processing", str(line_of(late, "submitted: 2025-07-20")))
    ]
    assert "progress-report goes for processing on 2025-07-20, 12 day(s) after the UN's deadline" in found[0].message
    assert "by 2025-07-08" in found[0].message


def test_the_number_of_weeks_is_a_setting():
    eight = SAMPLE.replace("processing_weeks: 10", "processing_weeks: 8")
    config, found = parsed(eight.replace("submitted: 2025-07-08          #", "submitted: 2025-07-20          #"))
    assert found == []  # 16 September minus eight weeks is 22 July
    assert config.deadlines.processing_deadline(config.meeting.dates.start) == dt.date(2025, 7, 22)


def test_drafts_due_after_the_document_must_go_for_processing_are_a_warning():
    text = SAMPLE.replace("drafts_due: 2025-06-13", "drafts_due: 2025-07-10").replace(
        "            coordinators: [New Zealand]",
        "            coordinators: [New Zealand]\n            due: 2025-08-01",
    )
    config, found = parsed(text)
    assert [(d.code, d.location.place, d.message.split(":")[0]) for d in found] == [
        ("config.due-after-processing", str(line_of(text, "drafts_due:")), "deadlines.drafts_due"),
        (
            "config.due-after-processing",
            str(line_of(text, "due: 2025-08-01")),
            "documents[1].chapters[2].sections[9].due",
        ),
    ]
    national = next(s for s in config.documents[0].sections if s.id == "national-implementation")
    assert config.due_of(national) == dt.date(2025, 8, 1)
    assert config.due_of(config.documents[0].sections[0]) == dt.date(2025, 7, 10)


def test_a_contact_for_a_state_that_coordinates_nothing_names_the_likely_one():
    _config, found = parsed(SAMPLE.replace("  Belgium:", "  Belgim:"))
    assert [d.message for d in found] == [
        "coordinators.Belgim: Belgim coordinates no section of the documents: no reminder goes to this contact; "
        "did you mean 'Belgium'?"
    ]


def test_bad_contacts_and_mail_settings_are_all_reported_at_once():
    text = (
        SAMPLE.replace("coordinator.ireland@example.org", "coordinator.ireland(at)example.org")
        .replace("coordinador.peru@example.org, language: es", "coordinador.peru@example.org, language: pt")
        .replace("processing_weeks: 10", "processing_weeks: 0")
        .replace(
            "  # smtp: {host: smtp.example.org, port: 587,",
            "  smtp: {host: smtp.example.org, port: 99999, password_env: my password}\n  # smtp: {",
        )
    )
    config, found = parsed(text)
    assert config is None
    assert sorted(d.message.split(":")[0] for d in found) == [
        "coordinators.Ireland.email",
        "coordinators.Peru.language",
        "deadlines.processing_weeks",
        "mail.smtp.password_env",
        "mail.smtp.port",
    ]
    severity = {d.message.split(":")[0]: d.severity for d in found}
    assert severity["coordinators.Ireland.email"] == severity["coordinators.Peru.language"] == Severity.WARNING
    assert severity["mail.smtp.port"] == Severity.ERROR  # the contacts' are warnings: see below
    assert all(d.location.place for d in found)


def test_a_server_gets_the_usual_port_for_its_security():
    text = SAMPLE.replace("  # smtp: {host", "  smtp: {host: smtp.example.org, security: tls}\n  # smtp: {host")
    config, found = parsed(text)
    assert found == [] and config.mail.smtp.port == 465 and config.mail.smtp.password_env == "CCM_SMTP_PASSWORD"


def test_a_meeting_being_prepared_has_no_calendar_to_check_yet():
    text = SAMPLE.replace("dates: {start: 2025-09-16, end: 2025-09-19}", "dates: {start: 2026-MM-DD, end: 2026-MM-DD}")
    _config, found = parsed(text)
    assert {d.code for d in found} == {"config.placeholder"}


def test_the_calendar_makes_no_new_version_of_a_document():
    config, _ = parsed(SAMPLE)
    later, _ = parsed(
        SAMPLE.replace("submitted: 2025-07-08          #", "submitted: 2025-07-01          #").replace(
            "            coordinators: [New Zealand]",
            "            coordinators: [New Zealand]\n            due: 2025-06-01",
        )
    )
    assert settings_of(later.documents[0], later) == settings_of(config.documents[0], config)
    retitled, _ = parsed(SAMPLE.replace("title: Progress Report", "title: The Progress Report"))
    assert settings_of(retitled.documents[0], retitled) != settings_of(config.documents[0], config)


def test_days_past_counts_from_the_due_date():
    due = dt.date(2025, 6, 13)
    assert days_past(due, dt.date(2025, 6, 20)) == 7  # a week overdue
    assert days_past(due, due) == 0
    assert days_past(due, dt.date(2025, 6, 10)) == -3  # three days left


def test_a_refused_meeting_date_is_reported_once_and_the_calendar_waits_for_it():
    _config, found = parsed(SAMPLE.replace("dates: {start: 2025-09-16, end: 2025-09-19}", "dates: 16-19 September"))
    assert [d.message for d in found] == ["meeting.dates: expected a mapping of keys, found a single value"]


def test_a_misspelt_coordinator_in_a_section_is_named_at_its_line_with_the_state_meant():
    text = SAMPLE.replace("coordinators: [Chile, Spain]", "coordinators: [Chille, Spain]").replace(
        "coordinators: [Philippines]", "coordinators: [Philippines, ISU]"
    )
    _config, found = parsed(text)
    assert [(d.code, d.location.place, d.message) for d in found] == [
        (
            "config.coordinator-not-a-state",
            str(line_of(text, "[Chille, Spain]")),
            "documents[1].chapters[2].sections[6].coordinators: 'Chille' is not the UN short name of a State; "
            "did you mean 'Chile'?",
        ),
        (  # its contact now coordinates nothing; the suggestion never points to the misspelling
            "config.coordinator-unknown",
            str(line_of(text, "  Chile: {")),
            "coordinators.Chile: Chile coordinates no section of the documents: no reminder goes to this contact; "
            "check the name against the sections' coordinators",
        ),
    ]  # "ISU" is no State and close to none: a coordinator that is not a State is allowed


def test_an_informal_name_of_a_coordinating_state_gets_its_un_short_name():
    _config, found = parsed(SAMPLE.replace("[Mexico, Netherlands (Kingdom of the)]", "[Mexico, Holland]"))
    messages = [d.message for d in found if d.code == "config.coordinator-not-a-state"]
    assert messages == [
        "documents[1].chapters[2].sections[7].coordinators: 'Holland' is not the UN short name of a State; "
        "did you mean 'Netherlands (Kingdom of the)'?"
    ]


def test_a_bad_contact_is_a_warning_and_the_documents_still_build():
    """A typo in an address must not stop the documents going to the UN: that contact gets no reminder."""
    text = SAMPLE.replace("coordinador.espana@example.org", "coordinador.espana@example")
    config, found = parsed(text)
    assert config is not None and "Spain" not in config.coordinators and "Chile" in config.coordinators
    assert [(d.severity, d.code, d.location.place) for d in found] == [
        (Severity.WARNING, "config.contact", str(line_of(text, "coordinador.espana@example")))
    ]
    assert "no reminder goes to this contact until it is corrected" in found[0].message


def test_a_login_without_encryption_is_said_before_anything_is_sent():
    text = SAMPLE.replace(
        "  # smtp: {host", "  smtp: {host: mail.example.org, security: none, username: isu}\n  # smtp: {host"
    )
    _config, found = parsed(text)
    assert [d.code for d in found] == ["config.login-in-clear"]
    assert "would send the password unencrypted" in found[0].message
