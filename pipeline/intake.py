"""Intake: read every input into typed, immutable values that remember their origin.

This is the input edge: it lists folders, opens files and runs pandoc. It does
not judge (that is :mod:`pipeline.validate`), except to say that a file could
not be read at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from . import drafts as drafts_mod
from . import workbook
from .config import parse_meeting
from .errors import Diagnostic, Location, error, info, warning
from .model import Config, Dataset, Draft, DraftFile, SectionFolder
from .pandoc import READERS, DraftUnreadable, read_ast

DRAFT_SUFFIXES = tuple(READERS)
# Formats a coordinator may send that need converting first (later: through LibreOffice).
CONVERTIBLE = (".doc", ".rtf", ".docm", ".dotx", ".pages")


@dataclass(frozen=True)
class Inputs:
    """Everything intake read: configuration, templates, drafts, data and findings."""

    inputs_dir: Path
    templates_dir: Path
    config: Config | None
    templates: Mapping[str, bytes]
    drafts: Mapping[str, Draft]
    folders: Mapping[str, SectionFolder]
    problems: Mapping[str, str]  # section id -> why its draft could not be used
    stats: Mapping[str, drafts_mod.DraftStats]
    data: Dataset
    hashes: Mapping[str, str]  # display path -> sha256, of every file read
    diagnostics: tuple[Diagnostic, ...]


def display(path: Path) -> str:
    """A path as the user knows it: relative to the working folder when under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_inputs(inputs_dir: Path, templates_dir: Path) -> Inputs:
    diagnostics: list[Diagnostic] = []
    hashes: dict[str, str] = {}
    meeting_path = inputs_dir / "meeting.yaml"
    config = None
    if not meeting_path.is_file():
        diagnostics.append(error("config.missing", Location(display(meeting_path)),
                                 "meeting.yaml is missing; copy the sample from the README into it"))
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
    stats: dict[str, drafts_mod.DraftStats] = {}
    if config is not None:
        for doc in config.documents:
            path = templates_dir / doc.template
            if doc.template in templates:
                continue
            if not path.is_file():
                diagnostics.append(error("config.template", Location(display(meeting_path)),
                                         f"document '{doc.id}': template '{doc.template}' not found in "
                                         f"{display(templates_dir)}/"))
                continue
            templates[doc.template] = path.read_bytes()
            hashes[display(path)] = sha256(templates[doc.template])
        section_ids = list(dict.fromkeys(s.id for d in config.documents for s in d.sections))
        drafts_dir = inputs_dir / "drafts"
        for section_id in section_ids:
            folders[section_id] = scan_folder(drafts_dir / section_id, section_id)
        if drafts_dir.is_dir():
            for entry in sorted(drafts_dir.iterdir()):
                if entry.is_dir() and entry.name not in folders and not entry.name.startswith("."):
                    diagnostics.append(warning("draft.folder", Location(display(entry)),
                                               f"no section in meeting.yaml has the id '{entry.name}'; "
                                               "its drafts are not used (rename the folder to a section id)"))
        for folder in folders.values():
            diagnostics.extend(_folder_notes(folder))
        chosen = [f for f in folders.values() if f.chosen is not None]
        titles = _section_titles(config)
        with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
            results = list(pool.map(
                lambda f: _read_draft(f, config.drafts.tracked_changes, titles.get(f.section_id, ())),
                chosen))
        for folder, (draft, draft_stats, found, problem) in zip(chosen, results):
            hashes[folder.chosen.display] = folder.chosen.sha256
            diagnostics.extend(found)
            if draft is not None:
                drafts[folder.section_id] = draft
                stats[folder.section_id] = draft_stats
            if problem:
                problems[folder.section_id] = problem

    data, data_hashes, data_found = read_data(inputs_dir / "data")
    hashes.update(data_hashes)
    diagnostics.extend(data_found)
    return Inputs(
        inputs_dir=inputs_dir, templates_dir=templates_dir, config=config,
        templates=MappingProxyType(templates), drafts=MappingProxyType(drafts),
        folders=MappingProxyType(folders), problems=MappingProxyType(problems),
        stats=MappingProxyType(stats), data=data, hashes=MappingProxyType(hashes),
        diagnostics=tuple(diagnostics),
    )


def scan_folder(folder: Path, section_id: str) -> SectionFolder:
    """Which file in a section's folder is the draft: the newest readable one."""
    where = display(folder)
    if not folder.is_dir():
        return SectionFolder(section_id, where, None)
    candidates: list[DraftFile] = []
    ignored: list[str] = []
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name.startswith(".") or name.startswith("~$") or not entry.is_file() \
                or entry.suffix.lower() not in DRAFT_SUFFIXES:
            ignored.append(name)
            continue
        data = entry.read_bytes()
        candidates.append(DraftFile(entry, display(entry), saved_at(entry), sha256(data)))
    if not candidates:
        return SectionFolder(section_id, where, None, (), tuple(ignored))
    candidates.sort(key=lambda f: (f.modified, f.path.name), reverse=True)
    return SectionFolder(section_id, where, candidates[0], tuple(candidates[1:]), tuple(ignored))


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
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, UnicodeDecodeError):
            pass
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.timezone.utc)


def _folder_notes(folder: SectionFolder) -> list[Diagnostic]:
    notes: list[Diagnostic] = []
    for old in folder.superseded:
        notes.append(info("draft.superseded", Location(old.display),
                          f"superseded by the newer {folder.chosen.path.name}"))
    for name in folder.ignored:
        if Path(name).suffix.lower() in CONVERTIBLE:
            notes.append(warning("draft.format", Location(f"{folder.where}/{name}"),
                                 f"{Path(name).suffix} files are not read yet; open it in Word "
                                 "and save it as .docx in the same folder"))
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


def _read_draft(folder: SectionFolder, policy: str, titles: tuple[str, ...]):
    source = folder.chosen
    try:
        ast = read_ast(source.path)
    except DraftUnreadable as exc:
        return None, None, [warning("draft.unreadable", Location(source.display), str(exc))], \
            f"the draft {source.path.name} could not be read"
    blocks, draft_stats, found = drafts_mod.normalise(ast, where=source.display, policy=policy, titles=titles)
    draft = Draft(folder.section_id, source, blocks, folder.superseded)
    return draft, draft_stats, found, None


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
    for path in sorted(data_dir.glob("*.xlsx")):
        if path.name.startswith("~$"):
            continue
        hashes[display(path)] = sha256(path.read_bytes())
        records, found = workbook.read_workbook(path, display(path), schemas)
        per_file.append(records)
        problems.extend(found)
    dataset, found = workbook.merge(per_file, schemas)
    problems.extend(found)
    return dataset, hashes, problems
