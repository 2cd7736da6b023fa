"""The converter: the real LibreOffice, and a PDF is only a success when it is one."""

import stat

import docx

from pipeline.convert import LibreOffice, is_complete_pdf
from tests.conftest import pdf_text


def _docx(path, text):
    document = docx.Document()
    document.add_paragraph(text)
    document.save(path)
    return path


def test_libreoffice_converts_several_documents_in_one_run(tmp_path):
    sources = [_docx(tmp_path / f"doc{i}.docx", f"Document number {i}") for i in range(2)]
    results = LibreOffice().convert(sources, tmp_path / "pdf")
    assert [r.problem for r in results] == ["", ""]
    for i, result in enumerate(results):
        assert is_complete_pdf(result.output)
        assert f"Document number {i}" in pdf_text(result.output)


def test_a_conversion_that_fails_is_a_failure_with_libreoffices_reason(tmp_path):
    # soffice exits 0 here; only the missing PDF and its stderr tell.
    missing = tmp_path / "vanished.docx"
    good = _docx(tmp_path / "good.docx", "still converted")
    results = LibreOffice(retries=0).convert([missing, good], tmp_path / "pdf")
    assert results[0].output is None
    assert "source file could not be loaded" in results[0].problem
    assert results[1].output is not None


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


def test_a_legacy_word_file_becomes_a_docx(tmp_path):
    source = _docx(tmp_path / "draft.docx", "Legacy quokka text")
    # Make a real .doc with LibreOffice's own legacy filter, then read it back as .docx.
    (tmp_path / "legacy").mkdir()
    LibreOffice()._run([source], tmp_path / "legacy", "doc:MS Word 97")
    legacy = tmp_path / "legacy" / "draft.doc"
    assert legacy.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    [result] = LibreOffice().convert([legacy], tmp_path / "back", to="docx")
    assert result.output.name == "draft.docx"
    assert "Legacy quokka text" in docx.Document(result.output).paragraphs[0].text
