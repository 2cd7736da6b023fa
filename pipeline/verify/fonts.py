"""Fonts: which ones a document asks for, and what LibreOffice will really use.

LibreOffice silently puts another font in place of one it lacks; when the
widths differ, lines break elsewhere than in Word, and a script without any
font (Chinese, Arabic) prints blank. This module asks fontconfig (``fc-match``,
``fc-list``: the edge) and names the problem before the PDF is made.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache

from pipeline.ooxml.styles import requested_fonts as requested_fonts  # where the document's XML is read

# Fonts whose letters have the same widths, so a substitute does not reflow the text.
METRIC_COMPATIBLE = {
    "times new roman": "liberation serif",
    "arial": "liberation sans",
    "courier new": "liberation mono",
    "courier": "liberation mono",  # monospaced: every letter 600/1000 em in all three
    "calibri": "carlito",
    "cambria": "caladea",
}
# Scripts of the six UN languages that need fonts of their own, as fontconfig names them.
SCRIPTS = {
    "zh": (re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]"), "Chinese"),
    "ar": (re.compile(r"[\u0600-\u06ff\u0750-\u077f]"), "Arabic"),
    "ru": (re.compile(r"[\u0400-\u04ff]"), "Cyrillic"),
}


def scripts_used(text: str) -> set[str]:
    """Language codes of the scripts in ``text`` that need their own fonts."""
    return {code for code, (pattern, _name) in SCRIPTS.items() if pattern.search(text)}


@cache
def match(family: str) -> str:
    """The family fontconfig (and so LibreOffice) will use for ``family``."""
    if shutil.which("fc-match") is None:
        return family
    done = subprocess.run(["fc-match", "-f", "%{family[0]}", family], capture_output=True, text=True, timeout=20)
    return done.stdout.strip() or family


@cache
def has_script(code: str) -> bool:
    if shutil.which("fc-list") is None:
        return True
    done = subprocess.run(["fc-list", f":lang={code}", "family"], capture_output=True, text=True, timeout=20)
    return bool(done.stdout.strip())


def problems(docx: bytes, text: str) -> list[str]:
    """What would print wrongly: fonts replaced by ones of other widths, scripts with no font."""
    found = []
    for family in sorted(requested_fonts(docx)):
        used = match(family)
        if used.lower() == family.lower() or METRIC_COMPATIBLE.get(family.lower()) == used.lower():
            continue
        found.append(
            f"the font \u201c{family}\u201d is not installed; LibreOffice prints \u201c{used}\u201d "
            "instead, whose letters have other widths, so lines break differently from Word: "
            f"install \u201c{family}\u201d (or a metric-compatible font)"
        )
    for code in sorted(scripts_used(text)):
        if not has_script(code):
            found.append(
                f"the text has {SCRIPTS[code][1]} characters and no installed font has them; they would "
                "print blank: install fonts-noto-core and fonts-noto-cjk"
            )
    return found
