"""The sample's tables as a reader finds them: a short table on one page with its caption and source
(pipeline/ooxml/keep.py, templates/template_tables.py), and Annex IV's totals, one per currency, in a
block of their own that names no recipients."""

import re

import docx
import pytest

from tests.conftest import pdf_text

ANALYSES = ("extension-analysis-chl", "extension-analysis-lbn", "extension-analysis-som")
TOTALS_LABEL = {"en": "Total, by currency", "fr": "Total, par monnaie", "es": "Total, por moneda"}


def test_each_table_of_an_analysis_stands_on_one_page_with_its_caption_and_source(sample_build):
    for doc_id in ANALYSES:
        pages = pdf_text(sample_build.pdf(doc_id)).split("\f")
        captions = [(page, m.start()) for page in pages for m in re.finditer(r"^Table \d+$", page, re.M)]
        assert captions, doc_id
        for page, at in captions:
            assert "Source:" in page[at:], f"{doc_id}: {page[at : at + 40]!r} runs onto the next page"


@pytest.mark.parametrize("lang", TOTALS_LABEL)
def test_annex_iv_totals_stand_apart_bold_and_without_recipients(sample_build, lang):
    table = docx.Document(str(sample_build.docx(lang=lang))).tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    label = rows.index([TOTALS_LABEL[lang], "", "", ""])
    totals = table.rows[label + 1 :]
    currencies = [row.cells[2].text for row in totals]
    assert currencies == sorted(set(currencies)) and "EUR" in currencies  # one per currency
    assert all(row.cells[0].text == row.cells[1].text == "" for row in totals)
    assert all(run.bold for row in totals for cell in row.cells[2:] for run in cell.paragraphs[0].runs)
    assert all(row[0] not in ("", TOTALS_LABEL[lang]) for row in rows[1:label])  # donors above
