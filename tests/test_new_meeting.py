"""ccm-report new-meeting: the next meeting prepared from this one, this one kept in archive/<meeting>/."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from pipeline.build import build, check
from pipeline.build.next_meeting import new_meeting
from pipeline.errors import Severity
from pipeline.intake.folders import scan_folder
from pipeline.publish.cycle import meeting_slug, next_job_number, next_symbol, ordinal
from tests.conftest import TEMPLATES, tree_hashes

# meeting.dates.start and .end, president; the drafts' due date; the report's symbol, date, job number and
# date of submission for processing; the family's four
PLACEHOLDERS = 12


def run(project, **options) -> list[str]:
    return new_meeting(project.inputs, project.outputs, project.root / "archive", **options)


def placeholders(diagnostics) -> list:
    return [d for d in diagnostics if d.code == "config.placeholder"]


def test_ordinals_and_names():
    assert [ordinal(n) for n in (1, 12, 13, 14, 20, 21, 30, 42)] == [
        "First",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Twentieth",
        "Twenty-first",
        "Thirtieth",
        "Forty-second",
    ]
    assert meeting_slug("Thirteenth Meeting of States Parties", 2025) == "13MSP-2025"
    assert meeting_slug("Third Review Conference", 2026) == "3RC-2026"
    assert next_symbol("CCM/MSP/2025/7") == "CCM/MSP/2026/[number]"
    assert next_job_number("GE.25-11376") == "GE.26-[number]"


def test_new_meeting_prepares_the_fourteenth(project):
    (project.inputs / "issued" / "progress-report" / "1").mkdir(parents=True)
    (project.inputs / "issued" / "progress-report" / "1" / "issued.json").write_text("{}")
    (project.outputs / "progress-report").mkdir(parents=True)
    (project.outputs / "progress-report" / "old.docx").write_bytes(b"last year's")
    before = tree_hashes(project.inputs)
    workbook = (project.inputs / "data" / "states-parties.xlsx").read_bytes()

    lines = run(project)

    archive = project.root / "archive" / "13MSP-2025"
    assert tree_hashes(archive / "inputs") == before  # the record, as it was
    assert (archive / "outputs" / "progress-report" / "old.docx").read_bytes() == b"last year's"
    assert not (project.outputs / "progress-report").exists()
    # nothing of last year's can make this year's a revision; translations and acknowledgements stay behind
    assert not (project.inputs / "issued").exists()
    assert not (project.inputs / "translations").exists()
    assert (project.inputs / "data" / "states-parties.xlsx").read_bytes() == workbook
    # each section's last draft, and only it, under previous/; the folder itself holds no draft
    risk = project.inputs / "drafts" / "risk-education"
    assert [p.name for p in risk.iterdir()] == ["previous"]
    assert [p.name for p in (risk / "previous").iterdir()] == ["Risk education - draft v2.docx"]
    assert scan_folder(risk, "risk-education", project.inputs).chosen is None
    assert scan_folder(risk, "risk-education", project.inputs).ignored == ()  # previous/ is not even named

    meeting = project.meeting()
    assert meeting["meeting"]["name"] == "Fourteenth Meeting of States Parties"
    assert str(meeting["meeting"]["reporting_period"]["start"]) == "2025-07-01"
    assert str(meeting["meeting"]["reporting_period"]["end"]) == "2026-06-30"
    assert meeting["meeting"]["dates"] == {"start": "2026-MM-DD", "end": "2026-MM-DD"}
    report = meeting["documents"][0]
    assert (report["symbol"], report["job_number"], report["date"]) == (
        "CCM/MSP/2026/[number]",
        "GE.26-[number]",
        "2026-MM-DD",
    )
    assert report["submitted"] == meeting["deadlines"]["drafts_due"] == "2026-MM-DD"  # the calendar moves on
    assert meeting["coordinators"]["Peru"]["language"] == "es"  # the contacts stay
    assert report["submitted_by"] == "the President of the Fourteenth Meeting of States Parties"
    assert report["agenda_item"]["number"] == "9"
    assert report["chapters"][1]["sections"][1]["coordinators"] == ["Italy", "South Africa"]
    assert meeting["families"][0]["where"] == {"Status": "Pending", "Meeting": "14MSP"}
    assert "# pdf.archive" not in project.meeting_path.read_text() and "# true: PDF/A-2b" in (
        project.meeting_path.read_text()
    )  # the comments are kept

    # the checklist names every placeholder with its line, the drafts to collect and the data to add
    listed = [line for line in lines if "is a placeholder" in line]
    assert len(listed) == PLACEHOLDERS
    assert any(line.startswith("    line ") and "documents[1].symbol: CCM/MSP/2026/[number]" in line for line in lines)
    assert any("universalization" in line and "Italy, South Africa" in line for line in lines)
    assert any("the rows for 2025" in line for line in lines)

    # a check gives a finding for each, at its line; --final makes each an error
    _inputs, found = check(project.inputs, TEMPLATES)
    assert len(placeholders(found)) == PLACEHOLDERS
    assert all(d.severity == Severity.WARNING and d.location.place.isdigit() for d in placeholders(found))
    symbol = next(d for d in placeholders(found) if "documents[1].symbol" in d.message)
    line = project.meeting_path.read_text().splitlines()[int(symbol.location.place) - 1]
    assert line.strip() == 'symbol: "CCM/MSP/2026/[number]"'
    assert str(symbol).endswith(
        ": WARNING: documents[1].symbol: CCM/MSP/2026/[number] is a placeholder: the UN assigns the number; "
        f"fill it in [config.placeholder] (key {symbol.key})"
    )
    _inputs, final = check(project.inputs, TEMPLATES, final=True)
    assert len([d for d in placeholders(final) if d.severity == Severity.ERROR]) == PLACEHOLDERS


def test_refused_when_archived_already(project):
    (project.root / "archive" / "13MSP-2025").mkdir(parents=True)
    before = tree_hashes(project.inputs)
    with pytest.raises(Exception, match="already exists"):
        run(project)
    assert tree_hashes(project.inputs) == before


def test_refused_on_a_meeting_just_prepared(project):
    run(project)
    before = tree_hashes(project.inputs)
    with pytest.raises(Exception, match="placeholder"):
        run(project)  # a second run by mistake would make the Fifteenth and skip a year
    assert tree_hashes(project.inputs) == before
    assert [p.name for p in (project.root / "archive").iterdir()] == ["13MSP-2025"]


def test_dry_run_changes_nothing(project):
    before = tree_hashes(project.inputs)
    lines = run(project, dry_run=True)
    assert lines[0].startswith("dry run: nothing is changed")
    assert len([line for line in lines if "is a placeholder" in line]) == PLACEHOLDERS
    assert tree_hashes(project.inputs) == before
    assert not (project.root / "archive").exists()


def test_a_broken_meeting_yaml_changes_nothing_and_no_traceback(project):
    project.meeting_path.write_text(project.meeting_path.read_text().replace("  place: Geneva", "  place Geneva"))
    before = tree_hashes(project.inputs)
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "new-meeting", "--inputs", "inputs", "--outputs", "outputs"],
        capture_output=True,
        text=True,
        cwd=project.root,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "hit a bug" not in done.stderr
    assert "inputs/meeting.yaml:" in done.stderr and "nothing was changed" in done.stderr
    assert tree_hashes(project.inputs) == before
    assert not (project.root / "archive").exists()


def test_a_build_after_it_is_a_new_document_not_a_revision(built_project):
    """One real build (LibreOffice): last year's report issued, new-meeting, and the build right after it,
    before this year's data is in (its missing rows are warnings while the meeting is being prepared)."""
    issued = built_project.inputs / "issued" / "progress-report" / "1"  # as 'ccm-report issue' keeps it
    issued.mkdir(parents=True)
    shutil.copy2(built_project.docx(), issued / built_project.docx().name)
    (issued / "issued.json").write_text('{"symbol": "CCM/MSP/2025/7", "key": "0", "date": "2025-07-20", "version": 1}')
    run(built_project)
    result = build(built_project.inputs, built_project.outputs, TEMPLATES)
    assert not [d for d in result.diagnostics if d.severity.name == "ERROR"]
    assert {d.code for d in result.diagnostics if "2025" in d.message} >= {"data.no-rows-for-year"}
    assert len(placeholders(result.diagnostics)) == PLACEHOLDERS
    report = next(s for s in result.documents if s.document_id == "progress-report")
    assert report.symbol == "CCM/MSP/2026/[number]"
    assert report.state == "rebuilt: not built before", report.state
    assert not any("/Rev." in s.symbol or "revision" in s.state for s in result.documents)
    with zipfile.ZipFile(built_project.docx()) as docx:
        masthead = docx.read("word/document.xml").decode("utf-8")
    assert "CCM/MSP/2026/[number]" in masthead and "2026-MM-DD" in masthead


def test_last_years_pin_is_kept_as_its_draft_but_not_carried_into_the_next_meeting(project):
    """A section pinned to an older draft: that draft (the one the report used) goes to previous/, and the
    next meeting.yaml has no pin, so its first build does not stop on a pin to a file that is gone."""
    folder = project.inputs / "drafts" / "risk-education"
    text = project.meeting_path.read_text(encoding="utf-8")
    pinned = text.replace(
        "          - id: risk-education\n",
        "          - id: risk-education\n            draft: Risk education - draft v1.docx\n",
        1,
    )
    assert pinned != text
    project.meeting_path.write_text(pinned, encoding="utf-8")
    project.outputs.mkdir(exist_ok=True)
    (project.outputs / ".gitkeep").write_text("", encoding="utf-8")
    run(project)
    assert [p.name for p in (folder / "previous").iterdir()] == ["Risk education - draft v1.docx"]
    assert "draft:" not in project.meeting_path.read_text(encoding="utf-8").split("documents:", 1)[1]
    _inputs, found = check(project.inputs, TEMPLATES)
    assert not [d for d in found if d.code == "draft.pin-missing"]
    assert (project.outputs / ".gitkeep").exists()  # the project's placeholder stays, outputs/ stays tracked
