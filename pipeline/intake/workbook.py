"""States Parties' data: workbooks read against the declared sheet schema.

The schema (``inputs/data/schema.yaml``) says which sheets and columns exist,
their types and which are required; this module turns the sheets' rows into
typed :class:`~pipeline.model.Record` s that remember their cell, and reports
every bad cell as ``file:Sheet!D14``. Reading is the edge (:mod:`pipeline.intake.xlsx`
streams the cells); :func:`records_from_rows` is pure.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zipfile
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from openpyxl.utils import get_column_letter

from pipeline.errors import Diagnostic, Location, error, warning
from pipeline.intake import xlsx
from pipeline.intake.cycle import ADDRESS
from pipeline.intake.data_schema import TYPES, Column, SheetSchema, parse_schema
from pipeline.model import Dataset, Record
from pipeline.ooxml import package as packages

__all__ = ["TYPES", "Column", "SheetSchema", "merge", "parse_schema", "read_workbook", "records_from_rows"]

ISO3 = re.compile(r"^[A-Z]{3}$")


# The Convention was adopted on 30 May 2008: no date in its data can be earlier.
CONVENTION_ADOPTED = dt.date(2008, 5, 30)


STRICT_OOXML = b"purl.oclc.org/ooxml/spreadsheetml"


def _refusal(path: Path) -> str:
    """Why the file cannot be read as a workbook, before its parts are read."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == bytes.fromhex("d0cf11e0a1b11ae1"):
        return (
            "the workbook is password-protected (or an old .xls renamed .xlsx); remove the password "
            "in Excel (File > Info > Protect Workbook) and save it as .xlsx"
        )
    if not zipfile.is_zipfile(path):
        return (
            "this is not an .xlsx workbook (it may be damaged or of another format); save it again from "
            "Excel as .xlsx (Excel Workbook)"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size < 16 * 2**20 and STRICT_OOXML in archive.read(info):
                return (
                    "the workbook is saved as 'Strict Open XML Spreadsheet', which cannot be read; save "
                    "it again from Excel as 'Excel Workbook (.xlsx)'"
                )
    except KeyError:  # getinfo: no such part
        return "this .xlsx has no workbook part; save it again from Excel"
    except packages.PACKAGE_ERRORS:
        return "this workbook is damaged; save it again from Excel"
    return ""


def read_workbook(
    path: Path,
    display: str,
    schemas: tuple[SheetSchema, ...],
    today: dt.date | None = None,
    limits: xlsx.Limits = xlsx.LIMITS,
) -> tuple[dict[str, list[Record]], list[Diagnostic]]:
    """Records of every declared sheet present in one workbook (the edge: opens the file).

    A workbook that cannot be read (damaged, protected, unsafe, of another format, over
    ``limits``) is one diagnostic, whatever the file holds.
    """
    reason = _refusal(path)
    if reason:
        return {}, [error("data.unreadable", Location(display), reason)]
    refusal = packages.inspect(path)
    if refusal is not None:
        return {}, [error(f"data.{refusal.code}", Location(display), refusal.reason)]
    out: dict[str, list[Record]] = {}
    problems: list[Diagnostic] = []
    try:
        with xlsx.Book(path, limits) as book:
            problems.extend(unknown_sheets([s.name for s in book.sheets], schemas, display))
            entries = {entry.name: entry for entry in book.sheets}
            for schema in schemas:
                entry = entries.get(schema.name)
                if entry is None:
                    continue
                if entry.state != "visible":
                    problems.append(
                        warning(
                            "data.hidden-sheet",
                            Location(display, f"{schema.name}!A1"),
                            f"the sheet {schema.name} is hidden, and its rows are used; unhide it "
                            "(right-click a sheet tab > Unhide) to check them, or delete it",
                        )
                    )
                reading = book.read(entry)
                records, found = records_from_rows(schema, reading.rows, display, today or dt.date.today())
                deque(reading.rows, maxlen=0)  # the rest of a sheet refused at its header: its merges and formulas
                problems.extend(_sheet_faults(reading, schema.name, display))
                out[schema.name] = records
                problems.extend(found)
    except xlsx.Unreadable as exc:
        code = "data.unreadable" if exc.code == "damaged" else f"data.{exc.code}"
        return {}, [error(code, Location(display), exc.reason)]
    return out, problems


# How alike (difflib's ratio, 0 to 1) a sheet's name and a declared one must be to be taken for a misspelling:
# "Art7" and "Article7" are 0.67 alike; "About" and "States" 0.36.
CLOSE = 0.6


def unknown_sheets(names: list[str], schemas: tuple[SheetSchema, ...], display: str) -> list[Diagnostic]:
    """A workbook none of whose sheets is declared, or a sheet named like a declared one: its data would be lost."""
    declared = [s.name for s in schemas]
    unknown = [n for n in names if n not in declared]
    if not declared or not unknown:
        return []
    lowered = {d.lower(): d for d in declared}
    if len(unknown) == len(names):
        ratio, closest = max(
            (difflib.SequenceMatcher(None, n.lower(), d.lower()).ratio(), d) for n in unknown for d in declared
        )
        hint = (
            f"the closest declared sheet is {closest}"
            if ratio >= CLOSE
            else f"the declared sheets are {', '.join(declared)}"
        )
        return [
            warning(
                "data.unknown-sheets",
                Location(display),
                f"none of its sheets ({', '.join(names)}) is declared in inputs/data/schema.yaml, so nothing in "
                f"it is read; {hint}: rename each sheet of data as its sheet is spelled in schema.yaml, or move "
                "the file out of inputs/data/",
            )
        ]
    found = []
    for name in unknown:
        close = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=CLOSE)
        if close:
            found.append(
                warning(
                    "data.unknown-sheet",
                    Location(display, f"{name}!A1"),
                    f"the sheet {name} is not read: no sheet of that name is declared in "
                    f"inputs/data/schema.yaml; if it holds {lowered[close[0]]} rows, rename it {lowered[close[0]]} "
                    "(or merge its rows into that sheet)",
                )
            )
    return found


def _sheet_faults(reading: xlsx.SheetReading, name: str, display: str) -> list[Diagnostic]:
    """Merged cells among the data, and formulas whose result was never saved (once its rows are read)."""
    found = []
    for merged, last_row in reading.merged:
        if last_row >= 2:
            found.append(
                error(
                    "data.merged",
                    Location(display, f"{name}!{merged}"),
                    f"cells {merged} are merged; a data range needs one value per cell: "
                    "unmerge them (Home > Merge & Center) and fill each cell",
                )
            )
    for cell, formula in reading.unsaved:
        found.append(
            error(
                "data.formula",
                Location(display, f"{name}!{cell}"),
                f"the formula {formula[:40]} has no saved result (the file was "
                "not saved by Excel or LibreOffice); open it there and save it",
            )
        )
    return found


def records_from_rows(
    schema: SheetSchema, rows: Iterable[tuple], display: str, today: dt.date | None = None
) -> tuple[list[Record], list[Diagnostic]]:
    """Typed records from a sheet's rows; the first row holds the column names."""
    today = today or dt.date.today()
    problems: list[Diagnostic] = []
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        return [], [warning("data.empty", Location(display, f"{schema.name}!A1"), "the sheet is empty")]
    names = [str(h).strip() if h is not None else "" for h in header]
    positions = {name: i for i, name in enumerate(names) if name}
    missing = [c.name for c in schema.columns if c.required and c.name not in positions]
    if missing:
        return [], [
            error(
                "data.column",
                Location(display, f"{schema.name}!1"),
                f"required column(s) {', '.join(missing)} missing from the header row; "
                "add them (spelled as in inputs/data/schema.yaml)",
            )
        ]
    records: list[Record] = []
    for row_number, row in enumerate(iterator, start=2):
        if row is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        values: dict[str, Any] = {}
        cells: dict[str, Location] = {}
        for column in schema.columns:
            if column.name not in positions:
                continue
            index = positions[column.name]
            where = Location(display, f"{schema.name}!{get_column_letter(index + 1)}{row_number}")
            cells[column.name] = where
            raw = row[index] if index < len(row) else None
            value, message = convert(raw, column)
            message = message or bounds(value, column, today)
            if message:
                problems.append(error("data.cell", where, message))
            values[column.name] = value
        for column in schema.columns:
            other = values.get(column.at_most)
            value = values.get(column.name)
            if column.at_most and isinstance(value, (int, float)) and isinstance(other, (int, float)) and value > other:
                problems.append(
                    error(
                        "data.cell",
                        cells[column.name],
                        f"{column.name} ({value:,}) is larger than {column.at_most} ({other:,}) "
                        f"at {cells[column.at_most].place}; correct one of the two",
                    )
                )
        records.append(Record(schema.name, MappingProxyType(values), MappingProxyType(cells)))
    return records, problems


def convert(raw: Any, column: Column) -> tuple[Any, str]:
    """A cell's value as the column's type, or a message saying what is wrong and what to do."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, (f"{column.name} is required and the cell is empty" if column.required else "")
    if column.type == "date":
        if isinstance(raw, dt.datetime):
            return raw.date(), ""
        if isinstance(raw, dt.date):
            return raw, ""
        try:
            return dt.date.fromisoformat(str(raw).strip()), ""
        except ValueError:
            return None, f"{column.name}: {raw!r} is not a date; enter a date (e.g. 2025-04-30)"
    if column.type == "integer":
        if isinstance(raw, bool):
            return None, f"{column.name}: {raw!r} is not a whole number"
        if isinstance(raw, (int, float)) and float(raw).is_integer():
            return int(raw), ""
        try:
            return int(str(raw).strip()), ""
        except ValueError:
            return None, f"{column.name}: {raw!r} is not a whole number"
    if column.type == "number":
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return raw, ""
        try:
            return float(str(raw).replace(",", "").strip()), ""
        except ValueError:
            return None, f"{column.name}: {raw!r} is not a number"
    text = str(raw).strip()
    if column.type == "iso3" and not ISO3.match(text):
        return None, f"{column.name}: {text!r} is not an ISO 3166 alpha-3 code (three capital letters, e.g. LAO)"
    if column.type == "choice" and column.choices and text not in column.choices:
        return None, f"{column.name}: {text!r} is not one of: {', '.join(column.choices)}"
    if column.type == "email":
        return email_addresses(text, column.name)
    return text, ""


ADDRESS_SEPARATOR = re.compile(r"\s*[;,]\s*")


def email_addresses(text: str, column: str) -> tuple[str | None, str]:
    """One e-mail address, or several separated by ";" or "," (as Outlook copies them), written
    "a@example.org; b@example.org"; or the message naming the one that is not an address."""
    addresses = [a for a in ADDRESS_SEPARATOR.split(text) if a]
    wrong = next((a for a in addresses if not ADDRESS.match(a)), None)
    if wrong is not None or not addresses:
        return None, (
            f"{column}: {wrong or text!r} is not an e-mail address; write it as name@example.org "
            "(several separated by ;)"
        )
    return "; ".join(addresses), ""


def bounds(value: Any, column: Column, today: dt.date) -> str:
    """What is wrong with a typed value's range, or ""."""
    if value is None:
        return ""
    if column.minimum is not None and isinstance(value, (int, float)) and value < column.minimum:
        return f"{column.name}: {value:,} is below {column.minimum:g}; a quantity cannot be negative"
    if isinstance(value, dt.date):
        if value < CONVENTION_ADOPTED:
            return (
                f"{column.name}: {value.isoformat()} is before the Convention was adopted (30 May 2008); check the year"
            )
        if column.past and value > today:
            return f"{column.name}: {value.isoformat()} is in the future; check the date"
    return ""


def merge(
    per_file: list[dict[str, list[Record]]], schemas: tuple[SheetSchema, ...]
) -> tuple[Dataset, list[Diagnostic]]:
    """One dataset from several workbooks, row by row on each sheet's key.

    Within one file a key seen twice is a duplicate. Across files, rows with the
    same key are one row: a blank cell takes the other file's value (a late report
    fills in its State's row), and two different values are a conflict naming both cells.
    """
    problems: list[Diagnostic] = []
    merged: dict[str, tuple[Record, ...]] = {}
    for schema in schemas:
        if schema.required and not any(schema.name in records for records in per_file):
            problems.append(
                error(
                    "data.sheet",
                    Location("inputs/data"),
                    f"no workbook has a sheet named {schema.name}; add it (spelled as in "
                    "inputs/data/schema.yaml), or mark it required: false there",
                )
            )
        seen: dict[tuple, tuple[int, int]] = {}  # key -> (file, index in rows)
        rows: list[Record] = []
        for file_index, records in enumerate(per_file):
            for record in records.get(schema.name, []):
                key = tuple(record.values.get(k) for k in schema.key)
                if not schema.key or None in key or key not in seen:
                    if schema.key and None not in key:
                        seen[key] = (file_index, len(rows))
                    rows.append(record)
                    continue
                first_file, at = seen[key]
                first = rows[at]
                label = f"{schema.name} row {', '.join(map(str, key))}"
                if first_file == file_index:
                    problems.append(
                        error(
                            "data.duplicate",
                            record.cells.get(schema.key[0]) or Location("inputs/data"),
                            f"{label} is also at {first.cells.get(schema.key[0])}; keep one of the two",
                        )
                    )
                    continue
                clash = next(
                    (
                        c
                        for c in record.values
                        if record.values[c] is not None
                        and first.values.get(c) is not None
                        and record.values[c] != first.values[c]
                    ),
                    None,
                )
                if clash:
                    problems.append(
                        error(
                            "data.conflict",
                            record.cells[clash],
                            f"{label}: {clash} is {record.values[clash]} here and "
                            f"{first.values[clash]} at {first.cells[clash]}; correct one of the two",
                        )
                    )
                    continue
                values = {
                    c: first.values.get(c) if record.values.get(c) is None else record.values[c]
                    for c in {**first.values, **record.values}
                }
                cells = {
                    c: first.cells[c] if record.values.get(c) is None and c in first.cells else record.cells[c]
                    for c in {**first.cells, **record.cells}
                }
                rows[at] = Record(schema.name, MappingProxyType(values), MappingProxyType(cells))
        merged[schema.name] = tuple(rows)
    return Dataset(MappingProxyType(merged)), problems
