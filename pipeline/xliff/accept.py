"""Which returned targets translate the current text: one rule, for the merge and for the next export.

A unit's returned target is *stale* when the returned source differs from the
current one (whitespace, codes and the figures from the data aside: a new figure
is not a new text), a *copy* when it only repeats a source with words to
translate (:func:`needs_translation`), and *accepted* otherwise. The merge prints
accepted targets only; the export pre-fills accepted targets only, the translated
sentences of a partly translated unit, and offers a stale unit's old translation
as a suggestion (:mod:`pipeline.xliff.prefill`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from pipeline.reference import un_names
from pipeline.xliff.document import Returned, Segment
from pipeline.xliff.pieces import Marked, Paired, Piece, Plain
from pipeline.xliff.walk import Unit

MISSING, STALE, COPY, ACCEPTED = "missing", "stale", "copy", "accepted"


def comparable(pieces: tuple[Piece, ...], figures: frozenset[str] = frozenset()) -> str:
    """The text of some pieces as two sources are compared: whitespace normalised, codes left out, and
    the figures from the data (marks ``figures``) as one sign, so that a new figure is not a new text."""
    out: list[str] = []

    def walk(items: tuple[Piece, ...]) -> None:
        for piece in items:
            if isinstance(piece, Plain):
                out.append(piece.text)
            elif isinstance(piece, Marked) and piece.id in figures:
                out.append(" # ")
            elif isinstance(piece, (Paired, Marked)):
                walk(piece.children)
            else:
                out.append(" ")

    walk(pieces)
    return " ".join("".join(out).split())


_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|\b[A-Z][A-Za-z]*(?:/[A-Za-z0-9.]+)+")


def needs_translation(text: str) -> bool:
    """Whether a translation must differ from ``text``: not when it is only numbers and signs, URLs,
    e-mail addresses, document symbols (CCM/MSP/2025/7), acronyms (ISU), a State's name, or one word
    (a heading such as "Introduction" or "Conclusions" is written the same in French)."""
    rest = _NOT_WORDS.sub(" ", text)
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if not (w.isupper() and len(w) > 1)]
    if len(words) < 2:
        return False
    return " ".join(rest.strip(" .,;:()").split()) not in _state_names()


@cache
def _state_names() -> frozenset[str]:
    return frozenset(un_names())


def figures_of(unit: Unit) -> frozenset[str]:
    """The ids of the unit's figure marks (figures from the data)."""
    found: set[str] = set()

    def walk(items: tuple[Piece, ...]) -> None:
        for piece in items:
            if isinstance(piece, Marked) and piece.kind == "figure":
                found.add(piece.id)
            elif isinstance(piece, (Paired, Marked)):
                walk(piece.children)

    walk(unit.source)
    return frozenset(found)


def is_copy(source: tuple[Piece, ...], target: tuple[Piece, ...], figures: frozenset[str] = frozenset()) -> bool:
    """Whether ``target`` only repeats ``source`` (a unit's or one segment's) where a translation must differ."""
    text = comparable(source, figures)
    return comparable(target, figures) == text and needs_translation(text.replace("#", " "))


# The states in which a CAT tool says a segment is not done yet (XLIFF 2: initial; 1.2: new,
# needs-translation): what ccm-report's own exports say of a target it pre-filled with the source.
UNDONE = frozenset({"initial", "new", "needs-translation"})


def left_as_source(source: tuple[Piece, ...], target: tuple[Piece, ...], state: str) -> bool:
    """Whether ``target`` is the source a CAT tool was handed and left alone: the same text, in a state
    that says not done. Unlike :func:`is_copy`, one word counts ("Background" left in English, as an
    OmegaT export pre-fills it): the tool itself says it was not translated."""
    return state in UNDONE and comparable(target) == comparable(source) and bool(comparable(source))


def verdict(unit: Unit, target: tuple[Piece, ...] | None, source: tuple[Piece, ...] | None) -> str:
    """What a returned ``target`` is for the current ``unit``, given the ``source`` the file returned:
    MISSING (none), STALE (translated from another text), COPY (repeats the source) or ACCEPTED."""
    if target is None:
        return MISSING
    figures = figures_of(unit)
    if source is not None and comparable(source, figures) != comparable(unit.source, figures):
        return STALE
    return COPY if is_copy(unit.source, target, figures) else ACCEPTED


@dataclass(frozen=True)
class Known:
    """What a returned file gives the next export of the current units."""

    document: str  # the returned file's document id, for a suggestion's origin
    targets: Mapping[str, tuple[Piece, ...]]  # accepted and whole: pre-filled as translated
    segments: Mapping[str, tuple[Segment, ...]]  # accepted but partial: only these segments are translated
    stale: Mapping[str, tuple[Segment, ...]]  # stale: their translated segments, offered as suggestions


def accepted(returned: Returned, units: Iterable[Unit]) -> Known:
    """The targets of ``returned`` the merge accepts for the current ``units`` (:func:`verdict`), the
    translated segments of its partial units, and the stale units' segments; copies give nothing."""
    own: dict[str, list[Segment]] = {}
    for segment in returned.segments:
        own.setdefault(segment.unit, []).append(segment)
    targets: dict[str, tuple[Piece, ...]] = {}
    segments: dict[str, tuple[Segment, ...]] = {}
    stale: dict[str, tuple[Segment, ...]] = {}
    for unit in units:
        if not unit.translate:
            continue
        said = verdict(unit, returned.targets.get(unit.id), returned.sources.get(unit.id))
        figures = figures_of(unit)
        done = tuple(
            s
            for s in own.get(unit.id, ())
            if s.target is not None and not is_copy(s.source, s.target, figures) and comparable(s.target, figures)
        )
        if said == ACCEPTED and unit.id in returned.partial:
            segments[unit.id] = done
        elif said == ACCEPTED:
            targets[unit.id] = returned.targets[unit.id]
        elif said == STALE and done:
            stale[unit.id] = done
    return Known(returned.document.id, targets, segments, stale)


__all__ = [
    "MISSING",
    "STALE",
    "COPY",
    "ACCEPTED",
    "comparable",
    "needs_translation",
    "figures_of",
    "is_copy",
    "left_as_source",
    "UNDONE",
    "verdict",
    "Known",
    "accepted",
]
