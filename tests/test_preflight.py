"""Preflight: the check that finds each breach of the UN's rules with its place, and counts the words.

Each fixture is a small Word file that is clean in every respect but one (languages
on every run, title, subject and language filled in), so that the check must find
exactly that one breach, where it is. The built sample is then checked and its words
counted independently. What clean does with each breach is tests/test_ooxml_clean.py's.
"""

from __future__ import annotations

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
from docx.text.paragraph import Paragraph
from lxml import etree

from pipeline.export.clean import clean
from pipeline.ooxml.reproducible import normalise_zip
from pipeline.verify.preflight import (
    Finding,
    Preflight,
    UnreadableDocument,
    preflight,
    preflight_text,
)
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
        _add_to_rpr(_run_with(root, "Big Arial words"), '<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="28"/>')

    return _edit(data, "word/document.xml", change)


def _centred_heading(data: bytes) -> bytes:
    def change(root):
        heading = next(root.iter(f"{W}p"))
        etree.SubElement(heading.find(f"{W}pPr"), f"{W}jc").set(f"{W}val", "center")

    return _edit(data, "word/document.xml", change)


def _ole_object(data: bytes) -> bytes:
    document = docx.Document(io.BytesIO(data))
    part = Part(
        PackURI("/word/embeddings/oleObject1.bin"),
        "application/vnd.openxmlformats-officedocument.oleObject",
        b"\xd0\xcf\x11\xe0 not really a workbook",
        document.part.package,
    )
    rid = document.part.relate_to(part, RT.OLE_OBJECT)
    paragraph = document.paragraphs[2]._p
    paragraph.append(
        etree.fromstring(
            f'<w:r xmlns:w="{W[1:-1]}" xmlns:o="urn:schemas-microsoft-com:office:office" '
            f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<w:rPr><w:lang w:val="en-GB"/></w:rPr><w:object w:dxaOrig="1440" w:dyaOrig="720">'
            f'<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content" '
            f'ObjectID="_1" r:id="{rid}"/></w:object></w:r>'
        )
    )
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue())


CASES = {
    # name: (blocks, breach applied after, expected (place, code), words in the message, fixable by clean)
    "tracked changes": (
        [Heading("Findings"), Para(("States Parties reported ", Inserted("good "), Deleted("little "), "progress."))],
        None,
        ("document.xml: paragraph 2", "tracked-change"),
        ("insertion \u201cgood\u201d", "deletion \u201clittle\u201d"),
        True,
    ),
    "comment": (
        [
            Heading("Findings"),
            Para(("The ", Comment("clearance figures", "Check against Article 7"), " are provisional.")),
        ],
        None,
        ("document.xml: paragraph 2", "comment"),
        ("Reviewer", "Check against Article 7"),
        True,
    ),
    "hidden text": (
        [Heading("Findings"), Para(("The figures are final.", " Draft note for the secretariat."))],
        _hidden,
        ("document.xml: paragraph 2", "hidden-text"),
        ("Draft note for the secretariat",),
        True,
    ),
    "run formatting": (
        [Heading("Findings"), Para(("Plain words and ", "Big Arial words"))],
        _run_formatting,
        ("document.xml: paragraph 2", "direct-formatting"),
        ("font Arial", "14 pt"),
        True,
    ),
    "paragraph alignment": (
        BASE,
        _centred_heading,
        ("document.xml: paragraph 1", "direct-formatting"),
        ("centred", "Findings"),
        True,
    ),
    "missing title": (BASE, None, ("document properties", "missing-property"), ("title",), False),
    "missing language": (BASE, None, ("document properties", "missing-property"), ("language",), True),
    "embedded object": (BASE, _ole_object, ("document.xml: paragraph 3", "embedded-object"), ("Excel",), False),
    "run without language": (BASE, None, ("document.xml: paragraph 3", "no-language"), ("A second paragraph",), True),
}


def _case(tmp_path: Path, name: str) -> bytes:
    blocks, breach, _expected, _words, _fixable = CASES[name]
    data = _draft(
        tmp_path,
        blocks,
        title="" if name == "missing title" else "Progress report",
        language=None if name == "missing language" else "en-GB",
    )
    if name == "run without language":
        data = _edit(
            data,
            "word/document.xml",
            lambda root: _run_with(root, "A second paragraph of plain text.").find(f"{W}rPr").clear(),
        )
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
    hidden = _edit(data, "word/document.xml", lambda root: _add_to_rpr(_run_with(root, "Annual report"), "<w:vanish/>"))
    assert preflight(hidden, None).words == 2 + 6 + 2 + 5  # hidden text counts for the UN


def test_over_the_limit_is_a_finding_clean_cannot_fix(tmp_path):
    data = _draft(tmp_path, [Heading("Annual report"), Para((" ".join(["word"] * 100), Footnote("Two words.")))])
    assert preflight(data, 104) == Preflight(104, 104, ())
    result = preflight(data, 103)
    assert result.over_limit and result.words == 104
    assert result.findings == (
        Finding(
            "whole document",
            "over-limit",
            "104 words, 1 over the limit of 103: shorten the text or obtain a waiver before submitting it",
        ),
    )
    assert preflight(clean(data, "en-GB"), 103).findings == result.findings
    assert not preflight(data, None).over_limit


def test_the_report_reads_in_the_users_terms(tmp_path):
    assert preflight_text("CCM/MSP/2025/7", Preflight(6512, 10700, ())) == (
        "CCM/MSP/2025/7: 6,512 words (body, headings and footnotes) of 10,700 allowed; no problems found"
    )
    result = preflight(_case(tmp_path, "comment"), 10700)
    lines = preflight_text("CCM/MSP/2025/7", result).splitlines()
    assert lines[0].endswith("of 10,700 allowed; 1 problem:")
    assert lines[1].strip().startswith("document.xml: paragraph 2: comment: a comment by Reviewer")


def test_what_is_not_a_word_file_is_refused_clearly(tmp_path):
    with pytest.raises(UnreadableDocument):
        preflight(b"not a zip", None)
    parts = _parts(_draft(tmp_path))
    parts["word/document.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]>' + parts["word/document.xml"].split(b"?>", 1)[1]
    )
    with pytest.raises(UnreadableDocument, match="entities"):
        clean(_zip(parts), "en-GB")


# --- the real sample ------------------------------------------------------------------------------


def _independent_count(data: bytes) -> int:
    """Body (tables and masthead included) and footnotes, read through python-docx, split at whitespace."""

    def count(text: str) -> int:
        return len([w for w in re.split(r"[ \t\n\r]+", text) if w])

    document = docx.Document(io.BytesIO(data))
    body = sum(count(Paragraph(p, None).text) for p in document.element.body.iter(qn("w:p")))
    notes = parse_xml(_parts(data)["word/footnotes.xml"])  # python-docx's parser: no entities resolved
    footnotes = sum(
        count(Paragraph(p, None).text)
        for note in notes.iter(qn("w:footnote"))
        if note.get(qn("w:type")) is None
        for p in note.iter(qn("w:p"))
    )
    return body + footnotes


def test_the_built_sample_passes_with_the_words_counted_independently(sample_build):
    built = sample_build.docx("progress-report").read_bytes()
    result = preflight(clean(built, "en-GB"), 10700)
    assert result.findings == ()
    assert result.words == _independent_count(built)
    assert 1000 < result.words < 10700
