"""The converter: the real LibreOffice, and a PDF is only a success when it is one."""

import stat

import docx
import pytest

from pipeline.convert import LibreOffice, find_soffice, is_complete_pdf, soffice_version
from tests.conftest import pdf_text


def _docx(path, text):
    document = docx.Document()
    document.add_paragraph(text)
    document.save(path)
    return path


@pytest.mark.libreoffice
def test_libreoffice_converts_several_documents_in_one_run(tmp_path):
    sources = [_docx(tmp_path / f"doc{i}.docx", f"Document number {i}") for i in range(2)]
    results = LibreOffice().convert(sources, tmp_path / "pdf")
    assert [r.problem for r in results] == ["", ""]
    for i, result in enumerate(results):
        assert is_complete_pdf(result.output)
        assert f"Document number {i}" in pdf_text(result.output)


@pytest.mark.libreoffice
def test_a_conversion_that_fails_is_a_failure_with_libreoffices_reason(tmp_path):
    # soffice exits 0 here; only the missing PDF and its stderr tell.
    missing = tmp_path / "vanished.docx"
    good = _docx(tmp_path / "good.docx", "still converted")
    results = LibreOffice(retries=0).convert([missing, good], tmp_path / "pdf")
    assert results[0].output is None
    assert "source file could not be loaded" in results[0].problem
    assert results[1].output is not None


@pytest.mark.libreoffice
def test_a_hung_conversion_is_stopped_at_its_time_out(tmp_path):
    # Fault injection: LibreOffice cannot be made to hang on demand, so a stand-in that sleeps.
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    source = _docx(tmp_path / "doc.docx", "text")
    [result] = LibreOffice(soffice=str(fake), timeout_s=0.5, retries=0).convert([source], tmp_path / "pdf")
    assert result.output is None
    assert "did not finish within" in result.problem


def test_truncated_pdfs_are_not_complete(tmp_path):
    partial = tmp_path / "partial.pdf"
    partial.write_bytes(b"%PDF-1.7\n1 0 obj\n")
    assert not is_complete_pdf(partial)
    assert not is_complete_pdf(tmp_path / "missing.pdf")


@pytest.mark.libreoffice
def test_a_legacy_word_file_becomes_a_docx(tmp_path):
    source = _docx(tmp_path / "draft.docx", "Legacy quokka text")
    # Make a real .doc with LibreOffice's own legacy filter, then read it back as .docx.
    [made] = LibreOffice().convert([source], tmp_path / "legacy", to="doc")
    legacy = made.output
    assert legacy == tmp_path / "legacy" / "draft.doc"
    assert legacy.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    [result] = LibreOffice().convert([legacy], tmp_path / "back", to="docx")
    assert result.output.name == "draft.docx"
    assert "Legacy quokka text" in docx.Document(result.output).paragraphs[0].text


@pytest.mark.libreoffice
def test_documents_are_spread_over_instances_largest_first(tmp_path):
    sizes = {"a": 50, "b": 40, "c": 30, "d": 20, "e": 10}
    for name, size in sizes.items():
        (tmp_path / f"{name}.docx").write_bytes(b"x" * size)
    batches = LibreOffice(instances=2)._batches([tmp_path / f"{n}.docx" for n in sizes])
    assert [[p.stem for p in b] for b in batches] == [["a", "d", "e"], ["b", "c"]]


def _processes_with(marker: str) -> list[int]:
    """Pids whose command line mentions ``marker`` (read from /proc: no procps on a bare machine)."""
    import os

    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    if marker.encode() in handle.read():
                        found.append(int(entry))
            except OSError:
                pass
    return found


def test_a_libreoffice_instance_killed_mid_build_is_retried_and_the_pdfs_are_right(tmp_path, sample_build):
    import os
    import signal
    import threading
    import time

    sources = []
    for i in range(6):
        copy = tmp_path / f"report{i}.docx"
        copy.write_bytes(sample_build.docx().read_bytes())
        sources.append(copy)
    profiles = tmp_path / "profiles"
    marker = f"{profiles}/slot-0"
    killed = []

    def kill_when_running():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if _processes_with(marker):
                time.sleep(1.0)  # started, and into its batch
                for pid in _processes_with(marker):
                    try:
                        os.kill(pid, signal.SIGKILL)
                        killed.append(pid)
                    except ProcessLookupError:
                        pass
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_when_running)
    killer.start()
    results = LibreOffice(instances=1, profiles=profiles).convert(sources, tmp_path / "pdf")
    killer.join()
    assert killed, "the instance was never seen running"
    assert any(r.retried for r in results)
    assert [r.problem for r in results] == [""] * 6
    for result in results:
        assert "CCM/MSP/2025/7" in pdf_text(result.output)


@pytest.mark.libreoffice
def test_libreoffices_version_is_asked_once_and_remembered_by_its_files(tmp_path):
    """Asking starts LibreOffice (about 0.6 s); a build that finds nothing changed must not."""
    import json
    import re
    import subprocess

    soffice = find_soffice()
    said = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout  # "LibreOffice 7.4.7.2 ..."
    memo = tmp_path / "tools.json"
    assert soffice_version(soffice, memo) == said.split()[1]
    assert re.fullmatch(r"\d+(\.\d+)+", said.split()[1])
    kept = json.loads(memo.read_text())
    kept["LibreOffice"]["version"] = "remembered"  # the files are the same: the memo answers
    memo.write_text(json.dumps(kept))
    assert soffice_version(soffice, memo) == "remembered"
