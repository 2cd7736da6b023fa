"""Which file of a section's folder is its draft: a pin in meeting.yaml, else the newest by a date to trust."""

import datetime as dt
import os

import docx
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.intake.draft_dates import distrust, front_matter_date, recorded_date
from pipeline.intake.folders import folder_notes, scan_folder
from pipeline.intake.inputs import read_inputs
from pipeline.model.blocks import block_text
from pipeline.publish.status import document_status, status_data, status_lines
from tests.conftest import TEMPLATES
from tools.docxfactory import build_docx

NOW = dt.datetime(2025, 7, 14, 12, tzinfo=dt.UTC)


def _at(path, when: dt.datetime):
    """The file system's date of ``path`` set to ``when`` (as a copy or a clone would)."""
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def _pin(project, section_id: str, file_name: str) -> int:
    """meeting.yaml pins ``file_name`` for the section; the line the pin is written on."""
    data = project.meeting()
    for document in data["documents"]:
        for chapter in document["chapters"]:
            for section in chapter["sections"]:
                if section["id"] == section_id:
                    section["draft"] = file_name
    project.write_meeting(data)
    lines = project.meeting_path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith("draft:"))


def _status(inputs) -> list[str]:
    spec = inputs.config.documents[0]
    return status_lines(document_status(spec, dict(inputs.drafts), dict(inputs.stats), (), dict(inputs.folders)))


def test_a_pinned_draft_is_used_whatever_its_date_and_the_others_are_set_aside(project):
    folder = project.clear_drafts("clearance")
    pinned = build_docx(
        ["Pinned quokka text."], folder / "Clearance v3.docx", when=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    )
    build_docx(["Newer text."], folder / "Clearance v4.docx", when=dt.datetime(2025, 7, 10, tzinfo=dt.UTC))
    _pin(project, "clearance", "Clearance v3.docx")
    inputs = read_inputs(project.inputs, TEMPLATES)
    draft = inputs.drafts["clearance"]
    assert draft.source.path == pinned and draft.source.why == "pinned in meeting.yaml"
    assert "Pinned quokka text." in block_text(draft.blocks[0])
    [aside] = [d for d in inputs.diagnostics if d.code == "draft.superseded" and "clearance" in d.location.path]
    assert aside.location.path.endswith("Clearance v4.docx")
    assert aside.message == "set aside: not the pinned draft (meeting.yaml pins Clearance v3.docx)"
    assert not [d for d in inputs.diagnostics if d.severity.name == "ERROR"]
    lines = _status(inputs)
    assert any(line.endswith("Clearance v3.docx (2025-06-01, pinned in meeting.yaml)") for line in lines), lines
    assert any(line.strip() == "set aside (not the pinned draft): Clearance v4.docx" for line in lines), lines
    spec = inputs.config.documents[0]
    status = document_status(spec, dict(inputs.drafts), dict(inputs.stats), (), dict(inputs.folders))
    [section] = [x for x in status_data((status,), (), {}, {})["documents"][0]["sections"] if x["id"] == "clearance"]
    assert section["chosen"] == "pinned in meeting.yaml" and section["superseded"] == ["Clearance v4.docx"]


def test_a_pin_naming_a_missing_file_is_an_error_at_its_line_naming_the_folder_and_the_nearest_file(
    project, monkeypatch
):
    folder = project.clear_drafts("clearance")
    build_docx(["Text."], folder / "LAP progress - Clearance - Coordinators draft v3.docx")
    build_docx(["Other."], folder / "budget notes.docx")
    line = _pin(project, "clearance", "LAP progress - Clearance v3.docx")
    monkeypatch.chdir(project.root)
    done = CliRunner().invoke(
        main, ["validate", "--inputs", str(project.inputs), "--templates", str(TEMPLATES)], catch_exceptions=False
    )
    assert done.exit_code == 1
    assert (
        f"inputs/meeting.yaml:{line}: ERROR: the pinned draft “LAP progress - Clearance v3.docx” is not in "
        "inputs/drafts/clearance (it holds budget notes.docx, LAP progress - Clearance - Coordinators draft v3.docx); "
        "did you mean “LAP progress - Clearance - Coordinators draft v3.docx”?"
    ) in done.stderr
    assert "[draft.pin-missing]" in done.stderr and "Traceback" not in done.stderr


def test_a_pin_naming_a_file_that_is_not_a_draft_says_why_it_cannot_be_used(project, monkeypatch):
    monkeypatch.chdir(project.root)  # paths are shown relative to the working folder
    folder = project.clear_drafts("clearance")
    build_docx(["Text."], folder / "clearance.docx")
    (folder / "clearance.pdf").write_bytes(b"%PDF-1.7")
    line = _pin(project, "clearance", "clearance.pdf")
    inputs = read_inputs(project.inputs, TEMPLATES)
    [pin] = [d for d in inputs.diagnostics if d.code == "draft.pin-missing"]
    assert str(pin.location) == f"inputs/meeting.yaml:{line}" and pin.severity.name == "ERROR"
    assert pin.message == (
        "the pinned draft “clearance.pdf” in inputs/drafts/clearance cannot be used: "
        "not a draft (drafts are .docx, .odt, .md, .doc, .rtf or .docm)"
    )
    _pin(project, "clearance", "summary.odt")
    [pin] = [d for d in read_inputs(project.inputs, TEMPLATES).diagnostics if d.code == "draft.pin-missing"]
    assert pin.message.endswith("(it holds clearance.docx); drop the pin or add the file")


def test_a_pin_is_a_file_name_not_a_path(project):
    _pin(project, "clearance", "../secret.docx")
    inputs = read_inputs(project.inputs, TEMPLATES)
    [refused] = [d for d in inputs.diagnostics if d.code == "config"]
    assert "draft: '../secret.docx' is a path; write only the file's name" in refused.message


def test_python_docx_s_default_date_is_not_a_save_date_and_no_longer_beats_a_real_draft_silently(tmp_path):
    stale = tmp_path / "a-script-made.docx"
    docx.Document().save(stale)  # python-docx's template: created and modified 2013-12-23T23:15:00Z
    assert b"2013-12-23T23:15:00Z" in __import__("zipfile").ZipFile(stale).read("docProps/core.xml")
    _at(stale, dt.datetime(2025, 6, 20, tzinfo=dt.UTC))
    real = build_docx(["v2"], tmp_path / "b-real.docx", when=dt.datetime(2025, 7, 1, tzinfo=dt.UTC))
    _at(real, dt.datetime(2025, 5, 1, tzinfo=dt.UTC))  # cloned: the file system's date misleads, the saved one not
    folder = scan_folder(tmp_path, "clearance", now=NOW)
    assert folder.chosen.path == real and folder.chosen.why == "newest saved date"
    [old] = folder.superseded
    assert old.modified == dt.datetime(2025, 6, 20, tzinfo=dt.UTC)  # its file date, not 2013
    [untrusted] = [d for d in folder_notes(folder) if d.code == "draft.date-untrusted"]
    assert str(untrusted).startswith(
        f"{stale}: WARNING: its saved date 2013-12-23 is python-docx's default, not a real save date; "
        "the file's own date is used [draft.date-untrusted]"
    )


def test_a_saved_date_before_the_convention_or_after_the_build_day_is_not_trusted(tmp_path):
    ancient = build_docx(["1601"], tmp_path / "ancient.docx", when=dt.datetime(2001, 1, 1, tzinfo=dt.UTC))
    future = build_docx(["2031"], tmp_path / "future.docx", when=dt.datetime(2031, 1, 1, tzinfo=dt.UTC))
    _at(ancient, dt.datetime(2025, 7, 2, tzinfo=dt.UTC))
    _at(future, dt.datetime(2025, 7, 1, tzinfo=dt.UTC))
    folder = scan_folder(tmp_path, "clearance", now=NOW)
    assert folder.chosen.path == ancient  # by file dates: 2 July beats 1 July, not 2031
    assert folder.chosen.why == "newest file date: saved date not trusted"
    messages = sorted(d.message for d in folder_notes(folder) if d.code == "draft.date-untrusted")
    assert messages == [
        "its saved date 2001-01-01 is before the Convention was adopted (30 May 2008); the file's own date is used",
        "its saved date 2031-01-01 is in the future (the build day is 2025-07-14); the file's own date is used",
    ]


def test_a_saved_date_of_the_build_day_is_trusted(tmp_path):
    build_docx(["today"], tmp_path / "today.docx", when=NOW.replace(hour=23))
    folder = scan_folder(tmp_path, "clearance", now=NOW)
    assert folder.chosen.why == "saved date" and folder.chosen.modified == NOW.replace(hour=23)
    assert not [d for d in folder_notes(folder) if d.code == "draft.date-untrusted"]
    # LibreOffice records local time without its zone, read as UTC: Tokyo's morning is still the build day
    assert distrust(NOW + dt.timedelta(hours=13), NOW, "saved date") == ""
    assert distrust(NOW + dt.timedelta(days=1), NOW, "saved date").endswith(
        "is in the future (the build day is 2025-07-14)"
    )


MARKDOWN = (
    "---\ntitle: Transparency measures (Coordinators)\ndate: 2025-07-09\n---\n\nStates Parties reported wombats.\n"
)


def test_a_markdown_draft_is_dated_by_its_front_matter_which_stays_out_of_the_document(project):
    folder = project.clear_drafts("transparency")
    md = folder / "transparency.md"
    md.write_text(MARKDOWN, encoding="utf-8")  # the file's date is now: a clone would make it the newest
    docx_draft = build_docx(["Word text."], folder / "transparency.docx", when=dt.datetime(2025, 7, 8, tzinfo=dt.UTC))
    inputs = read_inputs(project.inputs, TEMPLATES)
    draft = inputs.drafts["transparency"]
    assert draft.source.path == md and draft.source.why == "newest front-matter date"
    assert draft.source.modified == dt.datetime(2025, 7, 9, tzinfo=dt.UTC)
    assert [f.path for f in draft.superseded] == [docx_draft]
    text = " ".join(block_text(b) for b in draft.blocks)
    assert "States Parties reported wombats." in text
    assert "2025-07-09" not in text and "Coordinators" not in text and "title" not in text  # pandoc's metadata
    assert not [d for d in inputs.diagnostics if "transparency" in d.location.path and d.severity.name != "INFO"]


def test_a_markdown_draft_dated_before_a_word_draft_loses_to_it_whatever_the_file_dates(tmp_path):
    md = tmp_path / "notes.md"
    md.write_text(MARKDOWN, encoding="utf-8")
    newer = build_docx(["v2"], tmp_path / "v2.docx", when=dt.datetime(2025, 7, 10, tzinfo=dt.UTC))
    _at(newer, dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert scan_folder(tmp_path, "transparency", now=NOW).chosen.path == newer


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("---\ndate: [2025-07-09\n---\nText.\n", "its front matter is not valid YAML (line 2 of the file)"),
        ("---\ndate: next Tuesday\n---\nText.\n", "the date 'next Tuesday' in its front matter is not a date"),
        ("---\ndate: !!python/object:os.system x\n---\nText.\n", "its front matter is not valid YAML"),
    ],
)
def test_a_front_matter_that_cannot_be_read_is_a_warning_and_the_file_date_is_used(tmp_path, text, why):
    md = tmp_path / "notes.md"
    md.write_text(text, encoding="utf-8")
    _at(md, dt.datetime(2025, 7, 3, tzinfo=dt.UTC))
    folder = scan_folder(tmp_path, "transparency", now=NOW)
    assert folder.chosen.modified == dt.datetime(2025, 7, 3, tzinfo=dt.UTC)
    assert folder.chosen.why == "file date: front-matter date not readable"
    [warned] = [d for d in folder_notes(folder) if d.code == "draft.date-untrusted"]
    assert why in warned.message and warned.message.endswith("; the file's own date is used")


def test_a_rule_at_the_top_of_a_markdown_draft_is_not_a_front_matter():
    assert front_matter_date(b"---\n\nText.\n\n---\n\nMore: 2025-07-09\n") == (None, "")
    assert front_matter_date(b"# Title\n\ndate: 2025-07-09\n") == (None, "")
    assert front_matter_date(b"\xef\xbb\xbf---\r\ndate: 2025-07-09\r\n...\r\nText.\r\n")[0] == dt.datetime(
        2025, 7, 9, tzinfo=dt.UTC
    )


def _package(part: str, xml: str) -> bytes:
    import io
    import zipfile

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr(part, xml)
    return raw.getvalue()


def test_the_recorded_date_is_the_modified_one_else_the_created_one_in_word_and_opendocument_files():
    both = '<dcterms:created x="1">2025-06-01T08:00:00Z</dcterms:created><dcterms:modified x="1">2025-07-02T09:30:00Z<'
    assert recorded_date(_package("docProps/core.xml", both), ".docx") == dt.datetime(2025, 7, 2, 9, 30, tzinfo=dt.UTC)
    created = '<dcterms:created x="1">2025-06-01T08:00:00Z</dcterms:created>'
    assert recorded_date(_package("docProps/core.xml", created), ".DOCX") == dt.datetime(2025, 6, 1, 8, tzinfo=dt.UTC)
    odt = "<meta:creation-date>2025-06-01T08:00:00</meta:creation-date><dc:date>2025-07-03T10:22:33.123456789</dc:date>"
    assert recorded_date(_package("meta.xml", odt), ".odt") == dt.datetime(
        2025, 7, 3, 10, 22, 33, 123456, tzinfo=dt.UTC
    )
    assert recorded_date(_package("meta.xml", "<dc:date>not a date</dc:date>"), ".odt") is None
    assert recorded_date(b"not a zip", ".docx") is None
