"""A translation merged back into a document: each unit's target in its place.

The merge walks the document as the export did (:class:`~pipeline.xliff.walk.Walk`),
so structure, numbering and footnotes are the original's. A target's codes are
matched to the source's by id: a code the source has not keeps its text and is
dropped; a footnote reference or a picture the translator left out is put at the
end; a figure left out is reported. Figures are written anew in the target
language (``format_figure``), never taken from the translator's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache

from pipeline.model import Config, DocumentSpec
from pipeline.model.blocks import Block, Figure, Footnote, Inline, LineBreak, Link, Styled, Text
from pipeline.reference import un_names
from pipeline.xliff.pieces import Marked, Paired, Piece, Plain, Standalone, codes_of, plain_of
from pipeline.xliff.walk import Unit, Walk, walk_document


@dataclass(frozen=True)
class Translated:
    """A document in the target language, as the renderer takes it, and what the merge found."""

    config: Config
    spec: DocumentSpec
    bodies: Mapping[str, tuple[Block, ...]]
    missing: tuple[Unit, ...]  # units with no translation (or a copy of the source): left in the original language
    problems: tuple[tuple[Unit, str], ...]  # a unit and what is wrong with its translation
    stale: tuple[Unit, ...] = ()  # translated from a source that has changed since: the current source is printed
    partial: tuple[tuple[Unit, tuple[str, ...]], ...] = ()  # merged, with these segments left in the original
    copies: tuple[Unit, ...] = ()  # among ``missing``: a target that only repeats the source


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


def _figures(unit: Unit) -> frozenset[str]:
    found: set[str] = set()

    def walk(items: tuple[Piece, ...]) -> None:
        for piece in items:
            if isinstance(piece, Marked) and piece.kind == "figure":
                found.add(piece.id)
            elif isinstance(piece, (Paired, Marked)):
                walk(piece.children)

    walk(unit.source)
    return frozenset(found)


class _Merge(Walk):
    """The walk that puts each unit's target in its place (``format_figure`` writes a figure in the
    target language) and notes the units without one and the problems of the others."""

    def __init__(
        self,
        targets: Mapping[str, tuple[Piece, ...]],
        format_figure: Callable[[str, object], str] | None = None,
        sources: Mapping[str, tuple[Piece, ...]] | None = None,
        partial: Mapping[str, tuple[str, ...]] | None = None,
    ):
        super().__init__()
        self.targets = targets
        self.format_figure = format_figure or (lambda _name, value: str(value))
        self.sources = sources or {}
        self.partial_of = partial or {}
        self.missing: list[Unit] = []
        self.problems: list[tuple[Unit, str]] = []
        self.stale: list[Unit] = []
        self.partial: list[tuple[Unit, tuple[str, ...]]] = []
        self.copies: list[Unit] = []

    def _target(self, unit: Unit) -> tuple[Piece, ...] | None:
        if not unit.translate:
            return None
        found = self.targets.get(unit.id)
        if found is None:
            self.missing.append(unit)
            return None
        figures = _figures(unit)
        current = comparable(unit.source, figures)
        returned = self.sources.get(unit.id)
        if returned is not None and comparable(returned, figures) != current:
            self.stale.append(unit)  # translated from another text: a suggestion, not this text's translation
            return None
        if comparable(found, figures) == current and needs_translation(current.replace("#", " ")):
            self.missing.append(unit)
            self.copies.append(unit)
            return None
        if unit.id in self.partial_of:
            self.partial.append((unit, self.partial_of[unit.id]))
        return found

    def untranslatable(self, inlines: tuple[Inline, ...], notes: Mapping[str, Footnote]) -> tuple[Inline, ...]:
        return _with_notes(inlines, iter(notes.values()))

    def translate_field(self, unit: Unit, text: str) -> str:
        target = self._target(unit)
        return text if target is None else plain_of(target).strip() or text

    def translate(self, unit: Unit, inlines: tuple[Inline, ...], notes: Mapping[str, Footnote]) -> tuple[Inline, ...]:
        target = self._target(unit)
        if target is None:  # left in the original language; its footnotes, units of their own, translated
            return _with_notes(inlines, iter(notes.values()))
        return tuple(self._decode(unit, target, notes))

    def _decode(self, unit: Unit, target: tuple[Piece, ...], notes: Mapping[str, Footnote]) -> list[Inline]:
        codes = codes_of(unit.source)
        used: set[str] = set()

        def walk(pieces: tuple[Piece, ...]) -> list[Inline]:
            out: list[Inline] = []
            for piece in pieces:
                if isinstance(piece, Plain):
                    out.append(Text(piece.text))
                    continue
                known = codes.get(piece.id)
                if known is None or type(known) is not type(piece):
                    self.problems.append(
                        (
                            unit,
                            f"the translation has a code {piece.id} the original has not; its text is kept without it",
                        )
                    )
                    out.extend(walk(getattr(piece, "children", ())))
                    continue
                if piece.id in used:
                    self.problems.append(
                        (unit, f"the code {piece.id} stands twice in the translation; the second is dropped")
                    )
                    continue
                used.add(piece.id)
                if isinstance(known, Paired):
                    children = tuple(walk(getattr(piece, "children", ())))  # a Paired too, as checked above
                    out.append(Link(children, known.url) if known.kind == "link" else Styled(known.kind, children))
                elif isinstance(known, Marked):
                    if known.kind == "figure":
                        out.append(Figure(known.value, known.figure, self.format_figure(known.value, known.figure)))
                    else:
                        out.append(Text(plain_of(known.children)))
                elif known.kind == "lb":
                    out.append(LineBreak())
                elif known.kind == "image" and known.image is not None:  # a picture's code always holds it
                    out.append(known.image)
                else:
                    out.append(notes[known.id])
            return out

        result = walk(target)
        for code, known in codes.items():
            if code in used:
                continue
            if isinstance(known, Standalone) and known.kind == "footnote":
                self.problems.append(
                    (
                        unit,
                        f"the translation lacks the footnote reference {code}; the "
                        "footnote is put at the end of the text",
                    )
                )
                result.append(notes[code])
            elif isinstance(known, Marked) and known.kind == "figure":
                self.problems.append(
                    (
                        unit,
                        f"the translation lacks the figure {known.value} ({code}); "
                        "check that its number is in the text",
                    )
                )
            elif isinstance(known, Standalone) and known.kind == "image" and known.image is not None:
                self.problems.append((unit, f"the translation lacks the picture {code}; it is put at the end"))
                result.append(known.image)
        return result


def _with_notes(inlines: tuple[Inline, ...], notes: Iterator[Footnote]) -> tuple[Inline, ...]:
    """The inlines as they are, each footnote replaced by its translated twin (in reading order, as the
    walk met them)."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Footnote):
            out.append(next(notes, node))
        elif isinstance(node, Styled):
            out.append(replace(node, children=_with_notes(node.children, notes)))
        elif isinstance(node, Link):
            out.append(replace(node, children=_with_notes(node.children, notes)))
        else:
            out.append(node)
    return tuple(out)


def merge(
    config: Config,
    spec: DocumentSpec,
    bodies: Mapping[str, tuple[Block, ...]],
    targets: Mapping[str, tuple[Piece, ...]],
    format_figure: Callable[[str, object], str] | None = None,
    *,
    sources: Mapping[str, tuple[Piece, ...]] | None = None,
    partial: Mapping[str, tuple[str, ...]] | None = None,
) -> Translated:
    """The document with each unit's target in its place; units without one stay as they are and
    are listed in ``missing``. With the returned file's ``sources``, a unit translated from a text
    other than the document's (figures aside) is ``stale`` and stays as it is; a target that repeats
    a source with words to translate is not a translation (``copies``, among ``missing``)."""
    walk = _Merge(targets, format_figure, sources, partial)
    config, spec, translated = walk_document(walk, config, spec, bodies)
    return Translated(
        config,
        spec,
        translated,
        tuple(walk.missing),
        tuple(walk.problems),
        tuple(walk.stale),
        tuple(walk.partial),
        tuple(walk.copies),
    )


__all__ = ["Translated", "merge"]
