"""A returned XLIFF 2.x or 1.2 file read back into each unit's target as pieces.

The file is parsed without a DTD (one that declares one is refused unread, so
no entity is ever expanded and no external file fetched), and each unit's
target becomes pieces again, whose code ids the merge matches against the
source's. A unit's target is assembled from its segments: one left empty, or
left as its source (:func:`~pipeline.xliff.accept.left_as_source`, a copy
:func:`~pipeline.xliff.accept.is_copy`), keeps its source in its place and is
listed (``partial``); one emptied on purpose (a state past initial) is joined to
the one before; a unit with no segment translated is ``untranslated``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from lxml import etree

from pipeline.locale.languages import language_code
from pipeline.ooxml.package import declares_doctype
from pipeline.xliff.accept import is_copy, left_as_source
from pipeline.xliff.document import XLIFF2, XLIFF12, Document, Returned, Segment, XliffProblem
from pipeline.xliff.pieces import Marked, Paired, Piece, Plain, Standalone, plain_of

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
    document = _document(file.get("id", ""), file.get("original", ""), root.get("srcLang", ""), root.get("trgLang", ""))
    found = _Found()
    for unit in file.iter(q("unit")):
        unit_id = found.unit_id(unit.get("id", ""))
        if unit.get("translate") == "no":
            continue
        pieces: list[Piece] = []
        source: list[Piece] = []
        missing: list[str] = []
        done = copied = 0
        for part in unit:
            if part.tag == q("segment"):
                said = part.find(q("source"))
                said_pieces = _merge_plain(_pieces2(said, q, unit_id, []) if said is not None else [])
                source.extend(said_pieces)
                target = part.find(q("target"))
                state = part.get("state", "")
                if _empty(target):
                    found.segments.append(Segment(unit_id, tuple(said_pieces), None, state))
                    if target is not None and state in JOINED:
                        done += 1  # emptied on purpose: its sentence is in the one before
                    elif has_words(plain_of(tuple(said_pieces))):
                        missing.append(plain_of(tuple(said_pieces)).strip())
                        pieces.extend(said_pieces)
                    else:
                        pieces.extend(said_pieces)  # a segment of codes or spaces only: nothing to translate
                    continue
                translated = _merge_plain(_pieces2(target, q, unit_id, found.problems))
                if left_as_source(tuple(said_pieces), tuple(translated), state):  # not done, the tool says
                    found.segments.append(Segment(unit_id, tuple(said_pieces), None, state))
                    missing.append(plain_of(tuple(said_pieces)).strip())
                    pieces.extend(said_pieces)
                    continue
                if is_copy(tuple(said_pieces), tuple(translated)):  # what a CAT tool leaves of one not done
                    missing.append(plain_of(tuple(said_pieces)).strip())
                    copied += 1
                else:
                    done += 1
                pieces.extend(translated)
                found.segments.append(Segment(unit_id, tuple(said_pieces), tuple(translated), state))
            elif part.tag == q("ignorable"):
                said = part.find(q("source"))
                if said is not None:
                    source.extend(_pieces2(said, q, unit_id, []))
                chosen = part.find(q("target"))
                chosen = chosen if chosen is not None else said
                if chosen is not None:
                    pieces.extend(_pieces2(chosen, q, unit_id, found.problems))
        found.add(unit_id, source, pieces, done, missing, copied)
    return found.returned(version, document)


# A segment's states that say the translator is done with it: its target left empty is then meant.
JOINED = frozenset({"translated", "reviewed", "final", "signed-off", "needs-review-translation"})


def has_words(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _document(doc_id: str, symbol: str, source: str, target: str) -> Document:
    return Document(doc_id, symbol, language_code(source), language_code(target), source.strip(), target.strip())


class _Found:
    """What the reader gathers over a file's units."""

    def __init__(self):
        self.targets: dict[str, tuple[Piece, ...]] = {}
        self.untranslated: list[str] = []
        self.problems: list[tuple[str, str]] = []
        self.sources: dict[str, tuple[Piece, ...]] = {}
        self.segments: list[Segment] = []
        self.partial: dict[str, tuple[str, ...]] = {}
        self.ids: set[str] = set()

    def unit_id(self, unit_id: str) -> str:
        if not unit_id:
            raise XliffProblem("a unit has no id; return the file with the units ccm-report exported")
        if unit_id in self.ids:
            raise XliffProblem(
                f"the unit {unit_id} stands twice in the file; ccm-report exports each unit once: "
                "export the document again and translate that file",
                f"unit {unit_id}",
            )
        self.ids.add(unit_id)
        return unit_id

    def add(
        self, unit_id: str, source: list[Piece], pieces: list[Piece], done: int, missing: list[str], copied: int = 0
    ) -> None:
        """A unit's target from its segments: ``done`` translated, ``copied`` a copy of their source,
        ``missing`` the text of those left empty or copied. A unit of copies only is a copy (its whole
        target, which the merge names so), not a partial translation."""
        self.sources[unit_id] = tuple(_merge_plain(source))
        if not done and not copied:
            self.untranslated.append(unit_id)
            return
        self.targets[unit_id] = tuple(_merge_plain(pieces))
        if missing and done:
            self.partial[unit_id] = tuple(missing)

    def returned(self, version: str, document: Document) -> Returned:
        return Returned(
            version,
            document,
            self.targets,
            tuple(self.untranslated),
            tuple(self.problems),
            self.sources,
            tuple(self.segments),
            self.partial,
        )


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
    document = _document(file.get("original", ""), "", file.get("source-language", ""), file.get("target-language", ""))
    found = _Found()
    for unit in file.iter(q("trans-unit")):
        unit_id = found.unit_id(unit.get("id", ""))
        if unit.get("translate") == "no":
            continue
        said = unit.find(q("source"))
        source = _merge_plain(_pieces12(said, q, unit_id, [])) if said is not None else []
        target = unit.find(q("target"))
        found.segments.extend(_segments12(unit, unit_id, target, q, tuple(source)))
        if _empty(target):
            found.add(unit_id, source, [], 0, [])
            continue
        pieces, done, missing, copied = _assemble12(unit.find(q("seg-source")), target, q, unit_id, found.problems)
        found.add(unit_id, source, pieces, done, missing, copied)
    return found.returned("1.2", document)


def _assemble12(segmented, target, q, unit_id: str, problems: list) -> tuple[list[Piece], int, list[str], int]:
    """A 1.2 target as pieces, the number of its segments translated, the text of those left out (their
    source stands in their place) or copied, and the number copied. Unsegmented, the target is whole."""
    marks = {m.get("mid", ""): m for m in target.iter(q("mrk")) if m.get("mtype") == "seg"}
    if segmented is None or not marks:
        return _pieces12(target, q, unit_id, problems), 1, [], 0
    out: list[Piece] = [Plain(segmented.text)] if segmented.text else []
    done, missing, copied = 0, [], 0
    for child in segmented:
        if child.tag == q("mrk") and child.get("mtype") == "seg":
            mark = marks.get(child.get("mid", ""))
            said = _pieces12(child, q, unit_id, [])
            if not _empty(mark) and left_as_source(
                tuple(_merge_plain(said)), tuple(_merge_plain(_pieces12(mark, q, unit_id, []))), target.get("state", "")
            ):  # the source an OmegaT export pre-filled, not done, the tool says
                out.extend(said)
                missing.append(plain_of(tuple(said)).strip())
            elif not _empty(mark):
                translated = _pieces12(mark, q, unit_id, problems)
                out.extend(translated)
                if is_copy(tuple(_merge_plain(said)), tuple(_merge_plain(translated))):  # OmegaT's, left as is
                    missing.append(plain_of(tuple(said)).strip())
                    copied += 1
                else:
                    done += 1
            elif mark is not None and target.get("state", "") in JOINED:
                done += 1
            else:
                out.extend(said)
                if has_words(plain_of(tuple(said))):
                    missing.append(plain_of(tuple(said)).strip())
        else:
            out.extend(_pieces12(child, q, unit_id, []))
        if child.tail:
            out.append(Plain(child.tail))
    return out, done, missing, copied


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
