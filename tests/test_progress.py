"""A build's progress as a user sees it: on a terminal one line, redrawn, with a bar over the documents
and the time left; through a pipe (CI) nothing at all.

The line is a pure function of the build's step and what is known of time, specified here by examples;
the real command is then run under a pseudo-terminal and through a pipe. (A real build under a
pseudo-terminal, bar and all, is in tests/test_watch.py: the watch's first build.)
"""

from __future__ import annotations

import io
import json
import subprocess

import pytest

from pipeline.build import Step
from pipeline.cli_progress import TerminalProgress, Timings, left_text, progress_line, time_left
from tests.terminal import CONTROL, NO_TERMINAL, TERMINALS, Running, command, lines, tiny_project

REPORT, ANALYSIS = "CCM/MSP/2025/7", "CCM/MSP/2025/3"
BOTH = (REPORT, ANALYSIS)


def test_the_first_document_of_a_build_with_nothing_remembered_has_no_estimate():
    step = Step("render", REPORT, 1, BOTH, ("en",))
    assert time_left(step, Timings(current=3.0)) is None
    assert progress_line(step, Timings(current=3.0)) == "[----------------] document 1 of 2 · render · CCM/MSP/2025/7"


def test_then_each_document_left_is_expected_to_take_the_mean_so_far_and_each_pdf_batch_four_seconds():
    """left = (12 s expected - 2 s done) for this document + 4 s for the one PDF batch = 14 s; the bar has
    one of its three units done (two documents, one batch): 16 * 1 // 3 = 5 characters."""
    step = Step("verify", ANALYSIS, 2, BOTH, ("en",))
    timings = Timings(current=2.0, finished={REPORT: 12.0})
    assert time_left(step, timings) == 14.0
    assert progress_line(step, timings) == (
        "[#####-----------] document 2 of 2 · verify · CCM/MSP/2025/3 · about 15 s left"
    )


def test_times_remembered_from_the_last_build_give_the_first_document_an_estimate_and_win_over_the_mean():
    # 30 s remembered for the report, 10 s of it done; the analysis 10 s; two PDF batches of 5 s
    first = Step("render", REPORT, 1, BOTH, ("en", "fr"))
    assert time_left(first, Timings(current=10.0, remembered={REPORT: 30.0, ANALYSIS: 10.0}, batch=5.0)) == 40.0
    # a third document never built before is expected to take the mean of this build's (20 s)
    three = (REPORT, ANALYSIS, "CCM/MSP/2025/4")
    second = Step("export", ANALYSIS, 2, three, ("en",))
    timings = Timings(current=5.0, finished={REPORT: 20.0}, remembered={ANALYSIS: 6.0}, batch=5.0)
    assert time_left(second, timings) == (6.0 - 5.0) + 20.0 + 5.0


def test_a_document_taking_longer_than_expected_counts_for_nothing_more():
    step = Step("render", ANALYSIS, 2, BOTH, ("en",))
    assert time_left(step, Timings(current=50.0, finished={REPORT: 12.0})) == 4.0


def test_during_the_conversion_the_line_tells_the_batch_and_its_word_files():
    """PDF batch 2 of 3 begun 1 s ago, 6 s a batch: 5 + 6 = 11 s left; units done: 2 documents and the
    first batch, 3 of 5: 16 * 3 // 5 = 9 characters."""
    step = Step("convert", None, 2, BOTH, ("en", "fr", "es"), files=1)
    timings = Timings(current=1.0, batch=6.0)
    assert time_left(step, timings) == 11.0
    assert progress_line(step, timings) == "[#########-------] PDF 2 of 3 · convert · fr: 1 Word file · about 15 s left"
    assert progress_line(Step("convert", None, 1, BOTH, ("en",), files=2), Timings()).endswith(
        "en: 2 Word files · a few seconds left"
    )


def test_phases_before_the_documents_are_planned_have_no_bar_and_publish_a_full_one():
    assert progress_line(Step("intake"), Timings()) == "intake"
    assert progress_line(Step("nothing changed"), Timings()) == "nothing changed"
    assert progress_line(Step("publish", None, 0, BOTH, ("en",)), Timings()) == "[################] publish"


def test_the_line_is_cut_to_the_terminal_width():
    line = progress_line(Step("convert", None, 2, BOTH, ("en", "fr", "es"), files=1), Timings(), width=40)
    assert line == "[#########-------] PDF 2 of 3 · conver…" and len(line) == 39


def test_the_time_left_is_rounded_up_and_said_in_words():
    assert [left_text(s) for s in (0, 9.9, 10, 31, 59, 61, 120, 125.5)] == [
        "a few seconds left",
        "a few seconds left",
        "about 10 s left",
        "about 35 s left",
        "about 60 s left",
        "about 1 min 10 s left",
        "about 2 min left",
        "about 2 min 10 s left",
    ]


def test_a_step_reads_in_a_log_as_the_phase_and_what_it_works_on():
    assert [
        str(s) for s in (Step("intake"), Step("render", REPORT, 1, BOTH), Step("convert", None, 2, BOTH, ("en", "fr")))
    ] == [
        "intake",
        "render CCM/MSP/2025/7",
        "convert fr",
    ]


def test_the_display_redraws_one_line_clears_it_and_remembers_the_times_for_the_next_build(tmp_path):
    now = [100.0]
    (tmp_path / "outputs").mkdir()
    memory = tmp_path / "outputs" / ".cache" / "progress.json"
    screen = io.StringIO()
    display = TerminalProgress(screen, memory, tick=3600, clock=lambda: now[0])
    display(Step("compute"))
    display(Step("render", REPORT, 1, BOTH, ("en",)))
    now[0] += 12
    display(Step("render", ANALYSIS, 2, BOTH, ("en",)))
    now[0] += 2
    display(Step("convert", None, 1, BOTH, ("en",), files=2))
    now[0] += 5
    display(Step("publish", None, 0, BOTH, ("en",)))
    display.close()
    frames = screen.getvalue().split("\r")
    assert (
        [f.rstrip() for f in frames[1:-2]]
        == [
            "compute",
            "[----------------] document 1 of 2 · render · CCM/MSP/2025/7",
            "[#####-----------] document 2 of 2 · render · CCM/MSP/2025/3 · about 20 s left",  # the mean, 12 s, and a batch, 4 s
            "[##########------] PDF 1 of 1 · convert · en: 2 Word files · a few seconds left",
            "[################] publish",
        ]
    )
    assert frames[-2].strip() == "" and frames[-1] == ""  # the last drawing is wiped: the line is blank again
    assert len(frames[-2]) == len(frames[-3].rstrip())  # as wide as what it wipes
    assert "\n" not in screen.getvalue()
    assert json.loads(memory.read_text()) == {"batch": 5.0, "documents": {REPORT: 12.0, ANALYSIS: 2.0}}

    later = io.StringIO()
    again = TerminalProgress(later, memory, tick=3600, clock=lambda: now[0])
    again(Step("render", REPORT, 1, BOTH, ("en",)))
    again.close()
    assert later.getvalue().split("\r")[1].endswith("· about 20 s left")  # 12 + 2 + 5 = 19 s, from the memory


def _is_phase(line: str) -> bool:
    return line.startswith(("intake", "validate", "check figures", "["))


@pytest.mark.slow  # seconds of subprocesses or of the whole sample: make test runs it
@pytest.mark.skipif(not TERMINALS, reason=NO_TERMINAL)
def test_on_a_terminal_validate_shows_each_phase_in_place_and_leaves_only_its_findings(tmp_path):
    project = tiny_project(tmp_path)
    code, text = Running(command(project, "validate"), project.root, terminal=True).finish()
    assert code == 0, text
    assert "\rintake" in text and "\rvalidate" in text and "\rcheck figures" in text
    screen = lines(text)
    assert "inputs are valid" in screen
    assert not [line for line in screen if _is_phase(line)]  # each drawing was wiped before the findings


@pytest.mark.slow  # seconds of subprocesses or of the whole sample: make test runs it
def test_through_a_pipe_validate_prints_no_progress_and_no_control_character(tmp_path):
    project = tiny_project(tmp_path)
    done = subprocess.run(command(project, "validate"), capture_output=True, text=True, cwd=project.root, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "inputs are valid\n"
    assert not CONTROL.search(done.stdout + done.stderr)
    assert not [line for line in done.stderr.splitlines() if _is_phase(line)]
