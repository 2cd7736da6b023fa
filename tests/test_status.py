"""The status: per section what arrived, from which file, and the words against the limit."""

import datetime as dt
from pathlib import Path

from pipeline.model.blocks import Footnote, Heading, Paragraph, Text
from pipeline.intake.meeting import parse_meeting
from pipeline.model import DraftStats
from pipeline.model import Draft, DraftFile, SectionFolder
from pipeline.publish.status import block_words, count_words, document_status, status_lines
from tests.conftest import SAMPLE_INPUTS

CONFIG, _ = parse_meeting((SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8"), "meeting.yaml")
SPEC = CONFIG.documents[0]


def test_words_are_counted_as_a_word_processor_counts_them():
    assert count_words("The States Parties' 2024 reports (CCM/MSP/2024/7) - e.g. 1,000 km2.") == 9


def test_footnotes_and_headings_count_towards_the_limit():
    blocks = (Heading(1, (Text("Two words"),)),
              Paragraph((Text("Three more words"), Footnote((Paragraph((Text("And four in note"),), False),)))))
    assert block_words(blocks) == 2 + 3 + 4


def test_the_status_says_what_arrived_what_is_missing_and_what_was_cleaned():
    source = DraftFile(Path("c.docx"), "inputs/drafts/clearance/c.docx", dt.datetime(2025, 7, 4), "0")
    old = DraftFile(Path("c-v1.docx"), "inputs/drafts/clearance/c-v1.docx", dt.datetime(2025, 6, 1), "1")
    drafts = {"clearance": Draft("clearance", source, (Paragraph((Text("Ten words " * 5),)),), (old,))}
    stats = {"clearance": DraftStats(insertions=1, deletions=1, comments=2)}
    folders = {"clearance": SectionFolder("clearance", "inputs/drafts/clearance", source, (old,),
                                          ("budget.xlsx", "~$c.docx", ".DS_Store"))}
    status = document_status(SPEC, drafts, stats, ("outputs/x.docx",), folders)
    lines = status_lines(status)
    assert lines[0].startswith("CCM/MSP/2025/7 (progress-report): ")
    assert lines[0].endswith(" words of 10700")
    clearance = next(l for l in lines if "Survey and clearance" in l)
    assert "10 words  inputs/drafts/clearance/c.docx (2025-07-04); 2 tracked change(s) resolved; " \
           "2 comment(s) removed" in clearance
    assert any("superseded: c-v1.docx" in l for l in lines)
    assert [l.strip() for l in lines if "ignored" in l] == ["ignored (not a draft): budget.xlsx"]
    assert sum("MISSING: placeholder in the document" in l for l in lines) == len(SPEC.sections) - 1
