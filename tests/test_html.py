"""HTML: each document version as one self-contained, accessible web page.

The page is written from the values its Word file is rendered from (the same context,
each section's blocks in place of its Word body). The specification is the Word file
itself: a reader of the page sees the Word file's text, in its order, with the numbers
Word shows, in the template's wording and the version's language.
"""

from __future__ import annotations

import base64
import copy
import io
import zipfile
from itertools import pairwise
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from pipeline.build import check
from pipeline.compute.families import expand
from pipeline.compute.figures import fill_drafts
from pipeline.compute.indicators import indicators
from pipeline.compute.localise import figure_in, indicators_in, subject_in
from pipeline.convert import LibreOffice
from pipeline.errors import OutputError
from pipeline.export.html import document_page
from pipeline.model.blocks import Footnote, Heading, Image, Link, ListBlock, Paragraph, Placeholder, Styled, Table, Text
from pipeline.ooxml import wordml
from pipeline.render.document import render, section_blocks, template_context
from pipeline.render.translated import merge_translation
from tests.conftest import SAMPLE_INPUTS, TEMPLATES

W = f"{{{wordml.W_NS}}}"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


# --- the sample's versions: the Word file and the page made from the same values -----------------


class Version:
    def __init__(self, template: str, context: dict, word: bytes):
        self.word = word
        self.html = document_page(context, template)
        self.page = lxml.html.document_fromstring(self.html)


@pytest.fixture(scope="module")
def sample() -> dict[str, Version]:
    """The sample's progress report (English, and its French and Spanish translations) and its first
    extension analysis (in the three languages), assembled as the build assembles them."""
    inputs, _ = check(SAMPLE_INPUTS, TEMPLATES, converter=LibreOffice())
    config = inputs.config
    figures = indicators(inputs.data, config.meeting.reporting_period)
    drafts, _ = fill_drafts(inputs.drafts, figures.figures, False)
    members, _ = expand(config.families[0], inputs.data)
    versions = {}
    for spec, subject in ((config.documents[0], None), (members[0].spec, members[0].fields)):
        bodies = {s.id: section_blocks(s, drafts.get(s.id), inputs.problems.get(s.id)) for s in spec.sections}
        word = render(inputs.templates[spec.template], config, spec, bodies, figures, subject)
        versions[spec.id] = Version(spec.template, template_context(config, spec, bodies, figures, subject), word)
        if subject is not None:  # no translation of it returned: its French and Spanish templates, with its values
            for language in ("fr", "es"):
                values = (config, spec, bodies, indicators_in(figures, language), subject_in(subject, language))
                template = f"{language}/{spec.template}"
                versions[f"{spec.id}/{language}"] = Version(
                    template,
                    template_context(*values, language=language),
                    render((TEMPLATES / template).read_bytes(), *values, language=language),
                )
        for (doc_id, language), translation in sorted(inputs.translations.items()):
            if doc_id != spec.id:
                continue
            merged, _ = merge_translation(
                spec,
                config,
                bodies,
                translation,
                language,
                lambda name, value, lang=language: figure_in(name, value, lang),
            )
            values = (
                merged.config,
                merged.spec,
                merged.bodies,
                indicators_in(figures, language),
                subject_in(subject, language),
            )
            template = f"{language}/{spec.template}"
            versions[f"{spec.id}/{language}"] = Version(
                template,
                template_context(*values, language=language),
                render(inputs.templates[template], *values, language=language),
            )
    return versions


@pytest.fixture(scope="module")
def report(sample) -> Version:
    return sample["progress-report"]


# --- what the Word file holds -------------------------------------------------------------------


def _part(docx: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read(name))


def words(text: str) -> str:
    return " ".join(text.split())


def word_text(p: etree._Element) -> str:
    """A paragraph's text as Word shows it: its runs' text, a line break as a space."""
    return words("".join(" " if e.tag == f"{W}br" else e.text or "" for e in p.iter(f"{W}t", f"{W}br")))


def word_paragraphs(docx: bytes, style_name: str | None = None) -> list[etree._Element]:
    """The body's paragraphs (table cells included), in document order; those of one style by its name."""
    document = _part(docx, "word/document.xml")
    paragraphs = list(document.iter(f"{W}p"))
    if style_name is None:
        return paragraphs
    ids = {
        s.get(f"{W}styleId")
        for s in _part(docx, "word/styles.xml").iter(f"{W}style")
        if s.find(f"{W}name") is not None and s.find(f"{W}name").get(f"{W}val") == style_name
    }
    styles = [(p, p.find(f"{W}pPr/{W}pStyle")) for p in paragraphs]
    return [p for p, style in styles if style is not None and style.get(f"{W}val") in ids]


def word_footnotes(docx: bytes) -> list[str]:
    """The text of the document's notes, Word's separators aside."""
    return [
        word_text(f)
        for f in _part(docx, "word/footnotes.xml").iter(f"{W}footnote")
        if f.get(f"{W}type") in (None, "normal")
    ]


# --- what the page shows ------------------------------------------------------------------------


def text_of(element) -> str:
    return words(element.text_content())


def reading_text(page) -> str:
    """The main text as read, without the footnote marks (Word keeps those out of its text too)."""
    main = copy.deepcopy(page.xpath("//main")[0])
    for mark in main.xpath('.//a[@role="doc-noteref"] | .//section[@role="doc-endnotes"]'):
        mark.drop_tree()
    return text_of(main)


# --- the sample -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "version",
    [
        "progress-report",
        "progress-report/fr",
        "progress-report/es",
        "extension-analysis-chl",
        "extension-analysis-chl/fr",
        "extension-analysis-chl/es",
    ],
)
def test_the_page_reads_as_the_word_file_in_every_language(sample, version):
    """Every paragraph and table cell of the Word file (masthead, the template's wording, the drafts,
    the annexes' figures) is on the page, in the same order; and so is every footnote."""
    made = sample[version]
    text = reading_text(made.page)
    at = 0
    for p in word_paragraphs(made.word):
        wanted = word_text(p)
        if wanted:
            found = text.find(wanted, at)
            assert found >= 0, f"not on the page after position {at}: {wanted[:80]!r}"
            at = found + len(wanted)
    notes = made.page.xpath('//section[@role="doc-endnotes"]/ol/li')
    assert [text_of(li).rstrip("↩︎").strip() for li in notes] == word_footnotes(made.word)


def test_the_page_says_its_language_and_title_and_carries_the_masthead(report, sample):
    page = report.page
    assert (page.get("lang"), page.get("dir")) == ("en", "ltr")
    assert (
        page.findtext(".//head/title")
        == "CCM/MSP/2025/7: Progress Report monitoring progress in implementing the Lausanne Action Plan"
    )
    header = page.xpath("//main/header")[0]
    for line in (
        "Convention on Cluster Munitions",
        "CCM/MSP/2025/7",
        "Distr.: General",
        "14 July 2025",
        "Original: English",
        "Thirteenth Meeting of States Parties",
        "Geneva, 16-19 September 2025",
        "Item 9 of the provisional agenda",
        "Submitted by the President of the Thirteenth Meeting",
    ):
        assert line in text_of(header)
    # The document's title is the page's one h1, inside the masthead.
    (title,) = page.xpath("//h1")
    assert title.getparent() is header
    assert text_of(title) == word_text(word_paragraphs(report.word, "UN Title")[0])
    french = sample["progress-report/fr"].page
    assert french.get("lang") == "fr"
    assert "Distr. générale 14 juillet 2025 Français Original\u00a0: anglais" in " ".join(
        p.text_content() for p in french.xpath("//header//p")
    )


def test_body_paragraphs_carry_words_numbers_in_words_order(report):
    paragraphs = word_paragraphs(report.word, wordml.STYLE_NAMES["body"])
    numbers = report.page.find_class("para-number")
    assert len(paragraphs) > 50
    assert [text_of(n) for n in numbers] == [f"{i}." for i in range(1, len(paragraphs) + 1)]
    # Every numbered paragraph is the Word file's paragraph of that number, and can be linked to.
    for i, (number, p) in enumerate(zip(numbers, paragraphs, strict=True), start=1):
        numbered = report.page.get_element_by_id(f"para-{i}")
        assert number.getparent() is numbered
        assert text_of(numbered).startswith(f"{i}. {' '.join(word_text(p).split()[:6])}"), i


def test_chapters_and_sections_are_headings_with_their_numbers_in_order(report):
    page = report.page
    chapters = [word_text(p) for p in word_paragraphs(report.word, "UN Chapter")]
    h2 = [h for h in page.xpath("//h2") if "annex" not in h.classes]
    assert [text_of(h) for h in h2] == [f"{ROMAN[i]}. {text}" for i, text in enumerate(chapters)]
    assert [h.get("id") for h in h2] == [f"sec-{ROMAN[i]}" for i in range(len(chapters))]
    # Sections restart at A. under each chapter; the drafts' headings below them at 1.
    for chapter in h2:
        labels = []
        for sibling in chapter.itersiblings():
            if sibling.tag == "h2":
                break
            if sibling.tag == "h3":
                labels.append(text_of(sibling).split()[0])
        assert labels == [f"{chr(ord('A') + i)}." for i in range(len(labels))]
    assert page.get_element_by_id("sec-II-A-1").tag == "h4"
    assert text_of(page.get_element_by_id("sec-II-A-1")) == "1. Status at a glance"  # general status's first
    # Headings go down one level at a time, as a screen reader's outline expects.
    levels = [int(h.tag[1]) for h in page.xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")]
    assert all(b <= a + 1 for a, b in pairwise(levels))


def test_every_note_reference_and_note_link_both_ways(report, sample):
    references = report.page.xpath('//a[@role="doc-noteref"]')
    items = report.page.xpath('//section[@role="doc-endnotes"]/ol/li')
    assert len(references) == len(items) == len(word_footnotes(report.word)) > 10
    for number, (reference, item) in enumerate(zip(references, items, strict=True), start=1):
        assert text_of(reference) == str(number)
        assert reference.get("href") == f"#{item.get('id')}"
        (back,) = item.xpath('.//a[@role="doc-backlink"]')
        assert back.get("href") == f"#{reference.get('id')}"
        assert back.get("aria-label") == f"Back to reference {number}"
    french = sample["progress-report/fr"].page
    assert french.xpath('//a[@role="doc-backlink"]')[0].get("aria-label") == "Retour à l’appel de note 1"


def test_annex_tables_are_the_word_tables_with_scoped_header_cells(report):
    page = report.page
    annexes = page.xpath('//h2[contains(concat(" ", @class, " "), " annex ")]')
    assert [text_of(h).split()[:2] for h in annexes] == [
        word_text(p).split()[:2] for p in word_paragraphs(report.word, "UN Annex Heading")
    ]
    assert [h.get("id") for h in annexes] == ["sec-annex-i", "sec-annex-ii", "sec-annex-iii", "sec-annex-iv"]
    word_tables = _part(report.word, "word/document.xml").findall(f".//{W}body/{W}tbl")[-4:]
    for heading, word_table in zip(annexes, word_tables, strict=True):
        table = heading.getnext()
        assert table.tag == "table", text_of(heading)
        rows = [[text_of(c) for c in tr.xpath("./th | ./td")] for tr in table.xpath(".//tr")]
        assert rows == [[word_text(tc) for tc in tr.findall(f"{W}tc")] for tr in word_table.findall(f"{W}tr")]
        columns = len(rows[0])
        assert [th.get("scope") for th in table.xpath("./thead//th")] == ["col"] * columns
        for row in table.xpath("./tbody/tr"):
            stub = row.xpath("./*")[0]
            assert stub.tag == "th" and stub.get("scope") == "row"
    # Every table of the page (the drafts' too) has header cells.
    for table in page.xpath("//table"):
        assert table.xpath(".//th")


def test_the_page_is_self_contained_and_runs_nothing(report, sample):
    page = report.page
    assert not page.xpath("//script | //link | //iframe | //object | //embed | //base | //noscript")
    assert not [a for el in page.iter() if isinstance(el.tag, str) for a in el.attrib if a.lower().startswith("on")]
    for element in page.xpath("//*[@src]"):
        assert element.get("src").startswith("data:"), element.get("src")[:40]
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    for element in page.xpath("//*[@href]"):
        assert element.get("href")[1:] in ids, element.get("href")
    style = " ".join(page.xpath("//style/text()"))
    assert "url(" not in style and "@import" not in style


def test_lettered_subparagraphs_start_again_in_each_list_in_english_and_french(report, sample):
    """Each lettered list is its own Word list, from (a); French and Spanish write a), b)."""
    positions, seen = [], {}
    for p in word_paragraphs(report.word, wordml.STYLE_NAMES["subparagraph"]):
        num_id = p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        seen[num_id] = seen.get(num_id, 0) + 1
        positions.append(chr(ord("a") + seen[num_id] - 1))
    assert positions.count("a") >= 2
    assert [text_of(s) for s in report.page.find_class("subpara-label")] == [f"({x})" for x in positions]
    french = sample["progress-report/fr"].page
    assert [text_of(s) for s in french.find_class("subpara-label")] == [f"{x})" for x in positions]
    assert [text_of(n) for n in french.find_class("para-number")] == [
        text_of(n) for n in report.page.find_class("para-number")
    ]


def test_the_extension_analysis_numbers_the_templates_own_paragraphs(sample):
    page = sample["extension-analysis-chl"].page
    assert [text_of(h) for h in page.xpath("//h2")] == [
        "I. Background",
        "II. Contamination and land release",
        "III. Feasibility of the request",
        "IV. Draft decision",
    ]
    assert [text_of(n) for n in page.find_class("para-number")] == [f"{n}." for n in range(1, 11)]
    assert text_of(page.get_element_by_id("para-1")).startswith("1. Chile deposited its instrument")


# --- a small document of the project's own writing ---------------------------------------------


def small_page(blocks, language: str = "en") -> lxml.html.HtmlElement:
    from pipeline.intake.meeting import parse_meeting
    from pipeline.model import Dataset, Period

    config, _ = parse_meeting((SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8"), "meeting.yaml")
    spec = config.documents[0]
    figures = indicators(Dataset(), Period(config.meeting.reporting_period.start, config.meeting.reporting_period.end))
    bodies = {s.id: (blocks if i == 0 else ()) for i, s in enumerate(spec.sections)}
    template = spec.template if language == "en" else f"{language}/{spec.template}"
    html = document_page(template_context(config, spec, bodies, figures, language=language), template)
    assert document_page(template_context(config, spec, bodies, figures, language=language), template) == html
    return lxml.html.document_fromstring(html)


def test_pictures_are_embedded_as_data_uris_with_their_text():
    corpus = Path(__file__).parent / "fixtures" / "drafts" / "inline-image.docx"
    with zipfile.ZipFile(corpus) as archive:
        png = next(archive.read(n) for n in archive.namelist() if n.startswith("word/media/"))
    page = small_page(
        (
            Paragraph(
                (
                    Text("See the map: "),
                    Image(png, alt="Map of cleared areas", width_in=3.0),
                    Image(b"\x01\x00\x09\x00 not a picture a browser shows", alt="An EMF chart"),
                    Footnote((Paragraph((Text("Drawn by the ISU."),)),)),
                )
            ),
            ListBlock("lettered", ((Paragraph((Text("first"),)),), (Paragraph((Text("second"),)),))),
        ),
        "es",
    )
    assert page.get("lang") == "es"
    (img,) = page.xpath("//img")
    prefix = "data:image/png;base64,"
    assert img.get("src").startswith(prefix)
    assert base64.b64decode(img.get("src")[len(prefix) :]) == png
    assert (img.get("alt"), img.get("width")) == ("Map of cleared areas", "288")  # 3 inches at 96 px
    assert "An EMF chart" in text_of(page.get_element_by_id("para-1"))  # in place of what cannot be shown
    assert [text_of(s) for s in page.find_class("subpara-label")] == ["a)", "b)"]
    assert len(page.xpath('//section[@role="doc-endnotes"]/ol/li')) == 1


def test_a_missing_draft_shows_its_placeholder_and_unnumbered_text_takes_no_number():
    message = "[Placeholder: section \u201cIntroduction\u201d \u2013 no draft received from Philippines.]"
    page = small_page(
        (
            Placeholder(message),
            Paragraph((Text("Not numbered."),), numbered=False),
            Paragraph((Text("Numbered."),)),
            Paragraph(()),
            Paragraph((Text("Numbered too."),)),
        )
    )
    (box,) = page.find_class("placeholder")
    assert (box.get("role"), text_of(box)) == ("note", message)
    assert "Not numbered." in text_of(page.xpath("//main")[0])
    # Word gives the empty paragraph its number too: the page leaves it out and keeps Word's count.
    # (the later sections' numbered paragraphs are the template's sentences referring to the annexes)
    assert [text_of(p) for p in page.find_class("para")][:2] == ["1. Numbered.", "3. Numbered too."]


def test_text_from_drafts_is_shown_as_written_never_as_markup_or_template():
    hostile = "<script>alert(1)</script> & {{ 7*7 }} {% if true %}x{% endif %} <b onclick=x>"
    page = small_page(
        (
            Heading(1, (Text("A <i>heading</i>"),)),
            Paragraph((Styled("italic", (Text(hostile),)),)),
            Table(
                (((Paragraph((Text("<th>"),)),),),),
                (((Paragraph((Text("</table>"),)),),),),
                caption=(Text("<caption>"),),
            ),
        )
    )
    assert not page.xpath("//script | //b | //*[@onclick]")
    assert text_of(page.get_element_by_id("para-1")) == "1. " + words(hostile)
    assert page.xpath("//em")[0].text == hostile
    assert text_of(page.get_element_by_id("sec-I-A")) == "A. A <i>heading</i>"
    table = page.xpath("//main//table")[0]  # the annexes follow
    assert [text_of(c) for c in table.xpath(".//caption | .//th | .//td")] == ["<caption>", "<th>", "</table>"]


def test_links_to_the_web_are_kept_and_others_dropped_with_their_text_kept():
    page = small_page(
        (
            Paragraph(
                (
                    Link((Text("the Convention"),), "https://www.clusterconvention.org/"),
                    Text(" "),
                    Link((Text("mail"),), "mailto:isu@example.org"),
                    Text(" "),
                    Link((Text("click"),), "javascript:alert(1)"),
                    Text(" "),
                    Link((Text("file"),), "file:///etc/passwd"),
                )
            ),
        )
    )
    links = {a.text_content(): a.get("href") for a in page.xpath("//main//a[not(@role)]")}
    assert links == {"the Convention": "https://www.clusterconvention.org/", "mail": "mailto:isu@example.org"}
    assert text_of(page.get_element_by_id("para-1")) == "1. the Convention mail click file"


def test_a_missing_or_broken_page_template_is_a_clear_output_error(tmp_path):
    context = {"document": type("D", (), {"language_tag": "en-GB"})()}
    with pytest.raises(OutputError, match="no page template annual-report.html.j2"):
        document_page(context, "annual-report.docx")
    (tmp_path / "broken.html.j2").write_text("{{ document.nothing_here }}", encoding="utf-8")
    with pytest.raises(OutputError, match="broken.html.j2 does not work"):
        document_page(context, "broken.docx", templates=tmp_path)
