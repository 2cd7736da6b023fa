"""Which of a folder's drafts is the section's: the one meeting.yaml pins, else the newest by a date to trust.

A draft's date is the save date Word or LibreOffice records inside it (a download
or a git clone resets the file system's date; the recorded one survives both), a
Markdown draft's the ``date:`` of its YAML front matter; the file's own date is
the fallback. A recorded date is not trusted when it is before the Convention was
adopted (30 May 2008: a reset clock, a zeroed field), after the build day (a
wrong clock), or the fixed date of python-docx's template (a file made by a
script that never set it): the file's date is used instead, with a warning.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path

import yaml

from pipeline.errors import Diagnostic, Location, error, warning
from pipeline.intake.schema import INVALID, TEXT, Kind
from pipeline.model import DraftFile, DraftPin
from pipeline.ooxml import package as packages

CONVENTION_ADOPTED = dt.date(2008, 5, 30)  # Dublin: no draft of its meetings is older
PINNED = "pinned in meeting.yaml"  # the why of a pinned draft
# python-docx's default.docx records this created and modified date; a document made with it keeps it
# unless the script sets its own. The one fixed template date known: pandoc, LibreOffice, Word, docx.js
# and Apache POI record the time of writing (pandoc's SOURCE_DATE_EPOCH=0 gives 1970, before 2008).
TEMPLATE_DATES = {dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC): "python-docx's default"}

# Where a package records when its author last saved it, and else when it was created.
_RECORDED = {
    ".docx": ("docProps/core.xml", (rb"<dcterms:modified[^>]*>([^<]+)<", rb"<dcterms:created[^>]*>([^<]+)<")),
    ".odt": ("meta.xml", (rb"<dc:date>([^<]+)<", rb"<meta:creation-date>([^<]+)<")),
}
# A date without its zone (LibreOffice writes local time) is read as UTC: up to 14 hours ahead of the moment.
_AHEAD = dt.timedelta(hours=14)
_METADATA_LIMIT = 1 << 20  # bytes; metadata parts are a few hundred
# Pandoc's YAML metadata block at the top: "---" (not followed by a blank line: that is a rule), to "---" or "...".
_FRONT_MATTER = re.compile(
    rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(?![ \t]*\r?\n)(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.DOTALL | re.MULTILINE
)
_FRONT_MATTER_LIMIT = 64 * 1024  # bytes; a front matter is a few lines


class DraftName(Kind):
    """meeting.yaml's ``draft:`` of a section: a file name in the section's folder (not a path), with its line."""

    name = "a file name"

    def read(self, node, ctx, at):
        name = TEXT.read(node, ctx, at)
        if name is INVALID:
            return INVALID
        if "/" in name or "\\" in name or name in (".", ".."):
            ctx.fail(node, at, f"{name!r} is a path; write only the file's name, as it is in inputs/drafts/<section>/")
            return INVALID
        return DraftPin(name, node.start_mark.line + 1)


DRAFT_PIN = DraftName()


def _parse(text: bytes) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(text.decode("ascii").strip().replace("Z", "+00:00"))
    except ValueError:  # not ASCII, or not a date
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def recorded_date(data: bytes, suffix: str) -> dt.datetime | None:
    """The save date a .docx or .odt records (else its creation date), or None."""
    mark = _RECORDED.get(suffix.lower())
    if mark is None:
        return None
    part, patterns = mark
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(part)
            recorded = archive.read(info) if info.file_size <= _METADATA_LIMIT else b""
    except KeyError:  # getinfo: the package records no date
        return None
    except packages.PACKAGE_ERRORS:  # damaged: the draft's own reading will say so
        return None
    for regex in patterns:
        found = re.search(regex, recorded)
        when = _parse(found.group(1)) if found else None
        if when is not None:
            return when
    return None


def front_matter_date(data: bytes) -> tuple[dt.datetime | None, str]:
    """The ``date:`` of a Markdown draft's YAML front matter (None when it has none), and what is wrong with it."""
    found = _FRONT_MATTER.match(data[:_FRONT_MATTER_LIMIT])
    if not found:
        return None, ""
    try:
        meta = yaml.safe_load(found.group(1).decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2} of the file)" if mark is not None else ""  # +1: 0-based, +1: the '---'
        return None, f"its front matter is not valid YAML{where}"
    if not isinstance(meta, dict) or meta.get("date") is None:
        return None, ""
    value = meta["date"]
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)), ""
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC), ""
    when = _parse(str(value).encode("ascii", "replace"))
    if when is None:
        return None, f"the date {str(value)[:40]!r} in its front matter is not a date; write it as date: 2025-07-09"
    return when, ""


def distrust(when: dt.datetime, now: dt.datetime, what: str) -> str:
    """Why a recorded date cannot rank a draft ("" when it can): ``what`` names it ("saved date")."""
    template = TEMPLATE_DATES.get(when.astimezone(dt.UTC))
    if template:
        return f"its {what} {when:%Y-%m-%d} is {template}, not a real save date"
    if when.date() < CONVENTION_ADOPTED:
        return f"its {what} {when:%Y-%m-%d} is before the Convention was adopted (30 May 2008)"
    if when > now + _AHEAD:
        return f"its {what} {when:%Y-%m-%d} is in the future (the build day is {now:%Y-%m-%d})"
    return ""


def draft_date(path: Path, data: bytes, now: dt.datetime) -> tuple[dt.datetime, str, str]:
    """The date a draft is ranked by, what that date is ("saved date", "front-matter date", "file date", "file
    date: saved date not trusted"), and why the date recorded inside was not used ("" when it was, or none)."""
    problem = ""
    if path.suffix.lower() == ".md":
        when, problem = front_matter_date(data)
        what = "front-matter date"
    else:
        when, what = recorded_date(data, path.suffix), "saved date"
    file_date = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    if problem:
        return file_date, f"file date: {what} not readable", problem
    if when is None:
        return file_date, "file date", ""
    reason = distrust(when, now, "saved date" if what == "saved date" else "date in front matter")
    if reason:
        return file_date, f"file date: {what} not trusted", reason
    return when, what, ""


def choose(candidates: list[DraftFile], pin: DraftPin | None) -> tuple[DraftFile, tuple[DraftFile, ...]]:
    """The section's draft (its ``why`` said) and the others: the pinned file when it is there, else the newest."""
    pinned = [f for f in candidates if pin is not None and _same_name(f.path.name, pin.file)]
    if pinned:
        rest = [f for f in candidates if f is not pinned[0]]
        return replace(pinned[0], why=PINNED), tuple(replace(f, why="") for f in rest)
    ranked = sorted(candidates, key=lambda f: (f.modified, f.path.name), reverse=True)
    basis = ranked[0].why or "file date"  # scan_folder's candidates carry what their date is, until chosen
    chosen = replace(ranked[0], why=f"newest {basis}" if len(ranked) > 1 else basis)
    return chosen, tuple(replace(f, why="") for f in ranked[1:])


def _same_name(a: str, b: str) -> bool:
    """The same file name, however its accents are composed (macOS writes them decomposed)."""
    return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)


def pin_findings(
    pin: DraftPin, where: str, present: list[str], meeting: str, unusable: dict[str, str] | None = None
) -> list[Diagnostic]:
    """An error when ``pin`` names no draft among ``present`` (the folder's draft files), at meeting.yaml's line;
    ``unusable`` are the folder's other files, with the reason each is not read.
    The build stops on it; ``validate`` checks the rest with the newest draft read meanwhile."""
    if any(_same_name(name, pin.file) for name in present):
        return []
    at = Location(meeting, str(pin.line))
    for name, reason in (unusable or {}).items():  # there, but not a draft that can be read
        if _same_name(name, pin.file):
            return [
                error("draft.pin-missing", at, f"the pinned draft “{pin.file}” in {where} cannot be used: {reason}")
            ]
    present = sorted(present, key=str.casefold)
    near = difflib.get_close_matches(pin.file, present, n=1, cutoff=0.4) if present else []
    holds = f"it holds {', '.join(present)}" if present else "it holds no draft"
    hint = f"; did you mean “{near[0]}”?" if near else "; drop the pin or add the file"
    return [error("draft.pin-missing", at, f"the pinned draft “{pin.file}” is not in {where} ({holds}){hint}")]


def date_findings(files: tuple[DraftFile, ...]) -> list[Diagnostic]:
    """A warning for each draft whose recorded date was not used: not trusted, or not readable."""
    return [
        warning("draft.date-untrusted", Location(f.display), f"{f.distrust}; the file's own date is used")
        for f in files
        if f.distrust
    ]
