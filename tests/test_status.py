"""The status: per section what arrived, from which file, and the words against the limit."""

import datetime as dt
from pathlib import Path

from pipeline.intake.meeting import parse_meeting
from pipeline.model import Draft, DraftFile, DraftStats, SectionFolder
from pipeline.model.blocks import Footnote, Heading, Paragraph, Text
from pipeline.publish.status import block_words, count_words, document_status, status_lines
from tests.conftest import SAMPLE_INPUTS

CONFIG, _ = parse_meeting((SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8"), "meeting.yaml")
SPEC = CONFIG.documents[0]
KEY = "5a048d4b"  # the warning's key in status_page(): from its code, file and message


def test_words_are_counted_as_a_word_processor_counts_them():
    """The status counts a section's words by the one rule of pipeline.ooxml.words: Word's, in which a
    token between spaces is a word (a lone dash too) and a no-break space joins."""
    assert count_words("The States Parties' 2024 reports (CCM/MSP/2024/7) - e.g. 1,000 km2.") == 10
    assert count_words("1\u00a0000 km2") == 2


def test_footnotes_and_headings_count_towards_the_limit():
    blocks = (
        Heading(1, (Text("Two words"),)),
        Paragraph((Text("Three more words"), Footnote((Paragraph((Text("And four in note"),), False),)))),
    )
    assert block_words(blocks) == 2 + 3 + 4


def test_the_status_says_what_arrived_what_is_missing_and_what_was_cleaned():
    source = DraftFile(Path("c.docx"), "inputs/drafts/clearance/c.docx", dt.datetime(2025, 7, 4), "0")
    old = DraftFile(Path("c-v1.docx"), "inputs/drafts/clearance/c-v1.docx", dt.datetime(2025, 6, 1), "1")
    drafts = {"clearance": Draft("clearance", source, (Paragraph((Text("Ten words " * 5),)),), (old,))}
    stats = {"clearance": DraftStats(insertions=1, deletions=1, comments=2)}
    folders = {
        "clearance": SectionFolder(
            "clearance", "inputs/drafts/clearance", source, (old,), ("budget.xlsx", "~$c.docx", ".DS_Store")
        )
    }
    status = document_status(SPEC, drafts, stats, ("outputs/x.docx",), folders)
    lines = status_lines(status)
    assert lines[0].startswith("CCM/MSP/2025/7 (progress-report): ")
    assert lines[0].endswith(" words of 10700")
    clearance = next(l for l in lines if "Survey and clearance" in l)
    assert (
        "10 words  inputs/drafts/clearance/c.docx (2025-07-04); 2 tracked change(s) resolved; "
        "2 comment(s) removed" in clearance
    )
    assert any("superseded: c-v1.docx" in l for l in lines)
    assert [l.strip() for l in lines if "ignored" in l] == ["ignored (not a draft): budget.xlsx"]
    assert sum("MISSING: placeholder in the document" in l for l in lines) == len(SPEC.sections) - 1


# --- status.html: the same status as one page to mail -------------------------------------------


def status_page():
    import lxml.html

    from pipeline.errors import Location, error, warning
    from pipeline.publish.status import status_data, status_html

    source = DraftFile(
        Path("c.docx"), "inputs/drafts/clearance/<img src=x onerror=alert(1)> & c.docx", dt.datetime(2025, 7, 4), "0"
    )
    old = DraftFile(Path("c-v1.docx"), "inputs/drafts/clearance/c-v1.docx", dt.datetime(2025, 6, 1), "1")
    drafts = {"clearance": Draft("clearance", source, (Paragraph((Text("Ten words " * 5),)),), (old,))}
    status = document_status(
        SPEC,
        drafts,
        {"clearance": DraftStats(comments=2)},
        ("outputs/x.docx",),
        state="rebuilt: clearance: its draft c.docx was edited",
        languages=(("fr", "complete"),),
    )
    findings = (
        error("pdf.failed", Location("CCM/MSP/2025/7"), "the PDF could not be made"),
        warning(
            "draft.country-name",
            Location("inputs/drafts/clearance/c.docx", "paragraph 4"),
            "informal name “Lao PDR” & <b>more</b>",
        ),
    )
    figures = {
        "article7.annual.due": 111,
        "article7.annual.submitted": 79,
        "article7.annual.overdue_states": ("Chad", "Côte d'Ivoire"),
    }
    assert findings[1].key == KEY  # the key to acknowledge the warning by is shown with it
    html = status_html(status_data((status,), findings, figures, {"States": 120}), "Status <of> the documents")
    return html, lxml.html.document_fromstring(html)


def test_the_status_page_shows_each_document_its_sections_and_the_findings():
    html, page = status_page()
    assert page.get("lang") == "en"
    assert page.findtext(".//title") == page.findtext(".//h1") == "Status <of> the documents"
    assert [h.text_content() for h in page.xpath("//h2")] == ["CCM/MSP/2025/7", "Article 7 reports", "Findings"]
    summary = page.xpath("//h2[1]/following-sibling::p")[0].text_content()
    assert summary.endswith(" words of 10,700; rebuilt: clearance: its draft c.docx was edited")
    assert "Translation into fr: complete" in page.text_content()
    (table,) = page.xpath("//table")
    assert [th.get("scope") for th in table.xpath("./thead//th")] == ["col"] * 5
    rows = {
        tr.xpath("./th")[0].text_content(): [td.text_content() for td in tr.xpath("./td")]
        for tr in table.xpath("./tbody/tr")
    }
    assert len(rows) == len(SPEC.sections)
    assert all(tr.xpath("./th/@scope") == ["row"] for tr in table.xpath("./tbody/tr"))
    assert rows["Survey and clearance of cluster munition remnants"] == [
        "<img src=x onerror=alert(1)> & c.docxsuperseded: c-v1.docx",
        "2025-07-04",
        "10",
        "2 comment(s) removed",
    ]
    assert rows["Universalization"] == ["missing", "", "", ""]
    assert page.find_class("missing")[0].text_content() == "missing"
    assert "79 of 111 annual reports received; overdue (2): Chad, Côte d'Ivoire." in page.text_content()
    findings = [(li.get("class"), li.text_content()) for li in page.xpath("//ul/li")]
    assert findings == [
        ("ERROR", "CCM/MSP/2025/7: error: the PDF could not be made"),
        (
            "WARNING",
            f"inputs/drafts/clearance/c.docx:paragraph 4: warning: informal name “Lao PDR” & <b>more</b> (key {KEY})",
        ),
    ]


def test_the_status_page_runs_and_fetches_nothing_and_escapes_every_value():
    html, page = status_page()
    assert not page.xpath("//script | //b | //link | //img | //iframe | //*[@src] | //*[@href]")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt; &amp; c.docx" in html
