"""Article 7 transparency reports: how many were due, on time, late and still owed.

Pure functions over the Article7 sheet's records. A report is on time when submitted on or
before its due date (30 April for an annual report), late when submitted after it but by the
date asked about, overdue when not submitted by then. Rates are per cent, rounded half up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.locale import un_order
from pipeline.model import Period, Record


@dataclass(frozen=True)
class ReportingRow:
    region: str
    states_parties: int
    due: int
    on_time: int
    late: int
    missing: int
    rate: str  # per cent of due reports submitted by the end of the period, "85"; "–" when none due


def percent(part: int, whole: int) -> str:
    """``100 * part / whole`` rounded half up, as text; an en dash when ``whole`` is 0."""
    if whole == 0:
        return "\u2013"
    return str((200 * part + whole) // (2 * whole))


def reporting(states: tuple[Record, ...], reports: tuple[Record, ...], period: Period, region: str) -> ReportingRow:
    """Annual Article 7 reports due within ``period`` from the region's States Parties.

    on time: submitted on or before the due date; late: after it but by the end of
    the period; missing: due - on time - late; rate = (on time + late) / due.
    """
    members = {r["ISO3"] for r in states if r["Region"] == region}
    due = [
        r
        for r in reports
        if r["Report"] == "Annual"
        and r["ISO3"] in members
        and isinstance(r["Due"], dt.date)
        and period.start <= r["Due"] <= period.end
    ]
    on_time = sum(1 for r in due if _on_time(r))
    late = sum(1 for r in due if _late(r, period.end))
    return ReportingRow(
        region, len(members), len(due), on_time, late, len(due) - on_time - late, percent(on_time + late, len(due))
    )


def _submitted(record: Record) -> dt.date | None:
    value = record.values.get("Submitted")
    return value if isinstance(value, dt.date) else None


def _due(report: Record) -> dt.date:
    """A report's due date: Due is a required date column of the Article7 sheet (inputs/data/schema.yaml)."""
    value = report["Due"]
    if not isinstance(value, dt.date):
        raise TypeError(f"{report.sheet}: Due is not a date: {value!r}")
    return value


def _submitted_by(report: Record, by: dt.date) -> bool:
    """Submitted on or before ``by``."""
    submitted = _submitted(report)
    return submitted is not None and submitted <= by


def _on_time(report: Record) -> bool:
    """Submitted on or before its due date."""
    submitted = _submitted(report)
    return submitted is not None and submitted <= _due(report)


def _late(report: Record, by: dt.date) -> bool:
    """Submitted after its due date, on or before ``by``."""
    submitted = _submitted(report)
    return submitted is not None and _due(report) < submitted <= by


def covered_year(report: Record) -> int:
    """The year a report covers: a required integer column of the Article7 sheet."""
    value = report["Year covered"]
    if not isinstance(value, int):
        raise TypeError(f"{report.sheet}: Year covered is not a whole number: {value!r}")
    return value


def date_in(record: Record, column: str) -> dt.date | None:
    """A date column's value; None when the cell is empty."""
    value = record.values.get(column)
    if value is not None and not isinstance(value, dt.date):
        raise TypeError(f"{record.sheet}: {column} is not a date: {value!r}")
    return value


@dataclass(frozen=True)
class ReportStatus:
    """Annual Article 7 reports on one calendar year: submitted on time, late, and the States still owing."""

    due: int
    on_time: int
    late: int
    overdue_states: tuple[str, ...]  # UN short names, in UN order


def annual_reports(parties: tuple[Record, ...], reports: tuple[Record, ...], year: int, as_of: dt.date) -> ReportStatus:
    """Annual reports covering ``year`` from ``parties``: on time (submitted by the due date, 30 April),
    late (after it, by ``as_of``), overdue (not submitted by ``as_of``)."""
    members = {r["ISO3"]: str(r["State"]) for r in parties}
    due = [r for r in reports if r["Report"] == "Annual" and r["Year covered"] == year and r["ISO3"] in members]
    on_time = [r for r in due if _on_time(r)]
    late = [r for r in due if _late(r, as_of)]
    done = {r["ISO3"] for r in on_time + late}
    overdue = sorted((members[r["ISO3"]] for r in due if r["ISO3"] not in done), key=un_order)
    return ReportStatus(len(due), len(on_time), len(late), tuple(overdue))


def initial_reports(
    parties: tuple[Record, ...], reports: tuple[Record, ...], as_of: dt.date
) -> tuple[int, tuple[str, ...]]:
    """Initial reports: how many States Parties submitted theirs by ``as_of``, and the States whose
    initial report was due by then and is still missing (UN order)."""
    members = {r["ISO3"]: str(r["State"]) for r in parties}
    initial = [r for r in reports if r["Report"] == "Initial" and r["ISO3"] in members]
    submitted = sum(1 for r in initial if _submitted_by(r, as_of))
    overdue = sorted(
        (members[r["ISO3"]] for r in initial if not _submitted_by(r, as_of) and _due(r) <= as_of), key=un_order
    )
    return submitted, tuple(overdue)
