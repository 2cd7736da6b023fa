"""Indicators computed from the States Parties' data: pure functions over records.

Each function states its formula. Counts are numbers of States Parties; rates
are per cent, rounded half up to whole numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pipeline.compute.article7 import (
    ReportingRow,
    annual_reports,
    covered_year,
    date_in,
    initial_reports,
    percent,
    reporting,
)
from pipeline.locale import un_date, un_order
from pipeline.model import Dataset, Period, Record

REGIONS = ("Africa", "Americas", "Asia-Pacific", "Europe")


@dataclass(frozen=True)
class Indicators:
    as_of: str  # the end of the reporting period, "30 June 2025"
    year_covered: str  # calendar year(s) of the annual reports due in the period, "2024"
    states_parties: int
    reporting_by_region: tuple[ReportingRow, ...]
    reporting_total: ReportingRow
    clearance_rows: tuple[ClearanceRow, ...] = ()
    clearance_total: ClearanceRow | None = None
    stockpile_rows: tuple[StockpileRow, ...] = ()
    stockpile_total: StockpileRow | None = None
    cooperation_rows: tuple[CooperationRow, ...] = ()
    figures: Mapping[str, object] = field(default_factory=dict)  # by name, for [[name]] in drafts
    period_end: dt.date | None = None  # the date ``as_of`` writes, for other languages


def states_parties(states: tuple[Record, ...], on: dt.date) -> tuple[Record, ...]:
    """States bound on ``on``: entry into force on or before that day, no withdrawal in effect by then.

    A former State Party (Lithuania) still counts for days before its withdrawal took effect.
    """

    def bound(r: Record) -> bool:
        eif, withdrawal = r["Entry into force"], r.values.get("Withdrawal")
        return (
            r["Status"] in ("State Party", "Former State Party")
            and isinstance(eif, dt.date)
            and eif <= on
            and not (isinstance(withdrawal, dt.date) and withdrawal <= on)
        )

    return tuple(r for r in states if bound(r))


def indicators(data: Dataset, period: Period) -> Indicators:
    """Everything the templates and the drafts' [[name]] figures show from the data, for the period."""
    parties = states_parties(data.sheet("States"), period.end)
    reports = data.sheet("Article7")
    rows = tuple(reporting(parties, reports, period, region) for region in REGIONS)
    due = sum(r.due for r in rows)
    on_time = sum(r.on_time for r in rows)
    late = sum(r.late for r in rows)
    total = ReportingRow(
        "Total",
        sum(r.states_parties for r in rows),
        due,
        on_time,
        late,
        due - on_time - late,
        percent(on_time + late, due),
    )
    years = sorted(
        {
            covered_year(r)
            for r in reports
            if r["Report"] == "Annual" and isinstance(r["Due"], dt.date) and period.start <= r["Due"] <= period.end
        }
    )
    year = data_year(period)
    clearance_rows, clearance_total = clearance(data.sheet("Clearance"), year)
    stockpile_rows, stockpile_total = stockpiles(data.sheet("Stockpiles"), year)
    annual = annual_reports(parties, reports, year, period.end)
    initial_done, initial_overdue = initial_reports(parties, reports, period.end)
    hurt = casualties(data.sheet("VictimAssistance"), year)
    nim = implementation(data.sheet("NationalImplementation"), parties)
    figures: dict[str, object] = {
        "year": str(year),  # a calendar year is written without a thousands separator
        "states_parties": len(parties),
        "signatories": sum(1 for r in data.sheet("States") if r["Status"] == "Signatory"),
        "article7.annual.due": annual.due,
        "article7.annual.on_time": annual.on_time,
        "article7.annual.late": annual.late,
        "article7.annual.submitted": annual.on_time + annual.late,
        "article7.annual.rate": percent_of(annual.on_time + annual.late, annual.due),
        "article7.annual.overdue": len(annual.overdue_states),
        "article7.annual.overdue_states": annual.overdue_states,
        "article7.initial.submitted": initial_done,
        "article7.initial.overdue": len(initial_overdue),
        "article7.initial.overdue_states": initial_overdue,
        "article3.states": sum(1 for r in stockpile_rows if r.remaining_munitions or r.remaining_submunitions),
        "stockpiles.destroyed.munitions": stockpile_total.destroyed_munitions,
        "stockpiles.destroyed.submunitions": stockpile_total.destroyed_submunitions,
        "stockpiles.remaining.munitions": stockpile_total.remaining_munitions,
        "article4.states": sum(1 for r in clearance_rows if r.remaining_km2 > 0),
        "clearance.cleared_km2": clearance_total.cleared_km2,
        "clearance.released_km2": clearance_total.released_km2,
        "clearance.remaining_km2": clearance_total.remaining_km2,
        "article5.states": len({r["ISO3"] for r in data.sheet("VictimAssistance")}),
        "casualties.total": hurt["total"],
        "casualties.women": hurt["women"],
        "casualties.men": hurt["men"],
        "casualties.girls": hurt["girls"],
        "casualties.boys": hurt["boys"],
        "nim.specific": nim.get("Specific legislation", 0),
        "nim.sufficient": nim.get("Existing legislation sufficient", 0),
        "nim.preparation": nim.get("Legislation in preparation", 0),
        "nim.not_reported": nim.get("Not reported", 0),
    }
    return Indicators(
        as_of=un_date(period.end, "en"),
        year_covered=", ".join(str(y) for y in years) or str(year),
        states_parties=len(parties),
        reporting_by_region=rows,
        reporting_total=total,
        clearance_rows=clearance_rows,
        clearance_total=clearance_total,
        stockpile_rows=stockpile_rows,
        stockpile_total=stockpile_total,
        cooperation_rows=tuple(CooperationRow(*row) for row in cooperation(data.sheet("Cooperation"), year)),
        figures=MappingProxyType(figures),
        period_end=period.end,
    )


# --- the thematic figures -----------------------------------------------------------------


def data_year(period: Period) -> int:
    """The calendar year the period's Article 7 reports cover: the year before the period ends."""
    return period.end.year - 1


def _number(record: Record, column: str) -> float:
    value = record.values.get(column)
    return value if isinstance(value, (int, float)) else 0


def _in_year(records: tuple[Record, ...], year: int) -> list[Record]:
    return [r for r in records if r.values.get("Year") == year]


@dataclass(frozen=True)
class ClearanceRow:
    state: str
    baseline_km2: float  # contaminated area at entry into force
    cleared_km2: float  # cleared during the year
    released_km2: float  # cancelled or reduced by survey during the year
    remaining_km2: float  # at 31 December of the year
    deadline: dt.date | None  # the Article 4 deadline in force (extended where an extension was granted)


def clearance(records: tuple[Record, ...], year: int) -> tuple[tuple[ClearanceRow, ...], ClearanceRow]:
    """Per State with Article 4 obligations in ``year`` (UN name order) and the total; areas in km2.

    total cleared = sum of cleared; total remaining = sum of remaining at 31 December.
    """
    rows = tuple(
        sorted(
            (
                ClearanceRow(
                    str(r["State"]),
                    _number(r, "Area at baseline"),
                    _number(r, "Area cleared"),
                    _number(r, "Area released by survey"),
                    _number(r, "Area remaining"),
                    date_in(r, "Extension until") or date_in(r, "Deadline"),
                )
                for r in _in_year(records, year)
            ),
            key=lambda row: un_order(row.state),
        )
    )
    total = ClearanceRow(
        "Total",
        sum(r.baseline_km2 for r in rows),
        sum(r.cleared_km2 for r in rows),
        sum(r.released_km2 for r in rows),
        sum(r.remaining_km2 for r in rows),
        None,
    )
    return rows, total


@dataclass(frozen=True)
class StockpileRow:
    state: str
    destroyed_munitions: int  # during the year
    destroyed_submunitions: int
    remaining_munitions: int  # at 31 December
    remaining_submunitions: int
    deadline: dt.date | None
    completed: dt.date | None


def stockpiles(records: tuple[Record, ...], year: int) -> tuple[tuple[StockpileRow, ...], StockpileRow]:
    """Per State reporting Article 3 stockpiles for ``year`` (UN name order) and the total; counts of munitions.

    A State has Article 3 obligations while munitions or submunitions remain.
    """
    rows = tuple(
        sorted(
            (
                StockpileRow(
                    str(r["State"]),
                    int(_number(r, "Munitions destroyed")),
                    int(_number(r, "Submunitions destroyed")),
                    int(_number(r, "Munitions remaining")),
                    int(_number(r, "Submunitions remaining")),
                    date_in(r, "Extension until") or date_in(r, "Deadline"),
                    date_in(r, "Completed"),
                )
                for r in _in_year(records, year)
            ),
            key=lambda row: un_order(row.state),
        )
    )
    total = StockpileRow(
        "Total",
        sum(r.destroyed_munitions for r in rows),
        sum(r.destroyed_submunitions for r in rows),
        sum(r.remaining_munitions for r in rows),
        sum(r.remaining_submunitions for r in rows),
        None,
        None,
    )
    return rows, total


def percent_of(part: float, whole: float) -> str:
    """``100 * part / whole`` rounded half up to a whole number, as text; an en dash when ``whole`` is 0."""
    if whole <= 0:
        return "\u2013"
    return str(int(100 * part / whole + 0.5))


def casualties(records: tuple[Record, ...], year: int) -> dict[str, int]:
    """New casualties in ``year`` reported by States with Article 5 obligations, by sex and age, and in all."""
    rows = _in_year(records, year)
    parts = {key: int(sum(_number(r, f"Casualties {key}") for r in rows)) for key in ("women", "men", "girls", "boys")}
    parts["total"] = sum(parts.values())
    return parts


@dataclass(frozen=True)
class CooperationRow:
    pillar: str
    currency: str
    amount: float  # in that currency: amounts in different currencies are never added


def cooperation(records: tuple[Record, ...], year: int) -> tuple[tuple[str, str, float], ...]:
    """Support reported for ``year``, summed by pillar and currency (currencies are never converted):
    (pillar, currency, amount), pillars in alphabetical order."""
    totals: dict[tuple[str, str], float] = {}
    for r in _in_year(records, year):
        key = (str(r["Pillar"]), str(r["Currency"]))
        totals[key] = totals.get(key, 0) + _number(r, "Amount")
    return tuple((pillar, currency, amount) for (pillar, currency), amount in sorted(totals.items()))


def implementation(records: tuple[Record, ...], parties: tuple[Record, ...]) -> dict[str, int]:
    """States Parties by national implementation status; a State Party with no row counts as "Not reported"."""
    members = {r["ISO3"] for r in parties}
    counts: dict[str, int] = {}
    listed = set()
    for r in records:
        if r["ISO3"] in members:
            counts[str(r["Status"])] = counts.get(str(r["Status"]), 0) + 1
            listed.add(r["ISO3"])
    counts["Not reported"] = counts.get("Not reported", 0) + len(members - listed)
    return counts
