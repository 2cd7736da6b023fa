"""Reference data shipped with the package: the Convention's membership and name variants.

These are package data (``pipeline/reference/*.csv``), read once and cached;
they are not user inputs. See ``pipeline/reference/README.md`` for sources.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class NameVariant:
    """An informal name drafts use, and the UN short name it stands for."""

    variant: str
    iso3: str
    un_name: str
    pattern: re.Pattern


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("pipeline").joinpath("reference", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@lru_cache(maxsize=1)
def states() -> tuple[dict[str, str], ...]:
    return tuple(_rows("states.csv"))


@lru_cache(maxsize=1)
def name_variants() -> tuple[NameVariant, ...]:
    """Informal names, longest first so that "Lao P.D.R." wins over a shorter match."""
    un_names = {row["iso3"]: row["name_en"] for row in states()}
    out = []
    for row in _rows("name-variants.csv"):
        variant, iso3 = row["variant"].strip(), row["iso3"].strip()
        if not variant or iso3 not in un_names or variant == un_names[iso3]:
            continue
        pattern = re.compile(r"(?<![\w-])" + re.escape(variant) + r"(?![\w-])")
        out.append(NameVariant(variant, iso3, un_names[iso3], pattern))
    return tuple(sorted(out, key=lambda v: -len(v.variant)))


@lru_cache(maxsize=1)
def un_names() -> tuple[str, ...]:
    return tuple(sorted({row["name_en"] for row in states() if row["name_en"]}, key=len, reverse=True))


def informal_names(text: str, variants: tuple[NameVariant, ...]) -> list[tuple[NameVariant, int]]:
    """Informal names in ``text`` with their offsets, skipping where a UN name already stands.

    "Bolivia" inside "Bolivia (Plurinational State of)", or "Republic of the Congo"
    inside "Democratic Republic of the Congo", is a UN name, not a variant.
    """
    taken: list[range] = []
    for name in un_names():
        start = text.find(name)
        while start >= 0:
            taken.append(range(start, start + len(name)))
            start = text.find(name, start + 1)
    found: list[tuple[NameVariant, int]] = []
    for variant in variants:
        for match in variant.pattern.finditer(text):
            start = match.start()
            if any(start in span for span in taken):
                continue
            found.append((variant, start))
            taken.append(range(start, match.end()))
    return sorted(found, key=lambda item: item[1])


def official_names(text: str, variants: tuple[NameVariant, ...]) -> tuple[str, int]:
    """``text`` with informal names replaced by the UN short names, and how many were replaced."""
    found = informal_names(text, variants)
    for variant, start in reversed(found):
        text = text[:start] + variant.un_name + text[start + len(variant.variant) :]
    return text, len(found)


# The Convention entered into force on 1 August 2010 for the first 30 States, whose
# instruments were deposited by 16 February 2010 (Article 17, paragraph 1).
FIRST_ENTRY_INTO_FORCE = dt.date(2010, 8, 1)
THIRTIETH_DEPOSIT = dt.date(2010, 2, 16)


def entry_into_force(deposit: dt.date) -> dt.date:
    """Article 17: for a later State, the first day of the sixth month after the month of its deposit."""
    if deposit <= THIRTIETH_DEPOSIT:
        return FIRST_ENTRY_INTO_FORCE
    month = deposit.month + 6
    return dt.date(deposit.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
