"""Gender and diversity indicators: each figure follows the formula its function states, by hand."""

from pipeline.compute.gender import by_sex_and_age, disaggregating_states, gender_figures, reporting_states
from pipeline.model import Dataset, Record

CASUALTIES = ("Casualties women", "Casualties men", "Casualties girls", "Casualties boys")
ASSISTED = ("Assisted women", "Assisted men", "Assisted girls", "Assisted boys")


def va(iso3, year, casualties, assisted=(None, None, None, None)):
    values = {"ISO3": iso3, "State": iso3, "Year": year}
    values.update(zip(CASUALTIES, casualties, strict=True))
    values.update(zip(ASSISTED, assisted, strict=True))
    return Record("VictimAssistance", values, {})


def re(iso3, year, people):
    return Record(
        "RiskEducation",
        {
            "ISO3": iso3,
            "State": iso3,
            "Year": year,
            **dict(zip(("Women", "Men", "Girls", "Boys"), people, strict=True)),
        },
        {},
    )


DATA = Dataset(
    {
        "VictimAssistance": (
            va("AAA", 2024, (1, 4, 2, 3), (10, 20, 5, 5)),
            va("BBB", 2024, (0, 2, 0, 0)),  # assistance reported without sex and age
            va("AAA", 2023, (9, 9, 9, 9), (9, 9, 9, 9)),  # another year: never counted
        ),
        "RiskEducation": (re("AAA", 2024, (30, 20, 25, 25)), re("CCC", 2024, (100, 0, 0, 0))),
    }
)


def test_people_by_sex_and_age_add_up_and_give_whole_per_cent_shares():
    # casualties 2024: women 1 + 0, men 4 + 2, girls 2 + 0, boys 3 + 0 = 12 in all;
    # female 1 + 2 = 3 (25 per cent), children 2 + 3 = 5 (41.67 -> 42 per cent)
    assert by_sex_and_age(DATA.sheet("VictimAssistance"), 2024, CASUALTIES) == {
        "women": 1,
        "men": 6,
        "girls": 2,
        "boys": 3,
        "total": 12,
        "female": 3,
        "children": 5,
        "female_percent": "25",
        "children_percent": "42",
    }


def test_an_empty_cell_counts_nothing_and_no_people_gives_a_dash():
    shares = by_sex_and_age(DATA.sheet("VictimAssistance"), 2022, CASUALTIES)
    assert shares["total"] == 0 and shares["female_percent"] == "\u2013"


def test_a_state_disaggregates_a_form_when_all_four_cells_hold_a_number():
    assert reporting_states(DATA.sheet("VictimAssistance"), 2024, CASUALTIES) == (2, 2)  # zeros are figures
    assert reporting_states(DATA.sheet("VictimAssistance"), 2024, ASSISTED) == (1, 2)  # BBB's cells are empty


def test_the_share_of_states_parties_counts_a_state_once_over_every_form():
    # AAA: all three forms disaggregated; BBB: assistance not; CCC: risk education only, disaggregated
    assert disaggregating_states(DATA, 2024) == (2, 3)
    figures = gender_figures(DATA, 2024)
    assert figures["gender.disaggregated_percent"][0] == "67"  # 100 * 2 / 3 = 66.7
    assert figures["va.assisted.total"][0] == 40
    assert figures["risk_education.female_percent"][0] == "78"  # (30 + 25 + 100) / 200 = 77.5 -> 78


def test_each_figure_names_its_rule_and_its_cells():
    total, provenance = gender_figures(DATA, 2024)["va.assisted.children"]
    assert total == 10
    assert "Assisted girls + Assisted boys" in provenance.formula
    assert provenance.sources == ("VictimAssistance!Assisted girls", "VictimAssistance!Assisted boys") * 2
