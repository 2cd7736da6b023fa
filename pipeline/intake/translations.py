"""Returned translations: XLIFF files checked whole, then taken into inputs/translations/ and read for merging.

One check (:func:`check_return`) serves both doors: ``translate merge`` refuses a
file with an error before it copies or moves anything, and a build leaves out a
file with an error that is already in the folder (that language version keeps its
previous outputs; the other documents and languages are built).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import CcmReportError, Diagnostic, Location, Severity, error, warning
from pipeline.intake.files import display, outside, sha256
from pipeline.locale.languages import LANGUAGES, language_code
from pipeline.model import Config, Translation
from pipeline.xliff.document import XliffProblem
from pipeline.xliff.read import read_xliff
from pipeline.xliff.schema import schema_errors

TRANSLATION_SUFFIXES = (".xlf", ".xliff")
# The languages whose documents ccm-report can write (dates, numbers, templates).
MERGE_LANGUAGES = tuple(LANGUAGES)
# How ccm-report names its exports: CCM_MSP_2025_7.en-fr.xlf
_NAMED = re.compile(
    r"^(?P<name>.+)\.(?P<source>[A-Za-z]{2,3}(?:_[A-Za-z0-9]+)?)-(?P<target>[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)?)"
    r"(?P<suffix>\.xlf|\.xliff)$",
    re.IGNORECASE,
)


class TranslationRefused(CcmReportError):
    """A returned translation cannot be taken in as it is; the message says why and what to do."""


@dataclass(frozen=True)
class Checked:
    """One returned file, checked: what it translates (``key``: document id and language, from its
    content, else guessed from its name; None when neither says), the translation when usable, and
    the findings (an error refuses it)."""

    key: tuple[str, str] | None
    translation: Translation | None
    findings: tuple[Diagnostic, ...] = field(default=())
    named: tuple[str, str] | None = None  # what its name says it translates, when named as exports are

    def refuses(self) -> set[tuple[str, str]]:
        """The language versions a refused file may have been meant for: by its content and by its name."""
        return {k for k in (self.key, self.named) if k is not None and k[1]}


def named_language(name: str) -> str:
    """The target language a file's name gives ("fr" for ``X.en-fr.xlf``), "" when it gives none."""
    match = _NAMED.match(name)
    return language_code(match["target"]) if match else ""


def check_return(data: bytes, shown: str, config: Config) -> Checked:
    """Everything ccm-report can check of a returned file before it is used: that it is XLIFF it
    reads (no DOCTYPE, one <file>, unit ids given once), of a document meeting.yaml has, from the
    document's language into a language ccm-report writes; what the name says against the content."""
    ids = {d.id: d for d in config.documents}
    guess = _guess(Path(shown).name, config)
    try:
        returned = read_xliff(data)
    except XliffProblem as exc:
        return Checked(guess, None, (error("translation.unreadable", Location(shown, exc.place), str(exc)),), guess)
    document = returned.document
    where = Location(shown)
    invalid = schema_errors(data, returned.version, extensions=True)
    if invalid:
        shown_errors = "; ".join(invalid[:3]) + (f"; and {len(invalid) - 3} more" if len(invalid) > 3 else "")
        return Checked(
            guess,
            None,
            (
                error(
                    "translation.schema",
                    where,
                    f"this is not valid XLIFF {returned.version} (the OASIS schema finds: {shown_errors}); the CAT "
                    "tool or an edit by hand broke its structure: export the translation again from the CAT tool",
                ),
            ),
            guess,
        )
    family = next((f for f in config.families if document.id.startswith(f"{f.id}-")), None)
    spec = ids.get(document.id) or family
    found: list[Diagnostic] = []
    if spec is None:
        found.append(
            error(
                "translation.document",
                where,
                f"the file translates the document '{document.id}', which meeting.yaml does not "
                f"have (documents: {', '.join(ids) or 'none'}); was it renamed?",
            )
        )
        return Checked(guess, None, tuple(found), guess)
    key = (document.id, document.target_language or (guess[1] if guess else ""))
    if document.source_language != spec.original_language:
        found.append(
            error(
                "translation.language",
                where,
                f"the file translates from '{document.source_tag}', but {document.id} is written in "
                f"'{spec.original_language}': return the file exported from this document",
            )
        )
    if not document.target_language:
        found.append(
            error(
                "translation.language",
                where,
                f"the file's target language '{document.target_tag}' is not a language code (as 'fr' or "
                "'fr-FR'): set the target language in the CAT tool and export the file again",
            )
        )
    elif document.target_language == spec.original_language:
        found.append(
            error(
                "translation.language",
                where,
                f"the file translates {document.id} into '{document.target_tag}', the language it is written "
                "in: set the target language in the CAT tool and export the file again",
            )
        )
    elif document.target_language not in MERGE_LANGUAGES:
        found.append(
            error(
                "translation.language",
                where,
                f"ccm-report cannot yet write documents in '{document.target_tag}' (it "
                f"writes {', '.join(MERGE_LANGUAGES)}); keep the file out of inputs/translations/",
            )
        )
    named = named_language(Path(shown).name)
    if named and document.target_language and named != document.target_language:
        found.append(
            warning(
                "translation.name",
                where,
                f"the file's name says '{named}' but its content translates into "
                f"'{document.target_tag}': the content decides (this is the {document.target_language} "
                f"translation); rename the file so that nobody takes it for the {named} one",
            )
        )
    if not returned.targets:
        found.append(
            warning(
                "translation.empty",
                where,
                "the file holds no translated unit: was the translated file returned, or the one sent?",
            )
        )
    found += [warning("translation.code", Location(shown, f"unit {u}"), problem) for u, problem in returned.problems]
    if any(d.severity == Severity.ERROR for d in found):
        return Checked(key, None, tuple(found), guess)
    return Checked(key, Translation(shown, sha256(data), returned, spec.template), tuple(found), guess)


def _named_for(name: str, language: str) -> str:
    """The name a file is kept under: its own, its language corrected when its name says another
    (``X.en-fr.xlf`` holding Spanish is kept as ``X.en-es.xlf``, and takes no French file's place)."""
    match = _NAMED.match(name)
    if not match or not language or language_code(match["target"]) == language:
        return name
    return f"{match['name']}.{match['source']}-{language}{match['suffix']}"


def _guess(name: str, config: Config) -> tuple[str, str] | None:
    """(document id, language) from a file's name as ccm-report's exports are named, else None."""
    match = _NAMED.match(name)
    if not match:
        return None
    stem = match["name"]
    for spec in config.documents:
        if stem == spec.symbol.replace("/", "_"):
            return spec.id, language_code(match["target"])
    return None


def receive(
    path: Path, inputs_dir: Path, config: Config, *, replace_older: bool = False
) -> tuple[str, list[str], list[Diagnostic]]:
    """Take a returned XLIFF file into ``inputs/translations/`` so that every build merges it.

    The file is checked whole first (:func:`check_return`); one with an error is refused
    (:class:`TranslationRefused`, its findings in the message) and nothing in the folder is
    touched. A file translating the same document into the same language (by content, not by
    name) is set aside into ``inputs/translations/superseded/`` with ``replace_older``, and
    refused without it. Returns where the file now is, what was set aside, and the warnings.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TranslationRefused(f"{display(path)}: cannot read it ({exc.strerror})") from None
    checked = check_return(data, display(path), config)
    errors = [d for d in checked.findings if d.severity == Severity.ERROR]
    if errors or checked.translation is None:
        raise TranslationRefused(
            f"{display(path)} was not taken in (inputs/translations/ is as it was):\n"
            + "\n".join(str(d) for d in checked.findings)
        )
    folder = inputs_dir / "translations"
    key = checked.key
    target = folder / _named_for(path.name, key[1] if key else "")
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
    if others and not replace_older and key is not None:
        named = "".join(f"; {d.message}" for d in checked.findings if d.code == "translation.name")
        raise TranslationRefused(
            f"{', '.join(display(o) for o in others)} already translates {key[0]} into {key[1]}{named}; run again "
            "with --replace to set the older file aside (into inputs/translations/superseded/)"
        )
    moved = []
    for other in others:
        aside = folder / "superseded" / other.name
        number = 1
        while aside.exists():  # an earlier file of the same name set aside before: keep it too
            number += 1
            aside = folder / "superseded" / f"{other.stem}.{number}{other.suffix}"
        aside.parent.mkdir(parents=True, exist_ok=True)
        other.replace(aside)
        moved.append(display(aside))
    folder.mkdir(parents=True, exist_ok=True)
    if path.resolve() != target.resolve():
        target.write_bytes(data)
    if target.name != path.name:
        notes = [*checked.findings]
        notes.append(
            warning("translation.name", Location(display(path)), f"kept as {target.name}, the name of what it holds")
        )
        return display(target), moved, notes
    return display(target), moved, list(checked.findings)


def read_translations(
    folder: Path, config: Config, root: Path
) -> tuple[dict[tuple[str, str], Translation], list[Diagnostic], dict[tuple[str, str], str]]:
    """The usable returned XLIFF files in ``folder`` by (document id, target language), what is wrong
    with any of them, and the files left out for an error, by what they translate (as far as their
    content or name says): those language versions keep their previous outputs. Merging part of a
    file silently would publish a document in two languages."""
    found: list[Diagnostic] = []
    out: dict[tuple[str, str], Translation] = {}
    refused: dict[tuple[str, str], str] = {}
    usable: dict[tuple[str, str], list[Translation]] = {}
    if not folder.is_dir():
        return out, found, refused
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
        try:
            data = path.read_bytes()
        except OSError as exc:
            found.append(error("translation.unreadable", Location(shown), f"cannot read it ({exc.strerror})"))
            continue
        checked = check_return(data, shown, config)
        found.extend(checked.findings)
        if checked.translation is None:
            for meant in sorted(checked.refuses()):
                refused.setdefault(meant, shown)
            continue
        assert checked.key is not None
        usable.setdefault(checked.key, []).append(checked.translation)
    # Decided after every file is read, so that the names' order decides nothing: one usable file for a
    # language version is used (whatever a refused file says of the same version), two are neither.
    for key, translations in sorted(usable.items()):
        if len(translations) == 1:
            out[key] = translations[0]
            refused.pop(key, None)
            continue
        first, *others = translations
        refused[key] = first.display
        for other in others:
            found.append(
                error(
                    "translation.twice",
                    Location(other.display),
                    f"{first.display} also translates {key[0]} into {key[1]}; keep one of the two "
                    "(ccm-report translate merge --replace sets the older aside); neither is used",
                )
            )
    return out, found, refused
