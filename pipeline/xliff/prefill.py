"""What each segment of an export goes out with: a translation already known, or matches to offer.

A unit whose id is unchanged since a returned file translated it goes out with
that file's target, split over its sentences (the whole unit as one segment
when the translator joined or split sentences). Any other unit is looked up
sentence by sentence in the translation memory (:mod:`pipeline.xliff.memory`):
an exact match goes out as the segment's target, translated; a changed sentence
gets the memory's fuzzy matches as suggestions, and no target.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from pipeline.xliff.memory import Match, Memory, renumbered
from pipeline.xliff.pieces import Marked, Paired, Piece, Plain, codes_of
from pipeline.xliff.segment import segments
from pipeline.xliff.walk import Unit


@dataclass(frozen=True)
class Offer:
    """One segment: its source, the whitespace after it, its target when known (``origin`` "id": the
    unit's own returned target; "memory": an exact match), and fuzzy matches otherwise."""

    source: tuple[Piece, ...]
    gap: str
    target: tuple[Piece, ...] | None = None
    origin: str = ""
    matches: tuple[Match, ...] = ()


def offers(unit: Unit, target: tuple[Piece, ...] | None, memory: Memory | None) -> list[Offer]:
    """The unit's segments, each with what it goes out with."""
    codes = codes_of(unit.source)
    sentences = sentences_for(unit.source, target)
    if target is not None:
        parts = split_like(target, len(sentences))
        return [
            Offer(tuple(s), gap, as_source(part, codes), "id")
            for part, (s, gap) in zip(parts, sentences, strict=False)  # as many by construction
        ]
    out = []
    for sentence, gap in sentences:
        source = tuple(sentence)
        found = memory.exact(source, unit.id) if memory is not None and unit.translate else None
        if found is not None:
            out.append(Offer(source, gap, as_source(renumbered(found, source), codes), "memory"))
        else:
            matches = memory.fuzzy(source) if memory is not None and unit.translate else ()
            out.append(Offer(source, gap, matches=matches))
    return out


def sentences(source: tuple[Piece, ...]) -> list[tuple[list[Piece], str]]:
    return segments(source, _text_of, _part)


def _text_of(piece: Piece) -> str | None:
    return piece.text if isinstance(piece, Plain) else None


def _part(piece: Piece, start: int, end: int) -> Piece:
    """Characters ``start`` to ``end`` of a plain piece (segments only ever cuts plain ones)."""
    return Plain(piece.text[start:end]) if isinstance(piece, Plain) else piece


def as_source(pieces: tuple[Piece, ...], codes: Mapping[str, Piece]) -> tuple[Piece, ...]:
    """A translation's pieces with each code as the source has it (kind, link, footnote units);
    a code the source has not is left out, its text kept."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Plain):
            out.append(piece)
            continue
        known = codes.get(piece.id)
        children = as_source(getattr(piece, "children", ()), codes)
        if known is None or type(known) is not type(piece):
            out.extend(children)
        elif isinstance(known, (Paired, Marked)):
            out.append(replace(known, children=children))
        else:
            out.append(known)
    return tuple(out)


def sentences_for(source: tuple[Piece, ...], target: tuple[Piece, ...] | None) -> list[tuple[list[Piece], str]]:
    """The source's sentences; one segment for the whole unit when a known translation has another
    number of sentences (a translation need not keep them: the translator joined them)."""
    found = sentences(source)
    if target is not None and len(sentences(target)) != len(found):
        return [(list(source), "")]
    return found


def split_like(target: tuple[Piece, ...], count: int) -> list[tuple[Piece, ...]]:
    """A known target laid over ``count`` segments, as many as its own sentences (see sentences_for)."""
    own = sentences(target)
    return [tuple(s) for s, _gap in own] if len(own) == count else [target]


__all__ = ["Offer", "offers", "sentences", "as_source", "sentences_for", "split_like"]
