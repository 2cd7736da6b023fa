"""A Word package's parts and relationships, read safely: the one reader of .docx bytes below python-docx.

A package is refused before any part is parsed for what :mod:`pipeline.ooxml.package`
refuses in a draft (damage, too many parts, unsafe paths, zip bombs, XML that
declares entities, a password-protected file), except its size on disk: a
built document gathers the pictures of every draft. Parts are parsed on demand
with the safe parser and written back in their original order, as reproducible
bytes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from pipeline.errors import CcmReportError
from pipeline.ooxml.names import CT_NS, PARSER, REL_NS, serialise
from pipeline.ooxml.package import OLE_MAGIC, PACKAGE_ERRORS, Limits, declares_doctype, inspect_zip
from pipeline.ooxml.reproducible import normalise_zip

DRAFT_LIMITS = Limits()
COMMENT_PARTS = ("/comments", "/commentsExtended", "/commentsIds", "/commentsExtensible")


class UnreadableDocument(CcmReportError):
    """The file is not a Word document that can be read (not a zip, damaged, unsafe XML)."""


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str | None  # the part's name in the package; None when external


def rels_name(part: str) -> str:
    """The name of the part holding ``part``'s relationships ("" is the package itself)."""
    if not part:
        return "_rels/.rels"
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _source_of(rels: str) -> str:
    """The part whose relationships ``rels`` holds (the inverse of :func:`rels_name`)."""
    if rels == "_rels/.rels":
        return ""
    return posixpath.join(posixpath.dirname(posixpath.dirname(rels)), posixpath.basename(rels)[:-5])


class Package:
    """A .docx's parts, parsed on demand, written back in their original order."""

    def __init__(self, data: bytes, limits: Limits = DRAFT_LIMITS):
        if data[:8] == OLE_MAGIC:
            raise UnreadableDocument(
                "the file is password-protected (or a legacy .doc renamed to .docx); "
                "remove the password in Word and save it as .docx"
            )
        refusal = inspect_zip(io.BytesIO(data), ".docx", limits)
        if refusal is not None:
            raise UnreadableDocument(refusal.reason)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                self.names = [info.filename for info in archive.infolist()]
                self.blobs = {name: archive.read(name) for name in self.names}
        except PACKAGE_ERRORS:
            raise UnreadableDocument(
                "not a readable Word file (it may be damaged or of another format); save it again from Word as .docx"
            ) from None
        self._trees: dict[str, etree._Element] = {}
        main = [r.target for r in self.rels("") if r.type.endswith("/officeDocument") and r.target]
        self.main = main[0] if main else "word/document.xml"
        if self.main not in self.blobs:
            raise UnreadableDocument("not a Word document: it has no main document part")

    def xml(self, name: str | None) -> etree._Element | None:
        """The part's parsed XML (the same tree on every call, so changes are kept), or None if absent."""
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

    def rels(self, part: str) -> list[Rel]:
        """The relationships of ``part`` ("" for the package's own), targets resolved to part names."""
        root = self.xml(rels_name(part))
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
            out.append(Rel(rel.get("Id", ""), rel.get("Type", ""), name))
        return out

    def related(self, part: str, *type_suffixes: str) -> list[str]:
        """The parts ``part`` relates to by a relationship type ending in one of ``type_suffixes``."""
        return [
            r.target for r in self.rels(part) if r.target and r.target in self.blobs and r.type.endswith(type_suffixes)
        ]

    def first(self, part: str, type_suffix: str) -> str | None:
        found = self.related(part, type_suffix)
        return found[0] if found else None

    @property
    def styles(self) -> str | None:
        return self.first(self.main, "/styles")

    @property
    def numbering(self) -> str | None:
        return self.first(self.main, "/numbering")

    @property
    def core(self) -> str | None:
        return self.first("", "/core-properties")

    @property
    def comments(self) -> list[str]:
        return self.related(self.main, *COMMENT_PARTS)

    def remove(self, name: str) -> None:
        """Take a part out: its data, its own relationships, the relationships to it and its content type."""
        for gone in (name, rels_name(name)):
            if gone in self.blobs:
                self.names.remove(gone)
                del self.blobs[gone]
                self._trees.pop(gone, None)
        for rels in [n for n in self.names if n.endswith(".rels")]:
            root = self.xml(rels)
            if root is None:
                continue
            targets = {r.id: r.target for r in self.rels(_source_of(rels))}
            for rel in root.findall(f"{{{REL_NS}}}Relationship"):
                if targets.get(rel.get("Id")) == name:
                    root.remove(rel)
        types = self.xml("[Content_Types].xml")
        if types is not None:
            for override in types.findall(f"{{{CT_NS}}}Override"):
                if override.get("PartName", "").lstrip("/") == name:
                    types.remove(override)

    def to_bytes(self) -> bytes:
        """The package with the parsed parts as they are now; the same content gives the same bytes."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in self.names:
                target.writestr(name, serialise(self._trees[name]) if name in self._trees else self.blobs[name])
        return normalise_zip(out.getvalue())
