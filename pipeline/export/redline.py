"""The redline: a revised document with every change against the issued one as Word tracked changes.

The UN requires a revised text to show its changes as tracked changes. The
revised Word file is the base; its body paragraphs are matched with the issued
one's (difflib, on their text); an inserted paragraph is marked inserted, a
removed one comes back marked deleted, and a changed paragraph carries its
word-level insertions and deletions. (A changed paragraph holding a footnote
mark or a picture is shown as the old one deleted and the new one inserted,
so that no reference is lost.)

The body paragraphs' numbers are written out as text (``26.`` and a tab, where the
style's automatic number stood), and a removed paragraph comes back unnumbered,
its text deleted: LibreOffice numbers a list with tracked paragraphs twice, the
number now and the number before in brackets ("26.[27.]"), and Word's numbering
would count the removed paragraphs. So each paragraph shows one number, the
revised document's.
"""

from __future__ import annotations

import difflib
import re
from copy import deepcopy

from lxml import etree

from pipeline.ooxml.docxapi import open_document, to_bytes
from pipeline.ooxml.names import XML_SPACE, is_w, w

TOKEN = re.compile(r"\S+\s*|\s+")


class _Marks:
    """Numbers and stamps for the tracked changes of one redline."""

    def __init__(self, author: str, date: str):
        self.author, self.date, self.next = author, date, 1

    def element(self, tag: str) -> etree._Element:
        el = etree.Element(w(tag))
        el.set(w("id"), str(self.next))
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        self.next += 1
        return el


def text_of(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(w("t")))


def redline(issued: bytes, revised: bytes, *, author: str = "ccm-report", date: str = "2025-01-01T00:00:00Z") -> bytes:
    """The revised document with its changes against ``issued`` as tracked changes."""
    old = open_document(issued)
    new = open_document(revised)
    marks = _Marks(author, date)
    old_ps = [p for p in old.element.body if is_w(p, "p")]
    new_ps = [p for p in new.element.body if is_w(p, "p")]
    matcher = difflib.SequenceMatcher(None, [text_of(p) for p in old_ps], [text_of(p) for p in new_ps], autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            _change(old_ps[i1 + k], new_ps[j1 + k], marks)
        for p in new_ps[j1 + pairs : j2]:
            _mark_inserted(p, marks)
        anchor = new_ps[j2 - 1] if j2 > j1 else (new_ps[j1 - 1] if j1 > 0 else None)
        for p in reversed(old_ps[i1 + pairs : i2]):
            gone = _deleted_copy(p, marks)
            if anchor is not None:
                anchor.addnext(gone)
            else:
                new.element.body.insert(0, gone)
    _number_as_text(new)
    return to_bytes(new)


NUMBERED = "UNBody"  # the style of the numbered body paragraphs (templates/): 1., 2. ...
DEFAULT_TAB = "1701"  # twips: where the templates' body text starts after its number


def _number_layout(document) -> list[etree._Element]:
    """What the numbering level of the body paragraphs sets of their layout (the tab after the number, the
    indents), to keep when the number is text: its ``w:tabs`` and ``w:ind``."""
    tabs = etree.Element(w("tabs"))
    etree.SubElement(tabs, w("tab"), {w("val"): "left", w("pos"): DEFAULT_TAB})
    layout = [tabs, etree.Element(w("ind"), {w("left"): "1134", w("firstLine"): "0"})]
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return layout
    style = document.styles.element.find(f"{w('style')}[@{w('styleId')}='{NUMBERED}']")
    num_id = style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}") if style is not None else None
    wanted = num_id.get(w("val")) if num_id is not None else None
    num = next((n for n in numbering.iter(w("num")) if n.get(w("numId")) == wanted), None)
    abstract = num.find(w("abstractNumId")) if num is not None else None
    for candidate in numbering.iter(w("abstractNum")):
        if abstract is not None and candidate.get(w("abstractNumId")) == abstract.get(w("val")):
            level = candidate.find(f"{w('lvl')}/{w('pPr')}")
            if level is not None:
                found = [deepcopy(e) for e in level if is_w(e, "tabs", "ind")]
                for tab in (t for e in found for t in e.iter(w("tab")) if t.get(w("val")) == "num"):
                    tab.set(w("val"), "left")
                return found or layout
    return layout


def _is_deleted(paragraph) -> bool:
    return next(paragraph.iter(w("delText")), None) is not None and next(paragraph.iter(w("t")), None) is None


def _number_as_text(document) -> None:
    """Each numbered body paragraph's number as text, the automatic number switched off; a removed
    paragraph without one (see the module's note)."""
    layout = _number_layout(document)
    number = 0
    for paragraph in [p for p in document.element.body if is_w(p, "p")]:
        style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        if style is None or style.get(w("val")) != NUMBERED:
            continue
        ppr = paragraph.find(w("pPr"))
        numbering = etree.Element(w("numPr"))
        etree.SubElement(numbering, w("numId")).set(w("val"), "0")
        style.addnext(numbering)
        if _is_deleted(paragraph):  # unnumbered, where the text of a numbered one stands
            numbering.addnext(deepcopy(next((e for e in layout if is_w(e, "ind")), layout[-1])))
            continue
        number += 1
        for element in reversed(layout):
            numbering.addnext(deepcopy(element))
        first = next((r for r in paragraph.iter(w("r"))), None)
        run = _run(f"{number}.", first.find(w("rPr")) if first is not None else None)
        etree.SubElement(run, w("tab"))
        ppr.addnext(run)


def _has_anchors(paragraph) -> bool:
    return any(True for _ in paragraph.iter(w("footnoteReference"), w("drawing"), w("fldChar")))


def _change(old_p, new_p, marks: _Marks) -> None:
    if _has_anchors(old_p) or _has_anchors(new_p):
        new_p.addprevious(_deleted_copy(old_p, marks))
        _mark_inserted(new_p, marks)
        return
    before, after = TOKEN.findall(text_of(old_p)), TOKEN.findall(text_of(new_p))
    style = new_p.find(f"{w('r')}/{w('rPr')}")
    for child in [c for c in new_p if not is_w(c, "pPr")]:
        new_p.remove(child)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            holder = marks.element("del")
            holder.append(_run("".join(before[i1:i2]), style, deleted=True))
            new_p.append(holder)
        if tag in ("insert", "replace"):
            holder = marks.element("ins")
            holder.append(_run("".join(after[j1:j2]), style))
            new_p.append(holder)
        if tag == "equal":
            new_p.append(_run("".join(after[j1:j2]), style))


def _run(text: str, style, *, deleted: bool = False) -> etree._Element:
    run = etree.Element(w("r"))
    if style is not None:
        run.append(deepcopy(style))
    t = etree.SubElement(run, w("delText" if deleted else "t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


def _paragraph_mark(paragraph, mark: etree._Element) -> None:
    ppr = paragraph.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        paragraph.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, w("rPr"))
    rpr.append(mark)


def _mark_inserted(paragraph, marks: _Marks) -> None:
    for child in [c for c in paragraph if is_w(c, "r", "hyperlink")]:
        holder = marks.element("ins")
        child.addprevious(holder)
        holder.append(child)
    # The paragraph break inserted is the one before it ("¶ new text" after the previous paragraph), as
    # LibreOffice reads it: marked on the paragraph itself, LibreOffice renumbers the heading after it.
    before = paragraph.getprevious()
    _paragraph_mark(before if before is not None and is_w(before, "p") else paragraph, marks.element("ins"))


def _deleted_copy(paragraph, marks: _Marks) -> etree._Element:
    gone = deepcopy(paragraph)
    for t in gone.iter(w("t")):
        t.tag = w("delText")
    for child in [c for c in gone if is_w(c, "r", "hyperlink")]:
        holder = marks.element("del")
        child.addprevious(holder)
        holder.append(child)
    for ref in gone.iter(w("footnoteReference")):  # the note stays with the revised text only
        ref.getparent().remove(ref)
    # the paragraph mark stays: a deleted one joins the next paragraph to it in LibreOffice (a heading
    # after it loses its number); the empty paragraph left on accepting the change is the price
    return gone


def changes_summary(issued_symbol: str, symbol: str, marked: bytes) -> str:
    """A short list of what changed, for the ISU's covering note: each changed paragraph with its
    paragraph number (of the body paragraphs numbered 1, 2 ...), and the words inserted and deleted."""
    document = open_document(marked)
    lines = [f"{symbol}: changes against the issued {issued_symbol}"]
    number = 0
    for paragraph in document.element.body.iter(w("p")):
        style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        numbered = style is not None and style.get(w("val")) == "UNBody"
        gone = _is_deleted(paragraph)
        if numbered and not gone:
            number += 1
        inserted = " ".join(t.text or "" for ins in paragraph.iter(w("ins")) for t in ins.iter(w("t"))).strip()
        deleted = " ".join(t.text or "" for d in paragraph.iter(w("del")) for t in d.iter(w("delText"))).strip()
        if not (inserted or deleted):
            continue
        where = f"paragraph {number}" if numbered else "unnumbered text"
        if inserted:
            lines.append(f"- {where}: inserted \u201c{inserted}\u201d")
        if deleted:
            lines.append(f"- {where}: deleted \u201c{deleted}\u201d")
    if len(lines) == 1:
        lines.append("- no change in the body text (the masthead, headers or properties changed)")
    return "\n".join(lines) + "\n"
