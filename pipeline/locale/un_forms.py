"""Where UN documents write a language differently from CLDR: the one table of exceptions.

Everything else the locale layer writes is CLDR's, through babel. Each entry says
the language, the rule the code applies (``rule``, ``value``), what CLDR gives
and what the UN writes for one example (babel 2.19, CLDR 47; tests/test_locale.py
holds both forms to the table), and where the UN's form comes from.

Rules the code reads:

- ``range``: the pattern joining the two ends of a span of dates ("{0}" the first
  day, "{1}" the last), in place of CLDR's interval fallback; the year and month
  the two ends share are written once, on the last day.
- ``first_day``: how the first day of a month is written in a date.
- ``and_before_i``: the pattern of a list's last two items when the last begins
  with an /i/ sound (a prefix in ``when``, none in ``unless``), in place of CLDR's.

Forms that agree with CLDR today and are held by tests, not here: thousands
separators (en "1,234", fr "1\u202f234" with a narrow no-break space, es "1.234") and
decimal marks (en ".", fr and es ","). Spanish "1.234" depends on babel: CLDR's
Spanish data sets minimumGroupingDigits to 2 ("1234"), which babel does not apply.
Ones for the next languages, to enter here when they are added: Russian dates end
"года" in UN texts where CLDR writes "г."; Chinese names languages "英文" where CLDR
writes "英语", and a span of dates shortens its last day, not its first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class UNForm:
    """One UN exception to CLDR, with one example of each form and the rule's source."""

    language: str
    rule: str
    value: str
    example: object  # the input of the example: a date, a pair of dates, a list of names
    cldr: str  # CLDR's form of the example
    un: str  # the UN's form of the example
    source: str
    when: tuple[str, ...] = ()  # and_before_i: case-folded prefixes of the last item that call for the rule
    unless: tuple[str, ...] = ()  # ...and those that do not (a diphthong: "hie-", "io-")


_SPAN = (dt.date(2025, 9, 16), dt.date(2025, 9, 19))

UN_FORMS = (
    UNForm(
        "en",
        "range",
        "{0}-{1}",
        _SPAN,
        cldr="16\u2009–\u200919 Sept 2025",
        un="16-19 September 2025",
        source='the masthead of CCM documents ("Geneva, 16-19 September 2025", see the UN-FORMAT notes of '
        "the design): a hyphen without spaces and the month in full, where CLDR joins with an en dash "
        "between thin spaces and babel's interval data abbreviates the month",
    ),
    UNForm(
        "fr",
        "range",
        "{0}-{1}",
        _SPAN,
        cldr="16–19 sept. 2025",
        un="16-19 septembre 2025",
        source="the English masthead's form localised, as ccm-report's French documents have always "
        "written it (to confirm against issued French CCM documents)",
    ),
    UNForm(
        "es",
        "range",
        "{0} a {1}",
        _SPAN,
        cldr="16–19 de septiembre de 2025",
        un="16 a 19 de septiembre de 2025",
        source='UN Spanish mastheads join the days of a meeting with "a" ("Ginebra, 16 a 19 de '
        "septiembre de 2025\"), as ccm-report's Spanish documents have always written them",
    ),
    UNForm(
        "fr",
        "first_day",
        "1er",
        dt.date(2025, 8, 1),
        cldr="1 août 2025",
        un="1er août 2025",
        source="French typography (Lexique des règles typographiques en usage à l'Imprimerie nationale), "
        "which UN French texts follow: the first day of a month is an ordinal, the others are not",
    ),
    UNForm(
        "es",
        "and_before_i",
        "{0} e {1}",
        ("Chile", "Iraq"),
        cldr="Chile y Iraq",
        un="Chile e Iraq",
        source='Real Academia Española, Ortografía (2010) and Diccionario panhispánico de dudas: "y" is '
        'written "e" before a word that begins with the sound /i/ (i-, hi-) but not before a '
        'diphthong ("y hielo"); CLDR\'s list patterns are fixed text (ICU applies the rule in code)',
        when=("i", "í", "hi", "hí"),
        unless=("ia", "ie", "io", "iu", "hia", "hie", "hio", "hiu"),
    ),
)


def un_form(lang: str, rule: str) -> UNForm | None:
    """The UN's exception to CLDR for ``rule`` in ``lang``, or None where the UN writes CLDR's form."""
    return next((form for form in UN_FORMS if form.language == lang and form.rule == rule), None)
