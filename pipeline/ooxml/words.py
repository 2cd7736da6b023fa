"""The word count the UN uses: Word's count of the body and the notes.

Counted: every paragraph of the body (the masthead, headings and tables
included), of the footnotes and of the endnotes; not headers and footers, not
the separator notes. A word is a run of characters between spaces, tabs and
line breaks; a no-break space (U+00A0, U+2007, U+202F) joins two words into
one. Hidden text counts (the UN counts it), deleted text of tracked changes
does not, inserted text does; field codes do not, field results do.

This counts the whole document as issued, so it is larger than the count of
the coordinators' drafts alone (the masthead, the annex tables and the
paragraphs the template writes are words too).
"""

from __future__ import annotations

import re

from pipeline.ooxml.opc import Package
from pipeline.ooxml.text import TEXT_STORIES, Story, paragraph_text, stories, text_paragraphs

# Word separates words at spaces, tabs and breaks; no-break spaces (U+00A0, U+2007, U+202F) join.
WORD_GAP = re.compile("[ \t\n\r\f\v\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+")


def count_text(text: str) -> int:
    """Words in ``text``, as Word counts them."""
    return len([word for word in WORD_GAP.split(text) if word])


def count_stories(found: list[Story]) -> int:
    """Words in the body, footnotes and endnotes among ``found`` (other stories are not counted)."""
    return sum(
        count_text(paragraph_text(paragraph))
        for story in found
        if story.kind in TEXT_STORIES
        for paragraph in text_paragraphs(story)
    )


def count_words(docx: bytes) -> int:
    """The document's words as the UN counts them (see the module); raises UnreadableDocument."""
    return count_stories(stories(Package(docx), TEXT_STORIES))
