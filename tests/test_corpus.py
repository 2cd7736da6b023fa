"""The drafts corpus: files a coordinator could plausibly send, each read and checked end to end.

Every file in ``tests/fixtures/drafts/`` is dropped, alone, into a one-section
meeting; the document is rendered and must either hold every word of the draft
(the nothing-lost check) with the expected text present and absent, or refuse
the file with the expected diagnostic and a placeholder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from pipeline.build import check
from pipeline.compute.indicators import indicators
from pipeline.convert import LibreOffice
from pipeline.model import words
from pipeline.render.document import render, section_blocks
from pipeline.verify.checks import verify
from pipeline.verify.fidelity import document_words
from tests.conftest import SAMPLE_INPUTS, TEMPLATES

# Fifty-one real-world drafts, each through pandoc, render and the checks (the legacy ones through
# LibreOffice): about 40 s, so make check leaves it to make test.
pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]

CORPUS = Path(__file__).parent / "fixtures" / "drafts"
ENTRIES = (
    yaml.safe_load((CORPUS / "corpus.yaml").read_text(encoding="utf-8")) if (CORPUS / "corpus.yaml").exists() else []
)


@pytest.fixture(scope="module")
def converter():
    return LibreOffice()


def one_section_project(root: Path, draft: Path) -> Path:
    """A meeting with one document of one section, whose folder holds only ``draft``."""
    inputs = root / "inputs"
    shutil.copytree(SAMPLE_INPUTS / "data", inputs / "data")
    meeting = yaml.safe_load((SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8"))
    meeting["documents"][0]["chapters"] = [
        {"heading": "Progress", "sections": [{"id": "clearance", "heading": "Clearance", "coordinators": ["Chile"]}]}
    ]
    (inputs / "meeting.yaml").write_text(yaml.safe_dump(meeting, sort_keys=False), encoding="utf-8")
    folder = inputs / "drafts" / "clearance"
    folder.mkdir(parents=True)
    shutil.copyfile(draft, folder / draft.name)
    return inputs


def assemble(inputs: Path, converter):
    found_inputs, diagnostics = check(inputs, TEMPLATES, converter=converter)
    spec = found_inputs.config.documents[0]
    bodies = {
        s.id: section_blocks(s, found_inputs.drafts.get(s.id), found_inputs.problems.get(s.id)) for s in spec.sections
    }
    period = found_inputs.config.meeting.reporting_period
    data = render(
        found_inputs.templates[spec.template], found_inputs.config, spec, bodies, indicators(found_inputs.data, period)
    )
    diagnostics += verify(spec, found_inputs.drafts, data)
    return found_inputs, diagnostics, data


def phrase_in(phrase: str, text_words: list[str]) -> bool:
    return f" {' '.join(words(phrase))} " in f" {' '.join(text_words)} "


def test_the_corpus_is_large_and_described():
    assert len(ENTRIES) >= 30
    assert {e["file"] for e in ENTRIES} <= {p.name for p in CORPUS.iterdir()}
    assert all(e["outcome"] in ("draft", "refused") for e in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_each_corpus_file_is_assembled_whole_or_refused_clearly(tmp_path, entry, converter):
    inputs = one_section_project(tmp_path, CORPUS / entry["file"])
    found, diagnostics, data = assemble(inputs, converter)
    codes = {d.code for d in diagnostics}
    assert "draft.lost-text" not in codes, [str(d) for d in diagnostics if d.code == "draft.lost-text"]
    for code in entry.get("diagnostics") or []:
        assert code in codes, f"expected {code}; got {sorted(codes)}"
    for d in diagnostics:
        assert (
            d.location.path.startswith(str(inputs))
            or d.location.path.startswith("inputs")
            or "clearance" in d.location.path
        ), str(d)
        assert "Traceback" not in d.message
    document = document_words(data)
    text = list(document.body) + list(document.notes)
    if entry["outcome"] == "refused":
        assert "clearance" not in found.drafts
        assert phrase_in("Placeholder: section", text)
        assert codes & {
            "draft.unreadable",
            "draft.encrypted",
            "draft.zip-bomb",
            "draft.unsafe-zip",
            "draft.empty",
            "draft.too-large",
        }
        return
    assert "clearance" in found.drafts, [str(d) for d in diagnostics]
    for phrase in entry.get("present") or []:
        assert phrase_in(phrase, text), f"{phrase!r} is missing from the document"
    for phrase in entry.get("absent") or []:
        assert not phrase_in(phrase, text), f"{phrase!r} should not be in the document"


def test_a_file_over_the_size_limit_is_refused_unopened(tmp_path, converter):
    big = tmp_path / "src" / "huge.docx"
    big.parent.mkdir()
    with big.open("wb") as handle:
        handle.truncate(31 * 1024 * 1024)
    inputs = one_section_project(tmp_path / "p", big)
    found, diagnostics, _data = assemble(inputs, converter)
    [refusal] = [d for d in diagnostics if d.code == "draft.too-large"]
    assert "over the limit of 30 MB" in refusal.message
