"""The languages ccm-report writes documents in, as data: adding one is adding an entry to ``LANGUAGES``.

Babel supplies, from CLDR, everything a language's grammar and typography decide
(month names, date patterns, digits and separators, list patterns, the names of
languages). An entry here names the CLDR locale to take them from and adds the
words CLDR does not carry: the UN's terms for the masthead and the tables, the
regions of the Convention's data, and how the language orders names. Where the
UN writes a form CLDR does give, but differently, the UN form is in
:mod:`pipeline.locale.un_forms`, not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from babel import Locale

from pipeline.errors import CcmReportError

# The six official languages of the United Nations, the languages a masthead's "Original:" line can name.
OFFICIAL = ("en", "fr", "es", "ar", "zh", "ru")


def _frozen(**pairs: str) -> Mapping[str, str]:
    return MappingProxyType(dict(pairs))


@dataclass(frozen=True)
class Language:
    """What a language needs beyond CLDR to write a UN document."""

    cldr: str  # the CLDR locale babel reads the language's forms from
    yes: str
    no: str
    none: str  # an empty list in running text
    total: str  # the label of a table's total row
    # meeting.yaml's distribution word (lower case) -> the word after "Distr.:"; English keeps meeting.yaml's word
    distributions: Mapping[str, str] = field(default_factory=_frozen)
    # The regions of the Convention's data (inputs/data, States: Region) -> their names in the language. The
    # Convention's regional groups are not CLDR's territories ("Asia-Pacific" has no CLDR code), so they are terms.
    regions: Mapping[str, str] = field(default_factory=_frozen)
    # Collation tailorings (see pipeline.locale.collation): letters that sort as letters of their own, mapped
    # before accents are folded to a key that sorts after their base letter; and expansions applied after
    # folding (CLDR root collation sorts "œ" as "oe" and "æ" as "ae" at primary strength).
    letters: Mapping[str, str] = field(default_factory=_frozen)
    expansions: Mapping[str, str] = field(default_factory=_frozen)


_EXPANSIONS = _frozen(**{"œ": "oe", "æ": "ae"})

LANGUAGES: Mapping[str, Language] = MappingProxyType(
    {
        # UN English is British in spelling and forms: CLDR's en_GB gives "14 July 2025" and "A, B and C" where
        # CLDR's "en" (United States) gives "July 14, 2025" and "A, B, and C".
        "en": Language(cldr="en_GB", yes="yes", no="no", none="none", total="Total"),
        "fr": Language(
            cldr="fr",
            yes="oui",
            no="non",
            none="aucun",
            total="Total",
            distributions=_frozen(general="générale", limited="limitée", restricted="restreinte"),
            regions=_frozen(
                **{"Africa": "Afrique", "Americas": "Amériques", "Asia-Pacific": "Asie-Pacifique", "Europe": "Europe"}
            ),
            expansions=_EXPANSIONS,
        ),
        "es": Language(
            cldr="es",
            yes="sí",
            no="no",
            none="ninguno",
            total="Total",
            distributions=_frozen(general="general", limited="limitada", restricted="reservada"),
            regions=_frozen(
                **{"Africa": "África", "Americas": "Américas", "Asia-Pacific": "Asia-Pacífico", "Europe": "Europa"}
            ),
            # CLDR's Spanish collation: "&N<ñ<<<Ñ", ñ a letter of its own between n and o.
            letters=_frozen(**{"ñ": "n\uffff", "Ñ": "N\uffff"}),
            expansions=_EXPANSIONS,
        ),
    }
)

SUPPORTED = tuple(LANGUAGES)


class LocaleMissing(CcmReportError):
    """A document was asked for in a language whose dates and numbers are not defined here."""


def language(lang: str) -> Language:
    """The entry of ``lang``, or :class:`LocaleMissing` naming the language and those supported."""
    if lang in LANGUAGES:
        return LANGUAGES[lang]
    name = cldr("en").languages.get(lang) if lang in OFFICIAL else None
    label = f"{name} ({lang})" if name else repr(lang)
    raise LocaleMissing(
        f"ccm-report cannot yet write documents in {label}: dates and numbers for it are "
        f"not defined; supported: {', '.join(SUPPORTED)}"
    )


def language_code(tag: str) -> str:
    """The language of a locale code as CAT tools write it, in lower case: "fr-FR", "fr_FR", "FR" and
    "fr-fr" are "fr", "en-US" is "en"; "" when ``tag`` is not a code (BCP 47's primary subtag: 2 to 8 letters)."""
    primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if 2 <= len(primary) <= 8 and primary.isascii() and primary.isalpha() else ""


@cache
def cldr(lang: str) -> Locale:
    """The babel locale of a supported language (for "en", CLDR's en_GB)."""
    return Locale.parse(LANGUAGES[lang].cldr)
