"""A returned XLIFF 2.x or 1.2 file read back into each unit's target as pieces.

The file is parsed without a DTD (one that declares one is refused unread, so
no entity is ever expanded and no external file fetched), and each unit's
target becomes pieces again, whose code ids the merge matches against the
source's. A unit with a segment left empty is named, not merged half-done.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from lxml import etree

from pipeline.ooxml.package import declares_doctype
from pipeline.xliff.document import XLIFF2, XLIFF12, Document, Returned, Segment, XliffProblem
from pipeline.xliff.pieces import Marked, Paired, Piece, Plain, Standalone

MAX_BYTES = 64 * 2**20  # a returned file larger than this is not a translation of one document


def read_xliff(data: bytes, *, max_bytes: int = MAX_BYTES) -> Returned:
    """A returned XLIFF 2.x or 1.2 file. Raises :class:`XliffProblem` for a file that is not one, or
    one over ``max_bytes`` (bytes), refused before it is parsed."""
    if len(data) > max_bytes:
        raise XliffProblem(
            f"the file is {len(data) // 2**20} MB; a translation of one document is far "
            "smaller: check that this is the right file"
        )
    if declares_doctype(io.BytesIO(data)):
        raise XliffProblem(
            "the file declares a DOCTYPE (entities or an external DTD), which XLIFF never "
            "needs; it was not read. Export it again from the CAT tool"
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", 0) or 0
        raise XliffProblem(
            f"this is not well-formed XML ({exc.msg}); the CAT tool may not have finished writing it: export it again",
            f"line {line}",
        ) from None
    if root.tag == f"{{{XLIFF2}}}xliff":
        return _read2(root)
    if root.tag == f"{{{XLIFF12}}}xliff":
        return _read12(root)
    raise XliffProblem(
        f"this is not an XLIFF 2 or 1.2 file (its root element is {root.tag!r}); return the "
        "XLIFF file ccm-report exported, translated"
    )


def _one_file(root, q) -> etree._Element:
    files = root.findall(q("file"))
    if len(files) != 1:
        raise XliffProblem(
            f"the file holds {len(files)} <file> elements; ccm-report exports one document per "
            "XLIFF file: return each document in its own file"
        )
    return files[0]


def _read2(root) -> Returned:
    def q(name):
        return f"{{{XLIFF2}}}{name}"

    version = root.get("version", "")
    if version not in ("2.0", "2.1", "2.2"):
        raise XliffProblem(f"XLIFF version {version!r} is not one ccm-report reads (2.0, 2.1, 1.2)")
    file = _one_file(root, q)
    document = Document(file.get("id", ""), file.get("original", ""), root.get("srcLang", ""), root.get("trgLang", ""))
    targets: dict[str, tuple[Piece, ...]] = {}
    untranslated: list[str] = []
    problems: list[tuple[str, str]] = []
    sources: dict[str, tuple[Piece, ...]] = {}
    segments: list[Segment] = []
    for unit in file.iter(q("unit")):
        unit_id = unit.get("id", "")
        if unit.get("translate") == "no":
            continue
        pieces: list[Piece] = []
        source: list[Piece] = []
        complete = True
        for part in unit:
            if part.tag == q("segment"):
                said = part.find(q("source"))
                said_pieces = _pieces2(said, q, unit_id, []) if said is not None else []
                source.extend(said_pieces)
                target = part.find(q("target"))
                if _empty(target):
                    complete = False
                    segments.append(Segment(unit_id, tuple(_merge_plain(said_pieces)), None, part.get("state", "")))
                    continue
                translated = _pieces2(target, q, unit_id, problems)
                pieces.extend(translated)
                segments.append(
                    Segment(
                        unit_id, tuple(_merge_plain(said_pieces)), tuple(_merge_plain(translated)), part.get("state", "")
                    )
                )
            elif part.tag == q("ignorable"):
                said = part.find(q("source"))
                if said is not None:
                    source.extend(_pieces2(said, q, unit_id, []))
                chosen = part.find(q("target"))
                chosen = chosen if chosen is not None else said
                if chosen is not None:
                    pieces.extend(_pieces2(chosen, q, unit_id, problems))
        sources[unit_id] = tuple(_merge_plain(source))
        if complete:
            targets[unit_id] = tuple(_merge_plain(pieces))
        else:
            untranslated.append(unit_id)
    return Returned(version, document, targets, tuple(untranslated), tuple(problems), sources, tuple(segments))


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
            problems.append(
                (
                    unit_id,
                    f"the translation uses <{name}>, which ccm-report's files never "
                    "contain; it is dropped (check the formatting of this unit)",
                )
            )
        if child.tail:
            out.append(Plain(child.tail))
    return out


def _read12(root) -> Returned:
    def q(name):
        return f"{{{XLIFF12}}}{name}"

    file = _one_file(root, q)
    document = Document(file.get("original", ""), "", file.get("source-language", ""), file.get("target-language", ""))
    targets: dict[str, tuple[Piece, ...]] = {}
    untranslated: list[str] = []
    problems: list[tuple[str, str]] = []
    sources: dict[str, tuple[Piece, ...]] = {}
    segments: list[Segment] = []
    for unit in file.iter(q("trans-unit")):
        unit_id = unit.get("id", "")
        if unit.get("translate") == "no":
            continue
        said = unit.find(q("source"))
        sources[unit_id] = tuple(_merge_plain(_pieces12(said, q, unit_id, []))) if said is not None else ()
        target = unit.find(q("target"))
        segments.extend(_segments12(unit, unit_id, target, q, sources[unit_id]))
        if _empty(target):
            untranslated.append(unit_id)
            continue
        targets[unit_id] = tuple(_merge_plain(_pieces12(target, q, unit_id, problems)))
    return Returned("1.2", document, targets, tuple(untranslated), tuple(problems), sources, tuple(segments))


def _segments12(unit, unit_id: str, target, q, source: tuple[Piece, ...]) -> list[Segment]:
    """A 1.2 unit's segments: ``<seg-source>``'s ``<mrk mtype="seg">`` paired with the target's by
    ``mid``; the whole source and target as one segment when either is not segmented."""
    state = target.get("state", "") if target is not None else ""

    def marks(element) -> dict[str, object]:
        if element is None:
            return {}
        return {m.get("mid", ""): m for m in element.iter(q("mrk")) if m.get("mtype") == "seg"}

    said, done = marks(unit.find(q("seg-source"))), marks(target)
    if not said or (target is not None and not _empty(target) and not done):
        whole = None if _empty(target) else tuple(_merge_plain(_pieces12(target, q, unit_id, [])))
        return [Segment(unit_id, source, whole, state)]
    out = []
    for mid, mark in said.items():
        translated = done.get(mid)
        pieces = None if _empty(translated) else tuple(_merge_plain(_pieces12(translated, q, unit_id, [])))
        out.append(Segment(unit_id, tuple(_merge_plain(_pieces12(mark, q, unit_id, []))), pieces, state))
    return out


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
            problems.append(
                (
                    unit_id,
                    f"the translation uses <{name}>, which ccm-report's files never "
                    "contain; it is dropped (check the formatting of this unit)",
                )
            )
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


__all__ = ["MAX_BYTES", "read_xliff"]
