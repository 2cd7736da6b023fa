"""The text of a Word document: its stories, their paragraphs and runs, as a reader sees them.

A story is a part that holds text: the body, the footnotes, the endnotes, each
header and footer. The walk skips what is not the document's text: the
``mc:Fallback`` copy Word writes beside newer markup (its ``mc:Choice`` is
read), text deleted by a tracked change (``w:del``, ``w:moveFrom``), and the
separator "notes" that draw the line above the footnotes. A paragraph inside
another (a text box's) is its own paragraph, not part of the outer one's text.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from pipeline.ooxml.names import MC_FALLBACK, is_w, w
from pipeline.ooxml.opc import Package

TEXT_STORIES = ("body", "footnotes", "endnotes")
ALL_STORIES = (*TEXT_STORIES, "header", "footer")
SEPARATOR_NOTES = {"separator", "continuationSeparator", "continuationNotice"}


@dataclass
class Story:
    name: str  # word/document.xml
    kind: str  # body | footnotes | endnotes | header | footer
    root: etree._Element

    @property
    def label(self) -> str:
        """The story in the user's terms: "footnotes", or the part's file name ("header1.xml")."""
        return self.kind if self.kind in ("footnotes", "endnotes") else posixpath.basename(self.name)


def stories(package: Package, kinds: tuple[str, ...] = ALL_STORIES) -> list[Story]:
    """The package's stories of these kinds: the body first, then notes, headers and footers by part name."""
    main = package.main
    out = [Story(main, "body", package.xml(main))] if "body" in kinds else []
    for kind in [k for k in ALL_STORIES[1:] if k in kinds]:
        for name in sorted(set(package.related(main, "/" + kind))):
            out.append(Story(name, kind, package.xml(name)))
    return out


def in_fallback(element) -> bool:
    return any(True for _ in element.iterancestors(MC_FALLBACK))


def removed(element) -> bool:
    """Inside a tracked deletion or move away: not part of the accepted text."""
    return any(is_w(a, "del", "moveFrom") for a in element.iterancestors())


def owner(element):
    """The innermost paragraph holding ``element`` (itself when it is one)."""
    if is_w(element, "p"):
        return element
    return next(element.iterancestors(w("p")), None)


def separator_note(element) -> bool:
    """Inside a footnote or endnote that only draws the separator line."""
    note = next(element.iterancestors(w("footnote"), w("endnote")), None)
    return note is not None and note.get(w("type")) in SEPARATOR_NOTES


def in_table(element) -> bool:
    return any(True for _ in element.iterancestors(w("tc")))


def paragraphs(root) -> list:
    """Every paragraph of a story in document order, table cells' included, fallback copies left out."""
    return [p for p in root.iter(w("p")) if not in_fallback(p)]


def text_paragraphs(story: Story) -> Iterator:
    """The paragraphs of a story that hold the document's text (separator notes left out)."""
    return (p for p in paragraphs(story.root) if not separator_note(p))


def own(paragraph, *names: str) -> list:
    """Descendants of ``paragraph`` with these w: names that belong to it (not to a paragraph inside it)."""
    return [e for e in paragraph.iter(*(w(n) for n in names)) if owner(e) is paragraph]


def runs(paragraph) -> list:
    """The paragraph's own runs that are part of its text (not a fallback copy, not deleted)."""
    return [r for r in own(paragraph, "r") if not in_fallback(r) and not removed(r)]


def paragraph_text(paragraph) -> str:
    """The paragraph's text as printed: tabs and breaks as spaces, a no-break hyphen as a hyphen."""
    pieces = []
    for node in own(paragraph, "t", "tab", "br", "cr", "noBreakHyphen"):
        if in_fallback(node) or removed(node):
            continue
        if is_w(node, "t"):
            pieces.append(node.text or "")
        else:
            pieces.append("-" if is_w(node, "noBreakHyphen") else " ")
    return "".join(pieces)


def run_text(run) -> str:
    return "".join(t.text or "" for t in run.iter(w("t")))


def has_text(run) -> bool:
    return any((t.text or "") for t in run.iter(w("t"))) or run.find(w("sym")) is not None
