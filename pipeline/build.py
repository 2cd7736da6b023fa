"""The orchestrator: the flow of DESIGN.md, one short function per phase.

    intake -> validate -> compute -> render -> verify -> export -> convert -> publish

``check`` is intake and validation: every finding about the inputs, collected and
sorted, errors stopping the build before anything is written. ``build`` adds the
rest, phase by phase: ``_compute`` (indicators, document families, figures in the
drafts, and which documents changed and why), ``_render`` (each document's Word file
in its original language and in every returned translation), ``_verify`` (nothing
lost, fonts, the UN's rules), ``_export`` (XLIFF, HTML), ``_convert`` (PDF) and
``_publish`` (one move into ``outputs/``, the manifest). The stages do not call one
another: this module passes each one's values to the next and does the I/O between
them. A failed build leaves the previous outputs as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping

from pipeline import __version__
from pipeline.compute.families import expand
from pipeline.compute.figures import fill_drafts
from pipeline.compute.indicators import Indicators
from pipeline.compute.indicators import indicators as compute_indicators
from pipeline.compute.localise import figure_in, indicators_in, subject_in
from pipeline.convert import Converter, LibreOffice, find_soffice, pdf_options, soffice_version
from pipeline.errors import Diagnostic, InputsInvalid, Location, Severity, ToolMissing, error, has_errors, warning
from pipeline.export.clean import clean
from pipeline.export.html import document_page
from pipeline.export.redline import changes_summary, redline
from pipeline.intake.inputs import read_inputs
from pipeline.intake.pandoc import pandoc_version
from pipeline.model import Draft, DocumentSpec, Inputs
from pipeline.model.blocks import Block
from pipeline.ooxml.words import count_words
from pipeline.publish.issued import Issued, latest, revision_symbol
from pipeline.publish.fingerprint import code_digest, inputs_fingerprint, remember, unchanged_since
from pipeline.publish.keys import document_record, inputs_of, rows_of, why_rebuilt
from pipeline.publish.outputs import discard, exclusive, publish, staging_area, write, write_reports
from pipeline.publish.status import DocumentStatus, document_status, status_data, status_html, status_lines
from pipeline.reference import name_variants
from pipeline.render.document import LANGUAGE_TAGS, TemplateProblem, render, section_blocks, template_context
from pipeline.render.translated import merge_translation, untranslated_list
from pipeline.validate.rules import validate
from pipeline.verify.checks import verify
from pipeline.verify.preflight import preflight, preflight_text
from pipeline.xliff.files import Document, write_xliff
from pipeline.versions import MEMO
from pipeline.xliff.units import units

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    diagnostics: tuple[Diagnostic, ...]
    documents: tuple[DocumentStatus, ...]
    figures: Mapping[str, object] = field(default_factory=dict)  # the data's figures, for the status
    sheets: Mapping[str, int] = field(default_factory=dict)  # rows read per data sheet


@dataclass(frozen=True)
class Plan:
    """What compute decided: the figures, every document, and which of them to make now and why."""

    inputs: Inputs
    figures: Indicators
    drafts: Mapping[str, Draft]  # by section id, with the data's figures filled in
    specs: tuple[DocumentSpec, ...]  # every document, under the symbol meeting.yaml gives
    jobs: tuple[tuple[DocumentSpec, object], ...]  # to make now: (spec as published, a family member's fields)
    why: Mapping[str, tuple[str, ...]]  # document id -> why it is made again; () when unchanged
    records: Mapping[str, dict]  # document id -> its key and what the key is made of (keys.document_record)
    issued: Mapping[str, Issued | None]
    revised: Mapping[str, DocumentSpec]  # document id -> its spec under a /Rev.n or /Corr.n symbol
    previous: Mapping[str, dict]  # the last manifest's entries


@dataclass
class Version:
    """One language version of a document, rendered: its Word file in the staging area."""

    language: str
    template: str  # the Word template's name ("fr/progress-report.docx"); the web page's is named after it
    context: Mapping[str, object]  # what the Word file was rendered from, with the sections' blocks, for the page
    docx: Path
    data: bytes


@dataclass
class Made:
    """One document rendered in its original language and its returned translations."""

    spec: DocumentSpec
    subject: object
    bodies: Mapping[str, tuple[Block, ...]]
    versions: list[Version]
    languages: list[tuple[str, str]]  # merged translations: (language, "complete" | "incomplete: ...")
    units: tuple = ()


def output_name(symbol: str) -> str:
    """A file name from a document symbol: CCM/MSP/2025/7 -> CCM_MSP_2025_7."""
    return "".join(c if c.isalnum() or c in "-." else "_" for c in symbol)


# --- intake and validate ---------------------------------------------------------------------


def check(inputs_dir: Path, templates_dir: Path, *, final: bool = False, converter: Converter | None = None,
          cache: Path | None = None, progress: Progress = lambda _: None) -> tuple[Inputs, list[Diagnostic]]:
    """Intake and validation: every finding, sorted errors first. Writes nothing but the ``cache``."""
    progress("intake")
    inputs = read_inputs(inputs_dir, templates_dir, final=final, converter=converter or LibreOffice(),
                         cache=cache)
    progress("validate")
    diagnostics = list(inputs.diagnostics) + validate(inputs, name_variants())
    if final:
        diagnostics = [_final(d) for d in diagnostics]
    diagnostics.sort(key=lambda d: (-d.severity, str(d.location.path), d.location.place))
    return inputs, diagnostics


def _final(d: Diagnostic) -> Diagnostic:
    """In final mode a document must be complete and clean: warnings become errors."""
    if d.severity == Severity.WARNING:
        return error(d.code, d.location, d.message + " (an error with --final)")
    return d


def _stop_on_errors(diagnostics: list[Diagnostic], why: str) -> None:
    if has_errors(diagnostics):
        raise InputsInvalid(f"{why}; nothing was built", tuple(diagnostics))


# --- the build -------------------------------------------------------------------------------


def build(inputs_dir: Path, outputs_dir: Path, templates_dir: Path, *, final: bool = False,
          converter: Converter | None = None, progress: Progress = lambda _: None) -> BuildResult:
    """Every document of meeting.yaml into ``outputs_dir``, all or (per document) nothing.

    Before any parsing, one digest of everything the build could read (inputs, templates,
    the pipeline's code, the tools' versions): when it equals the last good build's, that
    build's answer is given at once."""
    with exclusive(outputs_dir):
        code = code_digest()
        tools = tool_versions(outputs_dir, converter)
        fingerprint = inputs_fingerprint(inputs_dir, templates_dir, final, code=code, tools=tools)
        remembered = unchanged_since(outputs_dir, fingerprint)
        if remembered is not None:
            result = BuildResult(*remembered)
            progress("nothing changed")
        else:
            result = _build(inputs_dir, outputs_dir, templates_dir, final=final,
                            converter=converter or LibreOffice(), progress=progress, code=code, tools=tools)
        report(outputs_dir, result)
        remember(outputs_dir, fingerprint, result.diagnostics, result.documents, result.figures, result.sheets)
        return result


def tool_versions(outputs_dir: Path, converter: Converter | None) -> dict[str, str]:
    """pandoc's and LibreOffice's versions, remembered in outputs/.cache/tools.json (by each program's
    path and modification time), so that a build that finds nothing changed starts neither."""
    memo = outputs_dir / ".cache" / MEMO
    soffice = getattr(converter, "soffice", None) if converter is not None else find_soffice()
    try:
        pandoc = pandoc_version(memo)
    except ToolMissing:
        pandoc = "not installed"
    return {"pandoc": pandoc, "LibreOffice": soffice_version(soffice, memo) if soffice else "not installed"}


def _build(inputs_dir: Path, outputs_dir: Path, templates_dir: Path, *, final: bool, converter: Converter,
           progress: Progress, code: str, tools: Mapping[str, str]) -> BuildResult:
    inputs, diagnostics = check(inputs_dir, templates_dir, final=final, converter=converter,
                                cache=outputs_dir / ".cache" / "pandoc", progress=progress)
    _stop_on_errors(diagnostics, "the inputs have errors")
    if not converter.available():
        raise ToolMissing("LibreOffice is not installed: run 'make report' as root to install it, "
                          "or install the Debian package libreoffice-writer-nogui")
    progress("compute")
    plan = _compute(inputs, diagnostics, final, outputs_dir, code, tools)
    if not plan.jobs:
        progress("nothing changed")
        return _result(plan, diagnostics, [_status(plan, spec, outputs_dir, "unchanged", plan.previous.get(spec.id))
                                           for spec in plan.specs])
    staging = staging_area(outputs_dir)
    try:
        made = []
        for spec, subject in plan.jobs:
            progress(f"render {spec.symbol}")
            made.append(_render(plan, spec, subject, staging, diagnostics))
            diagnostics.extend(_verify(plan, made[-1]))
            _export(plan, made[-1], staging)
        progress("convert")
        failed = _convert(plan, made, converter, staging, diagnostics)
        progress("publish")
        statuses = _publish(plan, made, failed, staging, outputs_dir, diagnostics)
    except BaseException:
        discard(staging)
        raise
    return _result(plan, diagnostics, statuses)


def _result(plan: Plan, diagnostics: list[Diagnostic], statuses: list[DocumentStatus]) -> BuildResult:
    sheets = {name: len(rows) for name, rows in plan.inputs.data.records.items()}
    return BuildResult(tuple(diagnostics), tuple(statuses), plan.figures.figures, sheets)


# --- compute ---------------------------------------------------------------------------------


def _compute(inputs: Inputs, diagnostics: list[Diagnostic], final: bool, outputs_dir: Path, code: str,
             tools: Mapping[str, str]) -> Plan:
    """The indicators, every document (families expanded), the drafts' [[figures]] filled in, and
    each document's key against the last build's: what to make now, and why."""
    config = inputs.config
    assert config is not None  # check() reported an error otherwise
    figures = compute_indicators(inputs.data, config.meeting.reporting_period)
    jobs: list[tuple[DocumentSpec, object]] = [(spec, None) for spec in config.documents]
    for family in config.families:
        members, found = expand(family, inputs.data)
        diagnostics.extend(found)
        jobs.extend((member.spec, member.fields) for member in members)
    _stop_on_errors(diagnostics, "the document families cannot be made")
    drafts, found = fill_drafts(inputs.drafts, figures.figures, final)
    diagnostics.extend(found)
    _stop_on_errors(found, "the drafts name figures that do not exist")

    specs = tuple(spec for spec, _subject in jobs)
    previous = _previous_manifest(outputs_dir)
    rows = rows_of(inputs)
    records = {spec.id: document_record(spec, config, inputs_of(inputs, spec, rows), rows, code=code, tools=tools)
               for spec in specs}
    issued = {spec.id: latest(inputs.inputs_dir, spec.id) for spec in specs}
    # an issued version is compared by what the document says (content_key), not by the code that made it
    revised = _revisions(specs, issued, {doc_id: r["content_key"] for doc_id, r in records.items()})
    why = {spec.id: tuple(why_rebuilt(previous.get(spec.id), records[spec.id],
                                      _outputs_exist(outputs_dir, revised.get(spec.id, spec))))
           for spec in specs}
    to_make = tuple((revised.get(spec.id, spec), subject) for spec, subject in jobs if why[spec.id])
    return Plan(inputs, figures, drafts, specs, to_make, why, records, issued, revised, previous)


def _revisions(specs, issued: Mapping[str, Issued | None], keys: Mapping[str, str]) -> dict[str, DocumentSpec]:
    """A document changed since it was issued is a revision (/Rev.n, or /Corr.n as meeting.yaml says);
    one unchanged since keeps the symbol it was issued under."""
    revised = {}
    for spec in specs:
        earlier = issued[spec.id]
        if earlier is not None:
            symbol = earlier.symbol if earlier.key == keys[spec.id] \
                else revision_symbol(spec.symbol, earlier, spec.changes_after_issue)
            if symbol != spec.symbol:
                revised[spec.id] = replace(spec, symbol=symbol)
    return revised


# --- render ----------------------------------------------------------------------------------


def _render(plan: Plan, spec: DocumentSpec, subject: object, staging: Path,
            diagnostics: list[Diagnostic]) -> Made:
    """The document's Word file in its original language, its redline against the issued version,
    and one Word file per returned translation, merged."""
    config, inputs = plan.inputs.config, plan.inputs
    assert config is not None
    bodies = {s.id: section_blocks(s, plan.drafts.get(s.id), inputs.problems.get(s.id)) for s in spec.sections}
    data = clean(render(inputs.templates[spec.template], config, spec, bodies, plan.figures, subject),
                 LANGUAGE_TAGS[spec.original_language])
    name = output_name(spec.symbol)
    docx_path = staging / spec.id / spec.original_language / f"{name}.docx"
    write(docx_path, data)
    context = template_context(config, spec, bodies, plan.figures, subject)
    made = Made(spec, subject, bodies, [Version(spec.original_language, spec.template, context, docx_path, data)],
                [], units(config, spec, bodies))
    earlier = plan.issued[spec.id]
    if earlier is not None and earlier.key != plan.records[spec.id]["content_key"]:
        marked = redline(earlier.docx.read_bytes(), data, date=f"{spec.date.isoformat()}T00:00:00Z")
        write(docx_path.with_name(f"{name}-redline.docx"), marked)
        write(docx_path.with_name(f"{name}-changes.txt"),
              changes_summary(earlier.symbol, spec.symbol, marked).encode("utf-8"))
    for (doc_id, language), translation in sorted(inputs.translations.items()):
        if doc_id == spec.id:
            diagnostics.extend(_render_translation(plan, made, translation, language, staging))
    return made


def _render_translation(plan: Plan, made: Made, translation, language: str, staging: Path) -> list[Diagnostic]:
    """A returned translation merged into the document's blocks and rendered from the language's template."""
    spec, config = made.spec, plan.inputs.config
    assert config is not None
    merged, found = merge_translation(spec, config, made.bodies, translation, language,
                                      format_figure=lambda name, value: figure_in(name, value, language))
    template = f"{language}/{spec.template}"
    values = (merged.config, merged.spec, merged.bodies, indicators_in(plan.figures, language),
              subject_in(made.subject, language))
    data = clean(render(plan.inputs.templates[template], *values, language=language), LANGUAGE_TAGS[language])
    path = staging / spec.id / language / f"{output_name(spec.symbol)}.docx"
    write(path, data)
    if merged.missing:
        write(path.with_name(f"{path.stem}-untranslated.txt"),
              untranslated_list(translation.display, merged.missing).encode("utf-8"))
    total = len([u for u in made.units if u.translate])
    made.languages.append((language, f"incomplete: {len(merged.missing)} of {total} units untranslated"
                           if merged.missing else "complete"))
    made.versions.append(Version(language, template, template_context(*values, language=language), path, data))
    return found


# --- verify ----------------------------------------------------------------------------------


def _verify(plan: Plan, made: Made) -> list[Diagnostic]:
    """Nothing of the drafts lost and every script printable (the original), and the UN's rules
    for a Word file (every version); each version's preflight report is written beside it."""
    original = made.versions[0]
    found = verify(made.spec, plan.inputs.drafts, original.data)
    for version in made.versions:
        result = preflight(version.data, made.spec.word_limit)
        write(version.docx.with_name(f"{version.docx.stem}-preflight.txt"),
              (preflight_text(made.spec.symbol, result) + "\n").encode("utf-8"))
        found += [warning(f"preflight.{f.code}", Location(f"{made.spec.symbol} ({version.language})", f.place),
                          f.message) for f in result.findings]
    return found


# --- export ----------------------------------------------------------------------------------


def _export(plan: Plan, made: Made, staging: Path) -> None:
    """For translators, an XLIFF file per target language (2.1, and 1.2 when asked), carrying the
    targets already returned; for readers, each version as one web page."""
    config, spec = plan.inputs.config, made.spec
    assert config is not None
    name = output_name(spec.symbol)
    for version, where in (("2.1", "xliff"), ("1.2", "xliff-1.2")):
        if version == "1.2" and not config.translation.xliff_1_2:
            continue
        for language in config.translation.languages:
            if language == spec.original_language:
                continue
            known = plan.inputs.translations.get((spec.id, language))
            xlf = write_xliff(Document(spec.id, spec.symbol, spec.original_language, language), made.units,
                              version=version, targets=known.returned.targets if known else None)
            write(staging / spec.id / where / f"{name}.{spec.original_language}-{language}.xlf", xlf)
    for version in made.versions:
        page = document_page(version.context, version.template, templates=plan.inputs.templates_dir / "html")
        write(version.docx.with_suffix(".html"), page.encode("utf-8"))


# --- convert ---------------------------------------------------------------------------------


def _convert(plan: Plan, made: list[Made], converter: Converter, staging: Path,
             diagnostics: list[Diagnostic]) -> set[str]:
    """Every Word file to PDF; the ids of the documents one of whose PDFs could not be made."""
    config = plan.inputs.config
    assert config is not None
    versions = [(m.spec, v) for m in made for v in m.versions]
    failed: set[str] = set()
    # The language versions of a document share its file name: one batch (and folder) per language.
    for language in dict.fromkeys(v.language for _spec, v in versions):
        batch = [v.docx for _spec, v in versions if v.language == language]
        done = dict(zip(batch, converter.convert(batch, staging / ".pdf" / language, to="pdf",
                                                 options=pdf_options(config.pdf.archive, config.pdf.tagged))))
        for spec, version in versions:
            if version.language != language:
                continue
            conversion = done[version.docx]
            if conversion.output is None:
                failed.add(spec.id)
                diagnostics.append(error(
                    "pdf.failed", Location(spec.symbol),
                    f"the {language} PDF could not be made ({conversion.problem}); this document's previous "
                    "outputs are kept, the other documents were built"))
            else:
                conversion.output.rename(version.docx.with_suffix(".pdf"))
    discard(staging / ".pdf")
    return failed


# --- publish ---------------------------------------------------------------------------------


def _publish(plan: Plan, made: list[Made], failed: set[str], staging: Path, outputs_dir: Path,
             diagnostics: list[Diagnostic]) -> list[DocumentStatus]:
    """The finished documents moved into ``outputs/`` in one step, with the manifest; a document
    whose PDF failed keeps its previous outputs and manifest entry."""
    changed = changed_inputs(plan.inputs)
    if changed:
        raise InputsInvalid(f"{', '.join(changed)} changed during the build; nothing was published: "
                            "build again", tuple(diagnostics))
    entries = {spec.id: plan.previous[spec.id] for spec in plan.specs if not plan.why[spec.id]}
    for m in made:
        if m.spec.id not in failed:
            entries[m.spec.id] = _manifest_entry(plan, m)
        elif m.spec.id in plan.previous:
            entries[m.spec.id] = plan.previous[m.spec.id]
    publish(staging, outputs_dir, [m.spec.id for m in made if m.spec.id not in failed],
            {"pipeline_version": __version__, "documents": entries})
    statuses = []
    for spec in plan.specs:
        if spec.id in failed:
            continue
        state = "rebuilt: " + "; ".join(plan.why[spec.id]) if plan.why[spec.id] else "unchanged"
        earlier = plan.issued[spec.id]
        if earlier is not None and earlier.key != plan.records[spec.id]["content_key"]:
            state += f"; a revision of the issued {earlier.symbol}, with a redline"
        statuses.append(_status(plan, spec, outputs_dir, state, entries.get(spec.id)))
    return statuses


def _manifest_entry(plan: Plan, made: Made) -> dict:
    spec_id = made.spec.id
    return {**plan.records[spec_id], "symbol": next(x.symbol for x in plan.specs if x.id == spec_id),
            "issued_symbol": made.spec.symbol, "pipeline_version": __version__,
            "docx_sha256": hashlib.sha256(made.versions[0].data).hexdigest(), "languages": dict(made.languages),
            "words": count_words(made.versions[0].data)}


def _status(plan: Plan, spec: DocumentSpec, outputs_dir: Path, state: str, entry: Mapping | None) -> DocumentStatus:
    """A document's status from its manifest entry (this build's, or the last one's when unchanged)."""
    spec = plan.revised.get(spec.id, spec)
    entry = entry or {}
    languages = tuple((entry.get("languages") or {}).items())  # merged translations and how complete
    docx, pdf = _output_files(outputs_dir, spec)
    words = entry.get("words")
    if words is None and docx.is_file():  # a manifest from before the count was kept
        words = count_words(docx.read_bytes())
    inputs = plan.inputs
    return document_status(spec, dict(inputs.drafts), dict(inputs.stats), (str(docx), str(pdf)),
                           dict(inputs.folders), state, languages, words)


def report(outputs_dir: Path, result: BuildResult) -> None:
    """outputs/status.json, outputs/status.html and this run's log in outputs/logs/."""
    data = status_data(result.documents, result.diagnostics, result.figures, result.sheets)
    lines = [str(d) for d in result.diagnostics] + [line for s in result.documents for line in status_lines(s)]
    moment = dt.datetime.now(dt.timezone.utc)
    write_reports(outputs_dir, {"status.json": json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                                "status.html": status_html(data, "ccm-report: status of the documents")},
                  f"build-{moment:%Y%m%d-%H%M%S}.log",
                  "\n".join([f"build at {moment:%Y-%m-%d %H:%M:%S} UTC"] + lines) + "\n")


# --- I/O between the phases ------------------------------------------------------------------


def _output_files(outputs_dir: Path, spec: DocumentSpec) -> tuple[Path, Path]:
    docx = outputs_dir / spec.id / spec.original_language / f"{output_name(spec.symbol)}.docx"
    return docx, docx.with_suffix(".pdf")


def _outputs_exist(outputs_dir: Path, spec: DocumentSpec) -> bool:
    return all(p.exists() for p in _output_files(outputs_dir, spec))


def changed_inputs(inputs: Inputs) -> list[str]:
    """The inputs whose content is no longer what intake read (hashes before and after)."""
    changed = []
    for shown, digest in inputs.hashes.items():
        path = inputs.paths.get(shown)
        try:
            now = hashlib.sha256(path.read_bytes()).hexdigest() if path else digest
        except OSError:
            now = ""
        if now != digest:
            changed.append(shown)
    return changed


def _previous_manifest(outputs_dir: Path) -> dict:
    try:
        return json.loads((outputs_dir / "manifest.json").read_text(encoding="utf-8")).get("documents", {})
    except (OSError, ValueError, AttributeError):
        return {}


__all__ = ["build", "check", "verify", "BuildResult", "TemplateProblem"]
