"""XLIFF 2.1 and 1.2 written from a document's units, for a CAT tool.

One ``<file>`` per document, one group per section, one unit per
:class:`~pipeline.xliff.walk.Unit`, segmented into sentences
(:mod:`pipeline.xliff.segment`), with the whitespace between sentences as
``<ignorable>`` (2.1) or between ``<mrk mtype="seg">`` (1.2). Formatting is
``<pc>``/``<g>``, a line break, picture or footnote reference ``<ph>``/``<x>``
(a footnote's names its own units: ``subFlows`` in 2.1, ``xid`` in 1.2);
figures and document symbols are marked not to translate (``<mrk translate="no">``,
``<mrk mtype="protected">``). Each unit carries a note saying where it comes from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from lxml import etree

from pipeline.xliff.document import XLIFF2, XLIFF12, XML_NS, Document
from pipeline.xliff.pieces import Marked, Paired, Piece, Plain, Standalone, codes_of
from pipeline.xliff.segment import segments
from pipeline.xliff.walk import Unit

# Formatting kinds as XLIFF 2 names them (xlf: the standard ones, ccm: ours) and as XLIFF 1.2 does.
SUBTYPES = {
    "italic": "xlf:i",
    "bold": "xlf:b",
    "underline": "xlf:u",
    "superscript": "ccm:sup",
    "subscript": "ccm:sub",
    "smallcaps": "ccm:smallcaps",
}
CTYPES = {
    "italic": "italic",
    "bold": "bold",
    "underline": "underlined",
    "superscript": "superscript",
    "subscript": "subscript",
    "smallcaps": "x-smallcaps",
    "link": "link",
}


def _sentences(source: tuple[Piece, ...]) -> list[tuple[list[Piece], str]]:
    return segments(source, _text_of, _part)


def _text_of(piece: Piece) -> str | None:
    return piece.text if isinstance(piece, Plain) else None


def _part(piece: Piece, start: int, end: int) -> Piece:
    """Characters ``start`` to ``end`` of a plain piece (segments only ever cuts plain ones)."""
    return Plain(piece.text[start:end]) if isinstance(piece, Plain) else piece


def write_xliff(
    document: Document,
    units: Iterable[Unit],
    *,
    version: str = "2.1",
    targets: Mapping[str, tuple[Piece, ...]] | None = None,
) -> bytes:
    """An XLIFF file (``version`` 2.1 or 1.2) of a document's units, as UTF-8 bytes.

    ``targets`` are translations already known (from a returned file) for units whose id is
    unchanged; their units go out translated, so a translator sees only what is new."""
    writer = _Xliff2 if version in ("2.0", "2.1") else _Xliff12
    root = writer(document, version).build(tuple(units), targets or {})
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# Elements whose content is text with inline codes: whitespace added inside them would be text.
_MIXED = {"source", "target", "seg-source", "note", "data"}


def _indent(element, level: int = 0) -> None:
    """Line breaks and indentation between structural elements only, never inside text."""
    if etree.QName(element).localname in _MIXED or not len(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def _sections(units: tuple[Unit, ...]) -> list[tuple[str, str, list[Unit]]]:
    """Consecutive units of one section, as (group id, heading, units); a group id is unique."""
    groups: list[tuple[str, str, list[Unit]]] = []
    seen: dict[str, int] = {}
    section = None
    for unit in units:
        if unit.section != section:
            section = unit.section
            seen[section] = seen.get(section, 0) + 1
            group_id = section if seen[section] == 1 else f"{section}-{seen[section]}"
            groups.append((group_id, unit.heading, []))
        groups[-1][2].append(unit)
    return groups


class _Xliff2:
    def __init__(self, document: Document, version: str):
        self.document = document
        self.version = version

    def q(self, name: str) -> str:
        return f"{{{XLIFF2}}}{name}"

    def build(self, units: tuple[Unit, ...], targets) -> etree._Element:
        doc = self.document
        root = etree.Element(
            self.q("xliff"),
            nsmap={None: XLIFF2},
            version=self.version,
            srcLang=doc.source_language,
            trgLang=doc.target_language,
        )
        file = etree.SubElement(root, self.q("file"), id=doc.id, original=doc.symbol)
        file.set(f"{{{XML_NS}}}space", "preserve")
        notes = etree.SubElement(file, self.q("notes"))
        etree.SubElement(notes, self.q("note"), category="ccm-report").text = (
            f"{doc.symbol}: made by ccm-report. Translate the text between the codes; keep every code "
            "(formatting, footnote references) and leave the marked figures and symbols as they are."
        )
        for section, heading, members in _sections(units):
            group = etree.SubElement(file, self.q("group"), id=f"g-{section}", name=members[0].section)
            if heading:
                group_notes = etree.SubElement(group, self.q("notes"))
                etree.SubElement(group_notes, self.q("note"), category="section").text = heading
            for unit in members:
                self.unit(group, unit, targets.get(unit.id))
        return root

    def unit(self, parent, unit: Unit, target: tuple[Piece, ...] | None) -> None:
        element = etree.SubElement(parent, self.q("unit"), id=unit.id, name=unit.place)
        if not unit.translate:
            element.set("translate", "no")
        notes = etree.SubElement(element, self.q("notes"))
        etree.SubElement(notes, self.q("note"), category="location").text = unit.note
        links = [p for p in _all(unit.source) if isinstance(p, Paired) and p.kind == "link"]
        if links:
            data = etree.SubElement(element, self.q("originalData"))
            for link in links:
                etree.SubElement(data, self.q("data"), id=f"{link.id}-start").text = f'<a href="{link.url}">'
                etree.SubElement(data, self.q("data"), id=f"{link.id}-end").text = "</a>"
        sentences = _sentences_for(unit.source, target)
        target_sentences = _split_like(target, len(sentences)) if target is not None else None
        for n, (sentence, gap) in enumerate(sentences, 1):
            segment = etree.SubElement(element, self.q("segment"), id=f"s{n}")
            if target_sentences is not None:
                segment.set("state", "translated")
            _inline(self, etree.SubElement(segment, self.q("source")), tuple(sentence))
            if target_sentences is not None:
                _inline(
                    self,
                    etree.SubElement(segment, self.q("target")),
                    _as_source(target_sentences[n - 1], codes_of(unit.source)),
                )
            if gap:
                ignorable = etree.SubElement(element, self.q("ignorable"), id=f"i{n}")
                etree.SubElement(ignorable, self.q("source")).text = gap

    def code(self, element, piece: Paired | Standalone | Marked) -> etree._Element:
        if isinstance(piece, Paired):
            code = etree.SubElement(element, self.q("pc"), id=piece.id)
            if piece.kind == "link":
                _set(code, type="link", dataRefStart=f"{piece.id}-start", dataRefEnd=f"{piece.id}-end")
            else:
                _set(code, type="fmt", subType=SUBTYPES[piece.kind])
            _inline(self, code, piece.children)
        elif isinstance(piece, Standalone):
            code = etree.SubElement(element, self.q("ph"), id=piece.id)
            if piece.kind == "lb":
                _set(code, type="fmt", subType="xlf:lb")
            elif piece.kind == "image":
                _set(code, type="image", canDelete="no")
            else:
                _set(
                    code,
                    type="other",
                    subType="ccm:footnote",
                    canDelete="no",
                    subFlows=" ".join(piece.refs),
                    disp="[footnote]",
                )
        else:
            code = etree.SubElement(element, self.q("mrk"), id=piece.id, translate="no", type=f"ccm:{piece.kind}")
            if piece.kind == "figure":
                code.set("value", piece.value)
            _inline(self, code, piece.children)
        return code


class _Xliff12:
    def __init__(self, document: Document, version: str):
        self.document = document

    def q(self, name: str) -> str:
        return f"{{{XLIFF12}}}{name}"

    def build(self, units: tuple[Unit, ...], targets) -> etree._Element:
        doc = self.document
        root = etree.Element(self.q("xliff"), nsmap={None: XLIFF12}, version="1.2")
        file = etree.SubElement(
            root,
            self.q("file"),
            original=doc.id,
            datatype="x-ccm-report",
            **{
                "source-language": doc.source_language,
                "target-language": doc.target_language,
                "product-name": "ccm-report",
            },
        )
        header = etree.SubElement(file, self.q("header"))
        etree.SubElement(header, self.q("note"), **{"from": "ccm-report"}).text = (
            f"{doc.symbol}: made by ccm-report. Translate the text between the codes; keep every code "
            "(formatting, footnote references) and leave the protected figures and symbols as they are."
        )
        body = etree.SubElement(file, self.q("body"))
        for section, _heading, members in _sections(units):
            group = etree.SubElement(body, self.q("group"), id=f"g-{section}", resname=members[0].section)
            for unit in members:
                self.unit(group, unit, targets.get(unit.id))
        return root

    def unit(self, parent, unit: Unit, target: tuple[Piece, ...] | None) -> None:
        element = etree.SubElement(parent, self.q("trans-unit"), id=unit.id, resname=unit.place)
        element.set(f"{{{XML_NS}}}space", "preserve")
        if not unit.translate:
            element.set("translate", "no")
        _inline(self, etree.SubElement(element, self.q("source")), unit.source)
        sentences = _sentences_for(unit.source, target)
        seg_source = etree.SubElement(element, self.q("seg-source"))
        self.segmented(seg_source, [(tuple(s), gap) for s, gap in sentences])
        if target is not None:
            parts = _split_like(target, len(sentences))
            target_element = etree.SubElement(element, self.q("target"), state="translated")
            codes = codes_of(unit.source)
            pairs = zip(parts, sentences, strict=False)  # as many by construction (_sentences_for, _split_like)
            self.segmented(target_element, [(_as_source(part, codes), gap) for part, (_s, gap) in pairs])
        etree.SubElement(element, self.q("note"), **{"from": "ccm-report"}).text = unit.note

    def segmented(self, element, sentences) -> None:
        for n, (sentence, gap) in enumerate(sentences, 1):
            mrk = etree.SubElement(element, self.q("mrk"), mtype="seg", mid=str(n))
            _inline(self, mrk, sentence)
            mrk.tail = gap or None

    def code(self, element, piece: Paired | Standalone | Marked) -> etree._Element:
        if isinstance(piece, Paired):
            code = etree.SubElement(element, self.q("g"), id=piece.id, ctype=CTYPES[piece.kind])
            _inline(self, code, piece.children)
        elif isinstance(piece, Standalone):
            ctype = {"lb": "lb", "image": "image"}.get(piece.kind, "x-footnote")
            code = etree.SubElement(element, self.q("x"), id=piece.id, ctype=ctype)
            if piece.refs:
                code.set("xid", piece.refs[0])
        else:
            code = etree.SubElement(
                element, self.q("mrk"), mtype="protected", mid=piece.id, comment=f"{piece.kind} {piece.value}".strip()
            )
            _inline(self, code, piece.children)
        return code


def _inline(writer, element, pieces: tuple[Piece, ...]) -> None:
    """Pieces as the content of ``element``: text, and the writer's element for each code."""
    last = None
    for piece in pieces:
        if not isinstance(piece, Plain):
            last = writer.code(element, piece)
        elif last is None:
            element.text = (element.text or "") + piece.text
        else:
            last.tail = (last.tail or "") + piece.text


def _as_source(pieces: tuple[Piece, ...], codes: Mapping[str, Piece]) -> tuple[Piece, ...]:
    """A translation's pieces with each code as the source has it (kind, link, footnote units);
    a code the source has not is left out, its text kept."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Plain):
            out.append(piece)
            continue
        known = codes.get(piece.id)
        children = _as_source(getattr(piece, "children", ()), codes)
        if known is None or type(known) is not type(piece):
            out.extend(children)
        elif isinstance(known, (Paired, Marked)):
            out.append(replace(known, children=children))
        else:
            out.append(known)
    return tuple(out)


def _set(element, **attributes: str) -> None:
    for name, value in attributes.items():
        element.set(name, value)


def _all(pieces: tuple[Piece, ...]):
    for piece in pieces:
        yield piece
        if isinstance(piece, (Paired, Marked)):
            yield from _all(piece.children)


def _sentences_for(source: tuple[Piece, ...], target: tuple[Piece, ...] | None) -> list[tuple[list[Piece], str]]:
    """The source's sentences; one segment for the whole unit when a known translation has another
    number of sentences (a translation need not keep them: the translator joined them)."""
    sentences = _sentences(source)
    if target is not None and len(_sentences(target)) != len(sentences):
        return [(list(source), "")]
    return sentences


def _split_like(target: tuple[Piece, ...], count: int) -> list[tuple[Piece, ...]]:
    """A known target laid over ``count`` segments, as many as its own sentences (see _sentences_for)."""
    own = _sentences(target)
    return [tuple(s) for s, _gap in own] if len(own) == count else [target]


__all__ = ["SUBTYPES", "CTYPES", "write_xliff"]
