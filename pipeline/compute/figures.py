"""Figures from the data inside the coordinators' prose: ``[[name]]``, a lookup by name and nothing more.

A coordinator writes "[[article7.annual.submitted]] States Parties had reported"
and the document says "79 States Parties had reported". The name is looked up
in the computed figures (see :func:`pipeline.compute.indicators.indicators`); it is never
evaluated, has no attributes, indexes or calls, and is not Jinja. An unknown
name stays as typed and is reported with its draft and paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from pipeline import locale
from pipeline.errors import Diagnostic, Location, error, warning
from pipeline.model import Draft
from pipeline.model.blocks import PLACEHOLDER, Block, Figure, Inline, Text, map_inlines


def format_figure(value: object) -> str:
    """A figure as the English text writes it: 1,234 and 12.5 (one decimal, half up); "A, B and C"
    (see :func:`pipeline.locale.format_figure`, which writes it in every language)."""
    return locale.format_figure(value, "en")


def format_area(value: float) -> str:
    """An area in square kilometres, always to one decimal, rounded half up: 11.0, 7,645.8."""
    return locale.format_area(value, "en")


def format_named(name: str, value: object) -> str:
    """A figure by its name: areas (names ending in _km2) to one decimal, the rest by format_figure."""
    if name.endswith("_km2") and isinstance(value, (int, float)):
        return format_area(value)
    return format_figure(value)


def fill(blocks: tuple[Block, ...], figures: Mapping[str, object]) -> tuple[tuple[Block, ...], list[tuple[str, int]]]:
    """The blocks with every known ``[[name]]`` replaced by a :class:`Figure` carrying its value, and
    the unknown names with the paragraph (block origin) they stand in."""
    unknown: list[tuple[str, int]] = []
    out: list[Block] = []
    for block in blocks:
        origin = getattr(block, "origin", 0)

        def change(text: str, origin: int = origin) -> tuple[Inline, ...]:
            pieces: list[Inline] = []
            at = 0
            for match in PLACEHOLDER.finditer(text):
                name = match.group(1).strip()
                if name not in figures:
                    unknown.append((name, origin))
                    continue
                if match.start() > at:
                    pieces.append(Text(text[at : match.start()]))
                pieces.append(Figure(name, figures[name], format_named(name, figures[name])))
                at = match.end()
            if at < len(text) or not pieces:
                pieces.append(Text(text[at:]))
            return tuple(pieces)

        out.extend(map_inlines((block,), change))
    return tuple(out), unknown


def fill_text(text: str, figures: Mapping[str, object]) -> tuple[str, list[str]]:
    """One text with its known ``[[name]]`` replaced, and the unknown names."""
    unknown: list[str] = []

    def replace(match: re.Match) -> str:
        name = match.group(1).strip()
        if name in figures:
            return format_named(name, figures[name])
        unknown.append(name)
        return match.group(0)

    return PLACEHOLDER.sub(replace, text), unknown


def fill_drafts(
    drafts: Mapping[str, Draft], figures: Mapping[str, object], final: bool
) -> tuple[dict[str, Draft], list[Diagnostic]]:
    """Each draft with its [[name]] figures filled in from the data; an unknown name is named, with its
    draft and paragraph (an error with --final, a warning otherwise)."""
    filled, found = {}, []
    known = ", ".join(sorted(figures))
    for section_id, draft in drafts.items():
        blocks, unknown = fill(draft.blocks, figures)
        filled[section_id] = replace(draft, blocks=blocks)
        for name, origin in unknown:
            make = error if final else warning
            found.append(
                make(
                    "draft.unknown-figure",
                    Location(draft.source.display, f"paragraph {origin}"),
                    f"[[{name}]] names no figure; it is left as typed. Figures: {known}",
                )
            )
    return filled, found
