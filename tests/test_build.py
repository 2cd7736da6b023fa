"""End to end: the shipped sample, built with the real pandoc and the real LibreOffice."""

import json
import re
import shutil

import docx
import pytest

from pipeline.build import build, check
from pipeline.errors import InputsInvalid
from tests.conftest import TEMPLATES, pdf_pages, pdf_text, tree_hashes


def rebuild(project, **options):
    """The build again, over the project's last outputs (a built copy of the sample)."""
    return build(project.inputs, project.outputs, TEMPLATES, **options)


def report_alone(project):
    """The project reduced to the progress report in English (no returned translations, no extension
    analyses): a test of that document then waits for one document in LibreOffice, not six."""
    shutil.rmtree(project.inputs / "translations")
    meeting = project.meeting()
    meeting["families"] = []
    project.write_meeting(meeting)
    return project


def test_the_sample_builds_a_word_file_and_its_pdf(sample_build):
    files = sorted(tree_hashes(sample_build.outputs))
    assert "manifest.json" in files
    assert "progress-report/en/CCM_MSP_2025_7.docx" in files and "progress-report/en/CCM_MSP_2025_7.pdf" in files
    documents = [f for f in files if "/" in f and "/review/" not in f and f.endswith((".docx", ".pdf", ".html"))]
    # the report and three extension analyses in English, and the report merged into French and Spanish
    # from the shipped translations: Word, PDF and HTML of each
    assert len(documents) == 3 * (4 + 2)
    # and for the Committee, each version's review copy and figures page, apart from what goes to the UN
    review = [f for f in files if "/review/" in f and f.endswith(("-review.docx", "-figures.html"))]
    assert len(review) == 2 * (4 + 2)
    assert {f"progress-report/{lang}/CCM_MSP_2025_7.pdf" for lang in ("fr", "es")} <= set(files)
    assert {"status.json", "status.html"} <= set(files)


def test_the_pdf_reads_as_the_un_document(sample_build):
    text = pdf_text(sample_build.pdf())
    first_page = text.split("\f")[0]
    for expected in (
        "Convention on Cluster Munitions",
        "CCM/MSP/2025/7",
        "Distr.: General",
        "14 July 2025",
        "Original: English",
        "Thirteenth Meeting of States Parties",
        "Geneva, 16-19 September 2025",
        "Item 9 of the provisional agenda",
        "Submitted by the President of the Thirteenth Meeting",
        "GE.25-11376(E)",
    ):
        assert expected in first_page, expected
    assert re.search(r"Progress Report monitoring progress in implementing the\s+Lausanne Action Plan", first_page)
    assert 6 <= pdf_pages(sample_build.pdf()) <= 30
    # Later pages carry the symbol in their running header.
    assert all("CCM/MSP/2025/7" in page for page in text.split("\f")[1:] if page.strip())


def test_chapters_and_sections_are_numbered_in_un_form(sample_build):
    text = pdf_text(sample_build.pdf())
    assert re.search(r"^I\.\s+Introduction$", text, re.M)
    assert re.search(r"^II\.\s+Progress in implementing the Lausanne Action Plan$", text, re.M)
    assert re.search(r"^A\.\s+General status and operation of the Convention$", text, re.M)
    assert re.search(r"^B\.\s+Universalization$", text, re.M)
    assert re.search(r"^I\.\s+National implementation measures$", text, re.M)


def test_body_paragraphs_are_numbered_consecutively_whatever_the_drafts_typed(sample_build):
    document = docx.Document(sample_build.docx())
    body = [p.text for p in document.paragraphs if p.style.name == "UN Body"]
    assert len(body) > 40
    assert not any(re.match(r"^\d+\.\s", t) for t in body)  # the typed "1." are gone from the text
    # the layout keeps a number beside its text (the raw order may put a heading's number between them)
    text = re.sub(r"\s+", " ", pdf_text(sample_build.pdf(), layout=True))
    position = 0
    for number, paragraph in enumerate(body, start=1):
        opening = " ".join(paragraph.split()[:3])
        found = text.find(f"{number}. {opening}", position)
        assert found >= 0, f"paragraph {number} ({opening!r}) is not numbered {number}. in the PDF"
        position = found


def test_footnotes_from_the_drafts_run_through_the_document(sample_build):
    document = docx.Document(sample_build.docx())
    body_xml = document.element.xml
    ids = [int(i) for i in re.findall(r'<w:footnoteReference w:id="(\d+)"/>', body_xml)]
    assert ids == list(range(1, len(ids) + 1))
    assert len(ids) >= 13
    text = pdf_text(sample_build.pdf())
    assert "In accordance with Article 20 of the Convention" in text  # a footnote of the universalization draft


def test_the_drafts_mess_does_not_reach_the_document(sample_build):
    text = " ".join(pdf_text(sample_build.pdf()).split())
    assert "about 85" in text and "about 80" not in text  # clearance: tracked change accepted
    assert "nine of the 11 States Parties reported" in text  # victim assistance: the comment's anchor stays
    assert "we read eight" not in text  # and the comment itself is gone
    document = docx.Document(sample_build.docx())
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("UN Heading")]
    assert "Findings" in headings and not any(h.startswith(("A. ", "1. ")) for h in headings)


def test_the_annex_is_computed_from_the_data(sample_build):
    text = pdf_text(sample_build.pdf(), layout=True)
    assert "Article 7 transparency reports on calendar year 2024, by region" in text
    assert "International cooperation and assistance reported for 2024, by donor" in text
    # Amounts stay in their currency: the euro total is the sum of the donors' euro rows.
    annex = text[text.index("by donor") :]
    euros = [int(a.replace(",", "")) for a in re.findall(r"^\s*\S.*\sEUR\s+([\d,]+)\s*$", annex, re.M)]
    total_euros = re.search(r"^\s+EUR\s+([\d,]+)\s*$", annex[annex.index("Total, by currency") :], re.M)
    assert len(euros) >= 2 and total_euros and int(total_euros.group(1).replace(",", "")) == sum(euros)
    total = re.search(r"^\s*Total\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$", text, re.M)
    assert total, "no Total row in the annex"
    parties, due, on_time, late, missing, rate = map(int, total.groups())
    assert parties == 111 and due == on_time + late + missing
    assert rate == round(100 * (on_time + late) / due)


def test_the_manifest_records_which_inputs_made_the_document(sample_build):
    manifest = json.loads((sample_build.outputs / "manifest.json").read_text())
    entry = manifest["documents"]["progress-report"]
    assert entry["symbol"] == "CCM/MSP/2025/7"
    inputs = entry["inputs"]
    # files named from the project's folder, so the record holds wherever the project is copied
    assert any(p.startswith("inputs/drafts/clearance/") for p in inputs)
    assert {
        "templates/progress-report.docx",
        "templates/fr/progress-report.docx",
        "inputs/translations/CCM_MSP_2025_7.en-fr.xlf",
    } <= set(inputs)
    assert {"data:States", "data:Article7", "data:Clearance"} <= set(inputs)  # the data, sheet by sheet
    assert len(entry["rows"]["Article7"]) == 444  # a digest per row, to name the rows that change
    assert not any("Risk education - draft v1" in p for p in inputs)  # superseded
    # meeting.yaml counts by this document's own settings, and the tools by their versions
    assert re.fullmatch(r"[0-9a-f]{64}", entry["settings"])
    assert set(entry["tools"]) == {"pandoc", "LibreOffice"} and all(entry["tools"].values())


def test_a_missing_required_draft_becomes_a_placeholder_and_a_warning(built_project):
    project = report_alone(built_project)
    shutil.rmtree(project.inputs / "drafts" / "clearance")
    result = rebuild(project)
    warnings = [d for d in result.diagnostics if d.code == "draft.missing"]
    assert len(warnings) == 1 and "Survey and clearance" in warnings[0].message
    text = " ".join(pdf_text(project.pdf()).split())
    assert "[Placeholder: section “Survey and clearance of cluster munition remnants” – no draft received" in text
    clearance = next(s for s in result.documents[0].sections if s.section_id == "clearance")
    assert clearance.source == ""


def test_final_mode_refuses_a_missing_draft_and_keeps_the_previous_outputs(built_project):
    project = built_project
    before = tree_hashes(project.outputs)
    shutil.rmtree(project.inputs / "drafts" / "clearance")
    with pytest.raises(InputsInvalid) as caught:
        rebuild(project, final=True)
    assert any(d.code == "draft.missing" and "(an error with --final)" in d.message for d in caught.value.diagnostics)
    assert tree_hashes(project.outputs) == before


def test_the_pdf_embeds_its_fonts_and_carries_the_documents_properties(sample_build):
    import subprocess

    info = subprocess.run(["pdfinfo", str(sample_build.pdf())], capture_output=True, text=True).stdout
    assert re.search(r"^Title:\s+Progress Report monitoring progress", info, re.M)
    assert re.search(r"^Subject:\s+CCM/MSP/2025/7$", info, re.M)
    assert re.search(r"^Keywords:\s+CCM/MSP/2025/7, GE\.25-11376\(E\)$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)$", info, re.M)
    listing = subprocess.run(["pdffonts", str(sample_build.pdf())], capture_output=True, text=True).stdout
    rows = listing.splitlines()[2:]
    assert rows and all(re.search(r"\byes\s+yes\s+yes\b", row) for row in rows), listing
    assert any("LiberationSerif" in row for row in rows)  # Times New Roman's metric twin


def test_a_document_whose_pdf_fails_keeps_its_previous_outputs_and_the_others_are_built(small_built_project):
    from pipeline.convert import Conversion, LibreOffice

    class FailsOn:
        """The real LibreOffice, except for one document (fault injection)."""

        def __init__(self, name):
            self.name, self.real = name, LibreOffice()

        def available(self):
            return True

        def convert(self, sources, outdir, to="pdf", options=None):
            good = [s for s in sources if s.name != self.name]
            done = {c.source: c for c in self.real.convert(good, outdir, to, options)}
            return [done.get(s) or Conversion(s, None, "LibreOffice stopped (signal 9)") for s in sources]

    project = small_built_project  # no translations; the extension analyses are the others
    data = project.meeting()
    second = dict(data["documents"][0], id="copy", symbol="CCM/MSP/2025/8")
    data["documents"].append(second)
    project.write_meeting(data)
    rebuild(project)
    before = tree_hashes(project.outputs / "copy")
    (project.inputs / "drafts" / "transparency" / "transparency-section.md").write_text(
        "Annual reports were due.\n", encoding="utf-8"
    )
    result = rebuild(project, converter=FailsOn("CCM_MSP_2025_8.docx"))
    [failure] = [d for d in result.diagnostics if d.code == "pdf.failed"]
    assert str(failure.location) == "CCM/MSP/2025/8" and "previous outputs are kept" in failure.message
    assert tree_hashes(project.outputs / "copy") == before
    assert "Annual reports were due." in pdf_text(project.pdf())  # the other document was rebuilt
    manifest = json.loads((project.outputs / "manifest.json").read_text())
    assert {"progress-report", "copy", "extension-analysis-chl"} <= set(manifest["documents"])


def test_a_late_transparency_report_changes_the_text_and_the_tables_at_the_next_build(built_project):
    import datetime as dt

    import openpyxl

    from pipeline.compute.indicators import indicators
    from pipeline.intake.inputs import read_data

    project = report_alone(built_project)
    before = " ".join(pdf_text(project.pdf()).split())
    assert "the number had risen to 79, or 71 per cent" in before

    data, _hashes, _problems = read_data(project.inputs / "data")
    period = type("P", (), {"start": dt.date(2024, 7, 1), "end": dt.date(2025, 6, 30)})
    late_state = indicators(data, period).figures["article7.annual.overdue_states"][0]
    iso3 = next(r["ISO3"] for r in data.sheet("States") if r["State"] == late_state)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Article7"
    sheet.append(("ISO3", "State", "Report", "Year covered", "Due", "Submitted"))
    sheet.append((iso3, late_state, "Annual", 2024, dt.date(2025, 4, 30), dt.date(2025, 6, 20)))
    book.save(project.inputs / "data" / f"late-report-{iso3.lower()}.xlsx")

    result = rebuild(project)
    assert not [d for d in result.diagnostics if d.code.startswith("data.")]
    after = " ".join(pdf_text(project.pdf()).split())
    assert "the number had risen to 80, or 72 per cent" in after
    annex = pdf_text(project.pdf(), layout=True)
    total = re.search(r"^\s*Total\s+111\s+111\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$", annex, re.M)
    assert total.groups() == ("74", "6", "31", "72")


def test_final_mode_refuses_a_warning_of_a_later_phase_and_publishes_nothing(built_project):
    """A warning found after intake (here: a returned translation that no longer covers a changed
    paragraph) is an error with --final like any other, unless acknowledged; nothing is published."""
    project = built_project
    meeting = project.meeting()
    meeting["drafts"]["tracked_changes"] = "accept"
    project.write_meeting(meeting)
    _inputs, found = check(project.inputs, TEMPLATES, final=True)
    open_warnings = [d for d in found if d.severity.name == "ERROR"]  # the informal names, under --final
    (project.inputs / "acknowledged.yaml").write_text(
        "".join(f"- key: {d.key}\n  reason: quoted as the State wrote it\n  by: ISU\n" for d in open_warnings),
        encoding="utf-8",
    )
    draft = project.inputs / "drafts" / "transparency" / "transparency-section.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\nA sentence the translators have not seen.\n", "utf-8")
    before = tree_hashes(project.outputs)
    with pytest.raises(InputsInvalid) as caught:
        rebuild(project, final=True)
    late = [d for d in caught.value.diagnostics if d.code == "translation.incomplete"]
    assert late and all(d.severity.name == "ERROR" and "(an error with --final)" in d.message for d in late)
    assert tree_hashes(project.outputs) == before
