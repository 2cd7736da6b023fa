"""A translation merged back into a document: each unit's target in its place.

The merge walks the document as the export did (:class:`~pipeline.xliff.walk.Walk`),
so structure, numbering and footnotes are the original's. A target's codes are
matched to the source's by id: a code the source has not keeps its text and is
dropped; a footnote reference or a picture the translator left out is put at the
end; a figure left out is reported. Figures are written anew in the target
language (``format_figure``), never taken from the translator's text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from pipeline.model import Config, DocumentSpec
from pipeline.model.blocks import Block, Figure, Footnote, Inline, LineBreak, Link, Styled, Text
from pipeline.xliff.accept import ACCEPTED, COPY, MISSING, STALE, needs_translation, verdict
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
        said = verdict(unit, self.targets.get(unit.id), self.sources.get(unit.id))
        if said == MISSING:
            self.missing.append(unit)
        elif said == STALE:
            self.stale.append(unit)  # translated from another text: a suggestion, not this text's translation
        elif said == COPY:
            self.missing.append(unit)
            self.copies.append(unit)
        if said != ACCEPTED:
            return None
        if unit.id in self.partial_of:
            self.partial.append((unit, self.partial_of[unit.id]))
        return self.targets[unit.id]

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


__all__ = ["Translated", "merge", "needs_translation"]
