"""Validation: pure rules over what intake read. Every finding is a Diagnostic.

Errors stop the build; warnings do not, except in final mode (``--final``),
where a document must be complete and clean before it goes to the UN.
"""

from __future__ import annotations

from .blocks import Footnote, Heading, ListBlock, Paragraph, Table, block_text, plain_text
from .errors import Diagnostic, Location, error, warning
from .intake import Inputs
from .reference import NameVariant, informal_names


def validate(inputs: Inputs, variants: tuple[NameVariant, ...]) -> list[Diagnostic]:
    """Every finding about the inputs, in a stable order."""
    found: list[Diagnostic] = []
    if inputs.config is None:
        return found
    found.extend(missing_drafts(inputs))
    for draft in inputs.drafts.values():
        found.extend(country_names(draft.blocks, draft.source.display, variants))
        found.extend(bullet_punctuation(draft.blocks, draft.source.display))
    found.extend(data_references(inputs))
    return found


def missing_drafts(inputs: Inputs) -> list[Diagnostic]:
    """A required section with no usable draft: a warning here, an error in final mode."""
    found = []
    seen = set()
    for doc in inputs.config.documents:
        for section in doc.sections:
            if section.id in seen or section.id in inputs.drafts:
                continue
            seen.add(section.id)
            if section.id in inputs.problems:
                continue  # intake already said why the file could not be read
            if section.required:
                who = f" (coordinators: {', '.join(section.coordinators)})" if section.coordinators else ""
                found.append(warning("draft.missing", Location(f"{inputs.inputs_dir.name}/drafts/{section.id}/"),
                                     f"no draft for the required section '{section.heading or section.id}'"
                                     f"{who}; a placeholder stands in its place"))
    return found


def country_names(blocks, where: str, variants: tuple[NameVariant, ...]) -> list[Diagnostic]:
    """Informal country names ("Lao PDR") where documents must use the UN short name."""
    found = []
    for block in blocks:
        texts = [block_text(block)] + [
            plain_text(b.inlines) for note in _notes(block) for b in note.blocks
            if isinstance(b, (Paragraph, Heading))
        ]
        origin = getattr(block, "origin", 0)
        for text in texts:
            for variant, _offset in informal_names(text, variants):
                found.append(warning(
                    "draft.country-name", Location(where, f"paragraph {origin}"),
                    f"informal name \u201c{variant.variant}\u201d: official documents use "
                    f"\u201c{variant.un_name}\u201d"))
    return found


def bullet_punctuation(blocks, where: str) -> list[Diagnostic]:
    """UN bullets end with nothing (short items) or a full stop (sentences), never a semicolon."""
    found = []
    for block in blocks:
        if not (isinstance(block, ListBlock) and block.kind == "bullet"):
            continue
        for number, item in enumerate(block.items, start=1):
            text = block_text(item[0]).rstrip() if item else ""
            if text.endswith(";") or text.endswith(("; and", "; or")):
                found.append(warning("draft.bullet-semicolon", Location(where, f"paragraph {block.origin}"),
                                     f"bullet {number} ends with a semicolon; UN style puts no punctuation "
                                     "after short items and a full stop after sentences"))
    return found


def _notes(block) -> list[Footnote]:
    from .blocks import footnotes_in

    return footnotes_in((block,)) if isinstance(block, (Paragraph, Heading, ListBlock, Table)) else []


def data_references(inputs: Inputs) -> list[Diagnostic]:
    """Every report row names a State of the States sheet."""
    known = {r["ISO3"] for r in inputs.data.sheet("States")}
    found = []
    if not known:
        found.append(warning("data.states", Location(f"{inputs.inputs_dir.name}/data/"),
                             "no States sheet with rows was found; figures computed from the data will be empty"))
        return found
    for record in inputs.data.sheet("Article7"):
        iso3 = record.values.get("ISO3")
        if iso3 and iso3 not in known:
            found.append(error("data.unknown-state", record.cells["ISO3"],
                               f"{iso3} is not in the States sheet; add the State there or correct the code"))
    return found
