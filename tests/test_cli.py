"""The command line as a user meets it: exit status, messages, never a traceback for a bad input,
and a bug told as a bug.

Most cases drive the CLI in-process (click's runner, from the project folder, as a user
runs it); a few run ``python -m pipeline`` for real, to prove the set-up and the exit
status the shell sees.
"""

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pipeline.cli import BUG_EXIT, main
from tests.conftest import ROOT, SAMPLE_INPUTS, TEMPLATES, tree_hashes


@pytest.fixture
def ccm_report(monkeypatch):
    """``ccm-report ARGS`` in a project folder, in-process; the result has exit_code, stdout and stderr."""

    def run(project, *args, outputs=True):
        monkeypatch.chdir(project.root)
        options = ["--inputs", str(project.inputs), "--templates", str(TEMPLATES)]
        if outputs:
            options += ["--outputs", str(project.outputs)]
        return CliRunner().invoke(main, [*args, *options], catch_exceptions=False)

    return run


# --- what the inputs say ----------------------------------------------------------------------------


def test_validate_accepts_the_sample_and_lists_its_warnings(project, ccm_report):
    done = ccm_report(project, "validate", outputs=False)
    assert done.exit_code == 0, done.stderr
    assert "inputs are valid" in done.stdout
    assert "WARNING: informal name “Lao PDR”" in done.stderr
    assert "Traceback" not in done.stderr


def test_every_config_error_is_printed_before_stopping(project, ccm_report):
    data = project.meeting()
    del data["documents"][0]["symbol"]
    data["documents"][0]["date"] = "next Tuesday"
    project.write_meeting(data)
    done = ccm_report(project, "validate", outputs=False)
    assert done.exit_code == 1
    assert "documents[1]: missing key 'symbol'" in done.stderr
    assert "documents[1].date: 'next Tuesday' is not a date" in done.stderr
    assert "2 error(s)" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_misspelt_key_is_refused_with_the_key_meant(project, ccm_report):
    text = project.meeting_path.read_text(encoding="utf-8")
    project.meeting_path.write_text(text.replace("  president:", "  presdient:"), encoding="utf-8")
    done = ccm_report(project, "validate", outputs=False)
    assert done.exit_code == 1
    assert "inputs/meeting.yaml:" in done.stderr
    assert "meeting: unknown key 'presdient'; did you mean 'president'? [config]" in done.stderr


def test_a_misspelt_rule_in_the_data_schema_is_refused(project, ccm_report):
    shutil.rmtree(project.inputs / "drafts")  # not needed here: no draft is read
    schema = project.inputs / "data" / "schema.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace("min: 0,", "minimum: 0,", 1), encoding="utf-8")
    done = ccm_report(project, "validate", outputs=False)
    assert done.exit_code == 1
    assert "inputs/data/schema.yaml:" in done.stderr
    assert "unknown key 'minimum'; did you mean 'min'? [data.schema]" in done.stderr


def test_an_unknown_template_is_named(project, ccm_report):
    shutil.rmtree(project.inputs / "drafts")  # not needed here: no draft is read
    data = project.meeting()
    data["documents"][0]["template"] = "no-such-template.docx"
    project.write_meeting(data)
    done = ccm_report(project, "validate", outputs=False)
    assert done.exit_code == 1
    assert "template 'no-such-template.docx' not found" in done.stderr


def test_a_missing_meeting_file_says_what_to_do(project, ccm_report):
    project.meeting_path.unlink()
    done = ccm_report(project, "validate", outputs=False)
    assert done.exit_code == 1
    assert "meeting.yaml is missing" in done.stderr
    assert "Traceback" not in done.stderr


def test_wrong_usage_exits_2(project, ccm_report):
    done = ccm_report(project, "build", "--no-such-option")
    assert done.exit_code == 2
    assert "No such option" in done.stderr


def test_every_command_and_option_has_help():
    for path in (["build"], ["validate"], ["issue"], ["status"], ["translate", "merge"]):
        done = CliRunner().invoke(main, [*path, "--help"])
        assert done.exit_code == 0
        options = [line for line in done.stdout.splitlines() if line.lstrip().startswith("--")]
        assert options and all(len(line.split("  ", 1)) == 2 for line in options), done.stdout


# --- builds -------------------------------------------------------------------------------------------


def test_a_failed_build_leaves_the_previous_outputs_intact(built_project, ccm_report):
    before = tree_hashes(built_project.outputs)
    (built_project.inputs / "data" / "schema.yaml").unlink()
    done = ccm_report(built_project, "build")
    assert done.exit_code == 1
    assert "ERROR: the data schema is missing" in done.stderr
    assert tree_hashes(built_project.outputs) == before
    assert not list(built_project.outputs.glob(".staging-*"))


def test_broken_yaml_is_one_clear_message_and_nothing_is_written(built_project, ccm_report):
    before = tree_hashes(built_project.outputs)
    text = built_project.meeting_path.read_text(encoding="utf-8")
    built_project.meeting_path.write_text(text.replace("  place: Geneva", "  place: [Geneva"), encoding="utf-8")
    done = ccm_report(built_project, "build")
    assert done.exit_code == 1
    assert "meeting.yaml:" in done.stderr and "ERROR: this is not valid YAML" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree_hashes(built_project.outputs) == before


def test_the_status_of_the_last_build_is_kept_as_json_and_html_and_shown(built_project, ccm_report):
    data = json.loads((built_project.outputs / "status.json").read_text())
    report = next(d for d in data["documents"] if d["id"] == "progress-report")
    assert report["symbol"] == "CCM/MSP/2025/7" and len(report["sections"]) == 10
    assert data["data"]["annual_reports_due"] == 111 and len(data["data"]["annual_reports_overdue"]) == 32
    page = (built_project.outputs / "status.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "CCM/MSP/2025/7" in page
    done = CliRunner().invoke(main, ["status", "--outputs", str(built_project.outputs)])
    assert done.exit_code == 0
    assert "CCM/MSP/2025/7 (progress-report):" in done.stdout and "Article 7: 79 of 111" in done.stdout


def test_status_before_any_build_says_what_to_do(tmp_path):
    done = CliRunner().invoke(main, ["status", "--outputs", str(tmp_path)])
    assert done.exit_code == 1
    assert "no status in" in done.stderr and "run 'make report' first" in done.stderr


# --- bugs ------------------------------------------------------------------------------------------------


def _raise_key_error(*_args, **_kwargs):
    raise KeyError("Casualties women")


def test_a_bug_in_pure_code_is_told_as_a_bug_with_its_traceback_in_the_log(built_project, ccm_report, monkeypatch):
    """A KeyError in a computation is ccm-report's fault, not a damaged input: the user is told to
    report it, and the log holds what a developer needs."""
    monkeypatch.setattr("pipeline.compute.indicators.casualties", _raise_key_error)
    draft = built_project.inputs / "drafts" / "transparency" / "transparency-section.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\nA late sentence.\n", encoding="utf-8")
    done = ccm_report(built_project, "build")
    assert done.exit_code == BUG_EXIT
    [line] = done.stderr.splitlines()
    assert line.startswith("ccm-report hit a bug: KeyError: 'Casualties women' (in test_cli.py:")
    assert "please report it with the log at outputs/logs/build-" in line
    assert "damaged" not in line and "Traceback" not in line
    log = built_project.root / line.rsplit(" ", 1)[1]
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "in indicators" in text and "KeyError: 'Casualties women'" in text


def test_a_bug_while_a_workbook_is_read_is_not_called_a_damaged_workbook(project, ccm_report, monkeypatch):
    """Only what the file-format libraries raise while reading a workbook says the workbook is damaged."""
    monkeypatch.setattr("pipeline.intake.workbook.records_from_rows", _raise_key_error)
    shutil.rmtree(project.inputs / "drafts")  # not needed here: no draft is read
    done = ccm_report(project, "validate", outputs=False)
    assert done.exit_code == BUG_EXIT
    assert "ccm-report hit a bug: KeyError" in done.stderr
    assert "damaged" not in done.stderr and "data.unreadable" not in done.stderr


# --- the real command, as the shell runs it ------------------------------------------------------------


def test_a_build_prints_the_status_and_never_modifies_the_inputs(built_project):
    """The sample was built once for the session; building it again answers with its status."""
    logs = len(list((built_project.outputs / "logs").glob("build-*.log")))
    done = built_project.cli("build")
    assert done.returncode == 0, done.stderr
    assert "CCM/MSP/2025/7 (progress-report):" in done.stdout
    assert "words of 10700" in done.stdout
    assert "superseded: Risk education - draft v1.docx" in done.stdout
    assert "tracked change(s) resolved" in done.stdout
    assert tree_hashes(built_project.inputs) == tree_hashes(SAMPLE_INPUTS)  # neither build touched them
    assert len(list((built_project.outputs / "logs").glob("build-*.log"))) == logs + 1
    # No progress chatter when the output is not a terminal (CI logs stay quiet).
    assert "... intake" not in done.stderr


@pytest.mark.slow  # seconds of its own: make test runs it, make check leaves it out
def test_bad_inputs_and_wrong_usage_give_their_exit_status_to_the_shell(project):
    assert (
        subprocess.run(
            [sys.executable, "-m", "pipeline", "build", "--no-such-option"], capture_output=True, cwd=ROOT
        ).returncode
        == 2
    )
    project.meeting_path.write_text("meeting: [\n", encoding="utf-8")
    done = project.cli("validate")
    assert done.returncode == 1
    assert "ERROR: this is not valid YAML" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow  # seconds of subprocesses or of the whole sample: make test runs it
def test_a_bug_gives_its_own_exit_status_to_the_shell(project):
    shutil.rmtree(project.inputs / "drafts")  # not needed here: no draft is read
    code = (
        "import sys, pipeline.intake.workbook as w\n"
        "def boom(*a, **k): raise KeyError('Casualties women')\n"
        "w.records_from_rows = boom\n"
        "from pipeline.cli import main\n"
        "main(prog_name='ccm-report')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "validate", "--inputs", str(project.inputs), "--templates", str(TEMPLATES)],
        capture_output=True,
        text=True,
        cwd=project.root,
        timeout=300,
    )
    assert done.returncode == BUG_EXIT, done.stderr
    assert "ccm-report hit a bug: KeyError" in done.stderr and "Traceback" not in done.stderr


def _commands(group, prefix=()):
    import click

    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


def test_every_command_documents_every_option_with_an_example_and_the_exit_status():
    from click.testing import CliRunner

    from pipeline.cli import main

    for path, command in _commands(main):
        import click

        undocumented = [p.name for p in command.params if isinstance(p, click.Option) and not p.help]
        assert undocumented == [], (path, undocumented)
        shown = CliRunner().invoke(main, [*path, "--help"], terminal_width=100).output
        assert "Example" in shown and "Exit status:" in shown, path


@pytest.mark.slow  # seconds of subprocesses or of the whole sample: make test runs it
def test_output_cut_short_by_the_reader_is_not_a_bug():
    """'ccm-report new-meeting | head -3': writing to a reader that went away ends the command quietly, exit 0,
    with no bug report (a command that meets a broken pipe, in a process of its own)."""
    import subprocess
    import sys

    program = (
        "from pipeline.cli import reports_bugs\n"
        "@reports_bugs\n"
        "def command(outputs_dir=None):\n"
        "    raise BrokenPipeError(32, 'Broken pipe')\n"
        "command()\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "hit a bug" not in done.stderr + done.stdout
