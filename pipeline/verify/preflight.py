"""Preflight: the check that a Word file is one the UN can take for processing and translation.

The UN's translators work from the Word file itself (UN-FORMAT.md, "Languages
and translation"), through tools that read its styles and its runs' language.
:func:`preflight` checks any Word file against these rules, names each breach
with its place, and counts the words as the UN counts them
(:mod:`pipeline.ooxml.words`). :mod:`pipeline.export.clean` fixes what can be fixed.

- **No tracked changes**: insertions, deletions, moves and formatting changes
  (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``, ``w:*PrChange``, cell
  and numbering changes), in the stories, the styles and the numbering.
- **No comments**: neither their anchors and references in the text nor the
  comments parts.
- **No hidden text**: runs hidden directly or through their styles
  (``w:vanish``, ``w:specVanish``), and hidden paragraph marks.
- **A language on every run**: the UN's tools read the run's own language, so
  every run that holds text must carry ``w:lang`` with a ``w:val`` itself; what
  a style or the document defaults say is not enough.
- **No direct formatting where a style exists** (:mod:`pipeline.ooxml.formatting`
  says which properties are). The paragraph mark's own properties
  (``w:pPr/w:rPr``), tables' and cells' properties and section properties are
  not checked.
- **Document properties**: title, subject (the symbol) and language must be
  filled in.
- **No embedded objects**: OLE objects (``w:object``, ``o:OLEObject``), ActiveX
  controls, ``w:altChunk``, charts (which embed their Excel data) and parts under
  ``word/embeddings/``: the object must become a picture, a table or text.
- **No figure marks**: the private-use characters U+E000 to U+E002 with which render marks the
  figures from the data (:mod:`pipeline.ooxml.figures`) must all be gone from the file for the UN;
  the comments of the review copy must not be in it either (see "No comments").
- **Word count**: over the document's limit is a finding.

Places are in the user's terms: ``document.xml: paragraph 12`` (paragraphs
counted from the top of the document, table cells included; the message quotes
the paragraph's first words), ``footnotes: note 3`` (the note's number as
printed), ``header1.xml``, ``document properties``, a package part's name.

Pure functions on bytes, read through :class:`pipeline.ooxml.opc.Package`
(unsafe or damaged packages raise :class:`UnreadableDocument`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lxml import etree

from pipeline.ooxml.figures import has_marks
from pipeline.ooxml.figures import unmarked as without_marks
from pipeline.ooxml.formatting import PARA_DIRECT, RUN_DIRECT, description, direct
from pipeline.ooxml.names import C_CHART, CHANGE_MARKS, O_OLE, PR_CHANGES, R_ID, W, dc, is_w, local, w
from pipeline.ooxml.opc import Package, UnreadableDocument
from pipeline.ooxml.styles import Styles, on
from pipeline.ooxml.text import (
    Story,
    has_text,
    in_fallback,
    owner,
    paragraph_text,
    paragraphs,
    run_text,
    runs,
    separator_note,
    stories,
)
from pipeline.ooxml.words import count_stories

__all__ = ["CODES", "Finding", "Preflight", "UnreadableDocument", "preflight", "preflight_text"]

CODES = (
    "tracked-change",
    "comment",
    "hidden-text",
    "no-language",
    "direct-formatting",
    "embedded-object",
    "missing-property",
    "over-limit",
    "figure-mark",
)
ADVICE = {
    "tracked-change": "accept or reject every change (Word: Review > Accept > Accept All Changes) "
    "before the file is submitted",
    "comment": "delete the comments (Word: Review > Delete > Delete All Comments in Document)",
    "hidden-text": "delete the hidden text or show it (Word: Font > Hidden); the UN counts and translates hidden text",
    "no-language": "set the text's language (Word: Review > Language > Set Proofing Language) so "
    "that the UN's translation tools read it",
    "direct-formatting": "give the paragraph a style that has this formatting instead (Word: select "
    "it, clear the formatting with Ctrl+Space and Ctrl+Q, then apply the style)",
    "embedded-object": "replace it with a picture, a Word table or text: the UN does not accept "
    "embedded Excel, PDF or PowerPoint",
    "missing-property": "fill it in (Word: File > Info > Properties)",
    "over-limit": "shorten the text or obtain a waiver before submitting it",
    "figure-mark": "a mark of ccm-report's figures page left in the text (a bug of ccm-report to report); "
    "send the file without it",
}


@dataclass(frozen=True)
class Finding:
    place: str  # "document.xml: paragraph 12", "footnotes: note 3", "header1.xml"
    code: str  # one of CODES
    message: str  # what is wrong and what to do

    def __str__(self) -> str:
        return f"{self.place}: {self.code}: {self.message}"


@dataclass(frozen=True)
class Preflight:
    words: int  # body (masthead, headings, tables) and notes, as the UN counts them
    limit: int | None
    findings: tuple[Finding, ...]

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.words > self.limit


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= limit else text[:limit].rstrip() + "\u2026") + "\u201d"


class _Collector:
    """Findings gathered per place and code, in document order."""

    def __init__(self):
        self.found: dict[tuple[str, str], tuple[tuple, list[str]]] = {}

    def add(self, place: str, key: tuple, code: str, detail: str) -> None:
        entry = self.found.setdefault((place, code), (key + (CODES.index(code),), []))
        if detail not in entry[1]:
            entry[1].append(detail)

    def findings(self) -> tuple[Finding, ...]:
        ordered = sorted(self.found.items(), key=lambda item: item[1][0])
        return tuple(
            Finding(place, code, f"{'; '.join(details)}: {ADVICE[code]}") for (place, code), (_key, details) in ordered
        )


class _Places:
    """Where an element is, in the user's terms."""

    def __init__(self, story: Story, index: int, note_numbers: dict[str, int]):
        self.story, self.index, self.note_numbers = story, index, note_numbers
        self.numbers = {p: n for n, p in enumerate(paragraphs(story.root), start=1)}

    def of(self, element) -> tuple[str, tuple]:
        story = self.story
        paragraph = owner(element)
        if paragraph is None:  # a table row's mark: its first paragraph
            holder = next((a for a in element.iterancestors() if a.find(".//" + w("p")) is not None), None)
            paragraph = holder.find(".//" + w("p")) if holder is not None else None
        number = self.numbers.get(paragraph, 0)
        if story.kind == "body":
            return f"{story.label}: paragraph {number}", (self.index, number)
        if story.kind in ("footnotes", "endnotes"):
            note = next(element.iterancestors(w("footnote"), w("endnote")), None)
            note_id = note.get(w("id"), "") if note is not None else ""
            shown = self.note_numbers.get(note_id)
            label = f"note {shown}" if shown else f"note with id {note_id}"
            return f"{story.label}: {label}", (self.index, number)
        return story.label, (self.index, number)

    def quoted(self, element) -> str:
        paragraph = owner(element)
        text = paragraph_text(paragraph) if paragraph is not None else ""
        return f" in {_quote(text)}" if text.strip() else ""


def _note_numbers(body_root, kind: str) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for ref in body_root.iter(w(f"{kind[:-1]}Reference")):
        numbers.setdefault(ref.get(w("id"), ""), len(numbers) + 1)
    return numbers


def preflight(docx: bytes, word_limit: int | None) -> Preflight:
    """The document's word count as the UN counts it, and every breach of the module's rules, with its place."""
    package = Package(docx)
    found = stories(package)
    styles = Styles.of(package)
    collector = _Collector()
    comments = _comments(package)
    anchored: set[str] = set()
    referenced: set[str] = set()
    for index, story in enumerate(found):
        places = _Places(
            story, index, _note_numbers(found[0].root, story.kind) if story.kind in ("footnotes", "endnotes") else {}
        )
        _check_changes(story.root, places, collector)
        anchored |= _check_comments(story.root, places, comments, collector)
        _check_runs(story.root, places, styles, collector)
        _check_marks(story.root, places, collector)
        referenced |= _check_objects(package, story, places, collector)
    parts_key = (len(found),)
    for name in [n for n in (package.styles, *package.related(package.main, "/numbering")) if n]:
        root = package.xml(name)
        for change in [] if root is None else [e for e in root.iter() if is_w(e, *PR_CHANGES)]:
            style = next(change.iterancestors(w("style")), None)
            where = f"style {_quote(styles.name(style.get(w('styleId'))))}" if style is not None else "a list"
            collector.add(
                posixpath.basename(name), parts_key, "tracked-change", f"a tracked formatting change of {where}"
            )
    unanchored = [c for c in comments if c not in anchored]
    for comment_id in unanchored:
        collector.add(posixpath.basename(package.comments[0]), parts_key, "comment", comments[comment_id])
    for name in package.names:
        if name.startswith(("word/embeddings/", "word/activeX/")) and name not in referenced:
            collector.add(name, parts_key, "embedded-object", "an embedded file in the package")
    _check_properties(package, collector, len(found) + 1)
    words = count_stories(found)
    if word_limit is not None and words > word_limit:
        collector.add(
            "whole document",
            (len(found) + 2,),
            "over-limit",
            f"{words:,} words, {words - word_limit:,} over the limit of {word_limit:,}",
        )
    return Preflight(words, word_limit, collector.findings())


def _author(element) -> str:
    author = element.get(w("author"))
    return f" by {author}" if author else ""


def _check_changes(root, places: _Places, collector: _Collector) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith(W):
            continue
        name, parent = local(element), element.getparent()
        if name in ("ins", "del", "moveFrom", "moveTo"):
            verb = {"ins": "insertion", "del": "deletion", "moveFrom": "move (from here)", "moveTo": "move (to here)"}[
                name
            ]
            if is_w(parent, "rPr"):
                detail = f"a tracked {verb} of a paragraph mark"
            elif is_w(parent, "trPr"):
                detail = f"a tracked {verb} of a table row"
            else:
                text = "".join(t.text or "" for t in element.iter(w("t"), w("delText")))
                detail = f"a tracked {verb} {_quote(text)}" if text.strip() else f"a tracked {verb}"
            collector.add(*_at(places, element), "tracked-change", detail + _author(element))
        elif name in PR_CHANGES or name in CHANGE_MARKS:
            collector.add(
                *_at(places, element),
                "tracked-change",
                f"a tracked {'formatting' if name in PR_CHANGES else 'table cell'} change" + _author(element),
            )


def _at(places: _Places, element) -> tuple[str, tuple]:
    return places.of(element)


def _comments(package: Package) -> dict[str, str]:
    """Each comment's id and a short description (author and first words)."""
    out = {}
    for name in package.comments:
        root = package.xml(name)
        if root is None or etree.QName(root).localname != "comments":
            continue
        for comment in root.findall(w("comment")):
            text = " ".join("".join(t.text or "" for t in p.iter(w("t"))) for p in comment.iter(w("p")))
            out[comment.get(w("id"), "")] = f"a comment{_author(comment)}: {_quote(text)}"
    return out


def _check_comments(root, places: _Places, comments: dict[str, str], collector: _Collector) -> set[str]:
    anchored = set()
    for marker in root.iter(w("commentReference"), w("commentRangeStart")):
        comment_id = marker.get(w("id"), "")
        if comment_id in anchored:
            continue
        anchored.add(comment_id)
        detail = comments.get(comment_id, "a comment mark (its comment is missing)")
        collector.add(*_at(places, marker), "comment", detail)
    return anchored


def _check_marks(root, places: _Places, collector: _Collector) -> None:
    """The private-use characters that mark the figures from the data while a document is rendered."""
    for t in root.iter(w("t")):
        if t.text and has_marks(t.text) and not in_fallback(t):
            collector.add(*_at(places, t), "figure-mark", f"a figure mark in {_quote(without_marks(t.text))}")


def _check_runs(root, places: _Places, styles: Styles, collector: _Collector) -> None:
    for paragraph in paragraphs(root):
        if separator_note(paragraph):
            continue
        para_style = styles.paragraph_style(paragraph)
        ppr = paragraph.find(w("pPr"))
        mark = ppr.find(w("rPr")) if ppr is not None else None
        if mark is not None and (on(mark.find(w("vanish"))) or on(mark.find(w("specVanish")))):
            collector.add(*_at(places, paragraph), "hidden-text", "a hidden paragraph mark")
        on_paragraph = direct(ppr, PARA_DIRECT)
        unmarked = 0
        run_formats: list[str] = []
        for run in runs(paragraph):
            rpr = run.find(w("rPr"))
            if has_text(run):
                lang = rpr.find(w("lang")) if rpr is not None else None
                if lang is None or not lang.get(w("val")):
                    unmarked += 1
                if styles.hidden(run, para_style):
                    collector.add(*_at(places, run), "hidden-text", f"hidden text {_quote(run_text(run))}")
            formats = direct(rpr, RUN_DIRECT)
            if formats:
                run_formats.append(description(formats))
        if on_paragraph or run_formats:
            said = ([f"on the paragraph ({description(on_paragraph)})"] if on_paragraph else []) + (
                [f"on its text ({', '.join(dict.fromkeys(run_formats))})"] if run_formats else []
            )
            collector.add(
                *_at(places, paragraph),
                "direct-formatting",
                f"direct formatting {' and '.join(said)}{places.quoted(paragraph)}",
            )
        if unmarked:
            which = "a run has" if unmarked == 1 else f"{unmarked} runs have"
            collector.add(*_at(places, paragraph), "no-language", f"{which} no language set{places.quoted(paragraph)}")


def _check_objects(package: Package, story: Story, places: _Places, collector: _Collector) -> set[str]:
    """Embedded objects in a story; returns the package parts they account for."""
    targets = {r.id: r.target for r in package.rels(story.name)}
    referenced: set[str] = set()
    for element in story.root.iter():
        if not isinstance(element.tag, str) or in_fallback(element):
            continue
        if is_w(element, "object") or (element.tag == O_OLE and next(element.iterancestors(w("object")), None) is None):
            ole = element if element.tag == O_OLE else element.find(".//" + O_OLE)
            prog = (ole.get("ProgID") or "") if ole is not None else ""
            what = f"an embedded {prog.split('.')[0]} object" if prog else "an embedded object"
            part = targets.get(ole.get(R_ID)) if ole is not None else None
            if part:
                referenced.add(part)
            collector.add(*_at(places, element), "embedded-object", what)
        elif is_w(element, "altChunk", "control"):
            part = targets.get(element.get(R_ID))
            if part:
                referenced.add(part)
            control = is_w(element, "control")
            what = "an ActiveX control" if control else "an embedded document (altChunk)"
            if control and part:
                referenced.update(package.related(part, ""))
            collector.add(*_at(places, element), "embedded-object", what)
        elif element.tag == C_CHART:
            part = targets.get(element.get(R_ID))
            if part:
                referenced.update(package.related(part, ""))
            collector.add(
                *_at(places, element),
                "embedded-object",
                "a chart with its own embedded Excel data (paste it as a picture)",
            )
    return referenced


def _check_properties(package: Package, collector: _Collector, key: int) -> None:
    root = package.xml(package.core)
    missing = []
    for tag, label in (("title", "title"), ("subject", "subject (the symbol)"), ("language", "language")):
        found = root.find(dc(tag)) if root is not None else None
        if found is None or not (found.text or "").strip():
            missing.append(label)
    if missing:
        names = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
        collector.add(
            "document properties",
            (key,),
            "missing-property",
            f"the document's {names} {'is' if len(missing) == 1 else 'are'} not set",
        )


# --- the report --------------------------------------------------------------------------------------


def preflight_text(symbol: str, result: Preflight) -> str:
    """A short report for a person: the count against the limit, then one line per finding."""
    allowed = f" of {result.limit:,} allowed" if result.limit is not None else " (no limit set)"
    head = f"{symbol}: {result.words:,} words (body, headings and footnotes){allowed}"
    if not result.findings:
        return head + "; no problems found"
    count = len(result.findings)
    lines = [f"{head}; {count} problem{'s' if count != 1 else ''}:"]
    lines.extend(f"  {finding}" for finding in result.findings)
    return "\n".join(lines)
