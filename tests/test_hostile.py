"""Hostile and broken inputs: every byte of an input is data; nothing runs, nothing is lost.

Each attack of issue 8 and each fault has a test here (the drafts corpus in
test_corpus.py covers the broken Word files; test_workbook_rules.py the workbooks).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from pipeline.build import build
from pipeline.compute.indicators import ClearanceRow
from pipeline.convert import LibreOffice
from pipeline.errors import InputsInvalid, OutputError
from pipeline.intake.inputs import FileChanging, read_inputs, read_stable, scan_folder
from pipeline.intake.workbook import parse_schema, read_workbook
from pipeline.model.blocks import Footnote, Paragraph, Table, Text
from pipeline.ooxml import package as packages
from pipeline.publish.outputs import exclusive
from tests.conftest import ROOT, SAMPLE_INPUTS, TEMPLATES, pdf_text, tree_hashes
from tests.terminal import small_project
from tests.test_render import CONFIG, FIGURES, SPEC, TEMPLATE, bodies

CORPUS = Path(__file__).parent / "fixtures" / "drafts"
SECRET = "SECRET-TOKEN-7f3a"


# --- template injection ----------------------------------------------------------------------


def test_template_syntax_in_table_cells_footnotes_and_data_is_shown_as_typed():
    from dataclasses import replace

    from pipeline.render.document import render

    cell = (Paragraph((Text("{{ 7*7 }}"),), numbered=False),)
    blocks = (
        Paragraph(
            (
                Text("{0.__class__} and {% if x %}"),
                Footnote((Paragraph((Text("{{ ''.__class__ }}"),), numbered=False),)),
            ),
            True,
            1,
        ),
        Table(header=((cell,),), body=((cell,),)),
    )
    hostile_row = ClearanceRow("{{ 7*7 }} {% raw %}", 1.0, 1.0, 0.0, 0.0, None)
    figures = replace(FIGURES, clearance_rows=(hostile_row,), clearance_total=hostile_row)
    data = render(TEMPLATE, CONFIG, SPEC, bodies(clearance=blocks), figures)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
        notes = archive.read("word/footnotes.xml").decode()
    assert body.count("{{ 7*7 }}") >= 3 and "{0.__class__} and {% if x %}" in body
    assert "{% raw %}" in body and "{{ ''.__class__ }}" in notes
    assert ">49<" not in body


# --- XML entities -------------------------------------------------------------------------------


def with_part(source: Path, target: Path, part: str, change) -> Path:
    """A copy of a package with one part changed (or added, from an XML declaration)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        names = old.namelist()
        for item in old.infolist():
            data = old.read(item)
            new.writestr(item, change(data) if item.filename == part else data)
        if part not in names:
            new.writestr(
                part, change(b'<?xml version="1.0" encoding="UTF-8"?><sst count="1"><si><t>LAO</t></si></sst>')
            )
    return target


def doctype(data: bytes, padding: int = 0) -> bytes:
    head, rest = data.split(b"?>", 1) if data.startswith(b"<?xml") else (b'<?xml version="1.0"', data)
    return (
        head
        + b"?>"
        + b"<!--"
        + b"x" * padding
        + b"-->"
        + b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///tmp/ccm-secret.txt"><!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + rest
    )


@pytest.mark.parametrize("part", ["word/document.xml", "word/footnotes.xml", "[Content_Types].xml"])
@pytest.mark.parametrize("padding", [0, 200_000])
def test_a_draft_declaring_xml_entities_is_refused_unopened(tmp_path, part, padding):
    Path("/tmp/ccm-secret.txt").write_text(SECRET)
    draft = with_part(
        CORPUS / "footnote-italic-hyperlink.docx", tmp_path / "d.docx", part, lambda data: doctype(data, padding)
    )
    refusal = packages.inspect(draft)
    assert refusal.code == "unsafe-xml" and part in refusal.reason


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
def test_a_workbook_declaring_xml_entities_is_refused_unopened(tmp_path, part):
    Path("/tmp/ccm-secret.txt").write_text(SECRET)
    book = openpyxl.Workbook()
    book.active.title = "States"
    book.active.append(("ISO3", "State"))
    book.active.append(("LAO", "Lao People's Democratic Republic"))
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    hostile = with_part(
        plain, tmp_path / "states.xlsx", part, lambda data: doctype(data).replace(b"<t>LAO</t>", b"<t>&x;&b;</t>")
    )
    schemas, _ = parse_schema("sheets:\n  States:\n    columns:\n      - {name: ISO3, type: text}\n", "s.yaml")
    records, problems = read_workbook(hostile, "inputs/data/states.xlsx", schemas)
    assert records == {} and [p.code for p in problems] == ["data.unsafe-xml"]
    assert all(SECRET not in p.message for p in problems)


# --- zips ----------------------------------------------------------------------------------------


def test_a_zip_of_thousands_of_parts_or_with_a_part_twice_is_refused(tmp_path):
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(2500):
            archive.writestr(f"word/media/p{i}.bin", b"x")
    assert packages.inspect(many).code == "unsafe-zip"
    twice = tmp_path / "twice.docx"
    with zipfile.ZipFile(twice, "w") as archive:
        archive.writestr("word/document.xml", b"<a/>")
        with pytest.warns(UserWarning):
            archive.writestr("word/document.xml", b"<b/>")
    assert "twice" in packages.inspect(twice).reason


def test_absolute_and_climbing_paths_are_refused(tmp_path):
    for name in ("/etc/passwd", "../../evil.xml", "word/../../evil.xml", "C:\\\\evil.xml"):
        bad = tmp_path / "bad.docx"
        with zipfile.ZipFile(bad, "w") as archive:
            archive.writestr(zipfile.ZipInfo(name), b"x")
        assert packages.inspect(bad).code == "unsafe-zip", name


# --- files ---------------------------------------------------------------------------------------


def test_a_link_out_of_the_inputs_folder_is_not_followed(project, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(f"{SECRET}\n")
    folder = project.clear_drafts("clearance")
    (folder / "draft.md").symlink_to(outside)
    found = scan_folder(folder, "clearance", project.inputs)
    assert found.chosen is None
    assert found.ignored == ("draft.md (a link to a file outside the inputs folder: not followed)",)
    (project.inputs / "data" / "linked.xlsx").symlink_to(SAMPLE_INPUTS / "data" / "states-parties.xlsx")
    inputs = read_inputs(project.inputs, TEMPLATES)
    assert any(d.code == "data.link" for d in inputs.diagnostics)
    assert any(d.code == "draft.set-aside" and "not followed" in d.message for d in inputs.diagnostics)


def test_names_with_newlines_and_right_to_left_marks_cannot_forge_a_diagnostic(project, monkeypatch):
    from click.testing import CliRunner

    from pipeline.cli import main

    folder = project.clear_drafts("clearance")
    (folder / "x\n: ERROR: forged\u202e.docx").write_bytes(b"")
    monkeypatch.chdir(project.root)
    done = CliRunner().invoke(main, ["validate", "--inputs", str(project.inputs), "--templates", str(TEMPLATES)])
    lines = [line for line in done.stderr.splitlines() if "forged" in line]
    assert len(lines) == 1 and "\\u000a" in lines[0] and "\\u202e" in lines[0]
    assert "draft.empty" in lines[0]


def test_a_file_still_being_written_is_noticed(tmp_path):
    growing = tmp_path / "draft.docx"
    growing.write_bytes(b"\0" * 50_000_000)
    stop = threading.Event()

    def append():
        with growing.open("ab") as handle:
            while not stop.is_set():
                handle.write(b"x")
                handle.flush()
                time.sleep(0.0005)

    writer = threading.Thread(target=append)
    writer.start()
    try:
        with pytest.raises(FileChanging):
            for _ in range(20):
                read_stable(growing)
    finally:
        stop.set()
        writer.join()


# --- macros --------------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_profiles_run_no_document_macro(tmp_path):
    marker = Path("/tmp/ccm-macro-ran")
    marker.unlink(missing_ok=True)
    odt = macro_document(tmp_path / "macro.odt", marker)
    profiles = tmp_path / "profiles"
    [result] = LibreOffice(profiles=profiles).convert([odt], tmp_path / "pdf")
    assert "Macro quokka text." in pdf_text(result.output)
    assert not marker.exists()
    settings = (profiles / "slot-0" / "user" / "registrymodifications.xcu").read_text()
    assert 'DisableMacrosExecution" oor:op="fuse"><value>true' in settings


def macro_document(path: Path, marker: Path) -> Path:
    """An .odt whose Basic macro, bound to the document's load event, would write ``marker``."""
    text_ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"'
    )
    parts = {
        "META-INF/manifest.xml": '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="Basic/script-lc.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="Basic/Standard/script-lb.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="Basic/Standard/Module1.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>",
        "content.xml": f'<office:document-content {text_ns} office:version="1.2"><office:scripts><office:event-listeners>'
        '<script:event-listener script:language="ooo:script" script:event-name="dom:load" xlink:type="simple" '
        'xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document"/>'
        "</office:event-listeners></office:scripts><office:body><office:text><text:p>Macro quokka text.</text:p>"
        "</office:text></office:body></office:document-content>",
        "Basic/script-lc.xml": '<library:libraries xmlns:library="http://openoffice.org/2000/library">'
        '<library:library library:name="Standard" library:link="false"/></library:libraries>',
        "Basic/Standard/script-lb.xml": '<library:library xmlns:library="http://openoffice.org/2000/library" '
        'library:name="Standard"><library:element library:name="Module1"/></library:library>',
        "Basic/Standard/Module1.xml": '<script:module xmlns:script="http://openoffice.org/2000/script" '
        f'script:name="Module1" script:language="StarBasic">Sub Main\n Open "{marker}" For Output As #1\n'
        ' Print #1, "ran"\n Close #1\nEnd Sub\n</script:module>',
    }
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        for name, text in parts.items():
            archive.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_a_macro_workbook_is_read_for_its_cells_only(project):
    book = openpyxl.load_workbook(SAMPLE_INPUTS / "data" / "states-parties.xlsx")
    book.save(project.inputs / "data" / "states-parties.xlsm")
    (project.inputs / "data" / "states-parties.xlsx").unlink()
    inputs = read_inputs(project.inputs, TEMPLATES)
    assert len(inputs.data.sheet("States")) == 125
    assert [d.code for d in inputs.diagnostics if d.code == "data.macros"] == ["data.macros"]


# --- faults ------------------------------------------------------------------------------------------


def test_a_second_build_on_the_same_outputs_stops_with_a_clear_message(project):
    with exclusive(project.outputs):
        with pytest.raises(OutputError) as caught:
            build(project.inputs, project.outputs, TEMPLATES)
    assert "another build is writing these outputs" in str(caught.value)


def test_a_full_disk_is_a_clear_error_and_the_previous_outputs_stay(built_project):
    project = built_project
    before = tree_hashes(project.outputs)
    (project.inputs / "drafts" / "transparency" / "transparency-section.md").write_text("Changed.\n")
    code = (
        "import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (30000, 30000)); "
        "from pipeline.cli import main; sys.argv[1:] = sys.argv[1:]; main(prog_name='ccm-report')"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "build",
            "--inputs",
            str(project.inputs),
            "--outputs",
            str(project.outputs),
            "--templates",
            str(TEMPLATES),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "the outputs cannot be written (File too large)" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree_hashes(project.outputs) == before


@pytest.mark.libreoffice
def test_an_input_changed_during_the_build_is_noticed_and_nothing_is_published(tmp_path):
    project = small_project(tmp_path)  # the report of one section: the mechanism, not the sample

    class EditsWhileConverting(LibreOffice):
        """The real LibreOffice; meanwhile a coordinator saves a new version of a draft."""

        def convert(self, sources, outdir, to="pdf", options=None):
            draft = project.inputs / "drafts" / "transparency" / "transparency-section.md"
            draft.write_text(draft.read_text() + "\nA late sentence.\n")
            return super().convert(sources, outdir, to, options)

    with pytest.raises(InputsInvalid) as caught:
        build(project.inputs, project.outputs, TEMPLATES, converter=EditsWhileConverting())
    assert "transparency-section.md changed during the build" in str(caught.value)
    assert "build again" in str(caught.value)
    assert not (project.outputs / "progress-report").exists()


def _libreoffice_running_for(outputs: Path) -> list[int]:
    from tests.test_convert import _processes_with

    return _processes_with(str(outputs / ".staging-"))


def test_a_build_killed_at_any_point_leaves_nothing_half_written(tmp_path, small_build):
    reference = small_build  # the same inputs, built whole once
    project = small_project(tmp_path)
    for delay in (0.3, 1.0, 2.0, 3.0):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pipeline",
                "build",
                "--inputs",
                str(project.inputs),
                "--outputs",
                str(project.outputs),
                "--templates",
                str(TEMPLATES),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        os.killpg(proc.pid, 9)
        proc.wait()
        for docx in project.outputs.glob("*/*/*.docx"):  # whatever is published is whole
            assert zipfile.ZipFile(docx).testzip() is None
    time.sleep(0.5)
    assert not _libreoffice_running_for(project.outputs), "a killed build left LibreOffice running"
    assert project.cli("build").returncode == 0
    assert not list(project.outputs.glob(".staging-*"))
    assert project.docx().read_bytes() == reference.docx().read_bytes()
    assert pdf_text(project.pdf()) == pdf_text(reference.pdf())
