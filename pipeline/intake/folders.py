"""A section's drafts folder: which file is the draft (the newest saved), and what is set aside."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from pipeline.errors import Diagnostic, Location, info, warning
from pipeline.intake.files import FileChanging, display, outside, read_stable, sha256
from pipeline.intake.pandoc import READERS
from pipeline.model import DraftFile, SectionFolder
from pipeline.ooxml import package as packages

# Formats pandoc reads, and formats LibreOffice turns into .docx first.
LEGACY = (".doc", ".rtf", ".docm")
DRAFT_SUFFIXES = tuple(READERS) + LEGACY


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
        if (
            name.startswith(".")
            or name.startswith("~$")
            or not entry.is_file()
            or entry.suffix.lower() not in DRAFT_SUFFIXES
        ):
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
    return SectionFolder(section_id, where, candidates[0], tuple(candidates[1:]), tuple(ignored), tuple(set_aside))


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
        recorded = b""
        try:
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo(mark[0])
                if info.file_size <= _METADATA_LIMIT:
                    recorded = archive.read(info)
        except KeyError:  # getinfo: the package records no save date
            pass
        except packages.PACKAGE_ERRORS:  # damaged: the draft's own reading will say so
            pass
        found = mark[1].search(recorded)
        if found:
            try:
                when = dt.datetime.fromisoformat(found.group(1).decode("ascii").strip().replace("Z", "+00:00"))
            except ValueError:  # not ASCII, or not a date: the file system's date stands in
                pass
            else:
                return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)


def folder_notes(folder: SectionFolder) -> list[Diagnostic]:
    notes: list[Diagnostic] = []
    for old in folder.superseded:
        assert folder.chosen is not None  # scan_folder supersedes a file only by the newer one it chose
        notes.append(
            info("draft.superseded", Location(old.display), f"superseded by the newer {folder.chosen.path.name}")
        )
    for file_name, reason in folder.set_aside:
        notes.append(warning("draft.set-aside", Location(f"{folder.where}/{file_name}"), reason))
    shown = {f"{file_name} ({reason})" for file_name, reason in folder.set_aside}
    for name in folder.ignored:
        if name not in shown and not name.startswith((".", "~$")):
            notes.append(
                info(
                    "draft.ignored",
                    Location(f"{folder.where}/{name}"),
                    "not a draft (drafts are .docx, .odt, .md, .doc, .rtf or .docm); ignored",
                )
            )
    return notes
