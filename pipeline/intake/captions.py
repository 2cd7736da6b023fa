"""Table captions typed as text: a "Table 1" line, and the short title under it, become the next table's caption;
and the tables of all the drafts numbered through the document (:func:`number_tables`).

Pure functions over the normalised blocks: :func:`captions` is applied last by
:func:`pipeline.intake.drafts.normalise`, :func:`number_tables` by the build, over the document's drafts in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeGuard

from pipeline.model import Draft, Words
from pipeline.model.blocks import Block, Footnote, Inline, LineBreak, Paragraph, Table, Text, map_inlines, plain_text

TABLE_LABEL = re.compile(r"^(Table|Tableau|Cuadro)\s+\S+\s*$")


def captions(blocks: list[Block]) -> tuple[Block, ...]:
    """Fold a "Table 1" line, and the short title typed under it, into the next table's caption."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and not block.caption:
            lines: list[tuple[Inline, ...]] = []
            last, before = (out[-1] if out else None), (out[-2] if len(out) >= 2 else None)
            if _is_label(last):
                lines = [last.inlines]
                del out[-1:]
            elif _is_label(before) and _is_title(last):
                lines = [before.inlines, last.inlines]
                del out[-2:]
            if lines:
                caption = lines[0] + ((LineBreak(),) + lines[1] if len(lines) > 1 else ())
                block = Table(block.header, block.body, caption, block.origin)
        out.append(block)
    return tuple(out)


def _is_label(block: Block | None) -> TypeGuard[Paragraph]:
    return isinstance(block, Paragraph) and block.numbered and bool(TABLE_LABEL.match(plain_text(block.inlines)))


def _is_title(block: Block | None) -> TypeGuard[Paragraph]:
    if not isinstance(block, Paragraph) or not block.numbered or has_footnote(block.inlines):
        return False
    text = plain_text(block.inlines).strip()
    return 0 < len(text.split()) <= 25 and not text.endswith((".", ":"))


def has_footnote(inlines: tuple[Inline, ...]) -> bool:
    return any(isinstance(n, Footnote) for n in inlines)


# "table 1", "tables 2", "tableau 3", "cuadro 4": a reference to a table by its number, in a draft's text.
TABLE_REFERENCE = re.compile(r"\b(tables?|tableaux?|cuadros?)(\s+)(\d+)\b", re.IGNORECASE)
_TABLE_WORDS = {"table", "tables", "tableau", "tableaux", "cuadro", "cuadros"}


def number_tables(drafts: Sequence[Draft]) -> tuple[Draft, ...]:
    """Every table of the drafts, in document order, numbered through the document: "Table 1", "Table 2" ...

    Each coordinator numbers their own tables (two drafts' "Table 1"); the document numbers once. A
    typed label gets the table's number in the document, keeping its word ("Table", "Tableau",
    "Cuadro"); a caption with no label, or a table with none, gets "Table n" in front. The draft's
    references to its own tables by their typed numbers ("(table 1)") follow, and so do the words the
    document is checked against (nothing lost)."""
    out: list[Draft] = []
    count = 0
    for draft in drafts:
        typed: dict[str, int] = {}
        numbers: list[int] = []
        for block in draft.blocks:
            if isinstance(block, Table):
                count += 1
                numbers.append(count)
                label = _label(block.caption)
                if label:
                    typed.setdefault(label.split()[-1], count)
        if not numbers:
            out.append(draft)
            continue

        def renumber(text: str, typed: dict[str, int] = typed) -> tuple[Inline, ...]:
            return (Text(TABLE_REFERENCE.sub(lambda m: _referred(m, typed), text)),)

        blocks = map_inlines(draft.blocks, renumber) if typed else draft.blocks
        numbered = iter(numbers)
        blocks = tuple(_with_number(b, next(numbered)) if isinstance(b, Table) else b for b in blocks)
        words = Words(_renumbered_words(draft.words.body, typed), _renumbered_words(draft.words.notes, typed))
        out.append(replace(draft, blocks=blocks, words=words))
    return tuple(out)


def _referred(match: re.Match, typed: dict[str, int]) -> str:
    number = typed.get(match.group(3))
    return match.group(0) if number is None else f"{match.group(1)}{match.group(2)}{number}"


def _label(caption: tuple[Inline, ...]) -> str:
    """The caption's "Table 1" line, or ""."""
    first = plain_text(caption).split("\n", 1)[0].strip()
    return first if TABLE_LABEL.match(first) else ""


def _with_number(table: Table, number: int) -> Table:
    caption = table.caption
    label = _label(caption)
    if label:
        rest = caption[next((i for i, n in enumerate(caption) if isinstance(n, LineBreak)), len(caption)) :]
        caption = (Text(f"{label.split()[0]} {number}"),) + rest
    else:
        caption = (Text(f"Table {number}"),) + ((LineBreak(),) + caption if caption else ())
    return replace(table, caption=caption)


def _renumbered_words(words: tuple[str, ...], typed: dict[str, int]) -> tuple[str, ...]:
    out = list(words)
    for i in range(1, len(out)):
        if out[i - 1] in _TABLE_WORDS and out[i] in typed:
            out[i] = str(typed[out[i]])
    return tuple(out)
