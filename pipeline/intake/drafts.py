"""From pandoc's AST to the normalised block model: pure functions.

What normalisation does, in order:

1. applies the tracked-changes policy (accept: keep insertions, drop deletions;
   reject: the reverse; fail: report them) and drops comments, counting both;
2. maps headings onto levels below the section's own heading, whatever levels
   the draft used, and strips hand-typed numbers ("II.", "A.", "1.", "(a)");
3. turns top-level paragraphs (and paragraphs the author numbered with Word's
   own decimal list) into body paragraphs, which the document numbers once;
4. keeps lettered lists and bullets as lists, tables with their header rows, and
   footnotes where they stand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import Diagnostic, Location, error, warning
from pipeline.intake.captions import captions, has_footnote
from pipeline.model import DraftStats
from pipeline.model.blocks import (
    Block,
    Footnote,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Styled,
    Table,
    Text,
)
from pipeline.ooxml.wordml import picture_size

# "II. ", "A. ", "1. ", "1.2 ", "(a) ", "(iv) ", "a) " at the start of a heading.
HEADING_NUMBER = re.compile(r"^\s*(?:[IVXL]{1,6}\.|[A-Z]\.|\d{1,3}(?:\.\d{1,3})*\.?|\([a-z]{1,4}\)|[a-z]\))\s+")
# "1. ", "12) " typed at the start of a body paragraph.
PARAGRAPH_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")

LETTERED_STYLES = {"LowerAlpha", "UpperAlpha", "LowerRoman", "UpperRoman"}


@dataclass
class _State:
    policy: str
    where: str  # the draft's path, for diagnostics
    stats: DraftStats
    diagnostics: list[Diagnostic]
    block_index: int = 0
    media: Mapping[str, bytes] = field(default_factory=dict)

    def location(self) -> Location:
        return Location(self.where, f"paragraph {self.block_index}")


def normalise(
    ast: dict,
    *,
    where: str,
    policy: str = "accept",
    titles: tuple[str, ...] = (),
    media: Mapping[str, bytes] | None = None,
) -> tuple[tuple[Block, ...], DraftStats, list[Diagnostic]]:
    """Blocks of a draft from its pandoc AST; ``where`` names the draft in diagnostics.

    ``titles`` are the headings the document prints above the section (its own
    and its chapter's): a draft heading that repeats one of them is its title.
    ``media`` holds the bytes of the images the AST refers to, by path.
    """
    state = _State(policy=policy, where=where, stats=DraftStats(), diagnostics=[], media=media or {})
    raw_blocks = _drop_title(ast.get("blocks", []), state.stats, titles)
    # Paragraph numbers in diagnostics count the draft's own blocks, its title included.
    state.block_index = len(ast.get("blocks", [])) - len(raw_blocks)
    levels = [b["c"][0] for b in _walk_headers(raw_blocks)]
    top = min(levels) if levels else 1
    out: list[Block] = []
    for raw in raw_blocks:
        state.block_index += 1
        out.extend(_block(raw, state, top, top_level=True))
    if policy == "fail" and (state.stats.insertions or state.stats.deletions):
        state.diagnostics.append(
            error(
                "draft.tracked-changes",
                Location(where),
                f"{state.stats.insertions + state.stats.deletions} tracked change(s) are still in the draft, "
                "which is refused (meeting.yaml says tracked_changes: fail, or leaves it out and this is a "
                "--final build); ask the coordinators to accept or reject them in Word, or set "
                "tracked_changes: accept or reject under drafts: in meeting.yaml",
            )
        )
    return captions(_join_lists(out)), state.stats, state.diagnostics


def _join_lists(blocks: list[Block]) -> list[Block]:
    """One list from lists of the same kind that follow each other.

    LibreOffice saves a Word lettered list as one list per item, which would
    letter every item (a).
    """
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, ListBlock) and out and isinstance(out[-1], ListBlock) and out[-1].kind == block.kind:
            out[-1] = ListBlock(block.kind, out[-1].items + block.items, out[-1].origin)
        else:
            out.append(block)
    return out


def _drop_title(blocks: list, stats: DraftStats, titles: tuple[str, ...]) -> list:
    """Drop the draft's title: a first heading that heads the other headings, or repeats the section's.

    Coordinators head their file "Universalization (Actions 10 and 11)"; the
    document prints the section's own heading instead. A lone first heading that
    is not the section's name is kept: better a heading too many than text lost.
    """
    if not blocks or blocks[0]["t"] != "Header":
        return blocks
    level = blocks[0]["c"][0]
    others = _walk_headers(blocks)[1:]
    heads_the_rest = bool(others) and all(h["c"][0] > level for h in others)
    text = _plain(_inlines(blocks[0]["c"][2], _State("accept", "", DraftStats(), []))).strip().lower()
    repeats = any(t and text.startswith(t.strip().lower()) for t in titles)
    if not (heads_the_rest or repeats):
        return blocks
    stats.drop("draft title")
    stats.removed_text.append(text)
    return blocks[1:]


def _plain(inlines: tuple[Inline, ...]) -> str:
    from pipeline.model.blocks import plain_text

    return plain_text(inlines)


def _walk_headers(blocks: list) -> list:
    found = []
    for b in blocks:
        if b["t"] == "Header":
            found.append(b)
        elif b["t"] in ("Div", "BlockQuote"):
            found.extend(_walk_headers(b["c"][1] if b["t"] == "Div" else b["c"]))
    return found


def _block(raw: dict, st: _State, top: int, *, top_level: bool) -> list[Block]:
    kind = raw["t"]
    # pandoc's JSON: the shape of "c" depends on the kind; a block without content (HorizontalRule) has none.
    content: Any = raw.get("c")
    if kind == "Header":
        inlines = _strip_prefix(_inlines(content[2], st), HEADING_NUMBER, st)
        if not _has_text(inlines):
            return []
        return [Heading(level=max(1, content[0] - top + 1), inlines=inlines, origin=st.block_index)]
    if kind in ("Para", "Plain"):
        inlines = _inlines(content, st)
        if top_level:
            inlines = _strip_prefix(inlines, PARAGRAPH_NUMBER, st)
        if not _has_text(inlines) and not has_footnote(inlines) and not any(isinstance(n, Image) for n in inlines):
            st.stats.drop("empty paragraph")
            return []
        # A picture on its own line is a figure, not a numbered paragraph.
        numbered = top_level and (_has_text(inlines) or has_footnote(inlines))
        return [Paragraph(inlines=inlines, numbered=numbered, origin=st.block_index)]
    if kind == "LineBlock":
        lines: list[Inline] = []
        for line in content:
            if lines:
                lines.append(LineBreak())
            lines.extend(_inlines(line, st))
        return [Paragraph(inlines=tuple(lines), numbered=top_level, origin=st.block_index)]
    if kind == "OrderedList":
        (_start, style, _delim), items = content
        if top_level and style["t"] not in LETTERED_STYLES:
            # Word's decimal numbering on body paragraphs: the document numbers them itself.
            return [b for item in items for raw_b in item for b in _block(raw_b, st, top, top_level=True)]
        return [ListBlock("lettered", _items(items, st, top), origin=st.block_index)]
    if kind == "BulletList":
        return [ListBlock("bullet", _items(content, st, top), origin=st.block_index)]
    if kind == "Table":
        return [_table(content, st, top)]
    if kind == "Div":
        return [b for inner in content[1] for b in _block(inner, st, top, top_level=top_level)]
    if kind == "BlockQuote":
        return [b for inner in content for b in _block(inner, st, top, top_level=False)]
    if kind == "Figure":
        out = [b for inner in content[2] for b in _block(inner, st, top, top_level=False)]
        caption = [b for inner in content[1][1] for b in _block(inner, st, top, top_level=False)]
        return out + caption
    if kind == "CodeBlock":
        return [Paragraph(inlines=(Text(content[1]),), numbered=top_level, origin=st.block_index)]
    if kind == "DefinitionList":
        defined: list[Block] = []
        for term, definitions in content:
            defined.append(Paragraph(inlines=_inlines(term, st), numbered=top_level, origin=st.block_index))
            for definition in definitions:
                for inner in definition:
                    defined.extend(_block(inner, st, top, top_level=False))
        return defined
    st.stats.drop({"HorizontalRule": "horizontal rule", "RawBlock": "raw HTML removed"}.get(kind, kind))
    return []


def _items(items: list, st: _State, top: int) -> tuple[tuple[Block, ...], ...]:
    return tuple(tuple(b for raw in item for b in _block(raw, st, top, top_level=False)) for item in items)


def _table(content: list, st: _State, top: int) -> Table:
    _attr, caption, _colspecs, head, bodies, foot = content

    def rows(raw_rows: list) -> tuple:
        return tuple(
            tuple(tuple(b for raw in cell[4] for b in _block(raw, st, top, top_level=False)) for cell in row[1])
            for row in raw_rows
        )

    header = rows(head[1])
    body: tuple = ()
    for raw_body in bodies:
        body += rows(raw_body[2]) + rows(raw_body[3])
    body += rows(foot[1])
    caption_inlines: tuple[Inline, ...] = ()
    for raw in caption[1]:
        if raw["t"] in ("Para", "Plain"):
            caption_inlines += _inlines(raw["c"], st)
    return Table(header=header, body=body, caption=caption_inlines, origin=st.block_index)


_STYLED = {
    "Emph": "italic",
    "Strong": "bold",
    "Underline": "underline",
    "Superscript": "superscript",
    "Subscript": "subscript",
    "SmallCaps": "smallcaps",
}


def _inlines(raw_inlines: list, st: _State) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for raw in raw_inlines:
        kind, content = raw["t"], raw.get("c")
        if kind == "Str":
            out.append(Text(content))
        elif kind in ("Space", "SoftBreak"):
            out.append(Text(" "))
        elif kind == "LineBreak":
            out.append(LineBreak())
        elif kind in ("Strong", "Underline"):
            # UN style: no bold or underlining for emphasis; the words stay, the emphasis goes.
            st.stats.drop(f"{_STYLED[kind]} emphasis")
            out.extend(_inlines(content, st))
        elif kind in _STYLED:
            out.append(Styled(_STYLED[kind], _inlines(content, st)))
        elif kind == "Strikeout":
            st.stats.drop("struck-out text")
        elif kind == "Quoted":
            open_, close = ("\u201c", "\u201d") if content[0]["t"] == "DoubleQuote" else ("\u2018", "\u2019")
            out.append(Text(open_))
            out.extend(_inlines(content[1], st))
            out.append(Text(close))
        elif kind == "Cite":
            out.extend(_inlines(content[1], st))
        elif kind == "Code":
            out.append(Text(content[1]))
        elif kind == "Math":
            st.diagnostics.append(
                warning(
                    "draft.unplaced",
                    st.location(),
                    f"an equation ({content[1][:60]}) cannot be placed in the document; “[equation]” "
                    "stands in its place: write it out in words",
                )
            )
            st.stats.drop("equation")
            out.append(Text("[equation]"))
        elif kind == "Link":
            out.append(Link(_inlines(content[1], st), content[2][0]))
        elif kind == "Note":
            blocks = tuple(b for inner in content for b in _block(inner, st, 1, top_level=False))
            out.append(Footnote(blocks))
        elif kind == "Span":
            out.extend(_span(content, st))
        elif kind == "Image":
            out.extend(_image(content, st))
        else:  # RawInline (HTML tags and comments in Markdown) and anything newer than this code
            st.stats.drop("raw HTML removed")
    return _merge_text(out)


_LENGTH = re.compile(r"^([0-9.]+)(in|cm|mm|px|pt)?$")
_INCHES = {"in": 1.0, "cm": 1 / 2.54, "mm": 1 / 25.4, "pt": 1 / 72, "px": 1 / 96, None: 1 / 96}


def _inches(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) * _INCHES[match.group(2)] if match else None


def _image(content: list, st: _State) -> list[Inline]:
    """An embedded picture with its size; a linked (not embedded) one is named and left out."""
    (_id, _classes, attrs), alt, (target, _title) = content
    data = st.media.get(target)
    if data is None:
        st.stats.drop("image")
        st.diagnostics.append(
            warning(
                "draft.unplaced",
                st.location(),
                f"an image linked to {target!r} is not inside the file and was "
                "left out; insert the picture itself in Word",
            )
        )
        return []
    size = dict(attrs)
    image = Image(data, _plain(_inlines(alt, st)), _inches(size.get("width")), _inches(size.get("height")))
    try:
        picture_size(image)  # the writer must be able to place it: check now, while we can say where
    except ValueError as exc:
        st.stats.drop("image")
        st.diagnostics.append(
            warning(
                "draft.unplaced", st.location(), f"an image could not be placed: {exc}; paste it again as PNG or JPEG"
            )
        )
        return []
    return [image]


def _span(content: list, st: _State) -> list[Inline]:
    (_id, classes, _attrs), inner = content
    if "comment-start" in classes:
        st.stats.comments += 1
        return []
    if "comment-end" in classes:
        return []
    if "insertion" in classes or "paragraph-insertion" in classes:
        st.stats.insertions += 1
        return list(_inlines(inner, st)) if st.policy != "reject" else []
    if "deletion" in classes or "paragraph-deletion" in classes:
        st.stats.deletions += 1
        return list(_inlines(inner, st)) if st.policy == "reject" else []
    return list(_inlines(inner, st))


def _merge_text(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Join neighbouring Text nodes, so that text reads as the author typed it."""
    merged: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


def _strip_prefix(inlines: tuple[Inline, ...], pattern: re.Pattern, st: _State) -> tuple[Inline, ...]:
    """Remove a hand-typed number from the first text of a heading or paragraph."""
    if not inlines or not isinstance(inlines[0], Text):
        return inlines
    first = inlines[0].text.lstrip()
    match = pattern.match(first)
    if not match or match.end() == len(first):
        return _trim(inlines)
    st.stats.numbers_stripped += 1
    st.stats.removed_text.append(match.group(0).strip())
    return _trim((Text(first[match.end() :]),) + inlines[1:])


def _trim(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    items = list(inlines)
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].text.lstrip())
        if not items[0].text:
            items.pop(0)
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].text.rstrip())
        if not items[-1].text:
            items.pop()
    return tuple(items)


def _has_text(inlines: tuple[Inline, ...]) -> bool:
    for node in inlines:
        if isinstance(node, Text) and node.text.strip():
            return True
        if isinstance(node, (Styled, Link)) and _has_text(node.children):
            return True
    return False
