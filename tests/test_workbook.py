"""Workbooks: rows read against the declared schema; every bad cell is named by its file, sheet and cell."""

import datetime as dt
import os
import re

from openpyxl import Workbook

from pipeline.errors import Location, Severity
from pipeline.intake.workbook import merge, parse_schema, read_workbook, records_from_rows
from tests.conftest import SAMPLE_INPUTS

SCHEMA_TEXT = (SAMPLE_INPUTS / "data" / "schema.yaml").read_text(encoding="utf-8")
SCHEMAS, _ = parse_schema(SCHEMA_TEXT, "inputs/data/schema.yaml")
STATES = next(s for s in SCHEMAS if s.name == "States")
ARTICLE7 = next(s for s in SCHEMAS if s.name == "Article7")

ARTICLE7_HEADER = ("ISO3", "State", "Report", "Year covered", "Due", "Submitted")
STATES_HEADER = (
    "ISO3",
    "State",
    "Region",
    "Status",
    "Signature",
    "Deposit",
    "Instrument",
    "Entry into force",
    "Withdrawal",
)


def article7(*rows, header=ARTICLE7_HEADER):
    return records_from_rows(ARTICLE7, [header, *rows], "data.xlsx")


def lao_annual(**changes):
    row = dict(
        zip(
            ARTICLE7_HEADER,
            (
                "LAO",
                "Lao People's Democratic Republic",
                "Annual",
                2024,
                dt.datetime(2025, 4, 30),
                dt.datetime(2025, 4, 2),
            ),
            strict=True,
        )
    )
    row.update(changes)
    return tuple(row[name] for name in ARTICLE7_HEADER)


# --- parse_schema ---------------------------------------------------------------


def test_the_shipped_schema_is_valid_and_declares_the_reporting_sheets():
    schemas, problems = parse_schema(SCHEMA_TEXT, "inputs/data/schema.yaml")
    assert problems == []
    assert [s.name for s in schemas][:2] == ["States", "Article7"]
    assert {
        "Stockpiles",
        "Clearance",
        "ExtensionRequests",
        "VictimAssistance",
        "Cooperation",
        "NationalImplementation",
    } <= {s.name for s in schemas}
    assert STATES.key == ("ISO3",)
    assert ARTICLE7.key == ("ISO3", "Report", "Year covered")
    assert [c.name for c in ARTICLE7.columns] == list(ARTICLE7_HEADER)
    assert [c.name for c in STATES.columns] == list(STATES_HEADER)
    region = next(c for c in STATES.columns if c.name == "Region")
    assert region.type == "choice" and region.required
    assert region.choices == ("Africa", "Americas", "Asia-Pacific", "Europe")
    submitted = next(c for c in ARTICLE7.columns if c.name == "Submitted")
    assert submitted.type == "date" and not submitted.required


def line_of(text, fragment):
    return str(next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line))


def test_an_unknown_type_is_reported_with_its_line_and_key_path():
    broken = SCHEMA_TEXT.replace("{name: Due, type: date,", "{name: Due, type: day,")
    schemas, problems = parse_schema(broken, "inputs/data/schema.yaml")
    assert schemas == ()
    [problem] = problems
    assert problem.severity == Severity.ERROR
    assert str(problem.location) == f"inputs/data/schema.yaml:{line_of(broken, '{name: Due, type: day,')}"
    assert problem.message == (
        "sheets.Article7.columns[5].type: 'day' is not one of: text, integer, number, date, choice, iso3, email"
    )


def test_a_key_column_that_is_not_declared_is_reported():
    broken = SCHEMA_TEXT.replace("key: [ISO3, Report, Year covered]", "key: [ISO3, Report, Year]")
    _schemas, [problem] = parse_schema(broken, "inputs/data/schema.yaml")
    assert problem.location.place == line_of(broken, "key: [ISO3, Report, Year]")
    assert problem.message == "sheets.Article7.key: key column(s) Year are not declared"


def test_a_schema_without_sheets_says_what_is_expected():
    _schemas, problems = parse_schema("columns: []\n", "inputs/data/schema.yaml")
    assert [p.message for p in problems] == [
        "unknown key 'columns' (the keys here are: sheets)",
        "missing key 'sheets': one entry per sheet to read, keyed by the sheet's name as on the workbook's tab",
    ]


def test_minimum_written_for_min_is_refused_with_the_key_meant():
    """A misspelt rule used to be ignored: negative quantities then passed unseen."""
    broken = SCHEMA_TEXT.replace(
        "{name: Munitions destroyed, type: integer, required: true, min: 0,",
        "{name: Munitions destroyed, type: integer, required: true, minimum: 0,",
    )
    schemas, [problem] = parse_schema(broken, "inputs/data/schema.yaml")
    assert schemas == ()  # no rule is silently dropped: nothing is read against a wrong declaration
    assert str(problem) == (
        f"inputs/data/schema.yaml:{line_of(broken, 'minimum: 0')}: ERROR: "
        "sheets.Stockpiles.columns[6]: unknown key 'minimum'; did you mean 'min'? [data.schema]"
    )


def test_every_unknown_key_is_reported_at_once_at_every_level():
    broken = (
        SCHEMA_TEXT.replace("  Article7:\n", "  Article7:\n    requried: false\n")
        .replace("{name: Due, type: date, required: true,", "{name: Due, type: date, Required: true,")
        .replace("sheets:\n", "sheet: [States]\nsheets:\n", 1)
    )
    _schemas, problems = parse_schema(broken, "inputs/data/schema.yaml")
    assert [p.message for p in problems] == [
        "unknown key 'sheet'; did you mean 'sheets'?",
        "sheets.Article7: unknown key 'requried'; did you mean 'required'?",
        "sheets.Article7.columns[5]: unknown key 'Required'; did you mean 'required'?",
    ]


def test_a_text_cut_at_a_comma_is_named():
    """In a {name: ..., description: ...} line an unquoted comma ends the text; the rest became a key."""
    broken = SCHEMA_TEXT.replace(
        'description: "title of the law or draft, as reported; empty when none"',
        "description: title of the law or draft, as reported; empty when none",
    )
    _schemas, [problem] = parse_schema(broken, "inputs/data/schema.yaml")
    assert problem.message == (
        "sheets.NationalImplementation.columns[4]: unknown key 'as reported; empty when "
        "none': is it the end of a text cut at a comma? Put that whole text in quotes"
    )


def test_a_broken_schema_stops_the_data_before_any_workbook_is_judged(tmp_path):
    from pipeline.intake.inputs import read_data

    data = tmp_path / "data"
    data.mkdir()
    (data / "schema.yaml").write_text(SCHEMA_TEXT.replace("min: 0", "minimum: 0"), encoding="utf-8")
    (data / "states-parties.xlsx").write_bytes((SAMPLE_INPUTS / "data" / "states-parties.xlsx").read_bytes())
    dataset, _hashes, problems = read_data(data)
    assert {p.code for p in problems} == {"data.schema"}
    assert len(problems) == SCHEMA_TEXT.count("min: 0")
    assert dataset.sheet("States") == ()


def test_every_declared_key_is_documented_in_the_shipped_schema_file():
    from pipeline.intake.data_schema import COLUMN, DATA_SCHEMA, SHEET

    header = "\n".join(line for line in SCHEMA_TEXT.splitlines() if line.startswith("#"))
    documented = set(re.findall(r"^# {3,5}(<sheet>\.\w+|\w+) {2,}", header, re.M))
    declared = {*DATA_SCHEMA.keys} | {f"<sheet>.{key}" for key in SHEET.keys} | {*COLUMN.keys}
    assert declared == documented


# --- records_from_rows ------------------------------------------------------------


def test_cells_become_typed_values():
    records, problems = article7(
        lao_annual(),
        lao_annual(
            ISO3="BOL",
            State="Bolivia (Plurinational State of)",
            Report="Initial",
            **{"Year covered": "2013", "Due": "2014-03-30", "Submitted": dt.date(2014, 3, 1)},
        ),
        lao_annual(ISO3="AFG", State="Afghanistan", **{"Year covered": 2024.0, "Submitted": None}),
    )
    assert problems == []
    lao, bol, afg = records
    assert lao.values == {
        "ISO3": "LAO",
        "State": "Lao People's Democratic Republic",
        "Report": "Annual",
        "Year covered": 2024,
        "Due": dt.date(2025, 4, 30),
        "Submitted": dt.date(2025, 4, 2),
    }
    assert type(lao["Due"]) is dt.date  # a real Excel date loses its time of day
    assert bol["Due"] == dt.date(2014, 3, 30)  # ISO text is accepted as a date
    assert bol["Year covered"] == 2013 and afg["Year covered"] == 2024
    assert all(type(r["Year covered"]) is int for r in records)
    assert afg["Submitted"] is None  # an empty optional cell means "not yet"


CONTACTS = next(s for s in SCHEMAS if s.name == "Contacts")
CONTACTS_HEADER = ("ISO3", "State", "Name", "Email", "Language")


def contacts(*rows):
    return records_from_rows(CONTACTS, [CONTACTS_HEADER, *rows], "data.xlsx")


def test_the_contacts_sheet_is_declared_optional_keyed_by_state_with_an_email_column():
    assert not CONTACTS.required  # a workbook made before reminders still loads
    assert CONTACTS.key == ("ISO3",)
    assert [c.name for c in CONTACTS.columns] == list(CONTACTS_HEADER)
    email = next(c for c in CONTACTS.columns if c.name == "Email")
    assert email.type == "email" and email.required
    language = next(c for c in CONTACTS.columns if c.name == "Language")
    assert language.choices == ("en", "fr", "es", "ar", "zh", "ru")


def test_an_email_cell_holds_one_address_or_several_separated_by_semicolons():
    records, problems = contacts(
        ("CHL", "Chile", "Sra. Camila Rojas", " article7.chl@example.org ", "es"),
        ("PER", "Peru", None, "a7@example.org;focal.point@example.org , third@example.org", None),
    )
    assert problems == []
    assert records[0]["Email"] == "article7.chl@example.org"
    assert records[1]["Email"] == "a7@example.org; focal.point@example.org; third@example.org"
    assert records[1]["Name"] is None and records[1]["Language"] is None


def test_an_email_cell_that_is_not_an_address_is_an_error_naming_it():
    _records, problems = contacts(
        ("CHL", "Chile", None, "Mission of Chile <chile@example.org>", "es"),
        ("PER", "Peru", None, "a7@example.org; focal point at example.org", "es"),
        ("MEX", "Mexico", None, "a7@example.org", "Spanish"),
    )
    assert [str(p) for p in problems] == [
        "data.xlsx:Contacts!D2: ERROR: Email: 'Mission of Chile <chile@example.org>' is not an e-mail address; "
        "write it as name@example.org (several separated by ;) [data.cell]",
        "data.xlsx:Contacts!D3: ERROR: Email: 'focal point at example.org' is not an e-mail address; "
        "write it as name@example.org (several separated by ;) [data.cell]",
        "data.xlsx:Contacts!E4: ERROR: Language: 'Spanish' is not one of: en, fr, es, ar, zh, ru [data.cell]",
    ]


def test_a_bad_date_is_an_error_at_its_cell():
    records, problems = article7(lao_annual(), lao_annual(ISO3="BOL", Submitted="30/04/2025"))
    assert len(problems) == 1
    assert problems[0].severity == Severity.ERROR
    assert str(problems[0]) == (
        "data.xlsx:Article7!F3: ERROR: Submitted: '30/04/2025' is not a date; "
        "enter a date (e.g. 2025-04-30) [data.cell]"
    )
    assert records[1]["Submitted"] is None


def test_an_empty_required_cell_is_an_error_at_its_cell():
    _records, problems = article7(lao_annual(Due="  "))
    assert [str(p.location) for p in problems] == ["data.xlsx:Article7!E2"]
    assert problems[0].message == "Due is required and the cell is empty"


def test_a_bad_iso3_code_is_an_error_saying_what_a_code_looks_like():
    _records, problems = article7(lao_annual(ISO3="Laos"))
    assert [str(p.location) for p in problems] == ["data.xlsx:Article7!A2"]
    assert "ISO3: 'Laos' is not an ISO 3166 alpha-3 code (three capital letters, e.g. LAO)" in problems[0].message


def test_a_choice_must_be_spelled_as_listed():
    _records, problems = article7(lao_annual(Report="annual"))
    assert [str(p.location) for p in problems] == ["data.xlsx:Article7!C2"]
    assert problems[0].message == "Report: 'annual' is not one of: Initial, Annual"


def test_an_integer_column_refuses_fractions_and_words():
    _records, problems = article7(lao_annual(**{"Year covered": 2024.5}), lao_annual(**{"Year covered": "twenty"}))
    assert [str(p.location) for p in problems] == ["data.xlsx:Article7!D2", "data.xlsx:Article7!D3"]
    assert "Year covered: 2024.5 is not a whole number" in problems[0].message


def test_every_bad_cell_is_reported_together():
    _records, problems = article7(lao_annual(ISO3="lao", Due="soon", Submitted="never"))
    assert [p.location.place for p in problems] == ["Article7!A2", "Article7!E2", "Article7!F2"]


def test_a_required_column_missing_from_the_header_is_one_diagnostic_naming_it():
    header = tuple(h for h in ARTICLE7_HEADER if h != "Due")
    row = tuple(v for h, v in zip(ARTICLE7_HEADER, lao_annual(), strict=True) if h != "Due")
    records, problems = article7(row, row, header=header)
    assert records == []
    assert len(problems) == 1
    assert problems[0].severity == Severity.ERROR
    assert str(problems[0].location) == "data.xlsx:Article7!1"
    assert "required column(s) Due missing from the header row" in problems[0].message


def test_blank_rows_are_skipped_and_later_rows_keep_their_row_numbers():
    records, problems = article7(lao_annual(), (None,) * 6, ("", " ", None), (), lao_annual(ISO3="BOL", Due="tomorrow"))
    assert [r["ISO3"] for r in records] == ["LAO", "BOL"]
    assert [str(p.location) for p in problems] == ["data.xlsx:Article7!E6"]
    assert records[1].cells["ISO3"] == Location("data.xlsx", "Article7!A6")


def test_records_remember_the_cell_of_each_value():
    records, _problems = article7(lao_annual(), lao_annual(ISO3="BOL"))
    bol = records[1]
    assert bol.sheet == "Article7"
    assert {name: str(where) for name, where in bol.cells.items()} == {
        "ISO3": "data.xlsx:Article7!A3",
        "State": "data.xlsx:Article7!B3",
        "Report": "data.xlsx:Article7!C3",
        "Year covered": "data.xlsx:Article7!D3",
        "Due": "data.xlsx:Article7!E3",
        "Submitted": "data.xlsx:Article7!F3",
    }


def test_columns_are_found_by_their_header_not_their_position():
    header = ("Submitted", "Notes", *ARTICLE7_HEADER[:-1])
    row = ("2025-05-02", "sent by e-mail", "LAO", "Lao", "Annual", 2024, "yesterday")
    records, problems = article7(row, header=header)
    assert records[0]["Submitted"] == dt.date(2025, 5, 2)
    assert records[0].cells["Submitted"] == Location("data.xlsx", "Article7!A2")
    assert "Notes" not in records[0].values
    assert [str(p.location) for p in problems] == ["data.xlsx:Article7!G2"]


def test_an_empty_sheet_is_a_warning():
    records, problems = records_from_rows(ARTICLE7, [], "data.xlsx")
    assert records == []
    assert [(p.severity, str(p.location), p.message) for p in problems] == [
        (Severity.WARNING, "data.xlsx:Article7!A1", "the sheet is empty")
    ]


# --- read_workbook ------------------------------------------------------------------


def write_workbook(path, sheets):
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_workbook_is_read_sheet_by_sheet_with_its_cells(tmp_path):
    path = write_workbook(
        tmp_path / "extra.xlsx",
        {
            "About": [("This sheet is not declared and is not read",)],
            "States": [
                STATES_HEADER,
                (
                    "NGA",
                    "Nigeria",
                    "Africa",
                    "State Party",
                    dt.date(2009, 6, 12),
                    dt.date(2023, 2, 28),
                    "Ratification",
                    dt.date(2023, 8, 1),
                    None,
                ),
            ],
            "Article7": [ARTICLE7_HEADER, lao_annual(), lao_annual(ISO3="NGA", Submitted="last week")],
        },
    )
    records, problems = read_workbook(path, "inputs/data/extra.xlsx", SCHEMAS)
    assert set(records) == {"States", "Article7"}
    (nigeria,) = records["States"]
    assert nigeria["Entry into force"] == dt.date(2023, 8, 1) and nigeria["Withdrawal"] is None
    assert records["Article7"][0]["Due"] == dt.date(2025, 4, 30)
    assert [str(p) for p in problems] == [
        "inputs/data/extra.xlsx:Article7!F3: ERROR: Submitted: 'last week' is not a date; "
        "enter a date (e.g. 2025-04-30) [data.cell]"
    ]


def test_a_workbook_holding_only_some_sheets_gives_only_those(tmp_path):
    path = write_workbook(tmp_path / "reports.xlsx", {"Article7": [ARTICLE7_HEADER, lao_annual()]})
    records, problems = read_workbook(path, "reports.xlsx", SCHEMAS)
    assert problems == []
    assert list(records) == ["Article7"]


def test_a_file_that_is_not_a_workbook_is_one_clear_diagnostic(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(os.urandom(4096))
    records, problems = read_workbook(path, "inputs/data/broken.xlsx", SCHEMAS)
    assert records == {}
    assert len(problems) == 1
    assert problems[0].severity == Severity.ERROR
    assert str(problems[0].location) == "inputs/data/broken.xlsx"
    assert "this is not an .xlsx workbook" in problems[0].message
    assert "save it again from Excel as .xlsx (Excel Workbook)" in problems[0].message


def test_the_shipped_workbook_reads_without_findings():
    records, problems = read_workbook(
        SAMPLE_INPUTS / "data" / "states-parties.xlsx", "inputs/data/states-parties.xlsx", SCHEMAS
    )
    assert problems == []
    assert len(records["States"]) == 125
    parties = {r["ISO3"] for r in records["States"] if r["Status"] == "State Party"}
    assert {r["ISO3"] for r in records["Contacts"]} == parties  # an illustrative contact for each State Party
    assert all(r["Email"].endswith("@example.org") for r in records["Contacts"])
    assert len(records["Article7"]) > 0
    assert {r["Report"] for r in records["Article7"]} == {"Initial", "Annual"}
    assert all(isinstance(r["Due"], dt.date) for r in records["Article7"])


# --- merge -------------------------------------------------------------------------

ARTICLE7_ONLY = tuple(s for s in SCHEMAS if s.name == "Article7")


def test_a_late_report_fills_in_its_states_row_from_another_file():
    first, _ = records_from_rows(ARTICLE7, [ARTICLE7_HEADER, lao_annual(Submitted=None)], "inputs/data/a.xlsx")
    late, _ = records_from_rows(ARTICLE7, [ARTICLE7_HEADER, lao_annual()], "inputs/data/late-lao.xlsx")
    dataset, problems = merge([{"Article7": first}, {"Article7": late}], ARTICLE7_ONLY)
    assert problems == []
    [row] = dataset.sheet("Article7")
    assert row["Submitted"] == dt.date(2025, 4, 2)
    assert str(row.cells["Submitted"]) == "inputs/data/late-lao.xlsx:Article7!F2"


def test_two_files_that_disagree_are_a_conflict_naming_both_cells():
    first, _ = records_from_rows(ARTICLE7, [ARTICLE7_HEADER, lao_annual()], "inputs/data/a.xlsx")
    second, _ = records_from_rows(
        ARTICLE7,
        [ARTICLE7_HEADER, lao_annual(ISO3="BOL"), lao_annual(Submitted=dt.date(2025, 5, 9))],
        "inputs/data/b.xlsx",
    )
    dataset, problems = merge([{"Article7": first}, {"Article7": second}], ARTICLE7_ONLY)
    assert [r["ISO3"] for r in dataset.sheet("Article7")] == ["LAO", "BOL"]
    assert dataset.sheet("Article7")[0]["Submitted"] == dt.date(2025, 4, 2)  # the first one is kept
    assert [(p.code, str(p.location)) for p in problems] == [("data.conflict", "inputs/data/b.xlsx:Article7!F3")]
    assert problems[0].message == (
        "Article7 row LAO, Annual, 2024: Submitted is 2025-05-09 here and 2025-04-02 "
        "at inputs/data/a.xlsx:Article7!F2; correct one of the two"
    )


def test_the_same_key_twice_in_one_file_is_a_duplicate():
    records, _ = article7(lao_annual(), lao_annual())
    _dataset, problems = merge([{"Article7": records}], ARTICLE7_ONLY)
    assert [p.code for p in problems] == ["data.duplicate"]


def test_rows_differing_in_any_part_of_the_key_are_all_kept():
    records, _ = article7(lao_annual(), lao_annual(Report="Initial"), lao_annual(**{"Year covered": 2023}))
    dataset, problems = merge([{"Article7": records}], ARTICLE7_ONLY)
    assert problems == []
    assert len(dataset.sheet("Article7")) == 3


# --- dates that record what happened cannot be in the future -------------------------


def test_a_submitted_date_next_year_is_refused_at_its_cell():
    next_year = dt.date.today().year + 1
    _records, problems = article7(lao_annual(Submitted=dt.datetime(next_year, 3, 1)))
    assert [str(p) for p in problems] == [
        f"data.xlsx:Article7!F2: ERROR: Submitted: {next_year}-03-01 is in the future; check the date [data.cell]"
    ]


def test_the_columns_that_record_what_happened_refuse_the_future_and_deadlines_do_not():
    past = {(s.name, c.name) for s in SCHEMAS for c in s.columns if c.past}
    assert past == {
        ("States", "Signature"),
        ("States", "Deposit"),
        ("Article7", "Submitted"),
        ("Stockpiles", "Completed"),
        ("ExtensionRequests", "Submitted"),
        ("ExtensionRequests", "Decided"),
        ("NationalImplementation", "Date"),
    }
    # Entry into force follows a deposit by six months (Vanuatu: 2026-03-01), a withdrawal takes
    # effect six months after its notification, deadlines lie ahead: none of them is refused.


def test_a_deposit_next_year_is_refused_and_an_entry_into_force_next_year_is_not():
    next_year = dt.date.today().year + 1
    states = next(s for s in SCHEMAS if s.name == "States")
    row = (
        "VUT",
        "Vanuatu",
        "Asia-Pacific",
        "State Party",
        None,
        dt.date(next_year, 1, 5),
        "Accession",
        dt.date(next_year, 7, 1),
        dt.date(next_year, 9, 1),
    )
    _records, problems = records_from_rows(states, [STATES_HEADER, row], "data.xlsx")
    assert [str(p) for p in problems] == [
        f"data.xlsx:States!F2: ERROR: Deposit: {next_year}-01-05 is in the future; check the date [data.cell]"
    ]
