"""Figures in running text: numbers, yes and no, and lists of names ("A, B and C") in the language's words.

Lists follow CLDR's list patterns ("{0}, {1}" ... "{0} and {1}"), with the UN's
exceptions (Spanish "Chile e Iraq", see :mod:`pipeline.locale.un_forms`).
"""

from __future__ import annotations

from pipeline.locale.languages import cldr, language
from pipeline.locale.numbers import format_number
from pipeline.locale.un_forms import un_form


def _and_before_i(last: str, lang: str) -> str | None:
    """The UN's pattern for the last two items when ``last`` calls for it (Spanish "e" before an /i/ sound)."""
    form = un_form(lang, "and_before_i")
    folded = last.casefold()
    if form is None or not folded.startswith(form.when) or folded.startswith(form.unless):
        return None
    return form.value


def join(items: list[str], lang: str) -> str:
    """Names as a list: en "A, B and C", fr "A, B et C", es "A, B y C" ("Chile e Iraq"); one name alone.
    The CLDR algorithm: the last two by the "end" pattern ("2" when there are only two), then each
    earlier item by "middle", the first by "start"."""
    language(lang)
    if len(items) < 2:
        return "".join(items)
    patterns = cldr(lang).list_patterns["standard"]
    last = _and_before_i(items[-1], lang)
    text = (last or patterns["2" if len(items) == 2 else "end"]).format(items[-2], items[-1])
    for position in range(len(items) - 3, -1, -1):
        text = patterns["start" if position == 0 else "middle"].format(items[position], text)
    return text


def format_figure(value: object, lang: str) -> str:
    """A figure in running text: numbers by ``format_number``; yes/no (oui/non, sí/no); a list as
    "A, B and C" ("A, B et C", "A, B y C"), an empty one "none" ("aucun", "ninguno"); else ``str``."""
    words = language(lang)
    if isinstance(value, bool):
        return words.yes if value else words.no
    if isinstance(value, (int, float)):
        return format_number(value, lang)
    if isinstance(value, (tuple, list)):
        items = [str(v) for v in value]
        return join(items, lang) if items else words.none
    return str(value)
