"""The words a claim is made of, in English, French and Spanish: numbers, qualifiers, units, months.

Month names come from CLDR (Babel); the rest is the small vocabulary UN reports use to state a
figure. Every pattern is matched case-insensitively on a paragraph's text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from pipeline.locale.languages import cldr

LANGUAGES = ("en", "fr", "es")

# Numbers written in words, as counts of States and the like are (up to a hundred; compounds below).
_UNITS = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
    "dix-sept dix-huit dix-neuf vingt",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
    "diecisiete dieciocho diecinueve veinte",
}
_TENS = {
    "en": {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90},
    "fr": {"trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "soixante-dix": 70, "quatre-vingt": 80},
    "es": {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80},
}
_EXTRA = {
    "en": {"a hundred": 100, "one hundred": 100, "a dozen": 12},
    "fr": {"une": 1, "cent": 100, "une douzaine": 12},
    "es": {
        "una": 1,
        "un": 1,
        "cien": 100,
        "veintiuno": 21,
        "veintidós": 22,
        "veintitrés": 23,
        "veinticuatro": 24,
        "veinticinco": 25,
        "veintiséis": 26,
        "veintisiete": 27,
        "veintiocho": 28,
        "veintinueve": 29,
    },
}


@cache
def number_words(lang: str) -> Mapping[str, int]:
    """Every number word of ``lang`` to its value: "twelve" 12, "twenty-five" 25, "treinta y dos" 32."""
    words = {word: n for n, word in enumerate(_UNITS[lang].split())}
    words.update(_EXTRA[lang])
    for tens_word, tens in _TENS[lang].items():
        words[tens_word] = tens
        for unit in range(1, 10):
            unit_word = _UNITS[lang].split()[unit]
            if lang == "en":
                words[f"{tens_word}-{unit_word}"] = tens + unit
            elif lang == "fr":
                words[f"{tens_word}{'-et-' if unit == 1 else '-'}{'un' if unit == 1 else unit_word}"] = tens + unit
            else:
                words[f"{tens_word} y {'uno' if unit == 1 else unit_word}"] = tens + unit
    if lang == "fr":
        words["vingt-et-un"] = 21
        for unit in range(2, 10):
            words[f"vingt-{_UNITS['fr'].split()[unit]}"] = 20 + unit
    # 101-199: "one hundred and eleven", "cent onze", "ciento once"
    hundred = {"en": ("one hundred and ", "a hundred and ", "one hundred "), "fr": ("cent ",), "es": ("ciento ",)}[lang]
    for word, n in list(words.items()):
        if 0 < n < 100 and word not in ("un", "une", "una", "a dozen", "une douzaine"):
            for lead in hundred:
                words[lead + word] = 100 + n
    return words


# Articles that are also the number one: a figure only before "million" ("un millón").
ARTICLES = {"un", "une", "una", "uno"}


MULTIPLIERS = {
    "en": {"million": 1_000_000, "millions": 1_000_000, "thousand": 1_000},
    "fr": {"million": 1_000_000, "millions": 1_000_000, "milliers": 1_000},
    "es": {"millón": 1_000_000, "millones": 1_000_000, "mil": 1_000},
}

# A qualifier before a figure says how to compare it: "about" within the tolerance, "more than" above ...
QUALIFIERS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "about": "about",
        "around": "about",
        "approximately": "about",
        "some": "about",
        "roughly": "about",
        "nearly": "about",
        "almost": "about",
        "close to": "about",
        "an estimated": "about",
        "more than": "above",
        "over": "above",
        "in excess of": "above",
        "upwards of": "above",
        "less than": "below",
        "fewer than": "below",
        "under": "below",
        "at least": "at_least",
        "up to": "at_most",
        "no more than": "at_most",
    },
    "fr": {
        "environ": "about",
        "quelque": "about",
        "quelques": "about",
        "près de": "about",
        "presque": "about",
        "approximativement": "about",
        "autour de": "about",
        "plus de": "above",
        "moins de": "below",
        "au moins": "at_least",
        "jusqu'à": "at_most",
    },
    "es": {
        "alrededor de": "about",
        "unos": "about",
        "unas": "about",
        "cerca de": "about",
        "casi": "about",
        "aproximadamente": "about",
        "en torno a": "about",
        "más de": "above",
        "menos de": "below",
        "al menos": "at_least",
        "por lo menos": "at_least",
        "hasta": "at_most",
    },
}

# Words that make the figure after them a reference, not a quantity: "Action 18", "article 4", "table 2".
NOT_A_QUANTITY = {
    "en": r"actions?|articles?|paragraphs?|table|annex|resolution|decision|footnote|page|form|rule|item|no\.|"
    r"actions \d+ (?:to|and)|articles \d+(?:,| and)",
    "fr": r"actions?|articles?|paragraphes?|tableau|annexe|résolution|décision|note|page|formulaire|article \d+ et",
    "es": r"acci[oó]n(?:es)?|art[ií]culos?|p[aá]rrafos?|cuadro|anexo|resoluci[oó]n|decisi[oó]n|nota|p[aá]gina|"
    r"formulario",
}

# Words before a date that make it a scheduled event, not one that happened ("will enter into force on").
FUTURE = {
    "en": r"\bwill\b|\bshall\b|\bto be held\b|\bscheduled\b|\bplanned\b|\bdue (?:to|by|on)\b|\bdeadline\b|"
    r"\buntil\b|\bexpires?\b|\bencourage|\binvite|\burge|\brequested\b|\bproposed\b|\bexpected\b|\bnext\b|"
    r"\bforthcoming\b|\bupcoming\b|\bby\s*$",
    "fr": r"\bsera\b|\bentrera\b|\bse tiendra\b|\bprévue?s?\b|\béchéance\b|\bdélai\b|\bjusqu'au\b|\bexpire|"
    r"\bencourag|\binvit|\bdemandée?s?\b|\bproposée?s?\b|\bprochaine?\b|\bd'ici (?:au|le)\s*$|"
    r"\bavant le\s*$",
    "es": r"\bser[aá]\b|\bentrar[aá]\b|\bse celebrar[aá]\b|\bprevist[oa]s?\b|\bplazo\b|\bhasta el\b|\bvence\b|"
    r"\balienta|\binvita|\bsolicitad[oa]s?\b|\bpropuest[oa]s?\b|\bpróxim[oa]\b|\ba más tardar el\s*$|"
    r"\bantes del\s*$",
}
# After a date, within the same stretch of the sentence: "from 16 to 19 September 2025, will consider".
FUTURE_AFTER = {
    "en": r"^[^.;]{0,30}?\b(?:will|shall|is to|are to)\b",
    "fr": r"^[^.;]{0,30}?\b(?:sera|seront|examinera|se tiendra)\b",
    "es": r"^[^.;]{0,30}?\b(?:será|serán|examinará|se celebrará)\b",
}
# The end of a range ("from 16 to 19 September 2025", "du 16 au 19 septembre 2025") is a meeting's dates.
RANGE_END = {
    "en": r"\bfrom \d{1,2}(?: \w+)? to\s*$",
    "fr": r"\bdu \d{1,2}(?:er)?(?: \w+)? au\s*$",
    "es": r"\bdel \d{1,2}(?: de \w+)? al\s*$",
}

REPORTING_PERIOD = {
    "en": r"during the reporting period|in the reporting period|over the reporting period",
    "fr": r"pendant la période considérée|au cours de la période (?:considérée|couverte|examinée)|"
    r"durant la période considérée",
    "es": r"durante el período (?:examinado|que abarca el informe|considerado)|en el período (?:examinado|considerado)",
}


@dataclass(frozen=True)
class Unit:
    """What a figure counts, by the words that follow it."""

    kind: str  # states | km2 | people | casualties | munitions | submunitions | reports | requests
    pattern: str


UNITS: Mapping[str, tuple[Unit, ...]] = {
    "en": (
        Unit("km2", r"square kilomet(?:re|er)s?|km2|km²|sq\.? ?km"),
        Unit("submunitions", r"(?:explosive )?submunitions"),
        Unit("munitions", r"(?:cluster )?munitions"),
        Unit("people", r"people|persons|beneficiaries|individuals|children|women|men|girls|boys"),
        Unit("casualties", r"(?:new )?casualties|victims"),
        Unit("reports", r"(?:annual |initial |transparency )?reports"),
        Unit("requests", r"(?:extension )?requests"),
        Unit("states", r"(?:other )?(?:States Parties|States|signatories|signatory States|donors|countries)"),
    ),
    "fr": (
        Unit("km2", r"kilomètres? carrés?|km2|km²"),
        Unit("submunitions", r"sous-munitions(?: explosives)?"),
        Unit("munitions", r"armes à sous-munitions|munitions"),
        Unit("people", r"personnes|bénéficiaires|enfants|femmes|hommes|filles|garçons"),
        Unit("casualties", r"(?:nouvelles )?victimes"),
        Unit("reports", r"rapports(?: annuels| initiaux)?"),
        Unit("requests", r"demandes(?: de prolongation)?"),
        Unit("states", r"États parties|États|signataires|États signataires|donateurs|pays"),
    ),
    "es": (
        Unit("km2", r"kil[oó]metros? cuadrados?|km2|km²"),
        Unit("submunitions", r"submuniciones(?: explosivas)?"),
        Unit("munitions", r"municiones en racimo|municiones"),
        Unit("people", r"personas|beneficiarios|niños|niñas|mujeres|hombres"),
        Unit("casualties", r"(?:nuevas )?víctimas"),
        Unit("reports", r"informes(?: anuales| iniciales)?"),
        Unit("requests", r"solicitudes(?: de prórroga)?"),
        Unit("states", r"Estados partes|Estados|signatarios|Estados signatarios|donantes|países"),
    ),
}


# "all the States Parties with obligations under Article 4 submitted their reports": a claim about every one.
ALL_REPORTED = {
    "en": r"\ball (?:the |of the )?(?:\w+ )?States Parties with obligations under Article (\d)\b[^.;]*?"
    r"(?:submitted|sent) (?:their|its) (?:annual |Article 7 |transparency )?reports?",
    "fr": r"\btous les États parties (?:ayant|qui ont) des obligations (?:au titre|en vertu) "
    r"de l['’]article (\d)\b[^.;]*?"
    r"(?:présenté|soumis) leurs? rapports?",
    "es": r"\btodos los Estados partes con obligaciones en virtud del artículo (\d)\b[^.;]*?presentaron sus informes",
}

# Fractions a sentence may claim ("more than half were children").
FRACTIONS = {
    "en": {
        "half": 0.5,
        "a third": 1 / 3,
        "one third": 1 / 3,
        "two thirds": 2 / 3,
        "a quarter": 0.25,
        "three quarters": 0.75,
    },
    "fr": {"la moitié": 0.5, "un tiers": 1 / 3, "deux tiers": 2 / 3, "un quart": 0.25, "trois quarts": 0.75},
    "es": {
        "la mitad": 0.5,
        "un tercio": 1 / 3,
        "dos tercios": 2 / 3,
        "una cuarta parte": 0.25,
        "tres cuartas partes": 0.75,
    },
}
SHARES = {  # topic of a share -> the words that say what it is a share of
    "share.children_reached": {"en": r"children", "fr": r"enfants", "es": r"niños|niñas"},
}

# Prepositions before a figure make it a subset ("in two signatory States"), not a category's count.
SUBSET_BEFORE = {
    "en": r"\b(?:in|with|among|between)\s+$",
    "fr": r"\b(?:dans|avec|parmi|entre)\s+$",
    "es": r"\b(?:en|con|entre)\s+$",
}
# Words after the unit that point back to a group already named ("the four States Parties listed").
BACK_REFERENCE = {
    "en": r"\s+(?:listed|named|mentioned|concerned|above|cited|in question)\b",
    "fr": r"\s+(?:cités|mentionnés|concernés|énumérés|susmentionnés|en question)\b",
    "es": r"\s+(?:citados|mencionados|interesados|enumerados|en cuestión)\b",
}
# Where a clause starts: a figure's topic is looked for in its own clause.
CLAUSE_START = {
    "en": r"(?:[,;:(]|\band\b|\bwhile\b|\bwhereas\b|\bbut\b)\s*",
    "fr": r"(?:[,;:(]|\bet\b|\btandis que\b|\bmais\b)\s*",
    "es": r"(?:[,;:(]|\by\b|\bmientras que\b|\bpero\b)\s*",
}

_YEAR_CUES = {
    "en": r"complet(?:ed|ion)|finished",
    "fr": r"achev|termin|complét",
    "es": r"conclu|complet|termin",
}


def year_cue(lang: str) -> re.Pattern:
    return re.compile(_YEAR_CUES[lang], re.IGNORECASE)


@cache
def months(lang: str) -> Mapping[str, int]:
    """Month names of ``lang`` (CLDR, wide, in running text) to their number."""
    names = cldr(lang).months["format"]["wide"]
    return {str(name).casefold(): number for number, name in names.items()}
