"""The command line, run as a user runs it: exit status, messages, never a traceback."""

import shutil
import subprocess
import sys

from tests.conftest import tree_hashes


def test_validate_accepts_the_sample_and_lists_its_warnings(project):
    done = project.cli("validate")
    assert done.returncode == 0, done.stderr
    assert "inputs are valid" in done.stdout
    assert "WARNING: informal name “Lao PDR”" in done.stderr
    assert "Traceback" not in done.stderr


def test_broken_yaml_is_one_clear_message_with_file_and_line(project):
    text = project.meeting_path.read_text(encoding="utf-8")
    project.meeting_path.write_text(text.replace("  place: Geneva", "  place: [Geneva"), encoding="utf-8")
    done = project.cli("build")
    assert done.returncode == 1
    assert "meeting.yaml:" in done.stderr and "ERROR: this is not valid YAML" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project.outputs / "progress-report").exists()


def test_every_config_error_is_printed_before_stopping(project):
    data = project.meeting()
    del data["documents"][0]["symbol"]
    data["documents"][0]["date"] = "next Tuesday"
    data["documents"][0]["template"] = "no-such-template.docx"
    project.write_meeting(data)
    done = project.cli("validate")
    assert done.returncode == 1
    assert "missing key 'symbol'" in done.stderr
    assert "'next Tuesday' is not a date" in done.stderr
    assert "2 error(s)" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_template_is_named(project):
    data = project.meeting()
    data["documents"][0]["template"] = "no-such-template.docx"
    project.write_meeting(data)
    done = project.cli("validate")
    assert done.returncode == 1
    assert "template 'no-such-template.docx' not found" in done.stderr


def test_a_missing_meeting_file_says_what_to_do(project):
    project.meeting_path.unlink()
    done = project.cli("validate")
    assert done.returncode == 1
    assert "meeting.yaml is missing" in done.stderr
    assert "Traceback" not in done.stderr


def test_wrong_usage_exits_2(project):
    done = project.cli("build", "--no-such-option")
    assert done.returncode == 2
    assert "No such option" in done.stderr


def test_a_build_prints_the_status_and_never_modifies_the_inputs(project):
    before = tree_hashes(project.inputs)
    done = project.cli("build")
    assert done.returncode == 0, done.stderr
    assert "CCM/MSP/2025/7 (progress-report):" in done.stdout
    assert "words of 10700" in done.stdout
    assert "superseded: Risk education - draft v1.docx" in done.stdout
    assert "tracked change(s) resolved" in done.stdout
    assert tree_hashes(project.inputs) == before
    # No progress chatter when the output is not a terminal (CI logs stay quiet).
    assert "... intake" not in done.stderr


def test_a_failed_build_leaves_the_previous_outputs_intact(project):
    assert project.cli("build").returncode == 0
    before = tree_hashes(project.outputs)
    shutil.rmtree(project.inputs / "data")
    done = project.cli("build")
    assert done.returncode == 1
    assert "ERROR: the data schema is missing" in done.stderr
    assert tree_hashes(project.outputs) == before
    assert not list(project.outputs.glob(".staging-*"))


def test_the_status_of_the_last_build_is_kept_as_json_html_and_a_log(project):
    import json

    assert project.cli("build").returncode == 0
    data = json.loads((project.outputs / "status.json").read_text())
    report = next(d for d in data["documents"] if d["id"] == "progress-report")
    assert report["symbol"] == "CCM/MSP/2025/7" and len(report["sections"]) == 9
    assert data["data"]["annual_reports_due"] == 111 and len(data["data"]["annual_reports_overdue"]) == 32
    page = (project.outputs / "status.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "CCM/MSP/2025/7" in page
    assert len(list((project.outputs / "logs").glob("build-*.log"))) == 1
    done = subprocess.run([sys.executable, "-m", "pipeline", "status", "--outputs", str(project.outputs)],
                          capture_output=True, text=True, cwd=project.root)
    assert done.returncode == 0
    assert "CCM/MSP/2025/7 (progress-report):" in done.stdout and "Article 7: 79 of 111" in done.stdout
