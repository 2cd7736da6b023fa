"""Issued versions kept by symbol, and what 'issue' refuses (no LibreOffice: a hand-made last build)."""

import datetime as dt
import json

import docx
import pytest

from pipeline.errors import CcmReportError
from pipeline.publish.issued import issue, latest


def _issued(folder, symbol, key="k1"):
    folder.mkdir(parents=True)
    docx.Document().save(folder / "x.docx")
    (folder / "issued.json").write_text(json.dumps({"symbol": symbol, "key": key, "date": "2025-07-14"}))


def _last_build(outputs, findings=(), languages=None):
    entry = {"symbol": "CCM/MSP/2025/7", "issued_symbol": "CCM/MSP/2025/7/Rev.1", "key": "k", "content_key": "c"}
    entry["languages"] = languages or {}
    (outputs / "progress-report" / "en").mkdir(parents=True)
    docx.Document().save(outputs / "progress-report" / "en" / "CCM_MSP_2025_7_Rev.1.docx")
    (outputs / "manifest.json").write_text(json.dumps({"documents": {"progress-report": entry}}))
    status = {"documents": [{"id": "progress-report", "state": "unchanged"}], "findings": list(findings)}
    (outputs / "status.json").write_text(json.dumps(status))


def test_issued_versions_belong_to_a_symbol_and_the_old_layout_is_still_read(tmp_path):
    _issued(tmp_path / "issued" / "progress-report" / "1", "CCM/MSP/2025/7")  # the layout by document id
    _issued(tmp_path / "issued" / "progress-report" / "2", "CCM/MSP/2025/7/Rev.1", "k2")
    found = latest(tmp_path, "CCM/MSP/2025/7")
    assert found is not None and (found.version, found.symbol, found.key) == (2, "CCM/MSP/2025/7/Rev.1", "k2")
    assert latest(tmp_path, "CCM/MSP/2026/7") is None  # next year's document is a new one


def test_issue_refuses_open_findings_and_incomplete_translations_unless_forced(tmp_path):
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    _issued(inputs / "issued" / "progress-report" / "1", "CCM/MSP/2025/7")
    finding = {"code": "draft.country-name", "severity": "WARNING", "where": "x.docx", "message": "informal"}
    _last_build(outputs, [finding], {"fr": "incomplete: 3 of 90 units untranslated"})
    with pytest.raises(CcmReportError) as refused:
        issue(outputs, inputs, "CCM/MSP/2025/7/Rev.1", dt.date(2025, 9, 1))
    assert "draft.country-name" in str(refused.value) and "translation into fr: incomplete" in str(refused.value)
    said = []
    kept = issue(
        outputs, inputs, "CCM/MSP/2025/7/Rev.1", dt.date(2025, 9, 1), force="French to follow", say=said.append
    )
    assert kept == inputs / "issued" / "CCM_MSP_2025_7" / "2"  # the symbol as printed; the old folder moved
    assert said and "moved to" in said[0] and (inputs / "issued" / "CCM_MSP_2025_7" / "1").is_dir()
    record = json.loads((kept / "issued.json").read_text())
    assert record["symbol"] == "CCM/MSP/2025/7/Rev.1" and record["forced"]["reason"] == "French to follow"
    status = json.loads((outputs / "status.json").read_text())
    assert "forced: French to follow" in status["documents"][0]["state"]


@pytest.mark.slow  # the real command in subprocesses: make test
def test_the_issue_command_exits_1_with_what_blocks_it_and_0_when_forced(tmp_path):
    import subprocess
    import sys

    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    finding = {"code": "draft.country-name", "severity": "WARNING", "where": "x.docx", "message": "informal name"}
    _last_build(outputs, findings=[finding])
    command = [sys.executable, "-m", "pipeline", "issue", "CCM/MSP/2025/7/Rev.1", "--inputs", str(inputs)]
    command += ["--outputs", str(outputs)]
    refused = subprocess.run(command, capture_output=True, text=True)
    assert refused.returncode == 1 and "was not issued" in refused.stderr and "Traceback" not in refused.stderr
    forced = subprocess.run([*command, "--force", "agreed by the President"], capture_output=True, text=True)
    assert forced.returncode == 0, forced.stderr
    assert "CCM/MSP/2025/7/Rev.1: issued" in forced.stdout
