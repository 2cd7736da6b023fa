"""Clean: a built Word file made ready for the UN, with what a reader sees unchanged.

The fixtures are tests/test_preflight.py's: small Word files clean in every respect
but one breach. Clean must fix what it can (the preflight then finds nothing),
keep the visible text, and make styles that look as the direct formatting did.
The real sample is then cleaned, checked, counted and opened by LibreOffice.
"""

from __future__ import annotations

import inspect
import io
import re

import docx
import pytest
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.parfmt import CT_PPr
from lxml import etree

from pipeline.convert import LibreOffice
from pipeline.export.clean import clean
from pipeline.verify.preflight import preflight
from tests.conftest import TEMPLATES, copy_project, pdf_text
from tests.test_preflight import (
    BASE,
    CASES,
    SAFE,
    STORY,
    W,
    _add_to_rpr,
    _case,
    _draft,
    _edit,
    _independent_count,
    _parts,
    _ready,
    _run_with,
    _visible,
)
from tools.docxfactory import Heading, Para

# --- each breach, cleaned ----------------------------------------------------------------------------


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
    assert docx.Document(io.BytesIO(cleaned)).sections[0].header.paragraphs[0].style.name == ("Header, right-aligned")


def test_formatting_shared_by_every_run_goes_into_the_paragraph_style(tmp_path):
    def change(root):
        paragraph = list(root.iter(f"{W}p"))[2]
        for run in paragraph.iter(f"{W}r"):
            _add_to_rpr(run, '<w:sz w:val="18"/>')

    data = _edit(_draft(tmp_path), "word/document.xml", change)
    assert [(f.place, f.code) for f in preflight(data, None).findings] == [
        ("document.xml: paragraph 3", "direct-formatting")
    ]
    document = docx.Document(io.BytesIO(clean(data, "en-GB")))
    paragraph = document.paragraphs[2]
    assert paragraph.style.name == "Normal, 9 pt"
    assert paragraph.style.font.size.pt == 9
    assert all(run.font.size is None and run.style.name == "Default Paragraph Font" for run in paragraph.runs)


def test_formatting_that_repeats_the_style_is_dropped_without_a_new_style(tmp_path):
    def change(root):  # footnote text's own spacing, said again on the note's paragraph
        paragraph = next(p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle") is not None)
        paragraph.find(f"{W}pPr").append(
            etree.fromstring(f'<w:spacing xmlns:w="{W[1:-1]}" w:after="0" w:line="240" w:lineRule="auto"/>')
        )

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
        paragraph.find(f"{W}pPr").append(
            etree.fromstring(
                f'<w:rPr xmlns:w="{W[1:-1]}"><w:del w:id="9" w:author="Editor" w:date="2025-07-01T09:00:00Z"/></w:rPr>'
            )
        )

    data = _edit(
        _draft(tmp_path, [Heading("Findings"), Para(("First part,",), style="Normal"), " joined to the second."]),
        "word/document.xml",
        change,
    )
    [finding] = preflight(data, None).findings
    assert (finding.place, finding.code) == ("document.xml: paragraph 2", "tracked-change")
    assert "paragraph mark" in finding.message and "Editor" in finding.message
    cleaned = clean(data, "en-GB")
    assert [p.text for p in docx.Document(io.BytesIO(cleaned)).paragraphs] == [
        "Findings",
        "First part, joined to the second.",
    ]
    assert preflight(cleaned, None).findings == ()


def test_the_language_goes_where_the_schema_puts_it(tmp_path):
    def change(root):
        run = _run_with(root, "A second paragraph of plain text.")
        rpr = run.find(f"{W}rPr")
        rpr.clear()
        for xml in (
            "<w:b/>",
            '<w:vertAlign w:val="superscript"/>',
            '<w:eastAsianLayout w:vert="1"/>',
            '<w:specVanish w:val="0"/>',
        ):
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
        _add_to_rpr(
            _run_with(root, "A second paragraph of plain text."), '<w:b/><w:i/><w:vertAlign w:val="superscript"/>'
        )

    data = _edit(_draft(tmp_path), "word/document.xml", change)
    assert preflight(data, None).findings == ()
    run = docx.Document(io.BytesIO(clean(data, "en-GB"))).paragraphs[2].runs[0]
    assert run.bold and run.italic and run.font.superscript


# --- the real sample ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample's progress report as rendered (the build's clean step left out), and cleaned."""
    import pipeline.build.make as make_module
    from pipeline.build import build

    project = copy_project(tmp_path_factory.mktemp("raw-sample"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(make_module, "clean", lambda data, language_tag: data)
        build(project.inputs, project.outputs, TEMPLATES)
    raw = project.docx("progress-report").read_bytes()
    return raw, clean(raw, "en-GB")


@pytest.mark.libreoffice
def test_the_cleaned_sample_passes_and_keeps_its_words(sample):
    raw, cleaned = sample
    result = preflight(cleaned, 10700)
    assert result.findings == ()
    assert result.words == _independent_count(cleaned) == _independent_count(raw) == preflight(raw, 10700).words


@pytest.mark.libreoffice
def test_clean_is_reproducible_and_idempotent(sample):
    raw, cleaned = sample
    assert clean(raw, "en-GB") == cleaned
    assert clean(cleaned, "en-GB") == cleaned


def _schema_order(element_class) -> list[str]:
    """The child order python-docx's element class declares (its _tag_seq, from the OOXML schema)."""
    found = re.search(r"_tag_seq = \((.*?)\)", inspect.getsource(element_class), re.DOTALL)
    return re.findall(r'"w:(\w+)"', found.group(1))


@pytest.mark.libreoffice
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


@pytest.mark.libreoffice
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
