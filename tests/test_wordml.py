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
