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

from pipeline.claims.check import Facts, Settings, findings
from pipeline.compute.facts import facts
from pipeline.compute.indicators import indicators
from pipeline.intake.data import read_data
from pipeline.intake.drafts import normalise
from pipeline.intake.pandoc import read_ast
from pipeline.model import Period

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
