"""What an XLIFF file says about its document, a file read back, and the reader's one error."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline.errors import CcmReportError
from pipeline.xliff.pieces import Piece

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"


class XliffProblem(CcmReportError):
    """A returned XLIFF file cannot be used; ``place`` says where in it."""

    def __init__(self, message: str, place: str = ""):
        super().__init__(message)
        self.place = place


@dataclass(frozen=True)
class Document:
    """What a file says about the document it translates."""

    id: str  # the document's id in meeting.yaml
    symbol: str
    source_language: str  # the language alone, in lower case ("fr" for a file's "fr-FR"); "" when not a code
    target_language: str
    # the codes as the file writes them ("fr-FR", "FR", "fr_CA"); a document is the same whatever the region
    source_tag: str = field(default="", compare=False)
    target_tag: str = field(default="", compare=False)


@dataclass(frozen=True)
class Segment:
    """One segment of a returned unit, as the file holds it: its source and its target (``None``
    when left empty), and the state the CAT tool gave it ("" when none)."""

    unit: str
    source: tuple[Piece, ...]
    target: tuple[Piece, ...] | None
    state: str = ""


@dataclass(frozen=True)
class Returned:
    """A translation as read back: each translated unit's target as pieces.

    A unit with some segments translated and others left empty is in ``targets`` with the empty
    segments' source in their place (and in ``partial``); a segment the translator emptied on purpose
    (its target present but empty, in a state past "initial": two sentences joined in the one
    before) adds nothing; a unit with no segment translated is in ``untranslated``."""

    version: str  # "2.1" | "2.0" | "1.2"
    document: Document
    targets: Mapping[str, tuple[Piece, ...]]
    untranslated: tuple[str, ...] = ()  # units with a segment left without a target
    problems: tuple[tuple[str, str], ...] = field(default=())  # (unit id, what is wrong)
    sources: Mapping[str, tuple[Piece, ...]] = field(default_factory=dict)  # each unit's source, as returned
    segments: tuple[Segment, ...] = ()  # every translatable unit's segments, in the file's order
    # units in ``targets`` with a segment left untranslated: its source stands in the target, its text here
    partial: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


__all__ = ["XLIFF2", "XLIFF12", "XML_NS", "XliffProblem", "Document", "Segment", "Returned"]
