"""The data's views in a document's language: States' names, regions, pillars, dates, lists.

A translated document shows the same figures as the original, written the
target language's way: the States by their UN short names in that language
(from the reference data) and in that language's alphabetical order, regions and
pillars by their names in it, and dates and lists as it writes them. Numbers are
formatted by the template filters and by :mod:`pipeline.xliff.merge` at merge.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline import locale
from pipeline.compute.families import Fields, field_provenance, field_values
from pipeline.compute.indicators import Indicators

# Cooperation pillars as the data names them (inputs/data/schema.yaml, Cooperation: Pillar).
PILLARS = {
    "fr": {
        "Clearance": "Dépollution",
        "Risk education": "Sensibilisation aux risques",
        "Stockpile destruction": "Destruction des stocks",
        "Victim assistance": "Assistance aux victimes",
        "Universalization": "Universalisation",
        "Other": "Autres",
    },
    "es": {
        "Clearance": "Limpieza",
        "Risk education": "Educación sobre el riesgo",
        "Stockpile destruction": "Destrucción de existencias",
        "Victim assistance": "Asistencia a las víctimas",
        "Universalization": "Universalización",
        "Other": "Otros",
    },
}


def pillar_name(pillar: str, language: str) -> str:
    return PILLARS.get(language, {}).get(pillar, pillar)


# Support to no one State (the Cooperation sheet's Recipient "Global"), as a recipient's cell names it.
GLOBAL = {"fr": "Mondial", "es": "Mundial"}


def recipient_name(name: str, language: str) -> str:
    return GLOBAL.get(language, name) if name == "Global" else locale.state_name(name, language)


def figure_in(name: str, value: object, language: str) -> str:
    """A figure from the data as the document's language writes it: areas (``*_km2``) to one decimal,
    lists of States by their names in that language."""
    if isinstance(value, (tuple, list)):
        value = tuple(locale.state_name(str(v), language) for v in value)
        value = tuple(sorted(value, key=lambda v: locale.collation_key(v, language)))
    if name.endswith("_km2") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return locale.format_area(value, language)
    return locale.format_figure(value, language)


def indicators_in(indicators: Indicators, language: str) -> Indicators:
    """The indicators for a document in ``language``: rows of States renamed and put in that
    language's alphabetical order, regions and pillars named in it, the date of the figures in it."""
    if language == "en":
        return indicators

    provenance = dict(indicators.provenance)

    def states(rows, prefix: str):
        renamed = [replace(row, state=locale.state_name(row.state, language)) for row in rows]
        order = sorted(range(len(renamed)), key=lambda i: locale.collation_key(renamed[i].state, language))
        # each row keeps its figures' provenance under its new place
        for key in [k for k in provenance if k.startswith(f"{prefix}.")]:
            del provenance[key]
        for new, old in enumerate(order):
            for key, value in indicators.provenance.items():
                if key.startswith(f"{prefix}.{old}."):
                    provenance[f"{prefix}.{new}.{key[len(f'{prefix}.{old}.') :]}"] = value
        return tuple(renamed[i] for i in order)

    def cooperation(rows):
        """The donors renamed and in the language's order (their figures' provenance following), their
        recipients renamed."""
        return states(
            tuple(replace(r, recipients=tuple(recipient_name(n, language) for n in r.recipients)) for r in rows),
            "cooperation_rows",
        )

    def total(row):
        return replace(row, state=locale.total_label(language)) if row is not None else None

    return replace(
        indicators,
        as_of=locale.un_date(indicators.period_end, language) if indicators.period_end else indicators.as_of,
        reporting_by_region=tuple(
            replace(r, region=locale.region_name(r.region, language)) for r in indicators.reporting_by_region
        ),
        reporting_total=replace(indicators.reporting_total, region=locale.total_label(language)),
        clearance_rows=states(indicators.clearance_rows, "clearance_rows"),
        clearance_total=total(indicators.clearance_total),
        stockpile_rows=states(indicators.stockpile_rows, "stockpile_rows"),
        stockpile_total=total(indicators.stockpile_total),
        cooperation_rows=cooperation(indicators.cooperation_rows),
        cooperation_totals=tuple(total(r) for r in indicators.cooperation_totals),
        provenance=provenance,
    )


def subject_in(subject: Fields | None, language: str) -> Fields | None:
    """A family document's State row, with the State's name in ``language``."""
    if subject is None or language == "en":
        return subject
    values = field_values(subject)
    state = values.get("state")
    if isinstance(state, str):
        values["state"] = locale.state_name(state, language)
    return Fields(values, field_provenance(subject))
