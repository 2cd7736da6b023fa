"""A document as units of translation: one walk over it, in reading order.

The walk meets the document's masthead texts from ``meeting.yaml``, its chapter
and section headings, and each heading, paragraph, list item, table cell,
caption and footnote paragraph of every section, in reading order. Collecting
units and merging a translation (:mod:`pipeline.xliff.merge`) walk the same way,
so the translated document has the same structure, numbering and footnotes as
the original by construction.

A unit's id is its section and a digest of its source (kind, text, codes,
figure names; a footnote reference counts as a mark, not as its footnote's
text), so it stays the same across rebuilds while the text does, whatever
changes around it; a late figure in the data does not change it either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace

from pipeline.locale import roman
from pipeline.model import Config, DocumentSpec
from pipeline.model.blocks import (
    Block,
    Figure,
    Footnote,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Placeholder,
    Styled,
    Table,
    Text,
)
from pipeline.xliff.pieces import Ids, Marked, Paired, Piece, Plain, Standalone, canonical, has_text, symbols


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


KIND_LETTERS = {
    "heading": "h",
    "paragraph": "p",
    "item": "i",
    "cell": "c",
    "caption": "t",
    "footnote": "f",
    "field": "m",
    "placeholder": "x",
}


class Walk:
    """One walk over a document that collects its units and gives back its blocks. Here the blocks come
    back as they were; the merge's walk overrides :meth:`translate_field` and :meth:`translate` to put
    each unit's target in its place."""

    def __init__(self):
        self.units: list[Unit | None] = []
        self.ids: set[str] = set()
        self.paragraph = 0
        self.footnote = 0
        self.table = 0
        self.section = ""
        self.heading = ""

    # -- the hooks of a translation --

    def translate_field(self, unit: Unit, text: str) -> str:
        """A text from meeting.yaml in the target language."""
        return text

    def translate(self, unit: Unit, inlines: tuple[Inline, ...], notes: Mapping[str, Footnote]) -> tuple[Inline, ...]:
        """A unit's inlines in the target language; ``notes`` are its footnotes by code id, translated."""
        return inlines

    def untranslatable(self, inlines: tuple[Inline, ...], notes: Mapping[str, Footnote]) -> tuple[Inline, ...]:
        """A unit with nothing to translate (a figure alone, a footnote reference alone) in the target
        language: as it is, its footnotes translated."""
        return inlines

    # -- ids and units --

    def _id(self, kind: str, source: tuple[Piece, ...]) -> str:
        digest = hashlib.sha256(f"{kind}\n{canonical(source)}".encode()).hexdigest()[:10]
        base = f"{self.section}-{KIND_LETTERS[kind]}{digest}"
        unit_id, n = base, 1
        while unit_id in self.ids:  # the same text twice in a section: -2, -3 in reading order
            n += 1
            unit_id = f"{base}-{n}"
        self.ids.add(unit_id)
        return unit_id

    # -- masthead and headings from meeting.yaml --

    def field(self, section: str, place: str, text: str) -> str:
        self.section, self.heading = section, ""
        source = tuple(symbols(text, Ids()))
        unit = Unit(self._id("field", source), section, place, "field", source)
        self.units.append(unit)
        return self.translate_field(unit, text)

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
                kind = (
                    "footnote"
                    if where.startswith("footnote")
                    else "cell"
                    if where.startswith("table")
                    else "item"
                    if where.startswith("list")
                    else "paragraph"
                )
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
                unit = Unit(
                    self._id("placeholder", source),
                    self.section,
                    "placeholder",
                    "placeholder",
                    source,
                    translate=False,
                    heading=self.heading,
                )
                self.units.append(unit)
                out.append(block)
            else:  # pragma: no cover - every block type is handled above
                out.append(block)
        return tuple(out)

    def _rows(self, rows, label: str, first: int):
        return tuple(
            tuple(self.blocks(cell, f"{label}, row {first + r}, cell {c}") for c, cell in enumerate(row, 1))
            for r, row in enumerate(rows, 1)
        )

    def inlines(self, inlines: tuple[Inline, ...], kind: str, place: str) -> tuple[Inline, ...]:
        """One unit: its footnotes' units follow it; returns the inlines in the target language."""
        slot = len(self.units)
        self.units.append(None)  # the unit's own place comes before its footnotes'
        notes: dict[str, Footnote] = {}
        source = tuple(self._encode(inlines, Ids(), notes))
        unit = Unit(self._id(kind, source), self.section, place, kind, source, heading=self.heading)
        self.units[slot] = unit
        if not has_text(source):
            self.units[slot] = replace(unit, translate=False)
            return self.untranslatable(inlines, notes)
        return self.translate(unit, inlines, notes)

    def _encode(self, inlines: tuple[Inline, ...], ids: Ids, notes: dict[str, Footnote]) -> list[Piece]:
        out: list[Piece] = []
        for node in inlines:
            if isinstance(node, Text):
                out.extend(symbols(node.text, ids))
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


def walk_document(
    walk: Walk, config: Config, spec: DocumentSpec, bodies: Mapping[str, tuple[Block, ...]]
) -> tuple[Config, DocumentSpec, dict]:
    """Walk a document's masthead, headings and section bodies; returns them as the walk gives them back."""
    meeting = config.meeting
    meeting = replace(
        meeting,
        body=walk.field("masthead", "body line", meeting.body),
        name=walk.field("masthead", "meeting", meeting.name),
        place=walk.field("masthead", "place", meeting.place),
    )
    agenda = replace(spec.agenda_item, title=walk.field("masthead", "agenda item title", spec.agenda_item.title))
    title = walk.field("masthead", "title", spec.title)
    submitted_by = walk.field("masthead", "submitted by", spec.submitted_by)
    chapters, translated = [], {}
    for n, chapter in enumerate(spec.chapters, 1):
        heading = walk.field(f"chapter-{n}", f"heading of chapter {roman(n)}", chapter.heading)
        sections = []
        for section in chapter.sections:
            section_heading = walk.field(section.id, "section heading", section.heading) if section.heading else ""
            walk.section, walk.heading = section.id, section.heading or chapter.heading
            translated[section.id] = walk.blocks(bodies.get(section.id, ()))
            sections.append(replace(section, heading=section_heading))
        chapters.append(replace(chapter, heading=heading, sections=tuple(sections)))
    spec = replace(spec, agenda_item=agenda, title=title, submitted_by=submitted_by, chapters=tuple(chapters))
    return replace(config, meeting=meeting), spec, translated


def units(config: Config, spec: DocumentSpec, bodies: Mapping[str, tuple[Block, ...]]) -> tuple[Unit, ...]:
    """Every unit of a document, in reading order (a footnote's units after the unit that calls it)."""
    walk = Walk()
    walk_document(walk, config, spec, bodies)
    return tuple(u for u in walk.units if u is not None)


__all__ = ["Unit", "Walk", "walk_document", "units"]
