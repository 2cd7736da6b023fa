"""Names in a document's language: of languages (CLDR), of States (the reference data), and the UN's terms."""

from __future__ import annotations

from functools import lru_cache

from pipeline import reference
from pipeline.locale.languages import OFFICIAL, SUPPORTED, LocaleMissing, cldr, language


def language_name(code: str, in_language: str) -> str:
    """The name of language ``code`` written in ``in_language`` (CLDR's), for the masthead's "Original:"
    line: ("en", "en") -> "English", ("en", "fr") -> "anglais", ("en", "es") -> "inglés"."""
    language(in_language)
    if code not in OFFICIAL:
        raise LocaleMissing(f"ccm-report has no name for the language {code!r}; it knows {', '.join(OFFICIAL)}")
    return cldr(in_language).languages[code]


@lru_cache(maxsize=1)
def _state_names() -> dict[str, dict[str, str]]:
    """English UN short name -> the name in each language, from the columns name_<lang> of states.csv."""
    names: dict[str, dict[str, str]] = {lang: {} for lang in SUPPORTED if lang != "en"}
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
    language(lang)
    if lang == "en":
        return name_en
    return _state_names()[lang].get(name_en, name_en)


def distribution(value: str, lang: str) -> str:
    """The distribution line's word as the language's masthead writes it after "Distr.": General ->
    "générale" (fr), "general" (es); a value it does not know is left as meeting.yaml gives it."""
    return language(lang).distributions.get(value.strip().lower(), value)


def region_name(region: str, lang: str) -> str:
    """A region of the Convention's data: "Asia-Pacific" -> fr "Asie-Pacifique", es "Asia-Pacífico";
    an unknown region is returned as it is."""
    return language(lang).regions.get(region, region)


def total_label(lang: str) -> str:
    """The label of a table's total row: "Total" in English, French and Spanish."""
    return language(lang).total
