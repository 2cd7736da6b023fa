"""Running a build: ``check`` (intake, validate), ``build`` (the no-op path, then the phases), the report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.build.make import export_document, keep_refused, render_document, verify_document
from pipeline.build.plan import Plan, compute_plan, stop_on_errors
from pipeline.build.progress import Progress, Step, quiet
from pipeline.build.report import build_status
from pipeline.build.ship import convert_all, publish_all, status_of
from pipeline.claims.check import check_documents
from pipeline.compute.facts import facts
from pipeline.compute.indicators import indicators as compute_indicators
from pipeline.convert import Converter, LibreOffice, find_soffice, soffice_version
from pipeline.errors import Diagnostic, Location, Severity, ToolMissing, has_errors, warning
from pipeline.intake.acknowledgements import acknowledge, with_paragraph_context
from pipeline.intake.inputs import read_inputs
from pipeline.intake.pandoc import pandoc_version
from pipeline.model import Inputs
from pipeline.publish.fingerprint import code_digest, inputs_fingerprint, remember, unchanged_since
from pipeline.publish.outputs import discard, exclusive, staging_area, write_status
from pipeline.publish.status import DocumentStatus, status_html, summary_lines
from pipeline.reference import name_variants
from pipeline.validate.rules import validate
from pipeline.versions import MEMO


@dataclass(frozen=True)
class BuildResult:
    diagnostics: tuple[Diagnostic, ...]
    documents: tuple[DocumentStatus, ...]
    figures: Mapping[str, object] = field(default_factory=dict)  # the data's figures, for the status
    sheets: Mapping[str, int] = field(default_factory=dict)  # rows read per data sheet
    status: Mapping[str, object] = field(default_factory=dict)  # status.json's values, as written


def check(
    inputs_dir: Path,
    templates_dir: Path,
    *,
    final: bool = False,
    converter: Converter | None = None,
    cache: Path | None = None,
    progress: Progress = quiet,
    whole_build: bool = False,
) -> tuple[Inputs, list[Diagnostic]]:
    """Intake, validation and the figures' check: every finding, sorted errors first. Writes nothing but
    the ``cache``. In a ``whole_build`` an acknowledgement that matches nothing yet is not called lapsed:
    the later phases may find what it acknowledges (:func:`_build` applies them again at the end)."""
    progress(Step("intake"))
    inputs = read_inputs(inputs_dir, templates_dir, final=final, converter=converter or LibreOffice(), cache=cache)
    progress(Step("validate"))
    diagnostics = list(inputs.diagnostics) + validate(inputs, name_variants())
    # Figures are checked when the data can be trusted; a draft's own errors do not stop it.
    if inputs.config is not None and not has_errors(d for d in diagnostics if d.code.startswith(("data", "config"))):
        progress(Step("check figures"))
        found, tallies = check_claims(inputs)
        diagnostics.extend(found)
        inputs = replace(inputs, claims=tallies)
    # Keys from what each finding is about, before --final changes a message; then the warnings the ISU
    # let stand in inputs/acknowledged.yaml are marked, and --final makes errors of the others.
    diagnostics = with_paragraph_context(diagnostics, inputs.drafts.values())
    # a build that stops at these errors goes no further: then an entry that matched nothing has lapsed
    lapses = not whole_build or has_errors(diagnostics)
    diagnostics = acknowledge(diagnostics, inputs.acknowledgements, lapses=lapses)
    if final:
        diagnostics = [_final(d) for d in diagnostics]
    diagnostics.sort(key=lambda d: (-d.severity, str(d.location.path), d.location.place))
    return inputs, diagnostics


def check_claims(inputs: Inputs) -> tuple[list[Diagnostic], dict[str, dict[str, int]]]:
    """The figures, dates and years the drafts type, checked against the data's facts (compute's own
    indicators and rows), per document."""
    config = inputs.config
    assert config is not None
    period = config.meeting.reporting_period
    known = facts(inputs.data, period, compute_indicators(inputs.data, period).figures)
    return check_documents(config, inputs.drafts, known)


def _final(d: Diagnostic) -> Diagnostic:
    """In final mode a document must be complete and clean: warnings become errors, except those
    acknowledged. The error keeps the warning's key, the one to acknowledge it by."""
    if d.severity == Severity.WARNING and not d.acknowledged:
        return replace(d, severity=Severity.ERROR, message=d.message + " (an error with --final)", pinned_key=d.key)
    return d


def build(
    inputs_dir: Path,
    outputs_dir: Path,
    templates_dir: Path,
    *,
    final: bool = False,
    converter: Converter | None = None,
    progress: Progress = quiet,
) -> BuildResult:
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
            progress(Step("nothing changed"))
        else:
            result = _build(
                inputs_dir,
                outputs_dir,
                templates_dir,
                final=final,
                converter=converter or LibreOffice(),
                progress=progress,
                code=code,
                tools=tools,
            )
        result = replace(result, status=report(outputs_dir, result, inputs_dir, templates_dir))
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


def _build(
    inputs_dir: Path,
    outputs_dir: Path,
    templates_dir: Path,
    *,
    final: bool,
    converter: Converter,
    progress: Progress,
    code: str,
    tools: Mapping[str, str],
) -> BuildResult:
    inputs, diagnostics = check(
        inputs_dir,
        templates_dir,
        final=final,
        converter=converter,
        cache=outputs_dir / ".cache" / "pandoc",
        progress=progress,
        whole_build=True,
    )
    # A returned translation with an error is left out (its language version keeps its last outputs): the
    # rest is built. With --final it still stops the build below, before anything is published.
    stop_on_errors(diagnostics, "the inputs have errors")
    _require(converter)
    progress(Step("compute"))
    plan = compute_plan(inputs, diagnostics, final, outputs_dir, code, tools)
    if not plan.jobs:
        progress(Step("nothing changed"))
        return _result(
            plan,
            diagnostics,
            [status_of(plan, spec, outputs_dir, "unchanged", plan.previous.get(spec.id)) for spec in plan.specs],
            final,
        )
    staging = staging_area(outputs_dir)
    try:
        made = []
        documents, batches = tuple(spec.symbol for spec, _ in plan.jobs), conversion_batches(plan)
        for index, (spec, subject) in enumerate(plan.jobs, 1):
            step = Step("render", spec.symbol, index, documents, batches)
            progress(step)
            made.append(render_document(plan, spec, subject, staging, diagnostics))
            keep_refused(plan, made[-1], outputs_dir, staging)
            progress(replace(step, phase="verify"))
            diagnostics.extend(verify_document(plan, made[-1]))
            progress(replace(step, phase="export"))
            export_document(plan, made[-1], staging)

        def converting(language: str, files: int) -> None:
            index = batches.index(language) + 1 if language in batches else 0
            progress(Step("convert", None, index, documents, batches, files))

        failed = convert_all(plan, made, converter, staging, diagnostics, converting)
        if final:
            stop_on_errors(
                settled(plan, diagnostics, final),
                "with --final, every warning must be fixed or acknowledged",
                every_error=True,
            )
        progress(Step("publish", None, 0, documents, batches))
        statuses = publish_all(plan, made, failed, staging, outputs_dir, diagnostics)
    except BaseException:
        discard(staging)
        raise
    return _result(plan, diagnostics, statuses, final)


def conversion_batches(plan: Plan) -> tuple[str, ...]:
    """The languages of the Word files this build makes, in the order the conversion takes them (one
    LibreOffice batch each): each document's original language, then its returned translations."""
    languages = []
    for spec, _subject in plan.jobs:
        languages.append(spec.original_language)
        languages += sorted(language for doc_id, language in plan.inputs.translations if doc_id == spec.id)
    return tuple(dict.fromkeys(languages))


def _require(converter: Converter) -> None:
    if not converter.available():
        raise ToolMissing(
            "LibreOffice is not installed: run 'make report' as root to install it, "
            "or install the Debian package libreoffice-writer-nogui"
        )


def settled(plan: Plan, diagnostics: list[Diagnostic], final: bool = False) -> list[Diagnostic]:
    """Every finding of the build, the later phases' too, against inputs/acknowledged.yaml (now an entry that
    matches nothing has lapsed); with ``final``, every open warning an error."""
    everything = acknowledge(
        with_paragraph_context(diagnostics, plan.inputs.drafts.values()), plan.inputs.acknowledgements
    )
    return [_final(d) for d in everything] if final else everything


def _result(
    plan: Plan, diagnostics: list[Diagnostic], statuses: list[DocumentStatus], final: bool = False
) -> BuildResult:
    """The build's answer; with ``final``, an open warning of a document left unchanged is an error too."""
    sheets = {name: len(rows) for name, rows in plan.inputs.data.records.items()}
    everything = settled(plan, diagnostics + still_incomplete(plan, statuses), final)
    return BuildResult(tuple(everything), tuple(statuses), plan.figures.figures, sheets)


def still_incomplete(plan: Plan, statuses: list[DocumentStatus]) -> list[Diagnostic]:
    """A document left unchanged is not merged again, so its translations are not checked again: an
    incomplete one, as the last build found it, is said again (a warning; an error with --final)."""
    found = []
    for status in statuses:
        if not status.state.startswith("unchanged"):
            continue
        for language, state in status.languages:
            if state.startswith("incomplete"):
                returned = plan.inputs.translations.get((status.document_id, language))
                where = Location(returned.display if returned else f"{plan.inputs.inputs_dir.name}/translations")
                found.append(
                    warning(
                        "translation.incomplete",
                        where,
                        f"the {language} translation of {status.symbol} is still {state}; the {language} "
                        "document stays marked incomplete",
                    )
                )
    return found


def report(
    outputs_dir: Path, result: BuildResult, inputs_dir: Path | None = None, templates_dir: Path | None = None
) -> dict:
    """The status of every document: outputs/status.json, status.html (its calendar from ``inputs_dir``'s
    meeting.yaml, its page template from ``templates_dir``/html, as the documents' pages), and this run's
    log; returns status.json's values."""
    data = build_status(outputs_dir, inputs_dir, result.documents, result.diagnostics, result.figures, result.sheets)
    lines = [str(d) for d in result.diagnostics] + summary_lines(data)
    pages = templates_dir / "html" if templates_dir is not None else None
    write_status(outputs_dir, data, status_html(data, "Status of the documents", templates=pages), lines)
    return data
