"""Document families: one template rendered for each State selected from the data.

A Meeting needs, for instance, one analysis of each pending Article 4 extension
request. ``meeting.yaml`` declares the family (the template, the sheet and the
rows to select, the first symbol and job number); this module turns it into one
:class:`~pipeline.model.DocumentSpec` per State, in UN name order, with the
symbols and job numbers counted on in sequence, and the State's row as the
fields its template reads. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.compute.figures import fill_text
from pipeline.errors import Diagnostic, Location, error, warning
from pipeline.locale import un_order
from pipeline.model import Dataset, DocumentSpec, FamilySpec, Record

TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


class Fields:
    """A row's values as attributes for a template: ``request.area_remaining``.

    Unlike a dict it has no methods a column could be mistaken for ("items",
    "values"), and the sandbox keeps templates away from its one private slot.
    """

    __slots__ = ("_values",)
    _values: dict[str, object]  # set once, in __init__

    def __init__(self, values: Mapping[str, object]):
        object.__setattr__(self, "_values", dict(values))

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
    """The symbol or job number ``step`` places after ``first``: CCM/MSP/2025/3 -> CCM/MSP/2025/5 for 2."""
    match = TRAILING_NUMBER.match(first)
    if not match:
        raise ValueError(f"{first!r} does not end with a number to count on from")
    head, number = match.groups()
    return f"{head}{int(number) + step:0{len(number)}d}"


def expand(
    family: FamilySpec, data: Dataset, where: str = "inputs/meeting.yaml"
) -> tuple[list[Member], list[Diagnostic]]:
    """The family's documents, one per selected row, in UN name order; and what is wrong."""
    problems: list[Diagnostic] = []
    location = Location(where, f"families: {family.id}")
    for label, value in (("first_symbol", family.first_symbol), ("first_job_number", family.first_job_number)):
        if not TRAILING_NUMBER.match(value):
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
        )
        members.append(Member(spec, Fields(values), iso3, row))
    return members, problems
