"""Document families: one template for each State selected from the data."""

import datetime as dt
from pathlib import Path
from types import MappingProxyType

import pytest

from pipeline.compute.families import Fields, counted_on, expand, snake
from pipeline.errors import Location
from pipeline.model import AgendaItem, Dataset, FamilySpec, Record
from tests.conftest import pdf_text


def rec(sheet, **values):
    return Record(
        sheet, MappingProxyType(values), MappingProxyType({k: Location("d.xlsx", f"{sheet}!A2") for k in values})
    )


FAMILY = FamilySpec(
    id="extension-analysis",
    template="extension-analysis.docx",
    sheet="ExtensionRequests",
    where=MappingProxyType({"Status": "Pending"}),
    first_symbol="CCM/MSP/2025/3",
    first_job_number="GE.25-11377",
    date=dt.date(2025, 7, 14),
    distribution="General",
    original_language="en",
    agenda_item=AgendaItem("11", "Article 4 requests"),
    title="Analysis of the request submitted by [[state]]",
    submitted_by="the Analysis Group",
    word_limit=10700,
)
DATA = Dataset(
    MappingProxyType(
        {
            "States": (
                rec("States", ISO3="SOM", State="Somalia", **{"Entry into force": dt.date(2016, 3, 1)}),
                rec("States", ISO3="CHL", State="Chile", **{"Entry into force": dt.date(2011, 6, 1)}),
                rec("States", ISO3="LBN", State="Lebanon", **{"Entry into force": dt.date(2011, 5, 1)}),
            ),
            "ExtensionRequests": (
                rec("ExtensionRequests", ISO3="SOM", State="Somalia", Status="Pending", **{"Area remaining": 3.782}),
                rec("ExtensionRequests", ISO3="LBN", State="Lebanon", Status="Granted", **{"Area remaining": 10.0}),
                rec("ExtensionRequests", ISO3="CHL", State="Chile", Status="Pending", **{"Area remaining": 42.928}),
            ),
        }
    )
)


def test_symbols_and_job_numbers_count_on_keeping_their_width():
    assert counted_on("CCM/MSP/2025/3", 2) == "CCM/MSP/2025/5"
    assert counted_on("GE.25-09998", 3) == "GE.25-10001"
    with pytest.raises(ValueError):
        counted_on("CCM/MSP/2025/WP", 1)


def test_column_names_become_field_names():
    assert snake("Area at entry into force") == "area_at_entry_into_force"
    assert snake("Years requested") == "years_requested"


def test_one_document_per_selected_state_in_un_order():
    members, problems = expand(FAMILY, DATA)
    assert problems == []
    assert [(m.spec.id, m.spec.symbol, m.spec.job_number) for m in members] == [
        ("extension-analysis-chl", "CCM/MSP/2025/3", "GE.25-11377"),
        ("extension-analysis-som", "CCM/MSP/2025/4", "GE.25-11378"),
    ]
    assert members[1].spec.title == "Analysis of the request submitted by Somalia"
    assert members[1].fields.area_remaining == 3.782
    assert members[1].fields.entry_into_force == dt.date(2016, 3, 1)
    assert members[1].spec.chapters == ()


def test_fields_have_no_methods_a_column_could_be_taken_for():
    fields = Fields({"items": 3, "state": "Chile"})
    assert fields.items == 3 and fields.state == "Chile"
    with pytest.raises(AttributeError):
        fields.values  # noqa: B018
    with pytest.raises(AttributeError):
        fields.state = "Peru"


def test_a_family_matching_no_row_is_a_warning():
    empty = FamilySpec(**{**FAMILY.__dict__, "where": MappingProxyType({"Status": "Withdrawn"})})
    members, problems = expand(empty, DATA)
    assert members == [] and [p.code for p in problems] == ["config.family"]


def test_the_sample_meeting_builds_one_analysis_per_pending_request(sample_build):
    pdfs = sorted(sample_build.outputs.glob("extension-analysis-*/en/*.pdf"))
    assert [p.name for p in pdfs] == ["CCM_MSP_2025_3.pdf", "CCM_MSP_2025_4.pdf", "CCM_MSP_2025_5.pdf"]
    text = " ".join(pdf_text(pdfs[1]).split())
    assert "CCM/MSP/2025/4" in text and "GE.25-11378(E)" in text
    assert "Analysis of the request submitted by Lebanon" in text
    assert "Lebanon deposited its instrument of ratification on 5 November 2010" in text
    assert "(CCM/CONF/2021/6, para. 42)" in text and "received before 16 December 2024" in text
    assert "Table 1 Land released, 2022–2024 (square kilometres)" in text
    assert "would take about seven years, until 2032" in text
    assert "each of the last three years reported" in text and "extension of five years" in text
    assert "2023 0.2 0.3 0.8 1.3 11.7 2024 0.2 0.3 1.0 1.5 10.2" in text  # 11.7 - 1.5 = 10.2
    assert "the whole area remaining, by 31 December 2031. The last milestone, for 2031, falls after the " in text
    assert "requested deadline of 1 May 2031: the plan as set out would end about eight months later" in text
    assert "rounded once" not in text and "release of about 1.61 square kilometres, against 1.40" in text
    assert "(e) Requests Lebanon to submit, by 30 April 2026, an updated work plan showing how it will " in text
    assert "would require the annual rate of release to increase by about 15 per cent" in text
    assert "(a) Agrees to grant the request for an extension until 1 May 2031;" in text
    assert "on progress against the annual milestones set out in its request;" in text
    assert "efforts to mobilize the 45,400,000 United States dollars not yet secured;" in text
    assert "(d) Requests Lebanon to inform the States Parties of any change to its work plan" in text
    somalia = " ".join(pdf_text(pdfs[2]).split())
    assert "2024 0.04 0.06 0.14 0.24 3.78" in somalia and "The request does not set out annual milestones" in somalia
    assert "(e) Requests Somalia to show, in the work plan it is requested to submit by 30 April 2026, how" in somalia


def test_the_new_decision_element_and_plan_sentence_in_french_and_spanish():
    pages = Path(__file__).parent.parent / "templates" / "html"
    fr, es = ((pages / lang / "extension-analysis.html.j2").read_text(encoding="utf-8") for lang in ("fr", "es"))
    assert "e) </span>Le prie {% if subject.decision.asks_for_plan %}d'indiquer" in fr
    assert "e) </span>Le pide que {% if subject.decision.asks_for_plan %}indique" in es
    assert "le plan s'achèverait environ {{ subject.words.months_late" in fr
    assert "el plan concluiría unos {{ subject.words.months_late" in es
