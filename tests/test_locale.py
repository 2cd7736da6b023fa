"""Dates, numbers and names as the English, French and Spanish UN documents write them.

The forms are CLDR's (through babel) except where the UN writes otherwise; each
such exception is an entry of pipeline/locale/un_forms.py, and the tests of the
exceptions show both CLDR's form and the UN's.
"""

import datetime as dt

import pytest
from babel import dates as cldr_dates
from babel import lists as cldr_lists
from babel import numbers as cldr_numbers

from pipeline import locale
from pipeline.errors import CcmReportError
from pipeline.locale import (
    LocaleMissing,
    collation_key,
    format_area,
    format_figure,
    format_number,
    format_percent,
    language_name,
    region_name,
    roman,
    state_name,
    total_label,
    un_date,
    un_date_range,
    un_order,
)
from pipeline.locale.languages import LANGUAGES
from pipeline.locale.un_forms import UN_FORMS

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"
THIN = "\u2009"  # thin space
D = dt.date
CLDR = {"en": "en_GB", "fr": "fr", "es": "es"}


def test_three_languages_are_supported_and_each_is_an_entry_of_data():
    assert locale.SUPPORTED == ("en", "fr", "es")
    assert tuple(LANGUAGES) == locale.SUPPORTED
    assert {lang: LANGUAGES[lang].cldr for lang in locale.SUPPORTED} == CLDR


# Dates


def test_dates_in_each_language():
    assert un_date(D(2025, 7, 14), "en") == "14 July 2025"
    assert un_date(D(2025, 7, 14), "fr") == "14 juillet 2025"
    assert un_date(D(2025, 7, 14), "es") == "14 de julio de 2025"


def test_a_date_is_cldrs_long_date_of_the_language():
    for lang in locale.SUPPORTED:
        for day in (D(2025, 7, 14), D(2024, 2, 29), D(2025, 12, 31)):
            assert un_date(day, lang) == cldr_dates.format_date(day, "long", locale=CLDR[lang])


def test_english_is_british_not_american():
    assert cldr_dates.format_date(D(2025, 7, 14), "long", locale="en") == "July 14, 2025"
    assert un_date(D(2025, 7, 14), "en") == "14 July 2025"


def test_month_names_do_not_depend_on_the_system_locale():
    assert [un_date(D(2025, m, 10), "es").split(" de ")[1] for m in range(1, 13)] == [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
    assert [un_date(D(2025, m, 10), "en").split(" ")[1] for m in range(1, 13)] == [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]


def _english_reference(start, end):
    """The rule English documents have always used (formerly pipeline.render.document), for comparison."""
    months = (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )

    def full(day):
        return f"{day.day} {months[day.month - 1]} {day.year}"

    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{full(end)}" if start != end else full(start)
    if start.year == end.year:
        return f"{start.day} {months[start.month - 1]}-{full(end)}"
    return f"{full(start)}-{full(end)}"


def test_english_dates_are_unchanged():
    first = D(2024, 1, 1)
    for offset in range(0, 800, 5):
        start = first + dt.timedelta(days=offset)
        for length in (0, 1, 3, 30, 400):
            end = start + dt.timedelta(days=length)
            assert un_date_range(start, end, "en") == _english_reference(start, end)
            assert un_date(start, "en") == _english_reference(start, start)


def test_date_ranges_within_a_month():
    start, end = D(2025, 9, 16), D(2025, 9, 19)
    assert un_date_range(start, end, "en") == "16-19 September 2025"
    assert un_date_range(start, end, "fr") == "16-19 septembre 2025"
    assert un_date_range(start, end, "es") == "16 a 19 de septiembre de 2025"


def test_date_ranges_across_months():
    start, end = D(2022, 8, 30), D(2022, 9, 2)
    assert un_date_range(start, end, "en") == "30 August-2 September 2022"
    assert un_date_range(start, end, "fr") == "30 août-2 septembre 2022"
    assert un_date_range(start, end, "es") == "30 de agosto a 2 de septiembre de 2022"
    assert un_date_range(D(2025, 9, 30), D(2025, 10, 1), "fr") == "30 septembre-1er octobre 2025"
    assert un_date_range(D(2025, 8, 1), D(2025, 8, 3), "fr") == "1er-3 août 2025"


def test_date_ranges_across_years_give_two_full_dates():
    start, end = D(2024, 12, 30), D(2025, 1, 2)
    assert un_date_range(start, end, "en") == "30 December 2024-2 January 2025"
    assert un_date_range(start, end, "fr") == "30 décembre 2024-2 janvier 2025"
    assert un_date_range(start, end, "es") == "30 de diciembre de 2024 a 2 de enero de 2025"


def test_a_one_day_range_is_the_date():
    day = D(2025, 11, 1)
    assert un_date_range(day, day, "en") == "1 November 2025"
    assert un_date_range(day, day, "fr") == "1er novembre 2025"
    assert un_date_range(day, day, "es") == "1 de noviembre de 2025"


# The UN's exceptions to CLDR


@pytest.mark.parametrize("form", UN_FORMS, ids=lambda f: f"{f.language}-{f.rule}")
def test_each_un_exception_is_where_cldr_and_the_un_differ(form):
    """The table's example: babel (CLDR) writes ``form.cldr``, ccm-report writes ``form.un``."""
    cldr = CLDR[form.language]
    if form.rule == "range":
        start, end = form.example
        assert cldr_dates.format_interval(start, end, "yMMMMd", locale=cldr) == form.cldr
        assert un_date_range(start, end, form.language) == form.un
    elif form.rule == "first_day":
        assert cldr_dates.format_date(form.example, "long", locale=cldr) == form.cldr
        assert un_date(form.example, form.language) == form.un
    elif form.rule == "and_before_i":
        assert cldr_lists.format_list(list(form.example), locale=cldr) == form.cldr
        assert format_figure(form.example, form.language) == form.un
    else:
        pytest.fail(f"no test for the rule {form.rule!r}")
    assert form.cldr != form.un and form.source


def test_spans_of_dates_are_joined_by_a_hyphen_where_cldr_has_an_en_dash_between_thin_spaces():
    start, end = D(2022, 8, 30), D(2022, 9, 2)
    assert cldr_dates.format_interval(start, end, "yMMMMd", locale="en_GB") == f"30 Aug{THIN}–{THIN}2 Sept 2022"
    assert un_date_range(start, end, "en") == "30 August-2 September 2022"


def test_spanish_spans_of_dates_are_joined_by_a():
    start, end = D(2022, 8, 30), D(2022, 9, 2)
    assert (
        cldr_dates.format_interval(start, end, "yMMMMd", locale="es")
        == f"30 de agosto{THIN}–{THIN}2 de septiembre de 2022"
    )
    assert un_date_range(start, end, "es") == "30 de agosto a 2 de septiembre de 2022"


def test_french_writes_the_first_of_the_month_as_an_ordinal_and_the_others_do_not():
    assert cldr_dates.format_date(D(2025, 8, 1), "long", locale="fr") == "1 août 2025"
    assert un_date(D(2025, 8, 1), "fr") == "1er août 2025"
    assert un_date(D(2025, 8, 1), "en") == "1 August 2025"
    assert un_date(D(2025, 8, 1), "es") == "1 de agosto de 2025"
    assert un_date(D(2025, 2, 2), "fr") == "2 février 2025"
    assert un_date(D(2025, 12, 31), "fr") == "31 décembre 2025"


def test_spanish_writes_e_for_and_before_an_i_sound():
    assert cldr_lists.format_list(["Chad", "Perú", "Italia"], locale="es") == "Chad, Perú y Italia"
    assert format_figure(("Chile", "Iraq"), "es") == "Chile e Iraq"
    assert format_figure(("Chad", "Perú", "Italia"), "es") == "Chad, Perú e Italia"
    assert format_figure(("Chad", "Hilo"), "es") == "Chad e Hilo"


def test_spanish_keeps_y_before_a_diphthong_and_other_languages_keep_their_and():
    assert format_figure(("Chad", "Hielo"), "es") == "Chad y Hielo"
    assert format_figure(("Chad", "Iowa"), "es") == "Chad y Iowa"
    assert format_figure(("Chad", "Iraq"), "fr") == "Chad et Iraq"
    assert format_figure(("Chad", "Iraq"), "en") == "Chad and Iraq"


# Numbers: CLDR's separators are the UN's


def test_whole_numbers():
    assert format_number(1234, "en") == "1,234"
    assert format_number(1234, "fr") == f"1{NNBSP}234"
    assert format_number(1234, "es") == "1.234"
    assert format_number(1234567, "fr") == f"1{NNBSP}234{NNBSP}567"
    assert format_number(1234567, "es") == "1.234.567"
    assert format_number(999, "es") == "999"
    assert format_number(12.0, "fr") == "12"


def test_thousands_separators_and_decimal_marks_are_cldrs():
    for lang in locale.SUPPORTED:
        for value in (999, 1234, 1234567, -4321):
            assert format_number(value, lang) == cldr_numbers.format_decimal(value, locale=CLDR[lang])
        assert format_number(4123.5, lang) == cldr_numbers.format_decimal(4123.5, locale=CLDR[lang])


def test_decimals_are_one_place_rounded_half_up_with_a_comma_in_french_and_spanish():
    assert format_number(12.5, "en") == "12.5"
    assert format_number(12.5, "fr") == "12,5"
    assert format_number(12.5, "es") == "12,5"
    assert format_number(86.25, "en") == "86.3"
    assert format_number(4123.46, "fr") == f"4{NNBSP}123,5"
    assert format_number(4123.46, "es") == "4.123,5"


def test_cldr_would_keep_three_decimals_rounded_half_even():
    assert cldr_numbers.format_decimal(86.25, locale="en_GB") == "86.25"
    assert cldr_numbers.format_decimal(0.125, format="0.00", locale="en_GB") == "0.12"
    assert format_number(0.125, "en") == "0.1"
    assert format_area(0.25, "en") == "0.3"


def test_areas_always_have_one_decimal():
    assert format_area(7645.75, "en") == "7,645.8"
    assert format_area(7645.75, "fr") == f"7{NNBSP}645,8"
    assert format_area(7645.75, "es") == "7.645,8"
    assert format_area(11, "en") == "11.0"
    assert format_area(11, "fr") == "11,0"
    assert format_area(86.25, "fr") == "86,3"
    assert format_area(86.25, "es") == "86,3"
    assert format_area(0.04, "es") == "0,04"  # not nil: never "0,0"
    assert format_area(0.032, "en") == "0.03"
    assert format_area(0.004, "fr") == "0,004"
    assert format_area(0, "en") == "0.0"


def test_percentages_are_whole_rounded_half_up_with_the_languages_sign():
    assert format_percent(85, "en") == "85%"
    assert format_percent(85.5, "en") == "86%"
    assert format_percent(84.5, "fr") == f"85{NBSP}%"
    assert format_percent(1234, "es") == f"1.234{NBSP}%"


def test_chapters_are_numbered_in_roman_numerals_in_every_language():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1999)] == ["I", "IV", "IX", "XIV", "XL", "MCMXCIX"]
    assert roman(0) == "0"


def test_english_figures_are_those_of_the_figures_module():
    from pipeline.compute import figures

    for value in (1234, 86.25, 4123.46, 12.0, True, False, (), ("Chad",), ("Chad", "Peru", "Iraq"), "71"):
        assert format_figure(value, "en") == figures.format_figure(value)
    for value in (11, 7645.75, 0.04):
        assert format_area(value, "en") == figures.format_area(value)


# Words


def test_figures_in_running_text():
    assert format_figure(True, "fr") == "oui" and format_figure(False, "fr") == "non"
    assert format_figure(True, "es") == "sí" and format_figure(False, "es") == "no"
    assert format_figure(("Tchad", "Pérou", "Iraq"), "fr") == "Tchad, Pérou et Iraq"
    assert format_figure(("Chad", "Perú", "Somalia"), "es") == "Chad, Perú y Somalia"
    assert format_figure(("Tchad",), "fr") == "Tchad"
    assert format_figure((), "fr") == "aucun"
    assert format_figure((), "es") == "ninguno"
    assert format_figure(1234, "es") == "1.234"
    assert format_figure("71", "fr") == "71"


def test_lists_follow_cldrs_patterns_without_a_serial_comma_in_english():
    assert cldr_lists.format_list(["A", "B", "C", "D"], locale="en") == "A, B, C, and D"
    assert format_figure(("A", "B", "C", "D"), "en") == "A, B, C and D"
    for lang in locale.SUPPORTED:
        assert format_figure(("A", "B", "C", "D"), lang) == cldr_lists.format_list(
            ["A", "B", "C", "D"], locale=CLDR[lang]
        )


def test_regions():
    assert [region_name(r, "fr") for r in ("Africa", "Americas", "Asia-Pacific", "Europe")] == [
        "Afrique",
        "Amériques",
        "Asie-Pacifique",
        "Europe",
    ]
    assert [region_name(r, "es") for r in ("Africa", "Americas", "Asia-Pacific", "Europe")] == [
        "África",
        "Américas",
        "Asia-Pacífico",
        "Europa",
    ]
    assert region_name("Asia-Pacific", "en") == "Asia-Pacific"
    assert region_name("Antarctica", "fr") == "Antarctica"
    assert [total_label(lang) for lang in ("en", "fr", "es")] == ["Total", "Total", "Total"]


def test_the_regions_translated_are_those_of_the_data():
    from pipeline.compute.indicators import REGIONS

    for region in REGIONS:
        assert region_name(region, "fr") != region or region == "Europe"
        assert region_name(region, "es") != region


def test_state_names_from_the_reference_data():
    assert state_name("Côte d'Ivoire", "fr") == "Côte d'Ivoire"
    assert state_name("Côte d'Ivoire", "es") == "Côte d'Ivoire"
    assert state_name("Lao People's Democratic Republic", "fr") == "République démocratique populaire lao"
    assert state_name("Lao People's Democratic Republic", "es") == "República Democrática Popular Lao"
    assert state_name("Netherlands (Kingdom of the)", "fr") == "Pays-Bas (Royaume des)"
    assert state_name("Holy See", "es") == "Santa Sede"
    assert state_name("State of Palestine", "fr") == "État de Palestine"
    assert state_name("Chad", "en") == "Chad"
    assert state_name("Atlantis", "fr") == "Atlantis"


def test_language_names_for_the_masthead_are_cldrs():
    assert language_name("en", "en") == "English"
    assert language_name("en", "fr") == "anglais"
    assert language_name("en", "es") == "inglés"
    assert [language_name(c, "fr") for c in ("fr", "es", "ar", "zh", "ru")] == [
        "français",
        "espagnol",
        "arabe",
        "chinois",
        "russe",
    ]
    assert [language_name(c, "es") for c in ("fr", "es", "ar", "zh", "ru")] == [
        "francés",
        "español",
        "árabe",
        "chino",
        "ruso",
    ]
    assert [language_name(c, "en") for c in ("fr", "es", "ar", "zh", "ru")] == [
        "French",
        "Spanish",
        "Arabic",
        "Chinese",
        "Russian",
    ]
    with pytest.raises(LocaleMissing, match="no name for the language 'de'; it knows en, fr, es, ar, zh, ru"):
        language_name("de", "en")


def test_the_distribution_word_follows_the_language():
    assert locale.distribution("General", "en") == "General"
    assert locale.distribution("General", "fr") == "générale"
    assert locale.distribution("Limited", "es") == "limitada"
    assert locale.distribution("For participants only", "fr") == "For participants only"


# Alphabetical order


def test_alphabetical_order_folds_accents_and_case():
    assert sorted(
        ["Estonie", "Équateur", "Égypte", "El Salvador", "Eswatini"], key=lambda n: collation_key(n, "fr")
    ) == ["Égypte", "El Salvador", "Équateur", "Estonie", "Eswatini"]
    assert sorted(["Zambie", "afrique du Sud", "Albanie"], key=lambda n: collation_key(n, "fr")) == [
        "afrique du Sud",
        "Albanie",
        "Zambie",
    ]
    assert collation_key("Côte d'Ivoire", "es") == collation_key("cote d'ivoire", "es")


def test_a_name_sorts_before_the_longer_names_it_begins():
    assert sorted(["Guinea-Bissau", "Guinea", "Guinea Ecuatorial"], key=lambda n: collation_key(n, "es")) == [
        "Guinea",
        "Guinea Ecuatorial",
        "Guinea-Bissau",
    ]


def test_spanish_order_keeps_n_tilde_after_n():
    assert sorted(["Espoo", "España", "Espanto"], key=lambda n: collation_key(n, "es")) == [
        "Espanto",
        "España",
        "Espoo",
    ]
    assert sorted(["Espoo", "España", "Espanto"], key=lambda n: collation_key(n, "fr")) == [
        "España",
        "Espanto",
        "Espoo",
    ]


def test_french_and_spanish_spell_out_oe_and_ae():
    assert collation_key("Œuvre", "fr") == "oeuvre"
    assert collation_key("Cæsar", "es") == "caesar"


def test_english_order_is_the_un_order_of_compute():
    for name in ("Côte d'Ivoire", "Türkiye", "Lao People's Democratic Republic", "España", "Œland"):
        assert collation_key(name, "en") == un_order(name)


# Languages not yet written


def test_other_languages_are_refused_with_the_language_named():
    with pytest.raises(LocaleMissing) as raised:
        un_date(D(2025, 7, 14), "ar")
    assert str(raised.value) == (
        "ccm-report cannot yet write documents in Arabic (ar): dates and numbers "
        "for it are not defined; supported: en, fr, es"
    )
    assert isinstance(raised.value, CcmReportError)
    for call in (
        lambda: format_number(1, "ru"),
        lambda: format_area(1.0, "zh"),
        lambda: format_percent(1, "ar"),
        lambda: format_figure(1, "de"),
        lambda: un_date_range(D(2025, 1, 1), D(2025, 1, 2), "ru"),
        lambda: region_name("Africa", "ar"),
        lambda: state_name("Chad", "zh"),
        lambda: collation_key("Chad", "ru"),
        lambda: language_name("en", "ar"),
        lambda: total_label("ar"),
        lambda: locale.distribution("General", "zh"),
    ):
        with pytest.raises(LocaleMissing):
            call()
    with pytest.raises(LocaleMissing, match="Russian \\(ru\\)"):
        format_number(1, "ru")
    with pytest.raises(LocaleMissing, match="'de'"):
        format_figure(1, "de")
