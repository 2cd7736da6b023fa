"""Indicators: each number follows the formula its function states."""

import datetime as dt
from types import MappingProxyType

import pytest

from pipeline.compute.article7 import percent, reporting
from pipeline.compute.indicators import REGIONS, indicators, states_parties
from pipeline.intake.inputs import read_data
from pipeline.model import Dataset, Period, Record
from tests.conftest import SAMPLE_INPUTS

PERIOD = Period(dt.date(2024, 7, 1), dt.date(2025, 6, 30))
DUE = dt.date(2025, 4, 30)  # the annual reports covering 2024


def state(iso3, region="Africa", status="State Party", eif=dt.date(2012, 3, 1), withdrawal=None):
    return Record(
        "States",
        MappingProxyType(
            {
                "ISO3": iso3,
                "State": iso3,
                "Region": region,
                "Status": status,
                "Entry into force": eif,
                "Withdrawal": withdrawal,
            }
        ),
        MappingProxyType({}),
    )


def report(iso3, submitted=None, due=DUE, kind="Annual", year=2024):
    return Record(
        "Article7",
        {"ISO3": iso3, "State": iso3, "Report": kind, "Year covered": year, "Due": due, "Submitted": submitted},
        {},
    )


# --- percent --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (1, 8, "13"),  # 12.5 rounds up
        (3, 8, "38"),  # 37.5 rounds up
        (1, 3, "33"),
        (2, 3, "67"),
        (0, 5, "0"),
        (8, 8, "100"),
    ],
)
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
        state(
            "LTU", region="Europe", status="Former State Party", eif=dt.date(2011, 9, 1), withdrawal=dt.date(2025, 3, 6)
        ),
        state("KEN", status="Signatory", eif=None),
    )
    assert [r["ISO3"] for r in states_parties(states, PERIOD.end)] == ["NGA", "SSD"]
    assert [r["ISO3"] for r in states_parties(states, dt.date(2026, 3, 1))] == ["NGA", "SSD", "VUT"]


def test_a_former_state_party_was_bound_until_its_withdrawal_took_effect():
    lithuania = state(
        "LTU", region="Europe", status="Former State Party", eif=dt.date(2011, 9, 1), withdrawal=dt.date(2025, 3, 6)
    )
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
    data = Dataset(
        MappingProxyType(
            {
                "States": (
                    state("BEN"),
                    state("BWA"),
                    state("CHL", region="Americas"),
                    state("FRA", region="Europe"),
                    state("VUT", region="Asia-Pacific", eif=dt.date(2026, 3, 1)),
                ),
                "Article7": (
                    report("BEN", submitted=DUE),
                    report("BWA"),
                    report("CHL", submitted=dt.date(2025, 5, 15)),
                    report("FRA", submitted=DUE),
                    report("BEN", due=dt.date(2024, 4, 30), year=2023),
                ),
            }
        )
    )
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
    assert (total.region, total.states_parties, total.due, total.on_time, total.late, total.missing) == (
        "Total",
        4,
        4,
        2,
        1,
        1,
    )
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
        "Africa": 36,
        "Americas": 25,
        "Asia-Pacific": 17,
        "Europe": 33,
    }
    for row in (*result.reporting_by_region, result.reporting_total):
        assert row.missing == row.due - row.on_time - row.late >= 0
        assert row.rate == percent(row.on_time + row.late, row.due)
    total = result.reporting_total
    assert total.states_parties == 111
    assert total.due == sum(r.due for r in result.reporting_by_region)


def test_the_article7_figures_by_region_add_up_to_the_whole(sample_data):
    """The status page's chart: each region's annual reports due and received, its overdue States; one
    definition, so the regions' figures are the whole's, split."""
    figures = indicators(sample_data, PERIOD).figures

    def regions(name):
        kind, field = name.rsplit(".", 1)
        return [figures[f"article7.{kind}.by_region.{region}.{field}"] for region in REGIONS]

    assert sum(regions("annual.due")) == figures["article7.annual.due"] == 111
    assert sum(regions("annual.submitted")) == figures["article7.annual.submitted"] == 79
    assert all(
        0 < submitted <= due for submitted, due in zip(regions("annual.submitted"), regions("annual.due"), strict=True)
    )
    for kind in ("annual", "initial"):
        split = [state for states in regions(f"{kind}.overdue_states") for state in states]
        assert sorted(split) == sorted(figures[f"article7.{kind}.overdue_states"]) and len(set(split)) == len(split)
    assert "Mozambique" in figures["article7.annual.by_region.Africa.overdue_states"]
    assert "Uruguay" in figures["article7.annual.by_region.Americas.overdue_states"]


# --- thematic figures, against hand-computed values ---------------------------------------

from types import MappingProxyType as _Frozen  # noqa: E402

from pipeline.compute.article7 import annual_reports, initial_reports  # noqa: E402
from pipeline.compute.indicators import (  # noqa: E402
    casualties,
    clearance,
    cooperation,
    cooperation_totals,
    implementation,
    stockpiles,
)
from pipeline.errors import Location as _Location  # noqa: E402
from pipeline.locale import un_order  # noqa: E402


def rec(sheet, **values):
    values = {k.replace("_", " "): v for k, v in values.items()}
    cells = {k: _Location("t.xlsx", f"{sheet}!A2") for k in values}
    return Record(sheet, _Frozen(values), _Frozen(cells))


def test_clearance_sums_areas_of_the_year_in_un_order():
    rows = (
        rec(
            "Clearance",
            ISO3="LBN",
            State="Lebanon",
            Year=2024,
            Area_at_baseline=20.0,
            Area_cleared=1.5,
            Area_released_by_survey=0.25,
            Area_remaining=7.75,
            Deadline=dt.date(2026, 5, 1),
        ),
        rec(
            "Clearance",
            ISO3="CHL",
            State="Chile",
            Year=2024,
            Area_at_baseline=64.0,
            Area_cleared=2.0,
            Area_released_by_survey=10.0,
            Area_remaining=30.0,
            Deadline=dt.date(2021, 6, 1),
            Extension_until=dt.date(2026, 6, 1),
        ),
        rec(
            "Clearance",
            ISO3="CHL",
            State="Chile",
            Year=2023,
            Area_at_baseline=64.0,
            Area_cleared=9.0,
            Area_released_by_survey=0,
            Area_remaining=42.0,
            Deadline=dt.date(2021, 6, 1),
        ),
    )
    per_state, total = clearance(rows, 2024)
    assert [r.state for r in per_state] == ["Chile", "Lebanon"]
    assert per_state[0].deadline == dt.date(2026, 6, 1)  # the extension is the deadline in force
    assert (total.cleared_km2, total.released_km2, total.remaining_km2) == (3.5, 10.25, 37.75)


def test_stockpiles_sum_destruction_and_what_remains():
    rows = (
        rec(
            "Stockpiles",
            ISO3="PER",
            State="Peru",
            Year=2024,
            Munitions_destroyed=400,
            Submunitions_destroyed=8000,
            Munitions_remaining=0,
            Submunitions_remaining=0,
            Completed=dt.date(2024, 3, 1),
        ),
        rec(
            "Stockpiles",
            ISO3="BGR",
            State="Bulgaria",
            Year=2024,
            Munitions_destroyed=100,
            Submunitions_destroyed=900,
            Munitions_remaining=50,
            Submunitions_remaining=700,
        ),
    )
    completed_before = rec(
        "Stockpiles", ISO3="SVK", State="Slovakia", Year=2024, Munitions_destroyed=0, Submunitions_destroyed=0,
        Munitions_remaining=0, Submunitions_remaining=0, Completed=dt.date(2023, 10, 27),
    )  # fmt: skip
    per_state, total = stockpiles((*rows, completed_before), 2024)
    assert [r.state for r in per_state] == ["Bulgaria", "Peru"]  # Slovakia did nothing in 2024
    assert (total.destroyed_munitions, total.destroyed_submunitions, total.remaining_munitions) == (500, 8900, 50)


def test_annual_reports_on_time_late_and_overdue_with_names():
    parties = (
        state("TCD", eif=dt.date(2013, 9, 1)),
        state("CIV", eif=dt.date(2012, 9, 1)),
        state("PER", eif=dt.date(2012, 9, 1)),
        state("AUT", eif=dt.date(2010, 8, 1)),
    )
    parties = tuple(
        rec("States", ISO3=p["ISO3"], State=name, Status="State Party")
        for p, name in zip(parties, ("Chad", "Côte d'Ivoire", "Peru", "Austria"), strict=False)
    )
    due = dt.date(2025, 4, 30)
    reports = (
        rec("Article7", ISO3="AUT", Report="Annual", Year_covered=2024, Due=due, Submitted=dt.date(2025, 4, 30)),
        rec("Article7", ISO3="PER", Report="Annual", Year_covered=2024, Due=due, Submitted=dt.date(2025, 6, 1)),
        rec("Article7", ISO3="TCD", Report="Annual", Year_covered=2024, Due=due, Submitted=dt.date(2025, 7, 2)),
        rec("Article7", ISO3="CIV", Report="Annual", Year_covered=2024, Due=due, Submitted=None),
        rec("Article7", ISO3="CIV", Report="Annual", Year_covered=2023, Due=dt.date(2024, 4, 30), Submitted=None),
    )
    status = annual_reports(parties, reports, 2024, dt.date(2025, 6, 30))
    assert (status.due, status.on_time, status.late) == (4, 1, 1)
    assert status.overdue_states == ("Chad", "Côte d'Ivoire")  # Chad's came after the period ended


def test_initial_reports_overdue_only_once_due():
    parties = tuple(
        rec("States", ISO3=c, State=n, Status="State Party") for c, n in (("SSD", "South Sudan"), ("NGA", "Nigeria"))
    )
    reports = (
        rec("Article7", ISO3="SSD", Report="Initial", Year_covered=2024, Due=dt.date(2024, 7, 30), Submitted=None),
        rec(
            "Article7",
            ISO3="NGA",
            Report="Initial",
            Year_covered=2023,
            Due=dt.date(2024, 1, 28),
            Submitted=dt.date(2024, 1, 20),
        ),
    )
    assert initial_reports(parties, reports, dt.date(2025, 6, 30)) == (1, ("South Sudan",))
    assert initial_reports(parties, reports, dt.date(2024, 7, 1)) == (1, ())


def test_casualties_add_up_by_sex_and_age():
    rows = (
        rec(
            "VictimAssistance",
            ISO3="LAO",
            Year=2024,
            Casualties_women=1,
            Casualties_men=10,
            Casualties_girls=2,
            Casualties_boys=12,
        ),
        rec(
            "VictimAssistance",
            ISO3="IRQ",
            Year=2024,
            Casualties_women=0,
            Casualties_men=3,
            Casualties_girls=1,
            Casualties_boys=4,
        ),
        rec(
            "VictimAssistance",
            ISO3="IRQ",
            Year=2023,
            Casualties_women=9,
            Casualties_men=9,
            Casualties_girls=9,
            Casualties_boys=9,
        ),
    )
    assert casualties(rows, 2024) == {"women": 1, "men": 13, "girls": 3, "boys": 16, "total": 33}


def test_cooperation_is_summed_by_donor_and_currency_with_its_recipients_and_a_total_per_currency_without():
    rows = (
        rec("Cooperation", Donor="NOR", Recipient="TCD", Year=2024, Pillar="Clearance", Currency="NOK", Amount=1_000_000.0),
        rec("Cooperation", Donor="NOR", Recipient="IRQ", Year=2024, Pillar="Victim assistance", Currency="NOK", Amount=250_000.0),
        rec("Cooperation", Donor="NOR", Recipient="Global", Year=2024, Pillar="Other", Currency="USD", Amount=400_000.0),
        rec("Cooperation", Donor="AUT", Recipient="IRQ", Year=2024, Pillar="Clearance", Currency="USD", Amount=90_000.0),
        rec("Cooperation", Donor="AUT", Recipient="LBN", Year=2023, Pillar="Clearance", Currency="USD", Amount=1.0),
    )  # fmt: skip
    shown = [(r.state, r.recipient_list, r.currency, r.amount) for r in cooperation(rows, 2024)]
    assert shown == [
        ("Austria", "Iraq", "USD", 90_000.0),
        ("Norway", "Chad, Iraq", "NOK", 1_250_000.0),
        ("Norway", "Global", "USD", 400_000.0),
    ]
    totals = [(r.state, r.recipient_list, r.currency, r.amount) for r in cooperation_totals(rows, 2024)]
    assert totals == [
        ("Total", "", "NOK", 1_250_000.0),  # a total's recipients would only repeat the donors'
        ("Total", "", "USD", 490_000.0),  # never added to the NOK
    ]


def test_implementation_counts_states_parties_without_a_row_as_not_reported():
    parties = tuple(rec("States", ISO3=c) for c in ("AUT", "BEL", "CHL", "DEU"))
    rows = (
        rec("NationalImplementation", ISO3="AUT", Status="Specific legislation"),
        rec("NationalImplementation", ISO3="BEL", Status="Specific legislation"),
        rec("NationalImplementation", ISO3="CHL", Status="Legislation in preparation"),
        rec("NationalImplementation", ISO3="KEN", Status="Specific legislation"),
    )  # a signatory: not counted
    assert implementation(rows, parties) == {
        "Specific legislation": 2,
        "Legislation in preparation": 1,
        "Not reported": 1,
    }


def test_un_order_ignores_accents_and_case():
    assert sorted(["Cuba", "Côte d'Ivoire", "chile"], key=un_order) == ["chile", "Côte d'Ivoire", "Cuba"]
