"""Nothing lost: every word a coordinator wrote appears in the assembled document, in order.

The draft's words are taken from pandoc's AST by a walk of their own
(:mod:`pipeline.intake.words`, independent of the normalisation in
:mod:`pipeline.intake.drafts`), so that a mistake in normalisation cannot hide itself. The document's words
are read back from the rendered Word file. Text that normalisation removes on
purpose (typed numbers, the draft's title) is set aside by the same stated rules.

Words are runs of letters and digits, compared case-insensitively.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from pipeline.model import Words, words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_words(docx: bytes) -> Words:
    """The words of a rendered Word file: its body paragraphs and tables, and its footnotes."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = _paragraph_words(archive.read("word/document.xml"))
        try:
            notes = _paragraph_words(archive.read("word/footnotes.xml"))
        except KeyError:
            notes = []
    return Words(tuple(body), tuple(notes))


def _paragraph_words(xml: bytes) -> list[str]:
    root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    out: list[str] = []
    breaks = {f"{W}br", f"{W}tab", f"{W}cr"}
    for paragraph in root.iter(f"{W}p"):
        # A line break or tab inside a paragraph separates words as a space does.
        pieces = [(node.text or "") if node.tag == f"{W}t" else " "
                  for node in paragraph.iter(f"{W}t", *breaks)]
        out.extend(words("".join(pieces)))
    return out


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
