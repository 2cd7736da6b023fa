"""A document as units of translation, and a translation merged back into it.

One walk over a document (its masthead texts from ``meeting.yaml``, its chapter
and section headings, and the blocks of every section) meets each heading,
paragraph, list item, table cell, caption and footnote paragraph in reading
order. Exporting collects them as :class:`Unit` values; merging walks the same
way and puts each unit's target in its place, so the translated document has
the same structure, numbering and footnotes as the original by construction.

A unit's content is a tuple of *pieces*: plain text, paired codes (italic,
bold, a link...), standalone codes (a line break, a picture, a footnote's
reference, which names the footnote's own units) and marks not to translate
(a figure from the data, a document symbol). Code ids are given in order
(c1, c2 ... and m1, m2 ...), so the same source always has the same ids, and a
translation's codes are matched back to the source's by id.

A unit's id is its section and a digest of its source (kind, text, codes,
figure names; a footnote reference counts as a mark, not as its footnote's
text), so it stays the same across rebuilds while the text does, whatever
changes around it; a late figure in the data does not change it either.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping, Union

from pipeline.model.blocks import (Block, Figure, Footnote, Heading, Image, Inline, LineBreak, Link, ListBlock, Paragraph,
                     Placeholder, Styled, Table, Text)
from pipeline.locale import roman
from pipeline.model import Config, DocumentSpec

# --- pieces --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plain:
    text: str


@dataclass(frozen=True)
class Paired:
    """Formatting around some text: italic, bold, underline, superscript, subscript, smallcaps, or a link."""

    id: str
    kind: str
    children: tuple["Piece", ...]
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
    children: tuple["Piece", ...]
    value: str = ""
    figure: object = field(default=None, compare=False, repr=False)  # the figure's value, for the merge


Piece = Union[Plain, Paired, Standalone, Marked]

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
            out.append(f"<{piece.kind} {piece.value}>" if piece.kind == "figure"
                       else f"<{piece.kind}>{canonical(piece.children)}</>")
        else:
            out.append(f"<{piece.kind}/>")
    return "".join(out)


# --- units ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One thing a translator translates, where it comes from, and its source as pieces."""

    id: str
    section: str  # a section id, or "masthead"
    place: str  # "paragraph 12", "table 1, row 2, cell 3", "footnote 4" ...
    kind: str  # heading | paragraph | item | cell | caption | footnote | field | placeholder
    source: tuple[Piece, ...]
    translate: bool = True
    heading: str = ""  # the section's heading, for the translator's note

    @property
    def note(self) -> str:
        where = f"section \u201c{self.heading}\u201d ({self.section})" if self.heading else f"{self.section}"
        return f"{where}, {self.place}"


@dataclass(frozen=True)
class Translated:
    """A document in the target language, as the renderer takes it, and what the merge found."""

    config: Config
    spec: DocumentSpec
    bodies: Mapping[str, tuple[Block, ...]]
    missing: tuple[Unit, ...]  # units with no translation: they are left in the original language
    problems: tuple[tuple[Unit, str], ...]  # a unit and what is wrong with its translation


KIND_LETTERS = {"heading": "h", "paragraph": "p", "item": "i", "cell": "c", "caption": "t", "footnote": "f",
                "field": "m", "placeholder": "x"}


class _Walk:
    """One walk over a document. Without ``targets`` it collects the units; with them it also
    builds the translated blocks (``format_figure`` writes a figure in the target language)."""

    def __init__(self, targets: Mapping[str, tuple[Piece, ...]] | None = None,
                 format_figure: Callable[[str, object], str] | None = None):
        self.targets = targets
        self.format_figure = format_figure or (lambda _name, value: str(value))
        self.units: list[Unit | None] = []
        self.ids: set[str] = set()
        self.missing: list[Unit] = []
        self.problems: list[tuple[Unit, str]] = []
        self.paragraph = 0
        self.footnote = 0
        self.table = 0
        self.section = ""
        self.heading = ""

    # -- ids and units --

    def _id(self, kind: str, source: tuple[Piece, ...]) -> str:
        digest = hashlib.sha256(f"{kind}\n{canonical(source)}".encode("utf-8")).hexdigest()[:10]
        base = f"{self.section}-{KIND_LETTERS[kind]}{digest}"
        unit_id, n = base, 1
        while unit_id in self.ids:  # the same text twice in a section: -2, -3 in reading order
            n += 1
            unit_id = f"{base}-{n}"
        self.ids.add(unit_id)
        return unit_id

    def _target(self, unit: Unit) -> tuple[Piece, ...] | None:
        if self.targets is None or not unit.translate:
            return None
        found = self.targets.get(unit.id)
        if found is None:
            self.missing.append(unit)
        return found

    # -- masthead and headings from meeting.yaml --

    def field(self, section: str, place: str, text: str) -> str:
        self.section, self.heading = section, ""
        source = tuple(_symbols(text, _Ids()))
        unit = Unit(self._id("field", source), section, place, "field", source)
        self.units.append(unit)
        target = self._target(unit)
        return text if target is None else plain_of(target).strip() or text

    # -- blocks --

    def blocks(self, blocks: tuple[Block, ...], where: str = "") -> tuple[Block, ...]:
        out: list[Block] = []
        for block in blocks:
            if isinstance(block, Heading):
                out.append(replace(block, inlines=self.inlines(block.inlines, "heading", where or "heading")))
            elif isinstance(block, Paragraph):
                if not where and block.numbered:
                    self.paragraph += 1
                    place = f"paragraph {self.paragraph}"
                else:
                    place = where or "unnumbered paragraph"
                kind = "footnote" if where.startswith("footnote") else "cell" if where.startswith("table") \
                    else "item" if where.startswith("list") else "paragraph"
                out.append(replace(block, inlines=self.inlines(block.inlines, kind, place)))
            elif isinstance(block, ListBlock):
                after = f"list after paragraph {self.paragraph}"
                items = []
                for n, item in enumerate(block.items, 1):
                    items.append(self.blocks(item, where or f"{after}, item {n}"))
                out.append(replace(block, items=tuple(items)))
            elif isinstance(block, Table):
                self.table += 1
                label = where or f"table {self.table}"
                caption = self.inlines(block.caption, "caption", f"{label}, caption") if block.caption else ()
                header = self._rows(block.header, label, 0)
                body = self._rows(block.body, label, len(block.header))
                out.append(replace(block, caption=caption, header=header, body=body))
            elif isinstance(block, Placeholder):
                source = (Plain(block.message),)
                unit = Unit(self._id("placeholder", source), self.section, "placeholder", "placeholder",
                            source, translate=False, heading=self.heading)
                self.units.append(unit)
                out.append(block)
            else:  # pragma: no cover - every block type is handled above
                out.append(block)
        return tuple(out)

    def _rows(self, rows, label: str, first: int):
        return tuple(
            tuple(self.blocks(cell, f"{label}, row {first + r}, cell {c}") for c, cell in enumerate(row, 1))
            for r, row in enumerate(rows, 1))

    def inlines(self, inlines: tuple[Inline, ...], kind: str, place: str) -> tuple[Inline, ...]:
        """One unit: its footnotes' units follow it; returns the inlines in the target language."""
        slot = len(self.units)
        self.units.append(None)  # the unit's own place comes before its footnotes'
        notes: dict[str, Footnote] = {}
        ids = _Ids()
        source = tuple(self._encode(inlines, ids, notes))
        unit = Unit(self._id(kind, source), self.section, place, kind, source, heading=self.heading)
        self.units[slot] = unit
        if not _has_text(source):
            self.units[slot] = replace(unit, translate=False)
            return inlines
        target = self._target(unit)
        if target is None:
            return inlines
        return tuple(self._decode(unit, target, notes))

    def _encode(self, inlines: tuple[Inline, ...], ids: "_Ids", notes: dict[str, Footnote]) -> list[Piece]:
        out: list[Piece] = []
        for node in inlines:
            if isinstance(node, Text):
                out.extend(_symbols(node.text, ids))
            elif isinstance(node, Figure):
                out.append(Marked(ids.mark(), "figure", (Plain(node.text),), node.name, node.value))
            elif isinstance(node, Styled):
                code = ids.code()
                out.append(Paired(code, node.style, tuple(self._encode(node.children, ids, notes))))
            elif isinstance(node, Link):
                code = ids.code()
                out.append(Paired(code, "link", tuple(self._encode(node.children, ids, notes)), node.url))
            elif isinstance(node, LineBreak):
                out.append(Standalone(ids.code(), "lb"))
            elif isinstance(node, Image):
                out.append(Standalone(ids.code(), "image", image=node))
            elif isinstance(node, Footnote):
                self.footnote += 1
                start = len(self.units)
                translated = self.blocks(node.blocks, f"footnote {self.footnote}")
                refs = tuple(u.id for u in self.units[start:] if u is not None)
                code = ids.code()
                out.append(Standalone(code, "footnote", refs))
                notes[code] = Footnote(translated)
        return out

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
                    self.problems.append((unit, f"the translation has a code {piece.id} the original has not; "
                                                "its text is kept without it"))
                    out.extend(walk(getattr(piece, "children", ())))
                    continue
                if piece.id in used:
                    self.problems.append((unit, f"the code {piece.id} stands twice in the translation; "
                                                "the second is dropped"))
                    continue
                used.add(piece.id)
                if isinstance(known, Paired):
                    children = tuple(walk(piece.children))
                    out.append(Link(children, known.url) if known.kind == "link" else Styled(known.kind, children))
                elif isinstance(known, Marked):
                    if known.kind == "figure":
                        out.append(Figure(known.value, known.figure, self.format_figure(known.value, known.figure)))
                    else:
                        out.append(Text(plain_of(known.children)))
                elif known.kind == "lb":
                    out.append(LineBreak())
                elif known.kind == "image":
                    out.append(known.image)
                else:
                    out.append(notes[known.id])
            return out

        result = walk(target)
        for code, known in codes.items():
            if code in used:
                continue
            if isinstance(known, Standalone) and known.kind == "footnote":
                self.problems.append((unit, f"the translation lacks the footnote reference {code}; the "
                                            "footnote is put at the end of the text"))
                result.append(notes[code])
            elif isinstance(known, Marked) and known.kind == "figure":
                self.problems.append((unit, f"the translation lacks the figure {known.value} ({code}); "
                                            "check that its number is in the text"))
            elif isinstance(known, Standalone) and known.kind == "image":
                self.problems.append((unit, f"the translation lacks the picture {code}; it is put at the end"))
                result.append(known.image)
        return result


class _Ids:
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


def _symbols(text: str, ids: _Ids) -> list[Piece]:
    out: list[Piece] = []
    at = 0
    for match in SYMBOL.finditer(text):
        if match.start() > at:
            out.append(Plain(text[at:match.start()]))
        out.append(Marked(ids.mark(), "symbol", (Plain(match.group(0)),)))
        at = match.end()
    if at < len(text) or not out:
        out.append(Plain(text[at:]))
    return [p for p in out if not (isinstance(p, Plain) and not p.text)] or [Plain("")]


def _has_text(pieces: tuple[Piece, ...]) -> bool:
    """Whether a unit has words to translate (not only codes, figures, symbols and spaces)."""
    for piece in pieces:
        if isinstance(piece, Plain) and re.search(r"[^\W\d_]", piece.text):
            return True
        if isinstance(piece, Paired) and _has_text(piece.children):
            return True
    return False


def codes_of(pieces: tuple[Piece, ...]) -> dict[str, Piece]:
    """The codes and marks of a unit's pieces by id, nested ones included."""
    found: dict[str, Piece] = {}
    for piece in pieces:
        if isinstance(piece, (Paired, Standalone, Marked)):
            found[piece.id] = piece
        if isinstance(piece, Paired):
            found.update(codes_of(piece.children))
    return found


# --- the document ---------------------------------------------------------------------------


def _walk_document(walk: _Walk, config: Config, spec: DocumentSpec,
                   bodies: Mapping[str, tuple[Block, ...]]) -> tuple[Config, DocumentSpec, dict]:
    meeting = config.meeting
    meeting = replace(meeting,
                      body=walk.field("masthead", "body line", meeting.body),
                      name=walk.field("masthead", "meeting", meeting.name),
                      place=walk.field("masthead", "place", meeting.place))
    agenda = replace(spec.agenda_item, title=walk.field("masthead", "agenda item title", spec.agenda_item.title))
    title = walk.field("masthead", "title", spec.title)
    submitted_by = walk.field("masthead", "submitted by", spec.submitted_by)
    chapters, translated = [], {}
    for n, chapter in enumerate(spec.chapters, 1):
        heading = walk.field(f"chapter-{n}", f"heading of chapter {roman(n)}", chapter.heading)
        sections = []
        for section in chapter.sections:
            section_heading = walk.field(section.id, "section heading", section.heading) \
                if section.heading else ""
            walk.section, walk.heading = section.id, section.heading or chapter.heading
            translated[section.id] = walk.blocks(bodies.get(section.id, ()))
            sections.append(replace(section, heading=section_heading))
        chapters.append(replace(chapter, heading=heading, sections=tuple(sections)))
    spec = replace(spec, agenda_item=agenda, title=title, submitted_by=submitted_by, chapters=tuple(chapters))
    return replace(config, meeting=meeting), spec, translated


def units(config: Config, spec: DocumentSpec, bodies: Mapping[str, tuple[Block, ...]]) -> tuple[Unit, ...]:
    """Every unit of a document, in reading order (a footnote's units after the unit that calls it)."""
    walk = _Walk()
    _walk_document(walk, config, spec, bodies)
    return tuple(u for u in walk.units if u is not None)


def merge(config: Config, spec: DocumentSpec, bodies: Mapping[str, tuple[Block, ...]],
          targets: Mapping[str, tuple[Piece, ...]],
          format_figure: Callable[[str, object], str] | None = None) -> Translated:
    """The document with each unit's target in its place; units without one stay as they are and
    are listed in ``missing``."""
    walk = _Walk(targets, format_figure)
    config, spec, translated = _walk_document(walk, config, spec, bodies)
    return Translated(config, spec, translated, tuple(walk.missing), tuple(walk.problems))


__all__ = ["Plain", "Paired", "Standalone", "Marked", "Piece", "Unit", "Translated", "units", "merge",
           "plain_of", "canonical"]
