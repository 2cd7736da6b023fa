"""Dates, numbers and names as UN documents write them in English, French and Spanish.

Pure functions of their arguments and of the package reference data: nothing here
reads the system locale, so a build gives the same text on every machine.

The choices, per language (``SUPPORTED``):

- en: "14 July 2025"; "16-19 September 2025"; 1,234 and 12.5.
- fr: "14 juillet 2025", "1er août 2025" (ordinal for the first of the month);
  "16-19 septembre 2025", "30 août-2 septembre 2022"; thousands separated by a
  narrow no-break space (U+202F) and a decimal comma: "1 234", "12,5".
- es: "14 de julio de 2025" (no ordinal: "1 de agosto de 2025");
  "16 a 19 de septiembre de 2025", "30 de agosto a 2 de septiembre de 2022";
  thousands separated by a period, as UN Spanish documents do, and a decimal
  comma: "1.234", "12,5".

Numbers that are not whole are written to one decimal, rounded half up (86.25 ->
86.3), as a reader rounds; areas always carry one decimal.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from pipeline import reference
from pipeline.errors import CcmReportError

SUPPORTED = ("en", "fr", "es")


def un_order(name: str) -> str:
    """Sort key for UN short names: accents and case ignored ("Côte d'Ivoire" with the Cs)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


class LocaleMissing(CcmReportError):
    """A document was asked for in a language whose dates and numbers are not defined here."""


# Names of the six official languages, as each supported language writes them
# (French and Spanish write language names in lower case).
_LANGUAGE_NAMES = {
    "en": {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "zh": "Chinese", "ru": "Russian"},
    "fr": {"en": "anglais", "fr": "français", "es": "espagnol", "ar": "arabe", "zh": "chinois", "ru": "russe"},
    "es": {"en": "inglés", "fr": "francés", "es": "español", "ar": "árabe", "zh": "chino", "ru": "ruso"},
}

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"),
}

# (thousands separator, decimal separator)
_SEPARATORS = {"en": (",", "."), "fr": ("\u202f", ","), "es": (".", ",")}

_YES_NO = {"en": ("yes", "no"), "fr": ("oui", "non"), "es": ("sí", "no")}
_AND = {"en": "and", "fr": "et", "es": "y"}
_NONE = {"en": "none", "fr": "aucun", "es": "ninguno"}

_REGIONS = {
    "fr": {"Africa": "Afrique", "Americas": "Amériques", "Asia-Pacific": "Asie-Pacifique", "Europe": "Europe"},
    "es": {"Africa": "África", "Americas": "Américas", "Asia-Pacific": "Asia-Pacífico", "Europe": "Europa"},
}


def _check(lang: str) -> str:
    if lang in SUPPORTED:
        return lang
    name = _LANGUAGE_NAMES["en"].get(lang)
    label = f"{name} ({lang})" if name else repr(lang)
    raise LocaleMissing(f"ccm-report cannot yet write documents in {label}: dates and numbers for it are "
                        f"not defined; supported: {', '.join(SUPPORTED)}")


def language_name(code: str, in_language: str) -> str:
    """The name of language ``code`` written in ``in_language``, for the masthead's "Original:" line:
    ("en", "en") -> "English", ("en", "fr") -> "anglais", ("en", "es") -> "inglés"."""
    names = _LANGUAGE_NAMES[_check(in_language)]
    if code not in names:
        raise LocaleMissing(f"ccm-report has no name for the language {code!r}; it knows "
                            f"{', '.join(names)}")
    return names[code]


def _day(day: int, lang: str) -> str:
    return "1er" if lang == "fr" and day == 1 else str(day)


def un_date(day: dt.date, lang: str) -> str:
    """A date: en "14 July 2025"; fr "14 juillet 2025", "1er août 2025"; es "14 de julio de 2025"."""
    month = _MONTHS[_check(lang)][day.month - 1]
    if lang == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{_day(day.day, lang)} {month} {day.year}"


def un_date_range(start: dt.date, end: dt.date, lang: str) -> str:
    """Meeting dates: en "16-19 September 2025", "30 August-2 September 2022"; fr "16-19 septembre
    2025", "30 août-2 septembre 2022"; es "16 a 19 de septiembre de 2025", "30 de agosto a 2 de
    septiembre de 2022". Different years give two full dates; one day gives ``un_date``."""
    months = _MONTHS[_check(lang)]
    if start == end:
        return un_date(start, lang)
    if start.year != end.year:
        joiner = " a " if lang == "es" else "-"
        return f"{un_date(start, lang)}{joiner}{un_date(end, lang)}"
    if lang == "es":
        if start.month == end.month:
            return f"{start.day} a {un_date(end, lang)}"
        return f"{start.day} de {months[start.month - 1]} a {un_date(end, lang)}"
    if start.month == end.month:
        return f"{_day(start.day, lang)}-{un_date(end, lang)}"
    return f"{_day(start.day, lang)} {months[start.month - 1]}-{un_date(end, lang)}"


def roman(n: int) -> str:
    """Upper-case Roman numerals, as chapters and annexes are numbered in every language: 4 -> "IV"."""
    if n <= 0:
        return str(n)
    out = []
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def _localise(english: str, lang: str) -> str:
    """A number written with "," thousands and "." decimals, rewritten with ``lang``'s separators."""
    thousands, decimal = _SEPARATORS[lang]
    return english.translate(str.maketrans({",": thousands, ".": decimal}))


def _one_decimal(value: float) -> str:
    return f"{Decimal(repr(float(value))).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}"


def format_number(value: float, lang: str) -> str:
    """A number: whole numbers with thousands separators, others to one decimal rounded half up:
    en "1,234", "12.5"; fr "1\u202f234", "12,5"; es "1.234", "12,5"."""
    _check(lang)
    if isinstance(value, float) and not value.is_integer():
        return _localise(_one_decimal(value), lang)
    return _localise(f"{int(value):,}", lang)


def format_area(value: float, lang: str) -> str:
    """An area in square kilometres, always one decimal, rounded half up: en "7,645.8", "11.0";
    fr "7\u202f645,8"; es "7.645,8"."""
    return _localise(_one_decimal(value), _check(lang))


def _join(items: list[str], lang: str) -> str:
    """"A, B and C" / "A, B et C" / "A, B y C" (Spanish "e" before an i sound: "Chile e Iraq")."""
    if len(items) == 1:
        return items[0]
    conjunction = _AND[lang]
    last = items[-1]
    if lang == "es":
        folded = last.casefold()
        if (folded.startswith(("i", "í", "hi", "hí"))
                and not folded.startswith(("ia", "ie", "io", "iu", "hia", "hie", "hio", "hiu"))):
            conjunction = "e"
    return ", ".join(items[:-1]) + f" {conjunction} " + last


def format_figure(value: object, lang: str) -> str:
    """A figure in running text: numbers by ``format_number``; yes/no (oui/non, sí/no); a list as
    "A, B and C" ("A, B et C", "A, B y C"), an empty one "none" ("aucun", "ninguno"); else ``str``."""
    _check(lang)
    if isinstance(value, bool):
        return _YES_NO[lang][0 if value else 1]
    if isinstance(value, (int, float)):
        return format_number(value, lang)
    if isinstance(value, (tuple, list)):
        items = [str(v) for v in value]
        return _join(items, lang) if items else _NONE[lang]
    return str(value)


_DISTRIBUTIONS = {
    "fr": {"general": "générale", "limited": "limitée", "restricted": "restreinte"},
    "es": {"general": "general", "limited": "limitada", "restricted": "reservada"},
}


def distribution(value: str, lang: str) -> str:
    """The distribution line's word as the language's masthead writes it after "Distr.": General ->
    "générale" (fr), "general" (es); a value it does not know is left as meeting.yaml gives it."""
    if _check(lang) == "en":
        return value
    return _DISTRIBUTIONS[lang].get(value.strip().lower(), value)


def region_name(region: str, lang: str) -> str:
    """A region of the Convention's data: "Asia-Pacific" -> fr "Asie-Pacifique", es "Asia-Pacífico";
    an unknown region is returned as it is."""
    return _REGIONS.get(_check(lang), {}).get(region, region)


def total_label(lang: str) -> str:
    """The label of a table's total row: "Total" in English, French and Spanish."""
    _check(lang)
    return "Total"


@lru_cache(maxsize=1)
def _state_names() -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {"fr": {}, "es": {}}
    for row in reference.states():
        english = row.get("name_en", "")
        for lang, by_english in names.items():
            translated = (row.get(f"name_{lang}") or "").strip()
            if english and translated:
                by_english[english] = translated
    return names


def state_name(name_en: str, lang: str) -> str:
    """The UN short name of a State in ``lang`` (pipeline/reference/states.csv): "Côte d'Ivoire" ->
    fr "Côte d'Ivoire"; "Lao People's Democratic Republic" -> es "República Democrática Popular Lao";
    a name not in the reference data is returned as it is."""
    if _check(lang) == "en":
        return name_en
    return _state_names()[lang].get(name_en, name_en)


def collation_key(name: str, lang: str) -> str:
    """A sort key for State names in ``lang``: case and accents ignored ("Équateur" with the Es).
    English is exactly un_order; French and Spanish also spell "œ" and "æ" out,
    and Spanish keeps "ñ" as a letter of its own, after "n" and before "o"."""
    if _check(lang) == "en":
        return un_order(name)
    if lang == "es":
        name = name.replace("ñ", "n\uffff").replace("Ñ", "N\uffff")
    return un_order(name).replace("œ", "oe").replace("æ", "ae")
