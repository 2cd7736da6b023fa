"""Typed figures checked against the data: the seeded corpus (tests/fixtures/claims), written from the
workbook's facts before the checker, in English, French and Spanish; and today's sample evidence.

Every false claim must be found; no true claim may be reported as contradicted.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from pathlib import Path

import pytest
import yaml

from pipeline.build import check
from pipeline.claims.check import Facts, Settings, findings
from pipeline.compute.facts import facts
from pipeline.compute.indicators import indicators
from pipeline.intake.data import read_data
from pipeline.intake.drafts import normalise
from pipeline.intake.pandoc import read_ast
from pipeline.model import Period
from tests.conftest import TEMPLATES

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "tests" / "fixtures" / "claims"
PERIOD = Period(dt.date(2024, 7, 1), dt.date(2025, 6, 30))
DOCUMENT_DATE = dt.date(2025, 7, 14)


@lru_cache(maxsize=1)
def sample_facts() -> Facts:
    data, _sources, problems = read_data(ROOT / "inputs" / "data")
    assert not [p for p in problems if p.severity.name == "ERROR"]
    return Facts.of(facts(data, PERIOD, indicators(data, PERIOD).figures))


@cache
def results_of(path: Path) -> list[tuple[str, str, object]]:
    ast, media = read_ast(path)
    blocks, _stats, _found = normalise(ast, where=path.name, media=media)
    lang = path.name[:2] if path.name[:3] in ("en-", "fr-", "es-") else "en"
    return findings(blocks, sample_facts(), Settings(lang, DOCUMENT_DATE, PERIOD))


def _matches(entry: dict, folder: Path) -> list:
    """The findings whose span overlaps the expected claim's place in its paragraph."""
    claim = " ".join(entry["claim"].split())
    hits = []
    bare = claim.replace(",", "").replace(" ", "").isdigit()
    for place, text, result in results_of(folder / entry["file"]):
        if bare and entry.get("state") and "table row" not in place:
            continue  # a bare "2024" with a State is a table cell: the row of that State
        flat = " ".join(text.split()).replace("\u2019", "'")  # pandoc reads ' as a typographic apostrophe
        at = flat.find(claim)
        if at < 0:
            continue
        # offsets in ``text`` and ``flat`` agree when the text has single spaces, as drafts read by pandoc do
        about = getattr(result.claim, "states", ()) if result.claim is not None else ()
        if entry.get("state") and about and entry["state"] not in about:
            continue  # a table row's "2024" is about that row's State
        if result.start < at + len(claim) and at < result.end:
            hits.append(result)
    return hits


def _entries(folder: Path) -> list[dict]:
    """The expected findings: corpus/ keeps its list one level up (tests/fixtures/claims/expected.yaml)."""
    listed = folder / "expected.yaml" if (folder / "expected.yaml").exists() else folder.parent / "expected.yaml"
    return yaml.safe_load(listed.read_text(encoding="utf-8"))


def score(folder: Path) -> dict[str, list[str]]:
    """found / missed false claims, confirmed / false alarms on true claims, as lists of claims."""
    out: dict[str, list[str]] = {"found": [], "missed": [], "false_alarm": [], "confirmed": [], "unconfirmed": []}
    for entry in _entries(folder):
        hits = _matches(entry, folder)
        verdicts = {r.verdict for r in hits}
        label = f"{entry['file']}: {entry['claim']}"
        bad = {"contradicted", "time"}
        if entry["verdict"] == "contradicted":
            out["found" if verdicts & bad else "missed"].append(label)
        elif verdicts & bad:
            out["false_alarm"].append(f"{label} -> {[r.message for r in hits if r.verdict in bad]}")
        elif entry["verdict"] == "confirmed":
            out["confirmed" if "confirmed" in verdicts else "unconfirmed"].append(label)
    return out


@pytest.mark.parametrize("folder", ["corpus", "sample-2025"])
def test_every_false_claim_is_found_and_no_true_claim_is_called_false(folder):
    got = score(CLAIMS / folder)
    assert got["missed"] == [], got["missed"]
    assert got["false_alarm"] == [], got["false_alarm"]


def test_the_corpus_is_as_large_and_varied_as_promised():
    entries = _entries(CLAIMS / "corpus")
    kinds = {}
    for e in entries:
        if e["verdict"] in ("confirmed", "contradicted"):
            kinds.setdefault(e["kind"], set()).add(e["file"][:2])
    assert sum(1 for e in entries if e["verdict"] in ("confirmed", "contradicted")) >= 40
    assert {k for k, langs in kinds.items() if len(langs) >= 2} >= {
        "count",
        "date",
        "year",
        "quantity",
        "approximation",
    }


# --- in the build -----------------------------------------------------------------------------

FORTY = "About 40 States Parties have not submitted an annual report in the past three years."


def _transparency(project, sentence: str) -> None:
    folder = project.clear_drafts("transparency")
    (folder / "transparency-section.md").write_text(f"# Transparency\n\n{sentence}\n", encoding="utf-8")


def _ours(diagnostics):
    return [d for d in diagnostics if d.location.path.endswith("transparency-section.md")]


@pytest.mark.slow  # seconds of subprocesses or of the whole sample: make test runs it
def test_the_sample_states_no_figure_the_data_contradicts_and_no_event_after_its_date(project):
    inputs, diagnostics = check(project.inputs, TEMPLATES)
    found = [
        str(d) for d in diagnostics if d.code in ("figure.contradicts", "time.after-document", "time.outside-period")
    ]
    assert found == []
    tally = inputs.claims["progress-report"]
    assert tally["confirmed"] >= 15 and tally["contradicted"] == 0 and tally["time"] == 0


def test_a_contradiction_names_the_draft_the_paragraph_the_claim_and_the_cell(project):
    _transparency(project, FORTY)
    _inputs, diagnostics = check(project.inputs, TEMPLATES)
    (found,) = [d for d in _ours(diagnostics) if d.code == "figure.contradicts"]
    assert (
        str(found)
        .split("/inputs/", 1)[-1]
        .startswith(
            "drafts/transparency/transparency-section.md:paragraph 2: WARNING: “About 40 States Parties” "
            "(States Parties with no annual report in the past three years): the data says 12 "
            "(states-parties.xlsx:Article7!F2:F445) [figure.contradicts]"
        )
    )


@pytest.mark.slow  # seconds of subprocesses or of the whole sample: make test runs it
def test_with_final_a_contradiction_is_an_error_unless_the_isu_acknowledged_it(project):
    _transparency(project, FORTY)
    _inputs, diagnostics = check(project.inputs, TEMPLATES, final=True)
    (found,) = [d for d in _ours(diagnostics) if d.code == "figure.contradicts"]
    assert found.severity.name == "ERROR"
    (project.inputs / "acknowledged.yaml").write_text(
        f"- key: {found.key}\n  reason: counted from the 2023 annual reports\n  by: ISU\n", encoding="utf-8"
    )
    _inputs, diagnostics = check(project.inputs, TEMPLATES, final=True)
    (found,) = [d for d in _ours(diagnostics) if d.code == "figure.contradicts"]
    assert found.severity.name == "WARNING" and found.acknowledged_reason == "counted from the 2023 annual reports"


def test_a_typed_figure_that_agrees_names_the_figure_that_would_keep_it_current(project):
    _transparency(project, "Twelve States Parties have not submitted an annual report in the past three years.")
    _inputs, diagnostics = check(project.inputs, TEMPLATES)
    (found,) = [d for d in _ours(diagnostics) if d.code == "figure.confirmed"]
    assert found.severity.name == "INFO" and "[[article7.silent_3_years]] would keep it current" in found.message


def test_an_approximation_is_checked_within_the_tolerance_meeting_yaml_sets(project):
    _transparency(project, "About 11 States Parties have not submitted an annual report in the past three years.")
    _inputs, diagnostics = check(project.inputs, TEMPLATES)
    assert [d.code for d in _ours(diagnostics) if d.code.startswith("figure.")] == [
        "figure.confirmed"
    ]  # 12 is within 10 %
    meeting = project.inputs / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nfigures: {tolerance_percent: 5}\n", encoding="utf-8")
    _inputs, diagnostics = check(project.inputs, TEMPLATES)
    assert [d.code for d in _ours(diagnostics) if d.code.startswith("figure.")] == ["figure.contradicts"]


# --- what a reviewer found, as specifications ---------------------------------------------------


def _verdicts(sentence: str, lang: str = "en") -> list[tuple[str, str]]:
    from pipeline.claims.check import check_text

    settings = Settings(lang, DOCUMENT_DATE, PERIOD)
    return [(r.verdict, r.message) for r in check_text(sentence, sample_facts(), settings)]


def test_a_second_figure_keeps_the_state_named_before_it():
    found = _verdicts("Bulgaria destroyed 246 cluster munitions and 8,050 submunitions in 2024.")
    assert [v for v, _m in found] == ["confirmed", "confirmed"]


def test_a_year_typed_before_the_figure_is_the_year_it_is_checked_for():
    assert [v for v, _m in _verdicts("In 2023, Bulgaria destroyed 733 cluster munitions and 22,979 submunitions.")] == [
        "confirmed",
        "confirmed",
    ]
    # no count of reports is kept for 2023: not checked, rather than checked against 2024
    assert [v for v, _m in _verdicts("In 2023, 84 annual reports had been submitted.")] == ["unverifiable"]


def test_completing_clearance_is_not_completing_stockpile_destruction():
    assert [v for v, _m in _verdicts("Germany completed the clearance of its contaminated areas in 2024.")] == [
        "unverifiable"
    ]


def test_announced_dates_are_not_events_after_the_document():
    for sentence in (
        "The Thirteenth Meeting of States Parties, in Geneva from 16 to 19 September 2025, will consider three requests.",
        "The Coordinators encourage States Parties to report by 30 April 2026.",
        "Chile: Requested in 1 June 2031",
    ):
        assert "time" not in [v for v, _m in _verdicts(sentence)], sentence
    assert "time" in [v for v, _m in _verdicts("Vanuatu deposited its instrument of accession on 5 September 2025.")]


def test_a_deadline_is_named_for_what_the_data_has():
    ((verdict, message),) = _verdicts("Peru's deadline of 1 April 2024 was met.")
    assert (
        verdict == "contradicted" and "(Article 3 destruction deadline) for Peru: the data says 1 March 2024" in message
    )


def test_other_wordings_of_the_same_claims():
    assert [v for v, _m in _verdicts("Lithuania withdrew from the Convention on 6 March 2024.")] == ["contradicted"]
    assert [v for v, _m in _verdicts("El Iraq despejó 9,1 kilómetros cuadrados en 2024.", "es")] == ["contradicted"]
    assert [v for v, _m in _verdicts("El Iraq despejó 5,3 kilómetros cuadrados en 2024.", "es")] == ["confirmed"]


def test_an_exact_figure_is_the_data_rounded_half_up_to_the_step_typed():
    assert [v for v, _m in _verdicts("Chile had 43 square kilometres remaining at the end of 2024.")] == ["confirmed"]
    assert [v for v, _m in _verdicts("Chile had 42 square kilometres remaining at the end of 2024.")] == [
        "contradicted"
    ]
