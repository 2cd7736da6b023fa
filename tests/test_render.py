"""Render: the house template, filled with the meeting's values and the drafts' blocks."""

import io
import re
import zipfile
from dataclasses import replace

import docx
import pytest

from pipeline.compute.indicators import indicators
from pipeline.intake.meeting import parse_meeting
from pipeline.model import Dataset, Period
from pipeline.model.blocks import Footnote, Heading, ListBlock, Paragraph, Placeholder, Table, Text
from pipeline.render.document import TemplateProblem, job_code, render, section_blocks, un_date, un_date_range
from tests.conftest import SAMPLE_INPUTS, TEMPLATES

CONFIG, _ = parse_meeting((SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8"), "meeting.yaml")
SPEC = CONFIG.documents[0]
TEMPLATE = (TEMPLATES / SPEC.template).read_bytes()
FIGURES = indicators(Dataset(), Period(CONFIG.meeting.reporting_period.start, CONFIG.meeting.reporting_period.end))


def para(text: str, *more) -> Paragraph:
    return Paragraph((Text(text),) + tuple(more))


def bodies(**by_section) -> dict:
    """Every section of the sample document, with a short paragraph unless given."""
    return {s.id: by_section.get(s.id.replace("-", "_"), (para(f"Text of {s.id}."),)) for s in SPEC.sections}


def rendered(body_map=None, spec=SPEC, config=CONFIG) -> docx.document.Document:
    data = render(TEMPLATE, config, spec, body_map or bodies(), FIGURES)
    return docx.Document(io.BytesIO(data))


def xml_of(document: docx.document.Document, part: str) -> str:
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return archive.read(part).decode("utf-8")


def styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_un_dates_are_written_day_month_year():
    import datetime as dt

    assert un_date(dt.date(2025, 7, 14)) == "14 July 2025"
    assert un_date_range(dt.date(2025, 9, 16), dt.date(2025, 9, 19)) == "16-19 September 2025"
    assert un_date_range(dt.date(2022, 8, 30), dt.date(2022, 9, 2)) == "30 August-2 September 2022"
    assert job_code(SPEC, "en") == "GE.25-11376(E)"
    assert job_code(SPEC, "es") == "GE.25-11376(S)"


def test_the_masthead_carries_the_documents_identity():
    document = rendered()
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert cells[0] == "Convention on Cluster Munitions"
    assert cells[1] == "CCM/MSP/2025/7"
    assert "Distr.: General\n14 July 2025\n\nOriginal: English" in cells
    texts = [p.text for p in document.paragraphs]
    assert texts[:7] == [
        "",  # the one-point paragraph the masthead's table stands on
        "Thirteenth Meeting of States Parties",
        "Geneva, 16-19 September 2025",
        "Item 9 of the provisional agenda",
        SPEC.agenda_item.title,
        "Progress Report monitoring progress in implementing the Lausanne Action Plan",
        "Submitted by the President of the Thirteenth Meeting of States Parties",
    ]
    section = document.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.5) and section.page_height.mm == pytest.approx(
        297, abs=0.5
    )
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "CCM/MSP/2025/7"
    assert section.even_page_header.paragraphs[0].text == "CCM/MSP/2025/7"
    assert section.first_page_footer.paragraphs[0].text == "GE.25-11376(E)"
    assert document.core_properties.title == SPEC.title
    assert document.core_properties.subject == "CCM/MSP/2025/7"


def test_chapters_and_section_headings_follow_the_meeting_file():
    document = rendered()
    assert styled(document, "UN Chapter") == ["Introduction", "Progress in implementing the Lausanne Action Plan"]
    assert styled(document, "UN Heading 1")[:3] == [
        "General status and operation of the Convention",
        "Universalization",
        "Stockpile destruction and retention",
    ]
    assert len(styled(document, "UN Heading 1")) == 9


def test_body_paragraphs_share_one_numbering_through_the_whole_document():
    document = rendered()
    body = [p for p in document.paragraphs if p.style.name == "UN Body"]
    texts = [p.text for p in body]
    assert [t for t in texts if t.startswith("Text of")] == [f"Text of {s.id}." for s in SPEC.sections]
    # The sentence the template writes to introduce an annex is a numbered paragraph of its section.
    assert texts[texts.index("Text of stockpile-destruction.") - 1].startswith("Annex III sets out")
    # The style carries the number; no paragraph restarts or overrides it.
    assert all(p._p.pPr.numPr is None for p in body)
    style_num = document.styles["UN Body"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    assert style_num == ["1"]


def test_draft_headings_sit_below_the_section_heading():
    blocks = (Heading(1, (Text("Findings"),)), para("A finding."), Heading(2, (Text("Detail"),)), para("More."))
    document = rendered(
        bodies(
            universalization=section_blocks(
                next(s for s in SPEC.sections if s.id == "universalization"), _draft(blocks)
            )
        )
    )
    assert "Findings" in styled(document, "UN Heading 2")
    assert "Detail" in styled(document, "UN Heading 3")


def _draft(blocks):
    import datetime as dt
    from pathlib import Path

    from pipeline.model import Draft, DraftFile

    return Draft("x", DraftFile(Path("x.docx"), "x.docx", dt.datetime(2025, 7, 1), "0"), blocks)


def test_footnotes_are_numbered_through_the_document():
    b = bodies(
        introduction=(para("One", Footnote((Paragraph((Text("First note."),), numbered=False),))),),
        clearance=(para("Two", Footnote((Paragraph((Text("Second note."),), numbered=False),))),),
    )
    document = rendered(b)
    body_xml = xml_of(document, "word/document.xml")
    notes_xml = xml_of(document, "word/footnotes.xml")
    assert re.findall(r'<w:footnoteReference w:id="(\d+)"/>', body_xml) == ["1", "2"]
    assert re.findall(r'<w:footnote w:id="(\d+)">', notes_xml) == ["1", "2"]
    assert "First note." in notes_xml and "Second note." in notes_xml


def test_each_lettered_list_starts_again_at_a():
    items = ((para("first"),), (para("second"),))
    b = bodies(clearance=(ListBlock("lettered", items),), victim_assistance=(ListBlock("lettered", items),))
    document = rendered(b)
    lettered = [p for p in document.paragraphs if p.style.name == "UN Subparagraph"]
    num_ids = [p._p.pPr.numPr.numId.val for p in lettered]
    assert len(lettered) == 4 and num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]
    numbering = xml_of(document, "word/numbering.xml")
    assert numbering.count('<w:startOverride w:val="1"/>') == 2


def test_tables_keep_header_rows_in_the_house_table_style():
    cell = lambda t: (Paragraph((Text(t),), numbered=False),)  # noqa: E731
    table = Table(
        header=((cell("State"), cell("Area")),), body=((cell("Chile"), cell("12.5")),), caption=(Text("Table 1"),)
    )
    document = rendered(bodies(clearance=(table,)))
    found = [t for t in document.tables if t.style is not None and t.style.name == "UN Table"]
    drafted = found[0]
    assert [c.text for c in drafted.rows[0].cells] == ["State", "Area"]
    assert drafted.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert "Table 1" in styled(document, "UN Table Caption")


def test_a_missing_section_gets_a_clearly_marked_placeholder():
    section = next(s for s in SPEC.sections if s.id == "clearance")
    blocks = section_blocks(section, None)
    assert isinstance(blocks[0], Placeholder)
    document = rendered(bodies(clearance=blocks))
    placeholders = styled(document, "UN Placeholder")
    assert len(placeholders) == 1
    assert "Survey and clearance of cluster munition remnants" in placeholders[0]
    assert "no draft received from Germany, Montenegro" in placeholders[0]
    assert "inputs/drafts/clearance/" in placeholders[0]


@pytest.mark.parametrize(
    "text",
    [
        "{{ 7*7 }}",
        "{% for x in range(3) %}x{% endfor %}",
        "{{ document.symbol }}",
        "{_{ 7*7 }_}",
        'a & b < c > d "quoted"',
        "{0.__class__}",
        "</w:t></w:r></w:p><w:p><w:r><w:t>injected",
    ],
)
def test_draft_text_is_never_evaluated_or_parsed(text):
    document = rendered(bodies(introduction=(para(text),)))
    assert text in [p.text for p in document.paragraphs]


def test_meeting_values_are_escaped_and_not_evaluated():
    hostile = replace(SPEC, title="Report & {{ 7*7 }} <b>bold</b>")
    document = rendered(spec=hostile)
    assert "Report & {{ 7*7 }} <b>bold</b>" in [p.text for p in document.paragraphs]


def test_the_same_inputs_give_the_same_bytes():
    first = render(TEMPLATE, CONFIG, SPEC, bodies(), FIGURES)
    second = render(TEMPLATE, CONFIG, SPEC, bodies(), FIGURES)
    assert first == second


def test_a_template_without_the_house_styles_is_refused_with_the_style_names(tmp_path):
    plain = io.BytesIO()
    docx.Document().save(plain)
    with pytest.raises(TemplateProblem) as caught:
        render(plain.getvalue(), CONFIG, SPEC, bodies(), FIGURES)
    assert "lacks the style(s) UN Body" in str(caught.value)


def test_a_template_with_an_unknown_field_is_refused_with_its_name(tmp_path):
    template = docx.Document(io.BytesIO(TEMPLATE))
    template.add_paragraph("{{ document.no_such_field }}", style="UN Body Unnumbered")
    buffer = io.BytesIO()
    template.save(buffer)
    with pytest.raises(TemplateProblem) as caught:
        render(buffer.getvalue(), CONFIG, SPEC, bodies(), FIGURES)
    assert "no_such_field" in str(caught.value)


def test_pictures_from_drafts_are_embedded_and_fit_the_text_column():
    from pathlib import Path

    from pipeline.model.blocks import Image

    corpus = Path(__file__).parent / "fixtures" / "drafts" / "inline-image.docx"
    with zipfile.ZipFile(corpus) as archive:
        png = next(archive.read(n) for n in archive.namelist() if n.startswith("word/media/"))
    wide = Image(png, alt="Map of cleared areas", width_in=12.0)
    document = rendered(bodies(clearance=(para("See the map: ", wide),)))
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        body = archive.read("word/document.xml").decode()
    assert len(media) == 1
    extent = re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', body)
    assert int(extent.group(1)) == 7371 * 635  # 12 inches asked, 13 cm given: the column's width
    assert 'descr="Map of cleared areas"' in body


def test_document_properties_hold_the_title_as_written_even_with_apostrophes_and_ampersands():
    spec = replace(SPEC, title="Rapport d'étape & suivi <final>")
    props = rendered(spec=spec).core_properties
    assert (props.title, props.subject, props.language) == ("Rapport d'étape & suivi <final>", SPEC.symbol, "en-GB")
