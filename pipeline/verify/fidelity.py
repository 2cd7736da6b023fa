"""Nothing lost: every word a coordinator wrote appears in the assembled document, in order.

The draft's words are taken from pandoc's AST by a walk of their own
(:mod:`pipeline.intake.words`, independent of the normalisation in
:mod:`pipeline.intake.drafts`), so that a mistake in normalisation cannot hide itself. The document's words
are read back from the rendered Word file. Text that normalisation removes on
purpose (typed numbers, the draft's title) is set aside by the same stated rules.

Words are runs of letters and digits, compared case-insensitively.
"""

from __future__ import annotations

from pipeline.model import Words, words
from pipeline.ooxml.opc import Package
from pipeline.ooxml.text import paragraph_text, stories, text_paragraphs


def document_words(docx: bytes) -> Words:
    """The words of a rendered Word file: its body paragraphs and tables, and its footnotes.

    Read by the shared walker (:mod:`pipeline.ooxml.text`): deleted text, fallback copies and the
    footnote separators are not words; a tab or line break separates words as a space does.
    """
    found = stories(Package(docx), ("body", "footnotes"))
    body = [
        word
        for story in found
        if story.kind == "body"
        for p in text_paragraphs(story)
        for word in words(paragraph_text(p))
    ]
    notes = [
        word
        for story in found
        if story.kind == "footnotes"
        for p in text_paragraphs(story)
        for word in words(paragraph_text(p))
    ]
    return Words(tuple(body), tuple(notes))


def lost(expected: tuple[str, ...], actual: tuple[str, ...]) -> list[str]:
    """The expected words that do not appear in ``actual`` in the same order (a subsequence test)."""
    missing: list[str] = []
    position = 0
    for word in expected:
        try:
            position = actual.index(word, position) + 1
        except ValueError:
            missing.append(word)
    return missing


def lost_words(draft: Words, document: Words) -> list[str]:
    """A draft's words that are not in the document, body and footnotes each in order."""
    return lost(draft.body, document.body) + lost(draft.notes, document.notes)
