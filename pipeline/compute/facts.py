"""The facts a draft's typed figures are checked against: the indicators, and each State's rows.

Counts and totals are the indicators' own values (:func:`pipeline.compute.indicators.indicators`,
one definition each, :mod:`pipeline.compute.counts` among them);
per-State facts are the cells of the data year's rows. Every fact says where a reader checks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from pipeline.compute.article7 import date_in
from pipeline.compute.counts import number, year_rows
from pipeline.compute.indicators import data_year, states_parties
from pipeline.model import Dataset, Period, Record
from pipeline.model.facts import Fact


def _span(records: Iterable[Record], column: str) -> str:
    """A column's cells over ``records`` as one reference: "states-parties.xlsx:States!D2:D125"."""
    refs = [r.ref(column) for r in records]
    if not refs:
        return ""
    first, last = refs[0], refs[-1]
    return first if first == last else f"{first}:{last.rsplit('!', 1)[-1]}"


# topic -> (figure name, sheet, column whose cells a reader checks it by, row filter by year?)
_COUNTS: Mapping[str, tuple[str, str, str]] = {
    "count.states_parties": ("states_parties", "States", "Status"),
    "count.signatories": ("signatories", "States", "Status"),
    "count.article3": ("article3.states", "Stockpiles", "Munitions remaining"),
    "count.article4": ("article4.states", "Clearance", "Area remaining"),
    "count.article5": ("article5.states", "VictimAssistance", "ISO3"),
    "count.reported": ("article7.annual.submitted", "Article7", "Submitted"),
    "count.reported_on_time": ("article7.annual.on_time", "Article7", "Submitted"),
    "count.reports_due": ("article7.annual.due", "Article7", "Due"),
    "count.overdue": ("article7.annual.overdue", "Article7", "Submitted"),
    "count.initial_overdue": ("article7.initial.overdue", "Article7", "Submitted"),
    "count.silent_3_years": ("article7.silent_3_years", "Article7", "Submitted"),
    "count.donors": ("cooperation.donors", "Cooperation", "Donor"),
    "count.recipients": ("cooperation.recipients", "Cooperation", "Recipient"),
    "count.focal_points": ("va.focal_points", "VictimAssistance", "Focal point"),
    "count.national_plans": ("va.national_plans", "VictimAssistance", "National plan"),
    "count.extension_requests": ("extensions.pending", "ExtensionRequests", "Status"),
    "count.retaining": ("retention.states", "Retention", "ISO3"),
    "count.retention_no_purpose": ("retention.no_purpose", "Retention", "Purpose"),
    "count.nim_specific": ("nim.specific", "NationalImplementation", "Status"),
    "count.nim_sufficient": ("nim.sufficient", "NationalImplementation", "Status"),
    "count.nim_preparation": ("nim.preparation", "NationalImplementation", "Status"),
}

# topic -> (figure name, sheet, column): totals over the data year's rows
_TOTALS: Mapping[str, tuple[str, str, tuple[str, ...]]] = {
    "quantity.area_cleared": ("clearance.cleared_km2", "Clearance", ("Area cleared",)),
    "quantity.area_released_by_survey": ("clearance.released_km2", "Clearance", ("Area released by survey",)),
    "quantity.land_release": ("clearance.released_total_km2", "Clearance", ("Area cleared", "Area released by survey")),
    "quantity.area_remaining": ("clearance.remaining_km2", "Clearance", ("Area remaining",)),
    "quantity.munitions_destroyed": ("stockpiles.destroyed.munitions", "Stockpiles", ("Munitions destroyed",)),
    "quantity.submunitions_destroyed": ("stockpiles.destroyed.submunitions", "Stockpiles", ("Submunitions destroyed",)),
    "quantity.munitions_retained": ("retention.munitions", "Retention", ("Munitions retained",)),
    "quantity.submunitions_retained": ("retention.submunitions", "Retention", ("Submunitions retained",)),
    "quantity.people_reached": ("risk_education.reached", "RiskEducation", ("Women", "Men", "Girls", "Boys")),
    "quantity.children_reached": ("risk_education.children", "RiskEducation", ("Girls", "Boys")),
    "quantity.casualties": (
        "casualties.total",
        "VictimAssistance",
        ("Casualties women", "Casualties men", "Casualties girls", "Casualties boys"),
    ),
    "quantity.reports_received": ("article7.annual.submitted", "Article7", ("Submitted",)),
}

# topic -> (sheet, columns summed) for one State's row of the data year
_PER_STATE: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "quantity.area_cleared": ("Clearance", ("Area cleared",)),
    "quantity.area_released_by_survey": ("Clearance", ("Area released by survey",)),
    "quantity.land_release": ("Clearance", ("Area cleared", "Area released by survey")),
    "quantity.area_remaining": ("Clearance", ("Area remaining",)),
    "quantity.munitions_destroyed": ("Stockpiles", ("Munitions destroyed",)),
    "quantity.submunitions_destroyed": ("Stockpiles", ("Submunitions destroyed",)),
    "quantity.munitions_retained": ("Retention", ("Munitions retained",)),
    "quantity.submunitions_retained": ("Retention", ("Submunitions retained",)),
    "quantity.people_reached": ("RiskEducation", ("Women", "Men", "Girls", "Boys")),
    "quantity.children_reached": ("RiskEducation", ("Girls", "Boys")),
    "quantity.casualties": (
        "VictimAssistance",
        ("Casualties women", "Casualties men", "Casualties girls", "Casualties boys"),
    ),
}

# topic -> (sheet, column, or-else column) for one State's dates; sheets with a Year take the latest row
_DATES: Mapping[str, tuple[str, str, str]] = {
    "date.clearance_deadline": ("Clearance", "Extension until", "Deadline"),
    "date.stockpile_deadline": ("Stockpiles", "Extension until", "Deadline"),
    "date.stockpile_completed": ("Stockpiles", "Completed", ""),
    "date.deposit": ("States", "Deposit", ""),
    "date.entry_into_force": ("States", "Entry into force", ""),
    "date.withdrawal": ("States", "Withdrawal", ""),
    "date.signature": ("States", "Signature", ""),
}


def facts(data: Dataset, period: Period, figures: Mapping[str, object]) -> tuple[Fact, ...]:
    """Every fact the claim checker knows, for the period's data year; ``figures`` are the indicators'."""
    year = data_year(period)
    known = figures
    out: list[Fact] = []
    for topic, (name, sheet, column) in _COUNTS.items():
        if name in known:
            out.append(Fact(topic, known[name], _span(data.sheet(sheet), column), None, name))
    for topic, (name, sheet, columns) in _TOTALS.items():
        rows = year_rows(data.sheet(sheet), year, "Year covered" if sheet == "Article7" else "Year")
        if name in known and rows:
            out.append(Fact(topic, known[name], _span(rows, columns[0]), None, name))
    for topic, (sheet, columns) in _PER_STATE.items():
        years = sorted({y for r in data.sheet(sheet) if isinstance(y := r.values.get("Year"), int)})
        for other in years:
            rows = year_rows(data.sheet(sheet), other)
            # the data year's figure is the topic's; another year's is "topic@2023" ("... in 2023")
            key = topic if other == year else f"{topic}@{other}"
            if other != year:
                total = sum(number(r, c) for r in rows for c in columns)
                out.append(Fact(key, total, _span(rows, columns[0])))
            for r in rows:
                out.append(Fact(key, sum(number(r, c) for c in columns), r.ref(columns[0]), str(r["ISO3"])))
    out.extend(_recent_and_reported(data, period))
    for region in ("Africa", "Americas", "Asia-Pacific", "Europe"):
        members = [r for r in states_parties(data.sheet("States"), period.end) if r["Region"] == region]
        out.append(Fact(f"count.region.{region}", len(members), _span(members, "Region")))
    # A count of States Parties may be typed as it stood when the period began ("On 1 July 2024, 112 ...").
    at_start = states_parties(data.sheet("States"), period.start)
    out.append(Fact(f"count.states_parties@{period.start.isoformat()}", len(at_start), _span(at_start, "Status")))
    out.extend(_state_dates(data, year))
    reached, children = known.get("risk_education.reached"), known.get("risk_education.children")
    if isinstance(reached, int) and isinstance(children, int) and reached:
        rows = year_rows(data.sheet("RiskEducation"), year)
        out.append(Fact("share.children_reached", children / reached, _span(rows, "Girls"), None))
    legislation = [r for r in data.sheet("NationalImplementation") if date_in(r, "Date")]
    out.append(Fact("dates.legislation", tuple(date_in(r, "Date") for r in legislation), _span(legislation, "Date")))
    return tuple(out)


def _state_dates(data: Dataset, year: int) -> list[Fact]:
    """Each State's dates: treaty dates from States; deadlines and completion from the latest row up to
    the data year (a completion reported in an earlier year stands)."""
    out: list[Fact] = []
    for topic, (sheet, column, fallback) in _DATES.items():
        latest: dict[str, Record] = {}
        for r in data.sheet(sheet):
            row_year = r.values.get("Year")
            if isinstance(row_year, int) and row_year > year:
                continue
            iso3 = str(r["ISO3"])
            if iso3 not in latest or (row_year or 0) >= (latest[iso3].values.get("Year") or 0):  # type: ignore[operator]
                latest[iso3] = r
        for iso3, r in latest.items():
            used = column if date_in(r, column) else fallback
            day = date_in(r, used) if used else None
            if isinstance(day, dt.date):
                out.append(Fact(topic, day, r.ref(used), iso3))
    return out


def _recent_and_reported(data: Dataset, period: Period) -> list[Fact]:
    """States Parties reporting Article 3 stockpiles in the last three years up to the data year; and the
    States with obligations under Article 4 (area remaining) whose annual report for the year is missing."""
    year = data_year(period)
    recent = [
        r for r in data.sheet("Stockpiles") if isinstance(y := r.values.get("Year"), int) and year - 2 <= y <= year
    ]
    out = [Fact("count.article3_recent", len({r["ISO3"] for r in recent}), _span(recent, "ISO3"))]
    obliged = [r for r in year_rows(data.sheet("Clearance"), year) if number(r, "Area remaining") > 0]
    reported = {
        r["ISO3"]
        for r in year_rows(data.sheet("Article7"), year, "Year covered")
        if r["Report"] == "Annual" and (date_in(r, "Submitted") or dt.date.max) <= period.end
    }
    missing = tuple(str(r["State"]) for r in obliged if r["ISO3"] not in reported)
    reports = [
        r for r in year_rows(data.sheet("Article7"), year, "Year covered") if r["ISO3"] in {o["ISO3"] for o in obliged}
    ]
    out.append(Fact("reported.article4", missing, _span(reports, "Submitted")))
    return out
