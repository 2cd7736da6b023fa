"""The State on a data row: its name must be its code's, and an unknown code or name gets the States meant.

A State is known by its UN short name in English, French and Spanish (pipeline/reference/states.csv)
and by the informal names of pipeline/reference/name-variants.csv ("Burma", "Lao PDR"). Names are
compared without case, spacing or the kind of apostrophe: Word and Excel type "’" for "'".
"""

from __future__ import annotations

import difflib
import re

from pipeline.errors import Diagnostic, error
from pipeline.model import Dataset
from pipeline.reference import NameVariant

NAME_COLUMNS = ("name_en", "name_fr", "name_es")

# A name this close to a State's is a misspelling of it ("Portugall", "Germny"); below it, "Atlantis"
# would suggest Albania. Names far behind the closest one are not what was meant either.
CLOSE = 0.75
MARGIN = 0.1


def normal(name: str) -> str:
    """A name as compared: case, runs of spaces and typographic apostrophes ignored."""
    return re.sub(r"\s+", " ", name.replace("\u2019", "'")).strip().casefold()


def name_index(membership: tuple[dict[str, str], ...], variants: tuple[NameVariant, ...]) -> dict[str, str]:
    """Every accepted name of every State, compared as :func:`normal` writes it, to its code."""
    index: dict[str, str] = {}
    for row in membership:
        for column in NAME_COLUMNS:
            if row.get(column):
                index.setdefault(normal(row[column]), row["iso3"])
    for variant in variants:
        index.setdefault(normal(variant.variant), variant.iso3)
    return index


def state_mismatches(
    data: Dataset, membership: tuple[dict[str, str], ...], variants: tuple[NameVariant, ...]
) -> list[Diagnostic]:
    """A row's State must be one of the names of the State its ISO3 code stands for, on every sheet
    with both columns; a row whose code is unknown is left to the unknown-code rule."""
    found: list[Diagnostic] = []
    un_names = {row["iso3"]: row["name_en"] for row in membership}
    index = name_index(membership, variants)
    accepted: dict[str, set[str]] = {}
    for known, iso3 in index.items():
        accepted.setdefault(iso3, set()).add(known)
    for records in data.records.values():
        for record in records:
            code, name = record.values.get("ISO3"), record.values.get("State")
            if not (isinstance(code, str) and isinstance(name, str) and name.strip()) or code not in un_names:
                continue
            if normal(name) in accepted.get(code, ()):
                continue
            also = _also(name.strip(), code, index, un_names)
            found.append(
                error(
                    "data.state-mismatch",
                    record.cells["State"],
                    f'the State on this row is "{name.strip()}" but code {code} is {un_names[code]}{also}; '
                    "correct one of the two",
                )
            )
    return found


def _also(name: str, code: str, index: dict[str, str], un_names: dict[str, str]) -> str:
    """What else the row's name may be: another State's name, or close to other States' names
    (a misspelling of the code's own State says nothing more)."""
    other = index.get(normal(name))
    if other:
        return f", and {name} is {other}"
    close = _close_names(normal(name), index)
    if not close or code in close:
        return ""
    return f", and {name} looks like " + " or ".join(f"{c} ({un_names[c]})" for c in close)


def suggest(name: str, code: str, membership: tuple[dict[str, str], ...], variants: tuple[NameVariant, ...]) -> str:
    """'; did you mean …' for an unknown code: the State the row's name is (any of its names), else the
    States whose names are close to it, and only when the name says nothing, codes spelt like this one."""
    un_names = {row["iso3"]: row["name_en"] for row in membership}
    index = name_index(membership, variants)
    codes: list[str] = []
    if name.strip():
        exact = index.get(normal(name))
        codes = [exact] if exact else _close_names(normal(name), index)
    if not codes:
        codes = difflib.get_close_matches(code, list(un_names), n=3, cutoff=0.6)
    if not codes:
        return "; check the code against ISO 3166"
    return "; did you mean " + " or ".join(f"{c} ({un_names[c]})" for c in codes) + "?"


def _close_names(name: str, index: dict[str, str]) -> list[str]:
    """The codes of the (at most three) States with a name close to ``name``, closest first."""
    scored = sorted(
        ((difflib.SequenceMatcher(None, name, known).ratio(), code) for known, code in index.items()), reverse=True
    )
    best = scored[0][0] if scored else 0.0
    close = [code for ratio, code in scored if ratio >= max(CLOSE, best - MARGIN)]
    return list(dict.fromkeys(close))[:3]
