"""No silent zeros: the sheets the documents use must have rows for the year they report.

A sheet with no row for the year would make the annexes and the [[figures]] show zeros as if
nothing had happened; a State missing from a sheet it reported in the year before would be
counted as nothing without anyone deciding so. Both are said here, before anything is computed.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

from pipeline.errors import Diagnostic, Location, error, warning
from pipeline.model import Dataset, Period, Record

# The sheets the progress report's annexes and figures are computed from.
REPORT_SHEETS = ("Article7", "Clearance", "Stockpiles", "RiskEducation", "VictimAssistance", "Cooperation")

# The column that says which calendar year a row is about; a sheet without one (ExtensionRequests)
# is not about a year and is not checked. Article 7 annual reports name the year they cover.
YEAR_COLUMN = {"Article7": "Year covered"}
YEARLY = ("Article7", "Stockpiles", "Retention", "Clearance", "RiskEducation", "VictimAssistance", "Cooperation")

# The column naming the State a row is from: Cooperation rows are the donor's.
STATE_COLUMN = {"Cooperation": "Donor"}

# What makes a row of the year before an obligation to report this year; any row when not listed.
STILL_OWED = {
    "Clearance": ("Area remaining",),
    "Stockpiles": ("Munitions remaining", "Submunitions remaining"),
}

# Article 7.2: each annual report covers the last calendar year and is due by 30 April.
ANNUAL_DUE = (4, 30)


def data_year(period: Period) -> int:
    """The calendar year the documents report: the year before the reporting period ends.

    The rule of pipeline.compute.indicators.data_year, restated: validate may not import compute.
    """
    return period.end.year - 1


def coverage(
    data: Dataset,
    year: int,
    sheets: Iterable[str],
    as_of: dt.date,
    folder: str = "inputs/data/",
    preparing: bool = False,
) -> list[Diagnostic]:
    """For each sheet used that is about a year: an error when it has no row for ``year`` (a warning while
    the meeting is ``preparing``: meeting.yaml still has placeholders, the data is yet to come, and
    --final refuses both), a warning naming the States that owe a row for ``year`` and have none.

    A State owes a row when it had one for the year before (Clearance: with area remaining;
    Stockpiles: with munitions or submunitions remaining) and had not withdrawn by ``as_of``; in
    Article7, when it was bound on ``as_of``, the Convention was in force for it during ``year``
    and that year's annual report was due by ``as_of``. ``folder`` places a sheet that has no rows.
    """
    found: list[Diagnostic] = []
    for sheet in dict.fromkeys(sheets):
        column = YEAR_COLUMN.get(sheet, "Year")
        rows = data.sheet(sheet)
        if sheet not in YEARLY and not any(column in r.values for r in rows):
            continue
        where = Location(next((c.path for r in rows for c in r.cells.values()), folder), sheet)
        if sheet == "Article7":
            rows = tuple(r for r in rows if r.values.get("Report") == "Annual")
        this_year = [r for r in rows if r.values.get(column) == year]
        if not this_year:
            found.append(
                (warning if preparing else error)(
                    "data.no-rows-for-year",
                    where,
                    f"{sheet} has no {'Annual ' if sheet == 'Article7' else ''}rows for {year}, "
                    "the year the reporting period "
                    "covers; the annexes would show zeros. Add the year's rows or correct the reporting period "
                    "in meeting.yaml" + (" (a warning while meeting.yaml has placeholders)" if preparing else ""),
                )
            )
            continue
        state = STATE_COLUMN.get(sheet, "ISO3")
        present = {r.values.get(state) for r in this_year}
        if sheet == "Article7":
            owing = _owing_annual_reports(data.sheet("States"), year, as_of)
            who = f"States Parties that owed an annual report on {year} by {as_of.isoformat()}"
            row = f"Annual row for {year}"
            advice = "Add a row for each (Submitted left empty if no report came) so that the report counts as overdue"
        else:
            owing = _owing_rows(rows, sheet, column, state, year - 1, data.sheet("States"), as_of)
            who = f"States {_reason(sheet)} {year - 1}"
            row = f"row for {year}"
            advice = "Add their rows; without them the figures and annexes leave these States out"
        missing = [code for code in owing if code not in present]
        if missing:
            names = ", ".join(_names(missing, data.sheet("States"), rows, state))
            verb = "has" if len(missing) == 1 else "have"
            found.append(
                warning(
                    "data.missing-rows",
                    where,
                    f"{len(missing)} of {len(owing)} {who} {verb} no {row}: {names}. {advice}",
                )
            )
    return found


def _reason(sheet: str) -> str:
    if sheet == "Clearance":
        return "with area remaining at the end of"
    if sheet == "Stockpiles":
        return "with stockpiles remaining at the end of"
    return "that reported for"


def _owing_rows(
    rows: tuple[Record, ...],
    sheet: str,
    column: str,
    state: str,
    before: int,
    states: tuple[Record, ...],
    as_of: dt.date,
) -> list[str]:
    """The States with a row for the year ``before`` that obliges them to report again, in their order."""
    gone = {r.values.get("ISO3") for r in states if _withdrawn(r, as_of)}
    owing: dict[str, None] = {}
    for record in rows:
        code = record.values.get(state)
        if record.values.get(column) != before or not isinstance(code, str) or code in gone:
            continue
        quantities = STILL_OWED.get(sheet)
        if quantities and not any(_positive(record.values.get(q)) for q in quantities):
            continue  # nothing left to clear or destroy: no further report owed on it
        owing[code] = None
    return list(owing)


def _owing_annual_reports(states: tuple[Record, ...], year: int, as_of: dt.date) -> list[str]:
    """States Parties that owe an annual report on ``year`` by ``as_of`` (the sample's and the ISU's rule):
    bound on ``as_of``, in force for them by 31 December of ``year``, the report due (30 April) by ``as_of``."""
    if dt.date(year + 1, *ANNUAL_DUE) > as_of:
        return []
    owing = []
    for record in states:
        eif, code = record.values.get("Entry into force"), record.values.get("ISO3")
        if (
            record.values.get("Status") in ("State Party", "Former State Party")
            and isinstance(code, str)
            and isinstance(eif, dt.date)
            and eif <= dt.date(year, 12, 31)
            and not _withdrawn(record, as_of)
        ):
            owing.append(code)
    return owing


def _withdrawn(record: Record, on: dt.date) -> bool:
    """A withdrawal in effect on ``on`` (as pipeline.compute.indicators.states_parties reads it)."""
    withdrawal = record.values.get("Withdrawal")
    return isinstance(withdrawal, dt.date) and withdrawal <= on


def _positive(value: object) -> bool:
    return isinstance(value, (int, float)) and value > 0


def _names(codes: list[str], states: tuple[Record, ...], rows: tuple[Record, ...], state: str) -> list[str]:
    """The States' names from the States sheet (else as their rows give them, else their codes), in UN order."""
    names = {r.values.get(state): r.values.get("State") for r in rows if r.values.get("State")}
    names.update({r.values.get("ISO3"): r.values.get("State") for r in states if r.values.get("State")})
    return sorted((str(names.get(code) or code) for code in codes), key=_un_order)


def _un_order(name: str) -> str:
    """pipeline.locale.un_order, restated: validate imports no language layer (Babel)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
