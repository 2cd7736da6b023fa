"""Table captions typed as text: a "Table 1" line, and the short title under it, become the next table's caption.

Pure functions over the normalised blocks, applied last by :func:`pipeline.intake.drafts.normalise`.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from pipeline.model.blocks import Block, Footnote, Inline, LineBreak, Paragraph, Table, plain_text

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
