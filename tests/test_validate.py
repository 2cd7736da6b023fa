"""Validation: pure rules over what intake read."""

from types import MappingProxyType

from pipeline.errors import Location, Severity
from pipeline.intake.inputs import read_inputs
from pipeline.model import Dataset, Record
from pipeline.model.blocks import Footnote, Heading, Paragraph, Text
from pipeline.reference import name_variants, states
from pipeline.validate.rules import country_names, data_references, missing_drafts, validate
from tests.conftest import TEMPLATES


def test_informal_country_names_are_flagged_with_the_paragraph_and_the_un_name():
    blocks = (
        Heading(1, (Text("Findings"),), origin=1),
        Paragraph((Text("Clearance in Lao PDR progressed."),), origin=2),
        Paragraph(
            (
                Text("Bolivia (Plurinational State of) reported."),
                Footnote((Paragraph((Text("As the UK said."),), numbered=False),)),
            ),
            origin=3,
        ),
    )
    found = country_names(blocks, "inputs/drafts/clearance/draft.docx", name_variants())
    assert [str(d) for d in found] == [
        "inputs/drafts/clearance/draft.docx:paragraph 2: WARNING: informal name “Lao PDR”: official "
        f"documents use “Lao People's Democratic Republic” [draft.country-name] (key {found[0].key})",
        "inputs/drafts/clearance/draft.docx:paragraph 3: WARNING: informal name “UK”: official "
        f"documents use “United Kingdom of Great Britain and Northern Ireland” [draft.country-name] (key {found[1].key})",
    ]
    assert all(len(d.key) == 8 and int(d.key, 16) >= 0 for d in found)


def test_the_sample_has_exactly_its_deliberate_mess(project):
    inputs = read_inputs(project.inputs, TEMPLATES)
    found = validate(inputs, name_variants())
    assert sorted((d.code, d.message.split("”")[0]) for d in found) == [
        ("draft.country-name", "informal name “Bolivia"),
        ("draft.country-name", "informal name “Lao PDR"),
        ("draft.country-name", "informal name “UK"),
    ]
    assert all(d.severity == Severity.WARNING for d in found)


def test_a_missing_required_section_is_a_warning_and_an_optional_one_is_silent(project):
    data = project.meeting()
    sections = data["documents"][0]["chapters"][1]["sections"]
    sections[-1]["required"] = False
    project.write_meeting(data)
    project.clear_drafts("national-implementation")
    project.clear_drafts("transparency")
    found = missing_drafts(read_inputs(project.inputs, TEMPLATES))
    assert [(d.code, d.location.path) for d in found] == [("draft.missing", "inputs/drafts/transparency/")]
    assert "coordinators: Belgium" in found[0].message


def _record(sheet, **values):
    cells = {k: Location("data.xlsx", f"{sheet}!A{n}") for n, k in enumerate(values, 2)}
    return Record(sheet, MappingProxyType(values), MappingProxyType(cells))


def _with_data(inputs, **sheets):
    data = Dataset(MappingProxyType({name: tuple(rows) for name, rows in sheets.items()}))
    return type(inputs)(**{**inputs.__dict__, "data": data})


def test_an_unknown_state_is_an_error_at_its_cell_with_the_closest_names(project):
    inputs = read_inputs(project.inputs, TEMPLATES)
    found = data_references(
        _with_data(
            inputs,
            States=[_record("States", ISO3="LAO", State="Lao People's Democratic Republic", Status="State Party")],
            Article7=[
                _record("Article7", ISO3="LAO"),
                _record("Article7", ISO3="XKX", State="Lao Peoples Democratic Rep"),
            ],
        ),
        states(),
    )
    assert [str(d) for d in found] == [
        "data.xlsx:Article7!A2: ERROR: XKX is not a State code the Convention knows; did you mean "
        "LAO (Lao People's Democratic Republic)? [data.unknown-state]"
    ]


def test_a_signatory_reported_as_a_state_party(project):
    inputs = read_inputs(project.inputs, TEMPLATES)
    found = data_references(
        _with_data(
            inputs,
            States=[_record("States", ISO3="KEN", State="Kenya", Status="State Party")],
        ),
        states(),
    )
    assert [(d.code, d.message) for d in found] == [
        (
            "data.not-a-party",
            "Kenya is listed as a State Party, but the depositary's records "
            "(pipeline/reference/states.csv) have it as a signatory",
        )
    ]


def test_a_report_row_for_a_signatory_is_refused(project):
    inputs = read_inputs(project.inputs, TEMPLATES)
    found = data_references(
        _with_data(
            inputs,
            States=[_record("States", ISO3="KEN", State="Kenya", Status="Signatory")],
            Article7=[_record("Article7", ISO3="KEN")],
        ),
        states(),
    )
    assert [d.message for d in found] == [
        "Kenya is a signatory, not a State Party, and cannot have rows in Article7; check the code"
    ]


def test_bullets_ending_in_semicolons_are_flagged_but_lettered_subparagraphs_are_not():
    from pipeline.model.blocks import ListBlock
    from pipeline.validate.rules import bullet_punctuation

    items = (
        (Paragraph((Text("first item;"),), False),),
        (Paragraph((Text("second; and"),), False),),
        (Paragraph((Text("last item."),), False),),
    )
    found = bullet_punctuation(
        (ListBlock("bullet", items, origin=7), ListBlock("lettered", items, origin=9)), "draft.docx"
    )
    assert [(d.location.place, d.message.split(";")[0]) for d in found] == [
        ("paragraph 7", "bullet 1 ends with a semicolon"),
        ("paragraph 7", "bullet 2 ends with a semicolon"),
    ]


def test_entry_into_force_must_follow_from_the_deposit(project):
    import datetime as dt

    from pipeline.reference import entry_into_force

    assert entry_into_force(dt.date(2023, 2, 28)) == dt.date(2023, 8, 1)  # Nigeria
    assert entry_into_force(dt.date(2023, 8, 3)) == dt.date(2024, 2, 1)  # South Sudan
    assert entry_into_force(dt.date(2025, 9, 5)) == dt.date(2026, 3, 1)  # Vanuatu
    assert entry_into_force(dt.date(2009, 6, 16)) == dt.date(2010, 8, 1)  # among the first thirty
    inputs = read_inputs(project.inputs, TEMPLATES)
    found = data_references(
        _with_data(
            inputs,
            States=[
                _record(
                    "States",
                    ISO3="NGA",
                    State="Nigeria",
                    Status="State Party",
                    Deposit=dt.date(2023, 2, 28),
                    **{"Entry into force": dt.date(2023, 9, 1)},
                )
            ],
        ),
        states(),
    )
    assert [d.message for d in found] == [
        "entry into force 2023-09-01 does not follow from the deposit on 2023-02-28: Article 17 gives 2023-08-01"
    ]


def test_a_contact_row_is_held_to_the_states_sheet_like_every_other_row():
    """Contacts (whom reminders go to) is a sheet like the others: its code must be a State Party of the
    States sheet, and its name the code's State."""
    from pathlib import Path

    from pipeline.model import Inputs
    from pipeline.validate.states import state_mismatches

    inputs = _with_data(
        Inputs(Path("inputs"), TEMPLATES, None, {}, {}, {}, {}, {}, Dataset(), {}, ()),
        States=[
            _record("States", ISO3="CHL", State="Chile", Status="State Party"),
            _record("States", ISO3="KEN", State="Kenya", Status="Signatory"),
        ],
        Contacts=[
            _record("Contacts", ISO3="CHL", State="Chile", Email="a7@example.org"),
            _record("Contacts", ISO3="PER", State="Peru", Email="a7@example.org"),
            _record("Contacts", ISO3="KEN", State="Kenya", Email="a7@example.org"),
            _record("Contacts", ISO3="CHL", State="Peru", Email="a7@example.org"),
        ],
    )
    found = data_references(inputs, states()) + state_mismatches(inputs.data, states(), name_variants())
    assert [(d.code, d.message) for d in found] == [
        ("data.unknown-state", "PER is not in the States sheet; add the State there or correct the code"),
        (
            "data.not-a-party",
            "Kenya is a signatory, not a State Party, and cannot have rows in Contacts; check the code",
        ),
        (
            "data.state-mismatch",
            'the State on this row is "Peru" but code CHL is Chile, and Peru is PER; correct one of the two',
        ),
    ]


# --- the State on a row: its code's, and suggestions from names ----------------------


def test_a_state_name_that_is_not_the_codes_state_is_an_error_at_the_state_cell_naming_both():
    from pipeline.validate.states import state_mismatches

    data = Dataset(
        MappingProxyType(
            {
                "States": (_record("States", ISO3="PRT", State="Portugal"),),
                "Article7": (
                    _record("Article7", ISO3="AFG", State="Atlantis"),
                    _record("Article7", ISO3="PRT", State="Portugall"),
                    _record("Article7", ISO3="ESP", State="Portugal"),
                    _record("Article7", ISO3="PRT", State="Spian"),
                ),
            }
        )
    )
    assert [str(d) for d in state_mismatches(data, states(), name_variants())] == [
        'data.xlsx:Article7!A3: ERROR: the State on this row is "Atlantis" but code AFG is Afghanistan; '
        "correct one of the two [data.state-mismatch]",
        'data.xlsx:Article7!A3: ERROR: the State on this row is "Portugall" but code PRT is Portugal; '
        "correct one of the two [data.state-mismatch]",
        'data.xlsx:Article7!A3: ERROR: the State on this row is "Portugal" but code ESP is Spain, and Portugal '
        "is PRT; correct one of the two [data.state-mismatch]",
        'data.xlsx:Article7!A3: ERROR: the State on this row is "Spian" but code PRT is Portugal, and Spian '
        "looks like ESP (Spain); correct one of the two [data.state-mismatch]",
    ]


def test_any_name_of_the_codes_state_is_accepted_whatever_its_case_spacing_or_apostrophe():
    from pipeline.validate.states import state_mismatches

    rows = [
        ("LAO", "Lao PDR"),  # a name variant
        ("LAO", "Lao People’s Democratic Republic"),  # Word's apostrophe
        ("BOL", "bolivia  (plurinational state of)"),
        ("CIV", "Côte d'Ivoire"),  # the French UN name
        ("GBR", "Reino Unido de Gran Bretaña e Irlanda del Norte"),  # the Spanish one
        ("MMR", "Burma"),
    ]
    data = Dataset(MappingProxyType({"Clearance": tuple(_record("Clearance", ISO3=c, State=n) for c, n in rows)}))
    assert state_mismatches(data, states(), name_variants()) == []


def test_a_row_with_an_unknown_code_is_not_also_a_mismatch():
    from pipeline.validate.states import state_mismatches

    data = Dataset(MappingProxyType({"Article7": (_record("Article7", ISO3="XKX", State="Kosovo"),)}))
    assert state_mismatches(data, states(), name_variants()) == []


def test_the_sample_rows_name_their_codes_states(project):
    from pipeline.validate.states import state_mismatches

    assert state_mismatches(read_inputs(project.inputs, TEMPLATES).data, states(), name_variants()) == []


def _unknown_code(inputs, **row):
    return data_references(
        _with_data(
            inputs,
            States=[_record("States", ISO3="LAO", State="Lao People's Democratic Republic", Status="State Party")],
            Article7=[_record("Article7", **row)],
        ),
        states(),
        name_variants(),
    )


def test_an_unknown_code_whose_name_is_a_known_variant_suggests_that_states_code(project):
    inputs = read_inputs(project.inputs, TEMPLATES)
    assert [str(d) for d in _unknown_code(inputs, ISO3="BRM", State="Burma")] == [
        "data.xlsx:Article7!A2: ERROR: BRM is not a State code the Convention knows; did you mean "
        "MMR (Myanmar)? [data.unknown-state]"
    ]


def test_an_unknown_code_with_a_misspelt_name_suggests_the_states_named_like_it(project):
    inputs = read_inputs(project.inputs, TEMPLATES)
    assert [d.message for d in _unknown_code(inputs, ISO3="POR", State="Portugall")] == [
        "POR is not a State code the Convention knows; did you mean PRT (Portugal)?"
    ]


def test_an_unknown_code_without_a_usable_name_falls_back_to_codes_spelt_alike(project):
    inputs = read_inputs(project.inputs, TEMPLATES)
    assert [d.message for d in _unknown_code(inputs, ISO3="BRM", State="Atlantis")] == [
        "BRM is not a State code the Convention knows; did you mean LBR (Liberia) or GBR (United Kingdom of "
        "Great Britain and Northern Ireland) or BGR (Bulgaria)?"
    ]
    assert [d.message for d in _unknown_code(inputs, ISO3="QQQ")] == [
        "QQQ is not a State code the Convention knows; check the code against ISO 3166"
    ]
