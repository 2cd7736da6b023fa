"""python-docx, where its public API stops: the one place that reaches into its objects.

python-docx gives no public way to the XML element behind a paragraph, a table,
a cell or the core properties, nor to replace a part's bytes; docxtpl and the
template builder need both. Reaching in happens here only, so an upgrade of
python-docx is checked in one module. Also here: the helpers the template
builder uses for borders, cell margins, header rows and the page field, and
the document's reproducible bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from pipeline.ooxml.names import NSDECL_W, sub, w
from pipeline.ooxml.reproducible import normalise_zip


def open_document(data: bytes):
    """A python-docx Document of .docx bytes (for code that edits through python-docx's objects)."""
    return docx.Document(io.BytesIO(data))


def element_of(proxy) -> etree._Element:
    """The XML element behind a python-docx object (Paragraph, Table, _Row, _Cell, CoreProperties ...)."""
    return proxy._element


def set_blob(part, data: bytes) -> None:
    """Replace the bytes of a part python-docx keeps as bytes (footnotes, for one: it has no class for them)."""
    part._blob = data


def set_cell_border(cell, edge: str, *, size_eighths: int = 4) -> None:
    """A border on one edge of a table cell; ``size_eighths`` in eighths of a point."""
    tcpr = element_of(cell).get_or_add_tcPr()
    borders = tcpr.find(w("tcBorders"))
    if borders is None:
        borders = sub(tcpr, "tcBorders")
    sub(borders, edge, val="single", sz=str(size_eighths), space="0", color="auto")


def set_cell_margins(cell, **twips: int) -> None:
    """The cell's inner margins, edge by edge ("top", "left" ...), in twips (1/20 pt)."""
    tcpr = element_of(cell).get_or_add_tcPr()
    margins = sub(tcpr, "tcMar")
    for edge, value in twips.items():
        sub(margins, edge, w=str(value), type="dxa")


def mark_header_row(row) -> None:
    """Repeat the row at the top of each page the table runs onto."""
    sub(element_of(row).get_or_add_trPr(), "tblHeader")


def append_page_field(paragraph) -> None:
    """A PAGE field, so that Word and LibreOffice print the page number."""
    for xml in (
        f'<w:r {NSDECL_W}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {NSDECL_W}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r {NSDECL_W}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {NSDECL_W}><w:t>2</w:t></w:r>",
        f'<w:r {NSDECL_W}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        element_of(paragraph).append(parse_xml(xml))  # python-docx's element classes, as its own


def to_bytes(document) -> bytes:
    """The document as .docx bytes that depend only on its content (fixed zip times)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


# --- comments (the review copy) ----------------------------------------------------------------


def _stories(document) -> list[tuple[etree._Element, Callable[[], None]]]:
    """The body's and the footnotes' XML, as python-docx's element classes, each with how to keep it:
    python-docx keeps the footnotes part as bytes, so it is parsed here and written back."""
    out: list[tuple[etree._Element, Callable[[], None]]] = [(document.element.body, lambda: None)]
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            root = parse_xml(part.blob)

            def keep(part=part, root=root) -> None:
                set_blob(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

            out.append((root, keep))
    return out


def each_run(document, visit: Callable[[etree._Element], None]) -> None:
    """Call ``visit`` on every run (``w:r``) of the body and the footnotes, in order; what it changes is kept."""
    for root, keep in _stories(document):
        for run in list(root.iter(w("r"))):
            visit(run)
        keep()


def add_comment(document, run_element, text: str, author: str, initials: str, date: dt.datetime) -> None:
    """A comment (python-docx's comments API) on one run, with a fixed date so the bytes are reproducible."""
    paragraph = Paragraph(run_element.getparent(), document.part)
    comment = document.add_comment(Run(run_element, paragraph), text=text, author=author, initials=initials)
    comment._comment_elm.date = date


def strip_runs(document, unmark: Callable[[str], str]) -> None:
    """Apply ``unmark`` to the text of every ``w:t`` in the body and the footnotes (marks left over)."""
    for root, keep in _stories(document):
        for t in root.iter(w("t")):
            if t.text:
                new = unmark(t.text)
                if new != t.text:
                    t.text = new
        keep()
