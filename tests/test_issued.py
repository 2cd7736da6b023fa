"""Issued versions, revisions and redlines."""

import datetime as dt
import io
import json
import re
import shutil
import zipfile

import docx
import pytest

from pipeline.build import build
from pipeline.errors import CcmReportError
from pipeline.export.redline import redline
from pipeline.publish.issued import issue
from tests.conftest import TEMPLATES, pdf_text


def _docx(*paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def changes(data: bytes) -> tuple[list[str], list[str]]:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    inserted = re.findall(r"<w:ins [^>]*><w:r>(?:<w:rPr>.*?</w:rPr>)?<w:t[^>]*>(.*?)</w:t>", xml)
    deleted = re.findall(r"<w:delText[^>]*>(.*?)</w:delText>", xml)
    return inserted, deleted


def test_a_redline_marks_exactly_the_edit():
    issued = _docx("Unchanged.", "States Parties reported progress.", "Removed paragraph.")
    revised = _docx("Unchanged.", "States Parties reported steady progress.", "Removed paragraph.", "Added.")
    inserted, deleted = changes(redline(issued, revised))
    assert inserted == ["steady ", "Added."]
    assert deleted == []
    inserted, deleted = changes(redline(revised, issued))
    assert inserted == [] and deleted == ["steady ", "Added."]


@pytest.mark.libreoffice
def test_issuing_then_changing_a_document_makes_rev1_and_its_redline(built_project):
    project = built_project
    with pytest.raises(CcmReportError, match="informal name"):  # the sample's open warnings
        issue(project.outputs, project.inputs, "CCM/MSP/2025/7", dt.date(2025, 7, 14))
    kept = issue(project.outputs, project.inputs, "CCM/MSP/2025/7", dt.date(2025, 7, 14), force="the names are agreed")
    assert kept == project.inputs / "issued" / "CCM_MSP_2025_7" / "1"
    assert json.loads((kept / "issued.json").read_text())["forced"]["reason"] == "the names are agreed"
    assert sorted(p.name for p in kept.iterdir()) == [
        "CCM_MSP_2025_7.docx",
        "CCM_MSP_2025_7.pdf",
        "es",
        "fr",
        "issued.json",
    ]
    assert docx.Document(kept / "CCM_MSP_2025_7.docx").core_properties.language == "en-GB"
    assert docx.Document(kept / "fr" / "CCM_MSP_2025_7.docx").core_properties.language == "fr-FR"
    unchanged = build(project.inputs, project.outputs, TEMPLATES)
    # not a revision (the state's first part is "unchanged", unless another change to the code came meanwhile)
    assert not any("/Rev." in s.symbol or "a revision" in s.state for s in unchanged.documents)
    report = next(s for s in unchanged.documents if s.document_id == "progress-report")
    assert "issued as CCM/MSP/2025/7 on 2025-07-14 despite open findings, forced: the names are agreed" in report.state

    draft = project.inputs / "drafts" / "transparency" / "transparency-section.md"
    draft.write_text(draft.read_text() + "\nThe Coordinator thanks the ISU for its support.\n")
    result = build(project.inputs, project.outputs, TEMPLATES)
    report = next(s for s in result.documents if s.document_id == "progress-report")
    assert report.symbol == "CCM/MSP/2025/7/Rev.1"
    assert "a revision of the issued CCM/MSP/2025/7, with a redline" in report.state
    assert "forced: the names are agreed" in report.state
    unnumbered = [d for d in result.diagnostics if d.code == "issued.revision-unnumbered"]
    assert len(unnumbered) == 1 and "revision: {date: YYYY-MM-DD, job_number: GE.NN-NNNNN}" in unnumbered[0].message
    folder = project.outputs / "progress-report" / "en"
    assert sorted(p.name for p in folder.iterdir()) == [
        "CCM_MSP_2025_7_Rev.1-changes.txt",
        "CCM_MSP_2025_7_Rev.1-preflight.txt",
        "CCM_MSP_2025_7_Rev.1-redline.docx",
        "CCM_MSP_2025_7_Rev.1-redline.pdf",
        "CCM_MSP_2025_7_Rev.1.docx",
        "CCM_MSP_2025_7_Rev.1.html",
        "CCM_MSP_2025_7_Rev.1.pdf",
    ]
    revised = docx.Document(folder / "CCM_MSP_2025_7_Rev.1.docx")
    assert revised.tables[0].rows[0].cells[1].text == "CCM/MSP/2025/7/Rev.1"
    inserted, deleted = changes((folder / "CCM_MSP_2025_7_Rev.1-redline.docx").read_bytes())
    assert "".join(inserted) == "The Coordinator thanks the ISU for its support."
    assert deleted == []
    assert not re.search(r"\[\d+\.\]", pdf_text(folder / "CCM_MSP_2025_7_Rev.1-redline.pdf"))  # one number each
    summary = (folder / "CCM_MSP_2025_7_Rev.1-changes.txt").read_text()
    assert summary.startswith("CCM/MSP/2025/7/Rev.1: changes against the issued CCM/MSP/2025/7")
    assert re.search(r"- paragraph \d+: inserted “The Coordinator thanks the ISU for its support.”", summary)

    # the revision's own date and job number, once meeting.yaml gives them, stand in its masthead
    meeting = project.meeting_path
    meeting.write_text(
        meeting.read_text().replace(
            "    job_number: GE.25-11376\n",
            "    job_number: GE.25-11376\n    revision: {date: 2025-08-20, job_number: GE.25-12850}\n",
            1,
        )
    )
    result = build(project.inputs, project.outputs, TEMPLATES)
    assert not [d for d in result.diagnostics if d.code == "issued.revision-unnumbered"]
    text = " ".join(pdf_text(folder / "CCM_MSP_2025_7_Rev.1.pdf").split())
    assert "CCM/MSP/2025/7/Rev.1" in text and "20 August 2025" in text and "GE.25-12850(E)" in text


@pytest.mark.libreoffice
def test_a_corrigendum_when_meeting_yaml_says_so(built_project):
    project = built_project
    data = project.meeting()
    data["documents"][0]["changes_after_issue"] = "corrigendum"
    project.write_meeting(data)
    shutil.rmtree(project.inputs / "translations")  # the English original is the point: a third of the work
    build(project.inputs, project.outputs, TEMPLATES)
    issue(project.outputs, project.inputs, "CCM/MSP/2025/7", dt.date(2025, 7, 14), force="a test")
    draft = project.inputs / "drafts" / "transparency" / "transparency-section.md"
    draft.write_text(draft.read_text().replace("Parties", "Parties", 1) + "\nOne correction.\n")
    result = build(project.inputs, project.outputs, TEMPLATES)
    assert next(s for s in result.documents if s.document_id == "progress-report").symbol == "CCM/MSP/2025/7/Corr.1"
