"""Alphabetical order of names, as UN lists of States sort them: accents and case ignored.

Babel carries no collation (CLDR's collation rules are read by ICU; babel ships
none of them), and ICU is not a dependency, so the keys here are built by hand to
give what CLDR's collation gives at primary strength for the names the documents
sort: the root order with accents and case folded ("Côte d'Ivoire" among the
Cs), plus each language's tailorings, which are data in
:mod:`pipeline.locale.languages` (Spanish "ñ" a letter after "n"; French and
Spanish "œ" as "oe", "æ" as "ae"). Spaces and punctuation count and sort before
letters, as in CLDR's non-ignorable order: "Guinea" < "Guinea-Bissau".
"""

from __future__ import annotations

import unicodedata

from pipeline.locale.languages import language


def un_order(name: str) -> str:
    """Sort key for UN short names: accents and case ignored ("Côte d'Ivoire" with the Cs)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def collation_key(name: str, lang: str) -> str:
    """A sort key for State names in ``lang``: case and accents ignored ("Équateur" with the Es).
    English is exactly un_order (which leaves "œ" and "æ" as they are: no English UN short name has them);
    French and Spanish also spell "œ" and "æ" out, and Spanish keeps "ñ" as a letter of its own, after
    "n" and before "o"."""
    tailoring = language(lang)
    for letter, key in tailoring.letters.items():
        name = name.replace(letter, key)
    key = un_order(name)
    for letter, spelled in tailoring.expansions.items():
        key = key.replace(letter, spelled)
    return key
