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
    missing = [l.split(None, 1)[1] if "  " in l else l for l in lines if "placeholder in the document" in l]
    assert len(missing) == len(SPEC.sections) - 1
    assert "MISSING (no due date set) (coordinators: Chile, Spain): placeholder in the document" in " ".join(
        missing
    )  # without meeting.yaml's calendar at hand, no days are counted


# --- status.html: the same status as one page to mail -------------------------------------------

BUILT = dt.datetime(2025, 6, 20, 12, 0, tzinfo=dt.UTC)  # a week after the sample's drafts were due


def status_page():
    import lxml.html

    from pipeline.errors import Location, error, info, warning
    from pipeline.publish.status import status_data, status_html

    source = DraftFile(
        Path("c.docx"), "inputs/drafts/clearance/<img src=x onerror=alert(1)> & c.docx", dt.datetime(2025, 6, 4), "0"
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
        words=3552,
        config=CONFIG,
    )
    findings = (
        error("pdf.failed", Location("CCM/MSP/2025/7"), "the PDF could not be made"),
        warning(
            "draft.country-name",
            Location("inputs/drafts/clearance/c.docx", "paragraph 4"),
            "informal name “Lao PDR” & <b>more</b>",
        ),
        info("figure.confirmed", Location("inputs/drafts/clearance/c.docx", "paragraph 5"), "“eight” agrees"),
    )
    figures = {
        "article7.annual.due": 111,
        "article7.annual.submitted": 79,
        "article7.annual.overdue_states": ("Chad", "Côte d'Ivoire"),
        "article7.initial.overdue_states": ("Chad",),
        "article7.annual.by_region.Africa.due": 60,
        "article7.annual.by_region.Africa.submitted": 40,
        "article7.annual.by_region.Africa.overdue_states": ("Chad", "Côte d'Ivoire"),
        "article7.initial.by_region.Africa.overdue_states": ("Chad",),
        "article7.annual.by_region.Europe.due": 51,
        "article7.annual.by_region.Europe.submitted": 39,
        "article7.annual.by_region.Europe.overdue_states": (),
        "article7.initial.by_region.Europe.overdue_states": (),
    }
    assert findings[1].key == KEY  # the key to acknowledge the warning by is shown with it
    outputs = {"progress-report": ["progress-report/en/CCM_MSP_2025_7.pdf", "progress-report/en/CCM_MSP_2025_7.docx"]}
    data = status_data((status,), findings, figures, {"States": 120}, config=CONFIG, built=BUILT, outputs=outputs)
    html = status_html(data, "Status <of> the documents")
    return html, lxml.html.document_fromstring(html)


def _rows(table) -> dict[str, list[str]]:
    return {
        tr.xpath("./th")[0].text_content(): [td.text_content() for td in tr.xpath("./td")]
        for tr in table.xpath("./tbody/tr")
    }


def test_the_status_page_names_the_meeting_the_build_time_and_sums_up():
    html, page = status_page()
    assert page.get("lang") == "en"
    assert page.findtext(".//title") == page.findtext(".//h1") == "Status <of> the documents"
    assert (
        page.find_class("meeting")[0].text_content()
        == "Thirteenth Meeting of States Parties, Geneva, 16-19 September 2025"
    )
    assert "Built 2025-06-20 12:00:00 UTC" in page.find_class("built")[0].text_content()
    summary = " ".join(page.get_element_by_id("summary").text_content().split())
    assert summary == ("1 document; sections received: 1 of 10; overdue: 9; findings: 1 error, 1 warning, 1 note.")
    headings = [h.text_content() for h in page.xpath("//h2")]
    assert headings == [
        "What changed since the last build",
        "CCM/MSP/2025/7 " + SPEC.title,
        "Article 7 reports",
        "Findings",
    ]


def test_the_status_page_shows_each_section_with_its_coordinators_and_where_it_stands():
    _html, page = status_page()
    facts = _rows(page.find_class("facts")[0])
    assert facts["This build"] == ["made again: clearance: its draft c.docx was edited"]
    assert facts["Length"][0].startswith("3,552 words of 10,700 (the UN's count of the Word file")
    assert facts["Processing"] == ["deadline 2025-07-08; to be submitted 2025-07-08: on time"]
    assert facts["Translations"] == ["complete: French; not returned yet: Spanish, Arabic, Chinese, Russian"]
    (table,) = page.find_class("sections")
    assert [th.get("scope") for th in table.xpath("./thead//th")] == ["col"] * 7
    assert all(tr.xpath("./th/@scope") == ["row"] for tr in table.xpath("./tbody/tr"))
    rows = _rows(table)
    assert len(rows) == len(SPEC.sections)
    assert rows["Survey and clearance of cluster munition remnants"] == [
        "GermanyMs. Anna KellerMontenegroMr. Luka Petrovic",
        "2025-06-13",
        "2025-06-04",
        "received on time",
        "<img src=x onerror=alert(1)> & c.docxsuperseded: c-v1.docx2 comment(s) removed",
        "10",
    ]
    assert rows["Victim assistance"] == [
        "ChileSra. Camila RojasSpainSr. Pablo Martin",
        "2025-06-13",
        "–",
        "MISSING: 7 days overdue",
        "placeholder in the document",
        "–",
    ]
    assert all(td.get("class").startswith("date") for td in table.xpath(".//td[contains(@class, 'date')]"))
    links = [(a.text_content(), a.get("href")) for a in page.xpath("//table[@class='outputs']//a")]
    assert links == [
        ("Word", "progress-report/en/CCM_MSP_2025_7.docx"),
        ("PDF", "progress-report/en/CCM_MSP_2025_7.pdf"),
    ]


def test_the_status_page_groups_findings_by_file_in_plain_words_and_charts_the_reports_by_region():
    _html, page = status_page()
    files = [h.text_content() for h in page.xpath("//section[@id='findings']/h3")]
    assert files == ["CCM/MSP/2025/7", "inputs/drafts/clearance/c.docx"]
    items = [" ".join(li.text_content().split()) for li in page.xpath("//section[@id='findings']//li")]
    assert items == [
        "A PDF could not be made: the PDF could not be made pdf.failed",
        "A country is called by an informal name (paragraph 4): informal name “Lao PDR” & <b>more</b> "
        f"draft.country-name, key {KEY}",
        "A typed figure agrees with the data (paragraph 5): “eight” agrees figure.confirmed",
    ]
    assert page.xpath("//details/summary")[0].text_content() == "1 note, nothing to do"
    reporting = page.get_element_by_id("article7")
    assert "79 of 111 annual reports received" in reporting.text_content()
    bars = reporting.xpath(".//*[local-name()='rect'][*[local-name()='title']]")
    assert [b.xpath("string(*)") for b in bars] == [
        "Africa: 60 annual reports due",
        "Africa: 40 of 60 annual reports received",
        "Europe: 51 annual reports due",
        "Europe: 39 of 51 annual reports received",
    ]
    assert float(bars[0].get("width")) > float(bars[1].get("width")) > float(bars[3].get("width"))
    overdue = _rows(page.find_class("overdue-states")[0])
    assert overdue == {"Chad": ["Africa", "annual and initial"], "Côte d'Ivoire": ["Africa", "annual"]}
    [heading] = [h.text_content() for h in page.iter("h3") if "overdue" in h.text_content()]
    assert heading.startswith("States whose reports were overdue")  # as the report counts, not as reminders do


def test_the_status_page_runs_and_fetches_nothing_and_escapes_every_value():
    html, page = status_page()
    assert not page.xpath("//script | //b | //link | //img | //iframe | //*[@src] | //@*[starts-with(name(), 'on')]")
    hrefs = page.xpath("//@href")  # links to the outputs, relative; to a coordinator, mail
    assert all((":" not in h and not h.startswith("/")) or h.startswith("mailto:") for h in hrefs)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt; &amp; c.docx" in html
    assert "@media print" in html  # its style is inside it: nothing to fetch
