"""The status page in a real browser (Debian's chromium, headless): what the Committee sees, not what the
template meant.

The page is the sample's, from the session's build (its remembered status, the words the UN's count of
its Word file), with one section's draft taken away ("Victim assistance") and the build dated 27 June
2025, two weeks after the drafts were due. One chromium run for the module loads a copy of the page with a
small measuring script injected (the shipped page has none; it runs as the page loads, so before the DOM
is dumped): it narrows the page to 640 px to measure that each date cell is one line high and writes what
it found into the DOM; the run dumps the rendered DOM, takes a screenshot (1200 px wide) and prints the
page with its print CSS to PDF.

The screenshot is left in the test's temporary folder; with CCM_UPDATE_VISUAL=1 (make visual-refresh) it
is copied to tests/visual/status-page.png, for people to look at (not compared: fonts move pixels).
Marked ``browser``: make check leaves these out, make test installs chromium and runs them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from PIL import Image, ImageChops

from pipeline.build.report import outputs_of
from pipeline.errors import Location, warning
from pipeline.intake.meeting import parse_meeting
from pipeline.publish.fingerprint import FINGERPRINT, unchanged_since
from pipeline.publish.status import DocumentStatus, status_data, status_html, status_lines
from tests.conftest import pdf_text

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
VISUAL = Path(__file__).parent / "visual" / "status-page.png"
BUILT = dt.datetime(2025, 6, 27, 12, 0, tzinfo=dt.UTC)
WIDTH, HEIGHT = 1200, 6000  # the window; the screenshot is cut to the page's length

# Injected into a copy of the page only: measures the laid-out page and writes what it found into the DOM.
MEASURE = """<script>
(function () {
  const body = document.body, width = body.style.maxWidth;
  body.style.maxWidth = "640px";
  const dates = Array.from(document.querySelectorAll("td.date")).map(function (cell) {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const size = parseFloat(getComputedStyle(cell).fontSize);
    return {text: cell.textContent, lines: Math.round(range.getBoundingClientRect().height / (size * 1.4))};
  });
  body.style.maxWidth = width;
  const bars = Array.from(document.querySelectorAll("svg.chart rect[class]")).map(function (bar) {
    return {title: bar.querySelector("title").textContent, width: bar.getBBox().width};
  });
  document.documentElement.setAttribute("data-layout", JSON.stringify({
    dates: dates, bars: bars, overflow: document.documentElement.scrollWidth > window.innerWidth}));
})();
</script>
"""


@dataclass
class Rendered:
    dom: lxml.html.HtmlElement  # the DOM as chromium rendered it
    layout: dict  # what the injected script measured
    screenshot: Path
    pdf: Path
    words: int  # the progress report's words, as the build's status says
    line: str  # the status's first line for it, as the terminal prints it


def _page(sample_build) -> tuple[str, DocumentStatus]:
    """The sample's status page, with the victim assistance draft taken away and the build on BUILT."""
    outputs = sample_build.outputs
    kept = json.loads((outputs / FINGERPRINT).read_text(encoding="utf-8"))
    remembered = unchanged_since(outputs, kept["fingerprint"])
    assert remembered is not None
    report = remembered.documents[0]
    sections = tuple(
        dataclasses.replace(s, source="", received="", words=0, superseded=(), notes="", chosen="")
        if s.section_id == "victim-assistance"
        else s
        for s in report.sections
    )
    why = "rebuilt: victim-assistance: its draft VA_progress_report_13MSP_clean.docx was removed"
    documents = (dataclasses.replace(report, sections=sections, state=why), *remembered.documents[1:])
    # what the build says of a draft that is not there, instead of what it said of the draft
    missing = warning(
        "draft.missing",
        Location("inputs/drafts/victim-assistance/"),
        "no draft for the required section 'Victim assistance' (coordinators: Chile, Spain); a placeholder "
        "stands in its place",
    )
    findings = [
        # as a build run from the project's folder names them
        dataclasses.replace(
            d, location=Location(d.location.path.removeprefix(f"{sample_build.root}/"), d.location.place)
        )
        for d in remembered.diagnostics
        if "/victim-assistance/" not in d.location.path
    ] + [missing]
    last = json.loads((outputs / "status.json").read_text(encoding="utf-8"))
    config, _found = parse_meeting(sample_build.meeting_path.read_text(encoding="utf-8"), "meeting.yaml")
    data = status_data(
        documents,
        findings,
        remembered.figures,
        remembered.sheets,
        config=config,
        built=BUILT,
        outputs={d.document_id: outputs_of(outputs, d.document_id) for d in documents},
        previous={**last, "built": {"utc": "2025-06-20T09:00:00Z"}},  # the session's build, as if a week before
    )
    return status_html(data, "Status of the documents"), report


@pytest.fixture(scope="module")
def rendered(sample_build, tmp_path_factory) -> Rendered:
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: make test installs it (sudo apt-get install chromium)")
    folder = tmp_path_factory.mktemp("status-page")
    html, report = _page(sample_build)
    assert "<script" not in html  # the shipped page has none: the measuring script goes into a copy
    page = folder / "status.html"
    page.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    screenshot, pdf = folder / "status-page.png", folder / "status-page.pdf"
    command = [
        CHROMIUM,
        "--headless",
        "--disable-gpu",
        *(["--no-sandbox"] if os.geteuid() == 0 else []),  # root cannot use chromium's sandbox
        f"--user-data-dir={folder / 'profile'}",
        "--hide-scrollbars",
        f"--window-size={WIDTH},{HEIGHT}",
        f"--screenshot={screenshot}",
        f"--print-to-pdf={pdf}",
        "--no-pdf-header-footer",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0 and screenshot.is_file() and pdf.is_file(), done.stderr[-2000:]
    _cut_to_content(screenshot)
    if os.environ.get("CCM_UPDATE_VISUAL") == "1":  # 256 colours: a third of the size, the same to the eye
        image = Image.open(screenshot).convert("RGB")
        image.quantize(256, method=Image.Quantize.FASTOCTREE).save(VISUAL, optimize=True)
    dom = lxml.html.document_fromstring(done.stdout)
    layout = json.loads(dom.get("data-layout"))
    return Rendered(dom, layout, screenshot, pdf, report.words, status_lines(report)[0])


def _cut_to_content(png: Path) -> None:
    """The screenshot without the empty window below the page's end."""
    image = Image.open(png).convert("RGB")
    box = ImageChops.difference(image, Image.new("RGB", image.size, (255, 255, 255))).getbbox()
    if box:
        image.crop((0, 0, image.width, min(image.height, box[3] + 24))).save(png)


def test_a_missing_section_shows_its_coordinators_and_the_days_overdue(rendered):
    [row] = rendered.dom.xpath("//tr[@id='section-progress-report-victim-assistance']")
    coordinators = [(div.text, div.find("span").text_content()) for div in row.find_class("coordinator")]
    assert row.xpath(".//a/@href")[:1] == ["mailto:coordinadora.chile@example.org"]  # a click writes to her
    assert coordinators == [("Chile", "Sra. Camila Rojas"), ("Spain", "Sr. Pablo Martin")]
    cells = [td.text_content() for td in row.xpath("./td")]
    assert cells[1:4] == ["2025-06-13", "–", "MISSING: 14 days overdue"]
    summary = " ".join(rendered.dom.get_element_by_id("summary").text_content().split())
    assert "sections received: 9 of 10 (1 late); overdue: 1;" in summary


def test_the_documents_words_are_the_uns_count_the_preflight_reports(rendered, sample_build):
    preflight = (sample_build.outputs / "progress-report/en/CCM_MSP_2025_7-preflight.txt").read_text()
    assert preflight.startswith(f"CCM/MSP/2025/7: {rendered.words:,} words")
    [length] = rendered.dom.xpath("//section[@id='doc-progress-report']//td[@class='words']/strong")
    assert length.text_content() == f"{rendered.words:,}" == "4,073"
    assert rendered.line.startswith(f"CCM/MSP/2025/7 (progress-report): {rendered.words} words of 10700")


def test_the_chart_has_a_bar_of_reports_due_and_one_received_per_region(rendered):
    bars = rendered.layout["bars"]
    assert [b["title"].split(":")[0] for b in bars] == ["Africa"] * 2 + ["Americas"] * 2 + ["Asia-Pacific"] * 2 + [
        "Europe"
    ] * 2
    assert (
        bars[0]["title"] == "Africa: 36 annual reports due"
        and bars[1]["title"] == "Africa: 25 of 36 annual reports received"
    )
    assert all(b["width"] > 20 for b in bars) and bars[0]["width"] > bars[1]["width"]
    labels = rendered.dom.xpath("//*[local-name()='svg']/*[local-name()='text'][@class='region']/text()")
    assert labels == ["Africa", "Americas", "Asia-Pacific", "Europe"]


def test_dates_stay_on_one_line_even_on_a_narrow_page_and_nothing_overflows(rendered):
    dates = rendered.layout["dates"]
    assert len(dates) == 2 * 10  # due and received, per section
    assert [d for d in dates if d["lines"] != 1] == []
    assert not rendered.layout["overflow"]
    width, height = Image.open(rendered.screenshot).size
    assert width == WIDTH and 2000 < height < HEIGHT  # the whole page, cut to its length


def test_what_changed_names_the_document_made_again_and_the_new_finding(rendered):
    [changed] = rendered.dom.xpath("//ul[@class='rebuilt']/li")
    assert changed.text_content() == (
        "CCM/MSP/2025/7 was made again: victim-assistance: its draft VA_progress_report_13MSP_clean.docx was removed"
    )
    [new] = rendered.dom.xpath("//ul[@class='new-findings']/li")
    assert new.text_content().startswith(
        "A section's draft has not arrived: inputs/drafts/victim-assistance/: no draft"
    )


def test_printed_each_document_starts_a_page(rendered):
    pages = pdf_text(rendered.pdf).split("\f")
    starts = [p.strip().split("\n", 1)[0] for p in pages if p.strip()]
    assert [s for s in starts if s.startswith("CCM/MSP/")] == [
        "CCM/MSP/2025/7",
        "CCM/MSP/2025/3",
        "CCM/MSP/2025/4",
        "CCM/MSP/2025/5",
    ]
