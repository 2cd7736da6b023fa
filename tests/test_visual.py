"""The visual check: the sample's first two pages look as the reference images say.

The references are PNG pages in ``tests/visual/`` (grey, 50 dpi). When a change to
the look is intended, refresh them with ``make visual-refresh``, look at them,
and commit them. A page that differs leaves ``tests/visual/diff/page-N.png``
(the differing pixels in red over the new page) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

REFERENCES = Path(__file__).parent / "visual"
DPI = 50
# A pixel differs when its grey level moves by more than this; a page fails when
# more than this share of its pixels differ (anti-aliasing moves a few).
LEVEL = 48
SHARE = 0.002


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
    if os.environ.get("CCM_UPDATE_VISUAL") == "1":
        for page in pages:
            shutil.copyfile(page, REFERENCES / page.name)
        pytest.skip("references refreshed: look at tests/visual/*.png and commit them")
    failures = []
    for page in pages:
        reference = REFERENCES / page.name
        assert reference.exists(), f"no reference {reference}; run make visual-refresh"
        new, old = Image.open(page).convert("L"), Image.open(reference).convert("L")
        if new.size != old.size:
            failures.append(f"{page.name}: size {new.size} against {old.size}")
            continue
        mask = difference(new, old)
        share = mask.histogram()[255] / (new.size[0] * new.size[1])
        if share > SHARE:
            diff_dir = REFERENCES / "diff"
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
