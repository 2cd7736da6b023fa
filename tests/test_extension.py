"""The analysis of an Article 4 extension request: each figure and verdict against hand-computed values.

The sample's three pending requests (inputs/data/states-parties.xlsx, Clearance 2022-2024), by hand:
released a year = cleared + released by survey; rate = their sum / 3; years to the requested deadline
counted from 31 December 2024 in days / 365.25.
- Chile: 2.713 + 3.816 + 2.163 = 8.692 / 3 = 2.8973 km2 a year; 1,613 days to 1 June 2029 = 4.4162
  years; needed 42.928 / 4.4162 = 9.7207; at the rate 42.928 / 2.8973 = 14.8 years (about 15, for 3
  requested); r = 0.298: more than double, 9.7207 / 2.8973 = 3.4 times.
- Lebanon: 1.422 + 1.303 + 1.463 = 4.188 / 3 = 1.396; 2,312 days to 1 May 2031 = 6.3299 years; needed
  10.162 / 6.3299 = 1.6054; at the rate 7.3 years (about 7, for 5); r = 0.87: moderate, +15 per cent.
- Somalia: 0.515 + 0.381 + 0.242 = 1.138 / 3 = 0.3793; 2,251 days to 1 March 2031 = 6.1629 years;
  needed 3.782 / 6.1629 = 0.6137; at the rate 9.97 years (about 10, for 5); r = 0.62: substantial, +62.
"""

import datetime as dt
from pathlib import Path

import pytest

from pipeline.compute import extension as ext
from pipeline.intake.data import read_data

OPENS = dt.date(2025, 9, 16)  # the Thirteenth Meeting's first day


@pytest.fixture(scope="module")
def sample_analyses():
    data, _, _ = read_data(Path(__file__).parent.parent / "inputs" / "data")
    pending = [r for r in data.sheet("ExtensionRequests") if r["Status"] == "Pending"]
    return {r["ISO3"]: ext.analyse(r, data, OPENS)[0] for r in pending}


def test_the_original_deadline_is_ten_years_after_entry_into_force():
    assert ext.original_deadline(dt.date(2011, 6, 1)) == dt.date(2021, 6, 1)
    assert ext.original_deadline(dt.date(2012, 2, 29)) == dt.date(2022, 2, 28)


def test_a_request_is_due_nine_calendar_months_before_the_meeting_opens():
    assert ext.request_due(OPENS) == dt.date(2024, 12, 16)
    assert ext.request_due(dt.date(2025, 11, 30)) == dt.date(2025, 2, 28)  # February has no 30th


def test_rounded_parts_add_up_to_the_rounded_total():
    assert ext.add_up(2.713, (0.647, 0.482, 1.584)) == (2.7, (0.6, 0.5, 1.6))
    assert ext.add_up(1.0, (0.25, 0.25, 0.5)) == (1.0, (0.3, 0.2, 0.5))  # 0.2 + 0.2 + 0.5, one unit to the first
    assert ext.released_since(65.0, 42.9) == 22.1  # 64.95 - 42.928, shown so that 65.0 = 22.1 + 42.9


def test_the_rates_and_the_years_they_would_take():
    assert ext.rate_achieved((2.713, 3.816, 2.163)) == pytest.approx(2.8973, abs=1e-4)
    assert ext.rate_achieved((9.0, 2.713, 3.816, 2.163)) == pytest.approx(2.8973, abs=1e-4)  # the last three
    assert ext.rate_achieved((0.0, 0.0)) is None and ext.rate_achieved(()) is None
    years = ext.years_between(dt.date(2024, 12, 31), dt.date(2029, 6, 1))
    assert years == pytest.approx(1613 / 365.25)
    assert ext.rate_needed(42.928, years) == pytest.approx(9.7207, abs=1e-4)
    assert ext.rate_needed(2.0, 0.5) == 2.0  # less than a year left: all of it within the year
    assert ext.years_at_rate(42.928, 2.8973) == pytest.approx(14.82, abs=0.01)
    assert ext.years_at_rate(1.0, None) is None


@pytest.mark.parametrize(
    ("achieved", "needed", "verdict", "percent"),
    [
        (2.0, 2.0, "sufficient", None),
        (1.5, 2.0, "moderate_increase", 33),
        (1.4999, 2.0, "substantial_increase", 33),
        (1.0, 2.0, "substantial_increase", 100),
        (0.9999, 2.0, "more_than_double", 100),
        (None, 2.0, "no_rate", None),
        (None, 0.0, "sufficient", None),
    ],
)
def test_the_verdict_follows_the_documented_thresholds(achieved, needed, verdict, percent):
    assert ext.verdict(achieved, needed) == verdict
    assert ext.increase_percent(achieved, needed) == percent


def test_milestones_count_down_the_area_and_the_funding_gap():
    plan = ext.milestones(10.162, ((2026, 5.0, 900, None), (2025, 5.162, 1000, 400)))
    assert [(m.year, m.remaining_after, m.gap) for m in plan] == [(2025, 5.0, 600), (2026, 0.0, 900)]


def test_each_element_of_the_draft_decision():
    with_plan = ext.draft_decision(dt.date(2031, 5, 1), 2025, True, "moderate_increase", 45_400_000)
    assert with_plan == ext.DraftDecision(dt.date(2031, 5, 1), dt.date(2026, 4, 30), False, True, True, True)
    no_plan = ext.draft_decision(dt.date(2031, 3, 1), 2025, False, "no_rate", None)
    assert (no_plan.asks_for_plan, no_plan.notes_rate, no_plan.notes_funding_gap) == (True, False, False)
    assert not ext.draft_decision(dt.date(2029, 6, 1), 2025, True, "sufficient", 0).notes_rate


def test_the_sample_analyses(sample_analyses):
    found = {
        iso: (
            round(a["rate_achieved"], 4),
            round(a["rate_needed"], 4),
            a["years_at_rate"],
            a["verdict"],
            a["increase_percent"],
            a["times_needed"],
        )
        for iso, a in sample_analyses.items()
    }
    assert found == {
        "CHL": (2.8973, 9.7207, 15, "more_than_double", 236, 3.4),
        "LBN": (1.396, 1.6054, 7, "moderate_increase", 15, 1.1),
        "SOM": (0.3793, 0.6137, 10, "substantial_increase", 62, 1.6),
    }
    chile, somalia = sample_analyses["CHL"], sample_analyses["SOM"]
    assert (chile["baseline_shown"], chile["released_since_shown"], chile["remaining_shown"]) == (65.0, 22.1, 42.9)
    assert [(y.year, y.cancelled, y.reduced, y.cleared, y.released) for y in chile["last_years"]] == [
        (2022, 0.6, 0.5, 1.6, 2.7),
        (2023, 1.2, 1.4, 1.2, 3.8),
        (2024, 0.6, 0.5, 1.1, 2.2),
    ]
    assert [(e.granted, e.years, e.decision) for e in chile["earlier"]] == [
        (dt.date(2026, 6, 1), 5, "CCM/CONF/2021/6, para. 41")
    ]
    assert chile["on_time"] and chile["request_due"] == dt.date(2024, 12, 16)
    assert (chile["budget_total"], chile["secured_total"], chile["funding_gap"]) == (19_600_000, 7_300_000, 12_300_000)
    assert somalia["earlier"] == () and somalia["milestones"] == () and somalia["decision"].asks_for_plan


def test_table_one_rows_follow_one_another_and_never_print_a_non_nil_area_as_zero(sample_analyses):
    somalia, lebanon = sample_analyses["SOM"]["last_years"], sample_analyses["LBN"]["last_years"]
    assert [y.text["en"] for y in somalia][-1] == ("0.04", "0.06", "0.14", "0.24", "3.78")  # 0.043 cancelled
    assert [y.text["fr"] for y in lebanon][1:] == [
        ("0,2", "0,3", "0,8", "1,3", "11,7"),
        ("0,2", "0,3", "1,0", "1,5", "10,2"),
    ]
    for years in (somalia, lebanon, sample_analyses["CHL"]["last_years"]):
        for before, after in zip(years, years[1:], strict=False):
            assert round(before.remaining - after.released, 2) == after.remaining


def test_rates_are_printed_to_the_decimals_that_check_the_increase_stated(sample_analyses):
    from pipeline.locale import format_area

    found = {
        iso: (
            format_area(a["rate_achieved"], "en", a["rate_places"]),
            format_area(a["rate_needed"], "en", a["rate_places"]),
        )
        for iso, a in sample_analyses.items()
    }
    assert found == {"CHL": ("2.90", "9.72"), "LBN": ("1.40", "1.61"), "SOM": ("0.379", "0.614")}
    assert (
        round(9.72 / 2.90, 1) == 3.4 and round((1.61 / 1.40 - 1) * 100) == 15 and round((0.614 / 0.379 - 1) * 100) == 62
    )


def test_a_plan_ending_after_the_requested_deadline_is_said_and_does_not_cover_by_it(sample_analyses):
    chile, lebanon = sample_analyses["CHL"], sample_analyses["LBN"]
    assert (chile["months_late"], chile["plan_covers"], chile["plan_covers_late"]) == (7, False, True)
    assert (lebanon["months_late"], lebanon["words"]["months_late"]["fr"]) == (8, "huit")
    on_time = ext.milestones(1.0, ((2028, 1.0, None, None),))
    assert ext.plan_end(on_time, dt.date(2029, 6, 1)) is None and ext.plan_end((), dt.date(2029, 6, 1)) is None


def test_the_decision_asks_for_a_plan_to_reach_the_rate_needed_unless_the_rate_suffices(sample_analyses):
    assert {iso: a["decision"].asks_rate_plan for iso, a in sample_analyses.items()} == dict.fromkeys(
        ("CHL", "LBN", "SOM"), True
    )
    assert not ext.draft_decision(dt.date(2029, 6, 1), 2025, True, "sufficient", 0).asks_rate_plan
    assert ext.draft_decision(dt.date(2029, 6, 1), 2025, True, "no_rate", 0).asks_rate_plan


def test_one_to_nine_in_words_in_running_text():
    from pipeline.compute.extension_text import in_words

    assert (in_words(3)["en"], in_words(5)["fr"], in_words(7)["es"], in_words(10)["en"]) == (
        "three",
        "cinq",
        "siete",
        "10",
    )
