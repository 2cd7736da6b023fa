"""Figures of an Article 4 extension analysis as the reader checks them: pure functions.

A template's area filter writes an area to one decimal (pipeline.locale.numbers.format_area). Where
the analysis must print more decimals so that what is printed adds up or can be checked, it gives
the template the text in every language (``{"en": "0.61", "fr": "0,61", ...}``, the template picking
its own by ``document.language_tag[:2]``), written with CLDR's decimal mark and grouping through babel:

- table 1 (:func:`release_table`): every figure to the same number of decimals, the fewest (at least
  one) at which no area that is not nil prints as 0 (format_area's rule: 0.043 -> "0.04"); each row's
  parts add up to its release (extension.add_up) and each row's remaining is the next row's remaining
  plus that row's release as printed, counted back from the area remaining at the end (one rounding);
- the rates (:func:`rate_places`): to the fewest decimals (one, two under 1 km2 a year, at most three)
  at which the increase stated, computed from the unrounded rates, is also what the printed rates give;
- small whole numbers in running text (:func:`in_words`): one to nine in words (UN editorial style),
  from :data:`WORDS` (babel has no spelling out); 10 and over, and other languages, in figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from pipeline.locale.languages import SUPPORTED, cldr
from pipeline.model import Record

Texts = dict[str, str]  # by language code

# One to nine as running text writes them (masculine in French and Spanish: "ans", "años", "mois", "meses").
WORDS = {
    "en": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    "fr": ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
    "es": ("un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"),
}


def in_words(n: int | None) -> Texts:
    """``n`` in every language: 1-9 in words where :data:`WORDS` has the language, else in figures."""
    if n is None:
        return {lang: "" for lang in SUPPORTED}
    small = 1 <= n <= 9
    return {lang: WORDS[lang][n - 1] if small and lang in WORDS else str(n) for lang in SUPPORTED}


def half_up(value: float, places: int) -> float:
    """``value`` rounded half up to ``places`` decimals, from its shortest repr (as format_area rounds)."""
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def decimals(value: float | None, places: int) -> Texts:
    """``value`` to exactly ``places`` decimals, rounded half up, in every language: en "1,234.50",
    fr "1\u202f234,50", es "1234,50" (CLDR's grouping); None as ""."""
    if value is None:
        return {lang: "" for lang in SUPPORTED}
    shown = Decimal(repr(half_up(value, places))).quantize(Decimal(1).scaleb(-places))
    pattern = "#,##0." + "0" * places
    return {lang: format_decimal(shown, format=pattern, locale=cldr(lang)) for lang in SUPPORTED}


def places_to_show(value: float, least: int = 1) -> int:
    """The fewest decimals (at least ``least``, at most six) at which ``value``, if not nil, is not 0."""
    places = least
    while value and not half_up(value, places) and places < 6:
        places += 1
    return places


@dataclass(frozen=True)
class YearRelease:
    """One year of form F as table 1 prints it (km2): the area cancelled by non-technical survey,
    reduced by technical survey and cleared, the land released (their sum) and the area remaining on
    31 December, each rounded to the table's decimals. ``cancelled`` and ``reduced`` are None when the
    data gives only their sum (``surveyed``). ``text`` is the row's cells in every language
    (cancelled, reduced, cleared, released, remaining)."""

    year: int
    cancelled: float | None
    reduced: float | None
    surveyed: float
    cleared: float
    released: float
    remaining: float
    text: dict[str, tuple[str, ...]]


def release_table(
    years: Sequence[tuple[int, tuple[float, ...], bool]],
    remaining: float,
    add_up,  # extension.add_up: (total, parts, places) -> (total shown, parts shown)
) -> tuple[YearRelease, ...]:
    """Table 1 from each year's (year, parts, split) -- parts (cancelled, reduced, cleared) when split,
    else (released by survey, cleared) -- and the area remaining at the end of the last year (km2)."""
    places = max([1] + [places_to_show(p) for _, parts, _ in years for p in parts])
    rows = [(year, add_up(sum(parts), parts, places), split) for year, parts, split in years]
    left = [half_up(remaining, places)]
    for _, (released, _), _ in reversed(rows[1:]):  # each row's remaining: the next one's + its release
        left.insert(0, round(left[0] + released, places))
    out = []
    for (year, (released, parts), split), rest in zip(rows, left, strict=True):
        cancelled, reduced = (parts[0], parts[1]) if split else (None, None)
        surveyed = round(parts[0] + parts[1], places) if split else parts[0]
        cells = (cancelled, reduced, parts[-1], released, rest)
        texts = [decimals(c, places) for c in cells]
        text = {lang: tuple(t[lang] for t in texts) for lang in SUPPORTED}
        out.append(YearRelease(year, cancelled, reduced, surveyed, parts[-1], released, rest, text))
    return tuple(out)


def release_parts(row: Record) -> tuple[int, tuple[float, ...], bool]:
    """A Clearance row's year and parts of the land released (km2), for extension_text.release_table:
    (cancelled, reduced, cleared) where the row splits "Area released by survey" into "Area cancelled"
    and "Area reduced" (and they add up to it), else (released by survey, cleared); and whether split."""
    cleared = float(row["Area cleared"])  # type: ignore[arg-type]
    surveyed = float(row["Area released by survey"])  # type: ignore[arg-type]
    cancelled, reduced = row.values.get("Area cancelled"), row.values.get("Area reduced")
    split = isinstance(cancelled, (int, float)) and isinstance(reduced, (int, float))
    if split and abs(float(cancelled) + float(reduced) - surveyed) < 1e-6:  # type: ignore[arg-type]
        return int(row["Year"]), (float(cancelled), float(reduced), cleared), True  # type: ignore[arg-type, call-overload]
    return int(row["Year"]), (surveyed, cleared), False  # type: ignore[call-overload]


def rate_places(achieved: float | None, needed: float, percent: int | None, times: float | None) -> int:
    """Decimals for printing the rates achieved and needed (km2 a year): the fewest from one (two when
    either is under 1) to three at which the printed rates give the stated increase in per cent
    (round half up of (needed / achieved - 1) x 100) or the stated multiple (to one decimal)."""
    if not achieved:
        return 1 if needed >= 1 else 2
    least = 1 if min(achieved, needed) >= 1 else 2
    for places in range(least, 4):
        a, n = half_up(achieved, places), half_up(needed, places)
        if not a:
            continue
        if percent is not None and math.floor((n / a - 1) * 100 + 0.5) == percent:
            return places
        if percent is None and times is not None and math.floor(n / a * 10 + 0.5) / 10 == times:
            return places
        if percent is None and times is None:
            return places
    return 3
