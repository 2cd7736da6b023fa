"""The figures of a rendered document (ooxml.figures, export.figures): the official file without a mark
and byte for byte as rendered without them, each figure's place, the review copy's comments, the
figures page; and, on the built sample, the files published and the preflight's proof."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from pipeline.build.plan import compute_plan
from pipeline.compute.families import field_provenance, share_indicators
from pipeline.errors import Diagnostic
from pipeline.export.clean import clean
from pipeline.export.figures import figure_rows, figures_json, figures_page
from pipeline.intake.inputs import read_inputs
from pipeline.ooxml import figures as marks
from pipeline.render.document import render, section_blocks
from pipeline.verify.preflight import preflight
from tests.conftest import TEMPLATES, copy_project


@dataclass
class Rendered:
    plain: bytes  # rendered without marks, cleaned: the official file
    marked: bytes  # rendered with marks, cleaned
    table: marks.FigureTable
    text: str  # the official file's paragraphs (tables' cells included), one per line


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines)


def rendered(inputs_dir: Path) -> tuple[dict[str, Rendered], list[Diagnostic]]:
    """Every document of a project rendered in English, with and without marks (no LibreOffice)."""
    inputs = read_inputs(inputs_dir, TEMPLATES)
    diagnostics: list[Diagnostic] = list(inputs.diagnostics)
    plan = compute_plan(inputs, diagnostics, False, inputs_dir.parent / "outputs", "test", {})
    config = inputs.config
    out = {}
    for spec, subject in plan.jobs:
        if subject is not None:
            subject, found = share_indicators(subject, plan.figures)
            diagnostics.extend(found)
        bodies = {s.id: section_blocks(s, plan.drafts.get(s.id), inputs.problems.get(s.id)) for s in spec.sections}
        template = inputs.templates[spec.template]
        plain = render(template, config, spec, bodies, plan.figures, subject)
        table = marks.FigureTable()
        provenance = field_provenance(subject) if subject is not None else None
        marked = render(
            template, config, spec, bodies, plan.figures, subject, figures=table, subject_provenance=provenance
        )
        assert marks.strip(marked) == plain  # the marks are all the bytes differ by
        official = clean(plain, "en-GB")
        out[spec.id] = Rendered(official, clean(marked, "en-GB"), table, _text(official))
    return out, diagnostics


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict[str, Rendered]:
    project = copy_project(tmp_path_factory.mktemp("figures"))
    made, _diagnostics = rendered(project.inputs)
    return made


def _numbered(data: bytes) -> list[str]:
    """The body paragraphs Word numbers 1., 2., ... (the UN Body style), as python-docx reads them."""
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == "UN Body"]


def test_the_transparency_sections_figures_stand_in_their_numbered_paragraph(sample):
    report = sample["progress-report"]
    placed = marks.placed_entries(report.marked, report.table)
    named = [(p, e) for p, e in placed if e.path.startswith("figures.article7")]
    assert {e.path for _p, e in named} >= {
        "figures.article7.annual.due",
        "figures.article7.annual.on_time",
        "figures.article7.annual.submitted",
        "figures.article7.annual.rate",
        "figures.article7.annual.overdue",
        "figures.article7.initial.overdue",
    }
    in_prose = [(p, e) for p, e in named if p.place.startswith("paragraph ")]
    numbered = _numbered(report.plain)
    for p, _e in in_prose:
        paragraph = numbered[int(p.place.split()[1]) - 1]
        assert "Annual reports under Article 7 covering calendar year" in paragraph and p.text in paragraph
    due = next(e for p, e in in_prose if e.path == "figures.article7.annual.due")
    assert (due.value, len(due.provenance.sources)) == (111, 111)
    in_table = [p for p, _e in named if not p.place.startswith("paragraph ")]
    assert in_table and all(", row 2 (2024), column " in p.place for p in in_table)


def test_annex_cells_are_placed_by_annex_row_and_column(sample):
    report = sample["progress-report"]
    places = {p.place: (p.text, e) for p, e in marks.placed_entries(report.marked, report.table)}
    text, entry = places["Annex II, row 4 (Chile), column 3 (Cleared)"]
    assert text == "1.1" and entry.path == "clearance_rows.3.cleared_km2"
    assert entry.provenance.sources == ("states-parties.xlsx:Clearance!E13",)
    text, entry = places["Annex II, row 11 (Total), column 3 (Cleared)"]
    assert text == "50.8" and len(entry.provenance.sources) == 10
    assert places["Annex I, row 5 (Total), column 3 (Reports due)"][0] == "111"
    assert len(places) > 100


def test_a_family_documents_figures_are_placed_in_its_paragraphs(sample):
    analysis = sample["extension-analysis-chl"]
    entries = marks.placed_entries(analysis.marked, analysis.table)
    placed = {e.path: p for p, e in entries}
    # the area remaining: in the contamination paragraph (4) and again in the feasibility one (7)
    assert [p.place for p, e in entries if e.path == "subject.area_remaining"] == ["paragraph 4", "paragraph 7"]
    assert placed["subject.area_remaining"].text == "42.9"
    assert placed["subject.current_deadline"].text == "1 June 2026"


def test_the_review_copy_has_a_comment_on_each_figure_and_the_same_text(sample):
    report = sample["progress-report"]
    copy, count = marks.review(
        report.marked,
        lambda i: marks.comment_text(report.table.entries[i]),
        author="ccm-report",
        initials="CR",
        date=dt.datetime(2025, 7, 1),
    )
    assert count == len(report.table.entries) == len(marks.locate(report.marked))
    opened = docx.Document(io.BytesIO(copy))
    comments = list(opened.comments)
    assert len(comments) == count
    assert all(c.text.startswith("Source: ") and "\nFormula: " in c.text for c in comments)
    assert {c.author for c in comments} == {"ccm-report"}
    assert _text(copy) == report.text  # the text unchanged, no mark left
    assert not marks.has_marks(_text(copy))
    again, _ = marks.review(
        report.marked,
        lambda i: marks.comment_text(report.table.entries[i]),
        author="ccm-report",
        initials="CR",
        date=dt.datetime(2025, 7, 1),
    )
    assert again == copy  # reproducible
    codes = {f.code for f in preflight(copy, None).findings}
    assert "comment" in codes and "figure-mark" not in codes


def test_the_official_file_has_no_comment_and_no_mark_and_the_preflight_finds_a_mark(sample):
    for made in sample.values():
        with zipfile.ZipFile(io.BytesIO(made.plain)) as archive:
            names = archive.namelist()
            assert not [n for n in names if "comments" in n]
            assert not any(marks.has_marks(archive.read(n).decode("utf-8")) for n in names if n.endswith(".xml"))
        codes = {f.code for f in preflight(made.plain, None).findings}
        assert not codes & {"comment", "figure-mark"}
        assert "figure-mark" in {f.code for f in preflight(made.marked, None).findings}


def test_the_figures_page_and_listing(sample, tmp_path):
    report = sample["progress-report"]
    rows = figure_rows(marks.placed_entries(report.marked, report.table))
    listing = json.loads(figures_json(rows))
    assert listing[0].keys() == {"text", "place", "name", "value", "formula", "sources"}
    due = next(r for r in listing if r["name"] == "figures.article7.annual.due")
    assert due["place"].startswith("paragraph ") and due["value"] == 111 and due["text"] == "111"
    deadline = next(r for r in listing if r["place"] == "Annex II, row 4 (Chile), column 6 (Deadline)")
    assert deadline["value"] == "2026-06-01" and deadline["sources"] == ["states-parties.xlsx:Clearance!I13"]
    page = figures_page(rows, "CCM/MSP/2025/7", "fr", templates=TEMPLATES / "html")
    assert "Chiffres tirés des données" in page and "Annex II, row 4 (Chile), column 3 (Cleared)" in page
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")


def test_the_built_sample_publishes_the_review_files_beside_each_version(sample_build):
    folder = sample_build.outputs / "progress-report" / "review"
    for language in ("en", "fr", "es"):
        files = sorted(p.name for p in (folder / language).iterdir())
        assert files == ["CCM_MSP_2025_7-figures.html", "CCM_MSP_2025_7-figures.json", "CCM_MSP_2025_7-review.docx"]
    listing = json.loads((folder / "fr" / "CCM_MSP_2025_7-figures.json").read_text(encoding="utf-8"))
    assert any(r["name"] == "figures.article7.annual.due" and r["place"].startswith("paragraph ") for r in listing)
    review = docx.Document(str(folder / "en" / "CCM_MSP_2025_7-review.docx"))
    assert len(list(review.comments)) == len(
        json.loads((folder / "en" / "CCM_MSP_2025_7-figures.json").read_text(encoding="utf-8"))
    )
    chile = sample_build.outputs / "extension-analysis-chl" / "review" / "en" / "CCM_MSP_2025_3-figures.json"
    assert len(json.loads(chile.read_text(encoding="utf-8"))) == 20
    for official in sample_build.outputs.glob("*/*/*.docx"):
        findings = preflight(official.read_bytes(), None).findings
        assert not [f for f in findings if f.code in ("comment", "figure-mark")], official
