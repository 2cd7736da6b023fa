"""No silent zeros: a sheet the documents use without rows for the year they report is an error, and
States that owe a row and have none are named, on small workbooks made here and on the sample."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from pipeline.errors import Severity
from pipeline.intake.data import read_data
from pipeline.intake.inputs import read_inputs
from pipeline.intake.workbook import parse_schema
from pipeline.model import Period
from pipeline.reference import name_variants
from pipeline.validate.coverage import REPORT_SHEETS, coverage, data_year
from pipeline.validate.rules import validate
from tests.conftest import SAMPLE_INPUTS, TEMPLATES

SCHEMA_TEXT = (SAMPLE_INPUTS / "data" / "schema.yaml").read_text(encoding="utf-8")
SCHEMAS, _ = parse_schema(SCHEMA_TEXT, "inputs/data/schema.yaml")
AS_OF = dt.date(2025, 6, 30)  # the end of a reporting period 2024-07-01..2025-06-30: it reports 2024


def state(iso3, name, eif, status="State Party", withdrawal=None):
    return {
        "ISO3": iso3,
        "State": name,
        "Region": "Africa",
        "Status": status,
        "Instrument": "Accession",
        "Entry into force": eif,
        "Withdrawal": withdrawal,
    }


STATES = [
    state("AUT", "Austria", dt.date(2010, 8, 1)),
    state("BGR", "Bulgaria", dt.date(2011, 10, 1)),
    state("CHL", "Chile", dt.date(2011, 6, 1)),
    state("ESP", "Spain", dt.date(2010, 8, 1)),
    state("IRQ", "Iraq", dt.date(2013, 11, 1)),
    state("LAO", "Lao People's Democratic Republic", dt.date(2010, 8, 1)),
    state("LTU", "Lithuania", dt.date(2011, 8, 1), "Former State Party", dt.date(2025, 3, 6)),
    state("NGA", "Nigeria", dt.date(2023, 8, 1)),
    state("PER", "Peru", dt.date(2013, 3, 1)),
    state("SOM", "Somalia", dt.date(2016, 3, 1)),
    state("TCD", "Chad", dt.date(2013, 9, 1)),
    state("VUT", "Vanuatu", dt.date(2026, 3, 1)),  # bound only after the period
]


def annual(iso3, year, submitted=None):
    return {
        "ISO3": iso3,
        "State": iso3,
        "Report": "Annual",
        "Year covered": year,
        "Due": dt.date(year + 1, 4, 30),
        "Submitted": submitted,
    }


def clearance(iso3, year, remaining):
    return {
        "ISO3": iso3,
        "State": iso3,
        "Year": year,
        "Area at baseline": 50.0,
        "Area cleared": 1.0,
        "Area released by survey": 0.5,
        "Area remaining": remaining,
        "Deadline": dt.date(2030, 8, 1),
    }


def stockpile(iso3, year, munitions, submunitions):
    return {
        "ISO3": iso3,
        "State": iso3,
        "Year": year,
        "Munitions declared": 100,
        "Submunitions declared": 900,
        "Munitions destroyed": 0,
        "Submunitions destroyed": 0,
        "Munitions remaining": munitions,
        "Submunitions remaining": submunitions,
        "Deadline": dt.date(2027, 8, 1),
    }


def contribution(donor, year):
    return {"Donor": donor, "Recipient": "LAO", "Year": year, "Amount": 1000, "Currency": "EUR", "Pillar": "Clearance"}


def data_from(tmp_path, monkeypatch, **sheets):
    """The dataset intake reads from one small workbook with every declared sheet (a header row, and
    the rows given), as ``inputs/data/states-parties.xlsx``."""
    folder = tmp_path / "inputs" / "data"
    folder.mkdir(parents=True)
    (folder / "schema.yaml").write_text(SCHEMA_TEXT, encoding="utf-8")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for schema in SCHEMAS:
        sheet = book.create_sheet(schema.name)
        header = [c.name for c in schema.columns]
        sheet.append(header)
        for row in sheets.get(schema.name, []):
            sheet.append([row.get(name) for name in header])
    book.save(folder / "states-parties.xlsx")
    monkeypatch.chdir(tmp_path)
    dataset, _hashes, problems = read_data(folder.relative_to(tmp_path))
    assert problems == []
    return dataset


def seen(found):
    """The lines the user reads, without the key a warning ends with (pipeline/errors.py's concern)."""
    return [re.sub(r" \(key [0-9a-f]{8}\)$", "", str(d)) for d in found]


def test_the_year_is_the_one_before_the_period_ends():
    assert data_year(Period(dt.date(2024, 7, 1), dt.date(2025, 6, 30))) == 2024
    assert data_year(Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))) == 2024


def test_a_used_sheet_without_rows_for_the_year_is_an_error_naming_the_sheet_and_the_year(tmp_path, monkeypatch):
    data = data_from(tmp_path, monkeypatch, States=STATES, Clearance=[clearance("LAO", 2023, 40.0)])
    assert seen(coverage(data, 2024, ("Clearance",), AS_OF)) == [
        "inputs/data/states-parties.xlsx:Clearance: ERROR: Clearance has no rows for 2024, the year the reporting period "
        "covers; the annexes would show zeros. Add the year's rows or correct the reporting period in "
        "meeting.yaml [data.no-rows-for-year]"
    ]


def test_an_empty_used_sheet_is_the_same_error_placed_in_the_data_folder(tmp_path, monkeypatch):
    data = data_from(tmp_path, monkeypatch, States=STATES)
    assert seen(coverage(data, 2024, ("RiskEducation",), AS_OF)) == [
        "inputs/data/:RiskEducation: ERROR: RiskEducation has no rows for 2024, the year the reporting period covers; the annexes "
        "would show zeros. Add the year's rows or correct the reporting period in meeting.yaml "
        "[data.no-rows-for-year]"
    ]


def test_article7_needs_annual_reports_on_the_year_an_initial_one_does_not_count(tmp_path, monkeypatch):
    initial = {**annual("NGA", 2023), "Report": "Initial", "Due": dt.date(2024, 1, 28)}
    data = data_from(
        tmp_path, monkeypatch, States=STATES, Article7=[annual("AUT", 2023), {**initial, "Year covered": 2024}]
    )
    assert seen(coverage(data, 2024, ("Article7",), AS_OF)) == [
        "inputs/data/states-parties.xlsx:Article7: ERROR: Article7 has no Annual rows for 2024, the year the reporting period "
        "covers; the annexes would show zeros. Add the year's rows or correct the reporting period in "
        "meeting.yaml [data.no-rows-for-year]"
    ]


def test_states_with_area_remaining_and_no_row_for_the_year_are_named_in_un_order(tmp_path, monkeypatch):
    rows = [clearance(c, 2023, 12.5) for c in ("SOM", "LAO", "IRQ", "TCD")]
    rows += [clearance("PER", 2023, 0), clearance("LAO", 2024, 10.0)]  # Peru finished in 2023: owes nothing
    data = data_from(tmp_path, monkeypatch, States=STATES, Clearance=rows)
    assert seen(coverage(data, 2024, ("Clearance",), AS_OF)) == [
        "inputs/data/states-parties.xlsx:Clearance: WARNING: 3 of 4 States with area remaining at the end of "
        "2023 have no row for 2024: Chad, Iraq, Somalia. Add their rows; without them the figures and annexes "
        "leave these States out [data.missing-rows]"
    ]


def test_states_with_stockpiles_remaining_and_no_row_for_the_year_are_named(tmp_path, monkeypatch):
    rows = [stockpile("PER", 2023, 0, 0), stockpile("BGR", 2023, 0, 5), stockpile("ESP", 2023, 3, 0)]
    rows += [stockpile("ESP", 2024, 0, 0)]
    data = data_from(tmp_path, monkeypatch, States=STATES, Stockpiles=rows)
    assert seen(coverage(data, 2024, ("Stockpiles",), AS_OF)) == [
        "inputs/data/states-parties.xlsx:Stockpiles: WARNING: 1 of 2 States with stockpiles remaining at the end "
        "of 2023 has no row for 2024: Bulgaria. Add their rows; without them the figures and annexes leave these "
        "States out [data.missing-rows]"
    ]


def test_a_donor_that_reported_the_year_before_is_owed_a_row_by_its_code(tmp_path, monkeypatch):
    rows = [contribution("AUT", 2023), contribution("AUT", 2023) | {"Pillar": "Other"}, contribution("ESP", 2023)]
    rows += [contribution("ESP", 2024), contribution("LTU", 2023)]  # Lithuania withdrew: it owes nothing
    data = data_from(tmp_path, monkeypatch, States=STATES, Cooperation=rows)
    assert seen(coverage(data, 2024, ("Cooperation",), AS_OF)) == [
        "inputs/data/states-parties.xlsx:Cooperation: WARNING: 1 of 2 States that reported for 2023 has no row "
        "for 2024: Austria. Add their rows; without them the figures and annexes leave these States out "
        "[data.missing-rows]"
    ]


def test_states_parties_whose_annual_report_was_due_and_have_no_row_are_named(tmp_path, monkeypatch):
    reports = [annual("AUT", 2024, dt.date(2025, 4, 1)), annual("ESP", 2024), annual("LAO", 2024)]
    reports += [annual(c, 2024) for c in ("BGR", "IRQ", "PER", "SOM", "TCD")]
    data = data_from(tmp_path, monkeypatch, States=STATES, Article7=reports)
    # Chile and Nigeria (in force since 2023-08-01) owe theirs; Lithuania withdrew, Vanuatu is bound from 2026
    assert seen(coverage(data, 2024, ("Article7",), AS_OF)) == [
        "inputs/data/states-parties.xlsx:Article7: WARNING: 2 of 10 States Parties that owed an annual report on "
        "2024 by 2025-06-30 have no Annual row for 2024: Chile, Nigeria. Add a row for each (Submitted left "
        "empty if no report came) so that the report counts as overdue [data.missing-rows]"
    ]
    # before 30 April the year's reports are not yet due: nobody owes one
    assert coverage(data, 2024, ("Article7",), dt.date(2025, 3, 31)) == []


def test_a_sheet_without_a_year_column_and_sheets_not_used_are_not_checked(tmp_path, monkeypatch):
    data = data_from(tmp_path, monkeypatch, States=STATES, Clearance=[clearance("LAO", 2023, 40.0)])
    assert coverage(data, 2024, ("ExtensionRequests", "NationalImplementation", "States"), AS_OF) == []


def test_each_used_sheet_is_judged_once(tmp_path, monkeypatch):
    data = data_from(tmp_path, monkeypatch, States=STATES, Clearance=[clearance("LAO", 2024, 40.0)])
    assert coverage(data, 2024, ("Clearance", "Clearance"), AS_OF) == []


# --- in every validate, on the sample ---------------------------------------------------------


@pytest.mark.slow  # seconds of subprocesses or of the whole sample: make test runs it
def test_the_sample_reports_2024_with_no_gap(project):
    inputs = read_inputs(project.inputs, TEMPLATES)
    period = inputs.config.meeting.reporting_period
    assert coverage(inputs.data, data_year(period), REPORT_SHEETS, period.end) == []


def test_a_reporting_period_whose_year_has_no_rows_stops_the_build_naming_each_sheet(project, monkeypatch):
    monkeypatch.chdir(project.root)  # paths are shown from the project's folder
    meeting = project.meeting()
    meeting["meeting"]["reporting_period"] = {"start": dt.date(2019, 7, 1), "end": dt.date(2020, 6, 30)}
    project.write_meeting(meeting)
    found = [d for d in validate(read_inputs(project.inputs, TEMPLATES), name_variants()) if d.code.startswith("data.")]
    # Stockpiles has a 2019 row (a destruction completed), and nobody had stockpiles left at the end of 2018
    assert [(d.severity, d.code, str(d.location)) for d in found] == [
        (Severity.ERROR, "data.no-rows-for-year", f"inputs/data/states-parties.xlsx:{sheet}")
        for sheet in ("Article7", "Clearance", "RiskEducation", "VictimAssistance", "Cooperation")
    ]
    assert found[1].message == (
        "Clearance has no rows for 2019, the year the reporting period covers; the annexes would show zeros. Add the year's "
        "rows or correct the reporting period in meeting.yaml"
    )


def test_no_data_read_because_of_a_broken_schema_adds_no_missing_rows(project):
    schema = project.inputs / "data" / "schema.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace("min: 0", "minimum: 0"), encoding="utf-8")
    inputs = read_inputs(project.inputs, TEMPLATES)
    assert {d.code for d in inputs.diagnostics if d.code.startswith("data.")} == {"data.schema"}
    assert [d.code for d in validate(inputs, name_variants()) if d.code.startswith("data.")] == ["data.states"]


@pytest.mark.slow  # the real command in a subprocess: make test
@pytest.mark.parametrize("command", ["validate", "build"])
def test_the_user_sees_the_error_and_no_traceback(project, command):
    meeting = project.meeting()
    meeting["meeting"]["reporting_period"] = {"start": dt.date(2019, 7, 1), "end": dt.date(2020, 6, 30)}
    project.write_meeting(meeting)
    run = project.cli(command)
    assert run.returncode != 0
    assert (
        "inputs/data/states-parties.xlsx:Clearance: ERROR: Clearance has no rows for 2019, the year the reporting period covers"
        in run.stdout + run.stderr
    )
    assert "Traceback" not in run.stdout + run.stderr


def test_while_the_meeting_is_being_prepared_a_year_without_rows_is_a_warning(project):
    """new-meeting leaves placeholders in meeting.yaml: the data of the new year is yet to come, and the first
    build must still show the ISU everything that is missing; --final refuses it either way."""
    text = project.meeting_path.read_text(encoding="utf-8")
    text = text.replace(
        "reporting_period: {start: 2024-07-01, end: 2025-06-30}",
        "reporting_period: {start: 2025-07-01, end: 2026-06-30}",
    )
    text = text.replace("symbol: CCM/MSP/2025/7", "symbol: CCM/MSP/2026/[number]")
    project.meeting_path.write_text(text, encoding="utf-8")
    found = [
        d
        for d in validate(read_inputs(project.inputs, TEMPLATES), name_variants())
        if d.code == "data.no-rows-for-year"
    ]
    assert found and {d.severity for d in found} == {Severity.WARNING}
    assert "Clearance has no rows for 2025" in " ".join(d.message for d in found)
