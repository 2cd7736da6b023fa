"""Preflight: a Word file the UN can take for processing and translation, and the check that says so.

The UN's translators work from the Word file itself (UN-FORMAT.md, "Languages
and translation"), through tools that read its styles and its runs' language.
:func:`clean` makes a built document ready for them; :func:`preflight` checks
any Word file against the same rules and counts its words as the UN counts them.

The rules, as decided here:

- **No tracked changes**: insertions, deletions, moves and formatting changes
  (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``, ``w:*PrChange``, cell
  and numbering changes). :func:`clean` accepts them all: inserted text stays,
  deleted text goes, a deleted paragraph mark joins its paragraph to the next.
- **No comments**: neither their anchors and references in the text nor the
  comments parts. :func:`clean` removes both.
- **No hidden text**: runs hidden directly or through their styles
  (``w:vanish``, ``w:specVanish``), and hidden paragraph marks. :func:`clean`
  removes the hidden text (a hidden run that also holds a field character or a
  note reference keeps those) and shows hidden paragraph marks.
- **A language on every run**: the UN's tools read the run's own language, so
  every run that holds text must carry ``w:lang`` with a ``w:val`` itself; what
  a style or the document defaults say is not enough. :func:`clean` writes the
  document's language tag on every run (also in ``w:bidi`` for Arabic and
  ``w:eastAsia`` for Chinese, the attributes Word reads for those scripts), in
  the place the schema gives ``w:lang`` in the run properties.
- **No direct formatting where a style exists** (every paragraph has a style:
  its own or the default one). Paragraph: alignment, indents, spacing, borders,
  shading and tab stops (``w:jc``, ``w:ind``, ``w:spacing``, ``w:pBdr``,
  ``w:shd``, ``w:tabs``). Run: font, size, colour, highlight, shading, border,
  character spacing, scale, kerning, raised or lowered position and text effects.
  Allowed on runs, as the character formatting the UN uses: bold, italic,
  underline, strike-through, capitals and small capitals, superscript and
  subscript, a character style, a language, no-proofing, right-to-left and
  complex-script flags. The paragraph mark's own properties (``w:pPr/w:rPr``),
  tables' and cells' properties and section properties are not checked.
  :func:`clean` drops direct formatting that merely repeats the style; what
  differs from it is moved into a style derived from the paragraph's (or the
  run's) style and named after what it adds ("UN Table Text, right-aligned"),
  so the document looks the same and carries no direct formatting. Run
  formatting shared by every run of a paragraph goes into the paragraph's
  derived style; otherwise into a derived character style.
- **Document properties**: title, subject (the symbol) and language must be
  filled in. :func:`clean` sets the language; title and subject are the
  build's to set, so a missing one stays a finding.
- **No embedded objects**: OLE objects (``w:object``, ``o:OLEObject``), ActiveX
  controls, ``w:altChunk``, charts (which embed their Excel data) and parts under
  ``word/embeddings/``. Not fixable by :func:`clean`: the object must become a
  picture, a table or text.
- **Word count**: the UN counts as Word does, every word of the body (the
  masthead, headings and tables included) and of the footnotes and endnotes,
  not the headers and footers. A word is a run of characters between spaces,
  tabs and line breaks; a no-break space joins. Hidden text is counted (the UN
  counts it), deleted text of tracked changes is not, inserted text is, field
  codes are not, field results are. Over the document's limit is a finding
  (not fixable by :func:`clean`).

Places are in the user's terms: ``document.xml: paragraph 12`` (paragraphs
counted from the top of the document, table cells included; the message quotes
the paragraph's first words), ``footnotes: note 3`` (the note's number as
printed), ``header1.xml``, ``document properties``, a package part's name.

Pure functions on bytes. XML is parsed without entity resolution, DTD loading or
network access; a part that declares a DOCTYPE is refused.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from copy import deepcopy
from dataclasses import dataclass

from lxml import etree

from pipeline.errors import CcmReportError
from pipeline.ooxml.package import PACKAGE_ERRORS, declares_doctype
from pipeline.ooxml.wordml import normalise_zip

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}
W = f"{{{W_NS}}}"
MC_FALLBACK = f"{{{NS['mc']}}}Fallback"
R_ID = f"{{{NS['r']}}}id"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

# --- the rules' vocabulary -------------------------------------------------------------------

PARA_DIRECT = ("jc", "ind", "spacing", "pBdr", "shd", "tabs")
RUN_DIRECT = ("rFonts", "outline", "shadow", "emboss", "imprint", "color", "spacing", "w", "kern",
              "position", "sz", "szCs", "highlight", "effect", "bdr", "shd", "fitText", "em")
_ON_OFF = {"outline", "shadow", "emboss", "imprint"}
# CT_RPr: w:lang stands after these and before the rest (eastAsianLayout, specVanish, oMath, rPrChange).
_BEFORE_LANG = {"rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
                "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
                "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
                "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang"}
_PR_CHANGES = {"pPrChange", "rPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
               "tblGridChange", "tblPrExChange", "numberingChange"}
_CHANGE_MARKS = {"cellIns", "cellDel", "cellMerge"}
_RANGE_MARKS = {"moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
                "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart",
                "customXmlDelRangeEnd", "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
                "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd"}
_TEXTISH = {"t", "tab", "br", "cr", "sym", "noBreakHyphen", "softHyphen", "ptab", "lastRenderedPageBreak"}
_SEPARATOR_NOTES = {"separator", "continuationSeparator", "continuationNotice"}
_COMMENT_PARTS = ("/comments", "/commentsExtended", "/commentsIds", "/commentsExtensible")
# Word separates words at spaces, tabs and breaks; no-break spaces (U+00A0, U+2007, U+202F) join.
_WORD_GAP = re.compile("[ \t\n\r\f\v\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+")

CODES = ("tracked-change", "comment", "hidden-text", "no-language", "direct-formatting", "embedded-object",
         "missing-property", "over-limit")
ADVICE = {
    "tracked-change": "accept or reject every change (Word: Review > Accept > Accept All Changes) "
                      "before the file is submitted",
    "comment": "delete the comments (Word: Review > Delete > Delete All Comments in Document)",
    "hidden-text": "delete the hidden text or show it (Word: Font > Hidden); the UN counts and "
                   "translates hidden text",
    "no-language": "set the text's language (Word: Review > Language > Set Proofing Language) so "
                   "that the UN's translation tools read it",
    "direct-formatting": "give the paragraph a style that has this formatting instead (Word: select "
                         "it, clear the formatting with Ctrl+Space and Ctrl+Q, then apply the style)",
    "embedded-object": "replace it with a picture, a Word table or text: the UN does not accept "
                       "embedded Excel, PDF or PowerPoint",
    "missing-property": "fill it in (Word: File > Info > Properties)",
    "over-limit": "shorten the text or obtain a waiver before submitting it",
}


class UnreadableDocument(CcmReportError):
    """The file is not a Word document that can be checked (not a zip, damaged, unsafe XML)."""


@dataclass(frozen=True)
class Finding:
    place: str  # "document.xml: paragraph 12", "footnotes: note 3", "header1.xml"
    code: str  # one of CODES
    message: str  # what is wrong and what to do

    def __str__(self) -> str:
        return f"{self.place}: {self.code}: {self.message}"


@dataclass(frozen=True)
class Preflight:
    words: int  # body (masthead, headings, tables) and notes, as the UN counts them
    limit: int | None
    findings: tuple[Finding, ...]

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.words > self.limit


# --- the package --------------------------------------------------------------------------------


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _is_w(element, *names: str) -> bool:
    return isinstance(element.tag, str) and element.tag.startswith(W) and element.tag[len(W):] in names


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


@dataclass(frozen=True)
class _Rel:
    id: str
    type: str
    target: str | None  # the part's name in the package; None when external


class _Package:
    """A .docx's parts, parsed on demand, written back in their original order."""

    def __init__(self, data: bytes):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                self.names = [info.filename for info in archive.infolist()]
                self.blobs = {name: archive.read(name) for name in self.names}
        except PACKAGE_ERRORS:
            raise UnreadableDocument("not a readable Word file (it may be damaged or of another "
                                     "format); save it again from Word as .docx") from None
        self._trees: dict[str, etree._Element] = {}
        main = [r.target for r in self.rels("") if r.type.endswith("/officeDocument") and r.target]
        self.main = main[0] if main else "word/document.xml"
        if self.main not in self.blobs:
            raise UnreadableDocument("not a Word document: it has no main document part")

    def xml(self, name: str | None) -> etree._Element | None:
        if name is None or name not in self.blobs:
            return None
        if name not in self._trees:
            blob = self.blobs[name]
            if declares_doctype(io.BytesIO(blob)):
                raise UnreadableDocument(f"the part {name} declares XML entities, which Office files never do")
            try:
                self._trees[name] = etree.fromstring(blob, PARSER)
            except etree.XMLSyntaxError as exc:
                raise UnreadableDocument(f"the part {name} is not well-formed XML ({exc})") from None
        return self._trees[name]

    def rels(self, part: str) -> list[_Rel]:
        root = self.xml(_rels_name(part) if part else "_rels/.rels")
        if root is None:
            return []
        folder = posixpath.dirname(part)
        out = []
        for rel in root.findall(f"{{{REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                name = None
            elif target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            out.append(_Rel(rel.get("Id", ""), rel.get("Type", ""), name))
        return out

    def related(self, part: str, *type_suffixes: str) -> list[str]:
        return [r.target for r in self.rels(part)
                if r.target and r.target in self.blobs and r.type.endswith(type_suffixes)]

    def remove(self, name: str) -> None:
        """Take a part out: its data, its own relationships, the relationships to it and its content type."""
        for gone in (name, _rels_name(name)):
            if gone in self.blobs:
                self.names.remove(gone)
                del self.blobs[gone]
                self._trees.pop(gone, None)
        for rels_name in [n for n in self.names if n.endswith(".rels")]:
            source = "" if rels_name == "_rels/.rels" else posixpath.join(
                posixpath.dirname(posixpath.dirname(rels_name)), posixpath.basename(rels_name)[:-5])
            root = self.xml(rels_name)
            targets = {r.id: r.target for r in self.rels(source)}
            for rel in root.findall(f"{{{REL_NS}}}Relationship"):
                if targets.get(rel.get("Id")) == name:
                    root.remove(rel)
        types = self.xml("[Content_Types].xml")
        if types is not None:
            for override in types.findall(f"{{{CT_NS}}}Override"):
                if override.get("PartName", "").lstrip("/") == name:
                    types.remove(override)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in self.names:
                if name in self._trees:
                    data = etree.tostring(self._trees[name], xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
                else:
                    data = self.blobs[name]
                target.writestr(name, data)
        return normalise_zip(out.getvalue())


@dataclass
class _Story:
    name: str  # word/document.xml
    kind: str  # body | footnotes | endnotes | header | footer
    root: etree._Element

    @property
    def label(self) -> str:
        return self.kind if self.kind in ("footnotes", "endnotes") else posixpath.basename(self.name)


def _stories(package: _Package) -> list[_Story]:
    main = package.main
    stories = [_Story(main, "body", package.xml(main))]
    for kind in ("footnotes", "endnotes", "header", "footer"):
        for name in sorted(set(package.related(main, "/" + kind))):
            stories.append(_Story(name, kind, package.xml(name)))
    return stories


def _styles_part(package: _Package) -> str | None:
    found = package.related(package.main, "/styles")
    return found[0] if found else None


# --- walking the text ------------------------------------------------------------------------


def _in_fallback(element) -> bool:
    return any(True for _ in element.iterancestors(MC_FALLBACK))


def _owner(element):
    """The innermost paragraph holding ``element`` (itself when it is one)."""
    if _is_w(element, "p"):
        return element
    return next(element.iterancestors(f"{W}p"), None)


def _removed(element) -> bool:
    """Inside a tracked deletion or move away: not part of the accepted text."""
    return any(_is_w(a, "del", "moveFrom") for a in element.iterancestors())


def _separator_note(element) -> bool:
    note = next((a for a in element.iterancestors(f"{W}footnote", f"{W}endnote")), None)
    return note is not None and note.get(f"{W}type") in _SEPARATOR_NOTES


def _paragraphs(root) -> list:
    return [p for p in root.iter(f"{W}p") if not _in_fallback(p)]


def _own(paragraph, *names: str) -> list:
    """Descendants of ``paragraph`` with these w: names that belong to it (not to a paragraph inside it)."""
    return [e for e in paragraph.iter(*(f"{W}{n}" for n in names)) if _owner(e) is paragraph]


def _paragraph_text(paragraph) -> str:
    pieces = []
    for node in _own(paragraph, "t", "tab", "br", "cr", "noBreakHyphen"):
        if _in_fallback(node) or _removed(node):
            continue
        if _is_w(node, "t"):
            pieces.append(node.text or "")
        else:
            pieces.append("-" if _is_w(node, "noBreakHyphen") else " ")
    return "".join(pieces)


def _count(paragraph) -> int:
    return len([w for w in _WORD_GAP.split(_paragraph_text(paragraph)) if w])


def _run_text(run) -> str:
    return "".join(t.text or "" for t in run.iter(f"{W}t"))


def _has_text(run) -> bool:
    return any((t.text or "") for t in run.iter(f"{W}t")) or run.find(f"{W}sym") is not None


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= limit else text[:limit].rstrip() + "\u2026") + "\u201d"


def _count_words(stories: list[_Story]) -> int:
    total = 0
    for story in stories:
        if story.kind in ("body", "footnotes", "endnotes"):
            for paragraph in _paragraphs(story.root):
                if not _separator_note(paragraph):
                    total += _count(paragraph)
    return total


# --- styles -----------------------------------------------------------------------------------


def _on(element) -> bool:
    if element is None:
        return False
    return element.get(f"{W}val", "true").lower() not in ("0", "false", "off")


class _Styles:
    """The styles part, read for what a paragraph or run inherits."""

    def __init__(self, root):
        self.root = root
        self.by_id: dict[str, etree._Element] = {}
        self.default: dict[str, str] = {}
        self.ppr_default = self.rpr_default = None
        if root is None:
            return
        for style in root.findall(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if style_id:
                self.by_id.setdefault(style_id, style)
                if _on_attr(style.get(f"{W}default")):
                    self.default.setdefault(style.get(f"{W}type", "paragraph"), style_id)
        self.ppr_default = root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
        self.rpr_default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        found = style.find(f"{W}name") if style is not None else None
        name = found.get(f"{W}val", style_id) if found is not None else (style_id or "")
        # Word shows its built-in styles' lower-case names capitalised ("heading 1" as "Heading 1").
        return name.title() if name == name.lower() else name

    def chain(self, style_id: str | None) -> list:
        """The style and those it is based on, the style itself first."""
        out, seen = [], set()
        while style_id and style_id not in seen and style_id in self.by_id and len(out) < 32:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return out

    def paragraph_style(self, paragraph) -> str | None:
        found = paragraph.find(f"{W}pPr/{W}pStyle")
        return found.get(f"{W}val") if found is not None else self.default.get("paragraph")

    @staticmethod
    def run_style(run) -> str | None:
        found = run.find(f"{W}rPr/{W}rStyle")
        return found.get(f"{W}val") if found is not None else None

    def _levels(self, kind: str, para_style, char_style, in_table: bool) -> list:
        """The property sets a paragraph's (kind pPr) or run's (kind rPr) own properties sit on, lowest first.

        In a table the document defaults and the default paragraph style are left out: a
        table style stands between them and the paragraph's style.
        """
        levels = []
        if not in_table:
            levels.append(self.ppr_default if kind == "pPr" else self.rpr_default)
        for style in reversed(self.chain(para_style)):
            if in_table and style.get(f"{W}styleId") == self.default.get("paragraph"):
                continue
            levels.append(style.find(f"{W}{kind}"))
        if kind == "rPr":
            for style in reversed(self.chain(char_style)):
                levels.append(style.find(f"{W}rPr"))
        return [level for level in levels if level is not None]

    def inherited(self, kind: str, tag: str, para_style, char_style=None, in_table=False) -> dict:
        merged: dict = {}
        for level in self._levels(kind, para_style, char_style, in_table):
            found = level.find(f"{W}{tag}")
            if found is not None:
                merged.update(found.attrib)
                merged["__present__"] = _on(found)
        return merged

    def numbered(self, para_style) -> bool:
        return any(s.find(f"{W}pPr/{W}numPr") is not None for s in self.chain(para_style))

    def hidden(self, run, para_style) -> bool:
        value = False
        rpr = run.find(f"{W}rPr")
        levels = self._levels("rPr", para_style, self.run_style(run), False)
        for level in levels + ([rpr] if rpr is not None else []):
            for tag in ("vanish", "specVanish"):
                found = level.find(f"{W}{tag}")
                if found is not None:
                    value = _on(found)
        return value


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


def _in_table(element) -> bool:
    return any(True for _ in element.iterancestors(f"{W}tc"))


def _direct(pr, names: tuple[str, ...]) -> list:
    """Direct formatting among the children of a pPr or rPr (a font hint alone is not formatting)."""
    if pr is None:
        return []
    out = []
    for child in pr:
        if not _is_w(child, *names):
            continue
        if _local(child) == "rFonts" and set(child.attrib) <= {f"{W}hint"}:
            continue
        out.append(child)
    return out


def _redundant(element, inherited: dict) -> bool:
    """Whether a direct property says only what the style already says."""
    name = _local(element)
    if len(element):  # tab stops, borders: they add to the style's rather than replace them
        return False
    if name in _ON_OFF:
        return _on(element) == inherited.get("__present__", False)
    attrs = {k: v for k, v in element.attrib.items() if k != f"{W}hint"}
    if not attrs or any(inherited.get(k) != v for k, v in attrs.items()):
        return False
    if name == "rFonts":  # a theme font the style names wins over a plain one said again here
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            theme = f"{W}{'cstheme' if slot == 'cs' else slot + 'Theme'}"
            if f"{W}{slot}" in attrs and theme not in attrs and theme in inherited:
                return False
    return True


# --- describing formatting in the user's words ----------------------------------------------------


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _twips_cm(value: str) -> str:
    try:
        return _number(int(value) / 567) + " cm"
    except ValueError:
        return value


def _twips_pt(value: str) -> str:
    try:
        return _number(int(value) / 20) + " pt"
    except ValueError:
        return value


_ALIGN = {"left": "left-aligned", "start": "left-aligned", "right": "right-aligned", "end": "right-aligned",
          "center": "centred", "both": "justified", "distribute": "distributed"}


def _describe(element) -> list[str]:
    name, get = _local(element), (lambda attr: element.get(f"{W}{attr}"))
    in_run = element.getparent() is not None and _is_w(element.getparent(), "rPr")
    if name == "jc":
        return [_ALIGN.get(get("val") or "", f"aligned {get('val')}")]
    if name == "ind":
        out = []
        for attrs, label in ((("left", "start"), "indent left"), (("right", "end"), "indent right"),
                             (("firstLine",), "first line"), (("hanging",), "hanging")):
            value = next((get(a) for a in attrs if get(a) is not None), None)
            if value is not None:
                out.append(f"{label} {_twips_cm(value)}")
        return out or ["indented"]
    if name == "spacing" and in_run:
        return [f"character spacing {_twips_pt(get('val') or '0')}"]
    if name == "spacing":
        out = [f"{_twips_pt(get(a))} {a}" for a in ("before", "after") if get(a) is not None]
        line, rule = get("line"), get("lineRule") or "auto"
        if line is not None:
            try:
                out.append(f"line spacing {_number(int(line) / 240)}" if rule == "auto"
                           else f"line {'exactly' if rule == 'exact' else 'at least'} {_twips_pt(line)}")
            except ValueError:
                out.append("line spacing")
        return out or ["spacing"]
    if name in ("sz", "szCs"):
        try:
            size = _number(int(get("val")) / 2) + " pt"
        except (TypeError, ValueError):
            size = "sized"
        return [size if name == "sz" else f"{size} (complex scripts)"]
    if name == "rFonts":
        fonts = [get(a) or get(a + "Theme") for a in ("ascii", "hAnsi", "eastAsia", "cs")]
        fonts = list(dict.fromkeys(f for f in fonts if f)) or [get("asciiTheme") or "font"]
        return ["font " + ", ".join(fonts)]
    if name == "color":
        return [f"colour {get('val') or get('themeColor')}"]
    if name == "highlight":
        return [f"highlighted {get('val')}"]
    if name in ("shd", "pBdr", "bdr", "tabs"):
        return [{"shd": "shaded", "pBdr": "bordered", "bdr": "bordered", "tabs": "tab stops"}[name]]
    if name == "position":
        return ["raised" if not (get("val") or "0").startswith("-") else "lowered"]
    return [{"w": "scaled", "kern": "kerned", "effect": "text effect", "fitText": "fitted",
             "em": "emphasis mark"}.get(name, name)]


def _description(elements) -> str:
    parts: list[str] = []
    for element in elements:
        parts.extend(_describe(element))
    parts = list(dict.fromkeys(parts))
    # "10 pt (complex scripts)" beside "10 pt" says nothing more.
    parts = [p for p in parts if not (p.endswith(" (complex scripts)") and p[:-18] in parts)]
    return ", ".join(parts)


# --- clean ------------------------------------------------------------------------------------------


def clean(docx: bytes, language_tag: str) -> bytes:
    """The same document, ready to submit: see the module's rules. Same input, same bytes."""
    package = _Package(docx)
    stories = _stories(package)
    styles_name = _styles_part(package)
    for story in stories:
        _accept_changes(story.root)
    for name in (styles_name, *package.related(package.main, "/numbering")):
        root = package.xml(name)
        if root is not None:
            _drop_formatting_changes(root)
    _remove_comments(package, stories)
    styles = _Styles(package.xml(styles_name))
    for story in stories:
        _remove_hidden(story.root, styles)
    if styles.root is not None:
        maker = _StyleMaker(styles)
        for story in stories:
            _move_formatting_to_styles(story.root, styles, maker)
    for story in stories:
        _set_languages(story.root, language_tag)
    _set_core_language(package, language_tag)
    return package.to_bytes()


def _unwrap(element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _drop(element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _drop_formatting_changes(root) -> None:
    for element in [e for e in root.iter() if _is_w(e, *_PR_CHANGES)]:
        _drop(element)


def _accept_changes(root) -> None:
    """Accept every tracked change: insertions stay, deletions go, formatting changes are kept as made."""
    # A deleted paragraph mark: the paragraph's text joins the next paragraph.
    marks = [m for m in root.iter(f"{W}del", f"{W}moveFrom")
             if _is_w(m.getparent(), "rPr") and _is_w(m.getparent().getparent(), "pPr")]
    for mark in reversed(marks):
        paragraph = mark.getparent().getparent().getparent()
        _drop(mark)
        following = paragraph.getnext()
        if paragraph.getparent() is None or following is None or not _is_w(following, "p"):
            continue
        anchor = following.find(f"{W}pPr")
        for child in [c for c in paragraph if not _is_w(c, "pPr")]:
            if anchor is None:
                following.insert(0, child)
            else:
                anchor.addnext(child)
            anchor = child
        _drop(paragraph)
    for element in list(root.iter(f"{W}del", f"{W}moveFrom")):
        parent = element.getparent()
        if parent is None:
            continue
        if _is_w(parent, "trPr"):  # a deleted table row
            _drop(parent.getparent())
        else:  # the deleted content itself (or a run property's mark)
            _drop(element)
    for element in list(root.iter(f"{W}ins", f"{W}moveTo")):
        if element.getparent() is None:
            continue
        if _is_w(element.getparent(), "rPr", "trPr"):
            _drop(element)
        else:
            _unwrap(element)
    for element in [e for e in root.iter() if _is_w(e, *_RANGE_MARKS, *_CHANGE_MARKS, *_PR_CHANGES)]:
        _drop(element)
    for table in list(root.iter(f"{W}tbl")):  # a table whose rows were all deleted
        if table.find(f"{W}tr") is None:
            _drop(table)


def _comment_parts(package: _Package) -> list[str]:
    return package.related(package.main, *_COMMENT_PARTS)


def _remove_comments(package: _Package, stories: list[_Story]) -> None:
    for story in stories:
        for marker in list(story.root.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd",
                                           f"{W}commentReference")):
            run = marker.getparent()
            _drop(marker)
            if _is_w(run, "r") and all(_is_w(c, "rPr") for c in run):
                _drop(run)
    for name in _comment_parts(package):
        package.remove(name)


def _remove_hidden(root, styles: _Styles) -> None:
    for mark in list(root.iter(f"{W}pPr")):
        rpr = mark.find(f"{W}rPr")
        for hidden in ([] if rpr is None else rpr.findall(f"{W}vanish") + rpr.findall(f"{W}specVanish")):
            rpr.remove(hidden)
    for run in list(root.iter(f"{W}r")):
        paragraph = _owner(run)
        if paragraph is None or not styles.hidden(run, styles.paragraph_style(paragraph)):
            continue
        if all(_is_w(c, "rPr", *_TEXTISH) for c in run):
            _drop(run)
        else:  # keep what holds the document together (field characters, note references)
            for child in [c for c in run if _is_w(c, *_TEXTISH)]:
                run.remove(child)


def _canon(element) -> bytes:
    """An element's content for comparison, whatever part (and namespace declarations) it sits in."""
    return etree.tostring(element, method="c14n", exclusive=True)


class _StyleMaker:
    """Derived styles that carry what used to be direct formatting, one per distinct need."""

    def __init__(self, styles: _Styles):
        self.styles = styles
        self.made: dict[tuple, str] = {}
        self.names = {self.styles.name(i).lower() for i in self.styles.by_id}

    def derived(self, kind: str, base: str | None, ppr: list, rpr: list) -> str:
        key = (kind, base, tuple(_canon(e) for e in ppr),
               tuple(_canon(e) for e in rpr))
        if key in self.made:
            return self.made[key]
        plain = not base or (kind == "character" and base == self.styles.default.get("character"))
        base_name = "Text" if plain else self.styles.name(base)
        stem = f"{base_name}, {_description(ppr + rpr)}"
        name, number = stem, 1
        while name.lower() in self.names:
            existing = self._by_name(name)
            if existing is not None and self._same(existing, kind, base, key):
                self.made[key] = existing.get(f"{W}styleId")
                return self.made[key]
            number += 1
            name = f"{stem} ({number})"
        style_id = re.sub(r"[^A-Za-z0-9]", "", name) or "Derived"
        while style_id in self.styles.by_id:
            style_id += "X"
        style = etree.SubElement(self.styles.root, f"{W}style")
        style.set(f"{W}type", kind)
        style.set(f"{W}customStyle", "1")
        style.set(f"{W}styleId", style_id)
        etree.SubElement(style, f"{W}name").set(f"{W}val", name)
        if base:
            etree.SubElement(style, f"{W}basedOn").set(f"{W}val", base)
        for tag, children in (("pPr", ppr), ("rPr", rpr)):
            if children:
                holder = etree.SubElement(style, f"{W}{tag}")
                holder.extend(deepcopy(c) for c in children)
        self.styles.by_id[style_id] = style
        self.names.add(name.lower())
        self.made[key] = style_id
        return style_id

    def _by_name(self, name: str):
        return next((s for i, s in self.styles.by_id.items() if self.styles.name(i).lower() == name.lower()), None)

    @staticmethod
    def _same(style, kind: str, base, key: tuple) -> bool:
        based = style.find(f"{W}basedOn")
        holders = [style.find(f"{W}{tag}") for tag in ("pPr", "rPr")]
        content = tuple(tuple(_canon(c) for c in h) if h is not None else ()
                        for h in holders)
        return (style.get(f"{W}type") == kind and (based.get(f"{W}val") if based is not None else None) == base
                and content == key[2:])


def _split_direct(pr, names, styles: _Styles, kind: str, para_style, char_style=None, *,
                  in_table: bool = False, numbered: bool = False) -> list:
    """Remove the direct properties that repeat the style; return the others (still in place)."""
    keep = []
    for element in _direct(pr, names):
        tag = _local(element)
        if tag == "ind" and numbered:  # numbering's indents stand between style and paragraph
            inherited = {}
        else:
            inherited = styles.inherited(kind, tag, para_style, char_style, in_table)
        if _redundant(element, inherited):
            pr.remove(element)
        else:
            keep.append(element)
    return keep


def _move_formatting_to_styles(root, styles: _Styles, maker: _StyleMaker) -> None:
    for paragraph in _paragraphs(root):
        if _separator_note(paragraph):
            continue
        para_style = styles.paragraph_style(paragraph)
        in_table = _in_table(paragraph)
        ppr = paragraph.find(f"{W}pPr")
        numbered = ppr is not None and ppr.find(f"{W}numPr") is not None or styles.numbered(para_style)
        para_rest = _split_direct(ppr, PARA_DIRECT, styles, "pPr", para_style, in_table=in_table,
                                  numbered=numbered)
        runs = [r for r in _own(paragraph, "r") if not _in_fallback(r)]
        rests = {}
        for run in runs:
            rests[run] = _split_direct(run.find(f"{W}rPr"), RUN_DIRECT, styles, "rPr", para_style,
                                       styles.run_style(run), in_table=in_table)
        signatures = {tuple(_canon(e) for e in rest) for rest in rests.values()}
        shared: list = []
        if runs and len(signatures) == 1 and rests[runs[0]] and not any(styles.run_style(r) for r in runs):
            shared = rests[runs[0]]
        if para_rest or shared:
            ppr = _first_child(paragraph, "pPr")
            derived = maker.derived("paragraph", para_style, para_rest, shared)
            for element in para_rest:
                ppr.remove(element)
            _first_child(ppr, "pStyle").set(f"{W}val", derived)
            if shared:
                for run in runs:
                    for element in rests[run]:
                        element.getparent().remove(element)
                    rests[run] = []
        for run, rest in rests.items():
            if not rest:
                continue
            rpr = run.find(f"{W}rPr")
            derived = maker.derived("character", styles.run_style(run) or styles.default.get("character"), [], rest)
            for element in rest:
                rpr.remove(element)
            _first_child(rpr, "rStyle").set(f"{W}val", derived)


def _first_child(parent, name: str):
    """``parent``'s w:``name`` child, made as its first child when it has none (pPr, rPr, pStyle and
    rStyle all come first in their parent, by the schema)."""
    child = parent.find(f"{W}{name}")
    if child is None:
        child = etree.Element(f"{W}{name}")
        parent.insert(0, child)
    return child


def _set_languages(root, tag: str) -> None:
    primary = tag.split("-")[0].lower()
    for run in root.iter(f"{W}r"):
        rpr = _first_child(run, "rPr")
        lang = rpr.find(f"{W}lang")
        if lang is None:
            lang = etree.Element(f"{W}lang")
            after = next((c for c in rpr if isinstance(c.tag, str) and not _is_w(c, *_BEFORE_LANG)), None)
            if after is None:
                rpr.append(lang)
            else:
                after.addprevious(lang)
        lang.set(f"{W}val", tag)
        if primary == "ar":
            lang.set(f"{W}bidi", tag)
        elif primary in ("zh", "ja", "ko"):
            lang.set(f"{W}eastAsia", tag)


def _core_part(package: _Package) -> str | None:
    found = package.related("", "/core-properties")
    return found[0] if found else None


def _set_core_language(package: _Package, tag: str) -> None:
    root = package.xml(_core_part(package))
    if root is None:
        return
    found = root.find(f"{{{NS['dc']}}}language")
    if found is None:
        found = etree.SubElement(root, f"{{{NS['dc']}}}language")
    found.text = tag


# --- preflight -------------------------------------------------------------------------------------


class _Collector:
    """Findings gathered per place and code, in document order."""

    def __init__(self):
        self.found: dict[tuple[str, str], tuple[tuple, list[str]]] = {}

    def add(self, place: str, key: tuple, code: str, detail: str) -> None:
        entry = self.found.setdefault((place, code), (key + (CODES.index(code),), []))
        if detail not in entry[1]:
            entry[1].append(detail)

    def findings(self) -> tuple[Finding, ...]:
        ordered = sorted(self.found.items(), key=lambda item: item[1][0])
        return tuple(Finding(place, code, f"{'; '.join(details)}: {ADVICE[code]}")
                     for (place, code), (_key, details) in ordered)


class _Places:
    """Where an element is, in the user's terms."""

    def __init__(self, story: _Story, index: int, note_numbers: dict[str, int]):
        self.story, self.index, self.note_numbers = story, index, note_numbers
        self.numbers = {p: n for n, p in enumerate(_paragraphs(story.root), start=1)}

    def of(self, element) -> tuple[str, tuple]:
        story = self.story
        paragraph = _owner(element)
        if paragraph is None:  # a table row's mark: its first paragraph
            holder = next((a for a in element.iterancestors() if a.find(f".//{W}p") is not None), None)
            paragraph = holder.find(f".//{W}p") if holder is not None else None
        number = self.numbers.get(paragraph, 0)
        if story.kind == "body":
            return f"{story.label}: paragraph {number}", (self.index, number)
        if story.kind in ("footnotes", "endnotes"):
            note = next(element.iterancestors(f"{W}footnote", f"{W}endnote"), None)
            note_id = note.get(f"{W}id", "") if note is not None else ""
            shown = self.note_numbers.get(note_id)
            label = f"note {shown}" if shown else f"note with id {note_id}"
            return f"{story.label}: {label}", (self.index, number)
        return story.label, (self.index, number)

    def quoted(self, element) -> str:
        paragraph = _owner(element)
        text = _paragraph_text(paragraph) if paragraph is not None else ""
        return f" in {_quote(text)}" if text.strip() else ""


def _note_numbers(body_root, kind: str) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for ref in body_root.iter(f"{W}{kind[:-1]}Reference"):
        numbers.setdefault(ref.get(f"{W}id", ""), len(numbers) + 1)
    return numbers


def preflight(docx: bytes, word_limit: int | None) -> Preflight:
    """The document's word count as the UN counts it, and every breach of the module's rules, with its place."""
    package = _Package(docx)
    stories = _stories(package)
    styles = _Styles(package.xml(_styles_part(package)))
    collector = _Collector()
    comments = _comments(package)
    anchored: set[str] = set()
    referenced: set[str] = set()
    for index, story in enumerate(stories):
        places = _Places(story, index, _note_numbers(stories[0].root, story.kind)
                         if story.kind in ("footnotes", "endnotes") else {})
        _check_changes(story.root, places, collector)
        anchored |= _check_comments(story.root, places, comments, collector)
        _check_runs(story.root, places, styles, collector)
        referenced |= _check_objects(package, story, places, collector)
    parts_key = (len(stories),)
    for name in (_styles_part(package), *package.related(package.main, "/numbering")):
        root = package.xml(name)
        for change in ([] if root is None else [e for e in root.iter() if _is_w(e, *_PR_CHANGES)]):
            style = next(change.iterancestors(f"{W}style"), None)
            where = f"style {_quote(styles.name(style.get(f'{W}styleId')))}" if style is not None else "a list"
            collector.add(posixpath.basename(name), parts_key, "tracked-change", f"a tracked formatting change of {where}")
    unanchored = [c for c in comments if c not in anchored]
    for comment_id in unanchored:
        collector.add(posixpath.basename(_comment_parts(package)[0]), parts_key, "comment", comments[comment_id])
    for name in package.names:
        if name.startswith(("word/embeddings/", "word/activeX/")) and name not in referenced:
            collector.add(name, parts_key, "embedded-object", "an embedded file in the package")
    _check_properties(package, collector, len(stories) + 1)
    words = _count_words(stories)
    if word_limit is not None and words > word_limit:
        collector.add("whole document", (len(stories) + 2,), "over-limit",
                      f"{words:,} words, {words - word_limit:,} over the limit of {word_limit:,}")
    return Preflight(words, word_limit, collector.findings())


def _author(element) -> str:
    author = element.get(f"{W}author")
    return f" by {author}" if author else ""


def _check_changes(root, places: _Places, collector: _Collector) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith(W):
            continue
        name, parent = _local(element), element.getparent()
        if name in ("ins", "del", "moveFrom", "moveTo"):
            verb = {"ins": "insertion", "del": "deletion", "moveFrom": "move (from here)",
                    "moveTo": "move (to here)"}[name]
            if _is_w(parent, "rPr"):
                detail = f"a tracked {verb} of a paragraph mark"
            elif _is_w(parent, "trPr"):
                detail = f"a tracked {verb} of a table row"
            else:
                text = "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))
                detail = f"a tracked {verb} {_quote(text)}" if text.strip() else f"a tracked {verb}"
            collector.add(*_at(places, element), "tracked-change", detail + _author(element))
        elif name in _PR_CHANGES or name in _CHANGE_MARKS:
            collector.add(*_at(places, element), "tracked-change",
                          f"a tracked {'formatting' if name in _PR_CHANGES else 'table cell'} change"
                          + _author(element))


def _at(places: _Places, element) -> tuple[str, tuple]:
    return places.of(element)


def _comments(package: _Package) -> dict[str, str]:
    """Each comment's id and a short description (author and first words)."""
    out = {}
    for name in _comment_parts(package):
        root = package.xml(name)
        if root is None or etree.QName(root).localname != "comments":
            continue
        for comment in root.findall(f"{W}comment"):
            text = " ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p"))
            out[comment.get(f"{W}id", "")] = f"a comment{_author(comment)}: {_quote(text)}"
    return out


def _check_comments(root, places: _Places, comments: dict[str, str], collector: _Collector) -> set[str]:
    anchored = set()
    for marker in root.iter(f"{W}commentReference", f"{W}commentRangeStart"):
        comment_id = marker.get(f"{W}id", "")
        if comment_id in anchored:
            continue
        anchored.add(comment_id)
        detail = comments.get(comment_id, "a comment mark (its comment is missing)")
        collector.add(*_at(places, marker), "comment", detail)
    return anchored


def _check_runs(root, places: _Places, styles: _Styles, collector: _Collector) -> None:
    for paragraph in _paragraphs(root):
        if _separator_note(paragraph):
            continue
        para_style = styles.paragraph_style(paragraph)
        ppr = paragraph.find(f"{W}pPr")
        mark = ppr.find(f"{W}rPr") if ppr is not None else None
        if mark is not None and (mark.find(f"{W}vanish") is not None and _on(mark.find(f"{W}vanish"))
                                 or mark.find(f"{W}specVanish") is not None and _on(mark.find(f"{W}specVanish"))):
            collector.add(*_at(places, paragraph), "hidden-text", "a hidden paragraph mark")
        direct = _direct(ppr, PARA_DIRECT)
        unmarked = 0
        run_formats: list[str] = []
        for run in _own(paragraph, "r"):
            if _in_fallback(run) or _removed(run):
                continue
            rpr = run.find(f"{W}rPr")
            if _has_text(run):
                lang = rpr.find(f"{W}lang") if rpr is not None else None
                if lang is None or not lang.get(f"{W}val"):
                    unmarked += 1
                if styles.hidden(run, para_style):
                    collector.add(*_at(places, run), "hidden-text", f"hidden text {_quote(_run_text(run))}")
            formats = _direct(rpr, RUN_DIRECT)
            if formats:
                run_formats.append(_description(formats))
        if direct or run_formats:
            said = ([f"on the paragraph ({_description(direct)})"] if direct else []) + (
                [f"on its text ({', '.join(dict.fromkeys(run_formats))})"] if run_formats else [])
            collector.add(*_at(places, paragraph), "direct-formatting",
                          f"direct formatting {' and '.join(said)}{places.quoted(paragraph)}")
        if unmarked:
            runs = "a run has" if unmarked == 1 else f"{unmarked} runs have"
            collector.add(*_at(places, paragraph), "no-language",
                          f"{runs} no language set{places.quoted(paragraph)}")


def _check_objects(package: _Package, story: _Story, places: _Places, collector: _Collector) -> set[str]:
    """Embedded objects in a story; returns the package parts they account for."""
    targets = {r.id: r.target for r in package.rels(story.name)}
    referenced: set[str] = set()
    for element in story.root.iter():
        if not isinstance(element.tag, str) or _in_fallback(element):
            continue
        qname = etree.QName(element)
        if (qname.namespace, qname.localname) == (W_NS, "object") or (
                (qname.namespace, qname.localname) == (NS["o"], "OLEObject")
                and next(element.iterancestors(f"{W}object"), None) is None):
            ole = element if qname.localname == "OLEObject" else element.find(f".//{{{NS['o']}}}OLEObject")
            prog = (ole.get("ProgID") or "") if ole is not None else ""
            what = f"an embedded {prog.split('.')[0]} object" if prog else "an embedded object"
            if ole is not None and targets.get(ole.get(R_ID)):
                referenced.add(targets[ole.get(R_ID)])
            collector.add(*_at(places, element), "embedded-object", what)
        elif (qname.namespace, qname.localname) in ((W_NS, "altChunk"), (W_NS, "control")):
            part = targets.get(element.get(R_ID))
            if part:
                referenced.add(part)
            what = "an embedded document (altChunk)" if qname.localname == "altChunk" else "an ActiveX control"
            if qname.localname == "control" and part:
                referenced.update(package.related(part, ""))
            collector.add(*_at(places, element), "embedded-object", what)
        elif (qname.namespace, qname.localname) == (NS["c"], "chart"):
            part = targets.get(element.get(R_ID))
            if part:
                referenced.update(package.related(part, ""))
            collector.add(*_at(places, element), "embedded-object", "a chart with its own embedded Excel data "
                          "(paste it as a picture)")
    return referenced


def _check_properties(package: _Package, collector: _Collector, key: int) -> None:
    root = package.xml(_core_part(package))
    missing = []
    for tag, label in (("title", "title"), ("subject", "subject (the symbol)"), ("language", "language")):
        found = root.find(f"{{{NS['dc']}}}{tag}") if root is not None else None
        if found is None or not (found.text or "").strip():
            missing.append(label)
    if missing:
        names = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
        collector.add("document properties", (key,), "missing-property",
                      f"the document's {names} {'is' if len(missing) == 1 else 'are'} not set")


# --- the report --------------------------------------------------------------------------------------


def preflight_text(symbol: str, result: Preflight) -> str:
    """A short report for a person: the count against the limit, then one line per finding."""
    allowed = f" of {result.limit:,} allowed" if result.limit is not None else " (no limit set)"
    head = f"{symbol}: {result.words:,} words (body, headings and footnotes){allowed}"
    if not result.findings:
        return head + "; no problems found"
    count = len(result.findings)
    lines = [f"{head}; {count} problem{'s' if count != 1 else ''}:"]
    lines.extend(f"  {finding}" for finding in result.findings)
    return "\n".join(lines)
