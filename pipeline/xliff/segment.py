"""Sentences for CAT tools: where a unit of text splits into segments.

A translation memory matches sentence by sentence, so each unit is cut after a
sentence's final punctuation (. ! ? or an ellipsis, with any closing quotes or
brackets and footnote marks that follow it) when whitespace and then a capital
letter, a digit or an opening quote or bracket come next. The abbreviations UN
texts use before a capital or a number ("para. 12", "No. 5", "Art. 4",
"i.e. the", "e.g. Chile") and initials ("J. Smith") do not end a sentence;
"Corr.1" and "Rev.1" have no space after their point and never split.

Only the top level of a unit is cut: a sentence that ends inside italics or a
link stays whole with the next one, so inline codes never straddle segments.
The cutter is generic over the pieces of a unit: it sees each piece's text, or
a stand-in character for a piece that is not plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

P = TypeVar("P")

OTHER = "\ufffc"  # stands for a piece that is not plain text (a code, a footnote, a figure)

# Lower-cased, with their final point. Kept to what UN texts write; "etc." is left out
# on purpose: it ends sentences more often than not. Initials are not guessed at: "annex I."
# ends sentences in UN texts far more often than a name's initial does.
ABBREVIATIONS = frozenset(
    """
    para. paras. no. nos. art. arts. i.e. e.g. cf. viz. vol. vols. p. pp. ch. chap. sect.
    add. corr. rev. suppl. fig. figs. approx. mr. mrs. ms. dr. st. ibid. op. cit.
    jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.
    n.º núm. párr. pág. págs. cap. sr. sra. sres. m. mme. mmes.
""".split()
)

_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]\ufffc]*(\s+)")
_NEXT = re.compile(r"[\"'\u201c\u2018\u00ab(\[\u00bf\u00a1]*[A-Z0-9\u00c0-\u00de\u0391-\u03a9\u0400-\u042f]")
_WORD = re.compile(r"[(\"'\u201c\u2018\u00ab\[]*(\S*?[.!?\u2026]+)[\"'\u201d\u2019\u00bb)\]\ufffc]*$")


def boundaries(text: str) -> list[tuple[int, int]]:
    """Where ``text`` splits: (start, end) of the whitespace between two sentences."""
    cuts = []
    for match in _END.finditer(text):
        space_start, space_end = match.span(1)
        if not _NEXT.match(text, space_end):
            continue
        before = text[:space_start].rsplit(None, 1)[-1] if text[:space_start].strip() else ""
        word = _WORD.match(before)
        if word and word.group(1).lower() in ABBREVIATIONS:
            continue
        cuts.append((space_start, space_end))
    return cuts


def segments(
    pieces: Sequence[P], text_of: Callable[[P], str | None], split: Callable[[P, int, int], P]
) -> list[tuple[list[P], str]]:
    """The pieces cut into sentences, each with the whitespace that follows it ("" after the last).

    ``text_of`` gives a piece's plain text, or None for any other piece;
    ``split(piece, start, end)`` makes a plain piece of part of a plain piece's text.
    """
    flat = "".join(OTHER if (text := text_of(p)) is None else text for p in pieces)
    cuts = boundaries(flat)
    if not cuts:
        return [(list(pieces), "")]
    edges = sorted({at for cut in cuts for at in cut})
    # Every plain piece cut at every edge that falls inside it: each part is then wholly
    # inside a sentence or wholly inside the whitespace between two.
    parts: list[tuple[P, int, str | None]] = []
    position = 0
    for piece in pieces:
        text = text_of(piece)
        if text is None:
            parts.append((piece, position, None))
            position += 1
            continue
        inner = [at - position for at in edges if position < at < position + len(text)]
        for start, end in zip([0] + inner, inner + [len(text)], strict=True):
            if end > start:
                part = piece if (start, end) == (0, len(text)) else split(piece, start, end)
                parts.append((part, position + start, text[start:end]))
        position += len(text)
    out: list[tuple[list[P], str]] = [([], "")]
    for part, at, text in parts:
        sentence, gap = out[-1]
        if text is not None and any(s <= at < e for s, e in cuts):  # whitespace between sentences
            out[-1] = (sentence, gap + text)
        elif gap:
            out.append(([part], ""))
        else:
            sentence.append(part)
    return out
