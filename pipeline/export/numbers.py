"""The numbers a reader of the Word file sees, counted again as the web page is written.

Word draws them from the template's numbering (templates/build_templates.py): chapters
"I.", "II." (UN Chapter, outline level 0); under each, "A.", "B." (UN Heading 1), then
"1." (UN Heading 2), "(a)" (UN Heading 3), "(i)" (UN Heading 4), one outline list in
which a heading restarts every level below its own; body paragraphs "1.", "2." through
the whole document (UN Body); each lettered list again from "(a)" (the writer gives every
list its own numbering instance); footnotes 1, 2 ... in reading order. French and Spanish
write "a)" and "i)". The page template calls these counters in the order it writes the
page, which is the order of the Word file, so each number is the one Word shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline import locale
from pipeline.model.blocks import Figure, Footnote, Image, Inline, Link, Styled, Text

# Languages whose templates write lettered and roman levels "a)" and "i)" rather than "(a)" and "(i)".
CLOSING_PARENTHESIS_ONLY = {"fr", "es"}


@dataclass(frozen=True)
class Label:
    """A number as shown ("II.", "A.", "(b)", "12.") and the page anchor of what it numbers."""

    text: str
    id: str


def letters(n: int) -> str:
    """Word's lowerLetter format: a ... z, then aa, bb ... (1 -> "a", 27 -> "aa")."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


class LetteredList:
    """One lettered list: its items count from (a)."""

    def __init__(self, parenthesised: bool):
        self._count = 0
        self._open = "(" if parenthesised else ""

    def next(self) -> str:
        self._count += 1
        return f"{self._open}{letters(self._count)})"


class Numbers:
    """Word's counters for one document, advanced by the page template as it writes each numbered thing."""

    def __init__(self, language: str):
        self._parenthesised = language not in CLOSING_PARENTHESIS_ONLY
        self._outline = [0] * 5  # chapter, UN Heading 1 ... UN Heading 4
        self._path: list[str] = []
        self._paragraphs = 0
        self._notes: list[Footnote] = []
        self._ids: set[str] = set()

    def heading(self, level: int) -> Label:
        """The next heading at outline ``level`` (0 a chapter, 1 to 4 the UN Heading styles); deeper
        levels start again under it."""
        level = max(0, min(level, 4))
        self._outline[level] += 1
        for deeper in range(level + 1, 5):
            self._outline[deeper] = 0
        n = self._outline[level]
        open_ = "(" if self._parenthesised else ""
        text = {
            0: f"{locale.roman(n)}.",
            1: f"{letters(n).upper()}.",
            2: f"{n}.",
            3: f"{open_}{letters(n)})",
            4: f"{open_}{locale.roman(n).lower()})",
        }[level]
        self._path = (self._path + [""] * level)[:level] + ["".join(ch for ch in text if ch.isalnum())]
        return Label(text, self._unique("sec-" + "-".join(part for part in self._path if part)))

    def paragraph(self) -> Label:
        """The next body paragraph's number: "12.", anchored at ``para-12``."""
        self._paragraphs += 1
        return Label(f"{self._paragraphs}.", self._unique(f"para-{self._paragraphs}"))

    def lettered(self) -> LetteredList:
        """A new lettered list, from (a)."""
        return LetteredList(self._parenthesised)

    def anchor(self, text: str) -> str:
        """An anchor for an unnumbered heading (an annex): ``sec-`` and the words of ``text``."""
        return self._unique("sec-" + (slug(text) or "heading"))

    def note(self, footnote: Footnote) -> int:
        """The number of a footnote, given where its reference mark stands."""
        self._notes.append(footnote)
        return len(self._notes)

    def has_notes(self) -> bool:
        return bool(self._notes)

    def notes(self) -> Iterator[tuple[int, Footnote]]:
        """The footnotes so far with their numbers, including any numbered while they are written."""
        i = 0
        while i < len(self._notes):
            yield i + 1, self._notes[i]
            i += 1

    def _unique(self, ident: str) -> str:
        candidate, n = ident, 1
        while candidate in self._ids:
            n += 1
            candidate = f"{ident}-{n}"
        self._ids.add(candidate)
        return candidate


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Annexe I" -> "annexe-i"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def visible(inlines: tuple[Inline, ...]) -> bool:
    """Whether a paragraph shows anything: Word numbers an empty paragraph too, but the page leaves it out."""
    for node in inlines:
        if isinstance(node, (Text, Figure)) and node.text.strip():
            return True
        if isinstance(node, (Image, Footnote)):
            return True
        if isinstance(node, (Styled, Link)) and visible(node.children):
            return True
    return False
