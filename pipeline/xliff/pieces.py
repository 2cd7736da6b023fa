"""A unit's content as pieces: plain text, codes and marks, with the ids the merge matches on.

Pieces are plain text, paired codes (italic, bold, a link...), standalone codes
(a line break, a picture, a footnote's reference, which names the footnote's own
units) and marks not to translate (a figure from the data, a document symbol).
Code ids are given in reading order (c1, c2 ... for codes, m1, m2 ... for marks),
so the same source always has the same ids, and a translation's codes are
matched back to the source's by id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.model.blocks import Image


@dataclass(frozen=True)
class Plain:
    text: str


@dataclass(frozen=True)
class Paired:
    """Formatting around some text: italic, bold, underline, superscript, subscript, smallcaps, or a link."""

    id: str
    kind: str
    children: tuple[Piece, ...]
    url: str = ""


@dataclass(frozen=True)
class Standalone:
    """A code with no text: a line break (lb), a picture (image) or a footnote's reference (footnote),
    whose ``refs`` are the ids of the footnote's own units."""

    id: str
    kind: str
    refs: tuple[str, ...] = ()
    image: Image | None = field(default=None, compare=False, repr=False)  # the picture, for the merge


@dataclass(frozen=True)
class Marked:
    """Text not to translate: a figure from the data (``value`` is its name) or a document symbol."""

    id: str
    kind: str  # figure | symbol
    children: tuple[Piece, ...]
    value: str = ""
    figure: object = field(default=None, compare=False, repr=False)  # the figure's value, for the merge


Piece = Plain | Paired | Standalone | Marked

# Document symbols of the Convention and of the UN, with revisions: CCM/MSP/2025/7, CCM/MSP/2024/5/Rev.1.
SYMBOL = re.compile(r"\b(?:CCM|APLC|CCW|A|S|E|CRC|CRPD)/(?:[A-Z0-9.]+/)+[A-Za-z0-9.]*[A-Za-z0-9]")


def plain_of(pieces: tuple[Piece, ...]) -> str:
    """The text a reader sees in some pieces."""
    out = []
    for piece in pieces:
        if isinstance(piece, Plain):
            out.append(piece.text)
        elif isinstance(piece, (Paired, Marked)):
            out.append(plain_of(piece.children))
        elif piece.kind == "lb":
            out.append("\n")
    return "".join(out)


def canonical(pieces: tuple[Piece, ...]) -> str:
    """The source as the unit's id sees it: text and the shape of its codes, figures by name."""
    out = []
    for piece in pieces:
        if isinstance(piece, Plain):
            out.append(piece.text.replace("<", "<<"))
        elif isinstance(piece, Paired):
            out.append(f"<{piece.kind} {piece.url}>{canonical(piece.children)}</>")
        elif isinstance(piece, Marked):
            out.append(
                f"<{piece.kind} {piece.value}>"
                if piece.kind == "figure"
                else f"<{piece.kind}>{canonical(piece.children)}</>"
            )
        else:
            out.append(f"<{piece.kind}/>")
    return "".join(out)


def codes_of(pieces: tuple[Piece, ...]) -> dict[str, Piece]:
    """The codes and marks of a unit's pieces by id, nested ones included."""
    found: dict[str, Piece] = {}
    for piece in pieces:
        if isinstance(piece, (Paired, Standalone, Marked)):
            found[piece.id] = piece
        if isinstance(piece, Paired):
            found.update(codes_of(piece.children))
    return found


class Ids:
    """Code ids in reading order: c1, c2 ... for codes, m1, m2 ... for marks."""

    def __init__(self):
        self.codes = 0
        self.marks = 0

    def code(self) -> str:
        self.codes += 1
        return f"c{self.codes}"

    def mark(self) -> str:
        self.marks += 1
        return f"m{self.marks}"


def symbols(text: str, ids: Ids) -> list[Piece]:
    """A text as pieces, each document symbol in it a mark not to translate."""
    out: list[Piece] = []
    at = 0
    for match in SYMBOL.finditer(text):
        if match.start() > at:
            out.append(Plain(text[at : match.start()]))
        out.append(Marked(ids.mark(), "symbol", (Plain(match.group(0)),)))
        at = match.end()
    if at < len(text) or not out:
        out.append(Plain(text[at:]))
    return [p for p in out if not (isinstance(p, Plain) and not p.text)] or [Plain("")]


def has_text(pieces: tuple[Piece, ...]) -> bool:
    """Whether a unit has words to translate (not only codes, figures, symbols and spaces)."""
    for piece in pieces:
        if isinstance(piece, Plain) and re.search(r"[^\W\d_]", piece.text):
            return True
        if isinstance(piece, Paired) and has_text(piece.children):
            return True
    return False


__all__ = [
    "Plain",
    "Paired",
    "Standalone",
    "Marked",
    "Piece",
    "SYMBOL",
    "plain_of",
    "canonical",
    "codes_of",
    "Ids",
    "symbols",
    "has_text",
]
