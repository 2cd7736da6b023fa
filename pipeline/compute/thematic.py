"""The thematic figures of the data year: clearance (Article 4), stockpiles (Article 3), casualties,
cooperation and national implementation. Pure functions over records; each function states its
formula, and its ``*_traced`` or ``*_provenance`` companion says where each figure comes from (the
rule in words and the cells, as :meth:`~pipeline.model.Record.ref` writes them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline import reference
from pipeline.compute.article7 import date_in, refs
from pipeline.locale import un_order
from pipeline.model import Provenance, Record


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
    iso3: str = ""  # the State's code ("" for the total): how a family's document finds its row


# The fields of a per-State row: the column each is read from, and the figure in words.
CLEARANCE_FIELDS = {
    "baseline_km2": ("Area at baseline", "area contaminated at entry into force, in square kilometres"),
    "cleared_km2": ("Area cleared", "area cleared during {year}, in square kilometres"),
    "released_km2": ("Area released by survey", "area released by survey during {year}, in square kilometres"),
    "remaining_km2": ("Area remaining", "area remaining at 31 December {year}, in square kilometres"),
}
STOCKPILE_FIELDS = {
    "destroyed_munitions": ("Munitions destroyed", "cluster munitions destroyed during {year}"),
    "destroyed_submunitions": ("Submunitions destroyed", "submunitions destroyed during {year}"),
    "remaining_munitions": ("Munitions remaining", "cluster munitions remaining at 31 December {year}"),
    "remaining_submunitions": ("Submunitions remaining", "submunitions remaining at 31 December {year}"),
}


def _deadline(record: Record) -> dt.date | None:
    """The deadline in force: the extension granted, else the original deadline."""
    return date_in(record, "Extension until") or date_in(record, "Deadline")


def _deadline_provenance(record: Record, what: str) -> Provenance:
    source = "Extension until" if date_in(record, "Extension until") else "Deadline"
    return Provenance(
        f"the {what} deadline in force reported by {record['State']}: Extension until where an extension was "
        "granted, else Deadline",
        (record.ref(source),),
    )


def _row_provenance(prefix: str, pairs: list, fields: dict[str, tuple[str, str]], year: int) -> dict[str, Provenance]:
    """Each per-State row's figures from its record's cells, and the total's as sums over the rows."""
    out: dict[str, Provenance] = {}
    for index, (_row, record) in enumerate(pairs):
        for name, (column, words) in fields.items():
            out[f"{prefix}_rows.{index}.{name}"] = Provenance(
                f"{words.format(year=year)}, as reported by {record['State']}", (record.ref(column),)
            )
    for name, (column, words) in fields.items():
        out[f"{prefix}_total.{name}"] = Provenance(
            f"sum of {column} over the {prefix.capitalize()} rows for {year}: {words.format(year=year)}",
            tuple(record.ref(column) for _row, record in pairs),
        )
    return out


def clearance(records: tuple[Record, ...], year: int) -> tuple[tuple[ClearanceRow, ...], ClearanceRow]:
    """Per State with Article 4 obligations in ``year`` (UN name order) and the total; areas in km2.

    total cleared = sum of cleared; total remaining = sum of remaining at 31 December.
    """
    rows, total, _provenance = clearance_traced(records, year)
    return rows, total


def clearance_traced(
    records: tuple[Record, ...], year: int
) -> tuple[tuple[ClearanceRow, ...], ClearanceRow, dict[str, Provenance]]:
    """:func:`clearance`, and the provenance of each figure: "clearance_rows.<i>.<field>" from the
    row's cell, "clearance_total.<field>" from the cells of every row."""
    pairs = sorted(
        (
            (
                ClearanceRow(
                    str(r["State"]),
                    _number(r, "Area at baseline"),
                    _number(r, "Area cleared"),
                    _number(r, "Area released by survey"),
                    _number(r, "Area remaining"),
                    _deadline(r),
                    str(r.values.get("ISO3") or ""),
                ),
                r,
            )
            for r in _in_year(records, year)
        ),
        key=lambda pair: un_order(pair[0].state),
    )
    rows = tuple(row for row, _record in pairs)
    total = ClearanceRow(
        "Total",
        sum(r.baseline_km2 for r in rows),
        sum(r.cleared_km2 for r in rows),
        sum(r.released_km2 for r in rows),
        sum(r.remaining_km2 for r in rows),
        None,
    )
    provenance = _row_provenance("clearance", pairs, CLEARANCE_FIELDS, year)
    for index, (_row, record) in enumerate(pairs):
        provenance[f"clearance_rows.{index}.deadline"] = _deadline_provenance(record, "Article 4")
    return rows, total, provenance


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

    A State has Article 3 obligations while munitions or submunitions remain. A State's row counts when it
    destroyed, held or completed in ``year`` (one that completed earlier reports zeros, and is left out).
    """
    rows, total, _provenance = stockpiles_traced(records, year)
    return rows, total


def stockpiles_traced(
    records: tuple[Record, ...], year: int
) -> tuple[tuple[StockpileRow, ...], StockpileRow, dict[str, Provenance]]:
    """:func:`stockpiles`, and the provenance of each figure ("stockpile_rows.<i>.<field>",
    "stockpile_total.<field>")."""
    pairs = sorted(
        (
            (
                StockpileRow(
                    str(r["State"]),
                    int(_number(r, "Munitions destroyed")),
                    int(_number(r, "Submunitions destroyed")),
                    int(_number(r, "Munitions remaining")),
                    int(_number(r, "Submunitions remaining")),
                    _deadline(r),
                    date_in(r, "Completed"),
                ),
                r,
            )
            for r in _in_year(records, year)
            if _held_or_destroyed(r, year)
        ),
        key=lambda pair: un_order(pair[0].state),
    )
    rows = tuple(row for row, _record in pairs)
    total = StockpileRow(
        "Total",
        sum(r.destroyed_munitions for r in rows),
        sum(r.destroyed_submunitions for r in rows),
        sum(r.remaining_munitions for r in rows),
        sum(r.remaining_submunitions for r in rows),
        None,
        None,
    )
    provenance = _row_provenance("stockpile", pairs, STOCKPILE_FIELDS, year)
    for index, (_row, record) in enumerate(pairs):
        provenance[f"stockpile_rows.{index}.deadline"] = _deadline_provenance(record, "Article 3")
        if date_in(record, "Completed"):
            provenance[f"stockpile_rows.{index}.completed"] = Provenance(
                f"the date {record['State']} reported completing the destruction of its stockpiles",
                (record.ref("Completed"),),
            )
    return rows, total, provenance


def _held_or_destroyed(record: Record, year: int) -> bool:
    """A State's row of ``year`` belongs to the year's table when it destroyed munitions or submunitions in the
    year, still held some at 31 December, or completed destruction in the year: a State that completed
    earlier and still files a row of zeros did nothing "in" the year."""
    done = date_in(record, "Completed")
    return (
        any(_number(record, c) for c in ("Munitions destroyed", "Submunitions destroyed"))
        or any(_number(record, c) for c in ("Munitions remaining", "Submunitions remaining"))
        or (done is not None and done.year == year)
    )


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


def casualties_provenance(records: tuple[Record, ...], year: int) -> dict[str, Provenance]:
    """The provenance of :func:`casualties`' figures, by their names among the [[figures]]."""
    rows = _in_year(records, year)
    keys = ("women", "men", "girls", "boys")
    out = {
        f"casualties.{key}": Provenance(
            f"sum of Casualties {key} over the VictimAssistance rows for {year}", refs(rows, f"Casualties {key}")
        )
        for key in keys
    }
    out["casualties.total"] = Provenance(
        f"sum of the casualties (women, men, girls and boys) over the VictimAssistance rows for {year}",
        refs(rows, *(f"Casualties {key}" for key in keys)),
    )
    return out


@dataclass(frozen=True)
class CooperationRow:
    state: str  # the donor State Party; on a total row, "Total"
    # the recipient States' names (UN order), then "Global" for support to no one State; none on a total row
    recipients: tuple[str, ...]
    currency: str
    amount: float  # in that currency: amounts in different currencies are never added

    @property
    def recipient_list(self) -> str:
        """The recipients as a table cell writes them: "Chad, Iraq, Global"."""
        return ", ".join(self.recipients)


def _name(iso3: str) -> str:
    return next((r["name_en"] for r in reference.states() if r.get("iso3") == iso3), iso3)


def _cooperation_groups(
    records: tuple[Record, ...], year: int
) -> tuple[list[tuple[CooperationRow, list[Record]]], list[tuple[CooperationRow, list[Record]]]]:
    """The donors' rows (one per donor and currency, donors in UN order) and the totals (one per currency,
    currencies in alphabetical order, with no recipients), each with the records it sums."""
    by_donor: dict[tuple[str, str], list[Record]] = {}
    by_currency: dict[str, list[Record]] = {}
    for r in _in_year(records, year):
        by_donor.setdefault((_name(str(r["Donor"])), str(r["Currency"])), []).append(r)
        by_currency.setdefault(str(r["Currency"]), []).append(r)

    def recipients(rows: list[Record]) -> tuple[str, ...]:
        named = sorted({_name(str(r["Recipient"])) for r in rows if r["Recipient"] != "Global"}, key=un_order)
        return tuple(named) + (("Global",) if any(r["Recipient"] == "Global" for r in rows) else ())

    def amount(rows: list[Record]) -> float:
        return sum(_number(r, "Amount") for r in rows)

    donors = sorted(by_donor.items(), key=lambda item: (un_order(item[0][0]), item[0][1]))
    # A total's recipients would be every donor's again: the total row leaves them out.
    return (
        [(CooperationRow(donor, recipients(rows), currency, amount(rows)), rows) for (donor, currency), rows in donors],
        [(CooperationRow("Total", (), currency, amount(rows)), rows) for currency, rows in sorted(by_currency.items())],
    )


def cooperation(records: tuple[Record, ...], year: int) -> tuple[CooperationRow, ...]:
    """Support reported for ``year``: one row per donor State Party and currency (all pillars, amount = sum of
    Amount), with the States it supported."""
    return tuple(row for row, _records in _cooperation_groups(records, year)[0])


def cooperation_totals(records: tuple[Record, ...], year: int) -> tuple[CooperationRow, ...]:
    """Support reported for ``year``, per currency: the sum of Amount over every donor (currencies are never
    converted, so never added to one another); the rows name no recipients."""
    return tuple(row for row, _records in _cooperation_groups(records, year)[1])


def cooperation_provenance(records: tuple[Record, ...], year: int) -> dict[str, Provenance]:
    """The provenance of each "cooperation_rows.<i>.amount" and "cooperation_totals.<i>.amount" (the rows in
    :func:`cooperation`'s and :func:`cooperation_totals`' order)."""
    out = {}
    donors, totals = _cooperation_groups(records, year)
    for prefix, groups in (("cooperation_rows", donors), ("cooperation_totals", totals)):
        for index, (row, rows) in enumerate(groups):
            who = "every donor" if prefix == "cooperation_totals" else f"the Donor {row.state}"
            out[f"{prefix}.{index}.amount"] = Provenance(
                f"sum of Amount over the Cooperation rows for {year} of {who} in {row.currency} (currencies are "
                "never converted)",
                refs(rows, "Amount"),
            )
    return out


def implementation_provenance(records: tuple[Record, ...], parties: tuple[Record, ...]) -> dict[str, Provenance]:
    """The provenance of the "nim.*" figures of :func:`implementation`."""
    members = {r["ISO3"] for r in parties}
    listed = [r for r in records if r["ISO3"] in members]
    seen = {r["ISO3"] for r in listed}
    out = {}
    for name, status in (
        ("specific", "Specific legislation"),
        ("sufficient", "Existing legislation sufficient"),
        ("preparation", "Legislation in preparation"),
    ):
        out[f"nim.{name}"] = Provenance(
            f"number of States Parties whose national implementation Status is {status}",
            refs([r for r in listed if r["Status"] == status], "Status"),
        )
    out["nim.not_reported"] = Provenance(
        "number of States Parties whose Status is Not reported, or with no row in the NationalImplementation sheet",
        refs([r for r in listed if r["Status"] == "Not reported"], "Status")
        + refs([r for r in parties if r["ISO3"] not in seen], "ISO3"),
    )
    return out


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
