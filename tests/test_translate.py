"""Translation through the whole build: export, a returned translation, merge, Word, PDF and HTML.

The round trip of the issue's proof: the sample is exported, every target is
filled with a pseudo-translation of its source (each vowel followed by its
accented twin, so about a third longer and recognisable), the file goes into
inputs/translations/, and the next build merges it into a French document
with the same structure, numbering and footnotes, which LibreOffice converts.
"""

import json
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from pipeline.xliff.read import read_xliff
from pipeline.xliff.schema import schema_errors
from tests.conftest import TEMPLATES, Project, pdf_text
from tools.pseudo import pseudo, pseudo_translate, unpseudo

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY_STYLES = {
    "UN Body",
    "UN Body Unnumbered",
    "UN Heading 2",
    "UN Heading 3",
    "UN Heading 4",
    "UN Subparagraph",
    "UN Bullet",
    "UN Table Caption",
}
XLIFF2 = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


def build(project):
    from pipeline.build import build as run

    return run(project.inputs, project.outputs, TEMPLATES)


def without_families(project):
    """The sample without its extension analyses: these tests are about the progress report, and a
    build then has one document to make, not four."""
    meeting = project.meeting()
    meeting["families"] = []
    project.write_meeting(meeting)
    return project


def exported(project, language: str, version: str = "2.1") -> Path:
    """The XLIFF file the last build exported of the progress report into ``language``."""
    where = "xliff" if version == "2.1" else "xliff-1.2"
    return next((project.outputs / "progress-report" / where).glob(f"*.en-{language}.xlf"))


def unit_ids(path: Path) -> list[str]:
    return [u.get("id") for u in etree.fromstring(path.read_bytes()).iterfind(".//x:unit", XLIFF2)]


def no_numbers(text: str) -> str:
    """Text with the numbers' separators taken out: 1,234.5 and 1 234,5 read alike."""
    return re.sub(r"(?<=\d)[,.\u202f\u00a0](?=\d)", "", text)


def body_paragraphs(path: Path) -> list[tuple[str, str]]:
    document = docx.Document(str(path))
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name in BODY_STYLES]


def footnote_texts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    return [
        "".join(t.text or "" for t in note.iter(f"{W}t"))
        for note in root.iter(f"{W}footnote")
        if note.get(f"{W}type") is None
    ]


@pytest.fixture(scope="module")
def translated(tmp_path_factory, sample_build):
    """The built sample without its shipped translations, built, pseudo-translated into French, built again."""
    project = Project(tmp_path_factory.mktemp("translate"))
    shutil.copytree(sample_build.inputs, project.inputs)
    shutil.copytree(sample_build.outputs, project.outputs, symlinks=True)  # the build's cache too
    without_families(project)
    shutil.rmtree(project.inputs / "translations", ignore_errors=True)
    draft = next((project.inputs / "drafts" / "transparency").glob("*.md"))
    draft.write_text(
        draft.read_text(encoding="utf-8") + "\n\nBy the end of [[year]], [[clearance.remaining_km2]] km2 "
        "remained to be cleared and [[stockpiles.destroyed.submunitions]] submunitions had been "
        "destroyed.\n",
        encoding="utf-8",
    )
    build(project)
    export = exported(project, "fr")
    (project.inputs / "translations").mkdir()
    (project.inputs / "translations" / export.name).write_bytes(pseudo_translate(export.read_bytes(), "fr"))
    result = build(project)
    return project, result


def test_the_samples_returned_french_and_spanish_translate_the_report_as_it_stands(sample_build):
    """The sample tells the truth: its shipped returns translate every unit of the report as its drafts
    now make it, so its French and Spanish say complete, with no list of untranslated parts and no
    notice in the PDF. A draft that changes without its returns being brought up to date fails here."""
    status = json.loads((sample_build.outputs / "status.json").read_text(encoding="utf-8"))
    report = next(d for d in status["documents"] if d["id"] == "progress-report")
    assert report["translations"] == {"es": "complete", "fr": "complete"}
    assert [f["where"] for f in status["findings"] if f["code"].startswith("translation.")] == []
    assert list((sample_build.outputs / "progress-report").glob("*/*-untranslated.txt")) == []
    french = pdf_text(sample_build.pdf(lang="fr"))
    assert "Traduction incomplète" not in french and "État général et fonctionnement de la Convention" in french
    assert "Traducción incompleta" not in pdf_text(sample_build.pdf(lang="es"))


def test_the_export_gives_one_xliff_21_file_per_target_language_that_validates(translated):
    project, _ = translated
    files = sorted(p.name for p in (project.outputs / "progress-report" / "xliff").glob("*.xlf"))
    assert files == [f"CCM_MSP_2025_7.en-{lang}.xlf" for lang in ("ar", "es", "fr", "ru", "zh")]
    for path in (project.outputs / "progress-report" / "xliff").glob("*.xlf"):
        assert schema_errors(path.read_bytes(), "2.1") == []


def test_the_sample_asks_for_xliff_12_too_and_it_validates_and_reads_back_like_21(translated):
    project, _ = translated
    files = sorted((project.outputs / "progress-report" / "xliff-1.2").glob("*.xlf"))
    assert [p.name for p in files] == [f"CCM_MSP_2025_7.en-{lang}.xlf" for lang in ("ar", "es", "fr", "ru", "zh")]
    v12 = (project.outputs / "progress-report" / "xliff-1.2" / "CCM_MSP_2025_7.en-fr.xlf").read_bytes()
    v21 = (project.outputs / "progress-report" / "xliff" / "CCM_MSP_2025_7.en-fr.xlf").read_bytes()
    assert schema_errors(v12, "1.2") == []
    # the sample asks for OmegaT's form: every 1.2 target is the English, read back as nothing done
    # (what is known goes by the TMX for OmegaT's tm/auto/), while 2.1 goes out with its translations
    assert read_xliff(v21).targets and read_xliff(v12).targets == {}


def test_every_paragraph_footnote_and_cell_of_the_merged_document_is_translated_and_nothing_else_changed(translated):
    project, result = translated
    english, french = project.docx(lang="en"), project.docx(lang="fr")
    en_body, fr_body = body_paragraphs(english), body_paragraphs(french)
    assert [style for style, _ in fr_body] == [style for style, _ in en_body]  # same structure
    for (_, en_text), (_, fr_text) in zip(en_body, fr_body, strict=True):
        if re.match(r"Annex [IV]+ sets out", en_text):  # written by the template, in French: not a unit
            assert re.match(r"L’annexe [IV]+ présente|L'annexe [IV]+ présente", fr_text), fr_text
            continue
        if re.search(r"[A-Za-z]", en_text):
            assert fr_text != en_text
        assert no_numbers(unpseudo(fr_text)) == no_numbers(en_text)
    en_notes, fr_notes = footnote_texts(english), footnote_texts(french)
    assert len(fr_notes) == len(en_notes) > 10
    for en_note, fr_note in zip(en_notes, fr_notes, strict=True):
        assert no_numbers(unpseudo(fr_note)) == no_numbers(en_note) and fr_note != en_note
    status = next(d for d in result.documents if d.document_id == "progress-report")
    assert dict(status.languages) == {"fr": "complete"}


def test_the_merged_document_keeps_the_numbering_and_localises_the_masthead(translated):
    project, _ = translated
    text = pdf_text(project.pdf(lang="fr"), layout=True)
    english = pdf_text(project.pdf(lang="en"), layout=True)
    numbers = lambda t: re.findall(r"^\s+(\d{1,3})\.\s{2,}", t, re.M)  # noqa: E731 - numbered paragraphs, not years
    assert numbers(text) == numbers(english) and len(numbers(text)) > 40
    assert "Original : anglais" in text and "GE.25-11376(F)" in text
    assert "14 juillet 2025" in text and "16-19 septembre 2025" in text
    assert "Point 9 de l'ordre du jour provisoire" in text
    assert pseudo("Introduction") in text  # a chapter heading from meeting.yaml, translated
    assert "CCM/MSP/2025/7" in text


def test_figures_from_the_data_are_written_the_french_way(translated):
    project, _ = translated
    returned = next((project.inputs / "translations").glob("*.xlf")).read_bytes()
    figures = {m.text for m in etree.fromstring(returned).iterfind(".//x:source//x:mrk[@type='ccm:figure']", XLIFF2)}
    big = sorted(f for f in figures if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d)?|\d+\.\d", f))
    assert big, "the sample's drafts name figures over 999 or with decimals"
    english = " ".join(t for _, t in body_paragraphs(project.docx(lang="en")))
    french = " ".join(t for _, t in body_paragraphs(project.docx(lang="fr")))
    for figure in big:
        assert figure in english
        assert figure.replace(",", "\u202f").replace(".", ",") in french


def test_the_merged_translation_is_also_an_accessible_html_page(translated):
    project, _ = translated
    page = (project.outputs / "progress-report" / "fr" / "CCM_MSP_2025_7.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page or 'lang="fr"' in page.split(">", 2)[1]
    assert pseudo("The Lausanne Action Plan") in page


def test_the_next_export_carries_the_translations_as_targets(translated):
    project, _ = translated
    exported = next((project.outputs / "progress-report" / "xliff").glob("*.en-fr.xlf")).read_bytes()
    returned = read_xliff(exported)
    assert returned.untranslated == () and len(returned.targets) > 150
    spanish = read_xliff(next((project.outputs / "progress-report" / "xliff").glob("*.en-es.xlf")).read_bytes())
    assert spanish.targets == {}


def test_editing_one_paragraph_of_a_draft_changes_only_that_paragraphs_units(built_project):
    project = without_families(built_project)
    before = unit_ids(exported(project, "fr"))
    shutil.rmtree(project.inputs / "translations")  # no merges to make: the next build is the report in English
    draft = next((project.inputs / "drafts" / "transparency").glob("*.md"))
    text = draft.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if " the " in p and not p.startswith(("#", "|"))]
    draft.write_text(text.replace(paragraphs[1], paragraphs[1].replace(" the ", " this ", 1)), encoding="utf-8")
    build(project)
    after = unit_ids(exported(project, "fr"))
    assert len(after) == len(before)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][0].startswith("transparency-p")


def test_a_partial_translation_is_merged_marked_incomplete_and_its_missing_units_named(built_project):
    project = without_families(built_project)
    export = exported(project, "es")
    root = etree.fromstring(pseudo_translate(export.read_bytes(), "es"))
    group = root.find(".//x:group[@name='clearance']", XLIFF2)
    for target in group.iterfind(".//x:target", XLIFF2):
        target.getparent().remove(target)
    shutil.rmtree(project.inputs / "translations")  # the shipped ones: this Spanish file comes back alone
    (project.inputs / "translations").mkdir()
    (project.inputs / "translations" / export.name).write_bytes(etree.tostring(root))
    result = build(project)
    incomplete = [d for d in result.diagnostics if d.code == "translation.incomplete"]
    assert [d.location.place for d in incomplete] == ["section clearance"]
    assert "stay in en" in incomplete[0].message
    status = next(d for d in result.documents if d.document_id == "progress-report")
    assert dict(status.languages)["es"].startswith("incomplete:")
    listing = (project.outputs / "progress-report" / "es" / "CCM_MSP_2025_7-untranslated.txt").read_text()
    assert len(re.findall(r"(?m)^Survey and clearance[^\t]*, paragraph \d+\tnot translated\t\w", listing)) >= 5
    assert "clearance-" not in listing  # places and texts, not unit ids
    assert "Traducción incompleta" in pdf_text(project.pdf(lang="es"))


def test_translate_merge_takes_a_returned_file_in_and_builds_it(built_project, tmp_path):
    project = without_families(built_project)
    returned = project.inputs / "translations" / "CCM_MSP_2025_7.en-fr.xlf"
    elsewhere = tmp_path / "from-the-translator.xlf"
    elsewhere.write_bytes(returned.read_bytes())
    run = project.cli("translate", "merge", str(elsewhere))
    assert run.returncode == 1 and "already translates progress-report into fr" in run.stderr
    assert "Traceback" not in run.stderr
    run = project.cli("translate", "merge", "--replace", str(elsewhere))
    assert run.returncode == 0, run.stderr
    assert (project.inputs / "translations" / "superseded" / returned.name).exists()
    assert (project.inputs / "translations" / elsewhere.name).read_bytes() == elsewhere.read_bytes()
    assert "translation into fr: complete" in run.stdout


def test_a_hostile_returned_file_stops_the_build_with_its_name_and_keeps_the_outputs(built_project):
    project = built_project
    before = {p: p.read_bytes() for p in project.outputs.rglob("*.docx")}
    (project.inputs / "translations" / "evil.xlf").write_bytes(
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]>\n'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1"><file id="x">&a;</file></xliff>'
    )
    run = project.cli("build")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert re.search(r"inputs/translations/evil\.xlf: ERROR: the file declares a DOCTYPE", run.stderr)
    assert "root:" not in run.stderr + run.stdout
    assert {p: p.read_bytes() for p in project.outputs.rglob("*.docx")} == before


def test_an_incomplete_translation_is_said_again_while_its_document_is_unchanged(built_project):
    """The report is merged with an incomplete translation once; a later build that changes only the
    analyses leaves the report unchanged, and still says the translation is incomplete."""
    from pipeline.build import build

    project = built_project
    draft = project.inputs / "drafts" / "transparency" / "transparency-section.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\nA sentence the translators have not seen.\n", "utf-8")
    first = build(project.inputs, project.outputs, TEMPLATES)
    assert [d for d in first.diagnostics if d.code == "translation.incomplete"]
    meeting = project.meeting_path
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("GE.25-11377", "GE.25-11380"), encoding="utf-8")
    again = build(project.inputs, project.outputs, TEMPLATES)
    report = next(s for s in again.documents if s.document_id == "progress-report")
    assert report.state.startswith("unchanged")
    said = [d for d in again.diagnostics if d.code == "translation.incomplete"]
    assert {d.severity.name for d in said} == {"WARNING"} and len(said) == 2
    assert all("is still incomplete" in d.message for d in said)


def test_a_bad_return_is_left_out_its_language_keeps_its_outputs_and_everything_else_is_built(built_project):
    """Two returns at once: the French progress report relabelled German (refused: French keeps its last
    outputs), and an incomplete pseudo-translation of the analysis CCM/MSP/2025/3, whose title grows past
    Word's 255 characters (two former tracebacks). The English documents are built all the same."""
    import docx as python_docx

    from tests.conftest import tree_hashes

    project = built_project
    french_before = tree_hashes(project.outputs / "progress-report" / "fr")
    translations = project.inputs / "translations"
    french = translations / "CCM_MSP_2025_7.en-fr.xlf"
    french.write_bytes(french.read_bytes().replace(b'trgLang="fr"', b'trgLang="de"', 1))
    analysis = next(project.outputs.glob("extension-analysis-*/xliff/CCM_MSP_2025_3.en-fr.xlf"))
    root = etree.fromstring(pseudo_translate(analysis.read_bytes(), "fr"))
    untranslated = [u for u in root.iterfind(".//x:unit", XLIFF2) if u.find(".//x:target", XLIFF2) is not None][-1]
    for target in untranslated.iterfind(".//x:target", XLIFF2):
        target.getparent().remove(target)
    (translations / analysis.name).write_bytes(etree.tostring(root))
    inputs_before = tree_hashes(project.inputs)
    result = build(project)
    assert tree_hashes(project.inputs) == inputs_before  # the build never modifies inputs
    refused = [d for d in result.diagnostics if d.severity.name == "ERROR"]
    assert [(d.code, d.location.path.endswith(french.name)) for d in refused] == [("translation.language", True)]
    assert "cannot yet write documents in 'de'" in refused[0].message
    assert tree_hashes(project.outputs / "progress-report" / "fr") == french_before
    report = next(s for s in result.documents if s.document_id == "progress-report")
    assert report.state.startswith("rebuilt") and "kept from the last build" in dict(report.languages)["fr"]
    # rebuilt for the analysis's return, through the memory; not "because its French return was removed"
    assert "the translation memory" in report.state and "removed" not in report.state, report.state
    member = analysis.parent.parent.name
    status = next(s for s in result.documents if s.document_id == member)
    assert dict(status.languages)["fr"].startswith("incomplete: 1 of")
    title = python_docx.Document(str(project.docx(member, "fr"))).core_properties.title
    assert len(title) <= 255 and title.endswith("…")
    assert [d for d in result.diagnostics if d.code == "render.property-long" and "(fr)" in d.location.path]
