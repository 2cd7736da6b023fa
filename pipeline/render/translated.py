"""A returned translation merged into a document's blocks, ready to render in its language.

Pure: the blocks and the translator's targets in, the translated blocks and what is
wrong with the return (units left untranslated, translated from a text that has
changed since, partly translated, codes dropped or added) out. What is left in the
original language is named by its place ("paragraph 12", "footnote 4") and its
text, never by a unit's id: in the warnings, in the -untranslated.txt list, and in
the banner on the document's first page, in the document's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from os.path import commonprefix
from pathlib import Path

from pipeline.errors import Diagnostic, Location, warning
from pipeline.locale import LocaleMissing, language_name
from pipeline.model import Config, DocumentSpec, Translation
from pipeline.model.blocks import Block, Placeholder
from pipeline.xliff.merge import Translated, merge
from pipeline.xliff.pieces import plain_of
from pipeline.xliff.walk import Unit

# The banner's wording and the words of a place ("paragraph 12, footnote 3"), per language of the document.
BANNER = {
    "en": "[Incomplete translation: {count} part(s) of this document are still in {original} ({places}); see {file}.]",
    "fr": "[Traduction incomplète : {count} passage(s) de ce document sont encore en {original} ({places}) ; "
    "voir {file}.]",
    "es": "[Traducción incompleta: {count} parte(s) de este documento siguen en {original} ({places}); véase {file}.]",
}
PLACE_WORDS = {
    "fr": {
        "unnumbered paragraph": "paragraphe non numéroté",
        "paragraph": "paragraphe",
        "footnote": "note",
        "table": "tableau",
        "row": "ligne",
        "cell": "cellule",
        "caption": "titre",
        "list after": "liste après le",
        "item": "élément",
        "heading": "titre",
        "section": "section",
        "title": "titre",
    },
    "es": {
        "unnumbered paragraph": "párrafo sin número",
        "paragraph": "párrafo",
        "footnote": "nota",
        "table": "cuadro",
        "row": "fila",
        "cell": "celda",
        "caption": "título",
        "list after": "lista después del",
        "item": "elemento",
        "heading": "título",
        "section": "sección",
        "title": "título",
    },
}
# The masthead's and headings' own places (pipeline/xliff/walk.py's fields), named whole.
FIELD_WORDS = {
    "fr": {
        "title": "titre",
        "meeting": "réunion",
        "place": "lieu",
        "agenda item title": "intitulé du point de l'ordre du jour",
        "submitted by": "présenté par",
        "section heading": "titre de section",
        "heading of chapter": "titre du chapitre",
    },
    "es": {
        "title": "título",
        "meeting": "reunión",
        "place": "lugar",
        "agenda item title": "título del tema del programa",
        "submitted by": "presentado por",
        "section heading": "título de sección",
        "heading of chapter": "título del capítulo",
    },
}
BANNER_PLACES = 6  # places named on the banner; the list beside the document names them all


def merge_translation(
    spec: DocumentSpec,
    config: Config,
    bodies: Mapping[str, tuple[Block, ...]],
    translation: Translation,
    language: str,
    format_figure: Callable[[str, object], str],
) -> tuple[Translated, list[Diagnostic]]:
    """The translation merged, and a warning per unit whose codes the translator changed, per unit
    translated from a source that has changed since (stale: the current text is printed), per unit
    partly translated, and per section with units left untranslated (those stay in the original language)."""
    returned = translation.returned
    merged = merge(
        config,
        spec,
        bodies,
        returned.targets,
        format_figure=format_figure,
        sources=returned.sources,
        partial=returned.partial,
    )
    shown = translation.display
    found = [
        warning("translation.code", Location(shown, f"unit {unit.id}"), f"{unit.note}: {problem}")
        for unit, problem in merged.problems
    ]
    found += [
        warning(
            "translation.stale",
            Location(shown, f"unit {unit.id}"),
            f"{unit.note}: translated from another text than the document's: "
            f"{_difference(plain_of(returned.sources.get(unit.id, ())), unit)}; "
            f"kept as a suggestion in the next export, the current text is printed in {spec.original_language} "
            "until it is translated again",
        )
        for unit in merged.stale
    ]
    found += [
        warning(
            "translation.partial",
            Location(shown, f"unit {unit.id}"),
            f"{unit.note}: {len(parts)} sentence(s) not translated (“{_short(parts[0])}”); the translated ones are "
            f"used, these stay in {spec.original_language}",
        )
        for unit, parts in merged.partial
    ]
    copies = set(merged.copies)
    by_section: dict[str, list[Unit]] = {}
    for unit in merged.missing:
        by_section.setdefault(unit.section, []).append(unit)
    for section, missing in by_section.items():
        named = "; ".join(f"{u.place} “{_short(plain_of(u.source), 30)}”" for u in missing[:4])
        more = ", ..." if len(missing) > 4 else ""
        copied = sum(1 for u in missing if u in copies)
        # A unit the returned file does not hold at all was written (or edited) after the file was exported.
        changed = sum(1 for u in missing if u.id not in returned.sources)
        why = f", {copied} of them only repeating the original" if copied else ""
        why += (
            f", {changed} of them new or changed since the file was exported (the next export offers their "
            "earlier translation, where there was one, to the translator)"
            if changed
            else ""
        )
        found.append(
            warning(
                "translation.incomplete",
                Location(shown, f"section {section}"),
                f"{len(missing)} unit(s) not translated{why} ({named}{more}); they stay in "
                f"{spec.original_language} and the {language} document is marked incomplete "
                f"(the full list is in the -untranslated.txt file beside it)",
            )
        )
    left = left_in_original(merged)
    if left and spec.sections:
        # Said on the first page too, so that a reader of the PDF cannot miss it. A document made from its
        # template alone (a family's) has no section to carry it: the warnings and the list say it.
        first = spec.sections[0].id
        banner = Placeholder(banner_text(left, spec.original_language, language, Path(shown).name))
        merged = replace(merged, bodies={**merged.bodies, first: (banner,) + tuple(merged.bodies[first])})
    return merged, found


def left_in_original(merged: Translated) -> list[tuple[Unit, str]]:
    """Every part of the document still in the original language, in reading order of kind: the units
    untranslated, the stale ones, the sentences of the partly translated; each with its text."""
    out = [(u, plain_of(u.source)) for u in merged.missing] + [(u, plain_of(u.source)) for u in merged.stale]
    out += [(u, part) for u, parts in merged.partial for part in parts]
    return out


def banner_text(left: list[tuple[Unit, str]], original: str, language: str, file: str) -> str:
    """The first page's note of an incomplete translation, in ``language``, naming the first places."""
    places = [_place(u.place, language) for u, _text in left]
    places = list(dict.fromkeys(places))
    named = ", ".join(places[:BANNER_PLACES]) + (", ..." if len(places) > BANNER_PLACES else "")
    wording = BANNER.get(language, BANNER["en"])
    try:
        name = language_name(original, language if language in BANNER else "en")
    except LocaleMissing:  # a language without names here: its code says it
        name = original
    return wording.format(count=len(left), original=name, places=named, file=file)


def _place(place: str, language: str) -> str:
    fields = FIELD_WORDS.get(language, {})
    if place in fields:
        return fields[place]
    if place.startswith("heading of chapter ") and "heading of chapter" in fields:
        return f"{fields['heading of chapter']} {place.rsplit(' ', 1)[-1]}"
    for english, word in PLACE_WORDS.get(language, {}).items():
        place = place.replace(english, word)
    return place


def _difference(returned: str, unit) -> str:
    """Where a returned source and the document's text part, a few words either side: what a reader
    needs to see why a translation is stale ("it says “... including Tuvalu, Peru ...” where the
    document says “... including Chile, Peru ...”")."""
    now = " ".join(plain_of(unit.source).split())
    said = " ".join(returned.split())
    if not said:
        return f"the file returned no source for “{_short(now)}”"
    start = len(commonprefix([said, now]))
    end = len(commonprefix([said[start:][::-1], now[start:][::-1]]))

    def around(text: str) -> str:
        left = text[:start].rsplit(" ", 4)
        right = text[start : len(text) - end] + text[len(text) - end :][:40]
        shown = (" ".join(left[1:]) if len(left) > 4 else text[:start]) + right
        return ("…" if len(left) > 4 else "") + _short(shown, 80) + ("…" if end > 40 else "")

    return f"the file says “{around(said)}” where the document says “{around(now)}”"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def untranslated_list(source: str, merged: Translated) -> str:
    """The -untranslated.txt file: one line per part left in the original language (where, why, its text)."""
    left = left_in_original(merged)
    stale, copies = set(merged.stale), set(merged.copies)
    partial = {u for u, _parts in merged.partial}
    lines = [f"Parts not translated in {source}: {len(left)}", ""]
    for unit, text in left:
        why = (
            "stale (translated from an earlier text)"
            if unit in stale
            else "a sentence not translated"
            if unit in partial
            else "repeats the original"
            if unit in copies
            else "not translated"
        )
        where = f"{unit.heading or unit.section}, {unit.place}"
        lines.append(f"{where}\t{why}\t{' '.join(text.split())}")
    return "\n".join(lines) + "\n"
