"""Numbers as UN documents write them: CLDR's digits, grouping and decimal mark, the house's precision.

Separators are the language's (CLDR through babel): en "1,234.5", fr "1\u202f234,5"
(a narrow no-break space), es "1.234,5". The precision is the ccm-report's rule
in every language, not CLDR's (which writes up to three decimals, rounded half
even): whole numbers as they are, others to one decimal rounded half up (86.25 ->
86.3), as a reader rounds; areas always to one decimal; percentages whole.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from babel.numbers import format_percent as _cldr_percent

from pipeline.locale.languages import cldr, language


def _half_up(value: float, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimals, from its shortest repr (so 86.25 is 86.25, not 86.2499...)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _pattern(lang: str, places: int) -> str:
    """The language's CLDR decimal pattern with exactly ``places`` decimals: "#,##0.###" -> "#,##0.0"."""
    whole = cldr(lang).decimal_formats[None].pattern.split(";")[0].split(".")[0]
    return whole + ("." + "0" * places if places else "")


def _written(value: int | Decimal, lang: str, places: int) -> str:
    return format_decimal(value, format=_pattern(lang, places), locale=cldr(lang))


def format_number(value: float, lang: str) -> str:
    """A number: whole numbers with thousands separators, others to one decimal rounded half up:
    en "1,234", "12.5"; fr "1\u202f234", "12,5"; es "1.234", "12,5"."""
    language(lang)
    if isinstance(value, float) and not value.is_integer():
        return _written(_half_up(value, 1), lang, 1)
    return _written(int(value), lang, 0)


def format_area(value: float, lang: str, least: int = 1) -> str:
    """An area in square kilometres, to ``least`` decimals (one unless asked), rounded half up: en "7,645.8",
    "11.0"; fr "7\u202f645,8"; es "7.645,8". An area that is not nil is never written 0.0: below 0.05 it takes
    the decimals (up to six) that show its first digit, 0.032 -> "0.03", 0.004 -> "0.004" (a remainder of
    32,000 m² is work left, and a deadline with it)."""
    language(lang)
    places = max(1, least)
    while value and not _half_up(value, places) and places < 6:
        places += 1
    return _written(_half_up(value, places), lang, places)


def format_percent(value: float, lang: str) -> str:
    """A percentage given in per cent (85 for 85 %), rounded half up to a whole number, with the sign
    as CLDR writes it: en "85%", fr and es "85\u00a0%" (a no-break space before the sign)."""
    language(lang)
    return _cldr_percent(_half_up(value, 0) / 100, locale=cldr(lang))


def roman(n: int) -> str:
    """Upper-case Roman numerals, as chapters and annexes are numbered in every language: 4 -> "IV".
    CLDR has Roman numbering only as ICU's rule-based formats, which babel does not read."""
    if n <= 0:
        return str(n)
    out = []
    for value, digits in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)
