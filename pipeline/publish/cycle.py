"""From one meeting to the next: the next meeting.yaml, the archive of this meeting, the drafts set aside.

:func:`next_meeting_text` is pure: it edits the current meeting.yaml as text (its comments and layout
kept) into the next meeting's: the ordinal name moved on ("Thirteenth" -> "Fourteenth", "13MSP" ->
"14MSP" wherever a value says it), the reporting period one year later, and what the UN or the meeting
decides left as marked placeholders: symbols ``CCM/MSP/2026/[number]``, job numbers ``GE.26-[number]``,
dates ``2026-MM-DD``, the President ``[the State presiding]``. :func:`carry_out` does the file moves,
all prepared in a staging folder first, so that a failure leaves everything as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.errors import CcmReportError

_UNITS = "First Second Third Fourth Fifth Sixth Seventh Eighth Ninth".split()
_TEENS = "Tenth Eleventh Twelfth Thirteenth Fourteenth Fifteenth Sixteenth Seventeenth Eighteenth Nineteenth".split()
_TENS = {2: "Twent", 3: "Thirt", 4: "Fort", 5: "Fift", 6: "Sixt", 7: "Sevent", 8: "Eight", 9: "Ninet"}
_CARDINAL_UNITS = "one two three four five six seven eight nine".split()


def ordinal(n: int) -> str:
    """The English ordinal in words, capitalised, as meetings are named: 1 First, 13 Thirteenth, 21 Twenty-first."""
    if not 1 <= n <= 99:
        raise ValueError(f"no ordinal word for {n}")
    if n < 10:
        return _UNITS[n - 1]
    if n < 20:
        return _TEENS[n - 10]
    tens, unit = divmod(n, 10)
    return f"{_TENS[tens]}ieth" if unit == 0 else f"{_TENS[tens]}y-{_UNITS[unit - 1].lower()}"


ORDINALS = {ordinal(n): n for n in range(1, 100)}
_LEADING_ORDINAL = re.compile(r"^(" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")\b")


def meeting_number(name: str) -> tuple[int, str]:
    """The number of the meeting ``name`` starts with, and its word: (13, "Thirteenth")."""
    found = _LEADING_ORDINAL.match(name.strip())
    if not found:
        raise CcmReportError(
            f'meeting.name {name!r} does not start with an ordinal in words ("Thirteenth Meeting of States '
            'Parties"): new-meeting cannot tell which meeting comes next; write the name so, or prepare the '
            "next meeting.yaml by hand"
        )
    return ORDINALS[found.group(1)], found.group(1)


def meeting_slug(name: str, year: int) -> str:
    """The short name the archive folder is named by: "Thirteenth Meeting of States Parties", 2025 ->
    13MSP-2025; "Third Review Conference", 2026 -> 3RC-2026."""
    number, word = meeting_number(name)
    initials = "".join(w[0] for w in name.strip()[len(word) :].split() if w[0].isupper())
    return f"{number}{initials or 'M'}-{year}"


@dataclass(frozen=True)
class NextMeeting:
    """What the next meeting.yaml says, with what it was made from."""

    text: str  # the next meeting.yaml
    name: str  # "Fourteenth Meeting of States Parties"
    previous_name: str  # "Thirteenth Meeting of States Parties"
    slug: str  # of the current meeting: 13MSP-2025, the archive folder's name
    data_year: int  # the calendar year the next progress report's data cover


def next_meeting_text(text: str, header: str = "") -> NextMeeting:
    """The next meeting's meeting.yaml from this one's text (already validated): every value that moves
    on is replaced where it stands, so the file's comments and layout stay; ``header`` (comment lines)
    goes on top."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    name_node = _at(root, "meeting", "name")
    number, word = meeting_number(name_node.value)
    start = _at(root, "meeting", "dates", "start")
    year = _year(start.value)
    edits: dict[tuple[int, int], str] = {}
    moved_on = (
        (re.compile(rf"\b{word}\b"), ordinal(number + 1)),
        (re.compile(rf"\b{word.lower()}\b"), ordinal(number + 1).lower()),
        (re.compile(rf"\b{number}MSP\b"), f"{number + 1}MSP"),
    )
    for node in _values(root):  # the name wherever a value says it: submitted_by, titles, a family's where
        source = text[node.start_mark.index : node.end_mark.index]
        changed = source
        for pattern, replacement in moved_on:
            changed = pattern.sub(replacement, changed)
        if changed != source:
            edits[_span(node)] = changed
    for key in ("start", "end"):
        edits[_span(_at(root, "meeting", "dates", key))] = f"{year + 1}-MM-DD"
        period = _at(root, "meeting", "reporting_period", key)
        edits[_span(period)] = _a_year_later(dt.date.fromisoformat(period.value.strip())).isoformat()
    edits[_span(_at(root, "meeting", "president"))] = _scalar("[the State presiding]")
    for kind, symbol, job in (("documents", "symbol", "job_number"), ("families", "first_symbol", "first_job_number")):
        for item in _items(root, kind):
            edits[_span(_at(item, symbol))] = _scalar(next_symbol(_at(item, symbol).value))
            edits[_span(_at(item, job))] = _scalar(next_job_number(_at(item, job).value))
            edits[_span(_at(item, "date"))] = f"{_year(_at(item, 'date').value) + 1}-MM-DD"
            for dated in _dated(item, "submitted") + [d for s in _sections(item) for d in _dated(s, "due")]:
                edits[_span(dated)] = f"{_year(dated.value) + 1}-MM-DD"
    for dated in _dated(_child(root, "deadlines"), "drafts_due"):  # the calendar moves on with the meeting
        edits[_span(dated)] = f"{_year(dated.value) + 1}-MM-DD"
    for begin, end in _pins(root, text):  # last year's pinned drafts are not this year's: the pins go
        edits[(begin, end)] = ""
    out = text
    for (begin, end), new in sorted(edits.items(), reverse=True):
        out = out[:begin] + new + out[end:]
    period_end = _year(_at(root, "meeting", "reporting_period", "end").value) + 1
    new_name = _LEADING_ORDINAL.sub(ordinal(number + 1), name_node.value.strip(), count=1)
    return NextMeeting(
        header + out, new_name, name_node.value.strip(), meeting_slug(name_node.value, year), period_end - 1
    )


def next_symbol(symbol: str) -> str:
    """CCM/MSP/2025/7 -> CCM/MSP/2026/[number]: the year moves on, the UN assigns the number."""
    found = re.match(r"^(.*?/)(\d{4})(/|$)", symbol.strip())
    if found:
        return f"{found.group(1)}{int(found.group(2)) + 1}/[number]"
    return re.sub(r"(\d+|\[[^\]]*\])$", "[number]", symbol.strip()) if symbol.strip() else "[symbol]"


def next_job_number(job: str) -> str:
    """GE.25-11376 -> GE.26-[number]."""
    found = re.match(r"^([A-Z]+)\.(\d{2})-", job.strip())
    return f"{found.group(1)}.{(int(found.group(2)) + 1) % 100:02d}-[number]" if found else "GE.[yy]-[number]"


def _a_year_later(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _year(value: str) -> int:
    return int(value.strip()[:4])


def _pins(root: yaml.Node, text: str) -> list[tuple[int, int]]:
    """The lines of the sections' ``draft:`` pins (block style, a line each), to remove whole."""
    spans = []
    for document in _items(root, "documents"):
        for chapter in _items(document, "chapters"):
            for section in _items(chapter, "sections"):
                for key, value in section.value if isinstance(section, yaml.MappingNode) else ():
                    if key.value != "draft":
                        continue
                    begin = text.rfind("\n", 0, key.start_mark.index) + 1
                    end = text.find("\n", value.end_mark.index)
                    if text[begin : key.start_mark.index].strip() == "" and end >= 0:
                        spans.append((begin, end + 1))
    return spans


def _scalar(value: str) -> str:
    """``value`` as YAML: plain when it is safe so, else double-quoted."""
    plain = re.fullmatch(r"[A-Za-z0-9][^:#\[\]{},\"'\n]*", value) and value == value.strip()
    return value if plain else json.dumps(value, ensure_ascii=False)


def _span(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.index, node.end_mark.index


def _at(node: yaml.Node, *keys: str) -> yaml.Node:
    for key in keys:
        assert isinstance(node, yaml.MappingNode), key  # the caller validated the file against its schema
        node = next(value for k, value in node.value if k.value == key)
    return node


def _items(root: yaml.Node, key: str) -> list[yaml.Node]:
    found = [value for k, value in root.value if k.value == key]
    return list(found[0].value) if found and isinstance(found[0], yaml.SequenceNode) else []


def _sections(document: yaml.Node) -> list[yaml.Node]:
    return [section for chapter in _items(document, "chapters") for section in _items(chapter, "sections")]


def _dated(node: yaml.Node | None, key: str) -> list[yaml.Node]:
    """The date at ``key`` of a mapping, when it is there and a date (not already a placeholder)."""
    if not isinstance(node, yaml.MappingNode):
        return []
    found = [v for k, v in node.value if k.value == key and isinstance(v, yaml.ScalarNode)]
    return [v for v in found if re.match(r"^\d{4}-\d{2}-\d{2}$", v.value.strip())]


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    return next((v for k, v in node.value if k.value == key), None) if isinstance(node, yaml.MappingNode) else None


def _values(node: yaml.Node):
    """Every scalar value of the tree (not the keys)."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            yield from _values(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _values(item)


# --- the file moves, at the edge ------------------------------------------------------------------


@dataclass(frozen=True)
class Moves:
    """What new-meeting does to the folders, decided before anything is touched."""

    inputs: Path
    outputs: Path
    archive: Path  # archive/13MSP-2025: the meeting's record, inputs/ and outputs/ as they were
    meeting_text: str  # the next meeting.yaml
    keep_drafts: dict[str, Path]  # section id -> its last draft, kept in drafts/<section>/previous/
    sections: tuple[str, ...]  # the section folders to empty
    left_behind: tuple[str, ...] = ("issued", "translations", "acknowledged.yaml")  # in the archive only


def carry_out(moves: Moves) -> None:
    """Archive this meeting and set up the next one's inputs. The new inputs are made in full in a staging
    folder beside inputs/ first; then three renames: outputs/ and inputs/ into the archive, the staging
    folder to inputs/. Whatever fails before the renames leaves everything as it was."""
    if moves.archive.exists():
        raise CcmReportError(f"{moves.archive} already exists: this meeting is archived already")
    staging = moves.inputs.parent / f".{moves.inputs.name}.next-meeting"
    shutil.rmtree(staging, ignore_errors=True)  # left by an interrupted run: only ever ours
    try:
        shutil.copytree(moves.inputs, staging, symlinks=True)
        for name in moves.left_behind:
            _remove(staging / name)
        for section in moves.sections:
            folder = staging / "drafts" / section
            if not folder.is_dir():
                continue
            _remove(folder / "previous")  # the meeting before's: in its own archive
            kept = moves.keep_drafts.get(section)
            for entry in list(folder.iterdir()):
                if kept is not None and entry.name == kept.name:
                    (folder / "previous").mkdir()
                    entry.rename(folder / "previous" / entry.name)
                else:
                    _remove(entry)
        (staging / "meeting.yaml").write_text(moves.meeting_text, encoding="utf-8")
        moves.archive.mkdir(parents=True)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise CcmReportError(f"could not prepare the next meeting ({exc}); nothing was changed") from None
    _swap(moves, staging)


def _swap(moves: Moves, staging: Path) -> None:
    done: list[tuple[Path, Path]] = []
    try:
        if moves.outputs.exists():
            shutil.move(moves.outputs, moves.archive / "outputs")
            done.append((moves.archive / "outputs", moves.outputs))
        moves.inputs.rename(moves.archive / "inputs")
        done.append((moves.archive / "inputs", moves.inputs))
        staging.rename(moves.inputs)
    except OSError as exc:
        for moved, back in reversed(done):
            shutil.move(moved, back)
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(moves.archive, ignore_errors=True)
        raise CcmReportError(f"could not archive the meeting ({exc}); nothing was changed") from None
    cache = moves.archive / "outputs" / ".cache"  # pandoc's readings and the tools' versions: no record
    moves.outputs.mkdir(parents=True, exist_ok=True)
    if cache.is_dir():
        shutil.move(cache, moves.outputs / ".cache")
    keep = moves.archive / "outputs" / ".gitkeep"  # the project's placeholder for an empty outputs/
    if keep.is_file():
        shutil.copy2(keep, moves.outputs / ".gitkeep")
    for lock in (moves.archive / "outputs").glob(".lock"):
        lock.unlink()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
