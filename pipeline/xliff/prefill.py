"""What each segment of an export goes out with: a translation already known, or matches to offer.

What a returned file gives is what the merge accepts (:func:`pipeline.xliff.accept.accepted`):
a unit accepted whole goes out with that file's target, split over its sentences
(the whole unit as one segment when the translator joined or split sentences); a
partly translated unit with its translated sentences only; a stale unit (translated
from an earlier text) untranslated, each sentence offered the most similar of its
old segments as a suggestion, whose origin says the source has changed; a copy of
the source untranslated. Any sentence not known so is looked up in the translation
memory (:mod:`pipeline.xliff.memory`): an exact match goes out as the segment's
target, translated; a changed sentence gets the memory's fuzzy matches.
:func:`prefilled` gives all that is pre-filled as a memory, for a TMX (OmegaT reads it so).

A figure from the data in a target or a suggestion is always the current one,
written by ``figure`` (name, value: the target language's way, as the merge prints
it), or as the current source writes it when no ``figure`` is given: never the
figure the translator saw, which a data change may have made wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from pipeline.xliff.accept import Known, comparable, figures_of
from pipeline.xliff.document import Segment
from pipeline.xliff.memory import Entry, Match, Memory, code_ids, key, renumbered, similarity, with_ids
from pipeline.xliff.pieces import Marked, Paired, Piece, Plain, codes_of, plain_of
from pipeline.xliff.segment import segments
from pipeline.xliff.walk import Unit

ORIGIN = "ccm-report translation memory"
CHANGED = "ccm-report: this unit's earlier translation, from a source that has changed since"

FigureText = Callable[[str, object], str]


@dataclass(frozen=True)
class Offer:
    """One segment: its source, the whitespace after it, its target when known (``origin`` "id": the
    unit's own returned target; "memory": an exact match), and fuzzy matches otherwise."""

    source: tuple[Piece, ...]
    gap: str
    target: tuple[Piece, ...] | None = None
    origin: str = ""
    matches: tuple[Match, ...] = ()


def offers(
    unit: Unit, known: Known | None, memory: Memory | None, figure: FigureText | None = None, *, fuzzy: bool = True
) -> list[Offer]:
    """The unit's segments, each with what it goes out with (fuzzy matches only when ``fuzzy``)."""
    codes = codes_of(unit.source)
    target = known.targets.get(unit.id) if known is not None else None
    sentences = sentences_for(unit.source, target)
    if target is not None:
        parts = split_like(target, len(sentences))
        return [
            Offer(tuple(s), gap, as_source(part, codes, figure), "id")
            for part, (s, gap) in zip(parts, sentences, strict=False)  # as many by construction
        ]
    figures = figures_of(unit)
    own = known.segments.get(unit.id, ()) if known is not None else ()
    earlier = known.stale.get(unit.id, ()) if known is not None else ()
    lookup = memory is not None and unit.translate
    out = []
    for sentence, gap in sentences:
        source = tuple(sentence)
        mine = next((s for s in own if comparable(s.source, figures) == comparable(source, figures)), None)
        found = memory.exact(source, unit.id) if lookup and memory is not None and mine is None else None
        if mine is not None and mine.target is not None:
            out.append(Offer(source, gap, as_source(mine.target, codes, figure), "id"))  # the unit's own ids
        elif found is not None:
            out.append(Offer(source, gap, as_source(renumbered(found, source), codes, figure), "memory"))
        else:
            matches = _earlier(source, earlier, known.document if known is not None else "")
            matches += memory.fuzzy(source) if lookup and fuzzy and memory is not None else ()
            out.append(Offer(source, gap, matches=_refreshed(_distinct(matches), source, codes, figure)))
    return out


def prefilled(
    units: Iterable[Unit],
    known: Known | None,
    memory: Memory | None,
    figure: FigureText | None,
    *,
    document: str,
    languages: tuple[str, str],
) -> Memory:
    """What an export of ``units`` pre-fills, as a memory (``languages``: source, target): each segment
    that goes out translated, with the source and target it is written with. Its TMX gives a tool that
    translates the targets' text (OmegaT, whose 1.2 targets hold the English) the same translations."""
    entries = tuple(
        Entry(offer.source, offer.target, document, unit.id)
        for unit in units
        for offer in offers(unit, known, memory, figure, fuzzy=False)
        if offer.target is not None
    )
    return Memory(languages[0], languages[1], entries)


def _earlier(source: tuple[Piece, ...], earlier: tuple[Segment, ...], document: str) -> tuple[Match, ...]:
    """The stale unit's old segment most like ``source``, whatever its similarity: its own translation."""
    wanted = key(source)
    scored = [(similarity(key(s.source), wanted), s) for s in earlier if s.target is not None]
    if not scored:
        return ()
    best, segment = max(scored, key=lambda pair: pair[0])  # the first of equals
    assert segment.target is not None
    return (Match(Entry(segment.source, segment.target, document, segment.unit), best, CHANGED),)


def _distinct(matches: tuple[Match, ...]) -> tuple[Match, ...]:
    """The matches without a second one of the same source and target (the memory holds the stale one too)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for match in matches:
        pair = (key(match.entry.source), key(match.entry.target))
        if pair not in seen:
            seen.add(pair)
            out.append(match)
    return tuple(out)


def _refreshed(
    matches: tuple[Match, ...], source: tuple[Piece, ...], codes: Mapping[str, Piece], figure: FigureText | None
) -> tuple[Match, ...]:
    """Each match with the codes of ``source`` at their places (by position) and, in its target, each
    figure the current one; its source stays as it was translated, so the translator sees what differs."""
    out = []
    for match in matches:
        entry = match.entry
        ids = dict(zip(code_ids(entry.source), code_ids(source), strict=False))
        target = _current_figures(with_ids(entry.target, ids), codes, figure)
        entry = replace(entry, source=with_ids(entry.source, ids), target=target)
        out.append(replace(match, entry=entry, origin=match.origin or f"{ORIGIN}: {entry.document}"))
    return tuple(out)


def _current_figures(
    pieces: tuple[Piece, ...], codes: Mapping[str, Piece], figure: FigureText | None
) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for piece in pieces:
        known = codes.get(piece.id) if not isinstance(piece, Plain) else None
        if isinstance(piece, Marked) and isinstance(known, Marked) and known.kind == "figure":
            out.append(replace(piece, children=(Plain(figure_text(known, figure)),)))
        elif isinstance(piece, (Paired, Marked)):
            out.append(replace(piece, children=_current_figures(piece.children, codes, figure)))
        else:
            out.append(piece)
    return tuple(out)


def figure_text(mark: Marked, figure: FigureText | None) -> str:
    """A figure mark's current text: in the target language by ``figure``, else as the source has it."""
    return figure(mark.value, mark.figure) if figure is not None else plain_of(mark.children)


def sentences(source: tuple[Piece, ...]) -> list[tuple[list[Piece], str]]:
    return segments(source, _text_of, _part)


def _text_of(piece: Piece) -> str | None:
    return piece.text if isinstance(piece, Plain) else None


def _part(piece: Piece, start: int, end: int) -> Piece:
    """Characters ``start`` to ``end`` of a plain piece (segments only ever cuts plain ones)."""
    return Plain(piece.text[start:end]) if isinstance(piece, Plain) else piece


def as_source(
    pieces: tuple[Piece, ...], codes: Mapping[str, Piece], figure: FigureText | None = None
) -> tuple[Piece, ...]:
    """A translation's pieces with each code as the source has it (kind, link, footnote units) and each
    figure the current one (:func:`figure_text`); a code the source has not is left out, its text kept."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Plain):
            out.append(piece)
            continue
        known = codes.get(piece.id)
        children = as_source(getattr(piece, "children", ()), codes, figure)
        if known is None or type(known) is not type(piece):
            out.extend(children)
        elif isinstance(known, Marked) and known.kind == "figure":
            out.append(replace(known, children=(Plain(figure_text(known, figure)),)))
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


__all__ = [
    "ORIGIN",
    "CHANGED",
    "Offer",
    "offers",
    "prefilled",
    "figure_text",
    "sentences",
    "as_source",
    "sentences_for",
    "split_like",
]
