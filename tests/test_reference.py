"""Reference data: the Convention's membership as the domain notes list it, and informal names found in text."""

import datetime as dt
from collections import Counter

import pytest

from pipeline.reference import informal_names, name_variants, states

# The lists in shared/domain/states-parties.md (late 2025), in the informal names the Convention's site uses.
STATES_PARTIES = {
    "Africa": """Benin, Botswana, Burkina Faso, Burundi, Cameroon, Cabo Verde, Chad, Comoros, Congo,
        Côte d'Ivoire, Eswatini, Gambia, Ghana, Guinea, Guinea-Bissau, Lesotho, Madagascar, Malawi, Mali,
        Mauritania, Mauritius, Mozambique, Namibia, Niger, Nigeria, Rwanda, São Tomé and Príncipe, Senegal,
        Seychelles, Sierra Leone, Somalia, South Africa, South Sudan, Togo, Tunisia, Zambia""",
    "Americas": """Antigua and Barbuda, Belize, Bolivia, Canada, Chile, Colombia, Costa Rica, Cuba,
        Dominican Republic, Ecuador, El Salvador, Grenada, Guatemala, Guyana, Honduras, Mexico, Nicaragua,
        Panama, Paraguay, Peru, Saint Kitts and Nevis, Saint Lucia, Saint Vincent and the Grenadines,
        Trinidad and Tobago, Uruguay""",
    "Asia-Pacific": """Afghanistan, Australia, Cook Islands, Fiji, Iraq, Japan, Lao PDR, Lebanon, Maldives,
        Nauru, New Zealand, Niue, Palau, Philippines, Samoa, Sri Lanka, State of Palestine, Vanuatu""",
    "Europe": """Albania, Andorra, Austria, Belgium, Bosnia and Herzegovina, Bulgaria, Croatia, Czechia,
        Denmark, France, Germany, Holy See, Hungary, Iceland, Ireland, Italy, Liechtenstein, Luxembourg, Malta,
        Moldova, Monaco, Montenegro, Netherlands, North Macedonia, Norway, Portugal, San Marino, Slovakia,
        Slovenia, Spain, Sweden, Switzerland, United Kingdom""",
}
SIGNATORIES = """Angola, Central African Republic, Democratic Republic of the Congo, Djibouti, Kenya, Liberia,
    Uganda, United Republic of Tanzania, Haiti, Jamaica, Indonesia, Cyprus"""

ROWS = states()
BY_ISO3 = {row["iso3"]: row for row in ROWS}


def names(listing: str) -> list[str]:
    return [name.strip() for name in listing.split(",")]


def iso3_of(name: str) -> str:
    """The code of a name as the domain notes write it: a UN short name or a listed variant."""
    known = {row["name_en"]: row["iso3"] for row in ROWS} | {v.variant: v.iso3 for v in name_variants()}
    return known[name]


def date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def with_status(status: str) -> list[dict[str, str]]:
    return [row for row in ROWS if row["status"] == status]


# --- states.csv ----------------------------------------------------------------------------


def test_there_are_112_states_parties_by_region():
    parties = with_status("State Party")
    assert len(parties) == 112
    assert Counter(row["region"] for row in parties) == {"Africa": 36, "Americas": 25, "Asia-Pacific": 18, "Europe": 33}


@pytest.mark.parametrize("region", list(STATES_PARTIES))
def test_each_regions_states_parties_are_those_of_the_domain_notes(region):
    listed = {iso3_of(name) for name in names(STATES_PARTIES[region])}
    assert len(listed) == len(names(STATES_PARTIES[region]))
    assert {row["iso3"] for row in with_status("State Party") if row["region"] == region} == listed


def test_there_are_12_signatories_that_have_deposited_nothing():
    signatories = with_status("Signatory")
    assert {row["iso3"] for row in signatories} == {iso3_of(name) for name in names(SIGNATORIES)}
    assert len(signatories) == 12
    assert all(row["signature"] and not row["deposit"] and not row["entry_into_force"] for row in signatories)


def test_lithuania_is_the_one_former_state_party_with_its_withdrawal_date():
    (former,) = with_status("Former State Party")
    assert former["iso3"] == "LTU" and former["name_en"] == "Lithuania"
    assert date(former["withdrawal"]) == dt.date(2025, 3, 6)
    assert all(not row["withdrawal"] for row in ROWS if row["iso3"] != "LTU")


def test_every_state_party_has_a_deposit_instrument_and_entry_into_force():
    for row in with_status("State Party"):
        assert row["instrument"] in ("Ratification", "Accession"), row["iso3"]
        assert date(row["deposit"]) and date(row["entry_into_force"]), row["iso3"]
        assert (row["instrument"] == "Accession") == (not row["signature"]), row["iso3"]


def art_17(deposit: dt.date, thirtieth: dt.date) -> dt.date:
    """Art. 17: 1 August 2010 for the first 30 deposits; else the first day of the sixth month after deposit."""
    if deposit <= thirtieth:
        return dt.date(2010, 8, 1)
    months = deposit.year * 12 + deposit.month - 1 + 6
    return dt.date(months // 12, months % 12 + 1, 1)


def test_entry_into_force_follows_article_17():
    deposits = sorted(date(row["deposit"]) for row in ROWS if row["deposit"])
    thirtieth = deposits[29]
    assert thirtieth == dt.date(2010, 2, 16)
    assert sum(1 for d in deposits if d <= thirtieth) == 30
    wrong = {
        row["iso3"]: (row["entry_into_force"], art_17(date(row["deposit"]), thirtieth).isoformat())
        for row in ROWS
        if row["deposit"] and date(row["entry_into_force"]) != art_17(date(row["deposit"]), thirtieth)
    }
    assert wrong == {}


@pytest.mark.parametrize(
    ("iso3", "deposit", "entry_into_force"),
    [
        ("NGA", dt.date(2023, 2, 28), dt.date(2023, 8, 1)),
        ("SSD", dt.date(2023, 8, 3), dt.date(2024, 2, 1)),
        ("VUT", dt.date(2025, 9, 5), dt.date(2026, 3, 1)),
    ],
)
def test_recent_deposits_have_their_dates(iso3, deposit, entry_into_force):
    row = BY_ISO3[iso3]
    assert row["status"] == "State Party"
    assert (date(row["deposit"]), date(row["entry_into_force"])) == (deposit, entry_into_force)


# --- informal_names ------------------------------------------------------------------------


def found(text: str) -> list[tuple[str, str, str, int]]:
    return [(v.variant, v.iso3, v.un_name, offset) for v, offset in informal_names(text, name_variants())]


def test_informal_names_are_found_with_their_offsets_and_un_names():
    text = "Lao PDR and Bolivia reported; the UK did not."
    assert found(text) == [
        ("Lao PDR", "LAO", "Lao People's Democratic Republic", 0),
        ("Bolivia", "BOL", "Bolivia (Plurinational State of)", 12),
        ("UK", "GBR", "United Kingdom of Great Britain and Northern Ireland", 34),
    ]
    assert text[34:36] == "UK"


@pytest.mark.parametrize(
    "text",
    [
        "Bolivia (Plurinational State of) reported.",
        "The Lao People's Democratic Republic reported.",
        "The United Kingdom of Great Britain and Northern Ireland reported.",
        "It pledged US$ 1.2 million.",
        "Guinea-Bissau and the Dominican Republic",
    ],
)
def test_un_names_and_lookalikes_are_not_flagged(text):
    assert found(text) == []


def test_the_longest_variant_wins():
    assert found("Aid to Lao P.D.R. and Great Britain") == [
        ("Lao P.D.R.", "LAO", "Lao People's Democratic Republic", 7),
        ("Great Britain", "GBR", "United Kingdom of Great Britain and Northern Ireland", 22),
    ]


def test_name_matching_is_case_sensitive_and_stops_at_word_boundaries():
    assert found("ukulele, Bolivian, Laos-based, BOLIVIA") == []


def test_the_un_name_of_another_state_is_not_taken_for_a_variant():
    assert found("Democratic Republic of the Congo") == []
