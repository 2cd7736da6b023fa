"""One rendered Word document as one self-contained, accessible HTML page, read back from the Word file.

SUPERSEDED by :func:`pipeline.export.html.document_page`, which writes the page from the values the
Word file was rendered from. Kept only while ``pipeline/build.py`` still calls ``to_html``; delete this
module (and ``to_html`` in html.py) when the build is switched over.

pandoc reads the .docx (``docx+styles``, so every paragraph keeps its style
name) and writes the page; in between, this module rebuilds what pandoc's docx
reader cannot see. The numbers of headings, body paragraphs and lettered
subparagraphs live in Word numbering definitions attached to styles, so they
are computed here from ``styles.xml`` and ``numbering.xml`` as Word counts
them, and written into the page as text. The masthead becomes a ``<header>``,
table header cells get a scope, pictures become ``data:`` URIs, and anything
that could run or fetch (raw markup, script links) is dropped.
"""

from __future__ import annotations

import base64
import io
import json
import mimetypes
import re
import subprocess
import tempfile
import unicodedata
import zipfile
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline import locale
from pipeline.errors import OutputError, ToolMissing
from pipeline.ooxml import wordml

W = wordml.w
TIMEOUT_S = 60  # pandoc's time limit, as intake's


def pandoc_path() -> str:
    """pandoc, as pypandoc-binary ships it (export does not import intake: the stages stand alone)."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise ToolMissing(f"pandoc is not available: run 'make report' ({exc})") from None

# Roles by the template's style names (wordml.STYLE_NAMES; the masthead ones are the template's own).
BODY = wordml.STYLE_NAMES["body"]
SUBPARAGRAPH = wordml.STYLE_NAMES["subparagraph"]
TABLE_CAPTION = wordml.STYLE_NAMES["table_caption"]
PLACEHOLDER = wordml.STYLE_NAMES["placeholder"]
ANNEX_HEADING = "UN Annex Heading"
ANNEX_TITLE = "UN Annex Title"
TITLE = "UN Title"
SUBMITTED_BY = "UN Submitted By"
MASTHEAD_BODY = "UN Masthead Body"
MASTHEAD_SYMBOL = "UN Masthead Symbol"
MASTHEAD = "UN Masthead"
CHAPTER = "UN Chapter"
MASTHEAD_STYLES = {MASTHEAD, MASTHEAD_BODY, MASTHEAD_SYMBOL, TITLE, SUBMITTED_BY}
# The styles this module knows by name. A template may derive its own from them ("UN Table Text,
# right-aligned" based on "UN Table Text"): those play the part of the nearest known one they are based on.
ROLES = {name.lower(): name for name in (*wordml.STYLE_NAMES.values(), *MASTHEAD_STYLES, ANNEX_HEADING,
                                          ANNEX_TITLE, CHAPTER)}

# UN French and Spanish texts letter subparagraphs "a)", English ones "(a)".
CLOSING_PARENTHESIS_ONLY = {"fr", "es"}
# Pictures a browser shows; others (EMF, TIFF ...) are replaced by their text alternative.
BROWSER_IMAGES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/svg+xml"}
# Links the page may keep: the web, mail, and places in the page itself. Never javascript: or file:.
SAFE_LINK = re.compile(r"(https?:|mailto:|#)", re.IGNORECASE)
# The name of a note's link back to its reference mark, by language (English where none is known).
BACK_TO_REFERENCE = {"en": "Back to reference {}", "fr": "Retour à l’appel de note {}",
                     "es": "Volver a la llamada de nota {}"}
CELL_ALIGN = {"right": "AlignRight", "end": "AlignRight", "center": "AlignCenter"}
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def to_html(docx: bytes, *, language: str, title: str) -> str:
    """The page of a rendered .docx: ``language`` is its BCP 47 tag ("en", "fr"), ``title`` the page's title.

    Raises OutputError when the Word file cannot be read or pandoc fails.
    """
    if not LANGUAGE_TAG.fullmatch(language):
        raise ValueError(f"not a language tag: {language!r}")
    word = _read_word(docx)
    with tempfile.TemporaryDirectory(prefix="ccm-html-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(docx)
        media = folder / "media"
        ast = json.loads(_pandoc(["--from", "docx+styles", "--to", "json", f"--extract-media={media}",
                                  str(source)], folder, "read the Word file"))
        page = _Page(word, media, language.split("-")[0].lower())
        ast["blocks"] = page.blocks(ast["blocks"])
        # pagetitle, not title: pandoc would print a title block of its own above the masthead.
        ast["meta"] = {"pagetitle": _meta(title), "lang": _meta(language)}
        (folder / "page.json").write_text(json.dumps(ast), encoding="utf-8")
        (folder / "page.html5").write_text(TEMPLATE, encoding="utf-8")
        page_html = _pandoc(["--from", "json", "--to", "html5", "--standalone", "--template", "page.html5",
                             "--email-obfuscation=none", "--wrap=none", "page.json"], folder,
                            "write the HTML page")
    return _name_backlinks(page_html, language.split("-")[0].lower())


def _name_backlinks(page_html: str, language: str) -> str:
    """Give each note's way back a name: pandoc's is the bare arrow "↩︎", which is all a screen reader says."""
    words = BACK_TO_REFERENCE.get(language, BACK_TO_REFERENCE["en"])
    return re.sub(r'<a href="#fnref(\d+)" class="footnote-back"',
                  lambda m: f'{m.group(0)} aria-label="{words.format(m.group(1))}"', page_html)


# --- pandoc, the edge ------------------------------------------------------------------------


def _pandoc(args: list[str], cwd: Path, doing: str) -> str:
    try:
        done = subprocess.run([pandoc_path(), *args], capture_output=True, timeout=TIMEOUT_S,
                              check=False, cwd=cwd)
    except subprocess.TimeoutExpired:
        raise OutputError(f"cannot make the HTML page: pandoc took longer than {TIMEOUT_S} s to {doing}") from None
    except OSError as exc:
        raise ToolMissing(f"pandoc does not start ({exc})") from None
    if done.returncode != 0:
        # The first line says what went wrong; the rest is pandoc's own call stack.
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[0] if lines else f"exit status {done.returncode}"
        raise OutputError(f"cannot make the HTML page: pandoc could not {doing} ({reason})")
    return done.stdout.decode("utf-8")


def _meta(text: str) -> dict:
    return {"t": "MetaString", "c": text}


# --- what Word shows: styles, outline levels and numbers ----------------------------------------


@dataclass(frozen=True)
class _Paragraph:
    style: str          # the style's name, as pandoc reports it
    label: str | None   # the number Word shows ("12.", "A.", "(a)"), None when unnumbered
    bullet: bool


@dataclass(frozen=True)
class _Style:
    role: str               # the known style it is or is based on (ROLES), else its own name
    outline: int | None     # outline level, 0 for a chapter; None for text
    align: str | None       # Word's justification: left, right, center, both
    smaller: bool           # set in a smaller size than its role's style (a table's source line)


@dataclass(frozen=True)
class _Word:
    paragraphs: dict[str, deque[_Paragraph]]  # by style name, in document order, empty ones left out
    styles: dict[str, _Style]                 # by style name

    def style(self, name: str | None) -> _Style:
        return self.styles.get(name or "", _Style(name or "", None, None, False))


def _read_word(docx: bytes) -> _Word:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            names = set(archive.namelist())
            document = etree.fromstring(archive.read("word/document.xml"), parser)
            styles = (etree.fromstring(archive.read("word/styles.xml"), parser)
                      if "word/styles.xml" in names else None)
            numbering = (etree.fromstring(archive.read("word/numbering.xml"), parser)
                         if "word/numbering.xml" in names else None)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise OutputError(f"cannot make the HTML page: the Word file cannot be read ({exc})") from None
    table = _StyleTable(styles)
    counter = _Numbering(numbering)
    paragraphs: dict[str, deque[_Paragraph]] = defaultdict(deque)
    for p in document.iter(W("p")):
        if any(a.tag == W("txbxContent") for a in p.iterancestors()):
            continue  # text boxes: pandoc does not read them in line
        ppr = p.find(W("pPr"))
        style_id = _val(ppr, "pStyle") or table.default
        num_id, ilvl = table.numbering(style_id)
        direct = ppr.find(W("numPr")) if ppr is not None else None
        if direct is not None:
            num_id = _val(direct, "numId") or num_id
            ilvl = int(_val(direct, "ilvl") or ilvl or 0)
        # Word numbers empty paragraphs too, so the count runs over all of them ...
        label = counter.next(num_id, ilvl, style_id) if num_id and num_id != "0" else None
        # ... but pandoc drops them, so only those with content are matched to pandoc's.
        if _has_content(p):
            name = table.name(style_id)
            paragraphs[name].append(_Paragraph(name, label and label[0], bool(label and label[1])))
    return _Word(dict(paragraphs), table.described())


def _val(parent, tag: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(W(tag))
    return child.get(W("val")) if child is not None else None


def _has_content(p) -> bool:
    if any((t.text or "").strip() for t in p.iter(W("t"))):
        return True
    return any(True for tag in ("drawing", "pict", "object", "sym", "footnoteReference", "endnoteReference")
               for _ in p.iter(W(tag)))


class _StyleTable:
    """Paragraph styles: names, the numbering and outline level each gives (following basedOn)."""

    def __init__(self, styles):
        self._styles = {}
        self.default = "Normal"
        for style in (styles.findall(W("style")) if styles is not None else ()):
            if style.get(W("type")) != "paragraph":
                continue
            sid = style.get(W("styleId"))
            self._styles[sid] = style
            if style.get(W("default")) in ("1", "true", "on"):
                self.default = sid

    def name(self, sid: str) -> str:
        style = self._styles.get(sid)
        return (_val(style, "name") or sid) if style is not None else sid

    def _chain(self, sid: str):
        seen = set()
        while sid in self._styles and sid not in seen:
            seen.add(sid)
            yield self._styles[sid]
            sid = _val(self._styles[sid], "basedOn")

    def numbering(self, sid: str) -> tuple[str | None, int | None]:
        for style in self._chain(sid):
            numpr = style.find(f"{W('pPr')}/{W('numPr')}")
            if numpr is not None:
                ilvl = _val(numpr, "ilvl")
                return _val(numpr, "numId"), int(ilvl) if ilvl else None
        return None, None

    def _first(self, sid: str, part: str, tag: str) -> str | None:
        """A property as the style has it, or the nearest style it is based on."""
        for style in self._chain(sid):
            value = _val(style.find(W(part)), tag)
            if value is not None:
                return value
        return None

    def described(self) -> dict[str, _Style]:
        by_id = {}
        for sid in self._styles:
            role_id = next((s.get(W("styleId")) for s in self._chain(sid)
                            if (_val(s, "name") or "").lower() in ROLES), None)
            level = self._first(sid, "pPr", "outlineLvl")
            size = self._first(sid, "rPr", "sz")
            role_size = self._first(role_id, "rPr", "sz") if role_id else None
            by_id[sid] = _Style(
                ROLES[self.name(role_id).lower()] if role_id else self.name(sid),
                int(level) if level and level.isdigit() and int(level) < 9 else None,  # 9: body text
                self._first(sid, "pPr", "jc"),
                bool(size and role_size and size.isdigit() and role_size.isdigit() and int(size) < int(role_size)))
        return {self.name(sid): style for sid, style in by_id.items()}


@dataclass
class _Level:
    start: int
    fmt: str
    text: str
    style: str | None


class _Numbering:
    """Word's list counters: one set per abstract list, deeper levels restarting under a shallower one,
    and a list instance's start override applied where it is first used."""

    def __init__(self, numbering):
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counts: dict[str, dict[int, int]] = defaultdict(dict)
        self._started: set[tuple[str, int]] = set()
        if numbering is None:
            return
        for abstract in numbering.findall(W("abstractNum")):
            levels = {}
            for lvl in abstract.findall(W("lvl")):
                start = _val(lvl, "start")
                levels[int(lvl.get(W("ilvl"), "0"))] = _Level(
                    int(start) if start and start.lstrip("-").isdigit() else 0,
                    _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", _val(lvl, "pStyle"))
            self._abstract[abstract.get(W("abstractNumId"))] = levels
        for num in numbering.findall(W("num")):
            overrides = {}
            for override in num.findall(W("lvlOverride")):
                start = _val(override, "startOverride")
                if start and start.isdigit():
                    overrides[int(override.get(W("ilvl"), "0"))] = int(start)
            self._nums[num.get(W("numId"))] = (_val(num, "abstractNumId"), overrides)

    def next(self, num_id: str, ilvl: int | None, style_id: str) -> tuple[str, bool] | None:
        """The label of the next paragraph of list ``num_id`` at ``ilvl``, and whether it is a bullet."""
        if num_id not in self._nums:
            return None
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        if ilvl is None:  # a style tied to a level of the list by the level's pStyle
            ilvl = next((i for i, lvl in levels.items() if lvl.style == style_id), 0)
        if ilvl not in levels:
            return None
        counts = self._counts[abstract_id]
        if ilvl in overrides and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            counts[ilvl] = overrides[ilvl] - 1
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if levels[ilvl].fmt == "bullet":
            return levels[ilvl].text, True

        def number(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            level = levels.get(k)
            if level is None:
                return ""
            return _format(counts.get(k, level.start), level.fmt)

        return re.sub(r"%([1-9])", number, levels[ilvl].text), False


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = locale.roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        # Word goes on a, b ... z, aa, bb ...
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


# --- pandoc's AST, rebuilt -------------------------------------------------------------------


def _attr(ident: str = "", classes: tuple[str, ...] = (), pairs: tuple[tuple[str, str], ...] = ()) -> list:
    return [ident, list(classes), [list(p) for p in pairs]]


def _str(text: str) -> dict:
    return {"t": "Str", "c": text}


def _span(classes: tuple[str, ...], inlines: list) -> dict:
    return {"t": "Span", "c": [_attr(classes=classes), inlines]}


def _label(kind: str, label: str) -> dict:
    """A number as text: its space inside, where justification cannot stretch it (the CSS keeps it)."""
    return _span((kind,), [_str(label), {"t": "Space"}])


def _div(classes: tuple[str, ...], blocks: list, ident: str = "") -> dict:
    return {"t": "Div", "c": [_attr(ident, classes), blocks]}


def _para(inlines: list) -> dict:
    return {"t": "Para", "c": inlines}


def _raw(html: str) -> dict:
    return {"t": "RawBlock", "c": ["html", html]}


def _style_of(block: dict) -> str | None:
    if block.get("t") != "Div":
        return None
    return dict(block["c"][0][2]).get("custom-style")


def _flatten(blocks: list) -> list:
    """The blocks with pandoc's lists taken apart: its docx reader makes lists of Word's numbered
    paragraphs, nesting headings in body paragraphs; the numbers are put back from Word's own count."""
    out = []
    for block in blocks:
        if block["t"] == "OrderedList":
            for item in block["c"][1]:
                out.extend(_flatten(item))
        elif block["t"] == "BulletList":
            for item in block["c"]:
                out.extend(_flatten(item))
        else:
            out.append(block)
    return out


def _inlines_of(blocks: list) -> list:
    out: list = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            if out:
                out.append({"t": "LineBreak"})
            out.extend(block["c"])
        elif block["t"] == "Div":
            more = _inlines_of(block["c"][1])
            if out and more:
                out.append({"t": "LineBreak"})
            out.extend(more)
    return out


def _plain_text(inlines: list) -> str:
    out = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Str":
                out.append(node["c"])
            elif node.get("t") in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif node.get("t") != "Note":
                walk(node.get("c"))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(inlines)
    return " ".join("".join(out).split())


def _full_width(colspecs: list) -> list:
    """Column widths scaled to the text column: Word's are shares of the page, which would make
    pandoc write a table narrower than the text beside it."""
    widths = [spec[1].get("c") if isinstance(spec[1], dict) else None for spec in colspecs]
    if not widths or any(not isinstance(w, (int, float)) or w <= 0 for w in widths):
        return colspecs
    total = sum(widths)
    return [[spec[0], {"t": "ColWidth", "c": w / total}] for spec, w in zip(colspecs, widths, strict=True)]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class _Item:
    role: str      # what the block is to the page: body, heading, bullet, caption, table ...
    block: dict
    style: str = ""  # the known style it plays the part of (ROLES)


class _Page:
    """Rebuilds the blocks pandoc read into the page's blocks, in one pass over the document."""

    def __init__(self, word: _Word, media: Path, language: str):
        self._word = word
        self._media = media.resolve()
        self._language = language
        self._ids: set[str] = set()
        self._path: dict[int, str] = {}  # heading labels by outline level, for section ids

    def blocks(self, blocks: list) -> list:
        flat = _flatten(blocks)
        masthead, start = self._masthead(flat)
        items = [self._item(block) for block in flat[start:]]
        return masthead + self._assemble([i for i in items if i is not None])

    # --- the masthead ---

    def _masthead(self, flat: list) -> tuple[list, int]:
        """The masthead as a <header>: body and symbol, distribution, meeting, title and author."""
        top, distribution, meeting, after = [], [], [], []
        i = 0
        if flat and flat[0]["t"] == "Table" and self._is_masthead_table(flat[0]):
            for cell in self._cells(flat[0]):
                for block in _flatten(cell[4]):
                    inlines = self._inlines(_inlines_of([block]))
                    if not inlines:
                        continue
                    self._take(_style_of(block))
                    role = self._role(block)
                    if role == MASTHEAD_BODY:
                        top.append(_div(("masthead-body",), [_para(inlines)]))
                    elif role == MASTHEAD_SYMBOL:
                        top.append(_div(("masthead-symbol",), [_para(inlines)]))
                    else:
                        distribution.append(_para(inlines))
            i = 1
        while i < len(flat) and self._role(flat[i]) in MASTHEAD_STYLES:
            role = self._role(flat[i])
            self._take(_style_of(flat[i]))
            inlines = self._inlines(_inlines_of([flat[i]]))
            if role == TITLE:
                after.append({"t": "Header", "c": [1, _attr(self._unique("title"), ("title",)), inlines]})
            elif role == SUBMITTED_BY:
                after.append(_div(("submitted-by",), [_para(inlines)]))
            elif inlines:
                meeting.append(_para(inlines))
            i += 1
        if i == 0:
            return [], 0
        blocks = [_raw('<header class="masthead">')]
        if top:
            blocks.append(_div(("masthead-top",), top))
        if distribution:
            blocks.append(_div(("masthead-distribution",), distribution))
        if meeting:
            blocks.append(_div(("masthead-meeting",), meeting))
        return blocks + after + [_raw("</header>")], i

    def _is_masthead_table(self, table: dict) -> bool:
        return any(self._role(b) in (MASTHEAD_BODY, MASTHEAD_SYMBOL)
                   for cell in self._cells(table) for b in _flatten(cell[4]))

    def _role(self, block: dict) -> str | None:
        style = _style_of(block)
        return self._word.style(style).role if style is not None else None

    @staticmethod
    def _cells(table: dict) -> list:
        _, _, _, head, bodies, foot = table["c"]
        rows = list(head[1])
        for body in bodies:
            rows += body[2] + body[3]
        rows += foot[1]
        return [cell for row in rows for cell in row[1]]

    # --- body blocks ---

    def _take(self, style: str | None) -> _Paragraph | None:
        """Word's paragraph that pandoc's styled paragraph is: the next of its style, in document order."""
        queue = self._word.paragraphs.get(style or "")
        return queue.popleft() if queue else None

    def _item(self, block: dict) -> _Item | None:
        style = _style_of(block)
        if style is None:
            converted = self._block(block)
            if converted is None:
                return None
            return _Item("table" if converted["t"] == "Table" else "other", converted)
        inlines = self._inlines(_inlines_of([block]))
        if not _plain_text(inlines) and not any(i["t"] == "Image" for i in inlines):
            return None  # pandoc kept an empty paragraph that Word's count left out: nothing to show
        word = self._take(style)
        label = self._localised(word.label) if word and word.label else None
        described = self._word.style(style)
        role = described.role
        if described.outline is not None:
            return _Item("heading", self._heading(role, described.outline, label, inlines), role)
        if word is not None and word.bullet:
            return _Item("bullet", {"t": "Plain", "c": inlines}, role)
        if role == TABLE_CAPTION:
            return _Item("caption", _div(("table-caption",), [_para(inlines)]), role)
        if role == PLACEHOLDER:
            return _Item("other", _div(("placeholder",), [_para(inlines)]), role)
        if label and role == BODY:
            number = "".join(ch for ch in label if ch.isalnum())
            ident = self._unique(f"para-{number}") if number else ""
            return _Item("other", _div(("para",), [_para([_label("para-number", label)] + inlines)], ident), role)
        if label:
            if role == SUBPARAGRAPH:
                return _Item("other", _div(("subparagraph",), [_para([_label("subpara-label", label)] + inlines)]),
                             role)
            return _Item("other", _div(("numbered",), [_para([_label("number", label)] + inlines)]), role)
        if described.smaller:
            return _Item("other", _div(("small-print",), [_para(inlines)]), role)
        return _Item("other", _para(inlines), role)

    def _localised(self, label: str) -> str:
        if self._language in CLOSING_PARENTHESIS_ONLY:
            match = re.fullmatch(r"\((\w+)\)", label)
            if match:
                return f"{match.group(1)})"
        return label

    def _heading(self, role: str, outline: int, label: str | None, inlines: list) -> dict:
        part = "".join(ch for ch in label if ch.isalnum()) if label else _slug(_plain_text(inlines))
        self._path = {k: v for k, v in self._path.items() if k < outline}
        self._path[outline] = part or "heading"
        ident = self._unique("sec-" + "-".join(self._path[k] for k in sorted(self._path)))
        classes = ("annex",) if role == ANNEX_HEADING else ()
        content = ([_label("heading-number", label)] if label else []) + inlines
        # h1 is the document's title; chapters (outline level 0) are h2, and so down to h6.
        return {"t": "Header", "c": [min(outline + 2, 6), _attr(ident, classes), content]}

    def _unique(self, ident: str) -> str:
        candidate, n = ident, 1
        while candidate in self._ids:
            n += 1
            candidate = f"{ident}-{n}"
        self._ids.add(candidate)
        return candidate

    def _assemble(self, items: list[_Item]) -> list:
        """Bullets into lists, captions into their tables, an annex's title into its heading."""
        out: list = []
        i = 0
        while i < len(items):
            item = items[i]
            following = items[i + 1] if i + 1 < len(items) else None
            if item.role == "bullet":
                run = []
                while i < len(items) and items[i].role == "bullet":
                    run.append([items[i].block])
                    i += 1
                out.append({"t": "BulletList", "c": run})
                continue
            if item.role == "caption" and following is not None and following.role == "table":
                following.block["c"][1] = [None, [{"t": "Plain", "c": _inlines_of([item.block])}]]
            elif item.style == ANNEX_HEADING and following is not None and following.style == ANNEX_TITLE:
                item.block["c"][2] += [{"t": "LineBreak"},
                                       _span(("annex-title",), _inlines_of([following.block]))]
                out.append(item.block)
                i += 2
                continue
            else:
                out.append(item.block)
            i += 1
        return out

    def _block(self, block: dict) -> dict | None:
        """A block with no paragraph style of the template's (a note's, a cell's, or Word's Normal)."""
        kind = block["t"]
        if kind in ("Para", "Plain"):
            return {"t": kind, "c": self._inlines(block["c"])}
        if kind == "Header":
            return {"t": "Header", "c": [block["c"][0], _attr(block["c"][1][0]), self._inlines(block["c"][2])]}
        if kind == "Div":
            inner = self._blocks(block["c"][1])
            return _div((), inner) if inner else None
        if kind == "BlockQuote":
            return {"t": "BlockQuote", "c": self._blocks(block["c"])}
        if kind == "Table":
            return self._table(block)
        if kind == "LineBlock":
            return {"t": "LineBlock", "c": [self._inlines(line) for line in block["c"]]}
        if kind in ("CodeBlock", "HorizontalRule"):
            return block
        return None  # raw markup (never passed through) and anything unknown

    def _blocks(self, blocks: list) -> list:
        """Blocks inside a note or a cell: styles only give numbers here, never headings or a masthead."""
        out = []
        for block in _flatten(blocks):
            if _style_of(block) is not None:
                word = self._take(_style_of(block))
                inlines = self._inlines(_inlines_of([block]))
                if word is not None and word.label and not word.bullet:
                    inlines = [_label("number", self._localised(word.label))] + inlines
                if inlines:
                    out.append(_para(inlines))
            else:
                converted = self._block(block)
                if converted is not None:
                    out.append(converted)
        return out

    def _table(self, block: dict) -> dict:
        """A table with header cells scoped to their column and, under a header row, the first column
        scoped to its row (the UN tables' stub: region, State)."""
        _, caption, colspecs, head, bodies, foot = block["c"]
        has_head = bool(head[1])
        rows_head = 1 if has_head and len(colspecs) > 1 else 0

        def cells(row: list, scope_first: str | None, scope_all: str | None) -> list:
            out = []
            for index, cell in enumerate(row[1]):
                scope = scope_all or (scope_first if index == 0 else None)
                align = cell[1]
                if align.get("t") == "AlignDefault":
                    # pandoc reads a paragraph's own alignment, not its style's (figures set right by style).
                    styled = next((b for b in _flatten(cell[4]) if _style_of(b) is not None), None)
                    word_align = self._word.style(_style_of(styled)).align if styled else None
                    align = {"t": CELL_ALIGN.get(word_align or "", "AlignDefault")}
                content = self._blocks(cell[4])
                if len(content) == 1 and content[0]["t"] == "Para":
                    content = [{"t": "Plain", "c": content[0]["c"]}]  # no <p> in a cell of one line
                out.append([_attr(pairs=(("scope", scope),) if scope else ()), align, cell[2], cell[3], content])
            return [_attr(), out]

        new_head = [_attr(), [cells(row, None, "col") for row in head[1]]]
        new_bodies = []
        for body in bodies:
            scope = "row" if rows_head else None
            new_bodies.append([_attr(), rows_head, [cells(r, None, "col") for r in body[2]],
                               [cells(r, scope, None) for r in body[3]]])
        new_foot = [_attr(), [cells(r, "row" if rows_head else None, None) for r in foot[1]]]
        new_caption = [None, self._blocks(caption[1])]
        return {"t": "Table", "c": [_attr(), new_caption, _full_width(colspecs), new_head, new_bodies, new_foot]}

    # --- inlines ---

    def _inlines(self, inlines: list) -> list:
        out: list = []
        for node in inlines:
            kind = node["t"]
            if kind == "Span":
                attr, children = node["c"]
                kept = [attr[0], attr[1], []]  # pandoc's custom-style and other key-values stay out
                inner = self._inlines(children)
                if attr[0] or attr[1]:
                    out.append({"t": "Span", "c": [kept, inner]})
                else:
                    out.extend(inner)  # a character style: its text is what counts
            elif kind in ("Emph", "Underline", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
                out.append({"t": kind, "c": self._inlines(node["c"])})
            elif kind == "Quoted":
                out.append({"t": kind, "c": [node["c"][0], self._inlines(node["c"][1])]})
            elif kind == "Cite":
                out.extend(self._inlines(node["c"][1]))
            elif kind == "Link":
                out.extend(self._link(node))
            elif kind == "Image":
                out.extend(self._image(node))
            elif kind == "Note":
                out.append({"t": "Note", "c": self._note(node["c"])})
            elif kind in ("RawInline",):
                continue  # never passed through: it could be markup or script
            else:
                out.append(node)
        return out

    def _note(self, blocks: list) -> list:
        content = self._blocks(blocks)
        # Word's note starts with its own mark and a tab; pandoc's note list gives the number already.
        if content and content[0]["t"] in ("Para", "Plain"):
            first = content[0]["c"]
            while first and first[0]["t"] in ("Space", "SoftBreak"):
                first.pop(0)
        return content

    def _link(self, node: dict) -> list:
        _, children, (url, tip) = node["c"]
        inner = self._inlines(children)
        if not SAFE_LINK.match(url.strip()):
            return inner
        return [{"t": "Link", "c": [_attr(), inner, [url.strip(), tip]]}]

    def _image(self, node: dict) -> list:
        """The picture as a data: URI; what the browser cannot show, or cannot find, as its text."""
        attr, alt, (target, tip) = node["c"]
        alt = self._inlines(alt)
        path = Path(target)
        if not path.is_absolute():
            path = self._media.parent / path
        mime = mimetypes.guess_type(path.name)[0]
        try:
            path = path.resolve()
            # Only pandoc's own extraction of the .docx: never a file elsewhere on the machine.
            picture = path.read_bytes() if mime in BROWSER_IMAGES and path.is_relative_to(self._media) else None
        except OSError:
            picture = None
        if picture is None:
            return alt
        data = base64.b64encode(picture).decode("ascii")
        # Word's width stays; its height goes, so that a picture narrowed to the screen keeps its shape.
        pairs = [kv for kv in attr[2] if kv[0] == "width"]
        return [{"t": "Image", "c": [_attr(pairs=tuple(tuple(kv) for kv in pairs)), alt,
                                     [f"data:{mime};base64,{data}", tip]]}]


# --- the page ---------------------------------------------------------------------------------

# pandoc's template syntax: $var$ is a value, $$ a dollar. Nothing here is fetched from elsewhere.
TEMPLATE = """<!DOCTYPE html>
<html lang="$lang$">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$pagetitle$</title>
<style>
:root { --hang: 2.4rem; --rule: #222; --link: #0b5394; }
html { background: #eeeeec; }
body { margin: 0; color: #111; font-family: "Times New Roman", Times, "Liberation Serif", "Noto Serif", serif;
  font-size: 1.0625rem; line-height: 1.45; }
main { box-sizing: border-box; max-width: 46rem; margin: 2rem auto; padding: 2.5rem 3.5rem 3rem;
  background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, .15); }
p { margin: 0 0 .7em; text-align: justify; hyphens: auto; }
a { color: var(--link); }
.masthead { margin-bottom: 2rem; }
.masthead p { margin: 0; text-align: left; hyphens: manual; }
.masthead-top { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline;
  gap: .5rem 2rem; border-bottom: 3px solid var(--rule); padding-bottom: .25rem; }
.masthead-body p, .masthead-symbol p { font-weight: bold; font-size: 1.35rem; }
.masthead-distribution { margin: .7rem 0 0 auto; width: 15rem; max-width: 100%; }
.masthead-meeting { margin-top: 1.5rem; max-width: 30rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; text-align: left; hyphens: manual; break-after: avoid; }
h1 { font-size: 1.45rem; margin: 2rem 0 .9rem; }
.submitted-by p { font-weight: bold; font-size: 1.2rem; margin-bottom: 2rem; }
h2, h3, h4, h5, h6 { text-indent: calc(-1 * var(--hang)); }
h2 { font-size: 1.4rem; margin: 2.2rem 0 1rem; }
h3 { font-size: 1.2rem; margin: 1.6rem 0 .8rem; }
h4, h5 { font-size: 1.0625rem; margin: 1.3rem 0 .6rem; }
h6 { font-size: 1.0625rem; font-style: italic; font-weight: normal; margin: 1.2rem 0 .6rem; }
.heading-number, .para-number, .subpara-label, .number { display: inline-block; min-width: var(--hang);
  white-space: pre; text-indent: 0; }
h2.annex { text-indent: 0; margin-top: 3rem; }
h2.annex .annex-title { display: block; font-size: 1.2rem; margin-top: .7rem; }
.subparagraph p { text-indent: var(--hang); }
ul { margin: 0 0 .7em calc(1.5 * var(--hang)); padding-left: 1.1em; }
li { margin-bottom: .4em; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.2rem; font-size: .9rem; line-height: 1.3;
  border-top: 1px solid var(--rule); border-bottom: 2px solid var(--rule); }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: .5rem; }
th, td { padding: .3rem .6rem .3rem 0; vertical-align: top; text-align: left; }
th:last-child, td:last-child { padding-right: 0; }
thead th { font-style: italic; font-weight: normal; font-size: .85rem; vertical-align: bottom;
  border-bottom: 2px solid var(--rule); }
tbody th { font-weight: normal; text-align: left; }
td p, th p { text-align: left; margin: 0; }
img { max-width: 100%; height: auto; }
.table-caption p { font-weight: bold; text-align: left; }
.placeholder { border: 1px solid #c00000; background: #fde9e7; color: #900; font-weight: bold;
  padding: .5rem .75rem; margin: .7rem 0 1.2rem; }
.placeholder p { margin: 0; }
.small-print p { font-size: .9rem; }
a.footnote-ref { text-decoration: none; }
sup { line-height: 0; }
.footnotes { font-size: .9rem; margin-top: 2.5rem; }
.footnotes hr { width: 12rem; margin: 0 0 .8rem; border: 0; border-top: 1px solid var(--rule); }
.footnotes ol { padding-left: 1.8rem; }
.footnotes li p { margin: 0 0 .3em; }
a.footnote-back { text-decoration: none; }
@media (max-width: 40rem) {
  html { background: #fff; }
  main { margin: 0; padding: 1.2rem 1.2rem 2rem calc(var(--hang) + .4rem); box-shadow: none; }
  p, li { text-align: left; }
}
@page { size: A4; margin: 2cm 2cm 2.5cm; }
@media print {
  html { background: none; }
  body { font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0 0 0 var(--hang); box-shadow: none; }
  h2.annex { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
<main>
$body$
</main>
</body>
</html>
"""
