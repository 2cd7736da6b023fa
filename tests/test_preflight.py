"""Preflight: a Word file ready for the UN, and the check that finds each breach with its place.

Each fixture is a small Word file that is clean in every respect but one (languages
on every run, title, subject and language filled in), so that the check must find
exactly that one breach, where it is. The real sample is then cleaned, checked,
counted independently and opened by LibreOffice.
"""

from __future__ import annotations

import inspect
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.parfmt import CT_PPr
from docx.text.paragraph import Paragraph
from lxml import etree

from pipeline.convert import LibreOffice
from pipeline.export.clean import clean
from pipeline.verify.preflight import (
    Finding,
    Preflight,
    UnreadableDocument,
    preflight,
    preflight_text,
)
from pipeline.ooxml.wordml import normalise_zip
from tests.conftest import TEMPLATES, copy_project, pdf_text
from tools.docxfactory import (
    Comment,
    Deleted,
    Footnote,
    Heading,
    Inserted,
    Para,
    build_docx,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
STORY = re.compile(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$")


# --- fixtures: small Word files with one breach each ---------------------------------------------


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return normalise_zip(out.getvalue())


def _edit(data: bytes, part: str, change) -> bytes:
    """The package with ``change(root)`` applied to one XML part."""
    parts = _parts(data)
    root = etree.fromstring(parts[part], SAFE)
    change(root)
    parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _zip(parts)


def _ready(data: bytes, *, language: str | None = "en-GB") -> bytes:
    """What a clean file has besides: a language on every run and in the properties (made here by hand)."""
    parts = _parts(data)
    for name in [n for n in parts if STORY.match(n)]:
        root = etree.fromstring(parts[name], SAFE)
        for run in root.iter(f"{W}r"):
            rpr = run.find(f"{W}rPr")
            if rpr is None:
                rpr = etree.Element(f"{W}rPr")
                run.insert(0, rpr)
            if rpr.find(f"{W}lang") is None:
                etree.SubElement(rpr, f"{W}lang").set(f"{W}val", "en-GB")
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    core = etree.fromstring(parts["docProps/core.xml"], SAFE)
    for old in core.findall(f"{DC}language"):
        core.remove(old)
    if language:
        etree.SubElement(core, f"{DC}language").text = language
    parts["docProps/core.xml"] = etree.tostring(core, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _zip(parts)


BASE = [
    Heading("Findings"),
    Para(("States Parties reported progress", Footnote("See the annual reports."), ".")),
    "A second paragraph of plain text.",
]


def _draft(tmp_path: Path, blocks=BASE, *, title: str = "Progress report", **ready) -> bytes:
    path = build_docx(blocks, tmp_path / "fixture.docx", title=title, subject="CCM/MSP/2025/7")
    return _ready(path.read_bytes(), **ready)


def _run_with(root, text: str):
    return next(r for r in root.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")) == text)


def _add_to_rpr(run, xml: str) -> None:
    """Insert a property into a run's rPr in schema order (before w:lang, which _ready put last)."""
    lang = run.find(f"{W}rPr/{W}lang")
    for element in etree.fromstring(f'<w:x xmlns:w="{W[1:-1]}">{xml}</w:x>'):
        lang.addprevious(element)


def _hidden(data: bytes) -> bytes:
    def change(root):
        _add_to_rpr(_run_with(root, " Draft note for the secretariat."), "<w:vanish/>")
    return _edit(data, "word/document.xml", change)


def _run_formatting(data: bytes) -> bytes:
    def change(root):
        _add_to_rpr(_run_with(root, "Big Arial words"),
                    '<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="28"/>')
    return _edit(data, "word/document.xml", change)


def _centred_heading(data: bytes) -> bytes:
    def change(root):
        heading = next(root.iter(f"{W}p"))
        etree.SubElement(heading.find(f"{W}pPr"), f"{W}jc").set(f"{W}val", "center")
    return _edit(data, "word/document.xml", change)


def _ole_object(data: bytes) -> bytes:
    document = docx.Document(io.BytesIO(data))
    part = Part(PackURI("/word/embeddings/oleObject1.bin"), "application/vnd.openxmlformats-officedocument.oleObject",
                b"\xd0\xcf\x11\xe0 not really a workbook", document.part.package)
    rid = document.part.relate_to(part, RT.OLE_OBJECT)
    paragraph = document.paragraphs[2]._p
    paragraph.append(etree.fromstring(
        f'<w:r xmlns:w="{W[1:-1]}" xmlns:o="urn:schemas-microsoft-com:office:office" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<w:rPr><w:lang w:val="en-GB"/></w:rPr><w:object w:dxaOrig="1440" w:dyaOrig="720">'
        f'<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content" '
        f'ObjectID="_1" r:id="{rid}"/></w:object></w:r>'))
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue())


CASES = {
    # name: (blocks, breach applied after, expected (place, code), words in the message, fixable by clean)
    "tracked changes": (
        [Heading("Findings"), Para(("States Parties reported ", Inserted("good "), Deleted("little "), "progress."))],
        None, ("document.xml: paragraph 2", "tracked-change"), ("insertion \u201cgood\u201d", "deletion \u201clittle\u201d"),
        True),
    "comment": (
        [Heading("Findings"), Para(("The ", Comment("clearance figures", "Check against Article 7"), " are provisional."))],
        None, ("document.xml: paragraph 2", "comment"), ("Reviewer", "Check against Article 7"), True),
    "hidden text": (
        [Heading("Findings"), Para(("The figures are final.", " Draft note for the secretariat."))],
        _hidden, ("document.xml: paragraph 2", "hidden-text"), ("Draft note for the secretariat",), True),
    "run formatting": (
        [Heading("Findings"), Para(("Plain words and ", "Big Arial words"))],
        _run_formatting, ("document.xml: paragraph 2", "direct-formatting"), ("font Arial", "14 pt"), True),
    "paragraph alignment": (
        BASE, _centred_heading, ("document.xml: paragraph 1", "direct-formatting"), ("centred", "Findings"), True),
    "missing title": (
        BASE, None, ("document properties", "missing-property"), ("title",), False),
    "missing language": (
        BASE, None, ("document properties", "missing-property"), ("language",), True),
    "embedded object": (
        BASE, _ole_object, ("document.xml: paragraph 3", "embedded-object"), ("Excel",), False),
    "run without language": (
        BASE, None, ("document.xml: paragraph 3", "no-language"), ("A second paragraph",), True),
}


def _case(tmp_path: Path, name: str) -> bytes:
    blocks, breach, _expected, _words, _fixable = CASES[name]
    data = _draft(tmp_path, blocks, title="" if name == "missing title" else "Progress report",
                  language=None if name == "missing language" else "en-GB")
    if name == "run without language":
        data = _edit(data, "word/document.xml", lambda root: _run_with(root, "A second paragraph of plain text.")
                     .find(f"{W}rPr").clear())
    return breach(data) if breach else data


def _visible(data: bytes) -> list[str]:
    """The text a reader sees, paragraph by paragraph: insertions in, deletions and hidden runs out."""
    out = []
    parts = _parts(data)
    for name in ("word/document.xml", "word/footnotes.xml"):
        if name not in parts:
            continue
        root = etree.fromstring(parts[name], SAFE)
        for paragraph in root.iter(f"{W}p"):
            text = ""
            for t in paragraph.iter(f"{W}t"):
                run = t.getparent()
                hidden = run.find(f"{W}rPr/{W}vanish") is not None
                deleted = any(a.tag in (f"{W}del", f"{W}moveFrom") for a in t.iterancestors())
                if not hidden and not deleted:
                    text += t.text or ""
            if text.strip():
                out.append(text)
    return out


def test_a_fixture_without_breach_has_no_findings(tmp_path):
    result = preflight(_draft(tmp_path), 1000)
    assert result.findings == ()
    assert result.words == 1 + 4 + 4 + 6  # heading, paragraph, note, second paragraph


@pytest.mark.parametrize("name", list(CASES))
def test_preflight_finds_exactly_the_breach_with_its_place(tmp_path, name):
    _blocks, _breach, expected, words, _fixable = CASES[name]
    result = preflight(_case(tmp_path, name), None)
    assert [(f.place, f.code) for f in result.findings] == [expected]
    for word in words:
        assert word in result.findings[0].message
    assert result.findings[0].message.count(":") >= 1  # what is wrong, then what to do


@pytest.mark.parametrize("name", list(CASES))
def test_clean_fixes_what_it_can_and_keeps_the_visible_text(tmp_path, name):
    _blocks, _breach, expected, _words, fixable = CASES[name]
    data = _case(tmp_path, name)
    cleaned = clean(data, "en-GB")
    remaining = [(f.place, f.code) for f in preflight(cleaned, None).findings]
    assert remaining == ([] if fixable else [expected])
    assert _visible(cleaned) == _visible(data)
    assert clean(cleaned, "en-GB") == cleaned


def test_clean_accepts_insertions_and_drops_deletions(tmp_path):
    cleaned = clean(_case(tmp_path, "tracked changes"), "en-GB")
    assert _visible(cleaned) == ["Findings", "States Parties reported good progress."]
    xml = _parts(cleaned)["word/document.xml"]
    assert b"<w:ins" not in xml and b"<w:del" not in xml and b"little" not in xml


def test_clean_removes_comments_with_their_part(tmp_path):
    cleaned = clean(_case(tmp_path, "comment"), "en-GB")
    parts = _parts(cleaned)
    assert not [n for n in parts if "comments" in n]
    assert b"comments" not in parts["word/_rels/document.xml.rels"]
    assert b"comments" not in parts["[Content_Types].xml"]
    assert b"comment" not in parts["word/document.xml"].lower()
    assert docx.Document(io.BytesIO(cleaned)).paragraphs[1].text == "The clearance figures are provisional."


def test_clean_removes_the_hidden_run_only(tmp_path):
    cleaned = clean(_case(tmp_path, "hidden text"), "en-GB")
    assert b"Draft note" not in _parts(cleaned)["word/document.xml"]
    assert docx.Document(io.BytesIO(cleaned)).paragraphs[1].text == "The figures are final."


def _style(document, style_id):
    return document.styles.element.get_by_id(style_id)


def test_run_formatting_moves_into_a_character_style_based_on_the_runs(tmp_path):
    cleaned = clean(_case(tmp_path, "run formatting"), "en-GB")
    document = docx.Document(io.BytesIO(cleaned))
    plain, big = document.paragraphs[1].runs
    assert plain.style.name == "Default Paragraph Font"
    assert big.style.name == "Text, font Arial, 14 pt"
    assert big.font.name is None and big.font.size is None  # nothing direct left
    rpr = _style(document, big.style.style_id).find(qn("w:rPr"))
    assert rpr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Arial"
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "28"
    assert big.bold is None and big.text == "Big Arial words"


def test_paragraph_formatting_moves_into_a_style_based_on_the_paragraphs(tmp_path):
    cleaned = clean(_case(tmp_path, "paragraph alignment"), "en-GB")
    document = docx.Document(io.BytesIO(cleaned))
    heading = document.paragraphs[0]
    assert heading.style.name == "Heading 1, centred"
    assert heading.style.base_style.name == "Heading 1"
    assert heading.paragraph_format.alignment is None  # not direct any more
    assert heading.style.paragraph_format.alignment == 1  # centred, by the style


def test_the_same_formatting_found_again_reuses_its_style(tmp_path):
    def centre(index):
        def change(root):
            heading = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle") is not None][index]
            etree.SubElement(heading.find(f"{W}pPr"), f"{W}jc").set(f"{W}val", "center")
        return change

    data = _draft(tmp_path, BASE + [Heading("Conclusions")])
    once = clean(_edit(data, "word/document.xml", centre(0)), "en-GB")  # first heading centred
    twice = clean(_edit(once, "word/document.xml", centre(1)), "en-GB")  # then the second, by hand
    document = docx.Document(io.BytesIO(twice))
    assert [s.name for s in document.styles if s.name.startswith("Heading 1,")] == ["Heading 1, centred"]
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [p.style.name for p in headings] == ["Heading 1, centred", "Heading 1, centred"]


def test_a_header_is_named_by_its_part(tmp_path):
    document = docx.Document(io.BytesIO(_draft(tmp_path)))
    header = document.sections[0].header.paragraphs[0]
    header.text = "CCM/MSP/2025/7"
    header.alignment = 2
    out = io.BytesIO()
    document.save(out)
    data = _ready(out.getvalue())
    found = [(f.place, f.code) for f in preflight(data, None).findings]
    assert found == [("header1.xml", "direct-formatting")]
    header_text = "\u201cCCM/MSP/2025/7\u201d"
    assert header_text in preflight(data, None).findings[0].message
    cleaned = clean(data, "en-GB")
    assert preflight(cleaned, None).findings == ()
    assert docx.Document(io.BytesIO(cleaned)).sections[0].header.paragraphs[0].style.name == (
        "Header, right-aligned")


def test_formatting_shared_by_every_run_goes_into_the_paragraph_style(tmp_path):
    def change(root):
        paragraph = list(root.iter(f"{W}p"))[2]
        for run in paragraph.iter(f"{W}r"):
            _add_to_rpr(run, '<w:sz w:val="18"/>')
    data = _edit(_draft(tmp_path), "word/document.xml", change)
    assert [(f.place, f.code) for f in preflight(data, None).findings] == [
        ("document.xml: paragraph 3", "direct-formatting")]
    document = docx.Document(io.BytesIO(clean(data, "en-GB")))
    paragraph = document.paragraphs[2]
    assert paragraph.style.name == "Normal, 9 pt"
    assert paragraph.style.font.size.pt == 9
    assert all(run.font.size is None and run.style.name == "Default Paragraph Font" for run in paragraph.runs)


def test_formatting_that_repeats_the_style_is_dropped_without_a_new_style(tmp_path):
    def change(root):  # footnote text's own spacing, said again on the note's paragraph
        paragraph = next(p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle") is not None)
        paragraph.find(f"{W}pPr").append(etree.fromstring(
            f'<w:spacing xmlns:w="{W[1:-1]}" w:after="0" w:line="240" w:lineRule="auto"/>'))
    data = _edit(_draft(tmp_path), "word/footnotes.xml", change)
    [finding] = preflight(data, None).findings
    assert (finding.place, finding.code) == ("footnotes: note 1", "direct-formatting")
    assert "See the annual reports" in finding.message
    cleaned = clean(data, "en-GB")
    assert preflight(cleaned, None).findings == ()
    footnotes = _parts(cleaned)["word/footnotes.xml"]
    assert b'<w:pStyle w:val="FootnoteText"/></w:pPr>' in footnotes
    assert len(docx.Document(io.BytesIO(cleaned)).styles) == len(docx.Document(io.BytesIO(data)).styles)


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next(tmp_path):
    def change(root):
        paragraph = list(root.iter(f"{W}p"))[1]
        paragraph.find(f"{W}pPr").append(etree.fromstring(
            f'<w:rPr xmlns:w="{W[1:-1]}"><w:del w:id="9" w:author="Editor" w:date="2025-07-01T09:00:00Z"/></w:rPr>'))
    data = _edit(_draft(tmp_path, [Heading("Findings"), Para(("First part,", ), style="Normal"),
                                   " joined to the second."]), "word/document.xml", change)
    [finding] = preflight(data, None).findings
    assert (finding.place, finding.code) == ("document.xml: paragraph 2", "tracked-change")
    assert "paragraph mark" in finding.message and "Editor" in finding.message
    cleaned = clean(data, "en-GB")
    assert [p.text for p in docx.Document(io.BytesIO(cleaned)).paragraphs] == [
        "Findings", "First part, joined to the second."]
    assert preflight(cleaned, None).findings == ()


def test_the_language_goes_where_the_schema_puts_it(tmp_path):
    def change(root):
        run = _run_with(root, "A second paragraph of plain text.")
        rpr = run.find(f"{W}rPr")
        rpr.clear()
        for xml in ('<w:b/>', '<w:vertAlign w:val="superscript"/>', '<w:eastAsianLayout w:vert="1"/>',
                    '<w:specVanish w:val="0"/>'):
            rpr.append(etree.fromstring(f'<w:x xmlns:w="{W[1:-1]}">{xml}</w:x>')[0])
    cleaned = clean(_edit(_draft(tmp_path), "word/document.xml", change), "ar-SA")
    root = etree.fromstring(_parts(cleaned)["word/document.xml"], SAFE)
    rpr = _run_with(root, "A second paragraph of plain text.").find(f"{W}rPr")
    assert [etree.QName(c).localname for c in rpr] == ["b", "vertAlign", "lang", "eastAsianLayout", "specVanish"]
    lang = rpr.find(f"{W}lang")
    assert lang.get(f"{W}val") == lang.get(f"{W}bidi") == "ar-SA"  # Word reads Arabic text's language from bidi
    assert {r.find(f"{W}rPr/{W}lang").get(f"{W}val") for r in root.iter(f"{W}r")} == {"ar-SA"}


def test_italic_bold_and_superscript_stay_as_character_formatting(tmp_path):
    def change(root):
        _add_to_rpr(_run_with(root, "A second paragraph of plain text."),
                    '<w:b/><w:i/><w:vertAlign w:val="superscript"/>')
    data = _edit(_draft(tmp_path), "word/document.xml", change)
    assert preflight(data, None).findings == ()
    run = docx.Document(io.BytesIO(clean(data, "en-GB"))).paragraphs[2].runs[0]
    assert run.bold and run.italic and run.font.superscript


def test_an_embedded_part_nothing_points_to_is_named_by_its_path(tmp_path):
    parts = _parts(_draft(tmp_path))
    parts["word/embeddings/Microsoft_Excel_Worksheet.xlsx"] = b"PK not really a workbook"
    [finding] = preflight(_zip(parts), None).findings
    assert (finding.place, finding.code) == ("word/embeddings/Microsoft_Excel_Worksheet.xlsx", "embedded-object")


# --- the word count ---------------------------------------------------------------------------


def test_words_are_counted_as_word_counts_them(tmp_path):
    blocks = [
        Heading("Annual report"),  # 2
        Para(("Geneva, 16-19 September 2025, see CCM/MSP/2025/7", Footnote("Two words."))),  # 6, note 2
        Para(("10\u00a0700 words allowed", Inserted(" and more"), Deleted(" not these"))),  # 5
    ]
    data = _draft(tmp_path, blocks)
    document = docx.Document(io.BytesIO(data))
    document.sections[0].header.paragraphs[0].text = "Header words are not counted"
    out = io.BytesIO()
    document.save(out)
    data = _ready(out.getvalue())
    assert preflight(data, None).words == 2 + 6 + 2 + 5
    hidden = _edit(data, "word/document.xml",
                   lambda root: _add_to_rpr(_run_with(root, "Annual report"), "<w:vanish/>"))
    assert preflight(hidden, None).words == 2 + 6 + 2 + 5  # hidden text counts for the UN


def test_over_the_limit_is_a_finding_clean_cannot_fix(tmp_path):
    data = _draft(tmp_path, [Heading("Annual report"), Para((" ".join(["word"] * 100), Footnote("Two words.")))])
    assert preflight(data, 104) == Preflight(104, 104, ())
    result = preflight(data, 103)
    assert result.over_limit and result.words == 104
    assert result.findings == (Finding("whole document", "over-limit",
                                       "104 words, 1 over the limit of 103: shorten the text or obtain a "
                                       "waiver before submitting it"),)
    assert preflight(clean(data, "en-GB"), 103).findings == result.findings
    assert not preflight(data, None).over_limit


def test_the_report_reads_in_the_users_terms(tmp_path):
    assert preflight_text("CCM/MSP/2025/7", Preflight(6512, 10700, ())) == (
        "CCM/MSP/2025/7: 6,512 words (body, headings and footnotes) of 10,700 allowed; no problems found")
    result = preflight(_case(tmp_path, "comment"), 10700)
    lines = preflight_text("CCM/MSP/2025/7", result).splitlines()
    assert lines[0].endswith("of 10,700 allowed; 1 problem:")
    assert lines[1].strip().startswith("document.xml: paragraph 2: comment: a comment by Reviewer")


def test_what_is_not_a_word_file_is_refused_clearly(tmp_path):
    with pytest.raises(UnreadableDocument):
        preflight(b"not a zip", None)
    parts = _parts(_draft(tmp_path))
    parts["word/document.xml"] = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]>'
                                  + parts["word/document.xml"].split(b"?>", 1)[1])
    with pytest.raises(UnreadableDocument, match="entities"):
        clean(_zip(parts), "en-GB")


# --- the real sample ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample's progress report as rendered (the build's clean step left out), and cleaned."""
    import pipeline.build as build_module

    project = copy_project(tmp_path_factory.mktemp("raw-sample"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "clean", lambda data, language_tag: data)
        build_module.build(project.inputs, project.outputs, TEMPLATES)
    raw = project.docx("progress-report").read_bytes()
    return raw, clean(raw, "en-GB")


def _independent_count(data: bytes) -> int:
    """Body (tables and masthead included) and footnotes, read through python-docx, split at whitespace."""
    def count(text: str) -> int:
        return len([w for w in re.split(r"[ \t\n\r]+", text) if w])

    document = docx.Document(io.BytesIO(data))
    body = sum(count(Paragraph(p, None).text) for p in document.element.body.iter(qn("w:p")))
    notes = parse_xml(_parts(data)["word/footnotes.xml"])  # python-docx's parser: no entities resolved
    footnotes = sum(count(Paragraph(p, None).text) for note in notes.iter(qn("w:footnote"))
                    if note.get(qn("w:type")) is None for p in note.iter(qn("w:p")))
    return body + footnotes


def test_the_built_sample_passes_with_the_words_counted_independently(sample_build):
    built = sample_build.docx("progress-report").read_bytes()
    result = preflight(clean(built, "en-GB"), 10700)
    assert result.findings == ()
    assert result.words == _independent_count(built)
    assert 1000 < result.words < 10700


def test_the_cleaned_sample_passes_and_keeps_its_words(sample):
    raw, cleaned = sample
    result = preflight(cleaned, 10700)
    assert result.findings == ()
    assert result.words == _independent_count(cleaned) == _independent_count(raw) == preflight(raw, 10700).words


def test_clean_is_reproducible_and_idempotent(sample):
    raw, cleaned = sample
    assert clean(raw, "en-GB") == cleaned
    assert clean(cleaned, "en-GB") == cleaned


def _schema_order(element_class) -> list[str]:
    """The child order python-docx's element class declares (its _tag_seq, from the OOXML schema)."""
    found = re.search(r"_tag_seq = \((.*?)\)", inspect.getsource(element_class), re.DOTALL)
    return re.findall(r'"w:(\w+)"', found.group(1))


def test_the_cleaned_sample_keeps_schema_order(sample):
    """Every run's and paragraph's properties, and the styles clean made, in the order Word requires."""
    raw, cleaned = sample
    orders = {"rPr": _schema_order(CT_RPr), "pPr": _schema_order(CT_PPr)}
    ids = {s.get(f"{W}styleId") for s in etree.fromstring(_parts(raw)["word/styles.xml"], SAFE)}
    for name, data in _parts(cleaned).items():
        if not STORY.match(name) and name != "word/styles.xml":
            continue
        root = etree.fromstring(data, SAFE)
        if name == "word/styles.xml":
            made = [s for s in root.findall(f"{W}style") if s.get(f"{W}styleId") not in ids]
            root = etree.Element("made")
            root.extend(made)
        for tag, order in orders.items():
            for props in root.iter(f"{W}{tag}"):
                names = [etree.QName(c).localname for c in props if isinstance(c.tag, str) and c.tag.startswith(W)]
                names = [n for n in names if n in order]
                assert names == sorted(names, key=order.index), (name, etree.tostring(props)[:200])


def test_libreoffice_lays_out_the_cleaned_sample_as_the_original(sample, tmp_path):
    raw, cleaned = sample
    (tmp_path / "raw.docx").write_bytes(raw)
    (tmp_path / "cleaned.docx").write_bytes(cleaned)
    results = LibreOffice().convert([tmp_path / "raw.docx", tmp_path / "cleaned.docx"], tmp_path / "pdf")
    assert [r.problem for r in results] == ["", ""]
    text = " ".join(pdf_text(results[1].output).split())
    assert "Progress Report monitoring progress in implementing the Lausanne Action Plan" in text
    assert "Source: Article 7 reports" in text
    # Direct formatting moved into styles: the same text on the same lines of the same pages.
    assert pdf_text(results[1].output, layout=True) == pdf_text(results[0].output, layout=True)
