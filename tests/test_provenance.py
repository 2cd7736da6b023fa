"""Where each figure from the data comes from (compute): the rule and the very cells, checked by hand
against inputs/data/states-parties.xlsx; and one figure, one value: the extension analysis of Chile
and annex II of the progress report show the same Clearance cell."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from pipeline.compute.families import expand, field_provenance, field_values, share_indicators
from pipeline.compute.indicators import indicators
from pipeline.compute.localise import indicators_in, subject_in
from pipeline.intake.data import read_data
from pipeline.model import Period

ROOT = Path(__file__).resolve().parents[1]
PERIOD = Period(dt.date(2024, 7, 1), dt.date(2025, 6, 30))
BOOK = "states-parties.xlsx"


@pytest.fixture(scope="module")
def sample():
    data, _hashes, _found = read_data(ROOT / "inputs" / "data")
    return data, indicators(data, PERIOD)


def test_the_total_area_cleared_is_the_sum_of_the_ten_area_cleared_cells_of_2024(sample):
    _data, figures = sample
    found = figures.provenance["clearance_total.cleared_km2"]
    # Clearance: ISO3 A, State B, Year C, Area at baseline D, Area cleared E; the 2024 rows are 4, 7, ... 31
    assert found.sources == tuple(f"{BOOK}:Clearance!E{row}" for row in range(4, 32, 3))
    assert "sum of Area cleared" in found.formula and "2024" in found.formula
    assert figures.provenance["figures.clearance.cleared_km2"] == found  # [[clearance.cleared_km2]] is the same


def test_a_row_of_annex_ii_comes_from_its_own_cells(sample):
    _data, figures = sample
    chile = figures.clearance_rows[3]
    assert (chile.state, chile.iso3, chile.remaining_km2) == ("Chile", "CHL", 42.928)
    assert figures.provenance["clearance_rows.3.remaining_km2"].sources == (f"{BOOK}:Clearance!G13",)
    assert figures.provenance["clearance_rows.3.cleared_km2"].sources == (f"{BOOK}:Clearance!E13",)
    # the deadline in force: the extension's cell where one was granted
    assert figures.provenance["clearance_rows.3.deadline"].sources == (f"{BOOK}:Clearance!I13",)
    somalia = next(i for i, r in enumerate(figures.clearance_rows) if r.state == "Somalia")
    assert figures.provenance[f"clearance_rows.{somalia}.deadline"].sources == (f"{BOOK}:Clearance!H31",)


def test_a_count_of_states_lists_each_states_key_cell(sample):
    _data, figures = sample
    bound = figures.provenance["states_parties"]
    assert len(bound.sources) == figures.states_parties == 111
    assert all(s.startswith(f"{BOOK}:States!A") for s in bound.sources)
    assert "bound on 30 June 2025" in bound.formula
    assert f"{BOOK}:States!A2" in bound.sources  # Afghanistan, row 2


def test_every_figure_a_draft_can_name_and_every_annex_figure_has_a_provenance(sample):
    _data, figures = sample
    assert {f"figures.{name}" for name in figures.figures} <= set(figures.provenance)
    for i in range(len(figures.reporting_by_region)):
        for field in ("states_parties", "due", "on_time", "late", "missing", "rate"):
            assert f"reporting_by_region.{i}.{field}" in figures.provenance
    due = figures.provenance["figures.article7.annual.due"]
    assert len(due.sources) == figures.figures["article7.annual.due"]
    assert figures.provenance["reporting_total.due"].sources  # the regions' cells together
    for i in range(len(figures.cooperation_rows)):
        assert figures.provenance[f"cooperation_rows.{i}.amount"].sources
    assert figures.cooperation_totals
    for i in range(len(figures.cooperation_totals)):
        assert figures.provenance[f"cooperation_totals.{i}.amount"].sources


def test_a_translation_keeps_each_rows_provenance_with_its_row(sample):
    _data, figures = sample
    french = indicators_in(figures, "fr")
    chile = next(i for i, r in enumerate(french.clearance_rows) if r.iso3 == "CHL")
    assert french.provenance[f"clearance_rows.{chile}.remaining_km2"].sources == (f"{BOOK}:Clearance!G13",)
    for i, row in enumerate(french.clearance_rows):
        original = next(j for j, r in enumerate(figures.clearance_rows) if r.iso3 == row.iso3)
        assert (
            french.provenance[f"clearance_rows.{i}.cleared_km2"]
            == figures.provenance[f"clearance_rows.{original}.cleared_km2"]
        )


def _family(data, figures):
    from pipeline.model import AgendaItem, FamilySpec

    family = FamilySpec(
        id="extension-analysis",
        template="extension-analysis.docx",
        sheet="ExtensionRequests",
        where={"Status": "Pending"},
        first_symbol="CCM/MSP/2025/3",
        first_job_number="GE.25-11377",
        date=dt.date(2025, 7, 1),
        distribution="General",
        original_language="en",
        agenda_item=AgendaItem("10", "Requests"),
        title="Request of [[state]]",
        submitted_by="[[state]]",
        word_limit=3000,
    )
    members, problems = expand(family, data)
    assert not problems
    return {m.iso3: m for m in members}


def test_the_request_keeps_its_own_figures_and_shares_the_rest_with_annex_ii(sample):
    data, figures = sample
    chile = _family(data, figures)["CHL"]
    shared, found = share_indicators(chile.fields, figures)
    assert found == []  # the sample's request agrees with the Clearance sheet
    provenance = field_provenance(shared)
    assert provenance["subject.area_remaining"] == figures.provenance["clearance_rows.3.remaining_km2"]
    assert provenance["subject.current_deadline"] == figures.provenance["clearance_rows.3.deadline"]
    assert provenance["subject.area_at_entry_into_force"].sources == (f"{BOOK}:Clearance!D13",)
    # the request's own: its row in ExtensionRequests (CHL is row 4: D submitted, F requested, G years)
    assert provenance["subject.submitted"].sources == (f"{BOOK}:ExtensionRequests!D4",)
    assert provenance["subject.requested_deadline"].sources == (f"{BOOK}:ExtensionRequests!F4",)
    assert provenance["subject.years_requested"].sources == (f"{BOOK}:ExtensionRequests!G4",)
    assert provenance["subject.entry_into_force"].sources[0].startswith(f"{BOOK}:States!H")
    assert field_provenance(subject_in(shared, "fr")) == provenance


def test_one_clearance_cell_changes_the_report_and_the_analysis_and_a_different_request_is_a_warning(tmp_path, sample):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "inputs" / "data", folder)
    book = openpyxl.load_workbook(folder / BOOK)
    assert book["Clearance"]["A13"].value == "CHL" and book["Clearance"]["C13"].value == 2024
    book["Clearance"]["G13"] = 40.5
    book.save(folder / BOOK)
    data, _hashes, found = read_data(folder)
    figures = indicators(data, PERIOD)
    report_row = next(r for r in figures.clearance_rows if r.iso3 == "CHL")
    assert report_row.remaining_km2 == 40.5  # annex II of the progress report
    shared, warnings = share_indicators(_family(data, figures)["CHL"].fields, figures)
    assert field_values(shared)["area_remaining"] == 40.5  # the analysis of Chile
    assert [w.code for w in warnings] == ["data.figure-differs"]
    assert str(warnings[0].location) == f"inputs/data/{BOOK}:ExtensionRequests!J4"
    assert f"{BOOK}:Clearance!G13" in warnings[0].message and "42.928" in warnings[0].message


@pytest.mark.slow  # renders two documents: make test
def test_both_documents_show_the_changed_cell(tmp_path):
    from tests.conftest import copy_project
    from tests.test_review_copy import rendered

    project = copy_project(tmp_path)
    book = openpyxl.load_workbook(project.inputs / "data" / BOOK)
    book["Clearance"]["G13"] = 40.5
    book.save(project.inputs / "data" / BOOK)
    made, diagnostics = rendered(project.inputs)
    assert "Chile 65.0 1.1 1.1 40.5 1 June 2026" in made["progress-report"].text.splitlines()  # annex II
    assert "and 40.5 square kilometres remain" in made["extension-analysis-chl"].text
    assert any(d.code == "data.figure-differs" for d in diagnostics)
