"""A sentence read as a row of mentions: figures (in figures or in words), full dates, months, years
and States (by any of their names in the sentence's language).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from pipeline import reference
from pipeline.claims import lexicon
from pipeline.claims.lexicon import MULTIPLIERS


@dataclass(frozen=True)
class Mention:
    kind: str  # number | date | month | year | state
    start: int
    end: int
    value: object = None
    precision: float = 1.0
    multiplied: bool = False


# --- the mentions ---------------------------------------------------------------


_DIGITS = {
    "en": r"\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
    "fr": r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    "es": r"\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
}


@cache
def _number_pattern(lang: str) -> re.Pattern:
    words = sorted(lexicon.number_words(lang), key=len, reverse=True)
    multipliers = "|".join(MULTIPLIERS[lang])
    return re.compile(
        rf"(?<![\w.,])(?P<n>{_DIGITS[lang]}|(?:{'|'.join(map(re.escape, words))})(?![\w-]))"
        rf"(?:\s+(?P<m>{multipliers})\b)?",
        re.IGNORECASE,
    )


@cache
def _date_patterns(lang: str) -> tuple[re.Pattern, re.Pattern]:
    names = "|".join(sorted(lexicon.months(lang), key=len, reverse=True))
    if lang == "es":
        full, month = rf"(\d{{1,2}})(?:º)? de ({names}) de (\d{{4}})", rf"({names}) de (\d{{4}})"
    elif lang == "fr":
        full, month = rf"(\d{{1,2}})(?:er)?\s+({names})\s+(\d{{4}})", rf"({names})\s+(\d{{4}})"
    else:
        full, month = rf"(\d{{1,2}})\s+({names})\s+(\d{{4}})", rf"({names})\s+(\d{{4}})"
    return re.compile(full, re.IGNORECASE), re.compile(rf"(?<!\d )\b{month}", re.IGNORECASE)


_DURATION = re.compile(
    r"\s+(?:(?:dernières|derniers|consecutive|consécutives|últimos)\s+)?(?:years?|months?|days?|weeks?|ans|années|mois|jours|semaines|años|meses|días|semanas)\b",
    re.IGNORECASE,
)


def _parse_number(text: str, lang: str) -> tuple[float, float]:
    """A typed figure's value and the step it was written to: "1,234" (1234, 1), "85.8" (85.8, 0.1)."""
    words = lexicon.number_words(lang)
    if text.casefold() in words:
        return words[text.casefold()], 1.0
    decimal = "." if lang == "en" else ","
    group = "," if lang == "en" else "."
    cleaned = re.sub(r"[\u00a0\u202f ]", "", text)
    if lang != "en" and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(group, "") if lang == "en" else cleaned
    whole, _, fraction = cleaned.partition(decimal)
    value = float(f"{whole}.{fraction}") if fraction else float(whole)
    return value, 10.0 ** -len(fraction) if fraction else 1.0


@cache
def _state_pattern(lang: str) -> tuple[re.Pattern, dict[str, str]]:
    """Every name a State goes by in ``lang`` (the UN short name, the English one, informal variants)."""
    names: dict[str, str] = {}
    for row in reference.states():
        for column in ("name_en", f"name_{lang}"):
            name = (row.get(column) or "").strip()
            if name:
                names[name.casefold()] = row["iso3"]
    for variant in reference.name_variants():
        names[variant.variant.casefold()] = variant.iso3
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), names


def mentions(sentence: str, lang: str) -> list[Mention]:
    """The sentence's dates, years, figures and States, in order; a date's digits are not also figures."""
    found: list[Mention] = []
    taken: set[int] = set()  # the offsets a mention already covers
    full, month_year = _date_patterns(lang)
    month_number = lexicon.months(lang)
    for m in full.finditer(sentence):
        try:
            day = dt.date(int(m.group(3)), month_number[m.group(2).casefold()], int(m.group(1)))
        except ValueError:
            continue
        found.append(Mention("date", m.start(), m.end(), day))
        taken.update(range(m.start(), m.end()))
    for m in month_year.finditer(sentence):
        if m.start() in taken:
            continue
        found.append(Mention("month", m.start(), m.end(), (int(m.group(2)), month_number[m.group(1).casefold()])))
        taken.update(range(m.start(), m.end()))
    pattern, names = _state_pattern(lang)
    for m in pattern.finditer(sentence):
        found.append(Mention("state", m.start(), m.end(), names[m.group(0).casefold()]))
        taken.update(range(m.start(), m.end()))
    for m in _number_pattern(lang).finditer(sentence):
        if m.start() in taken:
            continue
        typed = m.group("n")
        if typed.casefold() in lexicon.ARTICLES and not m.group("m"):
            continue  # "una superficie", "un punto focal": an article
        value, step = _parse_number(typed, lang)
        if re.fullmatch(r"(?:19|20)\d\d", typed) and not m.group("m"):
            found.append(Mention("year", m.start(), m.end(), int(value)))
            continue
        if m.group("m"):
            factor = MULTIPLIERS[lang][m.group("m").casefold()]
            value, step = value * factor, step * factor
        if _DURATION.match(sentence, m.end()) or is_reference(sentence, m.start(), lang):
            continue  # "in the past three years", "180 days after": a span of time, not a figure
        found.append(Mention("number", m.start(), m.end(), value, step, bool(m.group("m"))))
    return sorted(found, key=lambda x: x.start)


def is_reference(sentence: str, start: int, lang: str) -> bool:
    """ "Action 18", "article 4", "table 2", "resolution 61/106", "Actions 12 to 17": not quantities."""
    before = sentence[max(0, start - 30) : start]
    return bool(re.search(rf"(?:\b(?:{lexicon.NOT_A_QUANTITY[lang]}))\s*$", before, re.IGNORECASE))
