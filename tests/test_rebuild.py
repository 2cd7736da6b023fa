"""Rebuild only what changed, and say why."""

import os

from pipeline.build import build
from pipeline.publish.keys import reasons
from tests.conftest import TEMPLATES, copy_project


def test_reasons_name_what_changed_in_the_users_terms():
    before = {"key": "k1", "inputs": {"inputs/drafts/clearance/v3.docx": "a", "inputs/data/x.xlsx": "b",
                                      "templates/progress-report.docx": "c"}}
    now = {"inputs/drafts/clearance/v4.docx": "z", "inputs/data/x.xlsx": "b2",
           "templates/progress-report.docx": "c"}
    assert reasons(before, "k2", now, True) == [
        "data/x.xlsx changed", "drafts/clearance is gone", "drafts/clearance is new"]
    assert reasons(before, "k1", before["inputs"], True) == []
    assert reasons(before, "k1", before["inputs"], False) == ["its outputs are missing"]
    assert reasons(None, "k1", now, True) == ["not built before"]


def test_a_second_build_rebuilds_only_the_document_whose_draft_changed(tmp_path):
    project = copy_project(tmp_path)
    first = build(project.inputs, project.outputs, TEMPLATES)
    assert {s.state for s in first.documents} == {"rebuilt: not built before"}
    analysis = next(project.outputs.glob("extension-analysis-chl/en/*.pdf"))
    stamp = os.stat(analysis).st_mtime_ns
    report = project.docx().read_bytes()

    again = build(project.inputs, project.outputs, TEMPLATES)
    assert {s.state for s in again.documents} == {"unchanged"}
    assert project.docx().read_bytes() == report

    draft = project.inputs / "drafts" / "transparency" / "transparency-section.md"
    draft.write_text(draft.read_text() + "\nA late paragraph from the Coordinator.\n")
    third = build(project.inputs, project.outputs, TEMPLATES)
    states = {s.document_id: s.state for s in third.documents}
    assert states["progress-report"] == "rebuilt: drafts/transparency changed"
    assert states["extension-analysis-chl"] == "unchanged"
    assert os.stat(analysis).st_mtime_ns == stamp
    assert project.docx().read_bytes() != report


def test_a_late_data_row_is_named_as_a_row_of_its_sheet(tmp_path):
    import datetime as dt

    import openpyxl

    from pipeline.compute.indicators import indicators
    from pipeline.intake.inputs import read_data
    from pipeline.model import Period

    project = copy_project(tmp_path)
    build(project.inputs, project.outputs, TEMPLATES)
    data, _hashes, _problems = read_data(project.inputs / "data")
    late = indicators(data, Period(dt.date(2024, 7, 1), dt.date(2025, 6, 30))).figures[
        "article7.annual.overdue_states"][0]
    iso3 = next(r["ISO3"] for r in data.sheet("States") if r["State"] == late)
    book = openpyxl.Workbook()
    book.active.title = "Article7"
    book.active.append(("ISO3", "State", "Report", "Year covered", "Due", "Submitted"))
    book.active.append((iso3, late, "Annual", 2024, dt.date(2025, 4, 30), dt.date(2025, 6, 20)))
    book.save(project.inputs / "data" / "late-report.xlsx")
    result = build(project.inputs, project.outputs, TEMPLATES)
    states = {s.document_id: s.state for s in result.documents}
    assert states["progress-report"] == "rebuilt: data: 1 row of Article7 changed"
    assert states["extension-analysis-chl"] == "rebuilt: data: 1 row of Article7 changed"


def test_a_workbook_saved_again_with_the_same_rows_changes_nothing(tmp_path):
    import openpyxl

    project = copy_project(tmp_path)
    build(project.inputs, project.outputs, TEMPLATES)
    workbook = project.inputs / "data" / "states-parties.xlsx"
    before = workbook.read_bytes()
    openpyxl.load_workbook(workbook).save(workbook)  # new bytes (timestamps), the same cells
    assert workbook.read_bytes() != before
    assert {s.state for s in build(project.inputs, project.outputs, TEMPLATES).documents} == {"unchanged"}


def test_a_build_with_the_same_inputs_answers_from_the_last_one_with_its_findings(tmp_path):
    project = copy_project(tmp_path)
    first = build(project.inputs, project.outputs, TEMPLATES)
    progress = []
    again = build(project.inputs, project.outputs, TEMPLATES, progress=progress.append)
    assert progress == ["nothing changed"]
    assert [str(d) for d in again.diagnostics] == [str(d) for d in first.diagnostics]  # warnings still shown
    assert [(d.document_id, d.words, d.files, d.languages) for d in again.documents] == \
        [(d.document_id, d.words, d.files, d.languages) for d in first.documents]
    assert {d.state for d in again.documents} == {"unchanged"}


def test_missing_outputs_or_a_touched_input_take_the_full_path_and_say_why(tmp_path):
    project = copy_project(tmp_path)
    build(project.inputs, project.outputs, TEMPLATES)
    project.pdf().unlink()
    progress = []
    again = build(project.inputs, project.outputs, TEMPLATES, progress=progress.append)
    assert "nothing changed" not in progress
    states = {s.document_id: s.state for s in again.documents}
    assert states["progress-report"] == "rebuilt: its outputs are missing"
    assert project.pdf().exists()

    meeting = project.meeting_path
    meeting.write_text(meeting.read_text() + "\n# a comment\n")  # different bytes, the same settings
    progress.clear()
    third = build(project.inputs, project.outputs, TEMPLATES, progress=progress.append)
    assert "intake" in progress  # read again, since its bytes changed ...
    assert any(s.state.startswith("rebuilt") and "meeting.yaml changed" in s.state for s in third.documents)
