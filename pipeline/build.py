"""The orchestrator: wires the stages, in named phases, and owns the I/O between them.

    intake -> validate -> compute -> render -> convert -> publish

The stages do not call each other. Diagnostics from intake and validation are
collected and reported together; errors (and, in final mode, warnings) stop the
build before anything is written, so the previous outputs stay as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping

from pipeline import __version__
from pipeline.compute.indicators import indicators as compute_indicators
from pipeline.convert import Converter, LibreOffice, pdf_options
from pipeline.compute.families import expand
from pipeline.errors import Diagnostic, InputsInvalid, Location, Severity, ToolMissing, error, has_errors, warning
from pipeline.verify.fidelity import document_words, lost_words
from pipeline.compute.figures import fill
from pipeline.verify.fonts import problems as font_problems
from pipeline.intake.inputs import Inputs, read_inputs
from pipeline.model import DocumentSpec
from pipeline.publish.outputs import discard, exclusive, publish, staging_area, write, write_reports
from pipeline.publish.issued import latest, revision_symbol
from pipeline.publish.keys import document_key, reasons, row_digests, sheet_digest
from pipeline.export.redline import changes_summary, redline
from pipeline.reference import name_variants
from pipeline.model.blocks import Placeholder
from pipeline.export.html import to_html
from pipeline.compute.localise import figure_in, indicators_in, subject_in
from pipeline.verify.preflight import clean, preflight, preflight_text
from pipeline.render.document import LANGUAGE_TAGS, TemplateProblem, render, section_blocks
from pipeline.xliff.units import merge, plain_of, units
from pipeline.xliff.files import Document, write_xliff
from pipeline.publish.status import DocumentStatus, document_status, status_data, status_from_data, status_html, status_lines
from pipeline.validate.rules import validate

PHASES = ("intake", "validate", "compute", "render", "verify", "export", "convert", "publish")


@dataclass(frozen=True)
class BuildResult:
    diagnostics: tuple[Diagnostic, ...]
    documents: tuple[DocumentStatus, ...]
    figures: Mapping[str, object] = field(default_factory=dict)  # the data's figures, for the status
    sheets: Mapping[str, int] = field(default_factory=dict)  # rows read per data sheet


def output_name(symbol: str) -> str:
    """A file name from a document symbol: CCM/MSP/2025/7 -> CCM_MSP_2025_7."""
    return "".join(c if c.isalnum() or c in "-." else "_" for c in symbol)


def check(inputs_dir: Path, templates_dir: Path, *, final: bool = False, converter: Converter | None = None,
          cache: Path | None = None,
          progress: Callable[[str], None] = lambda _: None) -> tuple[Inputs, list[Diagnostic]]:
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


def build(inputs_dir: Path, outputs_dir: Path, templates_dir: Path, *, final: bool = False,
          converter: Converter | None = None,
          progress: Callable[[str], None] = lambda _: None) -> BuildResult:
    """Every document of meeting.yaml into ``outputs_dir``, all or (per document) nothing."""
    with exclusive(outputs_dir):
        fingerprint = inputs_fingerprint(inputs_dir, templates_dir, final)
        result = _unchanged_since(outputs_dir, fingerprint)
        if result is not None:
            progress("nothing changed")
        else:
            result = _build(inputs_dir, outputs_dir, templates_dir, final=final, converter=converter,
                            progress=progress)
        report(outputs_dir, result)
        _remember(outputs_dir, fingerprint, result)
        return result


# --- the no-op fast path ---------------------------------------------------------------------
# Before any parsing: one digest of every file the build could read. When it equals the last
# successful build's and that build's outputs are all there, the answer is that build's, at once;
# otherwise the full build runs and its document keys say what changed and why.

FINGERPRINT = ".fingerprint.json"


def inputs_fingerprint(inputs_dir: Path, templates_dir: Path, final: bool) -> str:
    """SHA-256 over every file under inputs/ and templates/ (relative path and content), the mode
    (--final or not) and the pipeline's version."""
    digest = hashlib.sha256(f"{__version__}\n{final}\n".encode("utf-8"))
    for label, root in (("inputs", inputs_dir), ("templates", templates_dir)):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            try:
                content = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                content = "unreadable"
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\0{content}\n".encode("utf-8"))
    return digest.hexdigest()


def _remember(outputs_dir: Path, fingerprint: str, result: BuildResult) -> None:
    """Keep what a build without errors found, for the next build with the same inputs."""
    where = outputs_dir / FINGERPRINT
    if has_errors(result.diagnostics):
        where.unlink(missing_ok=True)
        return
    data = {"fingerprint": fingerprint,
            "diagnostics": [{"code": d.code, "severity": int(d.severity), "path": d.location.path,
                             "place": d.location.place, "message": d.message} for d in result.diagnostics],
            "documents": [asdict(d) for d in result.documents],
            "figures": dict(result.figures), "sheets": dict(result.sheets)}
    write_reports(outputs_dir, {FINGERPRINT: json.dumps(data, ensure_ascii=False, default=str)}, "", "")


def _unchanged_since(outputs_dir: Path, fingerprint: str) -> BuildResult | None:
    try:
        data = json.loads((outputs_dir / FINGERPRINT).read_text(encoding="utf-8"))
        if data.get("fingerprint") != fingerprint or not (outputs_dir / "manifest.json").is_file():
            return None
        documents = tuple(status_from_data(d, state="unchanged") for d in data["documents"])
        diagnostics = tuple(Diagnostic(d["code"], Severity(d["severity"]), Location(d["path"], d["place"]),
                                       d["message"]) for d in data["diagnostics"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for document in documents:  # its Word and PDF files, and a folder per merged translation
        translations = [outputs_dir / document.document_id / language for language, _state in document.languages]
        if not all(Path(f).exists() for f in list(document.files) + translations):
            return None
    return BuildResult(diagnostics, documents, data.get("figures", {}), data.get("sheets", {}))


def report(outputs_dir: Path, result: BuildResult) -> None:
    """outputs/status.json, outputs/status.html and this run's log in outputs/logs/."""
    data = status_data(result.documents, result.diagnostics, result.figures, result.sheets)
    lines = [str(d) for d in result.diagnostics] + [line for s in result.documents for line in status_lines(s)]
    moment = dt.datetime.now(dt.timezone.utc)
    write_reports(outputs_dir, {"status.json": json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                                "status.html": status_html(data, "ccm-report: status of the documents")},
                  f"build-{moment:%Y%m%d-%H%M%S}.log", "\n".join([f"build at {moment:%Y-%m-%d %H:%M:%S} UTC"] + lines) + "\n")


def _build(inputs_dir: Path, outputs_dir: Path, templates_dir: Path, *, final: bool,
           converter: Converter | None, progress: Callable[[str], None]) -> BuildResult:
    converter = converter or LibreOffice()
    inputs, diagnostics = check(inputs_dir, templates_dir, final=final, converter=converter,
                                cache=outputs_dir / ".cache" / "pandoc", progress=progress)
    if has_errors(diagnostics) or inputs.config is None:
        raise InputsInvalid("the inputs have errors; nothing was built", tuple(diagnostics))
    config = inputs.config
    if not converter.available():
        raise ToolMissing("LibreOffice is not installed: run 'make report' as root to install it, "
                          "or install the Debian package libreoffice-writer-nogui")

    progress("compute")
    figures = compute_indicators(inputs.data, config.meeting.reporting_period)
    jobs: list[tuple[DocumentSpec, object]] = [(spec, None) for spec in config.documents]
    for family in config.families:
        members, family_problems = expand(family, inputs.data)
        diagnostics.extend(family_problems)
        jobs.extend((member.spec, member.fields) for member in members)
    if has_errors(diagnostics):
        raise InputsInvalid("the document families cannot be made; nothing was built", tuple(diagnostics))
    specs = [spec for spec, _subject in jobs]

    filled, figure_problems = fill_figures(inputs, figures.figures, final)
    diagnostics.extend(figure_problems)
    if has_errors(figure_problems):
        raise InputsInvalid("the drafts name figures that do not exist; nothing was built", tuple(diagnostics))

    previous = _previous_manifest(outputs_dir)
    rows = _rows(inputs)
    used = {spec.id: _inputs_of(inputs, spec, rows) for spec in specs}
    keys = {spec.id: document_key(spec, config, used[spec.id]) for spec in specs}
    # A document changed since it was issued is a revision: /Rev.n, and a redline against the issued one;
    # one unchanged since keeps the symbol it was issued under.
    issued_versions = {spec.id: latest(inputs_dir, spec.id) for spec in specs}
    revised: dict[str, DocumentSpec] = {}
    for spec in specs:
        earlier = issued_versions[spec.id]
        if earlier is not None:
            symbol = earlier.symbol if earlier.key == keys[spec.id] \
                else revision_symbol(spec.symbol, earlier, spec.changes_after_issue)
            if symbol != spec.symbol:
                revised[spec.id] = replace(spec, symbol=symbol)
    why = {spec.id: reasons(previous.get(spec.id), keys[spec.id], used[spec.id],
                            all(p.exists() for p in _output_files(outputs_dir, revised.get(spec.id, spec))), rows)
           for spec in specs}
    jobs = [(revised.get(spec.id, spec), subject) for spec, subject in jobs if why[spec.id]]
    unchanged = [spec for spec in specs if not why[spec.id]]
    if not jobs:
        progress("nothing changed")
        return BuildResult(tuple(diagnostics), tuple(
            _status(revised.get(spec.id, spec), inputs, outputs_dir, "unchanged", _languages(previous.get(spec.id)))
            for spec in specs), figures.figures, _sheets(inputs))

    progress("render")
    staging = staging_area(outputs_dir)
    try:
        # (document, language, page title, Word file): to convert, and to write as a web page
        rendered: list[tuple[DocumentSpec, str, str, Path]] = []
        statuses = []
        languages: dict[str, list[tuple[str, str]]] = {}
        manifest_docs = {spec.id: previous[spec.id] for spec in unchanged}
        for spec, subject in jobs:
            bodies = {s.id: section_blocks(s, filled.get(s.id), inputs.problems.get(s.id))
                      for s in spec.sections}
            data = clean(render(inputs.templates[spec.template], config, spec, bodies, figures, subject),
                         LANGUAGE_TAGS[spec.original_language])
            diagnostics.extend(verify(spec, inputs, data))
            folder = staging / spec.id
            name = output_name(spec.symbol)
            docx_path = folder / spec.original_language / f"{name}.docx"
            write(docx_path, data)
            diagnostics.extend(_preflight(spec, spec.original_language, data, docx_path))
            earlier = issued_versions[spec.id]
            if earlier is not None and earlier.key != keys[spec.id]:
                marked = redline(earlier.docx.read_bytes(), data, date=f"{spec.date.isoformat()}T00:00:00Z")
                write(docx_path.with_name(f"{name}-redline.docx"), marked)
                write(docx_path.with_name(f"{name}-changes.txt"),
                      changes_summary(earlier.symbol, spec.symbol, marked).encode("utf-8"))
            rendered.append((spec, spec.original_language, f"{spec.symbol}: {spec.title}", docx_path))

            progress(f"export {spec.symbol}")
            source_units = units(config, spec, bodies)
            for version, where in (("2.1", "xliff"), ("1.2", "xliff-1.2")):
                if version == "1.2" and not config.translation.xliff_1_2:
                    continue
                for language in config.translation.languages:
                    if language == spec.original_language:
                        continue
                    known = inputs.translations.get((spec.id, language))
                    xlf = write_xliff(Document(spec.id, spec.symbol, spec.original_language, language),
                                      source_units, version=version,
                                      targets=known.returned.targets if known else None)
                    write(folder / where / f"{name}.{spec.original_language}-{language}.xlf", xlf)

            languages[spec.id] = []
            for (doc_id, language), translation in sorted(inputs.translations.items()):
                if doc_id != spec.id:
                    continue
                merged, found = merge_translation(spec, config, bodies, translation, language)
                diagnostics.extend(found)
                translated = clean(render(
                    inputs.templates[f"{language}/{spec.template}"], merged.config, merged.spec, merged.bodies,
                    indicators_in(figures, language), subject_in(subject, language), language=language),
                    LANGUAGE_TAGS[language])
                path = folder / language / f"{name}.docx"
                write(path, translated)
                diagnostics.extend(_preflight(spec, language, translated, path))
                if merged.missing:
                    write(path.with_name(f"{name}-untranslated.txt"),
                          untranslated_list(translation.display, merged.missing).encode("utf-8"))
                total = len([u for u in source_units if u.translate])
                languages[spec.id].append((language, f"incomplete: {len(merged.missing)} of {total} units "
                                                     "untranslated" if merged.missing else "complete"))
                rendered.append((spec, language, f"{merged.spec.symbol}: {merged.spec.title}", path))
            manifest_docs[spec.id] = {
                "symbol": next(x.symbol for x in specs if x.id == spec.id),
                "issued_symbol": spec.symbol,
                "key": keys[spec.id],
                "pipeline_version": __version__,
                "docx_sha256": hashlib.sha256(data).hexdigest(),
                "inputs": used[spec.id],
                "rows": rows,
                "languages": dict(languages[spec.id]),
            }

        progress("convert")
        # The language versions of a document share its file name: one batch (and folder) per language.
        conversions = {}
        for language in dict.fromkeys(entry[1] for entry in rendered):
            batch = [entry[-1] for entry in rendered if entry[1] == language]
            done = converter.convert(batch, staging / ".pdf" / language, to="pdf",
                                     options=pdf_options(config.pdf.archive, config.pdf.tagged))
            conversions.update(zip(batch, done))
        failed: set[str] = set()
        built = [spec for spec, _subject in jobs]
        for spec, language, title, docx_path in rendered:
            conversion = conversions[docx_path]
            if conversion.output is None:
                failed.add(spec.id)
                diagnostics.append(error(
                    "pdf.failed", Location(spec.symbol),
                    f"the {language} PDF could not be made ({conversion.problem}); this document's previous "
                    "outputs are kept, the other documents were built"))
            else:
                conversion.output.rename(docx_path.with_suffix(".pdf"))
                write(docx_path.with_suffix(".html"), to_html(
                    docx_path.read_bytes(), language=language, title=title).encode("utf-8"))

        changed = changed_inputs(inputs)
        if changed:
            raise InputsInvalid(f"{', '.join(changed)} changed during the build; nothing was published: "
                                "build again", tuple(diagnostics))

        progress("publish")
        published = [spec for spec in built if spec.id not in failed]
        for spec in specs:
            if spec.id not in failed:
                state = "unchanged" if spec in unchanged else "rebuilt: " + "; ".join(why[spec.id])
                earlier = issued_versions[spec.id]
                if earlier is not None and earlier.key != keys[spec.id]:
                    state += f"; a revision of the issued {earlier.symbol}, with a redline"
                statuses.append(_status(revised.get(spec.id, spec), inputs, outputs_dir, state,
                                        languages.get(spec.id, _languages(previous.get(spec.id)))))
        discard(staging / ".pdf")
        for doc_id in failed:  # what is on disk for it is still the previous build's
            manifest_docs.pop(doc_id)
            if doc_id in previous:
                manifest_docs[doc_id] = previous[doc_id]
        publish(staging, outputs_dir, [spec.id for spec in published],
                {"pipeline_version": __version__, "documents": manifest_docs})
    except BaseException:
        discard(staging)
        raise
    return BuildResult(tuple(diagnostics), tuple(statuses), figures.figures, _sheets(inputs))


def merge_translation(spec: DocumentSpec, config, bodies, translation, language: str):
    """A returned translation merged into a document, and what is wrong with it: units left
    untranslated (by section), codes the translator dropped or added."""
    merged = merge(config, spec, bodies, translation.returned.targets,
                   format_figure=lambda name, value: figure_in(name, value, language))
    found = []
    for unit, problem in merged.problems:
        found.append(warning("translation.code", Location(translation.display, f"unit {unit.id}"),
                             f"{unit.note}: {problem}"))
    by_section: dict[str, list] = {}
    for unit in merged.missing:
        by_section.setdefault(unit.section, []).append(unit)
    for section, missing in by_section.items():
        sample = ", ".join(u.id for u in missing[:4]) + (", ..." if len(missing) > 4 else "")
        found.append(warning("translation.incomplete", Location(translation.display, f"section {section}"),
                             f"{len(missing)} unit(s) not translated ({sample}); they stay in "
                             f"{spec.original_language} and the {language} document is marked incomplete "
                             f"(the full list is in the -untranslated.txt file beside it)"))
    if merged.missing:
        # Said on the first page too, so that a reader of the PDF cannot miss it.
        first = spec.sections[0].id
        banner = Placeholder(f"[Incomplete translation: {len(merged.missing)} unit(s) of this document are "
                             f"still in the original language ({spec.original_language}); see "
                             f"{Path(translation.display).name}.]")
        merged = replace(merged, bodies={**merged.bodies, first: (banner,) + merged.bodies[first]})
    return merged, found


def untranslated_list(source: str, missing) -> str:
    lines = [f"Units not translated in {source}: {len(missing)}", ""]
    lines.extend(f"{u.id}\t{u.note}\t{plain_of(u.source)[:80]}" for u in missing)
    return "\n".join(lines) + "\n"


def _preflight(spec: DocumentSpec, language: str, docx: bytes, path: Path) -> list[Diagnostic]:
    """The UN's rules for a Word file, checked on what was made; the report is written beside it."""
    result = preflight(docx, spec.word_limit)
    write(path.with_name(f"{path.stem}-preflight.txt"), (preflight_text(spec.symbol, result) + "\n").encode("utf-8"))
    found = [warning(f"preflight.{f.code}", Location(f"{spec.symbol} ({language})", f.place), f.message)
             for f in result.findings]
    return found


def _languages(previous: dict | None) -> tuple[tuple[str, str], ...]:
    return tuple(((previous or {}).get("languages") or {}).items())


def _sheets(inputs: Inputs) -> dict[str, int]:
    return {name: len(rows) for name, rows in inputs.data.records.items()}


def _output_files(outputs_dir: Path, spec: DocumentSpec) -> tuple[Path, Path]:
    docx = outputs_dir / spec.id / spec.original_language / f"{output_name(spec.symbol)}.docx"
    return docx, docx.with_suffix(".pdf")


def _status(spec: DocumentSpec, inputs: Inputs, outputs_dir: Path, state: str,
            languages: tuple[tuple[str, str], ...] = ()) -> DocumentStatus:
    files = tuple(str(p) for p in _output_files(outputs_dir, spec))
    return document_status(spec, dict(inputs.drafts), dict(inputs.stats), files, dict(inputs.folders), state,
                           tuple(languages))


def fill_figures(inputs: Inputs, figures, final: bool) -> tuple[dict, list[Diagnostic]]:
    """Each draft with its [[name]] figures filled in from the data; an unknown name is named."""
    filled, found = {}, []
    known = ", ".join(sorted(figures))
    for section_id, draft in inputs.drafts.items():
        blocks, unknown = fill(draft.blocks, figures)
        filled[section_id] = replace(draft, blocks=blocks)
        for name, origin in unknown:
            make = error if final else warning
            found.append(make("draft.unknown-figure", Location(draft.source.display, f"paragraph {origin}"),
                              f"[[{name}]] names no figure; it is left as typed. Figures: {known}"))
    return filled, found


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


def verify(spec, inputs: Inputs, docx: bytes) -> list[Diagnostic]:
    """Every word of every draft is in the rendered document, in order (see :mod:`pipeline.verify.fidelity`),
    and every font and script it uses will print as written (see :mod:`pipeline.verify.fonts`)."""
    document = document_words(docx)
    found = [warning("pdf.font", Location(spec.symbol), message)
             for message in font_problems(docx, " ".join(document.body + document.notes))]
    for section in spec.sections:
        draft = inputs.drafts.get(section.id)
        if draft is None:
            continue
        missing = lost_words(draft.words, document)
        if missing:
            sample = ", ".join(dict.fromkeys(missing[:8]))
            found.append(warning("draft.lost-text", Location(draft.source.display),
                                 f"{len(missing)} word(s) of the draft are not in {spec.symbol} "
                                 f"(first: {sample}); check the section by eye, and report this "
                                 "as a bug of ccm-report with the draft attached"))
    return found


def _inputs_of(inputs: Inputs, spec, rows: dict[str, list[str]]) -> dict[str, str]:
    """The hashes of what one document is made from: meeting.yaml, its template, its drafts, the data
    schema, and each data sheet's ``rows`` (so a re-saved workbook with the same rows changes nothing)."""
    used = {}
    for path, digest in inputs.hashes.items():
        if path.endswith(("meeting.yaml", "schema.yaml")) or path.endswith(spec.template):
            used[path] = digest
    for sheet, digests in rows.items():
        used[f"data:{sheet}"] = sheet_digest(digests)
    for section in spec.sections:
        draft = inputs.drafts.get(section.id)
        if draft is not None:
            used[draft.source.display] = draft.source.sha256
    for (doc_id, _language), translation in inputs.translations.items():
        if doc_id == spec.id:
            used[translation.display] = translation.sha256
    return dict(sorted(used.items()))


def _rows(inputs: Inputs) -> dict[str, list[str]]:
    return {sheet: row_digests(records) for sheet, records in inputs.data.records.items()}


__all__ = ["build", "check", "BuildResult", "PHASES", "TemplateProblem"]
