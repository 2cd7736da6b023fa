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
    annual_reports_traced,
    covered_year,
    initial_reports_traced,
    percent,
    refs,
    reporting_traced,
)
from pipeline.compute.counts import more_figures
from pipeline.compute.gender import gender_figures
from pipeline.compute.thematic import (
    ClearanceRow,
    CooperationRow,
    StockpileRow,
    casualties,
    casualties_provenance,
    clearance,
    clearance_traced,
    cooperation,
    cooperation_provenance,
    cooperation_totals,
    implementation,
    implementation_provenance,
    percent_of,
    stockpiles,
    stockpiles_traced,
)
from pipeline.locale import un_date
from pipeline.model import Dataset, Period, Provenance, Record

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
    cooperation_totals: tuple[CooperationRow, ...] = ()  # one per currency, after the donors' rows
    figures: Mapping[str, object] = field(default_factory=dict)  # by name, for [[name]] in drafts
    period_end: dt.date | None = None  # the date ``as_of`` writes, for other languages
    # Where each figure comes from, by the path a template reaches it by from ``indicators``:
    # "figures.article7.annual.due", "clearance_rows.3.cleared_km2", "reporting_total.due" ...
    provenance: Mapping[str, Provenance] = field(default_factory=dict)


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


__all__ = [
    "REGIONS",
    "ClearanceRow",
    "CooperationRow",
    "Indicators",
    "StockpileRow",
    "casualties",
    "clearance",
    "cooperation",
    "data_year",
    "implementation",
    "indicators",
    "percent_of",
    "states_parties",
    "stockpiles",
]


def indicators(data: Dataset, period: Period, where: str = "meeting.yaml") -> Indicators:
    """Everything the templates and the drafts' [[name]] figures show from the data, for the period,
    each figure with its provenance (the rule in words and the cells it is computed from).

    ``where`` names meeting.yaml, the source of the figures that come from the reporting period."""
    states = data.sheet("States")
    parties = states_parties(states, period.end)
    reports = data.sheet("Article7")
    provenance: dict[str, Provenance] = {}
    rows = []
    for index, region in enumerate(REGIONS):
        row, traced = reporting_traced(parties, reports, period, region)
        rows.append(row)
        provenance.update({f"reporting_by_region.{index}.{name}": p for name, p in traced.items()})
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
    for name in ("states_parties", "due", "on_time", "late", "missing", "rate"):
        parts = [provenance[f"reporting_by_region.{i}.{name}"] for i in range(len(REGIONS))]
        formula = (
            parts[0]
            .formula.replace(f" of the {REGIONS[0]} region", "")
            .replace(f" the States Parties of the {REGIONS[0]} region", " the States Parties")
        )
        formula = "sum over the regions: " + formula if name != "rate" else formula
        provenance[f"reporting_total.{name}"] = Provenance(formula, tuple(s for p in parts for s in p.sources))
    due_in_period = [
        r
        for r in reports
        if r["Report"] == "Annual" and isinstance(r["Due"], dt.date) and period.start <= r["Due"] <= period.end
    ]
    years = sorted({covered_year(r) for r in due_in_period})
    year = data_year(period)
    clearance_rows, clearance_total, traced = clearance_traced(data.sheet("Clearance"), year)
    provenance.update(traced)
    stockpile_rows, stockpile_total, traced = stockpiles_traced(data.sheet("Stockpiles"), year)
    provenance.update(traced)
    annual, annual_traced = annual_reports_traced(parties, reports, year, period.end)
    initial_done, initial_overdue, initial_traced = initial_reports_traced(parties, reports, period.end)
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
    end = un_date(period.end, "en")
    bound = Provenance(
        f"States Parties bound on {end}: entry into force on or before, no withdrawal in effect", refs(parties, "ISO3")
    )
    provenance["states_parties"] = bound
    provenance["year_covered"] = Provenance(
        f"the calendar years covered by the annual reports due from {un_date(period.start, 'en')} to {end}",
        refs(due_in_period, "Year covered"),
    )
    named = {
        "year": Provenance(
            f"the calendar year before the end of the reporting period ({end})", (f"{where}:reporting_period",)
        ),
        "states_parties": bound,
        "signatories": Provenance(
            "number of States with the Status Signatory",
            refs([r for r in states if r["Status"] == "Signatory"], "ISO3", "Status"),
        ),
        **{f"article7.annual.{name}": p for name, p in annual_traced.items()},
        **{f"article7.initial.{name}": p for name, p in initial_traced.items()},
        "article3.states": Provenance(
            f"number of States reporting munitions or submunitions remaining at 31 December {year}",
            tuple(
                s
                for i, r in enumerate(stockpile_rows)
                if r.remaining_munitions or r.remaining_submunitions
                for s in provenance[f"stockpile_rows.{i}.remaining_munitions"].sources
                + provenance[f"stockpile_rows.{i}.remaining_submunitions"].sources
            ),
        ),
        "stockpiles.destroyed.munitions": provenance["stockpile_total.destroyed_munitions"],
        "stockpiles.destroyed.submunitions": provenance["stockpile_total.destroyed_submunitions"],
        "stockpiles.remaining.munitions": provenance["stockpile_total.remaining_munitions"],
        "article4.states": Provenance(
            f"number of States reporting an area remaining at 31 December {year}",
            tuple(
                s
                for i, r in enumerate(clearance_rows)
                if r.remaining_km2 > 0
                for s in provenance[f"clearance_rows.{i}.remaining_km2"].sources
            ),
        ),
        "clearance.cleared_km2": provenance["clearance_total.cleared_km2"],
        "clearance.released_km2": provenance["clearance_total.released_km2"],
        "clearance.remaining_km2": provenance["clearance_total.remaining_km2"],
        "article5.states": Provenance(
            "number of States with a row in the VictimAssistance sheet", refs(data.sheet("VictimAssistance"), "ISO3")
        ),
        **casualties_provenance(data.sheet("VictimAssistance"), year),
        **implementation_provenance(data.sheet("NationalImplementation"), parties),
    }
    for name, (value, traced_by) in more_figures(data, parties, year).items():
        figures[name], named[name] = value, traced_by
    for name, (value, traced_by) in gender_figures(data, year).items():
        if name not in figures:  # risk_education.children is counts' own: one figure, one definition
            figures[name], named[name] = value, traced_by
    for name, (value, traced_by) in regional_reports(parties, reports, year, period.end).items():
        figures[name], named[name] = value, traced_by
    provenance.update({f"figures.{name}": p for name, p in named.items() if name in figures})
    provenance.update(cooperation_provenance(data.sheet("Cooperation"), year))
    return Indicators(
        as_of=un_date(period.end, "en"),
        year_covered=", ".join(str(y) for y in years) or str(year),
        states_parties=len(parties),
        reporting_by_region=tuple(rows),
        reporting_total=total,
        clearance_rows=clearance_rows,
        clearance_total=clearance_total,
        stockpile_rows=stockpile_rows,
        stockpile_total=stockpile_total,
        cooperation_rows=cooperation(data.sheet("Cooperation"), year),
        cooperation_totals=cooperation_totals(data.sheet("Cooperation"), year),
        figures=MappingProxyType(figures),
        period_end=period.end,
        provenance=MappingProxyType(provenance),
    )


def regional_reports(
    parties: tuple[Record, ...], reports: tuple[Record, ...], year: int, as_of: dt.date
) -> dict[str, tuple[object, Provenance]]:
    """The annual and initial Article 7 report figures per region, by the same functions as the whole
    (``article7.annual.by_region.Africa.due``, ``.submitted``, ``.overdue_states``;
    ``article7.initial.by_region.Africa.overdue_states``): each region's figures add up to the whole's."""
    found: dict[str, tuple[object, Provenance]] = {}
    for region in REGIONS:
        annual, traced = annual_reports_traced(parties, reports, year, as_of, region)
        _done, overdue, initial = initial_reports_traced(parties, reports, as_of, region)
        named = f"article7.annual.by_region.{region}"
        found[f"{named}.due"] = (annual.due, traced["due"])
        found[f"{named}.submitted"] = (annual.on_time + annual.late, traced["submitted"])
        found[f"{named}.overdue_states"] = (annual.overdue_states, traced["overdue_states"])
        found[f"article7.initial.by_region.{region}.overdue_states"] = (overdue, initial["overdue_states"])
    return found


def data_year(period: Period) -> int:
    """The calendar year the period's Article 7 reports cover: the year before the period ends."""
    return period.end.year - 1
