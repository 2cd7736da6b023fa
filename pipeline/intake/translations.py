"""Returned translations: XLIFF files taken into inputs/translations/ and read for merging."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import CcmReportError, Diagnostic, Location, error, warning
from pipeline.intake.files import display, outside, sha256
from pipeline.model import Config, Translation
from pipeline.xliff.document import XliffProblem
from pipeline.xliff.read import read_xliff

TRANSLATION_SUFFIXES = (".xlf", ".xliff")
# The languages whose documents ccm-report can write (dates, numbers, templates); see pipeline/locale/languages.py.
MERGE_LANGUAGES = ("en", "fr", "es")


class TranslationRefused(CcmReportError):
    """A returned translation cannot be taken in as it is; the message says why and what to do."""


def receive(path: Path, inputs_dir: Path, *, replace_older: bool = False) -> tuple[str, list[str]]:
    """Take a returned XLIFF file into ``inputs/translations/`` so that every build merges it.

    A file translating the same document into the same language is set aside into
    ``inputs/translations/superseded/`` with ``replace_older``, and refused without it.
    Returns where the file now is and what was set aside.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TranslationRefused(f"{display(path)}: cannot read it ({exc.strerror})") from None
    try:
        returned = read_xliff(data)
    except XliffProblem as exc:
        where = f"{display(path)}:{exc.place}" if exc.place else display(path)
        raise TranslationRefused(f"{where}: {exc}") from None
    folder = inputs_dir / "translations"
    target = folder / path.name
    key = (returned.document.id, returned.document.target_language)
    others = []
    if folder.is_dir():
        for existing in sorted(folder.iterdir()):
            if existing.is_file() and existing.suffix.lower() in TRANSLATION_SUFFIXES and existing != target:
                try:
                    document = read_xliff(existing.read_bytes()).document
                except (XliffProblem, OSError):
                    continue
                if (document.id, document.target_language) == key:
                    others.append(existing)
    if target.exists() and target.read_bytes() != data:
        others.append(target)
    if others and not replace_older:
        raise TranslationRefused(
            f"{', '.join(display(o) for o in others)} already translates {key[0]} into {key[1]}; run again "
            "with --replace to set the older file aside (into inputs/translations/superseded/)"
        )
    moved = []
    for other in others:
        aside = folder / "superseded" / other.name
        aside.parent.mkdir(parents=True, exist_ok=True)
        other.replace(aside)
        moved.append(display(aside))
    folder.mkdir(parents=True, exist_ok=True)
    if path.resolve() != target.resolve():
        target.write_bytes(data)
    return display(target), moved


def read_translations(folder: Path, config: Config, root: Path) -> tuple[dict, list[Diagnostic]]:
    """The returned XLIFF files in ``folder``, by (document id, target language), and what is wrong
    with any of them. A file that cannot be used is an error: merging part of a translation
    silently would publish a document in two languages."""
    found: list[Diagnostic] = []
    out: dict[tuple[str, str], Translation] = {}
    if not folder.is_dir():
        return out, found
    ids = {d.id: d for d in config.documents}
    families = {f.id: f for f in config.families}
    for path in sorted(folder.iterdir()):
        shown = display(path)
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix.lower() not in TRANSLATION_SUFFIXES:
            found.append(
                warning(
                    "translation.ignored",
                    Location(shown),
                    "not an XLIFF file (.xlf, .xliff): not used; inputs/translations/ is for "
                    "translated XLIFF files returned by translators",
                )
            )
            continue
        if outside(path, root):
            found.append(
                error(
                    "translation.link",
                    Location(shown),
                    "a link to a file outside the inputs folder; it is not followed",
                )
            )
            continue
        data = path.read_bytes()
        try:
            returned = read_xliff(data)
        except XliffProblem as exc:
            found.append(error("translation.unreadable", Location(shown, exc.place), str(exc)))
            continue
        document = returned.document
        key = (document.id, document.target_language)
        family = next((f for f in families.values() if document.id.startswith(f"{f.id}-")), None)
        spec = ids.get(document.id) or family
        if spec is None:
            found.append(
                error(
                    "translation.document",
                    Location(shown),
                    f"the file translates the document '{document.id}', which meeting.yaml does not "
                    f"have (documents: {', '.join(ids) or 'none'}); was it renamed?",
                )
            )
        elif document.source_language != spec.original_language:
            found.append(
                error(
                    "translation.language",
                    Location(shown),
                    f"the file translates from '{document.source_language}', but "
                    f"{document.id} is written in '{spec.original_language}'",
                )
            )
        elif document.target_language not in MERGE_LANGUAGES or document.target_language == spec.original_language:
            found.append(
                error(
                    "translation.language",
                    Location(shown),
                    f"ccm-report cannot yet write documents in '{document.target_language}' (it "
                    f"writes {', '.join(MERGE_LANGUAGES)}); keep the file out of inputs/translations/",
                )
            )
        elif key in out:
            found.append(
                error(
                    "translation.twice",
                    Location(shown),
                    f"{out[key].display} also translates {document.id} into "
                    f"{document.target_language}; keep one of the two",
                )
            )
        else:
            out[key] = Translation(shown, sha256(data), returned, spec.template)
            for unit_id, problem in returned.problems:
                found.append(warning("translation.code", Location(shown, f"unit {unit_id}"), problem))
    return out, found
