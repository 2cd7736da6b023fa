"""The format layer: text safe for Word, and bytes that depend only on content."""

import io
import zipfile

from pipeline.ooxml.reproducible import normalise_zip
from pipeline.ooxml.wordml import clean_text


def test_text_loses_only_what_xml_forbids():
    assert clean_text("a\x00b\x07c\x1fd") == "abcd"
    assert clean_text("tab\there\nnew") == "tab here new"
    assert clean_text("Côte d’Ivoire – ١٢٣ 中文") == "Côte d’Ivoire – ١٢٣ 中文"


def _zip(entries, when):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, date_time=when), data)
    return out.getvalue()


def test_zips_with_the_same_content_become_the_same_bytes():
    entries = [("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]
    first = normalise_zip(_zip(entries, (2024, 1, 2, 3, 4, 6)))
    second = normalise_zip(_zip(entries, (2025, 7, 8, 9, 10, 12)))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert [i.filename for i in archive.infolist()] == ["[Content_Types].xml", "word/document.xml"]
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def _drafted_table(rows: int):
    """The table element StoryWriter writes for a draft's table of a header row and ``rows - 1`` rows."""
    import docx

    from pipeline.model.blocks import Paragraph, Table, Text
    from pipeline.ooxml.names import w
    from pipeline.ooxml.wordml import StoryWriter
    from tests.conftest import TEMPLATES

    def cell(text):
        return (Paragraph((Text(text),), numbered=False),)

    table = Table(
        header=((cell("Year"), cell("Area")),),
        body=tuple((cell(str(2000 + i)), cell("1.5")) for i in range(rows - 1)),
        caption=(Text("Table 1"),),
    )
    written = StoryWriter(docx.Document(str(TEMPLATES / "progress-report.docx"))).blocks((table,))
    return next(e for e in written if e.tag == w("tbl")).findall(w("tr")), w


def test_a_drafts_short_table_stays_on_one_page_with_its_caption():
    rows, w = _drafted_table(15)
    assert all(row.find(f"{w('trPr')}/{w('cantSplit')}") is not None for row in rows)
    kept = [row.find(f".//{w('pPr')}/{w('keepNext')}") is not None for row in rows]
    assert kept == [True] * 14 + [False]  # the last row need not keep with the paragraph after the table


def test_a_drafts_long_table_may_split_with_its_header_row_repeated():
    rows, w = _drafted_table(16)
    assert rows[0].find(f"{w('trPr')}/{w('tblHeader')}") is not None
    assert not any(row.find(f".//{w('pPr')}/{w('keepNext')}") is not None for row in rows[1:])
