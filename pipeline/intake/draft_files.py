"""The chosen drafts read: checked, converted from legacy formats, read by pandoc, normalised."""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from pipeline.errors import Diagnostic, Location, info, warning
from pipeline.intake import drafts as drafts_mod
from pipeline.intake.folders import LEGACY
from pipeline.intake.pandoc import DraftUnreadable, read_ast
from pipeline.intake.words import draft_words
from pipeline.model import Config, Draft, DraftFile, SectionFolder
from pipeline.model.blocks import map_text, without_placeholders
from pipeline.ooxml import draftprep as docxprep
from pipeline.ooxml import package as packages
from pipeline.reference import name_variants, official_names

if TYPE_CHECKING:  # the build passes its converter in: intake does not start LibreOffice itself
    from pipeline.convert import Converter


def section_titles(config: Config) -> dict[str, tuple[str, ...]]:
    """The headings printed above each section: its own, and its chapter's."""
    titles: dict[str, tuple[str, ...]] = {}
    for doc in config.documents:
        for chapter in doc.chapters:
            for section in chapter.sections:
                titles[section.id] = titles.get(section.id, ()) + tuple(
                    t for t in (section.heading, chapter.heading) if t
                )
    return titles


def tracked_changes_policy(configured: str | None, *, final: bool) -> str:
    """What to do with tracked changes: as meeting.yaml says; unsaid, accept them, except in final mode."""
    if configured:
        return configured
    return "fail" if final else "accept"


def read_drafts(
    chosen: list[SectionFolder],
    policy: str,
    titles: dict[str, tuple[str, ...]],
    converter: Converter | None,
    rename_countries: bool = False,
    cache: Path | None = None,
) -> list[tuple]:
    """Each chosen file checked, converted if it is a legacy format, read by pandoc and normalised."""
    results: dict[str, tuple] = {}
    readable: dict[str, Path] = {}
    notes: dict[str, list[Diagnostic]] = {f.section_id: [] for f in chosen}
    sources: dict[str, DraftFile] = {}
    for folder in chosen:
        # The callers (read_inputs, the fuzz target) pass only folders in which scan_folder chose a file.
        assert folder.chosen is not None, f"no chosen draft in {folder.where}"
        sources[folder.section_id] = folder.chosen
    for folder in chosen:
        source = sources[folder.section_id]
        refusal = packages.inspect(source.path)
        if refusal is not None:
            results[folder.section_id] = (
                None,
                None,
                [warning(f"draft.{refusal.code}", Location(source.display), refusal.reason)],
                f"the draft {source.path.name} could not be read",
            )
        else:
            readable[folder.section_id] = source.path
    with tempfile.TemporaryDirectory(prefix="ccm-legacy-") as scratch:
        legacy = {sid: path for sid, path in readable.items() if path.suffix.lower() in LEGACY}
        if legacy:
            readable.update(_convert_legacy(legacy, Path(scratch), converter, sources, results, notes))
        for sid, path in readable.items():
            if path.suffix.lower() == ".odt" and policy != "accept" and _odt_has_changes(path):
                where = sources[sid].display
                notes[sid].append(
                    warning(
                        "draft.odt-changes",
                        Location(where),
                        "tracked changes in .odt drafts are always read as accepted; to "
                        f"apply '{policy}', save the draft as .docx",
                    )
                )
        prepared_counts: dict[str, Counter] = {}
        for sid, path in list(readable.items()):
            if path.suffix.lower() != ".docx":
                continue
            where = sources[sid].display
            original = path.read_bytes()
            try:
                prepared = docxprep.prepare(original)
            except (*packages.PACKAGE_ERRORS, etree.LxmlError):
                results[sid] = (
                    None,
                    None,
                    [
                        warning(
                            "draft.unreadable",
                            Location(where),
                            "its Word XML is damaged; open it in Word and save it again",
                        )
                    ],
                    f"the draft {path.name} could not be read",
                )
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
            read = dict(zip(readable, pool.map(lambda p: _read_ast_safely(p, cache), readable.values()), strict=True))
        for folder in chosen:
            sid, source = folder.section_id, sources[folder.section_id]
            if sid in results:
                continue
            ast, media, problem = read[sid]
            if problem:
                unreadable = warning("draft.unreadable", Location(source.display), problem)
                results[sid] = (
                    None,
                    None,
                    notes[sid] + [unreadable],
                    f"the draft {source.path.name} could not be read",
                )
                continue
            blocks, draft_stats, found = drafts_mod.normalise(
                ast, where=source.display, policy=policy, titles=titles.get(sid, ()), media=media
            )
            for what, count in prepared_counts.get(sid, Counter()).items():
                draft_stats.dropped[what] = draft_stats.dropped.get(what, 0) + count
            rewrite = (
                (lambda text: official_names(without_placeholders(text), name_variants())[0])
                if rename_countries
                else without_placeholders
            )
            expected = draft_words(
                ast,
                "reject" if policy == "reject" else "accept",
                title_dropped="draft title" in draft_stats.dropped,
                rewrite=rewrite,
            )
            if rename_countries:
                blocks = _official_names(blocks, draft_stats)
            if not blocks:
                found.append(
                    warning(
                        "draft.empty",
                        Location(source.display),
                        "the draft has no text; a placeholder stands in its place",
                    )
                )
                results[sid] = (None, None, notes[sid] + found, f"the draft {source.path.name} has no text")
                continue
            results[sid] = (
                Draft(sid, source, blocks, folder.superseded, expected),
                draft_stats,
                notes[sid] + found,
                None,
            )
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
    except KeyError:  # getinfo: no content.xml, nothing to track (pandoc will say the file is damaged)
        return False
    except packages.PACKAGE_ERRORS:
        return False


def _read_ast_safely(path: Path, cache: Path | None = None):
    try:
        ast, media = read_ast(path, cache=cache)
    except DraftUnreadable as exc:
        return None, None, str(exc)
    return ast, media, None


def _convert_legacy(
    legacy: dict[str, Path],
    scratch: Path,
    converter: Converter | None,
    by_section: dict[str, DraftFile],
    results: dict,
    notes: dict,
) -> dict[str, Path]:
    """.doc, .rtf and .docm drafts as .docx, by LibreOffice (which runs no macros)."""
    if converter is None or not converter.available():
        for sid, path in legacy.items():
            results[sid] = (
                None,
                None,
                [
                    warning(
                        "draft.legacy",
                        Location(by_section[sid].display),
                        f"{path.suffix} drafts need LibreOffice, which is not installed; save the file as .docx",
                    )
                ],
                f"the draft {path.name} could not be read",
            )
        return {}
    converted: dict[str, Path] = {}
    # Copies with numbered names: two sections may send files of the same name.
    jobs = []
    for index, (sid, path) in enumerate(sorted(legacy.items())):
        copy = scratch / f"{index}-{path.name}"
        shutil.copyfile(path, copy)
        jobs.append((sid, path, copy))
    outcomes = converter.convert([copy for _, _, copy in jobs], scratch / "docx", to="docx")
    for (sid, path, _copy), outcome in zip(jobs, outcomes, strict=True):
        where = Location(by_section[sid].display)
        if outcome.output is None:
            results[sid] = (
                None,
                None,
                [
                    warning(
                        "draft.unreadable",
                        where,
                        f"LibreOffice could not convert it ({outcome.problem}); save it again from Word as .docx",
                    )
                ],
                f"the draft {path.name} could not be read",
            )
            continue
        if path.suffix.lower() == ".docm":
            notes[sid].append(
                warning(
                    "draft.macros",
                    where,
                    "the file contains macros; they were not run "
                    "and are not carried into the document (save drafts as .docx)",
                )
            )
        else:
            notes[sid].append(
                info(
                    "draft.legacy",
                    where,
                    f"converted from {path.suffix} by LibreOffice; a .docx keeps more of the formatting",
                )
            )
        converted[sid] = outcome.output
    return converted
