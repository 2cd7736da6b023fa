"""Build realistic Word drafts (.docx) from a small block description.

Used by ``tools.make_sample_drafts`` to produce the shipped sample drafts and by
the test-suite to fabricate inputs with exactly the features a test needs::

    from tools.docxfactory import Heading, Para, Footnote, Inserted, build_docx

    build_docx(
        [Heading("Findings"), Para(("States Parties reported", Footnote("See ..."), "."))],
        tmp_path / "draft.docx",
    )

The files carry the same OOXML structures Word writes, so the pipeline meets
the real thing: built-in heading styles, true footnotes (``word/footnotes.xml``),
Word comments (``word/comments.xml``), tracked insertions and deletions
(``w:ins`` / ``w:del``), numbering-based bulleted and lettered lists, and tables
with a repeating header row.

python-docx covers the document body, styles, tables and comments; footnotes,
list numbering definitions and revision marks are added with lxml because
python-docx has no API for them.

Output is byte-for-byte deterministic for the same input: every timestamp
(core properties, revision and comment dates, zip members) is fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from pipeline.ooxml.docxapi import element_of
from pipeline.ooxml.names import XML_SPACE, qualified, w
from pipeline.ooxml.reproducible import normalise_zip  # the same reproducible zip as the pipeline's outputs

__all__ = [
    "Block",
    "Bold",
    "Bullets",
    "Comment",
    "Deleted",
    "FIXED_TIMESTAMP",
    "Footnote",
    "Heading",
    "Inserted",
    "Italic",
    "Lettered",
    "Para",
    "Part",
    "Table",
    "build_docx",
]

# One fixed instant for everything that Word would stamp with "now".
FIXED_TIMESTAMP = dt.datetime(2025, 7, 1, 9, 0, 0, tzinfo=dt.UTC)
# The earliest date a zip header can hold; used for every member.


# ---------------------------------------------------------------------------
# Block and inline model
# ---------------------------------------------------------------------------


def _as_tuple(value: object) -> tuple:
    """Accept a single string or any iterable where a tuple is declared.

    Tests read better with ``Para("text")`` or list literals; freezing to a tuple
    keeps the dataclasses hashable and comparable.
    """
    if isinstance(value, str):
        return (value,)
    return tuple(value)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Heading:
    """A heading in Word's built-in "Heading <level>" style."""

    text: str
    level: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 9:
            raise ValueError(f"heading level must be 1-9, got {self.level}")


@dataclass(frozen=True)
class Footnote:
    """A real Word footnote; its reference mark sits where the part appears."""

    text: str


@dataclass(frozen=True)
class Inserted:
    """Text left as a tracked insertion (``w:ins``), i.e. not yet accepted."""

    text: str
    author: str = "Coordinator"


@dataclass(frozen=True)
class Deleted:
    """Text left as a tracked deletion (``w:del`` with ``w:delText``)."""

    text: str
    author: str = "Coordinator"


@dataclass(frozen=True)
class Comment:
    """``anchor_text`` appears in the body with a Word comment attached to it."""

    anchor_text: str
    comment: str
    author: str = "Reviewer"


@dataclass(frozen=True)
class Bold:
    text: str


@dataclass(frozen=True)
class Italic:
    text: str


Part = str | Footnote | Inserted | Deleted | Comment | Bold | Italic


@dataclass(frozen=True)
class Para:
    """A body paragraph made of inline parts; ``style`` names a paragraph style."""

    parts: tuple
    style: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "parts", _as_tuple(self.parts))


@dataclass(frozen=True)
class Bullets:
    """A Word bulleted list (numbering definition with ``numFmt`` bullet).

    An item is a ``str`` or, for footnotes, revisions or comments inside an
    item, a ``Para`` (its ``style`` is ignored).
    """

    items: tuple[str | Para, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", _as_tuple(self.items))


@dataclass(frozen=True)
class Lettered:
    """A Word numbered list formatted (a), (b), (c) (``lowerLetter``, ``(%1)``).

    Every Lettered block restarts at (a), as a fresh list does in Word. Items
    are ``str`` or ``Para``, as for ``Bullets``.
    """

    items: tuple[str | Para, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", _as_tuple(self.items))


@dataclass(frozen=True)
class Table:
    """A table whose first row is the header row (repeats across pages)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        header = _as_tuple(self.header)
        rows = tuple(_as_tuple(r) for r in self.rows)
        for i, row in enumerate(rows, start=1):
            if len(row) != len(header):
                raise ValueError(f"table row {i} has {len(row)} cells, header has {len(header)}")
        object.__setattr__(self, "header", header)
        object.__setattr__(self, "rows", rows)


Block = str | Heading | Para | Bullets | Lettered | Table


# ---------------------------------------------------------------------------
# OOXML fragments python-docx does not provide
# ---------------------------------------------------------------------------


def _w_date(when: dt.datetime) -> str:
    """ST_DateTime as Word writes it: UTC, no fractional seconds."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Word's built-in styles for notes and comments. The default python-docx
# template lacks them; without them Word and LibreOffice render footnote marks
# as full-size digits. Names are Word's internal (lower-case) built-in names so
# Word maps them onto its own styles instead of creating look-alikes.
_EXTRA_STYLES = (
    """<w:style {w} w:type="paragraph" w:styleId="FootnoteText">
         <w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>
         <w:link w:val="FootnoteTextChar"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
         <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
         <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
       </w:style>""",
    """<w:style {w} w:type="character" w:customStyle="1" w:styleId="FootnoteTextChar">
         <w:name w:val="Footnote Text Char"/><w:basedOn w:val="DefaultParagraphFont"/>
         <w:link w:val="FootnoteText"/><w:uiPriority w:val="99"/>
         <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
       </w:style>""",
    """<w:style {w} w:type="character" w:styleId="FootnoteReference">
         <w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>
         <w:uiPriority w:val="99"/><w:unhideWhenUsed/>
         <w:rPr><w:vertAlign w:val="superscript"/></w:rPr>
       </w:style>""",
    """<w:style {w} w:type="paragraph" w:styleId="CommentText">
         <w:name w:val="annotation text"/><w:basedOn w:val="Normal"/>
         <w:uiPriority w:val="99"/><w:unhideWhenUsed/>
         <w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr>
         <w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
       </w:style>""",
    """<w:style {w} w:type="character" w:styleId="CommentReference">
         <w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/>
         <w:uiPriority w:val="99"/><w:unhideWhenUsed/>
         <w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
       </w:style>""",
)

# Word always writes the two separator "footnotes" first and lists them in
# settings.xml (w:footnotePr); readers that follow the spec skip them by type.
_FOOTNOTES_XML = f"""<w:footnotes {nsdecls("w", "r")}>
  <w:footnote w:type="separator" w:id="-1">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:separator/></w:r></w:p>
  </w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:continuationSeparator/></w:r></w:p>
  </w:footnote>
</w:footnotes>"""

# CT_Settings is a strict xsd:sequence: w:footnotePr must precede these.
_SETTINGS_AFTER_FOOTNOTEPR = (
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)

# Indents in twentieths of a point: bullets at 0.5 in; lettered subparagraphs
# as the UN lays out (a), (b): text at 2 cm, label hanging 1 cm.
_BULLET_ABSTRACT = """<w:abstractNum {w} w:abstractNumId="{aid}">
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>
    <w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>
  </w:lvl>
</w:abstractNum>"""

_LETTERED_ABSTRACT = """<w:abstractNum {w} w:abstractNumId="{aid}">
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
    <w:lvlText w:val="(%1)"/><w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr>
  </w:lvl>
</w:abstractNum>"""


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()


# ---------------------------------------------------------------------------
# Builder
# ---------------------------------------------------------------------------


class _DraftBuilder:
    """Holds the python-docx Document and the hand-made parts while blocks are added."""

    def __init__(self, author: str, when: dt.datetime) -> None:
        self.doc = docx.Document()
        self.author = author
        # A naive datetime is taken as UTC, never as the machine's local time.
        self.when = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
        self._w_date = _w_date(self.when)  # stamped on revisions and comments
        self._next_revision_id = 1
        self._footnotes = None  # created on first Footnote
        self._numbering = self.doc.part.numbering_part.element
        self._abstract_ids: dict[str, int] = {}
        self._add_styles()
        self._set_page_a4()

    # -- document-level setup ---------------------------------------------

    def _add_styles(self) -> None:
        styles = self.doc.styles.element
        for xml in _EXTRA_STYLES:
            styles.append(parse_xml(xml.format(w=nsdecls("w"))))

    def _set_page_a4(self) -> None:
        # Geneva drafts are A4; the python-docx template is US Letter.
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(25))

    def _footnotes_root(self):
        """Create word/footnotes.xml, its relationship and settings entry once."""
        if self._footnotes is None:
            root = parse_xml(_FOOTNOTES_XML)
            part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, root, self.doc.part.package)
            # relate_to also makes the package writer emit the content-type Override.
            self.doc.part.relate_to(part, RT.FOOTNOTES)
            self._register_separators_in_settings()
            self._footnotes = root
        return self._footnotes

    def _register_separators_in_settings(self) -> None:
        settings = self.doc.settings.element
        footnote_pr = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        )
        successor = next(
            (child for tag in _SETTINGS_AFTER_FOOTNOTEPR for child in settings.findall(qualified(tag))),
            None,
        )
        if successor is None:
            settings.append(footnote_pr)
        else:
            successor.addprevious(footnote_pr)

    def _new_num(self, kind: str) -> int:
        """A fresh w:num for one list, so each list instance starts at 1 / (a)."""
        numbering = self._numbering
        if kind not in self._abstract_ids:
            used = [int(x) for x in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
            aid = max(used, default=-1) + 1
            template = _BULLET_ABSTRACT if kind == "bullet" else _LETTERED_ABSTRACT
            abstract = parse_xml(template.format(w=nsdecls("w"), aid=aid))
            # All w:abstractNum must precede the first w:num (schema order).
            first_num = numbering.find(w("num"))
            if first_num is None:
                numbering.append(abstract)
            else:
                first_num.addprevious(abstract)
            self._abstract_ids[kind] = aid
        used = [int(x) for x in numbering.xpath("./w:num/@w:numId")]
        num_id = max(used, default=0) + 1
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{self._abstract_ids[kind]}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                "</w:num>"
            )
        )
        return num_id

    def _revision_id(self) -> str:
        rid = self._next_revision_id
        self._next_revision_id += 1
        return str(rid)

    # -- blocks -------------------------------------------------------------

    def add_block(self, block: Block) -> None:
        if isinstance(block, str):
            self.add_para(Para((block,)))
        elif isinstance(block, Heading):
            self.doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            self.add_para(block)
        elif isinstance(block, Bullets):
            self._add_list(block.items, "bullet")
        elif isinstance(block, Lettered):
            self._add_list(block.items, "lettered")
        elif isinstance(block, Table):
            self._add_table(block)
        else:
            raise TypeError(f"unsupported block: {block!r}")

    def add_para(self, para: Para) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=para.style)
        for part in para.parts:
            self._add_part(paragraph, part)
        return paragraph

    def _add_list(self, items: Sequence[str | Para], kind: str) -> None:
        num_id = self._new_num(kind)
        for item in items:
            parts = item.parts if isinstance(item, Para) else (item,)
            paragraph = self.add_para(Para(parts, style="List Paragraph"))
            num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
            # numPr comes right after pStyle inside w:pPr (schema order).
            element_of(paragraph).get_or_add_pPr().find(w("pStyle")).addnext(num_pr)

    def _add_table(self, table: Table) -> None:
        t = self.doc.add_table(rows=1 + len(table.rows), cols=len(table.header))
        t.style = self.doc.styles["Table Grid"]
        header_row = t.rows[0]
        # w:tblHeader is what makes Word repeat the row and what marks it as a
        # header for readers (tblLook firstRow, set by python-docx, only styles it).
        element_of(header_row).get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, text in zip(header_row.cells, table.header, strict=False):
            cell.paragraphs[0].add_run(text).bold = True
        for row, values in zip(t.rows[1:], table.rows, strict=False):
            for cell, text in zip(row.cells, values, strict=False):
                cell.paragraphs[0].add_run(text)

    # -- inline parts -------------------------------------------------------

    def _add_part(self, paragraph: Paragraph, part: Part) -> None:
        if isinstance(part, str):
            paragraph.add_run(part)
        elif isinstance(part, Bold):
            paragraph.add_run(part.text).bold = True
        elif isinstance(part, Italic):
            paragraph.add_run(part.text).italic = True
        elif isinstance(part, Footnote):
            self._add_footnote(paragraph, part)
        elif isinstance(part, (Inserted, Deleted)):
            self._add_revision(paragraph, part)
        elif isinstance(part, Comment):
            run = paragraph.add_run(part.anchor_text)
            comment = self.doc.add_comment(run, text=part.comment, author=part.author, initials=_initials(part.author))
            # python-docx stamps comments with the current time; pin it.
            self._comment_element(comment.comment_id).set(w("date"), self._w_date)
        else:
            raise TypeError(f"unsupported paragraph part: {part!r}")

    def _comment_element(self, comment_id: int):
        comments = self.doc.part.part_related_by(RT.COMMENTS).element
        return comments.xpath(f"./w:comment[@w:id='{comment_id}']")[0]

    def _add_footnote(self, paragraph: Paragraph, footnote: Footnote) -> None:
        root = self._footnotes_root()
        note_id = len(root.findall(w("footnote"))) - 1  # two separators: -1 and 0
        # Word's shape: the note starts with its own number (w:footnoteRef) in the
        # reference style, then a space and the text, in "footnote text" style.
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p>'
            '<w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            '<w:r><w:t xml:space="preserve"> </w:t></w:r>'
            "</w:p></w:footnote>"
        )
        note.find(w("p")).findall(w("r"))[-1].find(w("t")).text = " " + footnote.text
        root.append(note)
        element_of(paragraph).append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{note_id}"/></w:r>'
            )
        )

    def _add_revision(self, paragraph: Paragraph, part: Inserted | Deleted) -> None:
        is_insert = isinstance(part, Inserted)
        wrapper = OxmlElement("w:ins" if is_insert else "w:del")
        wrapper.set(w("id"), self._revision_id())
        wrapper.set(w("author"), part.author)
        wrapper.set(w("date"), self._w_date)
        run = OxmlElement("w:r")
        # Deleted text must live in w:delText: a w:t inside w:del is invalid.
        text = OxmlElement("w:t" if is_insert else "w:delText")
        text.set(XML_SPACE, "preserve")
        text.text = part.text
        run.append(text)
        wrapper.append(run)
        element_of(paragraph).append(wrapper)

    # -- finishing ----------------------------------------------------------

    def separate_comment_ids(self) -> None:
        """Move comment ids above every footnote id.

        Word numbers comments from 0, like python-docx, and the schema keeps
        comment and footnote ids apart. LibreOffice 7.4 does not: on import, a
        comment whose id equals a footnote's id (separators included) makes that
        footnote lose its text or show another one's. Disjoint ids keep the
        drafts rendering correctly in both.
        """
        if self._footnotes is None:
            return
        try:
            comments = self.doc.part.part_related_by(RT.COMMENTS).element
        except KeyError:
            return
        offset = 1 + max(int(n.get(w("id"))) for n in self._footnotes.findall(w("footnote")))
        body = self.doc.element.body
        markers = body.xpath(".//w:commentRangeStart | .//w:commentRangeEnd | .//w:commentReference")
        for element in [*comments.xpath("./w:comment"), *markers]:
            element.set(w("id"), str(int(element.get(w("id"))) + offset))

    def set_properties(self, *, title: str, subject: str, comments: str) -> None:
        props = self.doc.core_properties
        props.title = title
        props.subject = subject
        props.comments = comments  # dc:description, "Comments" in Word's dialog
        props.author = self.author
        props.last_modified_by = self.author
        props.keywords = ""
        props.category = ""
        props.revision = 1
        # python-docx would otherwise keep its template's 2013 dates / stamp "now".
        naive = self.when.astimezone(dt.UTC).replace(tzinfo=None)
        props.created = naive
        props.modified = naive


def build_docx(
    blocks: Iterable[Block],
    path: Path | str,
    *,
    title: str = "",
    author: str = "Coordinator",
    subject: str = "",
    comments: str = "",
    when: dt.datetime = FIXED_TIMESTAMP,
) -> Path:
    """Write ``blocks`` as a Word document at ``path`` and return the path.

    A plain ``str`` block is a plain paragraph. ``subject`` and ``comments`` fill
    the core properties of the same names; ``when`` is the created/modified date
    and the date of every revision and comment; zip member times are fixed.
    The parent folder is created.
    """
    builder = _DraftBuilder(author, when)
    for block in blocks:
        builder.add_block(block)
    builder.separate_comment_ids()
    builder.set_properties(title=title, subject=subject, comments=comments)

    raw = io.BytesIO()
    builder.doc.save(raw)
    data = normalise_zip(raw.getvalue())

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write atomically so a reader never sees a half-written draft.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".docx")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
