"""Document families: one template rendered for each State selected from the data.

A Meeting needs, for instance, one analysis of each pending Article 4 extension
request. ``meeting.yaml`` declares the family (the template, the sheet and the
rows to select, the first symbol and job number); this module turns it into one
:class:`~pipeline.model.DocumentSpec` per State, in UN name order, with the
symbols and job numbers counted on in sequence, and the State's row as the
fields its template reads. Pure functions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.compute.extension import analyse
from pipeline.compute.figures import fill_text
from pipeline.errors import Diagnostic, Location, error, warning
from pipeline.locale import un_order
from pipeline.model import Dataset, DocumentSpec, FamilySpec, Provenance, Record

if TYPE_CHECKING:  # a type only
    from pipeline.compute.indicators import Indicators

TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")
TRAILING_PLACEHOLDER = re.compile(r"^(.*)\[([^\[\]]+)\]$")  # CCM/MSP/2026/[number]: the UN assigns it


class Fields:
    """A row's values as attributes for a template: ``request.area_remaining``.

    Unlike a dict it has no methods a column could be mistaken for ("items",
    "values"), and the sandbox keeps templates away from its one private slot.
    """

    __slots__ = ("_values", "_provenance")
    _values: dict[str, object]  # set once, in __init__
    _provenance: dict[str, Provenance]  # by "subject.<field>"

    def __init__(self, values: Mapping[str, object], provenance: Mapping[str, Provenance] | None = None):
        object.__setattr__(self, "_values", dict(values))
        object.__setattr__(self, "_provenance", dict(provenance or {}))

    def __getattr__(self, name: str) -> object:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("read-only")


def field_values(fields: Fields) -> dict[str, object]:
    """A copy of a row's values (outside the sandbox, which keeps templates from ``_values``)."""
    return dict(object.__getattribute__(fields, "_values"))


def field_provenance(fields: Fields) -> dict[str, Provenance]:
    """Where each of a row's figures comes from, by "subject.<field>" (outside the sandbox)."""
    return dict(object.__getattribute__(fields, "_provenance"))


@dataclass(frozen=True)
class Member:
    spec: DocumentSpec
    fields: Fields
    iso3: str
    row: Record


def snake(column: str) -> str:
    """A column name as a template field name: "Area at entry into force" -> area_at_entry_into_force."""
    return re.sub(r"[^a-z0-9]+", "_", column.lower()).strip("_")


def counted_on(first: str, step: int) -> str:
    """The symbol or job number ``step`` places after ``first``: CCM/MSP/2025/3 -> CCM/MSP/2025/5 for 2;
    CCM/MSP/2026/[number] -> CCM/MSP/2026/[number+2] while the number is to be filled in."""
    marked = TRAILING_PLACEHOLDER.match(first)
    if marked:
        return f"{marked.group(1)}[{marked.group(2)}+{step}]" if step else first
    match = TRAILING_NUMBER.match(first)
    if not match:
        raise ValueError(f"{first!r} does not end with a number to count on from")
    head, number = match.groups()
    return f"{head}{int(number) + step:0{len(number)}d}"


# The sheet whose family documents are analyses of Article 4 extension requests: their fields gain
# the analysis (pipeline.compute.extension).
EXTENSION_SHEET = "ExtensionRequests"


def expand(
    family: FamilySpec, data: Dataset, where: str = "inputs/meeting.yaml", meeting_opens: dt.date | None = None
) -> tuple[list[Member], list[Diagnostic]]:
    """The family's documents, one per selected row, in UN name order; and what is wrong. A family of
    the ExtensionRequests sheet gets each request's analysis, the nine-month rule counted back from
    ``meeting_opens`` (the meeting's first day)."""
    problems: list[Diagnostic] = []
    location = Location(where, f"families: {family.id}")
    for label, value in (("first_symbol", family.first_symbol), ("first_job_number", family.first_job_number)):
        if not TRAILING_NUMBER.match(value) and not TRAILING_PLACEHOLDER.match(value):
            problems.append(error("config.family", location, f"{label} {value!r} must end with a number"))
    if problems:
        return [], problems
    rows = [
        r
        for r in data.sheet(family.sheet)
        if all(str(r.values.get(column)) == value for column, value in family.where.items())
    ]
    if not rows:
        problems.append(
            warning(
                "config.family",
                location,
                f"no row of the {family.sheet} sheet matches {dict(family.where)}; the family has no documents",
            )
        )
    states = {r["ISO3"]: r for r in data.sheet("States")}
    members = []
    for step, row in enumerate(sorted(rows, key=lambda r: un_order(str(r.values.get("State", ""))))):
        iso3 = str(row.values.get("ISO3", ""))
        state_row = states.get(iso3)
        name = str(state_row["State"] if state_row else row.values.get("State", iso3))
        values = {snake(column): value for column, value in row.values.items()}
        values.update(
            state=name, iso3=iso3, entry_into_force=state_row.values.get("Entry into force") if state_row else None
        )
        provenance = {
            f"subject.{snake(column)}": Provenance(f"{column} in the {family.sheet} row of {name}", (row.ref(column),))
            for column, value in row.values.items()
            if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool)
        }
        if family.sheet == EXTENSION_SHEET:
            analysis, analysis_provenance = analyse(row, data, meeting_opens)
            values.update(analysis)
            provenance.update(analysis_provenance)
        if state_row is not None and state_row.values.get("Entry into force") is not None:
            provenance["subject.entry_into_force"] = Provenance(
                f"Entry into force of the Convention for {name} (States sheet)", (state_row.ref("Entry into force"),)
            )
        title, unknown = fill_text(family.title, {"state": name})
        submitted_by, unknown_too = fill_text(family.submitted_by, {"state": name})
        for bad in unknown + unknown_too:
            problems.append(error("config.family", location, f"[[{bad}]] is not known here; only [[state]] is"))
        spec = DocumentSpec(
            id=f"{family.id}-{iso3.lower()}",
            symbol=counted_on(family.first_symbol, step),
            date=family.date,
            job_number=counted_on(family.first_job_number, step),
            distribution=family.distribution,
            original_language=family.original_language,
            agenda_item=family.agenda_item,
            title=title,
            submitted_by=submitted_by,
            word_limit=family.word_limit,
            template=family.template,
            chapters=(),
            submitted=family.submitted,
        )
        members.append(Member(spec, Fields(values, provenance), iso3, row))
    return members, problems


# A field of an Article 4 extension request that is the same figure as an indicator of the progress
# report's annex II (the Clearance sheet): the field, the indicator's field of the State's row.
SHARED_WITH_CLEARANCE = {
    "area_at_entry_into_force": "baseline_km2",
    "area_remaining": "remaining_km2",
    "current_deadline": "deadline",
}


def _same(a: object, b: object) -> bool:
    if isinstance(a, dt.datetime):
        a = a.date()
    if isinstance(b, dt.datetime):
        b = b.date()
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-9
    return a == b


def share_indicators(fields: Fields, indicators: Indicators) -> tuple[Fields, list[Diagnostic]]:
    """A family document's fields with the figures it shares with the meeting's indicators taken from
    them, value and provenance, so that one figure has one source in every document: the area at entry
    into force, the area remaining at the end of the data year and the deadline in force come from the
    State's row of the Clearance indicators (annex II of the progress report). What is the request's
    own (submitted, requested deadline, years requested, area cleared since) stays the request's.

    Where the request's typed value differs from the indicator, a warning names both cells; the
    document shows the indicator's value."""
    values, provenance = field_values(fields), field_provenance(fields)
    index = next((i for i, r in enumerate(indicators.clearance_rows) if r.iso3 and r.iso3 == values.get("iso3")), None)
    if index is None:
        return fields, []
    row = indicators.clearance_rows[index]
    found = []
    for name, shared in SHARED_WITH_CLEARANCE.items():
        if name not in values:
            continue
        value = getattr(row, shared)
        source = indicators.provenance.get(f"clearance_rows.{index}.{shared}")
        typed, typed_source = values[name], provenance.get(f"subject.{name}")
        if typed is not None and not _same(typed, value) and typed_source is not None and source is not None:
            cell, other = typed_source.sources[0], ", ".join(source.sources)
            path, _, place = cell.rpartition(":")
            found.append(
                warning(
                    "data.figure-differs",
                    Location(f"inputs/data/{path}" if path else "", place),
                    f"{values.get('state')}: {name.replace('_', ' ')} is {_shown(typed)} here but "
                    f"{_shown(value)} in {other} ({source.formula}); the documents show {_shown(value)}, the "
                    "figure of the progress report: correct the cell that is wrong",
                )
            )
        values[name] = value
        if source is not None:
            provenance[f"subject.{name}"] = source
    return Fields(values, provenance), found


def _shown(value: object) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)  # every decimal the cell has
