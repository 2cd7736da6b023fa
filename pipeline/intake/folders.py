"""A section's drafts folder: which file is the draft (pinned, or the newest saved), and what is set aside."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from pipeline.errors import Diagnostic, Location, info, warning
from pipeline.intake.draft_dates import PINNED, choose, date_findings, draft_date
from pipeline.intake.files import FileChanging, display, outside, read_stable, sha256
from pipeline.intake.pandoc import READERS
from pipeline.model import DraftFile, DraftPin, SectionFolder

# Formats pandoc reads, and formats LibreOffice turns into .docx first.
LEGACY = (".doc", ".rtf", ".docm")
DRAFT_SUFFIXES = tuple(READERS) + LEGACY
PREVIOUS = "previous"  # drafts/<section>/previous/: the meeting before's last draft (new-meeting), never read


def scan_folder(
    folder: Path,
    section_id: str,
    root: Path | None = None,
    pin: DraftPin | None = None,
    now: dt.datetime | None = None,
) -> SectionFolder:
    """Which file in a section's folder is the draft: the one meeting.yaml pins, else the newest readable one
    by the date to trust (:mod:`pipeline.intake.draft_dates`; ``now`` is the build's time).

    A link that leads out of ``root`` (the inputs folder), and a file still being
    written, are set aside with the others that are not drafts.
    """
    now = now or dt.datetime.now(dt.UTC)
    where = display(folder)
    root = root or folder
    if not folder.is_dir() or outside(folder, root):
        return SectionFolder(section_id, where, None)
    candidates: list[DraftFile] = []
    ignored: list[str] = []
    set_aside: list[tuple[str, str]] = []
    for entry in sorted(folder.iterdir()):
        name = display(Path(entry.name))
        if entry.name == PREVIOUS and entry.is_dir():
            continue
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
        when, basis, distrust = draft_date(entry, data, now)
        candidates.append(DraftFile(entry, display(entry), when, sha256(data), basis, distrust))
    if not candidates:
        return SectionFolder(section_id, where, None, (), tuple(ignored), tuple(set_aside))
    chosen, others = choose(candidates, pin)
    return SectionFolder(section_id, where, chosen, others, tuple(ignored), tuple(set_aside))


def fall_back(folder: SectionFolder, refusal: str) -> SectionFolder | None:
    """The folder with its chosen file, which could not be read, set aside for the draft before it: a bad
    file dropped in never displaces a good one. None when the file was pinned or there is none before it."""
    broken = folder.chosen
    if broken is None or broken.why == PINNED or not folder.superseded:
        return None
    previous = folder.superseded[0]
    reason = f"{refusal.rstrip('.')}; the draft before it, {previous.path.name}, is used instead"
    return replace(
        folder,
        chosen=replace(previous, why="the newest that could be read"),
        superseded=folder.superseded[1:],
        ignored=(*folder.ignored, f"{broken.path.name} ({reason})"),
        set_aside=(*folder.set_aside, (broken.path.name, reason)),
    )


def saved_at(path: Path, now: dt.datetime | None = None) -> dt.datetime:
    """The date a draft is ranked by: the save date Word or LibreOffice records inside it (a Markdown
    draft's front-matter date) when it can be trusted, else the file system's date."""
    return draft_date(path, path.read_bytes(), now or dt.datetime.now(dt.UTC))[0]


def folder_notes(folder: SectionFolder) -> list[Diagnostic]:
    notes: list[Diagnostic] = []
    pinned = folder.chosen is not None and folder.chosen.why == PINNED
    for old in folder.superseded:
        assert folder.chosen is not None  # scan_folder supersedes a file only by the one it chose
        if pinned:
            message = f"set aside: not the pinned draft (meeting.yaml pins {folder.chosen.path.name})"
        else:
            message = f"superseded by the newer {folder.chosen.path.name}"
        notes.append(info("draft.superseded", Location(old.display), message))
    if folder.chosen is not None and not pinned:  # a pinned draft's date decides nothing
        notes.extend(date_findings((folder.chosen, *folder.superseded)))
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
