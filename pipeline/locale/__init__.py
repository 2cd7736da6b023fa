"""Dates, numbers and names as UN documents write them, in each language a document is written in.

The forms are CLDR's, read through babel: month names and date patterns,
thousands separators and decimal marks, list patterns, names of languages. Where
UN documents write a form differently, the UN's form wins, and every such
exception is in one table, :mod:`pipeline.locale.un_forms`. What CLDR does not
carry (the UN's terms, the Convention's regions, collation tailorings) is data
per language in :mod:`pipeline.locale.languages`; adding a language is adding
its entry there (and its columns of State names in pipeline/reference/states.csv).

Pure functions of their arguments and the package data: nothing here reads the
system locale, so a build gives the same text on every machine.

- dates: en "14 July 2025", "16-19 September 2025"; fr "1er août 2025", "30 août-2 septembre 2022";
  es "14 de julio de 2025", "16 a 19 de septiembre de 2025".
- numbers: en 1,234 and 12.5; fr "1\u202f234" and "12,5"; es "1.234" and "12,5"; not whole: one decimal,
  rounded half up; areas always one decimal.
- lists: "A, B and C", "A, B et C", "A, B y C" ("Chile e Iraq").
"""

from pipeline.locale.collation import collation_key, un_order
from pipeline.locale.dates import un_date, un_date_range
from pipeline.locale.languages import OFFICIAL, SUPPORTED, LocaleMissing
from pipeline.locale.names import distribution, language_name, region_name, state_name, total_label
from pipeline.locale.numbers import format_area, format_number, format_percent, roman
from pipeline.locale.words import format_figure, join

__all__ = [
    "OFFICIAL",
    "SUPPORTED",
    "LocaleMissing",
    "collation_key",
    "distribution",
    "format_area",
    "format_figure",
    "format_number",
    "format_percent",
    "join",
    "language_name",
    "region_name",
    "roman",
    "state_name",
    "total_label",
    "un_date",
    "un_date_range",
    "un_order",
]
