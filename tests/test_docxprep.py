"""Word drafts made ready for pandoc: each fix, on a corpus file that needs it."""

import io
import zipfile
from pathlib import Path

from pipeline.ooxml.draftprep import prepare
from pipeline.verify.fidelity import document_words

CORPUS = Path(__file__).parent / "fixtures" / "drafts"


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def text_of(data: bytes) -> str:
    found = document_words(data)
    return " ".join(found.body + found.notes)


def test_a_text_box_is_moved_out_after_its_paragraph_once():
    prepared = prepare((CORPUS / "textbox-alternatecontent.docx").read_bytes())
    text = text_of(prepared.data)
    assert text.count("babirusabox") == 1
    assert text.index("agoutian paragraph holds") < text.index("babirusabox")
    assert prepared.counts["text box moved into the text"] == 1


def test_hidden_text_is_removed():
    prepared = prepare((CORPUS / "hidden-text.docx").read_bytes())
    text = text_of(prepared.data)
    assert "tarsiersecret" not in text and "uakarihidden" not in text
    assert "saigaish" in text
    assert prepared.counts["hidden text removed"] >= 2


def test_simple_fields_keep_their_result():
    before = (CORPUS / "fields.docx").read_bytes()
    prepared = prepare(before)
    assert prepared.counts["field kept as its text"] == 2  # an AUTHOR and a SEQ field
    assert b"fldSimple" in part(before, "word/document.xml")
    assert b"fldSimple" not in part(prepared.data, "word/document.xml")
    assert "impalova coordinator" in text_of(prepared.data)


def test_an_unfilled_form_field_is_removed():
    prepared = prepare((CORPUS / "content-control-placeholder.docx").read_bytes())
    assert "click or tap here" not in text_of(prepared.data)
    assert prepared.counts["unfilled form field removed"] == 1


def test_charts_and_embedded_objects_are_named_with_their_paragraph():
    [chart] = prepare((CORPUS / "chart.docx").read_bytes()).findings
    assert chart.code == "draft.unplaced" and "a chart cannot be placed" in chart.message
    assert chart.place.startswith("paragraph ")
    [obj] = prepare((CORPUS / "embedded-object.docx").read_bytes()).findings
    assert "an embedded Excel object cannot be placed" in obj.message


def test_a_clean_draft_is_passed_through_byte_for_byte():
    data = (CORPUS / "comment.docx").read_bytes()
    prepared = prepare(data)
    assert prepared.data == data and not prepared.findings


def test_direct_formatting_is_counted_for_the_status():
    prepared = prepare((CORPUS / "bold-colour-fonts.docx").read_bytes())
    assert prepared.counts["direct formatting replaced by house styles"] >= 2
