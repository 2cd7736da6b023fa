"""A workbook's cells, streamed: memory grows with the cells that hold something, never with a sheet's size.

A sheet's XML is read element by element (lxml ``iterparse``), each row dropped
once given, so a sheet declaring ``A1:XFD1048576`` or holding a formatted cell at
XFD1048576 costs what its filled cells cost. Only the parts needed are opened:
the workbook, its relationships, the styles (which cells are dates), the shared
strings and the sheets asked for; pivot tables, charts, drawings and the like
are never parsed. Limits (:class:`Limits`) are checked while streaming, before
the memory is spent. Cell values are typed as openpyxl types them (its date
rules are used): text, int, float, bool, datetime, or None.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from pipeline.ooxml.names import REL_NS
from pipeline.ooxml.opc import rels_name
from pipeline.ooxml.package import PACKAGE_ERRORS

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RELATIONSHIP = f"{{{REL_NS}}}Relationship"
# The safe parser's settings (see pipeline.ooxml.names.PARSER); a DOCTYPE was refused before opening.
SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
MAX_COLUMN, MAX_ROW = 16384, 1048576  # XFD1048576, Excel's last cell


@dataclass(frozen=True)
class Limits:
    """What one workbook may hold; far above a meeting's workbook (the sample: 12 sheets, about 6,000 cells)."""

    cells: int = 2_000_000  # cells holding a value or a formula, in the sheets read
    sheets: int = 200
    shared_strings: int = 1_000_000  # the distinct texts of the workbook


LIMITS = Limits()


class Unreadable(Exception):
    """The workbook cannot be read: ``code`` (damaged, too-large) and a reason in plain words."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


# What a damaged part raises while streamed: the zip and deflate errors, bad XML, a missing part
# (KeyError), a bad number or reference (ValueError), a shared string index out of range.
PART_ERRORS = (*PACKAGE_ERRORS, etree.LxmlError, KeyError, ValueError, IndexError, OverflowError)


@dataclass(frozen=True)
class SheetEntry:
    name: str
    part: str | None  # the worksheet part; None for a chart sheet or a sheet whose part is missing
    state: str  # visible, hidden, veryHidden


@dataclass
class SheetReading:
    """A sheet's rows as they are streamed; ``merged`` and ``unsaved`` are complete once the rows are."""

    rows: Iterator[tuple[Any, ...]]
    merged: list[tuple[str, int]] = field(default_factory=list)  # (range, its last row)
    unsaved: list[tuple[str, str]] = field(default_factory=list)  # (cell, formula) with no saved result


def _stream(archive: zipfile.ZipFile, name: str, *tags: str) -> Iterator[etree._Element]:
    """The part's elements of the given tags, each at its end; each is emptied after use, and so are
    its earlier siblings, so the tree held stays one element deep."""
    with archive.open(name) as part:
        for _event, element in etree.iterparse(part, events=("end",), tag=tags, **SAFE):
            yield element
            element.clear(keep_tail=False)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]


def _text(element: etree._Element) -> str:
    """A shared or inline string's text: its runs, without phonetic guides (rPh)."""
    return "".join(t.text or "" for t in element.iter(f"{MAIN}t") if t.getparent().tag != f"{MAIN}rPh")


class Book:
    """An open .xlsx (already checked by :func:`pipeline.ooxml.package.inspect`): its sheets, read on demand."""

    def __init__(self, path: Path, limits: Limits = LIMITS):
        self.limits = limits
        self.cells = 0
        self._strings: list[str] | None = None
        try:
            self.archive = zipfile.ZipFile(path)
            self._names = set(self.archive.namelist())
            main = next((t for r, t in self._rels("") if r.endswith("/officeDocument")), "xl/workbook.xml")
            self._parts = {r.rsplit("/", 1)[-1]: t for r, t in self._rels(main)}
            targets = dict(self._rels(main, ids=True))
            entries, self.epoch = [], CALENDAR_WINDOWS_1900
            for element in _stream(self.archive, main, f"{MAIN}sheet", f"{MAIN}workbookPr"):
                if element.tag == f"{MAIN}workbookPr":
                    if element.get("date1904", "").lower() in ("1", "true"):
                        self.epoch = CALENDAR_MAC_1904
                    continue
                part = targets.get(element.get(R_ID, ""))
                entries.append(
                    SheetEntry(
                        element.get("name", ""),
                        part if part in self._names and part.endswith(".xml") and "worksheets/" in part else None,
                        element.get("state", "visible"),
                    )
                )
                if len(entries) > limits.sheets:
                    raise Unreadable(
                        "too-large",
                        f"the workbook has more than {limits.sheets:,} sheets (the limit); keep in it the sheets "
                        "inputs/data/schema.yaml declares and move the others to a file outside inputs/data/",
                    )
            self.sheets = tuple(entries)
            self._dates, self._durations = self._styles()
        except Unreadable:
            self.close()
            raise
        except PART_ERRORS:
            self.close()
            raise Unreadable("damaged", _damaged("its list of sheets")) from None

    def close(self) -> None:
        if hasattr(self, "archive"):
            self.archive.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _rels(self, part: str, ids: bool = False) -> list[tuple[str, str]]:
        """(type, or id when ``ids``; target part name) of each internal relationship of ``part``."""
        name = rels_name(part)
        if name not in self._names:
            return []
        folder = posixpath.dirname(part)
        out = []
        for rel in _stream(self.archive, name, RELATIONSHIP):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            target = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            )
            out.append((rel.get("Id" if ids else "Type", ""), target))
        return out

    def _styles(self) -> tuple[frozenset[int], frozenset[int]]:
        """The cell formats (``s`` indexes) that show a date, and those that show a duration, as openpyxl judges."""
        name = self._parts.get("styles")
        if name not in self._names:
            return frozenset(), frozenset()
        custom: dict[int, str] = {}
        formats: list[int] = []
        for element in _stream(self.archive, name, f"{MAIN}numFmt", f"{MAIN}xf"):
            if element.tag == f"{MAIN}numFmt":
                custom[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
            elif element.getparent() is not None and element.getparent().tag == f"{MAIN}cellXfs":
                formats.append(int(element.get("numFmtId") or 0))
        codes = [custom.get(n, BUILTIN_FORMATS.get(n, "")) for n in formats]
        return (
            frozenset(i for i, code in enumerate(codes) if code and is_date_format(code)),
            frozenset(i for i, code in enumerate(codes) if code and is_timedelta_format(code)),
        )

    def _shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            name = self._parts.get("sharedStrings")
            if name in self._names:
                for element in _stream(self.archive, name, f"{MAIN}si"):
                    if len(self._strings) >= self.limits.shared_strings:
                        raise Unreadable(
                            "too-large",
                            f"the workbook holds more than {self.limits.shared_strings:,} different texts (the "
                            "limit); keep only the States Parties' data in it, or split it into several workbooks",
                        )
                    self._strings.append(_text(element))
        return self._strings

    def read(self, entry: SheetEntry) -> SheetReading:
        """The sheet's rows from row 1, each a tuple as long as its last filled cell (gaps as ``()``)."""
        reading = SheetReading(iter(()))
        if entry.part is not None:
            reading.rows = self._rows(entry, reading)
        return reading

    def _rows(self, entry: SheetEntry, reading: SheetReading) -> Iterator[tuple[Any, ...]]:
        try:
            strings = self._shared_strings()
        except PART_ERRORS:
            raise Unreadable("damaged", _damaged("its texts (shared strings)")) from None
        given = last = 0  # the last row number given; the last row number met
        cells: dict[int, Any] = {}
        column = 0
        try:
            assert entry.part is not None
            for element in _stream(self.archive, entry.part, f"{MAIN}c", f"{MAIN}row", f"{MAIN}mergeCell"):
                tag = element.tag
                if tag == f"{MAIN}c":
                    ref = element.get("r")
                    if ref:  # r is optional on both: a cell without it follows the one before, in its row
                        letters, number = _split(ref)
                        column = _column(letters)
                    else:
                        column, number = column + 1, int(element.getparent().get("r") or last + 1)
                    value, formula = self._value(element, strings)
                    if formula is not None and value is None and number >= 2:
                        reading.unsaved.append((ref or f"{_letters(column)}{number}", formula))
                    if value is None and formula is None:
                        continue  # formatted but empty: costs nothing
                    self.cells += 1
                    if self.cells > self.limits.cells:
                        raise Unreadable(
                            "too-large",
                            f"the workbook has more than {self.limits.cells:,} cells with content in the sheets "
                            "read (the limit); keep only the States Parties' data in it (delete copies and other "
                            "tables), or split it into several workbooks",
                        )
                    if value is not None:
                        cells[column] = value
                elif tag == f"{MAIN}row":
                    last = int(element.get("r") or last + 1)
                    if cells:
                        if last <= given:
                            raise ValueError("rows out of order")
                        yield from (() for _ in range(given + 1, last))
                        row: list[Any] = [None] * max(cells)
                        for index, value in cells.items():
                            row[index - 1] = value
                        yield tuple(row)
                        given = last
                    cells, column = {}, 0
                else:
                    ref = element.get("ref", "")
                    reading.merged.append((ref, int(_split(ref.rsplit(":", 1)[-1])[1])))
        except PART_ERRORS:
            raise Unreadable("damaged", _damaged(f"the sheet {entry.name}")) from None

    def _value(self, cell: etree._Element, strings: list[str]) -> tuple[Any, str | None]:
        """The cell's value typed (None when it holds none) and its formula ("=..."), if any."""
        kind = cell.get("t", "n")
        raw, formula = None, None
        for child in cell:
            if child.tag == f"{MAIN}v":
                raw = child.text
            elif child.tag == f"{MAIN}f":
                formula = "=" + (child.text or "")
            elif child.tag == f"{MAIN}is":
                return _text(child), formula
        if raw is None:
            return None, formula
        if kind == "s":
            return strings[int(raw)], formula
        if kind in ("str", "e"):
            return raw, formula
        if kind == "b":
            return bool(int(raw)), formula
        if kind == "d":
            return from_ISO8601(raw), formula
        number: int | float = float(raw) if any(c in raw for c in ".eE") else int(raw)
        style = int(cell.get("s") or 0)  # Excel writes s="" at times: the default format
        if style in self._dates:
            try:
                return from_excel(number, self.epoch, timedelta=style in self._durations), formula
            except (OverflowError, ValueError):
                return "#VALUE!", formula  # a date serial out of range: an error cell, as openpyxl reads it
        return number, formula


def _split(ref: str) -> tuple[str, int]:
    match = CELL_REF.match(ref)
    if match is None or not 1 <= int(match[2]) <= MAX_ROW:
        raise ValueError(f"not a cell: {ref!r}")
    return match[1], int(match[2])


def _column(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    if index > MAX_COLUMN:
        raise ValueError(f"not a column: {letters}")
    return index


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _damaged(what: str) -> str:
    return (
        f"this workbook is damaged inside ({what} cannot be read); open it in Excel, save it again "
        "as .xlsx, and check its figures"
    )
