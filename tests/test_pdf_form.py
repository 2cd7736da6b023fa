"""The UN form, read from the PDF itself: where the words stand on the page, whichever LibreOffice
laid them out.

These checks measure the sample's PDFs (English, French, Spanish) with ``pdftotext -bbox``
(poppler) and one page image, and compare with the template's measurements
(templates/build_templates.py, in twips: 20 twips = 1 pt). They hold on every LibreOffice
version that lays the document out as UN-FORMAT.md says, and fail on one that does not: the
pixel comparison (tests/test_visual.py) is made per version only after these pass on it.

Horizontal positions are read from word boxes (the left edge of a word is where its text starts);
vertical ones from the page image, because a word box's height depends on the embedded font's
ascent, which differs between LibreOffice versions while the page does not.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

LANGUAGES = ("en", "fr", "es")
PT = 1 / 20  # points per twip

# The template's page (templates/build_templates.py, _page_setup and the styles).
LEFT_MARGIN = 1134 * PT  # 56.7 pt
TOP_MARGIN = 1701 * PT  # 85.05 pt
COLUMN = LEFT_MARGIN + 1134 * PT  # the text column, 2 cm in from the margin: 113.4 pt
HEADING_NUMBER = COLUMN - 567 * PT  # heading numbers hang 1 cm left of the column: 85.05 pt
BODY_TAB = LEFT_MARGIN + 1701 * PT  # a numbered paragraph's text starts at the 3 cm tab: 141.75 pt
NOTE_INDENT = LEFT_MARGIN + 1418 * PT  # footnote text after its number: 127.6 pt
NOTE_GAP = 5.0  # pt at least between a footnote's number and its text (the tab)
# The masthead: a two-cell table over the text width, Word's 108-twip cell padding on each side
# (the table's edge stands out by it), a 3 pt rule under its first row, 57 twips below the text.
CELL_PADDING = 108 * PT
MASTHEAD_RIGHT = LEFT_MARGIN + (5953 + 3685) * PT - 2 * CELL_PADDING  # the symbol ends here: 527.8 pt
RULE_LEFT, RULE_RIGHT = LEFT_MARGIN - CELL_PADDING, LEFT_MARGIN + (5953 + 3685) * PT - CELL_PADDING
LINE_14 = 14 * 1.107  # pt: one line of 14 pt Liberation Serif (ascent and descent, 1.107 em)
TOLERANCE = 1.5  # pt: rounding and a font's side bearings


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    def overlaps(self, other: Word) -> bool:
        """On the same line: the two boxes share more than half the smaller one's height (a
        superscript number shares its line's box; the next line's box shares a point or two)."""
        shared = min(self.y1, other.y1) - max(self.y0, other.y0)
        return shared > 0.5 * min(self.y1 - self.y0, other.y1 - other.y0)


def words(pdf: Path) -> list[Word]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    found = []
    for number, page in enumerate(root.iter("{*}page"), start=1):
        for w in page.iter("{*}word"):
            box = [float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            found.append(Word(number, *box, (w.text or "").replace("\u00a0", " ").strip()))
    return found


def lines(all_words: list[Word]) -> list[list[Word]]:
    """The words grouped in lines, each line left to right, in page then top-to-bottom order."""
    result: list[list[Word]] = []
    for word in sorted(all_words, key=lambda w: (w.page, w.y0)):
        line = next((ln for ln in reversed(result) if ln[0].page == word.page and ln[0].overlaps(word)), None)
        if line is None:
            result.append([word])
        else:
            line.append(word)
    return [sorted(line, key=lambda w: w.x0) for line in result]


def docx_xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(part))


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def footnote_openings(docx: Path) -> list[str]:
    """Each footnote's first three words, in the order LibreOffice numbers them."""
    notes = docx_xml(docx, "word/footnotes.xml").iter(f"{W}footnote")
    texts = ["".join(n.itertext()).replace("\u00a0", " ") for n in notes if int(n.get(f"{W}id")) > 0]
    return [" ".join(t.split()[:3]) for t in texts]


def styled_count(docx: Path, style: str) -> int:
    body = docx_xml(docx, "word/document.xml")
    return sum(1 for s in body.iter(f"{W}pStyle") if s.get(f"{W}val") == style)


def near(value: float, target: float) -> bool:
    return abs(value - target) <= TOLERANCE


@pytest.fixture(scope="module")
def laid_out(sample_build) -> dict[str, list[list[Word]]]:
    return {lang: lines(words(sample_build.pdf(lang=lang))) for lang in LANGUAGES}


def footnote_problems(page_lines: list[list[Word]], openings: list[str]) -> list[str]:
    problems = []
    for number, opening in enumerate(openings, start=1):
        pattern = re.compile(rf"^{number} ?{re.escape(opening)}")
        found = [ln for ln in page_lines if pattern.match(" ".join(w.text for w in ln))]
        if not found:
            problems.append(f"footnote {number} ({opening} ...) not found")
            continue
        mark, text = found[-1][0], found[-1][1]
        where = f"footnote {number} on page {mark.page}"
        if mark.text != str(number):
            problems.append(f"{where}: its number is glued to its text ({mark.text!r} at {mark.x0:.1f} pt)")
        elif not near(mark.x0, COLUMN) or not near(text.x0, NOTE_INDENT) or text.x0 - mark.x1 < NOTE_GAP:
            problems.append(
                f"{where}: number at {mark.x0:.1f}-{mark.x1:.1f} pt, text at {text.x0:.1f} pt "
                f"(the template: number at {COLUMN:.1f}, text at {NOTE_INDENT:.1f})"
            )
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_footnote_number_stands_in_the_margin_before_its_text(sample_build, laid_out, lang):
    openings = footnote_openings(sample_build.docx(lang=lang))
    assert len(openings) >= 3
    assert footnote_problems(laid_out[lang], openings) == []


def test_a_footnote_number_glued_to_its_text_is_seen():
    """LibreOffice 25.2 printed "1The Lausanne ..." (number ending where the text begins)."""
    glued = [[Word(1, 113.5, 685.1, 116.1, 690.9, "1"), Word(1, 116.1, 685.3, 130.0, 695.2, "The")]]
    glued[0] += [Word(1, 132.0, 685.3, 160.0, 695.2, t) for t in ("Lausanne", "Action")]
    assert footnote_problems(glued, ["The Lausanne Action"]) == [
        "footnote 1 on page 1: number at 113.5-116.1 pt, text at 116.1 pt (the template: number at 113.4, text at 127.6)"
    ]
    one_word = [[Word(1, 113.5, 685.1, 130.0, 695.2, "1The"), Word(1, 132.0, 685.3, 160.0, 695.2, "Lausanne")]]
    assert footnote_problems(one_word, ["The Lausanne"]) == [
        "footnote 1 on page 1: its number is glued to its text ('1The' at 113.5 pt)"
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_paragraph_numbers_stand_at_the_column_and_the_text_at_the_tab(sample_build, laid_out, lang):
    count = styled_count(sample_build.docx(lang=lang), "UNBody")
    assert count >= 20
    starts = {(ln[0].text, ln[0].page): ln for ln in laid_out[lang] if len(ln) > 1}
    misplaced = []
    for number in range(1, count + 1):
        candidates = [ln for (text, _), ln in starts.items() if text == f"{number}."]
        if not any(near(ln[0].x0, COLUMN) and near(ln[1].x0, BODY_TAB) for ln in candidates):
            seen = ", ".join(f"{ln[0].x0:.1f}/{ln[1].x0:.1f}" for ln in candidates) or "no line starts with it"
            misplaced.append(f"paragraph {number}. ({seen})")
    assert misplaced == [], f"expected number at {COLUMN:.1f} pt, text at {BODY_TAB:.1f} pt"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapter_numbers_hang_in_the_margin_left_of_the_heading(sample_build, laid_out, lang):
    count = styled_count(sample_build.docx(lang=lang), "UNChapter")
    assert count >= 2
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][:count]
    heads = {ln[0].text: ln for ln in laid_out[lang] if len(ln) > 1 and ln[0].x0 < COLUMN - TOLERANCE}
    for numeral in numerals:
        line = heads.get(f"{numeral}.")
        assert line is not None, f"chapter {numeral}. not found left of the column"
        assert near(line[0].x0, HEADING_NUMBER) and near(line[1].x0, COLUMN), (numeral, line[0].x0, line[1].x0)


def rule_rows(pdf: Path, folder: Path) -> list[tuple[int, int, int]]:
    """The page-1 pixel rows (72 dpi: one pixel a point) dark across most of the text width:
    (row, first dark column, last dark column)."""
    subprocess.run(
        ["pdftoppm", "-gray", "-png", "-r", "72", "-f", "1", "-l", "1", str(pdf), str(folder / "p")], check=True
    )
    image = Image.open(next(folder.glob("p*.png"))).convert("L")
    width, height = image.size
    pixels = image.load()
    rows = []
    for y in range(height):
        dark = [x for x in range(width) if pixels[x, y] < 128]
        if len(dark) > 0.6 * (RULE_RIGHT - RULE_LEFT):
            rows.append((y, dark[0], dark[-1]))
    return rows


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_masthead_rule_and_symbol_sit_where_the_template_puts_them(sample_build, laid_out, lang, tmp_path):
    first_page = [ln for ln in laid_out[lang] if ln[0].page == 1]
    [symbol] = [w for ln in first_page for w in ln if w.text == "CCM/MSP/2025/7"]
    assert near(symbol.x1, MASTHEAD_RIGHT), f"symbol ends at {symbol.x1:.1f} pt, not {MASTHEAD_RIGHT:.1f}"
    rows = rule_rows(sample_build.pdf(lang=lang), tmp_path)
    rule = [r for r in rows if near(r[1], RULE_LEFT) and near(r[2], RULE_RIGHT)]
    assert 2 <= len(rule) <= 4, f"a 3 pt rule from {RULE_LEFT:.1f} to {RULE_RIGHT:.1f} pt; dark rows: {rows[:6]}"
    top = rule[0][0]
    above = [ln for ln in first_page if ln[0].y1 <= top + 1]
    assert above and near(above[0][0].x0, LEFT_MARGIN), "the body's name starts the masthead, at the margin"
    assert symbol in above[0], "the symbol stands on the masthead's first line, above the rule"
    # The masthead's first row starts at the top margin, after the 1 pt paragraph it stands on: its
    # lines (the body's name wraps in French and Spanish), then the cell's padding, then the rule.
    expected = TOP_MARGIN + 1 + len(above) * LINE_14 + 57 * PT
    assert abs(top - expected) <= 2, f"the rule's top at {top} pt, not {expected:.1f}: the masthead moved"
    below = [ln for ln in first_page if ln[0].y0 > top]
    assert below and below[0][-1].text != symbol.text and below[0][0].text.startswith("Distr"), below[:1]
