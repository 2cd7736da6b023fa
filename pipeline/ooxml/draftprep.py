"""Word drafts made ready for pandoc: what its docx reader would lose or show wrongly, fixed first.

Measured on pandoc 3.9 (see tests/fixtures/drafts/corpus.yaml):

- text in text boxes is dropped, and a Word 2010 text box (a drawing with a VML
  fallback) replaces its whole paragraph: the boxes' paragraphs are moved out,
  after the paragraph that holds them;
- hidden text (``w:vanish``) is read as visible: it is removed;
- simple fields (``w:fldSimple``) lose their result: the result's runs are kept;
- an unfilled content control reads as its prompt ("Click or tap here to enter
  text."): it is removed;
- a chart is dropped silently and an embedded object becomes its preview
  picture: both are named, so the status can say what could not be placed.

This is the reading side of the format, as :mod:`pipeline.ooxml.wordml` is the
writing side. The package's other parts are copied unchanged.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

from pipeline.ooxml.names import NS, PARSER, is_w, serialise, w
from pipeline.ooxml.reproducible import normalise_zip
from pipeline.ooxml.styles import on

STORIES = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")


@dataclass(frozen=True)
class Finding:
    code: str
    place: str  # "paragraph 4"
    message: str


@dataclass(frozen=True)
class Prepared:
    data: bytes
    findings: tuple[Finding, ...] = ()
    counts: Counter = field(default_factory=Counter)  # what was changed, for the status


def prepare(data: bytes) -> Prepared:
    """The draft with text boxes, hidden text, simple fields and prompts fixed, and what was found."""
    findings: list[Finding] = []
    counts: Counter = Counter()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = [i.filename for i in source.infolist()]
        parts = {name: source.read(name) for name in names}
    changed = False
    for name in STORIES:
        if name not in parts:
            continue
        root = etree.fromstring(parts[name], PARSER)
        if name == "word/document.xml":
            findings.extend(_name_unplaceable(root))
            _count_direct_formatting(root, counts)  # counted only: the writer never copies it
        before = sum(counts.values())
        if name == "word/document.xml":
            _move_text_boxes(root, counts)
        _remove_hidden(root, counts)
        _unwrap_simple_fields(root, counts)
        _remove_prompts(root, counts)
        if sum(counts.values()) != before:
            parts[name] = serialise(root)
            changed = True
    if not changed:
        return Prepared(data, tuple(findings), counts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            target.writestr(name, parts[name])
    return Prepared(normalise_zip(out.getvalue()), tuple(findings), counts)


def _block_number(element) -> str:
    """'paragraph N': the 1-based position of the body block that holds ``element``."""
    node = element
    while node.getparent() is not None and not is_w(node.getparent(), "body"):
        node = node.getparent()
    body = node.getparent()
    if body is None:
        return ""
    return f"paragraph {list(body).index(node) + 1}"


def _outer_paragraph(element):
    """The outermost paragraph holding ``element`` (a text box's own paragraphs sit inside one)."""
    outer = None
    for ancestor in element.iterancestors(w("p")):
        outer = ancestor
    return outer


def _move_text_boxes(root, counts: Counter) -> None:
    # Word 2010+ writes each box twice (a drawing, and a VML copy as fallback): keep one.
    for alternate in root.xpath("//mc:AlternateContent[.//w:txbxContent]", namespaces=NS):
        choice = alternate.xpath("./mc:Choice[.//w:txbxContent]", namespaces=NS)
        keep = (choice or alternate.xpath("./mc:Fallback", namespaces=NS))[0]
        boxes = [
            b
            for b in keep.xpath(".//w:txbxContent", namespaces=NS)
            if not b.xpath("ancestor::w:txbxContent", namespaces=NS)
        ]
        _lift(alternate, boxes, counts)
    for container in root.xpath("//w:r[(w:drawing|w:pict)//w:txbxContent]", namespaces=NS):
        boxes = [
            b
            for b in container.xpath(".//w:txbxContent", namespaces=NS)
            if not b.xpath("ancestor::w:txbxContent", namespaces=NS)
        ]
        _lift(container, boxes, counts)


def _lift(container, boxes, counts: Counter) -> None:
    """Put the boxes' paragraphs after the paragraph holding ``container``, then remove the container."""
    outer = _outer_paragraph(container)
    if outer is None or outer.getparent() is None:
        return
    anchor = outer
    for box in boxes:
        for block in box:
            if is_w(block, "p", "tbl"):
                copy = deepcopy(block)
                anchor.addnext(copy)
                anchor = copy
        counts["text box moved into the text"] += 1
    container.getparent().remove(container)


# Run formatting the house styles replace: colours, highlights, fonts and sizes typed by hand.
DIRECT = ("w:color", "w:highlight", "w:shd", "w:rFonts", "w:sz")


def _count_direct_formatting(root, counts: Counter) -> None:
    """Count runs whose hand-made formatting the template's styles will replace (nothing changes here)."""
    test = " or ".join(f"w:rPr/{tag}" for tag in DIRECT)
    found = len(root.xpath(f"//w:body//w:r[{test}]", namespaces=NS))
    if found:
        counts["direct formatting replaced by house styles"] += found


def _remove_hidden(root, counts: Counter) -> None:
    """Runs hidden by their own w:vanish (on as Word reads it: no value, "1", "true" or "on")."""
    for run in [r for r in root.iter(w("r")) if on(r.find(f"{w('rPr')}/{w('vanish')}"))]:
        run.getparent().remove(run)
        counts["hidden text removed"] += 1


def _unwrap_simple_fields(root, counts: Counter) -> None:
    for simple in root.xpath("//w:fldSimple", namespaces=NS):
        parent = simple.getparent()
        index = parent.index(simple)
        for offset, child in enumerate(list(simple)):
            parent.insert(index + offset, child)
        parent.remove(simple)
        counts["field kept as its text"] += 1


def _remove_prompts(root, counts: Counter) -> None:
    for control in root.xpath("//w:sdt[w:sdtPr/w:showingPlcHdr]", namespaces=NS):
        control.getparent().remove(control)
        counts["unfilled form field removed"] += 1


def _name_unplaceable(root) -> list[Finding]:
    found = []
    for chart in root.xpath("//c:chart", namespaces=NS):
        found.append(
            Finding(
                "draft.unplaced",
                _block_number(chart),
                "a chart cannot be placed in the document and was left out; paste it "
                "as a picture, or give its figures in a table",
            )
        )
    for obj in root.xpath("//w:object", namespaces=NS):
        prog = obj.xpath(".//o:OLEObject/@ProgID", namespaces=NS)
        what = f"an embedded {prog[0].split('.')[0]} object" if prog else "an embedded object"
        found.append(
            Finding(
                "draft.unplaced",
                _block_number(obj),
                f"{what} cannot be placed in the document; only its preview picture is "
                "kept: paste its content as a Word table or text",
            )
        )
    return found
