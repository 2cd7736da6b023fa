"""Styles: what a paragraph or run inherits, resolved in one place.

A paragraph's properties come, lowest first, from the document defaults, its
style's ``w:basedOn`` chain (the base first), and its own ``w:pPr``; a run's
from the defaults, its paragraph's style chain, its character style's chain
and its own ``w:rPr``. In a table the document defaults and the default
paragraph style are left out: the table style stands between them.

An on/off property (``w:b``, ``w:vanish`` ...) is on when present with no
``w:val`` or with ``w:val`` "1", "true" or "on"; any other value is off.
"""

from __future__ import annotations

from lxml import etree

from pipeline.ooxml.names import w
from pipeline.ooxml.opc import Package

MAX_CHAIN = 32  # a longer basedOn chain is a loop or damage; Word stops too


def on_value(value: str | None, *, absent: bool = True) -> bool:
    """An on/off attribute's value read as Word reads it; ``absent`` is what a missing value means."""
    if value is None:
        return absent
    return value.lower() in ("1", "true", "on")


def on(element) -> bool:
    """Whether an on/off property element says "on" (a missing element is off)."""
    return element is not None and on_value(element.get(w("val")))


class Styles:
    """The styles part, read for what a paragraph or run inherits."""

    def __init__(self, root):
        self.root = root
        self.by_id: dict[str, etree._Element] = {}
        self.default: dict[str, str] = {}  # style type ("paragraph", "character" ...) -> default style id
        self.ppr_default = self.rpr_default = None
        if root is None:
            return
        for style in root.findall(w("style")):
            style_id = style.get(w("styleId"))
            if style_id:
                self.by_id.setdefault(style_id, style)
                if on_value(style.get(w("default")), absent=False):
                    self.default.setdefault(style.get(w("type"), "paragraph"), style_id)
        self.ppr_default = root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
        self.rpr_default = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")

    @classmethod
    def of(cls, package: Package) -> Styles:
        return cls(package.xml(package.styles))

    def name(self, style_id: str | None) -> str:
        """The style's name as Word shows it ("heading 1" as "Heading 1"); its id if it has none."""
        style = self.by_id.get(style_id or "")
        found = style.find(w("name")) if style is not None else None
        name = found.get(w("val"), style_id) if found is not None else (style_id or "")
        return name.title() if name == name.lower() else name

    def chain(self, style_id: str | None) -> list:
        """The style and those it is based on, the style itself first."""
        out: list = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id and len(out) < MAX_CHAIN:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out

    def paragraph_style(self, paragraph) -> str | None:
        found = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        return found.get(w("val")) if found is not None else self.default.get("paragraph")

    @staticmethod
    def run_style(run) -> str | None:
        found = run.find(f"{w('rPr')}/{w('rStyle')}")
        return found.get(w("val")) if found is not None else None

    def _levels(self, kind: str, para_style, char_style, in_table: bool) -> list:
        """The property sets a paragraph's (kind pPr) or run's (kind rPr) own properties sit on, lowest first."""
        levels = []
        if not in_table:
            levels.append(self.ppr_default if kind == "pPr" else self.rpr_default)
        for style in reversed(self.chain(para_style)):
            if in_table and style.get(w("styleId")) == self.default.get("paragraph"):
                continue
            levels.append(style.find(w(kind)))
        if kind == "rPr":
            for style in reversed(self.chain(char_style)):
                levels.append(style.find(w("rPr")))
        return [level for level in levels if level is not None]

    def inherited(self, kind: str, tag: str, para_style, char_style=None, in_table=False) -> dict:
        """The attributes of property ``tag`` as inherited, merged; "__present__" says whether it is on."""
        merged: dict = {}
        for level in self._levels(kind, para_style, char_style, in_table):
            found = level.find(w(tag))
            if found is not None:
                merged.update(found.attrib)
                merged["__present__"] = on(found)
        return merged

    def numbered(self, para_style) -> bool:
        """Whether the style (or one it is based on) numbers its paragraphs."""
        return self.num_id(para_style) is not None

    def num_id(self, para_style) -> str | None:
        """The numbering instance (w:numId) the style's paragraphs take, from the nearest style that sets one."""
        for style in self.chain(para_style):
            num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
            if num_pr is not None:
                found = num_pr.find(w("numId"))
                return found.get(w("val")) if found is not None else ""
        return None

    def hidden(self, run, para_style) -> bool:
        """Whether the run is hidden (w:vanish or w:specVanish), directly or through its styles."""
        value = False
        rpr = run.find(w("rPr"))
        levels = self._levels("rPr", para_style, self.run_style(run), False)
        for level in levels + ([rpr] if rpr is not None else []):
            for tag in ("vanish", "specVanish"):
                found = level.find(w(tag))
                if found is not None:
                    value = on(found)
        return value


def requested_fonts(docx: bytes) -> set[str]:
    """Every font family the document names for its text: in its styles, body, notes, headers and footers."""
    package = Package(docx)
    main = package.main
    parts = [package.styles, main] + [
        name for kind in ("/footnotes", "/endnotes", "/header", "/footer") for name in package.related(main, kind)
    ]
    fonts: set[str] = set()
    for root in (package.xml(name) for name in dict.fromkeys(parts)):
        for found in [] if root is None else root.iter(w("rFonts")):
            fonts.update(value for attr in ("ascii", "hAnsi", "cs", "eastAsia") if (value := found.get(w(attr))))
    return fonts
