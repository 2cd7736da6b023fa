"""The data's views in a document's language: names, order, regions, pillars, dates and figures."""

import datetime as dt
from types import MappingProxyType

from pipeline.compute.article7 import ReportingRow
from pipeline.compute.families import Fields
from pipeline.compute.indicators import ClearanceRow, CooperationRow, Indicators, indicators
from pipeline.compute.localise import figure_in, indicators_in, subject_in
from pipeline.model import Dataset, Period

ROWS = (
    ClearanceRow("Chad", 24.3, 0.5, 0.4, 6.8, None),
    ClearanceRow("Chile", 65.0, 1.1, 1.1, 42.9, None),
    ClearanceRow("Germany", 1.0, 0.1, 0.1, 0.5, None),
)
INDICATORS = Indicators(
    as_of="30 June 2025",
    year_covered="2024",
    states_parties=112,
    reporting_by_region=(ReportingRow("Africa", 38, 38, 20, 5, 13, "66"),),
    reporting_total=ReportingRow("Total", 38, 38, 20, 5, 13, "66"),
    clearance_rows=ROWS,
    clearance_total=ClearanceRow("Total", 90.3, 1.7, 1.6, 50.2, None),
    cooperation_rows=(CooperationRow("Switzerland", ("Chad", "Global"), "EUR", 1000.0),),
    cooperation_totals=(CooperationRow("Total", (), "EUR", 1000.0),),
    period_end=dt.date(2025, 6, 30),
)


def test_states_are_named_and_ordered_in_the_documents_language():
    french = indicators_in(INDICATORS, "fr")
    assert [r.state for r in french.clearance_rows] == ["Allemagne", "Chili", "Tchad"]
    spanish = indicators_in(INDICATORS, "es")
    assert [r.state for r in spanish.clearance_rows] == ["Alemania", "Chad", "Chile"]
    assert spanish.clearance_rows[0].remaining_km2 == 0.5  # the figures travel with their State


def test_regions_pillars_totals_and_the_date_of_the_figures_are_in_the_language():
    french = indicators_in(INDICATORS, "fr")
    assert french.reporting_by_region[0].region == "Afrique"
    assert french.cooperation_rows[0].state == "Suisse"
    assert french.cooperation_rows[0].recipient_list == "Tchad, Mondial"
    assert [(r.state, r.recipient_list) for r in indicators_in(INDICATORS, "es").cooperation_totals] == [("Total", "")]
    assert french.as_of == "30 juin 2025"
    assert french.clearance_total.state == "Total"
    assert indicators_in(INDICATORS, "en") is INDICATORS


def test_a_figure_in_the_prose_is_written_the_languages_way():
    assert figure_in("clearance.remaining_km2", 7645.75, "fr") == "7\u202f645,8"
    assert figure_in("clearance.remaining_km2", 7645.75, "es") == "7.645,8"
    assert figure_in("stockpiles.destroyed.submunitions", 1234567, "fr") == "1\u202f234\u202f567"
    assert (
        figure_in("article7.annual.overdue_states", ("Chad", "Germany", "Chile"), "fr") == "Allemagne, Chili et Tchad"
    )
    assert figure_in("article7.annual.overdue_states", ("Chad", "Germany"), "es") == "Alemania y Chad"


def test_a_family_documents_state_is_named_in_the_language():
    subject = Fields({"state": "Lebanon", "years_requested": 5})
    assert subject_in(subject, "fr").state == "Liban"
    assert subject_in(subject, "es").years_requested == 5
    assert subject_in(None, "fr") is None


def test_the_date_of_the_figures_is_written_in_each_language_from_the_same_day():
    english = indicators(
        Dataset(MappingProxyType({"States": (), "Article7": ()})), Period(dt.date(2024, 7, 1), dt.date(2025, 8, 1))
    )
    assert english.as_of == "1 August 2025"
    assert indicators_in(english, "fr").as_of == "1er août 2025"
    assert indicators_in(english, "es").as_of == "1 de agosto de 2025"


def test_a_list_of_states_in_the_prose_is_in_alphabetical_order_with_the_languages_and():
    assert figure_in("article7.annual.overdue_states", ("Chile", "Iraq"), "es") == "Chile e Iraq"
    assert figure_in("article7.annual.overdue_states", ("Chile", "Iraq"), "fr") == "Chili et Iraq"
    assert (
        figure_in("article7.annual.overdue_states", ("Chad", "Chile", "Iraq", "Germany"), "en")
        == "Chad, Chile, Germany and Iraq"
    )
    assert figure_in("article7.annual.overdue_states", (), "es") == "ninguno"


def test_figures_that_are_not_lists_or_areas_are_numbers_of_the_language():
    assert figure_in("article7.annual.submitted", 1234, "es") == "1.234"
    assert figure_in("clearance.remaining_km2", 11, "fr") == "11,0"
    assert figure_in("nim.specific", True, "es") == "sí"
