"""Rebuild only what changed, and say why; a build that finds nothing changed starts no program.

Each whole-build test starts from a private copy of a built project, inputs, outputs and cache, built once
per session: ``small_built_project`` (the report of one section and the extension analyses) where it is
the mechanism that is tested, ``built_project`` (the whole sample) where it is the sample; the whole-build tests run the keys and the fingerprint of
:mod:`pipeline.publish` through the real build.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from pipeline.build import build
from pipeline.compute.families import expand
from pipeline.intake.inputs import read_data
from pipeline.intake.meeting import parse_meeting
from pipeline.intake.pandoc import pandoc_version, read_ast
from pipeline.publish.fingerprint import PACKAGE, code_digest, inputs_fingerprint, remember, unchanged_since
from pipeline.publish.keys import OUTPUTS_GONE, document_record, why_rebuilt
from pipeline.publish.status import DocumentStatus
from pipeline.versions import MEMO, remembered
from tests.conftest import ROOT, SAMPLE_INPUTS, TEMPLATES
from tests.terminal import tiny_project

TOOLS = {"pandoc": "3.9", "LibreOffice": "7.4.7.2"}


def _documents(meeting_text: str) -> dict:
    """Every document of a meeting.yaml text, the family members included, by id; and its config."""
    config, problems = parse_meeting(meeting_text, "inputs/meeting.yaml")
    assert config is not None, problems
    data, _hashes, _problems = read_data(SAMPLE_INPUTS / "data")
    specs = list(config.documents) + [m.spec for f in config.families for m in expand(f, data)[0]]
    return {spec.id: (spec, config) for spec in specs}


def _records(meeting_text: str, code: str = "code-1", tools=TOOLS) -> dict:
    return {
        doc_id: document_record(spec, config, {"templates/x.docx": "t"}, {}, code=code, tools=tools)
        for doc_id, (spec, config) in _documents(meeting_text).items()
    }


# --- why a document is built again -----------------------------------------------------------


def test_reasons_name_what_changed_in_the_users_terms():
    text = (SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8")
    spec, config = _documents(text)["progress-report"]
    inputs = {"inputs/drafts/clearance/v3.docx": "a", "inputs/data/x.xlsx": "b", "templates/progress-report.docx": "c"}
    before = document_record(spec, config, inputs, {}, code="code-1", tools=TOOLS)
    now = {"inputs/drafts/clearance/v4.docx": "z", "inputs/data/x.xlsx": "b2", "templates/progress-report.docx": "c"}
    assert why_rebuilt(before, document_record(spec, config, now, {}, code="code-1", tools=TOOLS), True) == [
        "data/x.xlsx changed",
        "clearance: its draft is now v4.docx, in place of v3.docx",
    ]
    assert why_rebuilt(before, before, True) == []
    assert why_rebuilt(before, before, False) == [
        "its Word or PDF file was no longer in outputs/ (deleted or moved since the last build)"
    ]
    assert why_rebuilt(None, before, True) == ["not built before"]
    newer = document_record(spec, config, inputs, {}, code="code-2", tools={**TOOLS, "pandoc": "3.10"})
    assert why_rebuilt(before, newer, True) == ["the pipeline's code changed", "pandoc 3.9 → 3.10"]
    old_manifest = {"key": "k", "inputs": inputs, "pipeline_version": "0.1.0"}  # before keys kept their parts
    assert why_rebuilt(old_manifest, before, True) == ["the pipeline's code changed"]


def test_a_return_of_another_document_rebuilds_this_one_for_the_memory_its_exports_draw_on(project):
    import dataclasses

    from pipeline.intake.inputs import read_inputs
    from pipeline.publish.keys import inputs_of
    from tests.conftest import TEMPLATES

    inputs = read_inputs(project.inputs, TEMPLATES)
    assert inputs.config is not None
    report = inputs.config.documents[0]
    returned = "inputs/translations/CCM_MSP_2025_7.en-fr.xlf"
    assert returned in inputs_of(inputs, report, {})  # the report's own return
    other = dataclasses.replace(report, id="another-document")
    assert f"memory:{returned}" in inputs_of(inputs, other, {})  # another's: through the memory
    spec, config = _documents((SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8"))["progress-report"]

    def record(digest: str) -> dict:
        return document_record(spec, config, {f"memory:{returned}": digest}, {}, code="c", tools=TOOLS)

    assert why_rebuilt(record("a"), record("b"), True) == [
        "the translation memory: translations/CCM_MSP_2025_7.en-fr.xlf changed"
    ]


def test_a_sections_draft_is_named_by_its_section_and_what_happened_to_it():
    text = (SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8")
    spec, config = _documents(text)["progress-report"]

    def why(before: dict, now: dict) -> list[str]:
        record = document_record(spec, config, before, {}, code="c", tools=TOOLS)
        return why_rebuilt(record, document_record(spec, config, now, {}, code="c", tools=TOOLS), True)

    va = "inputs/drafts/victim-assistance"
    assert why({f"{va}/VA_v1.docx": "a"}, {f"{va}/VA_v2.docx": "b"}) == [
        "victim-assistance: its draft is now VA_v2.docx, in place of VA_v1.docx"
    ]
    assert why({}, {f"{va}/VA_v1.docx": "a"}) == ["victim-assistance: a first draft arrived, VA_v1.docx"]
    assert why({f"{va}/VA_v1.docx": "a"}, {}) == ["victim-assistance: its draft VA_v1.docx was removed"]
    assert why({f"{va}/VA_v1.docx": "a"}, {f"{va}/VA_v1.docx": "b"}) == [
        "victim-assistance: its draft VA_v1.docx was edited"
    ]
    returned = "inputs/translations/CCM_MSP_2025_7.en-fr.xlf"
    assert why({}, {returned: "x"}) == ["translations/CCM_MSP_2025_7.en-fr.xlf added"]


def test_editing_the_reports_chapters_changes_the_reports_key_only():
    text = (SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8")
    before = _records(text)
    assert sorted(before) == [
        "extension-analysis-chl",
        "extension-analysis-lbn",
        "extension-analysis-som",
        "progress-report",
    ]
    meeting = yaml.safe_load(text)
    meeting["documents"][0]["chapters"][0]["heading"] = "Opening of the Meeting"
    after = _records(yaml.safe_dump(meeting, sort_keys=False, allow_unicode=True))
    assert [d for d in before if before[d]["key"] != after[d]["key"]] == ["progress-report"]
    assert why_rebuilt(before["progress-report"], after["progress-report"], True) == [
        "meeting.yaml: this document's settings changed"
    ]

    assert _records(text + "\n# a comment: new bytes, the same settings\n") == before
    meeting = yaml.safe_load(text)
    meeting["families"][0]["submitted_by"] = "the Analysis Group"
    after = _records(yaml.safe_dump(meeting, sort_keys=False, allow_unicode=True))
    assert [d for d in before if before[d]["key"] != after[d]["key"]] == [
        "extension-analysis-chl",
        "extension-analysis-lbn",
        "extension-analysis-som",
    ]


def test_a_new_version_of_a_program_changes_the_keys_of_the_documents_it_makes():
    text = (SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8")
    before = _records(text)
    pandoc = _records(text, tools={**TOOLS, "pandoc": "3.10"})
    # pandoc reads drafts: the report has them, the analyses (no sections) have none
    assert [d for d in before if before[d]["key"] != pandoc[d]["key"]] == ["progress-report"]
    assert why_rebuilt(before["progress-report"], pandoc["progress-report"], True) == ["pandoc 3.9 → 3.10"]
    office = _records(text, tools={**TOOLS, "LibreOffice": "24.2.1.2"})
    assert all(before[d]["key"] != office[d]["key"] for d in before)  # every PDF is LibreOffice's
    assert why_rebuilt(before["extension-analysis-chl"], office["extension-analysis-chl"], True) == [
        "LibreOffice 7.4.7.2 → 24.2.1.2"
    ]
    # what the documents say is the same: an issued version is not revised for a new program
    assert all(before[d]["content_key"] == office[d]["content_key"] == pandoc[d]["content_key"] for d in before)


# --- the pipeline's own code ------------------------------------------------------------------


def test_a_changed_line_of_pipeline_code_changes_the_code_digest_the_keys_and_the_fingerprint(tmp_path):
    copy = tmp_path / "pipeline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    base = code_digest(copy)
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "build.cpython-311.pyc").write_bytes(b"compiled")
    (copy / "render" / ".document.py.swp").write_bytes(b"an editor's")
    assert code_digest(copy) == base  # bytecode and hidden files are not code

    source = copy / "render" / "document.py"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    source.write_text("".join(lines[:-1] + [lines[-1].rstrip("\n") + "  # changed\n"]), encoding="utf-8")
    changed = code_digest(copy)
    assert changed != base
    (copy / "reference" / "states.csv").write_text("changed package data\n", encoding="utf-8")
    assert code_digest(copy) != changed
    data_changed = code_digest(copy)
    pages = tmp_path / "templates" / "html"  # the web page templates the code loads from beside itself
    shutil.copytree(PACKAGE.parent / "templates" / "html", pages)
    assert code_digest(copy) != data_changed
    with_pages = code_digest(copy)
    (pages / "page.css").write_text((pages / "page.css").read_text() + "\n/* changed */\n")
    assert code_digest(copy) != with_pages

    before = inputs_fingerprint(SAMPLE_INPUTS, TEMPLATES, False, code=base, tools=TOOLS)
    assert inputs_fingerprint(SAMPLE_INPUTS, TEMPLATES, False, code=changed, tools=TOOLS) != before
    assert inputs_fingerprint(SAMPLE_INPUTS, TEMPLATES, False, code=base, tools={**TOOLS, "pandoc": "3.10"}) != before
    text = (SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8")
    old, new = _records(text, code=base), _records(text, code=changed)
    assert all(why_rebuilt(old[d], new[d], True) == ["the pipeline's code changed"] for d in old)


# --- programs' versions, found once -----------------------------------------------------------


def test_a_programs_version_is_asked_once_and_again_when_the_program_changes(tmp_path):
    program = tmp_path / "tool"
    program.write_text("version 1")
    memo = tmp_path / "cache" / MEMO
    asked = []

    def ask() -> str:
        asked.append(program.read_text())
        return program.read_text().split()[-1]

    assert remembered(memo, "tool", [str(program)], ask) == "1"
    assert remembered(memo, "tool", [str(program)], ask) == "1"
    assert asked == ["version 1"]  # the second answer came from the memo
    program.write_text("version 22")  # an upgrade: another size and time
    assert remembered(memo, "tool", [str(program)], ask) == "22"
    assert len(asked) == 2
    memo.write_text("{damaged")
    assert remembered(memo, "tool", [str(program)], ask) == "22"  # a damaged memo costs one more question
    assert len(asked) == 3


def test_pandocs_version_is_the_real_one_and_remembered(tmp_path):
    memo = tmp_path / MEMO
    pandoc = subprocess.run([_pandoc(), "--version"], capture_output=True, text=True).stdout.split()[1]
    assert pandoc_version(memo) == pandoc
    kept = json.loads(memo.read_text())
    assert kept["pandoc"]["version"] == pandoc
    kept["pandoc"]["version"] = "3.10"  # what the memo says is what a build goes by
    memo.write_text(json.dumps(kept))
    assert pandoc_version(memo) == "3.10"


def test_a_draft_read_by_another_pandoc_version_is_read_again(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("A paragraph of the Coordinator.\n")
    cache = tmp_path / "cache" / "pandoc"
    first = read_ast(draft, cache=cache)
    assert read_ast(draft, cache=cache) == first
    assert len(list(cache.iterdir())) == 1
    memo = cache.parent / MEMO  # beside the cache, as in outputs/.cache/
    kept = json.loads(memo.read_text())
    kept["pandoc"]["version"] = "3.10"
    memo.write_text(json.dumps(kept))
    assert read_ast(draft, cache=cache) == first
    assert len(list(cache.iterdir())) == 2  # a reading of its own, keyed by the new version


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


# --- the no-op fast path ----------------------------------------------------------------------


def test_a_draft_left_open_in_word_or_a_hidden_file_keeps_the_no_op_answer(tmp_path):
    inputs, templates = tmp_path / "inputs", tmp_path / "templates"
    folder = inputs / "drafts" / "clearance"
    folder.mkdir(parents=True)
    templates.mkdir()
    (folder / "clearance.docx").write_bytes(b"the draft")

    def fingerprint():
        return inputs_fingerprint(inputs, templates, False, code="code", tools=TOOLS)

    before = fingerprint()
    (folder / "~$clearance.docx").write_bytes(b"Word's lock file, while the draft is open")
    (inputs / "data").mkdir()
    (inputs / "data" / "~$states-parties.xlsx").write_bytes(b"Excel's")
    (folder / ".DS_Store").write_bytes(b"the Finder's")
    assert fingerprint() == before  # no build reads them
    (folder / "clearance.docx").write_bytes(b"the draft, edited")
    assert fingerprint() != before


def test_the_fingerprint_names_outputs_relative_to_outputs_so_a_copied_folder_still_answers(tmp_path):
    outputs = tmp_path / "first" / "outputs"
    files = (outputs / "progress-report" / "en" / "CCM_MSP_2025_7.docx", outputs / "progress-report" / "en" / "x.pdf")
    for file in files:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(b"made")
    (outputs / "manifest.json").write_text("{}")
    status = DocumentStatus(
        "progress-report", "CCM/MSP/2025/7", 3169, 10700, (), tuple(str(f) for f in files), "rebuilt: not built before"
    )
    remember(outputs, "fp", (), (status,), {"states": 112}, {"States": 112})
    assert str(tmp_path) not in (outputs / ".fingerprint.json").read_text()

    moved = tmp_path / "second" / "outputs"
    shutil.copytree(outputs, moved)
    shutil.rmtree(outputs)
    answer = unchanged_since(moved, "fp")
    assert answer is not None
    [document] = answer.documents
    assert document.files == tuple(str(moved / "progress-report" / "en" / f.name) for f in files)
    assert document.state == "unchanged" and answer.figures == {"states": 112}
    assert unchanged_since(moved, "another fingerprint") is None
    (moved / "progress-report" / "en" / "x.pdf").unlink()
    assert unchanged_since(moved, "fp") is None  # an output is missing: build


# --- whole builds -----------------------------------------------------------------------------


def test_a_second_build_rebuilds_only_the_document_whose_draft_changed(small_built_project):
    project = small_built_project
    analysis = next(project.outputs.glob("extension-analysis-chl/en/*.pdf"))
    stamp = os.stat(analysis).st_mtime_ns
    report = project.docx().read_bytes()
    assert {s.state for s in build(project.inputs, project.outputs, TEMPLATES).documents} == {"unchanged"}

    draft = project.inputs / "drafts" / "transparency" / "transparency-section.md"
    draft.write_text(draft.read_text() + "\nA late paragraph from the Coordinator.\n")
    third = build(project.inputs, project.outputs, TEMPLATES)
    states = {s.document_id: s.state for s in third.documents}
    assert states["progress-report"] == "rebuilt: transparency: its draft transparency-section.md was edited"
    assert states["extension-analysis-chl"] == "unchanged"
    assert os.stat(analysis).st_mtime_ns == stamp
    assert project.docx().read_bytes() != report


def test_a_late_data_row_is_named_as_a_row_of_its_sheet(small_built_project):
    import datetime as dt

    import openpyxl

    from pipeline.compute.indicators import indicators
    from pipeline.model import Period

    project = small_built_project
    data, _hashes, _problems = read_data(project.inputs / "data")
    late = indicators(data, Period(dt.date(2024, 7, 1), dt.date(2025, 6, 30))).figures[
        "article7.annual.overdue_states"
    ][0]
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


def test_a_workbook_saved_again_with_the_same_rows_changes_nothing(built_project):
    import openpyxl

    project = built_project
    workbook = project.inputs / "data" / "states-parties.xlsx"
    before = workbook.read_bytes()
    openpyxl.load_workbook(workbook).save(workbook)  # new bytes (timestamps), the same cells
    assert workbook.read_bytes() != before
    assert {s.state for s in build(project.inputs, project.outputs, TEMPLATES).documents} == {"unchanged"}


def test_a_build_with_the_same_inputs_answers_from_the_last_one_with_its_findings(built_project):
    project = built_project
    first = json.loads((project.outputs / "status.json").read_text())
    progress = []
    again = build(project.inputs, project.outputs, TEMPLATES, progress=progress.append)
    assert [str(step) for step in progress] == ["nothing changed"]
    assert len(again.diagnostics) == len(first["findings"])  # the warnings are still shown
    assert [(d.document_id, d.words) for d in again.documents] == [(d["id"], d["words"]) for d in first["documents"]]
    assert {d.state for d in again.documents} == {"unchanged"}


def test_a_copied_outputs_folder_answers_with_its_own_files(built_project):
    """built_project is a copy: what the no-op answers names the files of the copy."""
    again = build(built_project.inputs, built_project.outputs, TEMPLATES)
    files = [f for d in again.documents for f in d.files]
    assert files and all(f.startswith(str(built_project.outputs)) for f in files)


def test_missing_outputs_or_a_touched_input_take_the_full_path_and_say_why(small_built_project):
    project = small_built_project
    project.pdf().unlink()
    progress = []
    again = build(project.inputs, project.outputs, TEMPLATES, progress=progress.append)
    assert "nothing changed" not in map(str, progress)
    states = {s.document_id: s.state for s in again.documents}
    assert states["progress-report"] == "rebuilt: " + OUTPUTS_GONE
    assert project.pdf().exists()

    meeting = project.meeting_path
    meeting.write_text(meeting.read_text() + "\n# a comment\n")  # different bytes, the same settings
    progress.clear()
    third = build(project.inputs, project.outputs, TEMPLATES, progress=progress.append)
    assert "intake" in map(str, progress)  # read again, since its bytes changed, and found the same settings
    assert {s.state for s in third.documents} == {"unchanged"}


def test_editing_the_reports_chapters_rebuilds_the_report_and_leaves_the_analyses_untouched(small_built_project):
    project = small_built_project
    analyses = sorted(project.outputs.glob("extension-analysis-*/en/*.docx"))
    before = [(p.read_bytes(), os.stat(p).st_mtime_ns) for p in analyses]
    meeting = project.meeting()
    meeting["documents"][0]["chapters"][0]["heading"] = "Opening of the Meeting"
    project.write_meeting(meeting)
    result = build(project.inputs, project.outputs, TEMPLATES)
    states = {s.document_id: s.state for s in result.documents}
    assert states == {
        "progress-report": "rebuilt: meeting.yaml: this document's settings changed",
        "extension-analysis-chl": "unchanged",
        "extension-analysis-lbn": "unchanged",
        "extension-analysis-som": "unchanged",
    }
    assert [(p.read_bytes(), os.stat(p).st_mtime_ns) for p in analyses] == before


def test_a_new_pandoc_rebuilds_the_documents_made_from_drafts_and_says_so(small_built_project):
    project = small_built_project
    memo = project.outputs / ".cache" / MEMO
    kept = json.loads(memo.read_text())
    real = kept["pandoc"]["version"]
    kept["pandoc"]["version"] = "99.1"  # as if pandoc had been upgraded since the last build
    memo.write_text(json.dumps(kept))
    states = {s.document_id: s.state for s in build(project.inputs, project.outputs, TEMPLATES).documents}
    assert states["progress-report"] == f"rebuilt: pandoc {real} → 99.1"
    assert states["extension-analysis-chl"] == "unchanged"  # no drafts: pandoc makes nothing of it


def _cli_build(project, env: dict) -> subprocess.CompletedProcess:
    """The real command line, run by this checkout's pipeline unless ``env`` names another."""
    return subprocess.run(
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
        capture_output=True,
        text=True,
        cwd=project.root,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )


def _states(project) -> dict[str, str]:
    return {d["id"]: d["state"] for d in json.loads((project.outputs / "status.json").read_text())["documents"]}


def test_a_build_that_finds_nothing_changed_starts_neither_pandoc_nor_libreoffice(built_project, tmp_path):
    """Each program is wrapped in a script that notes every start, then runs the real one."""
    log = tmp_path / "started.log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, real in (("soffice", shutil.which("soffice")), ("pandoc", _pandoc())):
        wrapper = bin_dir / name
        wrapper.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\nexec "{real}" "$@"\n')
        wrapper.chmod(0o755)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYPANDOC_PANDOC": str(bin_dir / "pandoc")}
    first = _cli_build(built_project, env)  # other programs than the memo's: each is asked its version once
    assert first.returncode == 0, first.stderr
    assert set(log.read_text().splitlines()) == {"pandoc --version", "soffice --version"}
    assert set(_states(built_project).values()) == {"unchanged"}  # the same versions: the same documents

    log.unlink()
    again = _cli_build(built_project, env)
    assert again.returncode == 0, again.stderr
    assert not log.exists()
    assert set(_states(built_project).values()) == {"unchanged"}


@pytest.mark.libreoffice
def test_a_changed_line_of_pipeline_code_rebuilds_the_documents_and_says_why(tmp_path):
    """The next build is run by a copy of the pipeline with one line changed. A one-document project keeps
    it quick; that every document's key holds the code is specified above, on the sample's keys."""
    built_project = tiny_project(tmp_path / "project")
    assert _cli_build(built_project, {}).returncode == 0
    code = tmp_path / "code"
    shutil.copytree(ROOT / "pipeline", code / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    (code / "templates").symlink_to(ROOT / "templates")  # the web page templates, found beside the code
    source = code / "pipeline" / "render" / "document.py"
    source.write_text(source.read_text(encoding="utf-8") + "# one more line\n", encoding="utf-8")
    run = _cli_build(built_project, {"PYTHONPATH": str(code)})
    assert run.returncode == 0, run.stderr
    assert set(_states(built_project).values()) == {"rebuilt: the pipeline's code changed"}


def test_moving_a_pin_down_meeting_yaml_changes_no_key_but_pinning_another_file_does():
    """A pinned draft counts by its file name, not by the line that pins it; an optional key left out
    (None) is not part of a key, so a new optional key of meeting.yaml changes no issued document."""
    from pipeline.intake.meeting import parse_meeting
    from pipeline.publish.keys import settings_of
    from tests.conftest import SAMPLE_INPUTS

    text = (SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8")
    pinned = text.replace("          - id: clearance\n", "          - id: clearance\n            draft: v3.docx\n", 1)
    moved = "# a comment that moves every line down\n" + pinned
    other = pinned.replace("draft: v3.docx", "draft: v4.docx")

    def settings(source):
        config, found = parse_meeting(source, "inputs/meeting.yaml")
        assert not found, found
        return settings_of(config.documents[0], config)

    assert settings(pinned) == settings(moved)
    assert settings(pinned) != settings(other) and settings(pinned) != settings(text)
    assert "None" not in repr(settings(text)["document"])
