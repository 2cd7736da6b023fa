"""Indicators computed from the States Parties' data: pure functions over records.

Each function states its formula. Counts are numbers of States Parties; rates
are per cent, rounded half up to whole numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Dataset, Period, Record

REGIONS = ("Africa", "Americas", "Asia-Pacific", "Europe")


@dataclass(frozen=True)
class ReportingRow:
    region: str
    states_parties: int
    due: int
    on_time: int
    late: int
    missing: int
    rate: str  # per cent of due reports submitted by the end of the period, "85"; "–" when none due


@dataclass(frozen=True)
class Indicators:
    as_of: str  # the end of the reporting period, "30 June 2025"
    year_covered: str  # calendar year(s) of the annual reports due in the period, "2024"
    states_parties: int
    reporting_by_region: tuple[ReportingRow, ...]
    reporting_total: ReportingRow


def states_parties(states: tuple[Record, ...], on: dt.date) -> tuple[Record, ...]:
    """States bound on ``on``: entry into force on or before that day, no withdrawal in effect by then.

    A former State Party (Lithuania) still counts for days before its withdrawal took effect.
    """
    def bound(r: Record) -> bool:
        eif, withdrawal = r["Entry into force"], r.values.get("Withdrawal")
        return (r["Status"] in ("State Party", "Former State Party")
                and isinstance(eif, dt.date) and eif <= on
                and not (isinstance(withdrawal, dt.date) and withdrawal <= on))

    return tuple(r for r in states if bound(r))


def percent(part: int, whole: int) -> str:
    """``100 * part / whole`` rounded half up, as text; an en dash when ``whole`` is 0."""
    if whole == 0:
        return "\u2013"
    return str((200 * part + whole) // (2 * whole))


def reporting(states: tuple[Record, ...], reports: tuple[Record, ...], period: Period,
              region: str) -> ReportingRow:
    """Annual Article 7 reports due within ``period`` from the region's States Parties.

    on time: submitted on or before the due date; late: after it but by the end of
    the period; missing: due - on time - late; rate = (on time + late) / due.
    """
    members = {r["ISO3"] for r in states if r["Region"] == region}
    due = [r for r in reports
           if r["Report"] == "Annual" and r["ISO3"] in members
           and isinstance(r["Due"], dt.date) and period.start <= r["Due"] <= period.end]
    on_time = sum(1 for r in due if _submitted(r) is not None and _submitted(r) <= r["Due"])
    late = sum(1 for r in due if _submitted(r) is not None and r["Due"] < _submitted(r) <= period.end)
    return ReportingRow(region, len(members), len(due), on_time, late, len(due) - on_time - late,
                        percent(on_time + late, len(due)))


def _submitted(record: Record) -> dt.date | None:
    value = record.values.get("Submitted")
    return value if isinstance(value, dt.date) else None


def indicators(data: Dataset, period: Period) -> Indicators:
    """Everything the templates show from the data, for the meeting's reporting period."""
    parties = states_parties(data.sheet("States"), period.end)
    reports = data.sheet("Article7")
    rows = tuple(reporting(parties, reports, period, region) for region in REGIONS)
    due = sum(r.due for r in rows)
    on_time = sum(r.on_time for r in rows)
    late = sum(r.late for r in rows)
    total = ReportingRow("Total", sum(r.states_parties for r in rows), due, on_time, late,
                         due - on_time - late, percent(on_time + late, due))
    years = sorted({r["Year covered"] for r in reports
                    if r["Report"] == "Annual" and isinstance(r["Due"], dt.date)
                    and period.start <= r["Due"] <= period.end})
    return Indicators(
        as_of=f"{period.end.day} {period.end:%B} {period.end.year}",
        year_covered=", ".join(str(y) for y in years) or str(period.end.year - 1),
        states_parties=len(parties),
        reporting_by_region=rows,
        reporting_total=total,
    )
