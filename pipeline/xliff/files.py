"""The edge to CAT tools: OASIS XLIFF 2.1 and 1.2, written from units and read back.

Writing: one ``<file>`` per document, one group per section, one unit per
:class:`~pipeline.xliff.units.Unit`, segmented into sentences
(:mod:`pipeline.xliff.segment`), with the whitespace between sentences as
``<ignorable>`` (2.1) or between ``<mrk mtype="seg">`` (1.2). Formatting is
``<pc>``/``<g>``, a line break, picture or footnote reference ``<ph>``/``<x>``
(a footnote's names its own units: ``subFlows`` in 2.1, ``xid`` in 1.2);
figures and document symbols are marked not to translate (``<mrk translate="no">``,
``<mrk mtype="protected">``). Each unit carries a note saying where it comes from.

Reading: a returned file is parsed without a DTD (one that declares one is
refused unread, so no entity is ever expanded and no external file fetched),
and each unit's target becomes pieces again, whose code ids the merge matches
against the source's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping

from lxml import etree

from pipeline.errors import CcmReportError
from pipeline.ooxml.package import declares_doctype
from pipeline.xliff.segment import segments
from pipeline.xliff.units import Marked, Paired, Piece, Plain, Standalone, Unit, codes_of

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_BYTES = 64 * 2**20  # a returned file larger than this is not a translation of one document

# Formatting kinds as XLIFF 2 names them (xlf: the standard ones, ccm: ours) and as XLIFF 1.2 does.
SUBTYPES = {"italic": "xlf:i", "bold": "xlf:b", "underline": "xlf:u", "superscript": "ccm:sup",
            "subscript": "ccm:sub", "smallcaps": "ccm:smallcaps"}
CTYPES = {"italic": "italic", "bold": "bold", "underline": "underlined", "superscript": "superscript",
          "subscript": "subscript", "smallcaps": "x-smallcaps", "link": "link"}


class XliffProblem(CcmReportError):
    """A returned XLIFF file cannot be used; ``place`` says where in it."""

    def __init__(self, message: str, place: str = ""):
        super().__init__(message)
        self.place = place


@dataclass(frozen=True)
class Document:
    """What a file says about the document it translates."""

    id: str  # the document's id in meeting.yaml
    symbol: str
    source_language: str
    target_language: str


@dataclass(frozen=True)
class Returned:
    """A translation as read back: each fully translated unit's target as pieces."""

    version: str  # "2.1" | "2.0" | "1.2"
    document: Document
    targets: Mapping[str, tuple[Piece, ...]]
    untranslated: tuple[str, ...] = ()  # units with a segment left without a target
    problems: tuple[tuple[str, str], ...] = field(default=())  # (unit id, what is wrong)


def _sentences(source: tuple[Piece, ...]) -> list[tuple[list[Piece], str]]:
    return segments(source, lambda p: p.text if isinstance(p, Plain) else None,
                    lambda p, start, end: Plain(p.text[start:end]))


# --- writing ----------------------------------------------------------------------------------


def write_xliff(document: Document, units: Iterable[Unit], *, version: str = "2.1",
                targets: Mapping[str, tuple[Piece, ...]] | None = None) -> bytes:
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
        root = etree.Element(self.q("xliff"), nsmap={None: XLIFF2},
                             version=self.version, srcLang=doc.source_language, trgLang=doc.target_language)
        file = etree.SubElement(root, self.q("file"), id=doc.id, original=doc.symbol)
        file.set(f"{{{XML_NS}}}space", "preserve")
        notes = etree.SubElement(file, self.q("notes"))
        etree.SubElement(notes, self.q("note"), category="ccm-report").text = (
            f"{doc.symbol}: made by ccm-report. Translate the text between the codes; keep every code "
            "(formatting, footnote references) and leave the marked figures and symbols as they are.")
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
                _inline(self, etree.SubElement(segment, self.q("target")),
                            _as_source(target_sentences[n - 1], codes_of(unit.source)))
            if gap:
                ignorable = etree.SubElement(element, self.q("ignorable"), id=f"i{n}")
                etree.SubElement(ignorable, self.q("source")).text = gap

    def code(self, element, piece: Piece) -> etree._Element:
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
                _set(code, type="other", subType="ccm:footnote", canDelete="no",
                     subFlows=" ".join(piece.refs), disp="[footnote]")
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
        file = etree.SubElement(root, self.q("file"), original=doc.id, datatype="x-ccm-report",
                                **{"source-language": doc.source_language,
                                   "target-language": doc.target_language, "product-name": "ccm-report"})
        header = etree.SubElement(file, self.q("header"))
        etree.SubElement(header, self.q("note"), **{"from": "ccm-report"}).text = (
            f"{doc.symbol}: made by ccm-report. Translate the text between the codes; keep every code "
            "(formatting, footnote references) and leave the protected figures and symbols as they are.")
        body = etree.SubElement(file, self.q("body"))
        for section, heading, members in _sections(units):
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
            self.segmented(target_element, [(_as_source(part, codes), gap) for part, (_s, gap) in zip(parts, sentences)])
        etree.SubElement(element, self.q("note"), **{"from": "ccm-report"}).text = unit.note

    def segmented(self, element, sentences) -> None:
        for n, (sentence, gap) in enumerate(sentences, 1):
            mrk = etree.SubElement(element, self.q("mrk"), mtype="seg", mid=str(n))
            _inline(self, mrk, sentence)
            mrk.tail = gap or None

    def code(self, element, piece: Piece) -> etree._Element:
        if isinstance(piece, Paired):
            code = etree.SubElement(element, self.q("g"), id=piece.id, ctype=CTYPES[piece.kind])
            _inline(self, code, piece.children)
        elif isinstance(piece, Standalone):
            ctype = {"lb": "lb", "image": "image"}.get(piece.kind, "x-footnote")
            code = etree.SubElement(element, self.q("x"), id=piece.id, ctype=ctype)
            if piece.refs:
                code.set("xid", piece.refs[0])
        else:
            code = etree.SubElement(element, self.q("mrk"), mtype="protected", mid=piece.id,
                                    comment=f"{piece.kind} {piece.value}".strip())
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


# --- reading ----------------------------------------------------------------------------------


def read_xliff(data: bytes) -> Returned:
    """A returned XLIFF 2.x or 1.2 file. Raises :class:`XliffProblem` for a file that is not one."""
    import io

    if len(data) > MAX_BYTES:
        raise XliffProblem(f"the file is {len(data) // 2**20} MB; a translation of one document is far "
                           "smaller: check that this is the right file")
    if declares_doctype(io.BytesIO(data)):
        raise XliffProblem("the file declares a DOCTYPE (entities or an external DTD), which XLIFF never "
                           "needs; it was not read. Export it again from the CAT tool")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", 0) or 0
        raise XliffProblem(f"this is not well-formed XML ({exc.msg}); the CAT tool may not have finished "
                           "writing it: export it again", f"line {line}") from None
    if root.tag == f"{{{XLIFF2}}}xliff":
        return _read2(root)
    if root.tag == f"{{{XLIFF12}}}xliff":
        return _read12(root)
    raise XliffProblem(f"this is not an XLIFF 2 or 1.2 file (its root element is {root.tag!r}); return the "
                       "XLIFF file ccm-report exported, translated")


def _one_file(root, q) -> etree._Element:
    files = root.findall(q("file"))
    if len(files) != 1:
        raise XliffProblem(f"the file holds {len(files)} <file> elements; ccm-report exports one document per "
                           "XLIFF file: return each document in its own file")
    return files[0]


def _read2(root) -> Returned:
    def q(name):
        return f"{{{XLIFF2}}}{name}"

    version = root.get("version", "")
    if version not in ("2.0", "2.1", "2.2"):
        raise XliffProblem(f"XLIFF version {version!r} is not one ccm-report reads (2.0, 2.1, 1.2)")
    file = _one_file(root, q)
    document = Document(file.get("id", ""), file.get("original", ""), root.get("srcLang", ""),
                        root.get("trgLang", ""))
    targets, untranslated, problems = {}, [], []
    for unit in file.iter(q("unit")):
        unit_id = unit.get("id", "")
        if unit.get("translate") == "no":
            continue
        pieces: list[Piece] = []
        complete = True
        for part in unit:
            if part.tag == q("segment"):
                target = part.find(q("target"))
                if _empty(target):
                    complete = False
                    continue
                pieces.extend(_pieces2(target, q, unit_id, problems))
            elif part.tag == q("ignorable"):
                chosen = part.find(q("target"))
                chosen = chosen if chosen is not None else part.find(q("source"))
                if chosen is not None:
                    pieces.extend(_pieces2(chosen, q, unit_id, problems))
        if complete:
            targets[unit_id] = tuple(_merge_plain(pieces))
        else:
            untranslated.append(unit_id)
    return Returned(version, document, targets, tuple(untranslated), tuple(problems))


def _empty(target) -> bool:
    """Whether a segment's or unit's target is missing or holds neither text nor codes."""
    return target is None or (not "".join(target.itertext()).strip() and len(target) == 0)


def _pieces2(element, q, unit_id: str, problems: list) -> list[Piece]:
    out: list[Piece] = []
    if element.text:
        out.append(Plain(element.text))
    for child in element:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if child.tag == q("pc"):
            out.append(Paired(child.get("id", ""), "", tuple(_pieces2(child, q, unit_id, problems))))
        elif child.tag == q("ph"):
            out.append(Standalone(child.get("id", ""), ""))
        elif child.tag == q("mrk") and child.get("translate") == "no":
            out.append(Marked(child.get("id", ""), "", tuple(_pieces2(child, q, unit_id, problems))))
        elif child.tag == q("mrk"):  # a CAT tool's own mark (a term, a comment): its text only
            out.extend(_pieces2(child, q, unit_id, problems))
        elif name in ("sc", "ec", "sm", "em", "cp"):
            problems.append((unit_id, f"the translation uses <{name}>, which ccm-report's files never "
                                      "contain; it is dropped (check the formatting of this unit)"))
        if child.tail:
            out.append(Plain(child.tail))
    return out


def _read12(root) -> Returned:
    def q(name):
        return f"{{{XLIFF12}}}{name}"

    file = _one_file(root, q)
    document = Document(file.get("original", ""), "", file.get("source-language", ""),
                        file.get("target-language", ""))
    targets, untranslated, problems = {}, [], []
    for unit in file.iter(q("trans-unit")):
        unit_id = unit.get("id", "")
        if unit.get("translate") == "no":
            continue
        target = unit.find(q("target"))
        if _empty(target):
            untranslated.append(unit_id)
            continue
        targets[unit_id] = tuple(_merge_plain(_pieces12(target, q, unit_id, problems)))
    return Returned("1.2", document, targets, tuple(untranslated), tuple(problems))


def _pieces12(element, q, unit_id: str, problems: list) -> list[Piece]:
    out: list[Piece] = []
    if element.text:
        out.append(Plain(element.text))
    for child in element:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if child.tag == q("mrk") and child.get("mtype") == "seg":
            out.extend(_pieces12(child, q, unit_id, problems))
        elif child.tag == q("mrk") and child.get("mtype") == "protected":
            out.append(Marked(child.get("mid", ""), "", tuple(_pieces12(child, q, unit_id, problems))))
        elif child.tag == q("mrk"):
            out.extend(_pieces12(child, q, unit_id, problems))
        elif child.tag == q("g"):
            out.append(Paired(child.get("id", ""), "", tuple(_pieces12(child, q, unit_id, problems))))
        elif child.tag == q("x"):
            out.append(Standalone(child.get("id", ""), ""))
        elif name in ("bx", "ex", "bpt", "ept", "ph", "it", "sub"):
            problems.append((unit_id, f"the translation uses <{name}>, which ccm-report's files never "
                                      "contain; it is dropped (check the formatting of this unit)"))
        if child.tail:
            out.append(Plain(child.tail))
    return out


def _merge_plain(pieces: Iterable[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Plain) and out and isinstance(out[-1], Plain):
            out[-1] = Plain(out[-1].text + piece.text)
        else:
            out.append(piece)
    return out


# --- the OASIS schemas ---------------------------------------------------------------------------


class _Local(etree.Resolver):
    """Every schema import resolves to the copies shipped in pipeline/xliff/schemas/: never the network."""

    def resolve(self, url, pubid, context):
        name = url.rsplit("/", 1)[-1]
        path = resources.files("pipeline.xliff") / "schemas" / name
        if path.is_file():
            return self.resolve_string(path.read_bytes(), context)
        return None


@lru_cache(maxsize=2)
def schema(version: str) -> etree.XMLSchema:
    """The OASIS schema of XLIFF ``version`` ("2.1" uses the 2.0 core schema, as the 2.1 standard does)."""
    name = "xliff-core-2.0.xsd" if version.startswith("2") else "xliff-core-1.2-strict.xsd"
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Local())
    path = resources.files("pipeline.xliff") / "schemas" / name
    return etree.XMLSchema(etree.fromstring(path.read_bytes(), parser, base_url=str(path)))


def schema_errors(data: bytes, version: str) -> list[str]:
    """What the OASIS schema finds wrong with an XLIFF file: "line N: message", none when it validates."""
    xsd = schema(version)
    document = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if xsd.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in xsd.error_log]


__all__ = ["Document", "Returned", "XliffProblem", "write_xliff", "read_xliff", "schema_errors"]
