"""The English, French and Spanish Word templates: one layout, one set of fields, each language's wording."""

import re

import docx
import pytest
from docx.oxml.ns import qn

from tests.conftest import TEMPLATES

NAMES = ("progress-report.docx", "extension-analysis.docx")
FOLDERS = {"en": TEMPLATES, "fr": TEMPLATES / "fr", "es": TEMPLATES / "es"}
NBSP = "\u00a0"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def opened(language: str, name: str) -> docx.document.Document:
    return docx.Document(str(FOLDERS[language] / name))


def _text(paragraph_element) -> str:
    return "".join(t.text or "" for t in paragraph_element.iter(qn("w:t")))


def paragraphs(document) -> list[str]:
    """The text of every paragraph: body (tables included), headers and footers."""
    elements = list(document.element.body.iter(qn("w:p")))
    for section in document.sections:
        for part in (
            section.header,
            section.even_page_header,
            section.first_page_header,
            section.footer,
            section.even_page_footer,
            section.first_page_footer,
        ):
            elements += list(part._element.iter(qn("w:p")))
    return [_text(p) for p in elements]


def fields(document) -> set[str]:
    """The Jinja tags, whitespace normalised: "{{ a }}" and "{{a}}" are one field."""
    found = set()
    for text in paragraphs(document) + [
        document.core_properties.title,
        document.core_properties.subject,
        document.core_properties.author,
        document.core_properties.language,
    ]:
        for tag in TAG.findall(text or ""):
            inner = re.sub(r"\s+", " ", tag[2:-2]).strip()
            found.add(tag[:2] + inner + tag[-2:])
    return found


def layout(document) -> list[tuple]:
    """The body's shape: each paragraph's style, each table's style and size, in order."""
    shape = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            style = child.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            shape.append(("p", style.get(qn("w:val")) if style is not None else None))
        elif child.tag == qn("w:tbl"):
            rows = child.findall(qn("w:tr"))
            widths = tuple(col.get(qn("w:w")) for col in child.iter(qn("w:gridCol")))
            shape.append(("tbl", len(rows), widths))
    return shape


def lvl_text(document, style_id: str) -> str:
    """The number format Word shows for a paragraph in ``style_id`` (through its numId and level)."""
    style = document.styles.element.get_by_id(style_id)
    num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
    ilvl = num_pr.find(qn("w:ilvl")).get(qn("w:val"))
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    lvl = next(lv for lv in abstract.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == ilvl)
    return lvl.find(qn("w:lvlText")).get(qn("w:val"))


def default_language(document) -> str:
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    return lang.get(qn("w:val"))


def masthead(document) -> list[str]:
    """The masthead's lines: its table's cells, then the meeting block, title and "Submitted by"
    (after the one-point paragraph the table stands on)."""
    table = document.tables[0]
    lines = [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return lines + [p.text for p in document.paragraphs[1:7]]


@pytest.mark.parametrize("name", NAMES)
def test_the_masthead_table_stands_on_a_one_point_empty_paragraph(name):
    """A table that opens the document is set 12 pt low by LibreOffice 7.x (tests/test_pdf_form.py)."""
    for lang in FOLDERS:
        document = opened(lang, name)
        first = document.element.body[0]
        assert first.tag.endswith("}p") and document.paragraphs[0].text == ""
        assert document.paragraphs[0].paragraph_format.line_spacing.pt == 1
        assert first.getnext().tag.endswith("}tbl")


@pytest.mark.parametrize("name", NAMES)
def test_every_language_has_the_same_style_names(name):
    names = {lang: {s.name for s in opened(lang, name).styles} for lang in FOLDERS}
    assert names["fr"] == names["en"] and names["es"] == names["en"]
    assert {"UN Body", "UN Chapter", "UN Heading 3", "UN Subparagraph", "UN Masthead", "UN Table"} <= names["en"]


@pytest.mark.parametrize("name", NAMES)
def test_every_language_has_the_same_fields(name):
    found = {lang: fields(opened(lang, name)) for lang in FOLDERS}
    assert found["fr"] == found["en"]
    assert found["es"] == found["en"]
    assert "{{document.original_language_name}}" in found["en"]
    assert "{{document.language_tag}}" in found["en"]


def test_the_fields_include_the_tables_and_the_extension_analysis():
    assert {
        "{%tr for row in indicators.clearance_rows%}",
        "{{row.deadline|un_date}}",
        "{{p section.body}}",
        "{{indicators.stockpile_total.destroyed_munitions|number}}",
    } <= fields(opened("fr", NAMES[0]))
    assert {
        "{{subject.state}}",
        "{{subject.words.years_requested[document.language_tag[:2]]}}",
        "{{subject.area_remaining|area}}",
        "{%p if subject.milestones%}",
        "{%tr for year in subject.last_years%}",
        "{{subject.requested_deadline|un_date}}",
    } <= fields(opened("es", NAMES[1]))


@pytest.mark.parametrize("name", NAMES)
def test_every_language_has_the_same_layout(name):
    shapes = {lang: layout(opened(lang, name)) for lang in FOLDERS}
    assert shapes["fr"] == shapes["en"] and shapes["es"] == shapes["en"]


@pytest.mark.parametrize("name", NAMES)
def test_the_masthead_in_english(name):
    lines = masthead(opened("en", name))
    assert "Distr.: {{ document.distribution }}" in lines
    assert "Original: {{ document.original_language_name }}" in lines
    assert "Item {{ document.agenda_item.number }} of the provisional agenda" in lines
    assert "Submitted by {{ document.submitted_by }}" in lines


@pytest.mark.parametrize("name", NAMES)
def test_the_masthead_in_french(name):
    lines = masthead(opened("fr", name))
    assert "Distr. {{ document.distribution }}" in lines
    assert "Français" in lines
    assert f"Original{NBSP}: {{{{ document.original_language_name }}}}" in lines
    assert "Point {{ document.agenda_item.number }} de l'ordre du jour provisoire" in lines
    assert "Présenté par {{ document.submitted_by }}" in lines


@pytest.mark.parametrize("name", NAMES)
def test_the_masthead_in_spanish(name):
    lines = masthead(opened("es", name))
    assert "Distr. {{ document.distribution }}" in lines
    assert "Español" in lines
    assert "Original: {{ document.original_language_name }}" in lines
    assert "Tema {{ document.agenda_item.number }} del programa provisional" in lines
    assert "Presentado por {{ document.submitted_by }}" in lines


def test_annexes_and_tables_are_translated():
    texts = {lang: paragraphs(opened(lang, NAMES[0])) for lang in FOLDERS}
    assert {"Annex I", "Annex IV", "State Party", "Region", "Total"} <= set(texts["en"])
    assert {"Annexe I", "Annexe IV", "État partie", "Région", "Total"} <= set(texts["fr"])
    assert {"Anexo I", "Anexo IV", "Estado parte", "Región", "Total"} <= set(texts["es"])
    assert any(t.startswith(f"Source{NBSP}: rapports présentés au titre de l'article 7") for t in texts["fr"])
    assert any(t.startswith("Fuente: informes presentados en virtud del artículo 7") for t in texts["es"])
    # French typography, as in the merged translations: no-break space before ":", narrow before ";".
    assert any("{{ indicators.as_of }}\u202f; le rapport annuel" in t for t in texts["fr"])
    assert not any(" ;" in t or " :" in t for t in texts["fr"])


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_no_english_wording_is_left_in_a_translation(language, name):
    text = "\n".join(paragraphs(opened(language, name)))
    without_fields = TAG.sub("", text)
    for english in (
        "Submitted",
        "provisional agenda",
        "Annex ",
        "Source:",
        "State Party",
        "States Parties",
        "Background",
        "Draft decision",
        "square kilometres",
        "Original:" if language == "fr" else "Item ",
    ):
        assert english not in without_fields


def test_the_extension_analysis_in_french_and_spanish():
    fr = paragraphs(opened("fr", NAMES[1]))
    es = paragraphs(opened("es", NAMES[1]))
    assert {"Contexte", "Faisabilité de la demande", "Projet de décision"} <= set(fr)
    assert {"Antecedentes", "Viabilidad de la solicitud", "Proyecto de decisión"} <= set(es)
    assert any(t.startswith("L'Assemblée des États parties, ayant évalué la demande") for t in fr)
    assert any(t.startswith("La Reunión de los Estados Partes, habiendo evaluado la solicitud") for t in es)


@pytest.mark.parametrize("name", NAMES)
def test_lettered_subparagraphs_and_headings_are_a_parenthesis_in_french_and_spanish(name):
    en, fr, es = (opened(lang, name) for lang in ("en", "fr", "es"))
    assert lvl_text(en, "UNSubparagraph") == "(%1)"
    assert lvl_text(fr, "UNSubparagraph") == "%1)"
    assert lvl_text(es, "UNSubparagraph") == "%1)"
    assert lvl_text(en, "UNHeading3") == "(%4)"
    assert lvl_text(fr, "UNHeading3") == "%4)"
    assert lvl_text(es, "UNHeading3") == "%4)"
    assert lvl_text(en, "UNHeading4") == "(%5)" and lvl_text(fr, "UNHeading4") == "%5)"
    # The other levels are the same in every language.
    for style in ("UNBody", "UNChapter", "UNHeading1", "UNHeading2", "UNBullet"):
        assert lvl_text(fr, style) == lvl_text(en, style) == lvl_text(es, style)


@pytest.mark.parametrize("name", NAMES)
def test_default_language_of_the_text(name):
    assert default_language(opened("en", name)) == "en-GB"
    assert default_language(opened("fr", name)) == "fr-FR"
    assert default_language(opened("es", name)) == "es-ES"
    for lang in FOLDERS:
        assert opened(lang, name).core_properties.language == "{{ document.language_tag }}"


def _kept(row) -> tuple[bool, bool]:
    """Whether the row never breaks over a page, and whether all its paragraphs keep with the next."""
    whole = row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
    with_next = all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in row._tr.iter(qn("w:p")))
    return whole, with_next


@pytest.mark.parametrize("lang", FOLDERS)
def test_an_analysis_table_stays_on_one_page_with_its_caption_and_source(lang):
    document = opened(lang, "extension-analysis.docx")
    tables = document.tables[1:]  # after the masthead's
    assert len(tables) == 2
    for table in tables:
        assert {_kept(row) for row in table.rows} == {(True, True)}  # the last row keeps with the source


TOTALS_LABEL = {"en": "Total, by currency", "fr": "Total, par monnaie", "es": "Total, por moneda"}


@pytest.mark.parametrize("lang", FOLDERS)
def test_an_annex_may_run_onto_the_next_page_but_its_totals_stay_with_its_source(lang):
    annexes = opened(lang, "progress-report.docx").tables[1:]
    assert len(annexes) == 4
    for table in annexes:
        kept = [_kept(row) for row in table.rows]
        assert all(whole for whole, _ in kept)
        assert kept[2] == (True, False)  # the loop's row: a long annex splits, its header row repeated
        assert kept[-1] == (True, True)
    cooperation = annexes[3]
    texts = [[c.text for c in row.cells] for row in cooperation.rows]
    assert texts[4:] == [
        ["{%tr if indicators.cooperation_totals %}", "", "", ""],
        [TOTALS_LABEL[lang], "", "", ""],
        ["{%tr for row in indicators.cooperation_totals %}", "", "", ""],
        ["", "", "{{ row.currency }}", "{{ row.amount|number }}"],  # a total names no recipients
        ["{%tr endfor %}", "", "", ""],
        ["{%tr endif %}", "", "", ""],
    ]
    label, totals = cooperation.rows[5], cooperation.rows[7]
    assert label.cells[0].paragraphs[0].runs[0].bold  # in the total row's style of the other annexes
    assert all(c.paragraphs[0].runs[0].bold for c in totals.cells[2:])
    assert all(c._tc.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn('w:top')}") is not None for c in label.cells)
