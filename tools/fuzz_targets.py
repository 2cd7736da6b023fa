"""The fuzz targets: intake of one input, exactly as a build does it, answering with diagnostics.

Shared by tools/fuzz.py (which finds crashes) and tests/test_fuzz_regressions.py
(which replays them): a target returns the diagnostics; any exception is a crash.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.intake.data_schema import parse_schema
from pipeline.intake.draft_files import read_drafts
from pipeline.intake.folders import scan_folder
from pipeline.intake.workbook import read_workbook

ROOT = Path(__file__).resolve().parents[1]
# name, file suffix, share of the fuzzing time
TARGETS = (("docx", ".docx", 0.4), ("markdown", ".md", 0.15), ("xlsx", ".xlsx", 0.3), ("xliff", ".xlf", 0.15))


def run_target(name: str, data: bytes, context: dict) -> list:
    scratch: Path = context["scratch"]
    suffix = dict((n, s) for n, s, _ in TARGETS)[name]
    if name == "xliff":
        return _returned_translation(data, context)
    if name == "xlsx":
        if context.get("schemas") is None:
            text = (ROOT / "inputs" / "data" / "schema.yaml").read_text(encoding="utf-8")
            context["schemas"] = parse_schema(text, "schema.yaml")[0]
        path = scratch / f"fuzz{suffix}"
        path.write_bytes(data)
        _records, problems = read_workbook(path, "inputs/data/fuzz.xlsx", context["schemas"])
        return problems
    folder = scratch / "drafts" / "clearance"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / f"draft{suffix}").write_bytes(data)
    section = scan_folder(folder, "clearance", scratch)
    if section.chosen is None:
        return []
    [(_draft, _stats, found, _problem)] = read_drafts([section], "accept", {}, None)
    return found


def _returned_translation(data: bytes, context: dict) -> list:
    """A returned XLIFF file read as intake reads it, then merged into the sample's report."""
    from pipeline.build import check
    from pipeline.compute.figures import fill_drafts
    from pipeline.compute.indicators import indicators
    from pipeline.compute.localise import figure_in
    from pipeline.intake.translations import read_translations
    from pipeline.render.document import section_blocks
    from pipeline.render.translated import merge_translation

    if context.get("document") is None:
        inputs, _ = check(ROOT / "inputs", ROOT / "templates")
        figures = indicators(inputs.data, inputs.config.meeting.reporting_period)
        filled, _ = fill_drafts(inputs.drafts, figures.figures, False)
        spec = inputs.config.documents[0]
        bodies = {s.id: section_blocks(s, filled.get(s.id)) for s in spec.sections}
        context["document"] = (inputs.config, spec, bodies)
    config, spec, bodies = context["document"]
    folder = context["scratch"] / "translations"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / "returned.xlf").write_bytes(data)
    translations, found, _refused = read_translations(folder, config, context["scratch"])
    for (doc_id, language), translation in translations.items():
        if doc_id == spec.id:  # merged as a build merges it: stale, copied and partial units, the banner
            _merged, merged_found = merge_translation(
                spec,
                config,
                bodies,
                translation,
                language,
                format_figure=lambda name, value, language=language: figure_in(name, value, language),
            )
            found.extend(merged_found)
    return found
