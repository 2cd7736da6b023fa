"""Indicators: each number follows the formula its function states."""

import datetime as dt
from types import MappingProxyType

import pytest

from pipeline.compute import REGIONS, indicators, percent, reporting, states_parties
from pipeline.intake import read_data
from pipeline.model import Dataset, Period, Record
from tests.conftest import SAMPLE_INPUTS

PERIOD = Period(dt.date(2024, 7, 1), dt.date(2025, 6, 30))
DUE = dt.date(2025, 4, 30)  # the annual reports covering 2024


def state(iso3, region="Africa", status="State Party", eif=dt.date(2012, 3, 1), withdrawal=None):
    return Record("States", MappingProxyType({"ISO3": iso3, "State": iso3, "Region": region, "Status": status,
                                              "Entry into force": eif, "Withdrawal": withdrawal}),
                  MappingProxyType({}))


def report(iso3, submitted=None, due=DUE, kind="Annual", year=2024):
    return Record("Article7", {"ISO3": iso3, "State": iso3, "Report": kind, "Year covered": year,
                               "Due": due, "Submitted": submitted}, {})


# --- percent --------------------------------------------------------------------------


@pytest.mark.parametrize(("part", "whole", "shown"), [
    (1, 8, "13"),  # 12.5 rounds up
    (3, 8, "38"),  # 37.5 rounds up
    (1, 3, "33"),
    (2, 3, "67"),
    (0, 5, "0"),
    (8, 8, "100"),
])
def test_percent_rounds_half_up_to_whole_numbers(part, whole, shown):
    assert percent(part, whole) == shown


def test_percent_of_nothing_due_is_an_en_dash():
    assert percent(0, 0) == "\u2013"


# --- states_parties ---------------------------------------------------------------------


def test_states_parties_are_those_bound_on_the_day():
    states = (
        state("NGA", eif=dt.date(2023, 8, 1)),
        state("SSD", eif=PERIOD.end),  # bound on the day itself
        state("VUT", region="Asia-Pacific", eif=dt.date(2026, 3, 1)),  # deposited, not yet bound
        state("LTU", region="Europe", status="Former State Party", eif=dt.date(2011, 9, 1),
              withdrawal=dt.date(2025, 3, 6)),
        state("KEN", status="Signatory", eif=None),
    )
    assert [r["ISO3"] for r in states_parties(states, PERIOD.end)] == ["NGA", "SSD"]
    assert [r["ISO3"] for r in states_parties(states, dt.date(2026, 3, 1))] == ["NGA", "SSD", "VUT"]


def test_a_former_state_party_was_bound_until_its_withdrawal_took_effect():
    lithuania = state("LTU", region="Europe", status="Former State Party", eif=dt.date(2011, 9, 1),
                      withdrawal=dt.date(2025, 3, 6))
    assert states_parties((lithuania,), dt.date(2024, 6, 30)) == (lithuania,)


# --- reporting -----------------------------------------------------------------------------


def test_reports_are_on_time_late_or_missing_by_the_end_of_the_period():
    states = tuple(state(iso3) for iso3 in ("BEN", "BWA", "BFA", "BDI", "CMR"))
    reports = (
        report("BEN", submitted=DUE),  # on time: on the due date
        report("BWA", submitted=DUE + dt.timedelta(days=1)),  # late, but within the period
        report("BFA", submitted=PERIOD.end + dt.timedelta(days=1)),  # after the period: missing
        report("BDI"),  # never submitted: missing
        report("CMR", submitted=dt.date(2025, 3, 1)),  # early counts as on time
    )
    row = reporting(states, reports, PERIOD, "Africa")
    assert (row.region, row.states_parties, row.due) == ("Africa", 5, 5)
    assert (row.on_time, row.late, row.missing) == (2, 1, 2)
    assert row.missing == row.due - row.on_time - row.late
    assert row.rate == percent(row.on_time + row.late, row.due) == "60"


def test_only_annual_reports_due_within_the_period_from_the_regions_parties_count():
    states = (state("BEN"), state("CHL", region="Americas"))
    reports = (
        report("BEN", submitted=DUE),
        report("BEN", due=dt.date(2024, 4, 30), year=2023),  # due before the period
        report("BEN", due=dt.date(2026, 4, 30), year=2025),  # due after the period
        report("BEN", kind="Initial", due=dt.date(2024, 9, 1), year=2024),  # initial reports are not counted
        report("CHL"),  # another region
        report("KEN"),  # not a State Party
    )
    row = reporting(states, reports, PERIOD, "Africa")
    assert (row.states_parties, row.due, row.on_time, row.late, row.missing, row.rate) == (1, 1, 1, 0, 0, "100")


def test_a_region_with_no_report_due_shows_an_en_dash():
    row = reporting((state("FJI", region="Asia-Pacific", eif=dt.date(2025, 1, 1)),), (), PERIOD, "Asia-Pacific")
    assert (row.states_parties, row.due, row.missing, row.rate) == (1, 0, 0, "\u2013")


# --- indicators --------------------------------------------------------------------------------


def test_indicators_sum_the_regions_into_a_total():
    data = Dataset(MappingProxyType({
        "States": (state("BEN"), state("BWA"), state("CHL", region="Americas"), state("FRA", region="Europe"),
                   state("VUT", region="Asia-Pacific", eif=dt.date(2026, 3, 1))),
        "Article7": (report("BEN", submitted=DUE), report("BWA"),
                     report("CHL", submitted=dt.date(2025, 5, 15)), report("FRA", submitted=DUE),
                     report("BEN", due=dt.date(2024, 4, 30), year=2023)),
    }))
    result = indicators(data, PERIOD)
    assert result.as_of == "30 June 2025"
    assert result.year_covered == "2024"
    assert result.states_parties == 4
    assert [r.region for r in result.reporting_by_region] == list(REGIONS)
    africa, americas, asia_pacific, europe = result.reporting_by_region
    assert (africa.due, africa.on_time, africa.missing, africa.rate) == (2, 1, 1, "50")
    assert (americas.late, americas.rate) == (1, "100")
    assert (asia_pacific.states_parties, asia_pacific.rate) == (0, "\u2013")
    total = result.reporting_total
    assert (total.region, total.states_parties, total.due, total.on_time, total.late, total.missing) == \
        ("Total", 4, 4, 2, 1, 1)
    assert total.rate == "75"


def test_the_year_covered_defaults_to_the_year_before_the_period_ends():
    result = indicators(Dataset(MappingProxyType({"States": (state("BEN"),), "Article7": ()})), PERIOD)
    assert result.year_covered == "2024"
    assert result.reporting_total.rate == "\u2013"


# --- the shipped sample ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_data():
    data, _hashes, problems = read_data(SAMPLE_INPUTS / "data")
    assert problems == []
    return data


def test_the_sample_has_111_states_parties_on_30_june_2025(sample_data):
    parties = states_parties(sample_data.sheet("States"), PERIOD.end)
    codes = {r["ISO3"] for r in parties}
    assert len(parties) == 111
    assert "VUT" not in codes  # deposited 2025-09-05, bound from 2026-03-01
    assert "LTU" not in codes  # withdrawal effective 2025-03-06


def test_the_sample_indicators_by_region(sample_data):
    result = indicators(sample_data, PERIOD)
    assert result.states_parties == 111
    assert result.year_covered == "2024"
    assert result.as_of == "30 June 2025"
    assert {r.region: r.states_parties for r in result.reporting_by_region} == {
        "Africa": 36, "Americas": 25, "Asia-Pacific": 17, "Europe": 33}
    for row in (*result.reporting_by_region, result.reporting_total):
        assert row.missing == row.due - row.on_time - row.late >= 0
        assert row.rate == percent(row.on_time + row.late, row.due)
    total = result.reporting_total
    assert total.states_parties == 111
    assert total.due == sum(r.due for r in result.reporting_by_region)
