"""The normalised content of a draft: a small, typed, immutable block model.

Intake reads every draft format through pandoc and maps pandoc's AST onto these
types; render maps them onto the template's styles. Nothing here knows about
pandoc or about Word, so either side can change alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# --- inlines ------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Styled:
    """Character formatting a UN text may keep: italic (titles), super/subscript."""

    style: str  # italic | bold | superscript | subscript | smallcaps | underline
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class Figure:
    """A figure from the data standing in the prose (a draft's ``[[name]]``): its name, its value, and
    the value as written in the document's language. Translation keeps it untouched and rewrites
    ``text`` in the target language's way."""

    name: str
    value: object
    text: str


@dataclass(frozen=True)
class Image:
    """A picture from a draft: its bytes, and its size in inches when the draft gave one."""

    data: bytes
    alt: str = ""
    width_in: float | None = None
    height_in: float | None = None


@dataclass(frozen=True)
class Footnote:
    """A footnote's content, standing where its reference mark stands."""

    blocks: tuple[Block, ...]


Inline = Text | Styled | Link | LineBreak | Footnote | Image | Figure


# --- blocks -------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading inside a section; level 1 is the first level below the section's own heading."""

    level: int
    inlines: tuple[Inline, ...]
    origin: int = 0  # 1-based index of the block in the draft, for diagnostics


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph. ``numbered`` ones get the document's consecutive number."""

    inlines: tuple[Inline, ...]
    numbered: bool = True
    origin: int = 0


@dataclass(frozen=True)
class ListBlock:
    """A bulleted list or lettered subparagraphs, (a), (b) ... at the first level."""

    kind: str  # bullet | lettered
    items: tuple[tuple[Block, ...], ...]
    origin: int = 0


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[tuple[Block, ...], ...], ...]  # rows of cells of blocks
    body: tuple[tuple[tuple[Block, ...], ...], ...]
    caption: tuple[Inline, ...] = ()
    origin: int = 0


@dataclass(frozen=True)
class Placeholder:
    """Stands for a section whose draft has not arrived or could not be read."""

    message: str


Block = Heading | Paragraph | ListBlock | Table | Placeholder


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The visible text of inlines, footnotes excluded."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Figure)):
            out.append(node.text)
        elif isinstance(node, (Styled, Link)):
            out.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            out.append("\n")
    return "".join(out)


def block_text(block: Block) -> str:
    """The visible text of a block, footnotes excluded, for checks and word counts."""
    if isinstance(block, (Heading, Paragraph)):
        return plain_text(block.inlines)
    if isinstance(block, ListBlock):
        return "\n".join(block_text(b) for item in block.items for b in item)
    if isinstance(block, Table):
        return "\n".join(block_text(b) for row in block.header + block.body for cell in row for b in cell)
    if isinstance(block, Placeholder):
        return block.message
    return ""


def footnotes_in(blocks: tuple[Block, ...]) -> list[Footnote]:
    """Every footnote in reading order."""
    found: list[Footnote] = []

    def walk_inlines(inlines: tuple[Inline, ...]) -> None:
        for node in inlines:
            if isinstance(node, Footnote):
                found.append(node)
            elif isinstance(node, (Styled, Link)):
                walk_inlines(node.children)

    def walk(bs: tuple[Block, ...]) -> None:
        for b in bs:
            if isinstance(b, (Heading, Paragraph)):
                walk_inlines(b.inlines)
            elif isinstance(b, ListBlock):
                for item in b.items:
                    walk(item)
            elif isinstance(b, Table):
                for row in b.header + b.body:
                    for cell in row:
                        walk(cell)

    walk(blocks)
    return found


def map_text(blocks: tuple[Block, ...], change: Callable[[str], str]) -> tuple[Block, ...]:
    """The same blocks with ``change`` applied to every text, footnotes and table cells included."""
    return map_inlines(blocks, lambda text: (Text(change(text)),))


def map_inlines(blocks: tuple[Block, ...], change: Callable[[str], tuple[Inline, ...]]) -> tuple[Block, ...]:
    """The same blocks with every text replaced by the inlines ``change`` makes of it."""

    def inlines(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for node in nodes:
            if isinstance(node, Text):
                out.extend(change(node.text))
            elif isinstance(node, Styled):
                out.append(Styled(node.style, inlines(node.children)))
            elif isinstance(node, Link):
                out.append(Link(inlines(node.children), node.url))
            elif isinstance(node, Footnote):
                out.append(Footnote(walk(node.blocks)))
            else:
                out.append(node)
        return tuple(out)

    def rows(table_rows):
        return tuple(tuple(walk(cell) for cell in row) for row in table_rows)

    def walk(bs: tuple[Block, ...]) -> tuple[Block, ...]:
        out: list[Block] = []
        for b in bs:
            if isinstance(b, Heading):
                out.append(Heading(b.level, inlines(b.inlines), b.origin))
            elif isinstance(b, Paragraph):
                out.append(Paragraph(inlines(b.inlines), b.numbered, b.origin))
            elif isinstance(b, ListBlock):
                out.append(ListBlock(b.kind, tuple(walk(item) for item in b.items), b.origin))
            elif isinstance(b, Table):
                out.append(Table(rows(b.header), rows(b.body), inlines(b.caption), b.origin))
            else:
                out.append(b)
        return tuple(out)

    return walk(blocks)


# A figure from the data named in a draft's prose: "[[article7.annual.submitted]]" (see pipeline.compute.figures).
PLACEHOLDER = re.compile(r"\[\[([^\n]{0,100}?)\]\]")


def without_placeholders(text: str) -> str:
    """The text less its placeholders, for the nothing-lost check (their figures are not the author's words)."""
    return PLACEHOLDER.sub(" ", text)
