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

from collections.abc import Iterable

from lxml import etree

from pipeline.xliff.accept import Known, comparable
from pipeline.xliff.document import XLIFF2, XLIFF12, XML_NS, Document
from pipeline.xliff.memory import Memory
from pipeline.xliff.pieces import Marked, Paired, Piece, Plain, Standalone
from pipeline.xliff.prefill import FigureText, Offer, offers
from pipeline.xliff.walk import Unit

MATCHES = "urn:oasis:names:tc:xliff:matches:2.0"  # the Translation Candidates module (mtc:)

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


def write_xliff(
    document: Document,
    units: Iterable[Unit],
    *,
    version: str = "2.1",
    known: Known | None = None,
    memory: Memory | None = None,
    omegat: bool = False,
    figure: FigureText | None = None,
) -> bytes:
    """An XLIFF file (``version`` 2.1 or 1.2) of a document's units, as UTF-8 bytes.

    ``known`` is what a returned file gives (:func:`pipeline.xliff.accept.accepted`): units the merge
    accepts go out translated, so a translator sees only what is new; a stale unit's old translation
    is a suggestion. Other sentences are looked up in ``memory`` (:mod:`pipeline.xliff.prefill`): exact
    matches go out translated, changed ones with fuzzy matches (``<mtc:matches>``, ``<alt-trans>``).
    A figure in a target is the current one, written by ``figure`` (its name and value).

    ``omegat`` (1.2 only): every target is a copy of its source, as OmegaT's filter reads it (it translates
    the target's text: a French one would be listed as text to translate); what is known goes to OmegaT
    as a TMX for tm/auto/ (:func:`pipeline.xliff.prefill.prefilled`); a unit is "needs-translation"
    unless what is known of it is the English itself (a one-word heading)."""
    writer = _Xliff2(document, version) if version in ("2.0", "2.1") else _Xliff12(document, version, omegat)
    offered = [(unit, offers(unit, known, memory, figure)) for unit in units]
    root = writer.build(offered)
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


def _any_match(offered: list[tuple[Unit, list[Offer]]]) -> bool:
    return any(offer.matches for _unit, segments in offered for offer in segments)


def _sections(offered: list[tuple[Unit, list[Offer]]]) -> list[tuple[str, str, list[tuple[Unit, list[Offer]]]]]:
    """Consecutive units of one section with their segments, as (group id, heading, units); a group id
    is unique."""
    groups: list[tuple[str, str, list[tuple[Unit, list[Offer]]]]] = []
    seen: dict[str, int] = {}
    section = None
    for unit, segments in offered:
        if unit.section != section:
            section = unit.section
            seen[section] = seen.get(section, 0) + 1
            group_id = section if seen[section] == 1 else f"{section}-{seen[section]}"
            groups.append((group_id, unit.heading, []))
        groups[-1][2].append((unit, segments))
    return groups


class _Xliff2:
    def __init__(self, document: Document, version: str):
        self.document = document
        self.version = version

    def q(self, name: str) -> str:
        return f"{{{XLIFF2}}}{name}"

    def build(self, offered: list[tuple[Unit, list[Offer]]]) -> etree._Element:
        doc = self.document
        root = etree.Element(
            self.q("xliff"),
            nsmap={None: XLIFF2, "mtc": MATCHES} if _any_match(offered) else {None: XLIFF2},
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
        for section, heading, members in _sections(offered):
            group = etree.SubElement(file, self.q("group"), id=f"g-{section}", name=members[0][0].section)
            if heading:
                group_notes = etree.SubElement(group, self.q("notes"))
                etree.SubElement(group_notes, self.q("note"), category="section").text = heading
            for unit, segments in members:
                self.unit(group, unit, segments)
        return root

    def unit(self, parent, unit: Unit, segments: list[Offer]) -> None:
        element = etree.SubElement(parent, self.q("unit"), id=unit.id, name=unit.place)
        if not unit.translate:
            element.set("translate", "no")
        self.matches(element, segments)  # a module's elements come first in a unit
        notes = etree.SubElement(element, self.q("notes"))
        etree.SubElement(notes, self.q("note"), category="location").text = unit.note
        links = [p for p in _all(unit.source) if isinstance(p, Paired) and p.kind == "link"]
        if links:
            data = etree.SubElement(element, self.q("originalData"))
            for link in links:
                etree.SubElement(data, self.q("data"), id=f"{link.id}-start").text = f'<a href="{link.url}">'
                etree.SubElement(data, self.q("data"), id=f"{link.id}-end").text = "</a>"
        for n, offer in enumerate(segments, 1):
            segment = etree.SubElement(element, self.q("segment"), id=f"s{n}")
            if offer.target is not None:
                segment.set("state", "translated")
            _inline(self, etree.SubElement(segment, self.q("source")), offer.source)
            if offer.target is not None:
                _inline(self, etree.SubElement(segment, self.q("target")), offer.target)
            if offer.gap:
                ignorable = etree.SubElement(element, self.q("ignorable"), id=f"i{n}")
                etree.SubElement(ignorable, self.q("source")).text = offer.gap

    def matches(self, element, segments: list[Offer]) -> None:
        """The fuzzy matches of each segment, as the Translation Candidates module writes them."""
        found = [(n, match) for n, offer in enumerate(segments, 1) for match in offer.matches]
        if not found:
            return
        matches = etree.SubElement(element, f"{{{MATCHES}}}matches")
        for count, (n, match) in enumerate(found, 1):
            candidate = etree.SubElement(
                matches,
                f"{{{MATCHES}}}match",
                id=f"tm{count}",
                ref=f"#s{n}",
                type="tm",
                similarity=_percent(match.similarity),
                origin=match.origin,
            )
            _candidate(self, candidate, match.entry.source, match.entry.target)

    def bare(self, element, piece: Paired | Standalone | Marked) -> etree._Element:
        """A code in a match, known by its id alone (a returned file's codes carry no kind)."""
        if isinstance(piece, Paired):
            code = etree.SubElement(element, self.q("pc"), id=piece.id)
        elif isinstance(piece, Standalone):
            return etree.SubElement(element, self.q("ph"), id=piece.id)
        else:
            code = etree.SubElement(element, self.q("mrk"), id=piece.id, translate="no")
        _inline(self, code, piece.children, self.bare)
        return code

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
    def __init__(self, document: Document, version: str, omegat: bool = False):
        self.document = document
        self.omegat = omegat

    def q(self, name: str) -> str:
        return f"{{{XLIFF12}}}{name}"

    def build(self, offered: list[tuple[Unit, list[Offer]]]) -> etree._Element:
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
        for section, _heading, members in _sections(offered):
            group = etree.SubElement(body, self.q("group"), id=f"g-{section}", resname=members[0][0].section)
            for unit, segments in members:
                self.unit(group, unit, segments)
        return root

    def unit(self, parent, unit: Unit, segments: list[Offer]) -> None:
        element = etree.SubElement(parent, self.q("trans-unit"), id=unit.id, resname=unit.place)
        element.set(f"{{{XML_NS}}}space", "preserve")
        if not unit.translate:
            element.set("translate", "no")
        _inline(self, etree.SubElement(element, self.q("source")), unit.source)
        seg_source = etree.SubElement(element, self.q("seg-source"))
        self.segmented(seg_source, [(s.source, s.gap) for s in segments])
        known = [s.target is not None for s in segments]
        if self.omegat and unit.translate:
            # "translated" only where the English is the known translation: else a target returned
            # as English is not done (accept.left_as_source), whatever a memory knew of it.
            same = all(s.target is not None and comparable(s.target) == comparable(s.source) for s in segments)
            target = etree.SubElement(element, self.q("target"), state="translated" if same else "needs-translation")
            self.segmented(target, [(s.source, s.gap) for s in segments])
        elif any(known):  # a segment not known is left empty; the state says whether the unit is done
            target = etree.SubElement(
                element, self.q("target"), state="translated" if all(known) else "needs-translation"
            )
            if any(s.origin == "memory" for s in segments):
                target.set("state-qualifier", "exact-match" if all(known) else "leveraged-tm")
            empty: tuple[Piece, ...] = ()
            self.segmented(target, [(s.target if s.target is not None else empty, s.gap) for s in segments])
        for n, offer in enumerate(segments, 1):
            for match in offer.matches:
                self.alternative(
                    element,
                    n,
                    match.entry.source,
                    match.entry.target,
                    match.similarity,
                    match.origin,
                )
        etree.SubElement(element, self.q("note"), **{"from": "ccm-report"}).text = unit.note

    def alternative(self, element, n: int, source, target, similarity: float, origin: str) -> None:
        """An ``<alt-trans>`` for segment ``n``: a match ``similarity`` per cent alike (``match-quality``)."""
        alt = etree.SubElement(
            element, self.q("alt-trans"), mid=str(n), origin=origin, **{"match-quality": _percent(similarity)}
        )
        _candidate(self, alt, source, target)

    def bare(self, element, piece: Paired | Standalone | Marked) -> etree._Element:
        """A code in a match, known by its id alone (a returned file's codes carry no kind)."""
        if isinstance(piece, Paired):
            code = etree.SubElement(element, self.q("g"), id=piece.id)
        elif isinstance(piece, Standalone):
            return etree.SubElement(element, self.q("x"), id=piece.id)
        else:
            code = etree.SubElement(element, self.q("mrk"), mtype="protected", mid=piece.id)
        _inline(self, code, piece.children, self.bare)
        return code

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


def _inline(writer, element, pieces: tuple[Piece, ...], code=None) -> None:
    """Pieces as the content of ``element``: text, and the writer's element for each code
    (``code``, by default the writer's own; a code with no id is left out, its text kept)."""
    code = code or writer.code
    last = None
    for piece in _flat(pieces):
        if not isinstance(piece, Plain):
            last = code(element, piece)
        elif last is None:
            element.text = (element.text or "") + piece.text
        else:
            last.tail = (last.tail or "") + piece.text


def _candidate(writer, element, source: tuple[Piece, ...], target: tuple[Piece, ...]) -> None:
    """A match's source and target; the target's codes that its source has not are left out."""
    ids = {p.id for p in _all(source) if not isinstance(p, Plain)}
    _inline(writer, etree.SubElement(element, writer.q("source")), source, writer.bare)
    _inline(writer, etree.SubElement(element, writer.q("target")), _only(target, ids), writer.bare)


def _flat(pieces: tuple[Piece, ...]) -> list[Piece]:
    """The pieces with each code that has no id replaced by its text."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Plain) or piece.id:
            out.append(piece)
        else:
            out.extend(_flat(getattr(piece, "children", ())))
    return out


def _only(pieces: tuple[Piece, ...], ids: set[str]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Plain) or piece.id in ids:
            out.append(piece)
        else:
            out.extend(_only(getattr(piece, "children", ()), ids))
    return tuple(out)


def _percent(value: float) -> str:
    """A percentage as XLIFF writes it: at most two decimals, none when whole."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _set(element, **attributes: str) -> None:
    for name, value in attributes.items():
        element.set(name, value)


def _all(pieces: tuple[Piece, ...]):
    for piece in pieces:
        yield piece
        if isinstance(piece, (Paired, Marked)):
            yield from _all(piece.children)


__all__ = ["SUBTYPES", "CTYPES", "write_xliff"]
