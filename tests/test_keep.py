"""A table kept on one page: rows that never break, paragraphs kept with the next, in the schema's order."""

from lxml import etree

from pipeline.ooxml.keep import keep_together
from pipeline.ooxml.names import NSDECL_W, w


def _rows(count: int) -> list[etree._Element]:
    table = etree.fromstring(
        f"<w:tbl {NSDECL_W}>"
        + "<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:pPr><w:pStyle w:val='UNTableHeading'/>"
        "<w:jc w:val='right'/></w:pPr></w:p></w:tc></w:tr>"
        + "<w:tr><w:tc><w:p/><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr>" * (count - 1)
        + "</w:tbl>"
    )
    return table.findall(w("tr"))


def _kept_with_next(row) -> list[bool]:
    return [p.find(f"{w('pPr')}/{w('keepNext')}") is not None for p in row.iter(w("p"))]


def test_every_row_stays_whole_and_every_row_but_the_last_stays_with_the_next():
    rows = _rows(4)
    keep_together(rows)
    assert all(row.find(f"{w('trPr')}/{w('cantSplit')}") is not None for row in rows)
    assert [_kept_with_next(row) for row in rows] == [[True], [True, True], [True, True], [False, False]]


def test_the_last_row_stays_with_the_paragraph_after_the_table_when_asked():
    rows = _rows(2)
    keep_together(rows, with_next=True)
    assert [_kept_with_next(row) for row in rows] == [[True], [True, True]]


def test_what_keeps_a_row_stands_where_the_schema_puts_it():
    rows = _rows(3)
    keep_together(rows)
    keep_together(rows)  # twice is once
    header = rows[0]
    assert [etree.QName(e).localname for e in header.find(w("trPr"))] == ["cantSplit", "tblHeader"]
    assert [etree.QName(e).localname for e in header.find(f".//{w('pPr')}")] == ["pStyle", "keepNext", "jc"]
    assert [etree.QName(e).localname for e in rows[1].find(f".//{w('pPr')}")] == ["keepNext"]
