"""WordprocessingML written: the normalised blocks of the drafts as Word paragraphs, tables and footnotes.

:class:`StoryWriter` writes them in the template's own styles, found by name
(:data:`STYLE_NAMES`); :func:`set_core_properties` fills in the document
properties. Reading a package is :mod:`pipeline.ooxml.opc`'s, the XML names are
:mod:`pipeline.ooxml.names`', and python-docx's internals are reached only in
:mod:`pipeline.ooxml.docxapi`.

Why our own writer rather than pandoc's docx writer merged with docxcompose:
the merge restarts numbering at every sub-document (the UN numbers body
paragraphs through the whole document) and gives lists random ids (so the same
inputs would not give the same bytes), and pandoc's lists are not the UN forms.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from pipeline.model.blocks import (
    Block,
    Figure,
    Footnote,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Placeholder,
    Styled,
    Table,
    Text,
)
from pipeline.ooxml import keep
from pipeline.ooxml.docxapi import element_of, set_blob
from pipeline.ooxml.names import CORE_NS, W_NS, XML_SPACE, serialise, w
from pipeline.ooxml.names import element as _el
from pipeline.ooxml.names import sub as _sub
from pipeline.ooxml.styles import Styles

CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
EMPTY_FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1">'
    '<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0">'
    '<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
).encode()

# Style names the writer needs in a template (a user may restyle them, not rename them).
STYLE_NAMES = {
    "body": "UN Body",
    "body_plain": "UN Body Unnumbered",
    "heading1": "UN Heading 1",
    "heading2": "UN Heading 2",
    "heading3": "UN Heading 3",
    "heading4": "UN Heading 4",
    "subparagraph": "UN Subparagraph",
    "bullet": "UN Bullet",
    "table": "UN Table",
    "table_text": "UN Table Text",
    "table_heading": "UN Table Heading",
    "table_caption": "UN Table Caption",
    "placeholder": "UN Placeholder",
    "footnote_text": "footnote text",
    "footnote_reference": "footnote reference",
}

# Characters XML 1.0 forbids, and the ones docxtpl would turn into tabs and breaks.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# docxtpl rewrites "{_{", "}_}", "{_%" and "%_}" in the rendered XML; cutting the
# run before such an underscore keeps a draft's text exactly as typed.
_DOCXTPL_ESCAPE = re.compile(r"(?<=[{}%])(?=_)")


class MissingStyles(Exception):
    """The template lacks styles the writer needs."""

    def __init__(self, names: list[str]):
        super().__init__(", ".join(names))
        self.names = names


def style_ids(document) -> dict[str, str]:
    """The template's style id for each role, looked up by style name."""
    by_name = {s.name.lower(): s.style_id for s in document.styles if s.name}
    missing = [n for n in STYLE_NAMES.values() if n.lower() not in by_name]
    if missing:
        raise MissingStyles(missing)
    return {role: by_name[name.lower()] for role, name in STYLE_NAMES.items()}


@dataclass
class _ListFormat:
    num_id: str


class StoryWriter:
    """Writes blocks into a document whose template supplies styles, numbering and footnotes.

    Footnotes are numbered in the order written, from 1, so that they run
    through the whole document; each lettered list gets its own numbering
    instance so that it starts again at (a).
    """

    def __init__(self, document, figure_text: Callable[[Figure], str] | None = None):
        """``figure_text`` writes a draft's [[name]] figure (render marks it for the figures page and the
        review copy); left out, a figure is written as its text."""
        self._document = document
        self._figure_text = figure_text
        self._styles = style_ids(document)
        self._numbering = document.part.numbering_part.element
        self._footnotes_part = document.part.rels.part_with_reltype(RT.FOOTNOTES)
        self._footnotes = etree.fromstring(self._footnotes_part.blob)
        self._next_footnote = 1 + max([int(f.get(w("id"))) for f in self._footnotes.findall(w("footnote"))] + [0])
        self._lettered_abstract = self._abstract_for_style(self._styles["subparagraph"])

    # --- public -------------------------------------------------------------------

    def blocks(self, blocks: tuple[Block, ...]) -> list[etree._Element]:
        out: list[etree._Element] = []
        for block in blocks:
            out.extend(self._block(block, in_table=False))
        return out

    def finish(self) -> None:
        """Store the footnotes written so far in the document's footnotes part."""
        set_blob(self._footnotes_part, serialise(self._footnotes))

    # --- blocks ---------------------------------------------------------------------

    def _block(self, block: Block, *, in_table: bool) -> list[etree._Element]:
        if isinstance(block, Heading):
            role = f"heading{min(block.level, 4)}"
            return [self._paragraph(role, block.inlines)]
        if isinstance(block, Paragraph):
            if in_table:
                role = "table_text"
            else:
                role = "body" if block.numbered else "body_plain"
            return [self._paragraph(role, block.inlines)]
        if isinstance(block, ListBlock):
            return self._list(block, in_table=in_table)
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, Placeholder):
            return [self._paragraph("placeholder", (Text(block.message),))]
        raise TypeError(f"unknown block {block!r}")

    def _paragraph(
        self, role: str, inlines: tuple[Inline, ...], *, num: _ListFormat | None = None, ilvl: int = 0
    ) -> etree._Element:
        p = _el("p")
        ppr = _sub(p, "pPr")
        _sub(ppr, "pStyle", val=self._styles[role])
        if num is not None:
            numpr = _sub(ppr, "numPr")
            _sub(numpr, "ilvl", val=str(ilvl))
            _sub(numpr, "numId", val=num.num_id)
        for run in self._runs(inlines, ()):
            p.append(run)
        return p

    def _list(self, block: ListBlock, *, in_table: bool) -> list[etree._Element]:
        role = "bullet" if block.kind == "bullet" else "subparagraph"
        num = self._new_lettered_list() if block.kind == "lettered" else None
        out: list[etree._Element] = []
        for item in block.items:
            first = True
            for inner in item:
                if isinstance(inner, Paragraph) and first:
                    out.append(self._paragraph(role, inner.inlines, num=num))
                elif isinstance(inner, Paragraph):
                    out.append(self._paragraph("body_plain", inner.inlines))
                else:
                    out.extend(self._block(inner, in_table=in_table))
                first = False
        return out

    def _table(self, table: Table) -> list[etree._Element]:
        out: list[etree._Element] = []
        if table.caption:
            out.append(self._paragraph("table_caption", table.caption))
        tbl = _el("tbl")
        tblpr = _sub(tbl, "tblPr")
        _sub(tblpr, "tblStyle", val=self._styles["table"])
        _sub(tblpr, "tblW", w="7371", type="dxa")  # the 13 cm text column
        _sub(
            tblpr,
            "tblLook",
            val="0020",
            firstRow="1",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
        columns = max((len(r) for r in table.header + table.body), default=1)
        grid = _sub(tbl, "tblGrid")
        for _ in range(columns):
            _sub(grid, "gridCol", w=str(7371 // columns))
        for rows, is_header in ((table.header, True), (table.body, False)):
            for row in rows:
                tr = _sub(tbl, "tr")
                if is_header:
                    _sub(_sub(tr, "trPr"), "tblHeader")
                for cell in row + ((),) * (columns - len(row)):
                    tc = _sub(tr, "tc")
                    _sub(_sub(tc, "tcPr"), "tcW", w=str(7371 // columns), type="dxa")
                    paragraphs = []
                    for inner in cell:
                        if is_header and isinstance(inner, Paragraph):
                            paragraphs.append(self._paragraph("table_heading", inner.inlines))
                        else:
                            paragraphs.extend(self._block(inner, in_table=True))
                    if not paragraphs:  # a cell must hold a paragraph
                        paragraphs = [self._paragraph("table_text", ())]
                    tc.extend(paragraphs)
        rows = tbl.findall(w("tr"))
        if len(rows) <= keep.MAX_KEPT_ROWS:  # a short table on one page; a longer one repeats its header row
            keep.keep_together(rows)
        out.append(tbl)
        # Word merges two tables that touch; a paragraph between keeps them apart.
        out.append(self._paragraph("body_plain", ()))
        return out

    # --- inlines --------------------------------------------------------------------

    def _runs(self, inlines: tuple[Inline, ...], formats: tuple[str, ...]) -> list[etree._Element]:
        runs: list[etree._Element] = []
        for node in inlines:
            if isinstance(node, (Text, Figure)):
                text = self._figure_text(node) if isinstance(node, Figure) and self._figure_text else node.text
                for piece in _DOCXTPL_ESCAPE.split(clean_text(text)):
                    if piece:
                        runs.append(self._text_run(piece, formats))
            elif isinstance(node, Styled):
                runs.extend(self._runs(node.children, formats + (node.style,)))
            elif isinstance(node, Link):
                runs.extend(self._runs(node.children, formats))
            elif isinstance(node, LineBreak):
                r = _el("r")
                _sub(r, "br")
                runs.append(r)
            elif isinstance(node, Footnote):
                runs.append(self._footnote(node))
            elif isinstance(node, Image):
                runs.append(self._picture(node))
        return runs

    def _picture(self, image: Image) -> etree._Element:
        """A picture in line with the text, at the draft's size, never wider than the text column."""
        width, height = picture_size(image)
        inline = self._document.part.new_pic_inline(io.BytesIO(image.data), width, height)
        for prop in inline.xpath("./wp:docPr"):
            prop.set("descr", clean_text(image.alt))
        r = _el("r")
        _sub(r, "drawing").append(inline)
        return r

    def _text_run(self, text: str, formats: tuple[str, ...]) -> etree._Element:
        r = _el("r")
        if formats:
            rpr = _sub(r, "rPr")
            for fmt in formats:
                if fmt == "italic":
                    _sub(rpr, "i")
                elif fmt == "bold":
                    _sub(rpr, "b")
                elif fmt == "smallcaps":
                    _sub(rpr, "smallCaps")
                elif fmt == "underline":
                    _sub(rpr, "u", val="single")
                elif fmt in ("superscript", "subscript"):
                    _sub(rpr, "vertAlign", val=fmt)
        t = _sub(r, "t")
        t.text = text
        t.set(XML_SPACE, "preserve")
        return r

    def _footnote(self, note: Footnote) -> etree._Element:
        note_id = str(self._next_footnote)
        self._next_footnote += 1
        footnote = _sub(self._footnotes, "footnote", id=note_id)
        paragraphs = [b for b in note.blocks if isinstance(b, (Paragraph, Heading))] or [Paragraph(())]
        for index, block in enumerate(paragraphs):
            p = self._paragraph("footnote_text", block.inlines)
            if index == 0:
                mark = _el("r")
                _sub(_sub(mark, "rPr"), "rStyle", val=self._styles["footnote_reference"])
                _sub(mark, "footnoteRef")
                # Number, tab, text, as Word writes a footnote, but with two tabs: LibreOffice's
                # importer drops a footnote's first tab (up to 7.x it pads the number to the hanging
                # indent itself; from 24.2 it no longer pads, and 25.2 still drops the tab, gluing
                # number and text). In Word the first tab stops at the hanging indent, the second at
                # the FootnoteText style's stop one twip further (templates/build_templates.py).
                tabs = [_el("r"), _el("r")]
                for tab in tabs:
                    _sub(tab, "tab")
                p[1:1] = [mark, *tabs]
            footnote.append(p)
        ref = _el("r")
        _sub(_sub(ref, "rPr"), "rStyle", val=self._styles["footnote_reference"])
        _sub(ref, "footnoteReference", id=note_id)
        return ref

    # --- numbering -----------------------------------------------------------------

    def _abstract_for_style(self, style_id: str) -> str | None:
        num_id = Styles(self._document.styles.element).num_id(style_id)
        if not num_id:
            return None
        found = self._numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
        return found[0] if found else None

    def _new_lettered_list(self) -> _ListFormat | None:
        """A numbering instance of the subparagraph list that starts again at (a)."""
        if self._lettered_abstract is None:
            return None
        existing = [int(n) for n in self._numbering.xpath("./w:num/@w:numId")]
        num_id = str(max(existing + [0]) + 1)
        num = _sub(self._numbering, "num", numId=num_id)
        _sub(num, "abstractNumId", val=self._lettered_abstract)
        override = _sub(num, "lvlOverride", ilvl="0")
        _sub(override, "startOverride", val="1")
        return _ListFormat(num_id)


EMU_PER_INCH = 914400
TEXT_COLUMN_EMU = 7371 * 635  # the 13 cm text column (twips to EMU)


def picture_size(image: Image) -> tuple[int, int]:
    """Width and height in EMU: the draft's size, else the picture's own, scaled into the text column.

    Raises ValueError for a format Word documents cannot hold as a picture (EMF, SVG ...).
    """
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image as Picture

    try:
        native = Picture.from_blob(image.data)
    except (UnrecognizedImageError, Exception):  # a damaged header raises all sorts
        raise ValueError("not a picture format Word takes here, or a damaged picture") from None
    width, height = int(native.width), int(native.height)
    if image.width_in and image.height_in:
        width, height = int(image.width_in * EMU_PER_INCH), int(image.height_in * EMU_PER_INCH)
    elif image.width_in:
        width, height = int(image.width_in * EMU_PER_INCH), int(height * image.width_in * EMU_PER_INCH / max(width, 1))
    if width > TEXT_COLUMN_EMU:
        width, height = TEXT_COLUMN_EMU, int(height * TEXT_COLUMN_EMU / width)
    return max(width, 1), max(height, 1)


def clean_text(text: str) -> str:
    """Text safe for a w:t element: no characters XML forbids, no tabs or newlines."""
    return _FORBIDDEN.sub("", text).replace("\t", " ").replace("\r", " ").replace("\n", " ")


# --- document properties --------------------------------------------------------------------


def set_core_properties(document, **values: str) -> None:
    """Set ``cp:`` core properties (keywords, lastModifiedBy, revision, category) by their true namespace.

    python-docx's own setters cannot be used once docxtpl is imported: docxcompose
    rebinds the ``cp`` prefix in python-docx's namespace map to the custom-properties
    namespace, so they would write elements Word does not know.
    """
    root = element_of(document.core_properties)
    for name, value in values.items():
        tag = f"{{{CORE_NS}}}{name}"
        for stray in root.xpath(f"./*[local-name()='{name}']"):
            root.remove(stray)
        element = etree.SubElement(root, tag)
        element.text = clean_text(value)
