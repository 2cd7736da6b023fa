"""A translation memory as TMX 1.4b, for CAT tools to import.

One ``<tu>`` per distinct translated sentence, in the memory's order, with the
document and unit it came from as ``<prop>``s. Codes are TMX's own: a paired
code is ``<bpt>``/``<ept>`` holding the XLIFF 1.2 code it stands for
(``<g id="c1">``), a standalone one ``<ph>`` (``<x id="c2"/>``), a figure or
symbol not to translate ``<hi type="x-protected">``. The bytes depend only on
the memory and the date given (no clock is read), so the same returns make the
same file.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from pipeline.xliff.document import XML_NS
from pipeline.xliff.memory import Memory, key
from pipeline.xliff.pieces import Marked, Paired, Piece, Plain


def write_tmx(memory: Memory, *, date: dt.date | None = None, tool_version: str = "1") -> bytes:
    """The memory as a TMX 1.4b file (UTF-8); ``date``, when given, is the header's creation date."""
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(
        root,
        "header",
        creationtool="ccm-report",
        creationtoolversion=tool_version,
        segtype="sentence",
        **{"o-tmf": "ccm-report", "adminlang": "en", "srclang": memory.source_language, "datatype": "xml"},
    )
    if date is not None:
        header.set("creationdate", f"{date:%Y%m%d}T000000Z")
    header.tail = "\n"
    body = etree.SubElement(root, "body")
    body.text = "\n"  # a line per <tu>, for a reader; never inside a <seg>, where it would be text
    seen = set()
    for entry in memory.entries:
        pair = (key(entry.source), key(entry.target))
        if pair in seen:
            continue
        seen.add(pair)
        tu = etree.SubElement(body, "tu")
        tu.tail = "\n"
        etree.SubElement(tu, "prop", type="x-document").text = entry.document
        etree.SubElement(tu, "prop", type="x-unit").text = entry.unit
        for language, pieces in ((memory.source_language, entry.source), (memory.target_language, entry.target)):
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(f"{{{XML_NS}}}lang", language)
            _inline(etree.SubElement(tuv, "seg"), pieces, {})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False) + b"\n"


def _inline(element, pieces: tuple[Piece, ...], numbers: dict[str, int]) -> None:
    """Pieces as a ``<seg>``'s content; ``numbers`` gives each paired code its ``i`` (1, 2 ...)."""
    last = None

    def text(value: str) -> None:
        nonlocal last
        if last is None:
            element.text = (element.text or "") + value
        else:
            last.tail = (last.tail or "") + value

    for piece in pieces:
        if isinstance(piece, Plain):
            text(piece.text)
        elif isinstance(piece, Paired):
            number = numbers.setdefault(piece.id, len(numbers) + 1)
            start = etree.SubElement(element, "bpt", i=str(number))
            start.text = f'<g id="{piece.id}">'
            last = start
            inner = etree.Element("hold")
            _inline(inner, piece.children, numbers)
            text(inner.text or "")
            for child in list(inner):
                element.append(child)
                last = child
            end = etree.SubElement(element, "ept", i=str(number))
            end.text = "</g>"
            last = end
        elif isinstance(piece, Marked):
            last = etree.SubElement(element, "hi", type="x-protected")
            _inline(last, piece.children, numbers)
        else:
            last = etree.SubElement(element, "ph")
            last.text = f'<x id="{piece.id}"/>'


__all__ = ["write_tmx"]
