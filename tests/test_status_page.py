"""What the status page tells the Coordination Committee besides the build's status: the calendar in days,
the findings in plain words, what changed since the last build, the links to the outputs."""

import datetime as dt
import json
import re

import pytest

from pipeline.errors import Location, info, warning
from pipeline.intake.inputs import read_inputs
from pipeline.publish.plain import TITLES, plain_title
from pipeline.publish.status import document_status, status_data, status_html, summary_lines
from pipeline.publish.status_page import by_file, changes, output_groups, processing, timing
from pipeline.verify.preflight import CODES as PREFLIGHT_CODES
from tests.conftest import ROOT, TEMPLATES

DAY = dt.date(2025, 6, 20)


@pytest.mark.parametrize(
    ("due", "received", "required", "state", "days", "text"),
    [
        ("2025-06-13", "2025-06-02", True, "on time", -11, "received on time"),
        ("2025-06-13", "2025-06-13", True, "on time", 0, "received on time"),
        ("2025-06-13", "2025-06-14", True, "late", 1, "received 1 day late"),
        ("2025-06-13", "", True, "overdue", 7, "MISSING: 7 days overdue"),
        ("2025-06-20", "", True, "due today", 0, "not received yet: due today"),
        ("2025-06-23", "", True, "open", -3, "not received yet: 3 days left"),
        ("", "", True, "missing", None, "MISSING (no due date set)"),
        ("", "2025-06-01", True, "received", None, "received"),
        ("2025-06-13", "", False, "optional", None, "not received (optional)"),
    ],
)
def test_a_sections_standing_counts_days_from_its_due_date(due, received, required, state, days, text):
    assert timing(due, received, DAY, required) == {"state": state, "days": days, "text": text}


def test_a_document_is_measured_against_the_processing_deadline():
    deadline = dt.date(2025, 7, 8)
    assert processing(deadline, "2025-07-08", dt.date(2025, 7, 8))["text"] == "submitted 2025-07-08: on time"
    assert processing(deadline, "2025-07-10", dt.date(2025, 7, 11))["text"] == "submitted 2025-07-10: 2 days late"
    assert processing(deadline, "2025-07-08", DAY)["text"] == "to be submitted 2025-07-08: on time"
    assert processing(deadline, "", DAY)["text"] == "not yet submitted: 18 days left"
    assert processing(deadline, "", dt.date(2025, 7, 9))["text"] == "not yet submitted: 1 day overdue"
    assert processing(None, "", DAY)["text"] == ""


def test_a_missing_draft_shows_its_coordinators_with_their_contacts_and_the_days_overdue(project):
    """The sample with the victim assistance folder emptied, read by intake, on 20 June 2025."""
    project.clear_drafts("victim-assistance")
    inputs = read_inputs(project.inputs, TEMPLATES)
    config = inputs.config
    spec = config.documents[0]
    status = document_status(spec, dict(inputs.drafts), dict(inputs.stats), (), dict(inputs.folders), config=config)
    built = dt.datetime(2025, 6, 20, 12, tzinfo=dt.UTC)
    data = status_data((status,), inputs.diagnostics, {}, {}, config=config, built=built)
    sections = {s["id"]: s for s in data["documents"][0]["sections"]}
    missing = sections["victim-assistance"]
    assert missing["received"] is False and missing["due"] == "2025-06-13"
    assert missing["coordinators"] == [
        {"state": "Chile", "contact": "Sra. Camila Rojas", "email": "coordinadora.chile@example.org"},
        {"state": "Spain", "contact": "Sr. Pablo Martin", "email": "coordinador.espana@example.org"},
    ]
    assert missing["timing"] == {"state": "overdue", "days": 7, "text": "MISSING: 7 days overdue"}
    page = status_html(data, "Status")
    assert '<a href="mailto:coordinadora.chile@example.org">Sra. Camila Rojas</a>' in page  # write to them
    assert sections["introduction"]["timing"]["text"] == "received on time"
    assert sections["national-implementation"]["timing"]["text"] == "received 7 days late"  # saved 20 June
    assert data["summary"]["received"] == 9 and data["summary"]["overdue"] == 1
    assert data["documents"][0]["processing"]["text"] == "to be submitted 2025-07-08: on time"  # on 20 June
    # status.json: the same, as plain JSON, the earlier keys kept for scripts
    again = json.loads(json.dumps(data))
    assert {"documents", "findings", "acknowledged", "data"} <= set(again)
    assert {"id", "heading", "received", "file", "saved", "chosen", "words"} <= set(
        again["documents"][0]["sections"][0]
    )
    early = status_data((status,), (), {}, {}, config=config, built=dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC))
    [before] = [s for s in early["documents"][0]["sections"] if s["id"] == "victim-assistance"]
    assert before["timing"]["text"] == "not received yet: 3 days left"
    assert "MISSING: 7 days overdue" in status_html(data, "Status")
    lines = summary_lines(again)  # ccm-report status, from status.json
    assert lines[0] == "status of the build of 2025-06-20T12:00:00Z"
    [victim] = [line for line in lines if line.strip().startswith("Victim assistance")]
    assert victim.endswith("MISSING: 7 days overdue (coordinators: Chile, Spain): placeholder in the document")
    [late] = [line for line in lines if line.strip().startswith("National implementation")]
    assert "(2025-06-20, saved date; received 7 days late)" in late  # the page's standing, in the terminal too


def test_each_output_is_linked_by_what_it_is_grouped_by_language():
    files = [
        "progress-report/xliff/CCM_MSP_2025_7.en-fr.xlf",
        "progress-report/xliff/CCM_MSP_2025_7.en-ar.xlf",
        "progress-report/review/en/CCM_MSP_2025_7-figures.html",
        "progress-report/fr/CCM_MSP_2025_7.docx",
        "progress-report/en/CCM_MSP_2025_7-preflight.txt",
        "progress-report/en/CCM_MSP_2025_7.pdf",
        "progress-report/en/CCM_MSP_2025_7.docx",
        "progress-report/en/CCM_MSP_2025_7-redline.docx",
        "progress-report/en/a name with spaces.html",
    ]
    groups = {g["group"]: [(link["label"], link["href"]) for link in g["links"]] for g in output_groups(files)}
    assert list(groups) == ["English", "French", "Review, English", "XLIFF 2.1 for translators"]
    assert [label for label, _href in groups["English"]] == [
        "Word",
        "PDF",
        "Web page",
        "Preflight report",
        "Redline (Word)",
    ]
    assert ("Web page", "progress-report/en/a%20name%20with%20spaces.html") in groups["English"]
    assert groups["XLIFF 2.1 for translators"] == [
        ("French", "progress-report/xliff/CCM_MSP_2025_7.en-fr.xlf"),
        ("Arabic", "progress-report/xliff/CCM_MSP_2025_7.en-ar.xlf"),
    ]


def test_findings_are_grouped_by_file_in_plain_words_the_notes_apart():
    found = [
        info("figure.confirmed", Location("a.docx", "paragraph 2"), "agrees"),
        warning("figure.contradicts", Location("a.docx", "paragraph 3"), "“40” but the data say 41"),
        warning("draft.country-name", Location("b.docx", "paragraph 1"), "informal name"),
    ]
    groups = by_file(found)
    assert [g["file"] for g in groups] == ["a.docx", "b.docx"]
    [contradicted] = groups[0]["findings"]
    assert contradicted["title"] == "A typed figure disagrees with the data"
    assert contradicted["code"] == "figure.contradicts" and contradicted["place"] == "paragraph 3"
    assert [n["title"] for n in groups[0]["notes"]] == ["A typed figure agrees with the data"]
    assert plain_title("draft.something-new") == "About a draft" and plain_title("zzz") == "A finding"


def test_every_code_the_pipeline_reports_has_a_plain_title():
    """Codes are found in the source as the first argument of warning(), error(), info() and Diagnostic();
    those made from a variable part are listed here with their parts."""
    codes = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'\b(?:warning|error|info|Diagnostic)\(\s*"([a-z0-9.-]+)"', text))
        codes |= set(re.findall(r'\bcode\s*=\s*"([a-z]+\.[a-z0-9-]+)"', text))
    refusals = ("empty", "encrypted", "too-large", "unreadable", "unsafe-xml", "unsafe-zip", "zip-bomb")
    codes |= {f"{kind}.{r}" for kind in ("draft", "data") for r in refusals}
    codes |= {f"preflight.{c}" for c in PREFLIGHT_CODES}
    codes |= {"acknowledged.code", "acknowledged.error", "acknowledged.lapsed", "config.placeholder"}
    codes |= {
        f"config.{c}"
        for c in (
            "late-for-processing",
            "due-after-processing",
            "coordinator-unknown",
            "coordinator-not-a-state",
            "contact",
            "login-in-clear",
        )
    }
    assert len(codes) > 60
    assert sorted(codes - set(TITLES)) == []


def test_what_changed_since_the_last_build_compares_documents_and_findings():
    finding = {"code": "draft.country-name", "severity": "WARNING", "where": "a.docx:paragraph 1", "message": "m"}
    data = {
        "documents": [
            {
                "symbol": "CCM/MSP/2025/7",
                "state": "rebuilt: victim-assistance: its draft is now v2.docx, in place of v1.docx",
            },
            {"symbol": "CCM/MSP/2025/3", "state": "unchanged"},
        ],
        "findings": [{**finding, "key": "k2"}],
    }
    previous = {"built": {"utc": "2025-06-19T09:00:00Z"}, "findings": [{**finding, "key": "k1"}]}
    found = changes(data, previous)
    assert found["since"] == "2025-06-19T09:00:00Z" and not found["first"]
    assert found["rebuilt"] == [
        {"symbol": "CCM/MSP/2025/7", "why": "victim-assistance: its draft is now v2.docx, in place of v1.docx"}
    ]
    assert [f["key"] for f in found["new"]] == ["k2"] and [f["key"] for f in found["gone"]] == ["k1"]
    assert changes(data, None)["first"]


def test_a_date_of_submission_still_a_placeholder_is_not_yet_submitted():
    """new-meeting leaves submitted: 2026-MM-DD; once the meeting's dates are set the page still builds."""
    from pipeline.intake.meeting import parse_meeting
    from tests.conftest import SAMPLE_INPUTS

    text = (SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8")
    config, _ = parse_meeting(text.replace("submitted: 2025-07-08          #", "submitted: 2026-MM-DD     #"), "m")
    status = document_status(config.documents[0], {}, {}, (), config=config)
    data = status_data((status,), (), {}, {}, config=config, built=dt.datetime(2025, 7, 1, 12, tzinfo=dt.UTC))
    assert data["documents"][0]["processing"]["text"] == "not yet submitted: 7 days left"
    assert "not yet submitted: 7 days left" in status_html(data, "Status")
