"""The OOXML layer: one package reader, one style resolver, one text walker, one word count.

Each reads a real Word file (made by tools.docxfactory or python-docx, then edited
as Word would write it) and is held to what a reader of the document sees.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.ooxml.names import W_NS, is_w, qualified, serialise, w
from pipeline.ooxml.opc import Package, UnreadableDocument
from pipeline.ooxml.reproducible import normalise_zip
from pipeline.ooxml.styles import Styles, on, requested_fonts
from pipeline.ooxml.text import paragraph_text, stories, text_paragraphs
from pipeline.ooxml.words import count_text, count_words
from tools.docxfactory import Deleted, Footnote, Heading, Inserted, Para, build_docx

ROOT = Path(__file__).resolve().parent.parent


def _draft(tmp_path: Path, blocks) -> bytes:
    return build_docx(blocks, tmp_path / "draft.docx", title="Report", subject="CCM/MSP/2025/7").read_bytes()


def _edit(data: bytes, part: str, change) -> bytes:
    """The package with ``change(root)`` applied to one XML part (the others byte for byte)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    root = etree.fromstring(parts[part])
    change(root)
    parts[part] = serialise(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return normalise_zip(out.getvalue())


def _xml(fragment: str):
    return etree.fromstring(
        f'<w:x xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">{fragment}</w:x>'
    )[0]


# --- the package -------------------------------------------------------------------------------


def test_the_reader_finds_the_parts_by_their_relationships(tmp_path):
    package = Package(_draft(tmp_path, [Heading("Findings"), Para(("Text", Footnote("A note.")))]))
    assert package.main == "word/document.xml"
    assert package.styles == "word/styles.xml"
    assert package.core == "docProps/core.xml"
    assert [s.kind for s in stories(package)][:2] == ["body", "footnotes"]


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda good: b"not a zip at all", "not a readable"),
        (lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + good, "password-protected"),
        (lambda good: _with_member(good, "../outside.xml", b"<x/>"), "unsafe path"),
        (
            lambda good: _with_member(
                good, "word/extra.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
            ),
            "entities",
        ),
    ],
)
def test_the_reader_refuses_what_a_draft_would_be_refused_for(tmp_path, make, reason):
    with pytest.raises(UnreadableDocument, match=reason):
        Package(make(_draft(tmp_path, [Heading("Findings")])))


def _with_member(data: bytes, name: str, blob: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr(name, blob)
    return out.getvalue()


# --- on/off properties and styles ----------------------------------------------------------------


@pytest.mark.parametrize(
    "xml, expected",
    [
        ("<w:b/>", True),
        ('<w:b w:val="1"/>', True),
        ('<w:b w:val="true"/>', True),
        ('<w:b w:val="on"/>', True),
        ('<w:b w:val="0"/>', False),
        ('<w:b w:val="false"/>', False),
        ('<w:b w:val="off"/>', False),
    ],
)
def test_an_on_off_property_reads_as_word_reads_it(xml, expected):
    assert on(_xml(xml)) is expected
    assert on(None) is False  # absent: off


STYLES = f"""<w:styles xmlns:w="{W_NS}">
  <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/>
    <w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Child"><w:name w:val="Child"/><w:basedOn w:val="Base"/>
    <w:rPr><w:vanish/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Shown"><w:name w:val="Shown"/><w:rPr><w:vanish w:val="0"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
</w:styles>"""


def test_a_style_inherits_from_the_styles_it_is_based_on():
    styles = Styles(etree.fromstring(STYLES))
    assert [s.get(w("styleId")) for s in styles.chain("Child")] == ["Child", "Base"]
    assert styles.inherited("rPr", "sz", "Child")[w("val")] == "24"  # the base style's, over the defaults
    assert styles.inherited("pPr", "jc", "Child")[w("val")] == "center"
    assert styles.num_id("Child") == "7" and styles.numbered("Child") and not styles.numbered("Normal")
    assert styles.chain("Loop") == [styles.by_id["Loop"]]  # a loop ends
    assert styles.name("Normal") == "Normal" and styles.paragraph_style(_xml("<w:p/>")) == "Normal"


def test_hidden_text_is_found_through_styles_and_undone_by_a_nearer_one():
    styles = Styles(etree.fromstring(STYLES))
    plain = _xml("<w:r><w:t>x</w:t></w:r>")
    shown = _xml('<w:r><w:rPr><w:rStyle w:val="Shown"/></w:rPr><w:t>x</w:t></w:r>')
    assert styles.hidden(plain, "Child") and not styles.hidden(plain, "Base")
    assert not styles.hidden(shown, "Child")  # the character style says "not hidden"


# --- the text ------------------------------------------------------------------------------------


def test_the_text_is_what_a_reader_sees(tmp_path):
    def change(root):
        paragraph = next(p for p in root.iter(w("p")) if "Second" in "".join(p.itertext()))
        paragraph.append(
            _xml(
                '<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t> chosen</w:t></w:r>'
                "</mc:Choice><mc:Fallback><w:r><w:t> fallback</w:t></w:r></mc:Fallback>"
                "</mc:AlternateContent>"
            )
        )
        paragraph.append(_xml("<w:r><w:t>\u00a0words</w:t><w:tab/><w:t>after</w:t><w:br/><w:t>end</w:t></w:r>"))

    data = _edit(
        _draft(
            tmp_path, [Heading("First"), Para(("Second", Inserted(" kept"), Deleted(" gone"), Footnote("A note.")))]
        ),
        "word/document.xml",
        change,
    )
    package = Package(data)
    body, notes = stories(package, ("body", "footnotes"))
    assert [paragraph_text(p) for p in text_paragraphs(body)] == ["First", "Second kept chosen\u00a0words after end"]
    assert [paragraph_text(p).strip() for p in text_paragraphs(notes)] == ["A note."]  # no separators


def test_words_are_counted_as_word_counts_them():
    assert count_text("Geneva, 16-19 September 2025") == 4
    assert count_text("10\u00a0700 words\tallowed\n") == 3  # a no-break space joins
    assert count_text("   ") == 0


def test_the_count_takes_the_body_the_tables_and_the_notes_not_the_headers(tmp_path):
    import docx

    document = docx.Document(
        io.BytesIO(_draft(tmp_path, [Heading("Annual report"), Para(("Three more words", Footnote("Two words.")))]))
    )
    document.sections[0].header.paragraphs[0].text = "Header words are not counted"
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "cell one", "cell two"
    out = io.BytesIO()
    document.save(out)
    assert count_words(out.getvalue()) == 2 + 3 + 2 + 4


def test_the_un_count_of_the_sample_counts_the_whole_document(sample_build):
    """The preflight's count: the whole body (masthead, annex tables), more than the drafts' words alone."""
    report = count_words(sample_build.docx("progress-report").read_bytes())
    analysis = count_words(sample_build.docx("extension-analysis-chl").read_bytes())
    assert (report, analysis) == (4073, 798)
    preflight_report = (sample_build.outputs / "progress-report/en/CCM_MSP_2025_7-preflight.txt").read_text()
    assert preflight_report.startswith("CCM/MSP/2025/7: 4,073 words")


def test_the_fonts_a_document_names_come_from_its_styles_and_stories(tmp_path):
    def change(root):
        run = next(root.iter(w("r")))
        rpr = run.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(run, w("rPr"))
            run.insert(0, rpr)
        etree.SubElement(rpr, w("rFonts")).set(w("cs"), "Noto Naskh Arabic")

    data = _edit(_draft(tmp_path, [Heading("Findings")]), "word/document.xml", change)
    assert {"Noto Naskh Arabic"} <= requested_fonts(data)


# --- one place for the format ------------------------------------------------------------------------


def test_only_the_ooxml_package_spells_wordprocessingml():
    """The w: namespace, python-docx's qn() and its private attributes appear nowhere else in the pipeline."""
    private = re.compile(r"\._(element|p|body|tbl|tr|tc|blob)\b|\.part\._")
    offenders = []
    files = [*ROOT.glob("pipeline/**/*.py"), ROOT / "templates/build_templates.py", ROOT / "tools/docxfactory.py"]
    for path in files:
        if "ooxml" in path.relative_to(ROOT).parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "schemas.openxmlformats.org/wordprocessingml" in text or "qn(" in text or private.search(text):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_a_prefixed_name_is_qualified_by_the_shared_prefixes():
    assert qualified("w:p") == w("p")
    assert is_w(etree.Element(qualified("w:tbl")), "tbl", "p")
