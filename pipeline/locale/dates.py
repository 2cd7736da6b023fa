"""Dates as UN documents write them: CLDR's long date of the language, with the UN's exceptions.

en "14 July 2025", fr "14 juillet 2025" ("1er août 2025"), es "14 de julio de
2025". Month names and word order are CLDR's (babel), never the system locale's,
so a build writes the same text on every machine.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, get_date_format, tokenize_pattern, untokenize_pattern

from pipeline.locale.languages import cldr, language
from pipeline.locale.un_forms import un_form


def _pattern(kind: str, lang: str) -> str:
    """CLDR's pattern for a full date ("long") or for a day and month without the year ("MMMMd") or a day
    alone ("d"): for French "d MMMM y", "d MMMM", "d"."""
    if kind == "long":
        return get_date_format("long", locale=cldr(lang)).pattern
    return cldr(lang).datetime_skeletons[kind].pattern


def _written(day: dt.date, kind: str, lang: str) -> str:
    pattern = _pattern(kind, lang)
    first = un_form(lang, "first_day")
    if first is not None and day.day == 1:
        # The day's field becomes fixed text: French "1er" where CLDR writes "1".
        tokens = [
            ("chars", first.value) if token == ("field", ("d", 1)) else token for token in tokenize_pattern(pattern)
        ]
        pattern = untokenize_pattern(tokens)
    return format_date(day, pattern, locale=cldr(lang))


def un_date(day: dt.date, lang: str) -> str:
    """A date: en "14 July 2025"; fr "14 juillet 2025", "1er août 2025"; es "14 de julio de 2025". A date
    meeting.yaml leaves to be set ("2026-MM-DD") is printed as typed."""
    language(lang)
    return getattr(day, "placeholder", "") or _written(day, "long", lang)


def un_date_range(start: dt.date, end: dt.date, lang: str) -> str:
    """Meeting dates: en "16-19 September 2025", "30 August-2 September 2022"; fr "16-19 septembre
    2025", "30 août-2 septembre 2022"; es "16 a 19 de septiembre de 2025", "30 de agosto a 2 de
    septiembre de 2022". What both days share (the year, the month) is written once, on the last day;
    different years give two full dates; one day gives ``un_date``."""
    language(lang)
    if getattr(start, "placeholder", "") or getattr(end, "placeholder", ""):  # to be set: as typed
        return un_date(start, lang) if start == end else f"{un_date(start, lang)} - {un_date(end, lang)}"
    if start == end:
        return un_date(start, lang)
    if start.year != end.year:
        first = _written(start, "long", lang)
    elif start.month != end.month:
        first = _written(start, "MMMMd", lang)
    else:
        first = _written(start, "d", lang)
    form = un_form(lang, "range")
    joiner = form.value if form is not None else cldr(lang).interval_formats[None]
    return joiner.format(first, _written(end, "long", lang))
