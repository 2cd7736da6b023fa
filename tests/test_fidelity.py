"""Nothing lost: the check that every word of a draft reaches the document."""

import io

import docx

from pipeline.intake.pandoc import read_ast
from pipeline.intake.words import draft_words
from pipeline.model import Words, words
from pipeline.verify.fidelity import document_words, lost, lost_words
from tools.docxfactory import Deleted, Inserted, Para, build_docx
from tools.docxfactory import Footnote as Note
from tools.docxfactory import Heading as H


def test_words_are_letters_and_digits_compared_without_case():
    assert words("The ISU's 2024 report (CCM/MSP/2024/7) — Côte d’Ivoire") == [
        "the",
        "isu",
        "s",
        "2024",
        "report",
        "ccm",
        "msp",
        "2024",
        "7",
        "côte",
        "d",
        "ivoire",
    ]


def test_lost_finds_words_missing_or_out_of_order():
    assert lost(("a", "b", "c"), ("x", "a", "y", "b", "c")) == []
    assert lost(("a", "b", "c"), ("a", "c")) == ["b"]
    assert lost(("a", "b"), ("b", "a")) == ["b"]


def test_a_drafts_words_follow_the_tracked_changes_policy_and_set_aside_typed_numbers(tmp_path):
    path = build_docx(
        [
            H("Clearance (Actions 18 to 26)", 1),
            H("A. Findings", 2),
            Para(("1. They cleared ", Deleted("eighty"), Inserted("ninety"), " hectares", Note("In 2024."), ".")),
        ],
        tmp_path / "d.docx",
    )
    ast, _media = read_ast(path)
    accepted = draft_words(ast, "accept", title_dropped=True)
    assert accepted == Words(("findings", "they", "cleared", "ninety", "hectares"), ("in", "2024"))
    rejected = draft_words(ast, "reject")
    assert rejected.body[:4] == ("clearance", "actions", "18", "to")
    assert "eighty" in rejected.body and "ninety" not in rejected.body


def test_a_documents_words_come_from_body_tables_and_footnotes(tmp_path):
    document = docx.Document()
    document.add_paragraph("Body text")
    document.add_table(rows=1, cols=1).rows[0].cells[0].text = "cell"
    run = document.add_paragraph().add_run("Table 1")
    run.add_break()
    run.add_text("Title")
    buffer = io.BytesIO()
    document.save(buffer)
    assert document_words(buffer.getvalue()) == Words(("body", "text", "cell", "table", "1", "title"), ())


def test_every_word_of_every_sample_draft_is_in_the_built_document(sample_build):
    from pipeline.build.plan import tables_numbered
    from pipeline.intake.inputs import read_inputs
    from tests.conftest import TEMPLATES

    inputs = read_inputs(sample_build.inputs, TEMPLATES)
    assert inputs.config is not None
    document = document_words(sample_build.docx().read_bytes())
    assert len(inputs.drafts) == 10
    # as the build has them: tables numbered through the document ("Table 1" typed, "Table 2" printed)
    for section, draft in tables_numbered(inputs.drafts, inputs.config).items():
        assert len(draft.words.body) > 150, section
        assert lost_words(draft.words, document) == [], section
