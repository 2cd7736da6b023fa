"""Gender and diversity indicators of the data year, for the Coordinators on General Status and Operation
(the Lausanne Action Plan's cross-cutting actions): casualties, people assisted and people reached by risk
education by sex and age, and how many States Parties report their figures disaggregated by sex and age.

Pure functions over records. Sex and age follow the Article 7 forms: women and men are 18 and older, girls
and boys under 18. Counts are numbers of people or of States Parties; shares are per cent of a whole,
rounded half up to whole numbers (an en dash when the whole is 0). A State with a row of the year on a
form reports on that form (its victim-assistance row gives its focal point and plan, for instance); an
empty sex and age cell means that figure was not given by sex and age: it counts 0 in the sums, and the
State as not disaggregating (the forms have no total to tell "given in total only" from "not given").
"""

from __future__ import annotations

from pipeline.compute.article7 import refs
from pipeline.compute.thematic import percent_of
from pipeline.model import Dataset, Provenance, Record

GROUPS = ("women", "men", "girls", "boys")

# form -> (figure prefix, sheet, the four columns by sex and age in GROUPS' order, what is counted)
FORMS: dict[str, tuple[str, str, tuple[str, ...], str]] = {
    "casualties": (
        "casualties",
        "VictimAssistance",
        tuple(f"Casualties {g}" for g in GROUPS),
        "new cluster munition casualties",
    ),
    "assisted": (
        "va.assisted",
        "VictimAssistance",
        tuple(f"Assisted {g}" for g in GROUPS),
        "cluster munition victims who received assistance",
    ),
    "risk_education": (
        "risk_education",
        "RiskEducation",
        tuple(g.capitalize() for g in GROUPS),
        "people reached by risk education",
    ),
}


def _year(records: tuple[Record, ...], year: int) -> list[Record]:
    return [r for r in records if r.values.get("Year") == year]


def _count(record: Record, column: str) -> int:
    value = record.values.get(column)
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def disaggregated(record: Record, columns: tuple[str, ...]) -> bool:
    """True when the row gives a number (0 included) in each of the four sex and age columns."""
    return all(isinstance(record.values.get(c), (int, float)) for c in columns)


def by_sex_and_age(records: tuple[Record, ...], year: int, columns: tuple[str, ...]) -> dict[str, object]:
    """People by sex and age over the rows of ``year`` (numbers of people), and their shares:

    women, men, girls, boys = sums of the four columns (an empty cell counts 0);
    total = women + men + girls + boys; female = women + girls; children = girls + boys;
    female_percent = 100 * female / total; children_percent = 100 * children / total (whole numbers).
    """
    rows = _year(records, year)
    out: dict[str, object] = {g: sum(_count(r, c) for r in rows) for g, c in zip(GROUPS, columns, strict=True)}
    women, men, girls, boys = (int(out[g]) for g in GROUPS)  # type: ignore[call-overload]
    total = women + men + girls + boys
    out.update(total=total, female=women + girls, children=girls + boys)
    out["female_percent"] = percent_of(women + girls, total)
    out["children_percent"] = percent_of(girls + boys, total)
    return out


def reporting_states(records: tuple[Record, ...], year: int, columns: tuple[str, ...]) -> tuple[int, int]:
    """(States whose rows of ``year`` are all disaggregated by sex and age, States with a row of ``year``)."""
    rows = _year(records, year)
    states = {str(r["ISO3"]) for r in rows}
    partial = {str(r["ISO3"]) for r in rows if not disaggregated(r, columns)}
    return len(states - partial), len(states)


def disaggregating_states(data: Dataset, year: int) -> tuple[int, int]:
    """(States Parties reporting every form disaggregated by sex and age, States Parties reporting on any
    form) for ``year``: a State counts as disaggregating when each of its rows in VictimAssistance
    (casualties and people assisted) and RiskEducation gives all four sex and age figures."""
    reporting: set[str] = set()
    partial: set[str] = set()
    for _prefix, sheet, columns, _what in FORMS.values():
        for r in _year(data.sheet(sheet), year):
            reporting.add(str(r["ISO3"]))
            if not disaggregated(r, columns):
                partial.add(str(r["ISO3"]))
    return len(reporting - partial), len(reporting)


def gender_figures(data: Dataset, year: int) -> dict[str, tuple[object, Provenance]]:
    """The gender and diversity figures by their [[names]], each with its provenance:

    - <prefix>.female, .children, .female_percent, .children_percent for casualties, va.assisted
      (and .women .men .girls .boys .total for va.assisted) and risk_education, as :func:`by_sex_and_age`;
    - <prefix>.disaggregated_states / .reporting_states: States whose rows give all four figures / with a row;
    - gender.disaggregated_states, gender.reporting_states, gender.disaggregated_percent: over every form,
      as :func:`disaggregating_states`; percent = 100 * disaggregating / reporting.
    """
    found: dict[str, tuple[object, Provenance]] = {}
    for prefix, sheet, columns, what in FORMS.values():
        rows = _year(data.sheet(sheet), year)
        values = by_sex_and_age(data.sheet(sheet), year, columns)
        where = f"over the {sheet} rows for {year}"
        shown = GROUPS + ("total",) if prefix == "va.assisted" else ()
        for name in shown:
            cols = columns if name == "total" else (columns[GROUPS.index(name)],)
            found[f"{prefix}.{name}"] = (
                values[name],
                Provenance(f"{what}: sum of {' + '.join(cols)} {where}", refs(rows, *cols)),
            )
        female, children = (columns[0], columns[2]), (columns[2], columns[3])
        found[f"{prefix}.female"] = (
            values["female"],
            Provenance(f"{what}, female: sum of {' + '.join(female)} {where}", refs(rows, *female)),
        )
        found[f"{prefix}.children"] = (
            values["children"],
            Provenance(f"{what}, children: sum of {' + '.join(children)} {where}", refs(rows, *children)),
        )
        for share, part in (("female", female), ("children", children)):
            found[f"{prefix}.{share}_percent"] = (
                values[f"{share}_percent"],
                Provenance(
                    f"{what}: 100 * ({' + '.join(part)}) / (sum of the four columns) {where}, in whole per cent",
                    refs(rows, *columns),
                ),
            )
        done, of = reporting_states(data.sheet(sheet), year, columns)
        found[f"{prefix}.disaggregated_states"] = (
            done,
            Provenance(
                f"number of States whose {sheet} rows for {year} give all of {', '.join(columns)}", refs(rows, *columns)
            ),
        )
        found[f"{prefix}.reporting_states"] = (
            of,
            Provenance(f"number of States with a {sheet} row for {year}", refs(rows, "ISO3")),
        )
    done, of = disaggregating_states(data, year)
    every = [r for sheet in ("VictimAssistance", "RiskEducation") for r in _year(data.sheet(sheet), year)]
    rule = f"every form (casualties, people assisted, risk education) disaggregated by sex and age for {year}"
    found["gender.disaggregated_states"] = (
        done,
        Provenance(f"number of States Parties reporting {rule}", refs(every, "ISO3")),
    )
    found["gender.reporting_states"] = (
        of,
        Provenance(
            f"number of States Parties with a VictimAssistance or RiskEducation row for {year}", refs(every, "ISO3")
        ),
    )
    found["gender.disaggregated_percent"] = (
        percent_of(done, of),
        Provenance(
            f"100 * States Parties reporting {rule} / States Parties reporting on them, in whole per cent",
            refs(every, "ISO3"),
        ),
    )
    return found
