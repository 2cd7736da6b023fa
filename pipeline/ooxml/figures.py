"""Figures from the data in a rendered Word file: where each stands, the file without its marks, and
the review copy with a comment on each.

Render writes each figure it takes from the data as ``U+E000 <id> U+E001 <text as printed> U+E002``
(private-use characters, which no draft or template holds): ``id`` indexes the :class:`FigureTable`
render filled in (the figure's path, its :class:`~pipeline.model.Provenance` and its value). From
those bytes this module gives

- :func:`strip`: the document with every mark removed, byte for byte what rendering without marks
  writes (the marks are characters in the parts' text, nothing else);
- :func:`locate`: each marked figure's text and where it stands, as a reader finds it: "paragraph 12"
  (the body paragraphs Word numbers, counted through the document), "footnote 3", "Annex II, row 4
  (Chile), column 3 (Cleared)" for a table cell, else the nearest heading;
- :func:`review`: the review copy, each marked figure in runs of its own carrying a Word comment
  (written through :mod:`pipeline.ooxml.docxapi`, python-docx's comments API).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass

from lxml import etree

from pipeline.model import Provenance
from pipeline.ooxml import docxapi
from pipeline.ooxml.names import XML_SPACE, is_w, w
from pipeline.ooxml.opc import Package
from pipeline.ooxml.reproducible import normalise_zip
from pipeline.ooxml.styles import Styles
from pipeline.ooxml.text import paragraph_text, paragraphs, runs, separator_note, stories

OPEN, SEP, CLOSE = "\ue000", "\ue001", "\ue002"
MARKS = re.compile("\ue000\\d*\ue001?|\ue002|\ue001")
SPAN = re.compile("\ue000(\\d+)\ue001([^\ue000\ue001\ue002]*)\ue002")
PRIVATE_USE = re.compile("[\ue000-\ue002]")
BODY_STYLE = "UN Body"
HEADING_STYLES = ("UN Chapter", "UN Heading", "UN Annex Heading", "UN Title", "Heading")
ANNEX_HEADING = "UN Annex Heading"


@dataclass(frozen=True)
class Entry:
    """A figure as render printed it: the path the template reached it by, where it comes from, its value."""

    path: str
    provenance: Provenance
    value: object


class FigureTable:
    """The figures render marked, in the order it printed them; a mark's id is its index here."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def mark(self, path: str, provenance: Provenance, value: object, text: str) -> str:
        """``text`` marked as the figure ``path``; an empty text prints nothing and is not marked."""
        if not text:
            return text
        self.entries.append(Entry(path, provenance, value))
        return f"{OPEN}{len(self.entries) - 1}{SEP}{text}{CLOSE}"


def unmarked(text: str) -> str:
    return MARKS.sub("", text)


def has_marks(text: str) -> bool:
    return PRIVATE_USE.search(text) is not None


# --- the official file ----------------------------------------------------------------------------


def strip(docx: bytes) -> bytes:
    """The document with every mark removed from every XML part, parts in their order, as reproducible
    bytes: the same bytes as the document rendered without marks."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                text = data.decode("utf-8")
                if has_marks(text):
                    data = unmarked(text).encode("utf-8")
            target.writestr(info.filename, data)
    return normalise_zip(out.getvalue())


# --- where each figure stands ------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    id: int
    text: str  # as printed
    place: str  # "paragraph 12", "footnote 3", "Annex II, row 4 (Chile), column 3 (Cleared)", "under “Annex I”"


class _Reader:
    """What a reader of the body sees: the numbers of numbered paragraphs, headings, the annex a table is in."""

    def __init__(self, package: Package):
        self.styles = Styles.of(package)
        body_id = next((i for i in self.styles.by_id if self.styles.name(i) == BODY_STYLE), None)
        self.body_num = self.styles.num_id(body_id) if body_id else None

    def names(self, paragraph) -> list[str]:
        """The names of the paragraph's style and of those it is based on."""
        chain = self.styles.chain(self.styles.paragraph_style(paragraph))
        return [self.styles.name(s.get(w("styleId"))) for s in chain]

    def numbered(self, paragraph) -> bool:
        """Whether the paragraph takes the body paragraphs' numbering (1., 2., ... through the document)."""
        direct = paragraph.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
        num = direct.get(w("val")) if direct is not None else self.styles.num_id(self.styles.paragraph_style(paragraph))
        return bool(num) and num != "0" and num == self.body_num

    def kind(self, paragraph) -> str:
        names = self.names(paragraph)
        if any(n.startswith(ANNEX_HEADING) for n in names):
            return "annex"
        if any(n.startswith("UN Annex Title") for n in names):
            return "annex-title"
        if any(n.startswith(HEADING_STYLES) for n in names):
            return "heading"
        return ""


def _table_place(paragraph, label: str) -> str | None:
    cell = next(paragraph.iterancestors(w("tc")), None)
    if cell is None:
        return None
    row = cell.getparent()
    table = row.getparent()
    rows = [r for r in table.findall(w("tr"))]
    header = [r for r in rows if r.find(f"{w('trPr')}/{w('tblHeader')}") is not None]
    body = [r for r in rows if r not in header]
    cells = row.findall(w("tc"))
    column = cells.index(cell)

    def text(tc) -> str:
        return unmarked(" ".join(paragraph_text(p) for p in tc.iter(w("p")))).strip()

    where = [label] if label else []
    if row in body:
        first = text(cells[0])
        where.append(f"row {body.index(row) + 1}" + (f" ({first})" if first else ""))
    else:
        where.append("header row")
    heads = header[0].findall(w("tc")) if header else []
    head = text(heads[column]) if column < len(heads) else ""
    where.append(f"column {column + 1}" + (f" ({head})" if head else ""))
    return ", ".join(where)


def locate(docx: bytes) -> list[Placed]:
    """Each marked figure of the body and the footnotes, in reading order, with its text and its place."""
    package = Package(docx)
    reader = _Reader(package)
    found: list[Placed] = []
    body = next((s for s in stories(package, ("body",))), None)
    if body is None:
        return found
    number, heading, annex = 0, "", ""
    for paragraph in paragraphs(body.root):
        text = paragraph_text(paragraph)
        in_cell = next(paragraph.iterancestors(w("tc")), None) is not None
        numbered = not in_cell and reader.numbered(paragraph)
        number += numbered
        kind = "" if in_cell else reader.kind(paragraph)
        if kind == "annex":
            annex = heading = unmarked(text).strip()
        elif kind == "heading":
            heading, annex = unmarked(text).strip(), ""
        for match in SPAN.finditer(text):
            table = _table_place(paragraph, annex or heading) if in_cell else None
            if table is not None:
                place = table
            elif numbered:
                place = f"paragraph {number}"
            elif kind == "annex-title":
                place = f"{annex}, title" if annex else "title"
            elif kind:
                place = f"heading \u201c{_short(unmarked(text))}\u201d"
            else:
                place = f"under \u201c{_short(heading)}\u201d" if heading else "before the first heading"
            found.append(Placed(int(match.group(1)), match.group(2), place))
    numbers: dict[str, int] = {}
    for ref in body.root.iter(w("footnoteReference")):
        numbers.setdefault(ref.get(w("id"), ""), len(numbers) + 1)
    for story in stories(package, ("footnotes",)):
        for paragraph in paragraphs(story.root):
            if separator_note(paragraph):
                continue
            note = next(paragraph.iterancestors(w("footnote")), None)
            number_of = numbers.get(note.get(w("id"), "") if note is not None else "", 0)
            for match in SPAN.finditer(paragraph_text(paragraph)):
                found.append(Placed(int(match.group(1)), match.group(2), f"footnote {number_of}"))
    return found


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


# --- the review copy --------------------------------------------------------------------------------


def _split_run(run) -> None:
    """Cut a run whose text holds whole marked spans so that each span is a run of its own (same
    formatting); the marks stay in the span's run, for :func:`review` to find."""
    rpr = run.find(w("rPr"))
    pieces: list[list] = [[]]  # runs' contents; a span's run holds one w:t
    for child in [c for c in run if c is not rpr]:
        text = child.text or "" if is_w(child, "t") else ""
        if not is_w(child, "t") or not SPAN.search(text):
            pieces[-1].append(child)
            continue
        at = 0
        for match in SPAN.finditer(text):
            if match.start() > at:
                pieces[-1].append(_t(text[at : match.start()]))
            pieces.append([_t(match.group(0))])
            pieces.append([])
            at = match.end()
        if at < len(text):
            pieces[-1].append(_t(text[at:]))
    made = [p for p in pieces if p]
    if len(made) <= 1 and len(pieces) <= 1:
        return
    parent, index = run.getparent(), run.getparent().index(run)
    parent.remove(run)
    for offset, contents in enumerate(made):
        new = etree.Element(w("r"))
        if rpr is not None:
            new.append(deepcopy(rpr))
        for child in contents:
            new.append(child)
        parent.insert(index + offset, new)


def _t(text: str):
    t = etree.Element(w("t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return t


def _split_spans(docx: bytes) -> bytes:
    """Every marked span of the body and the footnotes in a run of its own; marks left anywhere else
    (a span cut across runs, a header) removed."""
    package = Package(docx)
    for story in stories(package):
        for paragraph in paragraphs(story.root):
            if story.kind in ("body", "footnotes"):
                for run in runs(paragraph):
                    if any(SPAN.search(t.text or "") for t in run.findall(w("t"))):
                        _split_run(run)
        for t in story.root.iter(w("t")):
            if t.text and has_marks(t.text) and not (story.kind in ("body", "footnotes") and SPAN.fullmatch(t.text)):
                t.text = unmarked(t.text)
    return package.to_bytes()


def review(
    docx: bytes,
    comment: Callable[[int], str],
    *,
    author: str,
    initials: str,
    date: dt.datetime,
) -> tuple[bytes, int]:
    """The review copy of a marked document: each figure in runs of its own with a comment saying
    ``comment(id)``, every mark removed; and the number of comments."""
    split = _split_spans(docx)
    document = docxapi.open_document(split)
    count = 0

    def each(run_element) -> None:
        nonlocal count
        texts = [t for t in run_element if is_w(t, "t")]
        match = SPAN.fullmatch(texts[0].text or "") if len(texts) == 1 else None
        if match is None:
            return
        texts[0].text = match.group(2)
        docxapi.add_comment(document, run_element, comment(int(match.group(1))), author, initials, date)
        count += 1

    docxapi.each_run(document, each)
    docxapi.strip_runs(document, unmarked)
    return docxapi.to_bytes(document), count


def comment_text(entry: Entry, limit: int = 12) -> str:
    """A figure's comment: its sources (the first ``limit`` of them), its formula, its value."""
    sources = list(entry.provenance.sources)
    shown = ", ".join(sources[:limit]) if sources else "none"
    if len(sources) > limit:
        shown += f" and {len(sources) - limit} more (see the figures page)"
    return f"Source: {shown}\nFormula: {entry.provenance.formula}\nFigure: {entry.path}"


def placed_entries(docx: bytes, table: FigureTable) -> list[tuple[Placed, Entry]]:
    """Each figure of the document as located, with its table entry."""
    return [(p, table.entries[p.id]) for p in locate(docx) if 0 <= p.id < len(table.entries)]


__all__ = [
    "CLOSE",
    "OPEN",
    "SEP",
    "Entry",
    "FigureTable",
    "Placed",
    "comment_text",
    "has_marks",
    "locate",
    "placed_entries",
    "review",
    "strip",
    "unmarked",
]
