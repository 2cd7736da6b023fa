"""Intake: read every input into typed, immutable values that remember their origin.

This is the input edge: it lists folders, opens files and runs pandoc. It does
not judge (that is :mod:`pipeline.validate.rules`), except to say that a file could
not be read at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
import unicodedata
from collections import Counter
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING
from types import MappingProxyType

from lxml import etree

from pipeline.intake import drafts as drafts_mod
from pipeline.ooxml import draftprep as docxprep
from pipeline.ooxml import package as packages
from pipeline.intake import workbook
from pipeline.intake.meeting import parse_meeting
from pipeline.model.blocks import map_text, without_placeholders
from pipeline.intake.words import draft_words
from pipeline.reference import name_variants, official_names
from pipeline.errors import CcmReportError, Diagnostic, Location, error, info, warning
from pipeline.model import Config, Dataset, Draft, DraftFile, DraftStats, Inputs, SectionFolder, Translation
from pipeline.intake.pandoc import READERS, DraftUnreadable, read_ast
from pipeline.xliff.files import XliffProblem, read_xliff

if TYPE_CHECKING:  # the build passes its converter in: intake does not start LibreOffice itself
    from pipeline.convert import Converter

TRANSLATION_SUFFIXES = (".xlf", ".xliff")
# The languages whose documents ccm-report can write (dates, numbers, templates); see pipeline/locale.py.
MERGE_LANGUAGES = ("en", "fr", "es")

# Formats pandoc reads, and formats LibreOffice turns into .docx first.
LEGACY = (".doc", ".rtf", ".docm")
DRAFT_SUFFIXES = tuple(READERS) + LEGACY


def display(path: Path) -> str:
    """A path as the user knows it: relative to the working folder when under it, and printable.

    A file name may hold a newline or a right-to-left mark that would forge or
    reverse a diagnostic line: such characters are shown as escapes.
    """
    try:
        text = str(path.absolute().relative_to(Path.cwd().absolute()))
    except ValueError:
        text = str(path)
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                   for c in text)


class FileChanging(Exception):
    """The file changed while it was being read: it is still being written or copied."""


def read_stable(path: Path) -> bytes:
    """The file's bytes, provided its size and time did not change while it was read."""
    before = path.stat()
    data = path.read_bytes()
    after = path.stat()
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(data) != after.st_size:
        raise FileChanging(str(path))
    return data


def outside(path: Path, root: Path) -> bool:
    """Whether ``path`` (a link, say) leads out of ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
        return False
    except ValueError:
        return True


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_inputs(inputs_dir: Path, templates_dir: Path, *, final: bool = False,
                converter: Converter | None = None, cache: Path | None = None) -> Inputs:
    """Everything under ``inputs_dir``; ``converter`` turns legacy drafts (.doc, .rtf, .docm) into .docx;
    ``cache`` keeps pandoc's readings of drafts between builds."""
    diagnostics: list[Diagnostic] = []
    hashes: dict[str, str] = {}
    meeting_path = inputs_dir / "meeting.yaml"
    config = None
    if not meeting_path.is_file():
        diagnostics.append(error("config.missing", Location(display(meeting_path)),
                                 "meeting.yaml is missing; copy the sample from the README into it"))
    elif outside(meeting_path, inputs_dir):
        diagnostics.append(error("config.link", Location(display(meeting_path)),
                                 "meeting.yaml is a link to a file outside the inputs folder; it is not followed"))
    else:
        raw = meeting_path.read_bytes()
        hashes[display(meeting_path)] = sha256(raw)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            diagnostics.append(error("config", Location(display(meeting_path)),
                                     f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8"))
        else:
            config, found = parse_meeting(text, display(meeting_path))
            diagnostics.extend(found)

    templates: dict[str, bytes] = {}
    drafts: dict[str, Draft] = {}
    folders: dict[str, SectionFolder] = {}
    problems: dict[str, str] = {}
    stats: dict[str, DraftStats] = {}
    if config is not None:
        for doc in config.documents + config.families:
            path = templates_dir / doc.template
            if doc.template in templates:
                continue
            if not path.is_file():
                what = "document" if doc in config.documents else "family"
                diagnostics.append(error("config.template", Location(display(meeting_path)),
                                         f"{what} '{doc.id}': template '{doc.template}' not found in "
                                         f"{display(templates_dir)}/"))
                continue
            templates[doc.template] = path.read_bytes()
            hashes[display(path)] = sha256(templates[doc.template])
        section_ids = list(dict.fromkeys(s.id for d in config.documents for s in d.sections))
        drafts_dir = inputs_dir / "drafts"
        for section_id in section_ids:
            folders[section_id] = scan_folder(drafts_dir / section_id, section_id, inputs_dir)
        if drafts_dir.is_dir():
            for entry in sorted(drafts_dir.iterdir()):
                if entry.is_dir() and entry.name not in folders and not entry.name.startswith("."):
                    diagnostics.append(warning("draft.folder", Location(display(entry)),
                                               f"no section in meeting.yaml has the id '{entry.name}'; "
                                               "its drafts are not used (rename the folder to a section id)"))
        for folder in folders.values():
            diagnostics.extend(_folder_notes(folder))
        chosen = [f for f in folders.values() if f.chosen is not None]
        policy = tracked_changes_policy(config.drafts.tracked_changes, final=final)
        results = _read_drafts(chosen, policy, _section_titles(config), converter,
                               config.drafts.normalise_country_names, cache)
        for folder, (draft, draft_stats, found, problem) in zip(chosen, results):
            hashes[folder.chosen.display] = folder.chosen.sha256
            diagnostics.extend(found)
            if draft is not None:
                drafts[folder.section_id] = draft
                stats[folder.section_id] = draft_stats
            if problem:
                problems[folder.section_id] = problem

    translations: dict[tuple[str, str], Translation] = {}
    if config is not None:
        translations, found = read_translations(inputs_dir / "translations", config, inputs_dir)
        diagnostics.extend(found)
        for translation in translations.values():
            hashes[translation.display] = translation.sha256
        for (_doc_id, language), translation in translations.items():
            name = f"{language}/{translation.template}"
            path = templates_dir / name
            if name in templates:
                continue
            if not path.is_file():
                diagnostics.append(error(
                    "translation.template", Location(translation.display),
                    f"there is no {language} version of the template {translation.template} "
                    f"({display(path)}); make it from the English one (translate its fixed "
                    "wording, keep its styles and fields) or run 'make templates'"))
                continue
            templates[name] = path.read_bytes()
            hashes[display(path)] = sha256(templates[name])

    data, data_hashes, data_found = read_data(inputs_dir / "data")
    hashes.update(data_hashes)
    paths = {display(p): p for p in [meeting_path, inputs_dir / "data" / "schema.yaml",
                                     *(inputs_dir / "data").glob("*.xls[xm]")]}
    if config is not None:
        paths.update({display(templates_dir / d.template): templates_dir / d.template
                      for d in config.documents + config.families})
    paths.update({f.chosen.display: f.chosen.path for f in folders.values() if f.chosen is not None})
    paths.update({display(templates_dir / name): templates_dir / name for name in templates})
    paths.update({t.display: inputs_dir / "translations" / Path(t.display).name for t in translations.values()})
    diagnostics.extend(data_found)
    return Inputs(
        inputs_dir=inputs_dir, templates_dir=templates_dir, config=config,
        templates=MappingProxyType(templates), drafts=MappingProxyType(drafts),
        folders=MappingProxyType(folders), problems=MappingProxyType(problems),
        stats=MappingProxyType(stats), data=data, hashes=MappingProxyType(hashes),
        diagnostics=tuple(diagnostics), paths=MappingProxyType(paths),
        translations=MappingProxyType(translations),
    )


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
            "with --replace to set the older file aside (into inputs/translations/superseded/)")
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
            found.append(warning("translation.ignored", Location(shown),
                                 "not an XLIFF file (.xlf, .xliff): not used; inputs/translations/ is for "
                                 "translated XLIFF files returned by translators"))
            continue
        if outside(path, root):
            found.append(error("translation.link", Location(shown),
                               "a link to a file outside the inputs folder; it is not followed"))
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
            found.append(error("translation.document", Location(shown),
                               f"the file translates the document '{document.id}', which meeting.yaml does not "
                               f"have (documents: {', '.join(ids) or 'none'}); was it renamed?"))
        elif document.source_language != spec.original_language:
            found.append(error("translation.language", Location(shown),
                               f"the file translates from '{document.source_language}', but "
                               f"{document.id} is written in '{spec.original_language}'"))
        elif document.target_language not in MERGE_LANGUAGES or document.target_language == spec.original_language:
            found.append(error("translation.language", Location(shown),
                               f"ccm-report cannot yet write documents in '{document.target_language}' (it "
                               f"writes {', '.join(MERGE_LANGUAGES)}); keep the file out of inputs/translations/"))
        elif key in out:
            found.append(error("translation.twice", Location(shown),
                               f"{out[key].display} also translates {document.id} into "
                               f"{document.target_language}; keep one of the two"))
        else:
            out[key] = Translation(shown, sha256(data), returned, spec.template)
            for unit_id, problem in returned.problems:
                found.append(warning("translation.code", Location(shown, f"unit {unit_id}"), problem))
    return out, found


def scan_folder(folder: Path, section_id: str, root: Path | None = None) -> SectionFolder:
    """Which file in a section's folder is the draft: the newest readable one.

    A link that leads out of ``root`` (the inputs folder), and a file still being
    written, are set aside with the others that are not drafts.
    """
    where = display(folder)
    root = root or folder
    if not folder.is_dir() or outside(folder, root):
        return SectionFolder(section_id, where, None)
    candidates: list[DraftFile] = []
    ignored: list[str] = []
    set_aside: list[tuple[str, str]] = []
    for entry in sorted(folder.iterdir()):
        name = display(Path(entry.name))
        if name.startswith(".") or name.startswith("~$") or not entry.is_file() \
                or entry.suffix.lower() not in DRAFT_SUFFIXES:
            ignored.append(name)
            continue
        reason = ""
        if outside(entry, root):
            reason = "a link to a file outside the inputs folder: not followed"
        else:
            try:
                data = read_stable(entry)
            except FileChanging:
                reason = "changed while it was read: still being copied? build again"
        if reason:
            set_aside.append((name, reason))
            ignored.append(f"{name} ({reason})")
            continue
        candidates.append(DraftFile(entry, display(entry), saved_at(entry), sha256(data)))
    if not candidates:
        return SectionFolder(section_id, where, None, (), tuple(ignored), tuple(set_aside))
    candidates.sort(key=lambda f: (f.modified, f.path.name), reverse=True)
    return SectionFolder(section_id, where, candidates[0], tuple(candidates[1:]), tuple(ignored),
                         tuple(set_aside))


# Where a package records when its author last saved it.
_SAVED_MARKS = {
    ".docx": ("docProps/core.xml", re.compile(rb"<dcterms:modified[^>]*>([^<]+)<")),
    ".odt": ("meta.xml", re.compile(rb"<dc:date>([^<]+)<")),
}
_METADATA_LIMIT = 1 << 20  # bytes; metadata parts are a few hundred


def saved_at(path: Path) -> dt.datetime:
    """When the author last saved the file: the date Word or LibreOffice records inside it.

    The file system's date is the fallback (Markdown, or no date inside): a
    download or a git clone resets it, the recorded save date survives both.
    """
    mark = _SAVED_MARKS.get(path.suffix.lower())
    if mark is not None:
        try:
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo(mark[0])
                if info.file_size <= _METADATA_LIMIT:
                    found = mark[1].search(archive.read(info))
                    if found:
                        when = dt.datetime.fromisoformat(found.group(1).decode("ascii").strip().replace("Z", "+00:00"))
                        return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
        except (*packages.PACKAGE_ERRORS, UnicodeDecodeError):
            pass
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.timezone.utc)


def _folder_notes(folder: SectionFolder) -> list[Diagnostic]:
    notes: list[Diagnostic] = []
    for old in folder.superseded:
        notes.append(info("draft.superseded", Location(old.display),
                          f"superseded by the newer {folder.chosen.path.name}"))
    for file_name, reason in folder.set_aside:
        notes.append(warning("draft.set-aside", Location(f"{folder.where}/{file_name}"), reason))
    shown = {f"{file_name} ({reason})" for file_name, reason in folder.set_aside}
    for name in folder.ignored:
        if name not in shown and not name.startswith((".", "~$")):
            notes.append(info("draft.ignored", Location(f"{folder.where}/{name}"),
                              "not a draft (drafts are .docx, .odt, .md, .doc, .rtf or .docm); ignored"))
    return notes


def _section_titles(config: Config) -> dict[str, tuple[str, ...]]:
    """The headings printed above each section: its own, and its chapter's."""
    titles: dict[str, tuple[str, ...]] = {}
    for doc in config.documents:
        for chapter in doc.chapters:
            for section in chapter.sections:
                titles[section.id] = titles.get(section.id, ()) + tuple(
                    t for t in (section.heading, chapter.heading) if t)
    return titles


def tracked_changes_policy(configured: str | None, *, final: bool) -> str:
    """What to do with tracked changes: as meeting.yaml says; unsaid, accept them, except in final mode."""
    if configured:
        return configured
    return "fail" if final else "accept"


def _read_drafts(chosen: list[SectionFolder], policy: str, titles: dict[str, tuple[str, ...]],
                 converter: Converter | None, rename_countries: bool = False,
                 cache: Path | None = None) -> list[tuple]:
    """Each chosen file checked, converted if it is a legacy format, read by pandoc and normalised."""
    results: dict[str, tuple] = {}
    readable: dict[str, Path] = {}
    notes: dict[str, list[Diagnostic]] = {f.section_id: [] for f in chosen}
    for folder in chosen:
        source = folder.chosen
        refusal = packages.inspect(source.path)
        if refusal is not None:
            results[folder.section_id] = (None, None, [warning(f"draft.{refusal.code}", Location(source.display),
                                                               refusal.reason)],
                                          f"the draft {source.path.name} could not be read")
        else:
            readable[folder.section_id] = source.path
    with tempfile.TemporaryDirectory(prefix="ccm-legacy-") as scratch:
        legacy = {sid: path for sid, path in readable.items() if path.suffix.lower() in LEGACY}
        if legacy:
            readable.update(_convert_legacy(legacy, Path(scratch), converter, chosen, results, notes))
        for sid, path in readable.items():
            if path.suffix.lower() == ".odt" and policy != "accept" and _odt_has_changes(path):
                where = {f.section_id: f.chosen.display for f in chosen}[sid]
                notes[sid].append(warning("draft.odt-changes", Location(where),
                                          "tracked changes in .odt drafts are always read as accepted; to "
                                          f"apply '{policy}', save the draft as .docx"))
        prepared_counts: dict[str, Counter] = {}
        for sid, path in list(readable.items()):
            if path.suffix.lower() != ".docx":
                continue
            where = {f.section_id: f.chosen.display for f in chosen}[sid]
            original = path.read_bytes()
            try:
                prepared = docxprep.prepare(original)
            except (*packages.PACKAGE_ERRORS, etree.LxmlError) as exc:
                results[sid] = (None, None, [warning("draft.unreadable", Location(where),
                                                     f"its Word XML is damaged ({type(exc).__name__}); open it "
                                                     "in Word and save it again")],
                                f"the draft {path.name} could not be read")
                del readable[sid]
                continue
            notes[sid].extend(warning(f.code, Location(where, f.place), f.message) for f in prepared.findings)
            prepared_counts[sid] = prepared.counts
            if prepared.data != original:
                copy = Path(scratch) / "prepared" / sid / path.name
                copy.parent.mkdir(parents=True)
                copy.write_bytes(prepared.data)
                readable[sid] = copy
        with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
            read = dict(zip(readable, pool.map(lambda p: _read_ast_safely(p, cache), readable.values())))
        for folder in chosen:
            sid, source = folder.section_id, folder.chosen
            if sid in results:
                continue
            ast, media, problem = read[sid]
            if problem:
                results[sid] = (None, None, notes[sid] + [warning("draft.unreadable", Location(source.display), problem)],
                                f"the draft {source.path.name} could not be read")
                continue
            blocks, draft_stats, found = drafts_mod.normalise(
                ast, where=source.display, policy=policy, titles=titles.get(sid, ()), media=media)
            for what, count in prepared_counts.get(sid, Counter()).items():
                draft_stats.dropped[what] = draft_stats.dropped.get(what, 0) + count
            rewrite = (lambda text: official_names(without_placeholders(text), name_variants())[0]) \
                if rename_countries else without_placeholders
            expected = draft_words(ast, "reject" if policy == "reject" else "accept",
                                   title_dropped="draft title" in draft_stats.dropped, rewrite=rewrite)
            if rename_countries:
                blocks = _official_names(blocks, draft_stats)
            if not blocks:
                found.append(warning("draft.empty", Location(source.display),
                                     "the draft has no text; a placeholder stands in its place"))
                results[sid] = (None, None, notes[sid] + found, f"the draft {source.path.name} has no text")
                continue
            results[sid] = (Draft(sid, source, blocks, folder.superseded, expected), draft_stats,
                            notes[sid] + found, None)
    return [results[f.section_id] for f in chosen]


def _official_names(blocks, draft_stats):
    """Informal country names replaced by UN short names (meeting.yaml: normalise_country_names)."""
    variants = name_variants()
    count = 0

    def change(text: str) -> str:
        nonlocal count
        text, replaced = official_names(text, variants)
        count += replaced
        return text

    blocks = map_text(blocks, change)
    draft_stats.country_names += count
    return blocks


def _odt_has_changes(path: Path) -> bool:
    """Whether an OpenDocument text records tracked changes (its content.xml has a change list)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            return info.file_size < 64 * 2**20 and b"<text:tracked-changes" in archive.read(info)
    except packages.PACKAGE_ERRORS:
        return False


def _read_ast_safely(path: Path, cache: Path | None = None):
    try:
        ast, media = read_ast(path, cache=cache)
    except DraftUnreadable as exc:
        return None, None, str(exc)
    return ast, media, None


def _convert_legacy(legacy: dict[str, Path], scratch: Path, converter: Converter | None,
                    chosen: list[SectionFolder], results: dict, notes: dict) -> dict[str, Path]:
    """.doc, .rtf and .docm drafts as .docx, by LibreOffice (which runs no macros)."""
    by_section = {f.section_id: f.chosen for f in chosen}
    if converter is None or not converter.available():
        for sid, path in legacy.items():
            results[sid] = (None, None, [warning("draft.legacy", Location(by_section[sid].display),
                                                 f"{path.suffix} drafts need LibreOffice, which is not installed; "
                                                 "save the file as .docx")], f"the draft {path.name} could not be read")
        return {}
    converted: dict[str, Path] = {}
    # Copies with numbered names: two sections may send files of the same name.
    jobs = []
    for index, (sid, path) in enumerate(sorted(legacy.items())):
        copy = scratch / f"{index}-{path.name}"
        shutil.copyfile(path, copy)
        jobs.append((sid, path, copy))
    outcomes = converter.convert([copy for _, _, copy in jobs], scratch / "docx", to="docx")
    for (sid, path, _copy), outcome in zip(jobs, outcomes):
        where = Location(by_section[sid].display)
        if outcome.output is None:
            results[sid] = (None, None, [warning("draft.unreadable", where,
                                                 f"LibreOffice could not convert it ({outcome.problem}); "
                                                 "save it again from Word as .docx")],
                            f"the draft {path.name} could not be read")
            continue
        if path.suffix.lower() == ".docm":
            notes[sid].append(warning("draft.macros", where, "the file contains macros; they were not run "
                                      "and are not carried into the document (save drafts as .docx)"))
        else:
            notes[sid].append(info("draft.legacy", where, f"converted from {path.suffix} by LibreOffice; "
                                   "a .docx keeps more of the formatting"))
        converted[sid] = outcome.output
    return converted


def read_data(data_dir: Path) -> tuple[Dataset, dict[str, str], list[Diagnostic]]:
    """The merged records of every workbook in ``inputs/data``, read against its schema.yaml."""
    hashes: dict[str, str] = {}
    schema_path = data_dir / "schema.yaml"
    if not schema_path.is_file():
        return Dataset(), hashes, [error("data.schema", Location(display(schema_path)),
                                         "the data schema is missing; restore inputs/data/schema.yaml "
                                         "from the sample")]
    raw = schema_path.read_bytes()
    hashes[display(schema_path)] = sha256(raw)
    schemas, problems = workbook.parse_schema(raw.decode("utf-8", "replace"), display(schema_path))
    per_file = []
    for path in sorted(list(data_dir.glob("*.xlsx")) + list(data_dir.glob("*.xlsm"))):
        if path.name.startswith("~$"):
            continue
        if outside(path, data_dir):
            problems.append(error("data.link", Location(display(path)),
                                  "a link to a file outside the inputs folder; it is not followed"))
            continue
        try:
            hashes[display(path)] = sha256(read_stable(path))
        except FileChanging:
            problems.append(error("data.changing", Location(display(path)),
                                  "the workbook changed while it was read (still being copied?); build again"))
            continue
        if path.suffix.lower() == ".xlsm":
            problems.append(warning("data.macros", Location(display(path)),
                                    "the workbook contains macros; they are never run, and only its cells are read"))
        records, found = workbook.read_workbook(path, display(path), schemas)
        per_file.append(records)
        problems.extend(found)
    dataset, found = workbook.merge(per_file, schemas)
    problems.extend(found)
    return dataset, hashes, problems
