"""The status a build reports: per document and section, what arrived and what is missing.

Pure functions from the build's values to lines of text; the CLI prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import Block, Heading, Paragraph, block_text, footnotes_in, plain_text
from .drafts import DraftStats
from .model import DocumentSpec, Draft, SectionFolder

def count_words(text: str) -> int:
    """Words as a word processor counts them: space-separated tokens with a letter or digit in them."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def block_words(blocks: tuple[Block, ...]) -> int:
    """Words of body, headings and footnotes together, as the UN counts a document's length."""
    total = sum(count_words(block_text(b)) for b in blocks)
    for note in footnotes_in(blocks):
        total += sum(count_words(plain_text(b.inlines)) for b in note.blocks if isinstance(b, (Paragraph, Heading)))
    return total


@dataclass(frozen=True)
class SectionStatus:
    section_id: str
    heading: str
    source: str  # the file used, or "" when missing
    received: str  # the file's modification date, "2025-07-10"
    words: int
    superseded: tuple[str, ...]
    notes: str  # what normalisation did, in a few words
    ignored: tuple[str, ...] = ()  # files in the folder that are not drafts


@dataclass(frozen=True)
class DocumentStatus:
    document_id: str
    symbol: str
    words: int
    word_limit: int
    sections: tuple[SectionStatus, ...]
    files: tuple[str, ...]
    state: str = ""  # "unchanged", or "rebuilt: <why>"


def document_status(spec: DocumentSpec, drafts: dict[str, Draft], stats: dict[str, DraftStats],
                    files: tuple[str, ...], folders: dict[str, SectionFolder] | None = None,
                    state: str = "") -> DocumentStatus:
    sections = []
    named = [(s, s.heading or c.heading) for c in spec.chapters for s in c.sections]
    for section, heading in named:
        draft = drafts.get(section.id)
        folder = (folders or {}).get(section.id)
        ignored = tuple(n for n in folder.ignored if not n.startswith((".", "~$"))) if folder else ()
        if draft is None:
            sections.append(SectionStatus(section.id, heading, "", "", 0, (), "", ignored))
            continue
        s = stats.get(section.id)
        notes = []
        if s is not None:
            if s.insertions or s.deletions:
                notes.append(f"{s.insertions + s.deletions} tracked change(s) resolved")
            if s.comments:
                notes.append(f"{s.comments} comment(s) removed")
            if s.numbers_stripped:
                notes.append(f"{s.numbers_stripped} typed number(s) removed")
            if s.country_names:
                notes.append(f"{s.country_names} country name(s) set to the UN short name")
            for what, count in sorted(s.dropped.items()):
                notes.append(f"{what}: {count}")
        sections.append(SectionStatus(
            section.id, heading, draft.source.display,
            f"{draft.source.modified:%Y-%m-%d}", block_words(draft.blocks),
            tuple(f.path.name for f in draft.superseded), "; ".join(notes), ignored))
    words = sum(s.words for s in sections) + count_words(spec.title) + sum(
        count_words(c.heading) + sum(count_words(s.heading) for s in c.sections) for c in spec.chapters)
    return DocumentStatus(spec.id, spec.symbol, words, spec.word_limit, tuple(sections), files, state)


def status_lines(status: DocumentStatus) -> list[str]:
    over = " OVER THE LIMIT" if status.words > status.word_limit else ""
    state = f" [{status.state}]" if status.state else ""
    lines = [f"{status.symbol} ({status.document_id}): {status.words} words of {status.word_limit}{over}{state}"]
    width = max(len(s.heading) for s in status.sections) if status.sections else 0
    for s in status.sections:
        if not s.source:
            lines.append(f"  {s.heading:<{width}}  MISSING: placeholder in the document")
            lines.extend(f"  {'':<{width}}  ignored (not a draft): {name}" for name in s.ignored)
            continue
        extra = f"; {s.notes}" if s.notes else ""
        lines.append(f"  {s.heading:<{width}}  {s.words:>5} words  {s.source} ({s.received}){extra}")
        for old in s.superseded:
            lines.append(f"  {'':<{width}}  superseded: {old}")
        for name in s.ignored:
            lines.append(f"  {'':<{width}}  ignored (not a draft): {name}")
    for path in status.files:
        lines.append(f"  -> {path}")
    return lines
