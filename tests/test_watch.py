"""``ccm-report watch``: a build when started, then one line per rebuild each time a file lands in or
changes under inputs/ (once it is whole), bad inputs told and outlived, Ctrl-C an ordinary end."""

from __future__ import annotations

import datetime as dt
import re
import signal
import subprocess
import threading
import time

import pytest

from pipeline.build.watch import differences, ignored, settled, snapshot
from tests.conftest import ROOT
from tests.terminal import TERMINALS, Running, command, lines, tiny_project
from tools.docxfactory import build_docx


def test_lock_temporary_and_hidden_files_are_not_inputs():
    for name in (
        "~$troduction.docx",
        ".~lock.draft.docx#",
        "~WRL0005.tmp",
        "draft.docx.crdownload",
        "x.part",
        ".DS_Store",
        "notes.md~",
        ".draft.md.swp",
    ):
        assert ignored(name), name
    for name in ("Introduction v2.docx", "transparency-section.md", "states-parties.xlsx", "meeting.yaml"):
        assert not ignored(name), name


def test_what_changed_between_two_looks_is_named_added_changed_or_removed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    drafts = tmp_path / "inputs" / "drafts" / "clearance"
    drafts.mkdir(parents=True)
    (drafts / "v1.docx").write_bytes(b"first")
    (drafts / "old.md").write_text("old")
    before = snapshot((tmp_path / "inputs",))
    (drafts / "v1.docx").write_bytes(b"first, longer")
    (drafts / "old.md").unlink()
    (drafts / "v2.docx").write_bytes(b"second")
    (drafts / "~$v2.docx").write_bytes(b"Word's lock")
    (tmp_path / "inputs" / ".git").mkdir()
    (tmp_path / "inputs" / ".git" / "index").write_bytes(b"hidden folder")
    assert differences(before, snapshot((tmp_path / "inputs",))) == (
        ("inputs/drafts/clearance/old.md", "removed"),
        ("inputs/drafts/clearance/v1.docx", "changed"),
        ("inputs/drafts/clearance/v2.docx", "added"),
    )


def test_outputs_kept_inside_the_inputs_are_not_watched_so_a_build_never_sets_off_the_next(tmp_path):
    inputs = tmp_path / "inputs"
    (inputs / "outputs" / "progress-report").mkdir(parents=True)
    (inputs / "outputs" / "progress-report" / "CCM_MSP_2025_7.docx").write_bytes(b"built")
    (inputs / "meeting.yaml").write_text("meeting: {}")
    assert list(snapshot((inputs,), skip=inputs / "outputs")) == [inputs / "meeting.yaml"]


def test_a_file_still_being_written_is_waited_for_until_it_has_been_still_for_the_quiet_time(tmp_path):
    inputs = (tmp_path / "inputs",)
    inputs[0].mkdir()
    target = inputs[0] / "draft.docx"

    def copy_slowly():
        with target.open("wb") as handle:
            for _part in range(4):
                handle.write(b"x" * 1000)
                handle.flush()
                time.sleep(0.15)  # each pause shorter than the quiet time

    writer = threading.Thread(target=copy_slowly)
    started = time.monotonic()
    writer.start()
    time.sleep(0.02)
    still = settled(lambda: snapshot(inputs), snapshot(inputs), quiet_s=0.4, interval=0.05)
    writer.join()
    assert still[target][0] == 4000  # whole, never the half-written file
    assert time.monotonic() - started >= 0.45 + 0.4  # the last part (after three pauses), then the quiet time


@pytest.mark.libreoffice
def test_watch_rebuilds_once_per_settled_change_prints_findings_goes_on_after_errors_and_stops_on_ctrl_c(tmp_path):
    project = tiny_project(tmp_path)
    folder = project.inputs / "drafts" / "introduction"
    draft = build_docx(["The President opened the Meeting."], tmp_path / "v2.docx", when=dt.datetime(2025, 7, 1))
    data, meeting = draft.read_bytes(), project.meeting_path.read_text(encoding="utf-8")
    run = Running(
        command(project, "watch", "--interval", "0.1", "--debounce", "0.6"),
        project.root,
        terminal=TERMINALS,
        as_a_job=True,
    )
    try:
        run.wait_for(r"first build → ")
        with (folder / "Introduction v2.docx").open("wb") as handle:  # a slow copy: half, a pause, the rest
            handle.write(data[: len(data) // 2])
            handle.flush()
            time.sleep(0.3)
            handle.write(data[len(data) // 2 :])
        run.wait_for(r"Introduction v2\.docx added → ")
        project.meeting_path.write_text("meeting: [\n", encoding="utf-8")  # a bad input: the build stops
        run.wait_for(r"meeting\.yaml changed → ")
        project.meeting_path.write_text(meeting, encoding="utf-8")  # mended: the watch builds again
        (folder / "~$troduction v2.docx").write_bytes(b"Word opened it")  # not an input: never named
        run.wait_for(r"meeting\.yaml changed → ", count=2)
        time.sleep(1.0)  # room for a rebuild that should not come
        run.proc.send_signal(signal.SIGINT)
        code, text = run.finish()
    finally:
        if run.proc.poll() is None:
            run.proc.kill()
    assert code == 0 and "Traceback" not in text and "Aborted" not in text
    if TERMINALS:  # the first build, on this terminal, showed its progress: the document and the PDFs, a bar
        assert "] document 1 of 1 · render · CCM/MSP/2025/7" in text
        assert "] PDF 1 of 1 · convert · en: 1 Word file" in text
    screen = [line for line in lines(text) if line]
    built = [re.sub(r"^\d\d:\d\d:\d\d ", "", line) for line in screen if " → " in line]
    assert built == [
        "first build → 1 document rebuilt, 0 errors, 0 warnings",
        "inputs/drafts/introduction/Introduction v2.docx added → 1 document rebuilt, 0 errors, 0 warnings",
        "inputs/meeting.yaml changed → the inputs have errors; nothing was built (findings above)",
        "inputs/meeting.yaml changed → nothing to rebuild, 0 errors, 0 warnings",
    ]
    # a build's findings stand above its line: the new ones, and every error
    stopped = screen.index(next(line for line in screen if "the inputs have errors" in line))
    assert re.match(r"inputs/meeting\.yaml:\d+: ERROR: this is not valid YAML", screen[stopped - 1])
    superseded = "Introduction_draft_ISU.docx: INFO: superseded by the newer Introduction v2.docx"
    dropped = screen.index(next(line for line in screen if "Introduction v2.docx added →" in line))
    assert superseded in screen[dropped - 1]
    assert sum(superseded in line for line in screen) == 1  # said once: the later builds found nothing new
    assert screen[-1] == "stopped watching"


def test_make_watch_is_listed_and_runs_the_watch():
    listed = subprocess.run(["make", "-C", str(ROOT), "help"], capture_output=True, text=True).stdout
    assert "make watch " in listed
    planned = subprocess.run(["make", "-C", str(ROOT), "-n", "watch"], capture_output=True, text=True).stdout
    assert "-m pipeline watch" in planned
