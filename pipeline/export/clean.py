"""Clean: a built Word file made ready for the UN's processing and translation.

The UN's translators work from the Word file itself, through tools that read its
styles and its runs' language (UN-FORMAT.md, "Languages and translation").
:func:`clean` fixes what :mod:`pipeline.verify.preflight` finds and can be fixed:

- **tracked changes** are accepted: inserted text stays, deleted text goes, a
  deleted paragraph mark joins its paragraph to the next, a deleted table row
  goes; formatting changes are kept as made;
- **comments** go: their anchors and references in the text, and their parts;
- **hidden text** goes (a hidden run that also holds a field character or a note
  reference keeps those), and hidden paragraph marks are shown;
- **direct formatting** (:mod:`pipeline.ooxml.formatting`) that merely repeats
  the style is dropped; what differs from it moves into a style derived from the
  paragraph's (or the run's) style and named after what it adds ("UN Table Text,
  right-aligned"), so the document looks the same and carries no direct
  formatting. Run formatting shared by every run of a paragraph goes into the
  paragraph's derived style; otherwise into a derived character style;
- **languages**: the document's language tag on every run (also in ``w:bidi``
  for Arabic and ``w:eastAsia`` for Chinese, Japanese and Korean, the attributes
  Word reads for those scripts), where the schema puts ``w:lang`` in the run
  properties, and in the document properties.

Not fixed here: a missing title or subject (the build's to set), embedded
objects, a text over its word limit. Same input, same bytes; cleaning a clean
file changes nothing.
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree

from pipeline.ooxml.formatting import PARA_DIRECT, RUN_DIRECT, description, direct, redundant
from pipeline.ooxml.names import CHANGE_MARKS, PR_CHANGES, RANGE_MARKS, dc, is_w, local, w
from pipeline.ooxml.opc import Package
from pipeline.ooxml.styles import Styles
from pipeline.ooxml.text import Story, in_fallback, in_table, own, owner, paragraphs, separator_note, stories

# What a hidden run loses: its text (fields' characters and note references stay).
_TEXTISH = {"t", "tab", "br", "cr", "sym", "noBreakHyphen", "softHyphen", "ptab", "lastRenderedPageBreak"}
# CT_RPr: w:lang stands after these and before the rest (eastAsianLayout, specVanish, oMath, rPrChange).
_BEFORE_LANG = {
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
}


def clean(docx: bytes, language_tag: str) -> bytes:
    """The same document, ready to submit (see the module); raises UnreadableDocument."""
    package = Package(docx)
    found = stories(package)
    for story in found:
        _accept_changes(story.root)
    for name in (package.styles, *package.related(package.main, "/numbering")):
        root = package.xml(name)
        if root is not None:
            _drop_formatting_changes(root)
    _remove_comments(package, found)
    styles = Styles.of(package)
    for story in found:
        _remove_hidden(story.root, styles)
    if styles.root is not None:
        maker = _StyleMaker(styles)
        for story in found:
            _move_formatting_to_styles(story.root, styles, maker)
    for story in found:
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
    for element in [e for e in root.iter() if is_w(e, *PR_CHANGES)]:
        _drop(element)


def _accept_changes(root) -> None:
    """Accept every tracked change: insertions stay, deletions go, formatting changes are kept as made."""
    # A deleted paragraph mark: the paragraph's text joins the next paragraph.
    marks = [
        m
        for m in root.iter(w("del"), w("moveFrom"))
        if is_w(m.getparent(), "rPr") and is_w(m.getparent().getparent(), "pPr")
    ]
    for mark in reversed(marks):
        paragraph = mark.getparent().getparent().getparent()
        _drop(mark)
        following = paragraph.getnext()
        if paragraph.getparent() is None or following is None or not is_w(following, "p"):
            continue
        anchor = following.find(w("pPr"))
        for child in [c for c in paragraph if not is_w(c, "pPr")]:
            if anchor is None:
                following.insert(0, child)
            else:
                anchor.addnext(child)
            anchor = child
        _drop(paragraph)
    for element in list(root.iter(w("del"), w("moveFrom"))):
        parent = element.getparent()
        if parent is None:
            continue
        if is_w(parent, "trPr"):  # a deleted table row
            _drop(parent.getparent())
        else:  # the deleted content itself (or a run property's mark)
            _drop(element)
    for element in list(root.iter(w("ins"), w("moveTo"))):
        if element.getparent() is None:
            continue
        if is_w(element.getparent(), "rPr", "trPr"):
            _drop(element)
        else:
            _unwrap(element)
    for element in [e for e in root.iter() if is_w(e, *RANGE_MARKS, *CHANGE_MARKS, *PR_CHANGES)]:
        _drop(element)
    for table in list(root.iter(w("tbl"))):  # a table whose rows were all deleted
        if table.find(w("tr")) is None:
            _drop(table)


def _remove_comments(package: Package, stories: list[Story]) -> None:
    for story in stories:
        for marker in list(story.root.iter(w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))):
            run = marker.getparent()
            _drop(marker)
            if is_w(run, "r") and all(is_w(c, "rPr") for c in run):
                _drop(run)
    for name in package.comments:
        package.remove(name)


def _remove_hidden(root, styles: Styles) -> None:
    for mark in list(root.iter(w("pPr"))):
        rpr = mark.find(w("rPr"))
        for hidden in [] if rpr is None else rpr.findall(w("vanish")) + rpr.findall(w("specVanish")):
            rpr.remove(hidden)
    for run in list(root.iter(w("r"))):
        paragraph = owner(run)
        if paragraph is None or not styles.hidden(run, styles.paragraph_style(paragraph)):
            continue
        if all(is_w(c, "rPr", *_TEXTISH) for c in run):
            _drop(run)
        else:  # keep what holds the document together (field characters, note references)
            for child in [c for c in run if is_w(c, *_TEXTISH)]:
                run.remove(child)


def _canon(element) -> bytes:
    """An element's content for comparison, whatever part (and namespace declarations) it sits in."""
    return etree.tostring(element, method="c14n", exclusive=True)


class _StyleMaker:
    """Derived styles that carry what used to be direct formatting, one per distinct need."""

    def __init__(self, styles: Styles):
        self.styles = styles
        self.made: dict[tuple, str] = {}
        self.names = {self.styles.name(i).lower() for i in self.styles.by_id}

    def derived(self, kind: str, base: str | None, ppr: list, rpr: list) -> str:
        key = (kind, base, tuple(_canon(e) for e in ppr), tuple(_canon(e) for e in rpr))
        if key in self.made:
            return self.made[key]
        plain = not base or (kind == "character" and base == self.styles.default.get("character"))
        base_name = "Text" if plain else self.styles.name(base)
        stem = f"{base_name}, {description(ppr + rpr)}"
        name, number = stem, 1
        while name.lower() in self.names:
            existing = self._by_name(name)
            if existing is not None and self._same(existing, kind, base, key):
                self.made[key] = existing.get(w("styleId"))
                return self.made[key]
            number += 1
            name = f"{stem} ({number})"
        style_id = re.sub(r"[^A-Za-z0-9]", "", name) or "Derived"
        while style_id in self.styles.by_id:
            style_id += "X"
        style = etree.SubElement(self.styles.root, w("style"))
        style.set(w("type"), kind)
        style.set(w("customStyle"), "1")
        style.set(w("styleId"), style_id)
        etree.SubElement(style, w("name")).set(w("val"), name)
        if base:
            etree.SubElement(style, w("basedOn")).set(w("val"), base)
        for tag, children in (("pPr", ppr), ("rPr", rpr)):
            if children:
                holder = etree.SubElement(style, w(tag))
                holder.extend(deepcopy(c) for c in children)
        self.styles.by_id[style_id] = style
        self.names.add(name.lower())
        self.made[key] = style_id
        return style_id

    def _by_name(self, name: str):
        return next((s for i, s in self.styles.by_id.items() if self.styles.name(i).lower() == name.lower()), None)

    @staticmethod
    def _same(style, kind: str, base, key: tuple) -> bool:
        based = style.find(w("basedOn"))
        holders = [style.find(w(tag)) for tag in ("pPr", "rPr")]
        content = tuple(tuple(_canon(c) for c in h) if h is not None else () for h in holders)
        return (
            style.get(w("type")) == kind
            and (based.get(w("val")) if based is not None else None) == base
            and content == key[2:]
        )


def _split_direct(
    pr, names, styles: Styles, kind: str, para_style, char_style=None, *, in_table: bool = False, numbered: bool = False
) -> list:
    """Remove the direct properties that repeat the style; return the others (still in place)."""
    keep = []
    for element in direct(pr, names):
        tag = local(element)
        if tag == "ind" and numbered:  # numbering's indents stand between style and paragraph
            inherited = {}
        else:
            inherited = styles.inherited(kind, tag, para_style, char_style, in_table)
        if redundant(element, inherited):
            pr.remove(element)
        else:
            keep.append(element)
    return keep


def _move_formatting_to_styles(root, styles: Styles, maker: _StyleMaker) -> None:
    for paragraph in paragraphs(root):
        if separator_note(paragraph):
            continue
        para_style = styles.paragraph_style(paragraph)
        tabled = in_table(paragraph)
        ppr = paragraph.find(w("pPr"))
        numbered = ppr is not None and ppr.find(w("numPr")) is not None or styles.numbered(para_style)
        para_rest = _split_direct(ppr, PARA_DIRECT, styles, "pPr", para_style, in_table=tabled, numbered=numbered)
        runs = [r for r in own(paragraph, "r") if not in_fallback(r)]
        rests = {}
        for run in runs:
            rests[run] = _split_direct(
                run.find(w("rPr")), RUN_DIRECT, styles, "rPr", para_style, styles.run_style(run), in_table=tabled
            )
        signatures = {tuple(_canon(e) for e in rest) for rest in rests.values()}
        shared: list = []
        if runs and len(signatures) == 1 and rests[runs[0]] and not any(styles.run_style(r) for r in runs):
            shared = rests[runs[0]]
        if para_rest or shared:
            ppr = _first_child(paragraph, "pPr")
            derived = maker.derived("paragraph", para_style, para_rest, shared)
            for element in para_rest:
                ppr.remove(element)
            _first_child(ppr, "pStyle").set(w("val"), derived)
            if shared:
                for run in runs:
                    for element in rests[run]:
                        element.getparent().remove(element)
                    rests[run] = []
        for run, rest in rests.items():
            if not rest:
                continue
            rpr = run.find(w("rPr"))
            derived = maker.derived("character", styles.run_style(run) or styles.default.get("character"), [], rest)
            for element in rest:
                rpr.remove(element)
            _first_child(rpr, "rStyle").set(w("val"), derived)


def _first_child(parent, name: str):
    """``parent``'s w:``name`` child, made as its first child when it has none (pPr, rPr, pStyle and
    rStyle all come first in their parent, by the schema)."""
    child = parent.find(w(name))
    if child is None:
        child = etree.Element(w(name))
        parent.insert(0, child)
    return child


def _set_languages(root, tag: str) -> None:
    primary = tag.split("-")[0].lower()
    for run in root.iter(w("r")):
        rpr = _first_child(run, "rPr")
        lang = rpr.find(w("lang"))
        if lang is None:
            lang = etree.Element(w("lang"))
            after = next((c for c in rpr if isinstance(c.tag, str) and not is_w(c, *_BEFORE_LANG)), None)
            if after is None:
                rpr.append(lang)
            else:
                after.addprevious(lang)
        lang.set(w("val"), tag)
        if primary == "ar":
            lang.set(w("bidi"), tag)
        elif primary in ("zh", "ja", "ko"):
            lang.set(w("eastAsia"), tag)


def _set_core_language(package: Package, tag: str) -> None:
    root = package.xml(package.core)
    if root is None:
        return
    found = root.find(dc("language"))
    if found is None:
        found = etree.SubElement(root, dc("language"))
    found.text = tag
