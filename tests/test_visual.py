"""The visual check: the sample's first two pages look as the reference images say.

The references are PNG pages (grey, 50 dpi), one set per LibreOffice major version in
``tests/visual/<major>/`` (7: Debian 12's 7.4; 25: Debian 13's 25.2): two versions may lay the
same document out a pixel apart, so each is compared with its own. A set is made only once the
structural checks (tests/test_pdf_form.py: footnote numbers, paragraph numbers, masthead) pass on
that version's output: they say the form is the UN's, this check says it has not moved since.
When a change to the look is intended, refresh the set with ``make visual-refresh``, look at the
pages, and commit them. A page that differs leaves ``tests/visual/<major>/diff/page-N.png`` (the
differing pixels in red over the new page) for a person to look at. On a LibreOffice with no set,
the test skips and says so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

VISUAL = Path(__file__).parent / "visual"
DPI = 50
# A pixel differs when its grey level moves by more than this; a page fails when
# more than this share of its pixels differ (anti-aliasing moves a few).
LEVEL = 48
SHARE = 0.002


def libreoffice_major(pdf: Path) -> str:
    """The major version of the LibreOffice that wrote ``pdf`` (its Producer: "LibreOffice 7.4", "LibreOffice 25.2.3.2 ...")."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Producer:\s+LibreOffice (\d+)\.", info, re.M)
    assert found, f"{pdf.name} was not written by LibreOffice"
    return found.group(1)


def render_pages(pdf: Path, folder: Path) -> list[Path]:
    subprocess.run(
        ["pdftoppm", "-png", "-gray", "-r", str(DPI), "-f", "1", "-l", "2", str(pdf), str(folder / "page")], check=True
    )
    return sorted(folder.glob("page-*.png"))


def difference(new: Image.Image, old: Image.Image) -> Image.Image:
    """White where the grey level moved by more than LEVEL, black elsewhere."""
    return ImageChops.difference(new, old).point(lambda v: 255 if v > LEVEL else 0)


def test_the_first_two_pages_look_as_the_references(sample_build, tmp_path):
    pages = render_pages(sample_build.pdf(), tmp_path)
    assert len(pages) == 2
    major = libreoffice_major(sample_build.pdf())
    references = VISUAL / major
    if os.environ.get("CCM_UPDATE_VISUAL") == "1":
        references.mkdir(exist_ok=True)
        for page in pages:
            shutil.copyfile(page, references / page.name)
        pytest.skip(f"references refreshed: look at tests/visual/{major}/*.png and commit them")
    if not references.is_dir():
        made = ", ".join(sorted(p.name for p in VISUAL.iterdir() if p.is_dir() and p.name.isdigit()))
        pytest.skip(
            f"no reference pages for LibreOffice {major} (there are for {made}): once tests/test_pdf_form.py "
            f"passes on it, make visual-refresh, look at tests/visual/{major}/*.png and commit them"
        )
    failures = []
    for page in pages:
        reference = references / page.name
        assert reference.exists(), f"no reference {reference}; run make visual-refresh"
        new, old = Image.open(page).convert("L"), Image.open(reference).convert("L")
        if new.size != old.size:
            failures.append(f"{page.name}: size {new.size} against {old.size}")
            continue
        mask = difference(new, old)
        share = mask.histogram()[255] / (new.size[0] * new.size[1])
        if share > SHARE:
            diff_dir = references / "diff"
            diff_dir.mkdir(exist_ok=True)
            overlay = Image.merge("RGB", (new, new, new))
            overlay.paste((220, 0, 0), mask=mask)
            overlay.save(diff_dir / page.name)
            failures.append(f"{page.name}: {share:.2%} of the pixels differ; see {diff_dir / page.name}")
    assert not failures, "; ".join(failures)


def test_the_check_sees_a_layout_change(sample_build, tmp_path):
    """A page shifted by a few pixels (a reflow) fails the comparison."""
    [first, _second] = render_pages(sample_build.pdf(), tmp_path)
    page = Image.open(first).convert("L")
    shifted = Image.new("L", page.size, 255)
    shifted.paste(page, (0, 6))
    assert difference(shifted, page).histogram()[255] / (page.size[0] * page.size[1]) > SHARE
