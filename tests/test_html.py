"""HTML: each rendered document as one self-contained, accessible web page.

Real pandoc on the real sample document; what is checked is what a reader of
the page sees, against what the Word file itself holds.
"""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from pipeline.ooxml import wordml
from pipeline.errors import OutputError
from pipeline.export.html import to_html

W = f"{{{wordml.W_NS}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


# --- what the Word file holds -------------------------------------------------------------


def _part(docx: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read(name))


def _words(text: str) -> str:
    return " ".join(text.split())


def word_paragraphs(docx: bytes, style_name: str, document: etree._Element | None = None) -> list[etree._Element]:
    """The body's paragraphs in a style, by the style's name, in document order."""
    ids = {s.get(f"{W}styleId") for s in _part(docx, "word/styles.xml").iter(f"{W}style")
           if s.find(f"{W}name") is not None and s.find(f"{W}name").get(f"{W}val") == style_name}
    document = _part(docx, "word/document.xml") if document is None else document
    return [p for p in document.iter(f"{W}p")
            if p.find(f"{W}pPr/{W}pStyle") is not None and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") in ids]


def word_text(p: etree._Element) -> str:
    return _words("".join(t.text or "" for t in p.iter(f"{W}t")))


def word_footnotes(docx: bytes) -> list[etree._Element]:
    """The document's notes, Word's separators aside."""
    return [f for f in _part(docx, "word/footnotes.xml").iter(f"{W}footnote")
            if f.get(f"{W}type") in (None, "normal")]


def word_hyperlinks(docx: bytes) -> set[str]:
    rels = _part(docx, "word/_rels/document.xml.rels")
    return {r.get("Target") for r in rels
            if r.get("TargetMode") == "External" and r.get("Type", "").endswith("/hyperlink")}


# --- what the page shows ------------------------------------------------------------------


def text_of(element) -> str:
    return _words(element.text_content())


@pytest.fixture(scope="module")
def word(sample_build) -> bytes:
    return sample_build.docx("progress-report").read_bytes()


@pytest.fixture(scope="module")
def html(word) -> str:
    return to_html(word, language="en", title="CCM/MSP/2025/7")


@pytest.fixture(scope="module")
def page(html):
    return lxml.html.document_fromstring(html)


def test_the_page_says_its_language_and_title_and_carries_the_masthead(page, word):
    assert page.get("lang") == "en"
    assert page.findtext(".//head/title") == "CCM/MSP/2025/7"
    header = page.xpath("//main/header")[0]
    masthead = text_of(header)
    for needed in ("Convention on Cluster Munitions", "CCM/MSP/2025/7", "Distr.: General", "14 July 2025",
                   "Original: English", "Thirteenth Meeting of States Parties", "Geneva, 16-19 September 2025",
                   "Item 9 of the provisional agenda"):
        assert needed in masthead
    # The document's title is the page's one h1, inside the masthead, and no table is left of it.
    (title,) = page.xpath("//h1")
    assert title.getparent() is header
    assert text_of(title) == word_text(word_paragraphs(word, "UN Title")[0])
    assert not header.xpath(".//table")


def test_body_paragraphs_carry_words_numbers_in_words_order(page, word):
    paragraphs = word_paragraphs(word, wordml.STYLE_NAMES["body"])
    assert paragraphs
    numbers = page.find_class("para-number")
    assert [text_of(n) for n in numbers] == [f"{i}." for i in range(1, len(paragraphs) + 1)]
    first = text_of(numbers[0].getparent())
    assert first.startswith("1. " + word_text(paragraphs[0])[:60])
    # Every numbered paragraph is the Word file's paragraph of that number, and can be linked to.
    for i, (number, p) in enumerate(zip(numbers, paragraphs), start=1):
        opening = " ".join(word_text(p).split()[:6])
        assert text_of(number.getparent()).startswith(f"{i}. {opening}"), i
        assert page.get_element_by_id(f"para-{i}") is not None


def test_chapters_and_sections_are_headings_with_their_numbers(page, word):
    chapters = [word_text(p) for p in word_paragraphs(word, "UN Chapter")]
    h2 = [h for h in page.xpath("//h2") if "annex" not in h.classes]
    assert [text_of(h) for h in h2] == [f"{ROMAN[i]}. {text}" for i, text in enumerate(chapters)]
    # Sections restart at A. under each chapter.
    for chapter in h2:
        labels = []
        for sibling in chapter.itersiblings():
            if sibling.tag == "h2":
                break
            if sibling.tag == "h3":
                labels.append(text_of(sibling).split()[0])
        assert labels == [f"{chr(ord('A') + i)}." for i in range(len(labels))]
    assert any(text_of(h).startswith("1. ") for h in page.xpath("//h4"))


def test_every_note_reference_and_note_link_both_ways(page, word):
    notes = word_footnotes(word)
    assert notes
    references = page.xpath('//a[@role="doc-noteref"]')
    items = page.xpath('//section[@role="doc-endnotes"]/ol/li')
    assert len(references) == len(items) == len(notes)
    for number, (reference, item, note) in enumerate(zip(references, items, notes), start=1):
        assert text_of(reference) == str(number)
        assert reference.get("href") == f"#{item.get('id')}"
        (back,) = item.xpath('.//a[@role="doc-backlink"]')
        assert back.get("href") == f"#{reference.get('id')}"
        assert back.get("aria-label") == f"Back to reference {number}"
        # The note's text, without Word's own mark and tab in front of it.
        assert text_of(item).startswith(word_text(note)[:40])


def test_annex_tables_have_scoped_header_cells(page, word):
    annexes = page.xpath('//h2[contains(concat(" ", @class, " "), " annex ")]')
    assert [text_of(h).split()[:2] for h in annexes] == [
        word_text(p).split()[:2] for p in word_paragraphs(word, "UN Annex Heading")]
    for heading in annexes:
        table = heading.getnext()
        assert table.tag == "table", text_of(heading)
        columns = len(table.xpath("./thead/tr[1]/*"))
        assert columns > 1
        assert [th.get("scope") for th in table.xpath("./thead//th")] == ["col"] * columns
        assert not table.xpath("./thead//td")
        for row in table.xpath("./tbody/tr"):
            stub = row.xpath("./*")[0]
            assert stub.tag == "th" and stub.get("scope") == "row"
    # Every table of the page (the draft's too) has header cells.
    for table in page.xpath("//table"):
        assert table.xpath(".//th")


def test_the_page_is_self_contained_and_runs_nothing(page, html, word):
    assert not page.xpath("//script | //link | //iframe | //object | //embed | //base | //noscript")
    assert not [a for el in page.iter() if isinstance(el.tag, str) for a in el.attrib if a.lower().startswith("on")]
    for element in page.xpath("//*[@src]"):
        assert element.get("src").startswith("data:"), element.get("src")[:40]
    ids = set(page.xpath("//@id"))
    hyperlinks = word_hyperlinks(word)
    for element in page.xpath("//*[@href]"):
        assert element.tag == "a"
        href = element.get("href")
        if href.startswith("#"):
            assert href[1:] in ids, href
        else:
            assert href in hyperlinks, href  # only the text's own links lead out of the page
    style = " ".join(page.xpath("//style/text()"))
    assert "url(" not in style and "@import" not in style
    assert to_html(word, language="en", title="CCM/MSP/2025/7") == html  # same document, same page


def lettered_expected(docx: bytes) -> list[int]:
    """The position of each lettered subparagraph in its own list (1 for (a)), from the Word file."""
    positions, seen = [], {}
    for p in word_paragraphs(docx, wordml.STYLE_NAMES["subparagraph"]):
        num_id = p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        seen[num_id] = seen.get(num_id, 0) + 1
        positions.append(seen[num_id])
    return positions


def test_lettered_subparagraphs_in_english_and_french(page, word):
    positions = lettered_expected(word)
    assert positions.count(1) >= 2  # the sample has several lists, each starting again at (a)
    letters = [chr(ord("a") + n - 1) for n in positions]
    assert [text_of(s) for s in page.find_class("subpara-label")] == [f"({x})" for x in letters]

    french = lxml.html.document_fromstring(to_html(word, language="fr", title="CCM/MSP/2025/7"))
    assert french.get("lang") == "fr"
    assert [text_of(s) for s in french.find_class("subpara-label")] == [f"{x})" for x in letters]
    numbers = [text_of(n) for n in page.find_class("para-number")]
    assert [text_of(n) for n in french.find_class("para-number")] == numbers
    assert french.xpath('//a[@role="doc-backlink"]')[0].get("aria-label") == "Retour à l’appel de note 1"


# --- a small document of the project's own writing ---------------------------------------------


def rendered_docx(blocks) -> bytes:
    from pipeline.compute.indicators import indicators
    from pipeline.intake.meeting import parse_meeting
    from pipeline.model import Dataset, Period
    from pipeline.render.document import render
    from tests.conftest import SAMPLE_INPUTS, TEMPLATES

    config, _ = parse_meeting((SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8"), "meeting.yaml")
    spec = config.documents[0]
    figures = indicators(Dataset(), Period(config.meeting.reporting_period.start, config.meeting.reporting_period.end))
    bodies = {s.id: (blocks if i == 0 else ()) for i, s in enumerate(spec.sections)}
    return render((TEMPLATES / spec.template).read_bytes(), config, spec, bodies, figures)


def test_pictures_are_embedded_as_data_uris_with_their_text():
    from pipeline.model.blocks import Footnote, Image, ListBlock, Paragraph, Text

    corpus = Path(__file__).parent / "fixtures" / "drafts" / "inline-image.docx"
    with zipfile.ZipFile(corpus) as archive:
        png = next(archive.read(n) for n in archive.namelist() if n.startswith("word/media/"))
    docx = rendered_docx((
        Paragraph((Text("See the map: "), Image(png, alt="Map of cleared areas", width_in=3.0),
                   Footnote((Paragraph((Text("Drawn by the ISU."),)),)))),
        ListBlock("lettered", ((Paragraph((Text("first"),)),), (Paragraph((Text("second"),)),))),
    ))
    page = lxml.html.document_fromstring(to_html(docx, language="es", title="Mapa"))
    assert page.get("lang") == "es"
    (img,) = page.xpath("//img")
    prefix = "data:image/png;base64,"
    assert img.get("src").startswith(prefix)
    assert base64.b64decode(img.get("src")[len(prefix):]) == png
    assert img.get("alt") == "Map of cleared areas"
    assert [text_of(s) for s in page.find_class("subpara-label")] == ["a)", "b)"]
    assert len(page.xpath('//section[@role="doc-endnotes"]/ol/li')) == 1


def with_links(docx: bytes, targets: list[str]) -> bytes:
    """The document with hyperlinks to ``targets`` at the start of its first numbered paragraph."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/_rels/document.xml.rels":
                rels = "".join(f'<Relationship Id="rIdLink{i}" TargetMode="External" Target="{t}" '
                               'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
                               for i, t in enumerate(targets))
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            elif name == "word/document.xml":
                root = etree.fromstring(data)
                p = word_paragraphs(docx, wordml.STYLE_NAMES["body"], root)[0]
                for i in reversed(range(len(targets))):
                    link = etree.Element(f"{W}hyperlink", {f"{{{R_NS}}}id": f"rIdLink{i}"})
                    run = etree.SubElement(link, f"{W}r")
                    etree.SubElement(run, f"{W}t").text = f"link{i} "
                    p.insert(1, link)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(name, data)
    return out.getvalue()


def test_links_to_the_web_are_kept_and_script_links_dropped(word):
    docx = with_links(word, ["https://www.clusterconvention.org/", "javascript:alert(1)"])
    html = to_html(docx, language="en", title="t")
    page = lxml.html.document_fromstring(html)
    assert page.xpath('//a[@href="https://www.clusterconvention.org/"]')[0].text_content() == "link0"
    assert "javascript" not in html.lower()
    assert "link1" in text_of(page.get_element_by_id("para-1"))  # its text stays


def test_unreadable_files_raise_a_clear_output_error():
    with pytest.raises(OutputError, match="cannot be read"):
        to_html(b"not a Word file", language="en", title="t")
    bare = io.BytesIO()
    with zipfile.ZipFile(bare, "w") as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{wordml.W_NS}"><w:body/></w:document>')
    with pytest.raises(OutputError, match="pandoc could not read the Word file"):
        to_html(bare.getvalue(), language="en", title="t")
    with pytest.raises(ValueError):
        to_html(bare.getvalue(), language="en<script>", title="t")
