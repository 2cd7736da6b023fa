"""The XML names of Word packages: the one place their namespaces are written.

Every module that reads or writes WordprocessingML takes its names from here
(``w("p")`` is ``{…/wordprocessingml/2006/main}p``), so that no other module
spells a namespace, and one safe parser reads every part.
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
}
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_NS = NS["cp"]
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NSDECL_W = f'xmlns:w="{W_NS}"'  # for XML written as text: '<w:p {NSDECL_W}>…'
MC_FALLBACK = f"{{{NS['mc']}}}Fallback"
R_ID = f"{{{NS['r']}}}id"
O_OLE = f"{{{NS['o']}}}OLEObject"
C_CHART = f"{{{NS['c']}}}chart"

# Parts are untrusted data: no entity resolution, no DTD, no network, no huge trees.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def w(tag: str) -> str:
    """The qualified name of the WordprocessingML element or attribute ``tag`` ("p", "val")."""
    return f"{W}{tag}"


def qualified(name: str) -> str:
    """A prefixed name ("w:p", "m:mathPr") in Clark notation ("{namespace}p"), by the prefixes of :data:`NS`."""
    prefix, _, tag = name.partition(":")
    return f"{{{NS[prefix]}}}{tag}"


def dc(tag: str) -> str:
    """The qualified name of a Dublin Core property ("title", "language") in the core properties."""
    return f"{{{NS['dc']}}}{tag}"


def local(element) -> str:
    """An element's name without its namespace ("" for comments and processing instructions)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def is_w(element, *names: str) -> bool:
    """Whether ``element`` is a WordprocessingML element with one of these local names."""
    return (
        element is not None
        and isinstance(element.tag, str)
        and element.tag.startswith(W)
        and element.tag[len(W) :] in names
    )


def element(tag: str, **attrs: str) -> etree._Element:
    """A new w: element with w: attributes: ``element("pStyle", val="UNBody")``."""
    made = etree.Element(w(tag))
    for key, value in attrs.items():
        made.set(w(key), value)
    return made


def sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """A new w: element appended to ``parent``."""
    child = element(tag, **attrs)
    parent.append(child)
    return child


def serialise(root: etree._Element) -> bytes:
    """A part's XML as Word writes it: UTF-8 with a standalone declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# Tracked changes besides w:ins, w:del, w:moveFrom and w:moveTo: formatting changes, table cells' changes,
# and the range marks of moves and of custom XML changes.
PR_CHANGES = {
    "pPrChange",
    "rPrChange",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "tblPrExChange",
    "numberingChange",
}
CHANGE_MARKS = {"cellIns", "cellDel", "cellMerge"}
RANGE_MARKS = {
    "moveFromRangeStart",
    "moveFromRangeEnd",
    "moveToRangeStart",
    "moveToRangeEnd",
    "customXmlInsRangeStart",
    "customXmlInsRangeEnd",
    "customXmlDelRangeStart",
    "customXmlDelRangeEnd",
    "customXmlMoveFromRangeStart",
    "customXmlMoveFromRangeEnd",
    "customXmlMoveToRangeStart",
    "customXmlMoveToRangeEnd",
}
