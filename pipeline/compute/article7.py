"""Article 7 transparency reports: how many were due, on time, late and still owed.

Pure functions over the Article7 sheet's records. A report is on time when submitted on or
before its due date (30 April for an annual report), late when submitted after it but by the
date asked about, overdue when not submitted by then. Rates are per cent, rounded half up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.locale import un_date, un_order
from pipeline.model import Period, Provenance, Record


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
    return reporting_traced(states, reports, period, region)[0]


def refs(records: list[Record] | tuple[Record, ...], *columns: str) -> tuple[str, ...]:
    """The cells of these columns in each record, row by row, as :meth:`Record.ref` writes them."""
    return tuple(r.ref(column) for r in records for column in columns)


def reporting_traced(
    states: tuple[Record, ...], reports: tuple[Record, ...], period: Period, region: str
) -> tuple[ReportingRow, dict[str, Provenance]]:
    """:func:`reporting`, and the provenance of each of the row's figures by field name."""
    member_rows = list({r["ISO3"]: r for r in states if r["Region"] == region}.values())
    members = {r["ISO3"] for r in member_rows}
    due = [
        r
        for r in reports
        if r["Report"] == "Annual"
        and r["ISO3"] in members
        and isinstance(r["Due"], dt.date)
        and period.start <= r["Due"] <= period.end
    ]
    on_time = [r for r in due if _on_time(r)]
    late = [r for r in due if _late(r, period.end)]
    missing = [r for r in due if not _on_time(r) and not _late(r, period.end)]
    row = ReportingRow(
        region,
        len(members),
        len(due),
        len(on_time),
        len(late),
        len(missing),
        percent(len(on_time) + len(late), len(due)),
    )
    start, end = un_date(period.start, "en"), un_date(period.end, "en")
    where = f"from the States Parties of the {region} region" if region != "Total" else "from the States Parties"
    provenance = {
        "states_parties": Provenance(
            f"number of States Parties of the {region} region bound on {end}", refs(member_rows, "ISO3")
        ),
        "due": Provenance(f"number of annual reports {where} with a due date from {start} to {end}", refs(due, "Due")),
        "on_time": Provenance(
            "number of those reports submitted on or before their due date", refs(on_time, "Due", "Submitted")
        ),
        "late": Provenance(
            f"number of those reports submitted after their due date and by {end}", refs(late, "Due", "Submitted")
        ),
        "missing": Provenance(
            f"reports due less those submitted by {end} (no Submitted date by then)", refs(missing, "Due", "Submitted")
        ),
        "rate": Provenance("(on time + late) / due, in per cent, rounded half up", refs(due, "Due", "Submitted")),
    }
    return row, provenance


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
    return annual_reports_traced(parties, reports, year, as_of)[0]


def annual_reports_traced(
    parties: tuple[Record, ...], reports: tuple[Record, ...], year: int, as_of: dt.date, region: str = ""
) -> tuple[ReportStatus, dict[str, Provenance]]:
    """:func:`annual_reports`, and the provenance of its figures: due, on_time, late, submitted,
    rate, overdue, overdue_states. With ``region``, the same figures for the States Parties of that
    region only (the States sheet's Region column): the regions' figures add up to the whole."""
    members = {r["ISO3"]: str(r["State"]) for r in in_region(parties, region)}
    due = [r for r in reports if r["Report"] == "Annual" and r["Year covered"] == year and r["ISO3"] in members]
    on_time = [r for r in due if _on_time(r)]
    late = [r for r in due if _late(r, as_of)]
    done = {r["ISO3"] for r in on_time + late}
    owing = [r for r in due if r["ISO3"] not in done]
    overdue = sorted((members[r["ISO3"]] for r in owing), key=un_order)
    status = ReportStatus(len(due), len(on_time), len(late), tuple(overdue))
    by = un_date(as_of, "en")
    reported = f"annual Article 7 reports on {year} due from the States Parties{_of(region)} bound on {by}"
    provenance = {
        "due": Provenance(f"number of {reported}", refs(due, "Year covered")),
        "on_time": Provenance(
            f"number of {reported} submitted on or before their due date", refs(on_time, "Due", "Submitted")
        ),
        "late": Provenance(
            f"number of {reported} submitted after their due date and by {by}", refs(late, "Due", "Submitted")
        ),
        "submitted": Provenance(
            f"number of {reported} submitted by {by} (on time + late)", refs(on_time + late, "Submitted")
        ),
        "rate": Provenance(
            f"(on time + late) / due, in per cent, rounded half up, of the {reported}", refs(due, "Due", "Submitted")
        ),
        "overdue": Provenance(f"number of {reported} not submitted by {by}", refs(owing, "ISO3", "Submitted")),
        "overdue_states": Provenance(
            f"the States whose {reported} were not submitted by {by}, in UN order", refs(owing, "ISO3", "Submitted")
        ),
    }
    return status, provenance


def initial_reports(
    parties: tuple[Record, ...], reports: tuple[Record, ...], as_of: dt.date
) -> tuple[int, tuple[str, ...]]:
    """Initial reports: how many States Parties submitted theirs by ``as_of``, and the States whose
    initial report was due by then and is still missing (UN order)."""
    submitted, overdue, _provenance = initial_reports_traced(parties, reports, as_of)
    return submitted, overdue


def initial_reports_traced(
    parties: tuple[Record, ...], reports: tuple[Record, ...], as_of: dt.date, region: str = ""
) -> tuple[int, tuple[str, ...], dict[str, Provenance]]:
    """:func:`initial_reports`, and the provenance of its figures: submitted, overdue, overdue_states;
    with ``region``, of that region's States Parties only."""
    members = {r["ISO3"]: str(r["State"]) for r in in_region(parties, region)}
    initial = [r for r in reports if r["Report"] == "Initial" and r["ISO3"] in members]
    done = [r for r in initial if _submitted_by(r, as_of)]
    owing = [r for r in initial if not _submitted_by(r, as_of) and _due(r) <= as_of]
    overdue = sorted((members[r["ISO3"]] for r in owing), key=un_order)
    by = un_date(as_of, "en")
    provenance = {
        "submitted": Provenance(
            f"number of initial reports of the States Parties{_of(region)} submitted by {by}", refs(done, "Submitted")
        ),
        "overdue": Provenance(
            f"number of initial reports{_of(region)} due by {by} and not submitted by then", refs(owing, "ISO3", "Due")
        ),
        "overdue_states": Provenance(
            f"the States{_of(region)} whose initial report was due by {by} and not submitted by then, in UN order",
            refs(owing, "ISO3", "Due"),
        ),
    }
    return len(done), tuple(overdue), provenance


def in_region(parties: tuple[Record, ...], region: str) -> tuple[Record, ...]:
    """The States Parties of ``region`` (the States sheet's Region column); all of them for ""."""
    return tuple(r for r in parties if not region or r["Region"] == region)


def _of(region: str) -> str:
    return f" of the {region} region" if region else ""
