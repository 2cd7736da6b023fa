"""A returned translation merged into a document's blocks, ready to render in its language.

Pure: the blocks and the translator's targets in, the translated blocks and what is
wrong with the return (units left untranslated, codes dropped or added) out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from pipeline.errors import Diagnostic, Location, warning
from pipeline.model import Config, DocumentSpec, Translation
from pipeline.model.blocks import Block, Placeholder
from pipeline.xliff.merge import Translated, merge
from pipeline.xliff.pieces import plain_of


def merge_translation(
    spec: DocumentSpec,
    config: Config,
    bodies: Mapping[str, tuple[Block, ...]],
    translation: Translation,
    language: str,
    format_figure: Callable[[str, object], str],
) -> tuple[Translated, list[Diagnostic]]:
    """The translation merged, and a warning per unit whose codes the translator changed and per
    section with units left untranslated (those stay in the original language)."""
    merged = merge(config, spec, bodies, translation.returned.targets, format_figure=format_figure)
    found = [
        warning("translation.code", Location(translation.display, f"unit {unit.id}"), f"{unit.note}: {problem}")
        for unit, problem in merged.problems
    ]
    by_section: dict[str, list] = {}
    for unit in merged.missing:
        by_section.setdefault(unit.section, []).append(unit)
    for section, missing in by_section.items():
        sample = ", ".join(u.id for u in missing[:4]) + (", ..." if len(missing) > 4 else "")
        found.append(
            warning(
                "translation.incomplete",
                Location(translation.display, f"section {section}"),
                f"{len(missing)} unit(s) not translated ({sample}); they stay in "
                f"{spec.original_language} and the {language} document is marked incomplete "
                f"(the full list is in the -untranslated.txt file beside it)",
            )
        )
    if merged.missing:
        # Said on the first page too, so that a reader of the PDF cannot miss it.
        first = spec.sections[0].id
        banner = Placeholder(
            f"[Incomplete translation: {len(merged.missing)} unit(s) of this document are "
            f"still in the original language ({spec.original_language}); see "
            f"{Path(translation.display).name}.]"
        )
        merged = replace(merged, bodies={**merged.bodies, first: (banner,) + tuple(merged.bodies[first])})
    return merged, found


def untranslated_list(source: str, missing) -> str:
    """The -untranslated.txt file: one line per unit left in the original language (id, where, start)."""
    lines = [f"Units not translated in {source}: {len(missing)}", ""]
    lines.extend(f"{u.id}\t{u.note}\t{plain_of(u.source)[:80]}" for u in missing)
    return "\n".join(lines) + "\n"
