"""Intake: which file in a section's folder is the draft, and what happens to the rest."""

import os
import shutil

import pytest

from pipeline.intake.inputs import read_inputs, scan_folder
from pipeline.model.blocks import block_text
from tests.conftest import TEMPLATES


def _touch(path, mtime, content=b"x"):
    path.write_bytes(content)
    os.utime(path, (mtime, mtime))
    return path


def test_the_newest_draft_wins_and_the_others_are_superseded(tmp_path):
    _touch(tmp_path / "v1.docx", 1_750_000_000)
    _touch(tmp_path / "v2.docx", 1_760_000_000)
    _touch(tmp_path / "notes.md", 1_700_000_000)
    folder = scan_folder(tmp_path, "clearance")
    assert folder.chosen.path.name == "v2.docx"
    assert [f.path.name for f in folder.superseded] == ["v1.docx", "notes.md"]


def test_files_that_are_not_drafts_are_ignored_and_listed(tmp_path):
    _touch(tmp_path / "draft.docx", 1_750_000_000)
    for name in ("~$draft.docx", ".DS_Store", "budget.xlsx", "scan.pdf"):
        _touch(tmp_path / name, 1_760_000_000)
    folder = scan_folder(tmp_path, "clearance")
    assert folder.chosen.path.name == "draft.docx"
    assert sorted(folder.ignored) == [".DS_Store", "budget.xlsx", "scan.pdf", "~$draft.docx"]


def test_an_empty_or_absent_folder_has_no_draft(tmp_path):
    assert scan_folder(tmp_path / "absent", "x").chosen is None
    assert scan_folder(tmp_path, "x").chosen is None


def test_an_unreadable_draft_is_a_warning_naming_the_file_and_its_section_gets_the_reason(project):
    folder = project.clear_drafts("clearance")
    (folder / "draft.docx").write_bytes(b"this is not a Word file")
    inputs = read_inputs(project.inputs, TEMPLATES)
    [problem] = [d for d in inputs.diagnostics if d.code == "draft.unreadable"]
    assert problem.location.path.endswith("drafts/clearance/draft.docx")
    assert "save it again from Word as .docx" in problem.message
    assert "clearance" not in inputs.drafts
    assert inputs.problems["clearance"] == "the draft draft.docx could not be read"


def test_a_broken_file_dropped_beside_a_good_draft_never_displaces_it(project):
    folder = project.inputs / "drafts" / "clearance"
    [good] = folder.iterdir()
    _touch(folder / "Clearance v4 (final).docx", 1_900_000_000, b"PK\x03\x04 cut short in the copy")
    inputs = read_inputs(project.inputs, TEMPLATES)
    assert inputs.drafts["clearance"].source.path.name == good.name  # the section keeps its text
    assert inputs.drafts["clearance"].source.why == "the newest that could be read"
    assert "clearance" not in inputs.problems
    [aside] = [d for d in inputs.diagnostics if d.location.path.endswith("Clearance v4 (final).docx")]
    assert aside.code == "draft.set-aside" and aside.severity.name == "WARNING"
    assert f"the draft before it, {good.name}, is used instead" in aside.message
    assert not [d for d in inputs.diagnostics if "clearance" in d.location.path and d.code == "draft.superseded"]


@pytest.mark.libreoffice
def test_a_legacy_word_file_is_converted_by_libreoffice_and_said_so(project):
    from pipeline.convert import LibreOffice
    from tools.docxfactory import build_docx

    folder = project.clear_drafts("clearance")
    modern = build_docx(["Clearance quokka progressed in 2024."], project.root / "clearance.docx")
    LibreOffice().convert([modern], folder, to="doc")
    assert [p.name for p in folder.iterdir()] == ["clearance.doc"]
    inputs = read_inputs(project.inputs, TEMPLATES, converter=LibreOffice())
    assert "Clearance quokka progressed in 2024." in block_text(inputs.drafts["clearance"].blocks[0])
    [note] = [d for d in inputs.diagnostics if d.code == "draft.legacy"]
    assert note.location.path.endswith("drafts/clearance/clearance.doc")
    assert "converted from .doc by LibreOffice" in note.message


def test_a_refused_file_is_named_with_the_reason_and_never_opened(project):
    folder = project.clear_drafts("clearance")
    (folder / "draft.docx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512)
    inputs = read_inputs(project.inputs, TEMPLATES)
    [problem] = [d for d in inputs.diagnostics if d.code == "draft.encrypted"]
    assert "password-protected" in problem.message
    assert inputs.problems["clearance"] == "the draft draft.docx could not be read"


def test_tracked_changes_are_refused_in_final_mode_unless_meeting_yaml_says_otherwise(project):
    final = read_inputs(project.inputs, TEMPLATES, final=True)
    assert sorted(
        d.location.path.split("/drafts/")[1].split("/")[0]
        for d in final.diagnostics
        if d.code == "draft.tracked-changes"
    ) == ["clearance", "national-implementation"]
    data = project.meeting()
    data["drafts"]["tracked_changes"] = "accept"
    project.write_meeting(data)
    accepted = read_inputs(project.inputs, TEMPLATES, final=True)
    assert not [d for d in accepted.diagnostics if d.code == "draft.tracked-changes"]


def test_a_folder_that_matches_no_section_is_reported(project):
    shutil.copytree(project.inputs / "drafts" / "clearance", project.inputs / "drafts" / "demining")
    inputs = read_inputs(project.inputs, TEMPLATES)
    [note] = [d for d in inputs.diagnostics if d.code == "draft.folder"]
    assert "no section in meeting.yaml has the id 'demining'" in note.message


def test_every_input_read_is_hashed(project):
    inputs = read_inputs(project.inputs, TEMPLATES)
    names = " ".join(inputs.hashes)
    assert "meeting.yaml" in names and "progress-report.docx" in names and "schema.yaml" in names
    assert "states-parties.xlsx" in names and "transparency-section.md" in names
    assert all(len(h) == 64 for h in inputs.hashes.values())


def test_the_save_date_recorded_in_a_word_file_beats_the_file_systems(tmp_path):
    import datetime as dt

    from pipeline.intake.inputs import saved_at
    from tools.docxfactory import build_docx

    older = build_docx(["v1"], tmp_path / "b-v1.docx", when=dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    newer = build_docx(["v2"], tmp_path / "a-v2.docx", when=dt.datetime(2025, 7, 10, tzinfo=dt.UTC))
    os.utime(newer, (1_600_000_000, 1_600_000_000))  # copied long ago: the file system's date misleads
    assert saved_at(newer) == dt.datetime(2025, 7, 10, tzinfo=dt.UTC)
    folder = scan_folder(tmp_path, "risk-education")
    assert folder.chosen.path == newer
    assert [f.path for f in folder.superseded] == [older]


def test_informal_country_names_become_un_short_names_when_meeting_yaml_says_so(project):
    data = project.meeting()
    data["drafts"]["normalise_country_names"] = True
    project.write_meeting(data)
    inputs = read_inputs(project.inputs, TEMPLATES)
    clearance = " ".join(block_text(b) for b in inputs.drafts["clearance"].blocks)
    assert "Lao PDR" not in clearance and "Lao People's Democratic Republic" in clearance
    assert inputs.stats["clearance"].country_names == 1


def test_odt_tracked_changes_cannot_be_rejected_and_the_draft_says_so(project):
    from pathlib import Path

    corpus = Path(__file__).parent / "fixtures" / "drafts"
    folder = project.clear_drafts("clearance")
    shutil.copyfile(corpus / "libreoffice-tracked.odt", folder / "clearance.odt")
    data = project.meeting()
    data["drafts"]["tracked_changes"] = "reject"
    project.write_meeting(data)
    inputs = read_inputs(project.inputs, TEMPLATES)
    [note] = [d for d in inputs.diagnostics if d.code == "draft.odt-changes"]
    assert "always read as accepted" in note.message and "save the draft as .docx" in note.message
