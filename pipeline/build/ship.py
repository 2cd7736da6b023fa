"""convert and publish, as the build runs them: every Word file to PDF, then one move into outputs/."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path

from pipeline import __version__
from pipeline.build.make import Made
from pipeline.build.plan import Plan, output_files
from pipeline.convert import Converter, pdf_options
from pipeline.errors import Diagnostic, InputsInvalid, Location, error, warning
from pipeline.intake.inputs import changed_since_read
from pipeline.model import DocumentSpec
from pipeline.ooxml.words import count_words
from pipeline.publish.issued import issued_note
from pipeline.publish.outputs import discard, publish
from pipeline.publish.status import DocumentStatus, document_status


def convert_all(
    plan: Plan,
    made: list[Made],
    converter: Converter,
    staging: Path,
    diagnostics: list[Diagnostic],
    converting: Callable[[str, int], None] = lambda _language, _files: None,
) -> set[str]:
    """Every Word file to PDF; the ids of the documents one of whose PDFs could not be made. Each batch
    (a language: LibreOffice converts its files in one run) is told to ``converting`` as it starts, with
    its number of Word files."""
    config = plan.inputs.config
    assert config is not None
    versions = [(m.spec, v) for m in made for v in m.versions]
    # a revision's redline (beside its original-language Word file) is converted with its batch
    redlines = [p for m in made if (p := redline_of(m.versions[0].docx)).is_file()]
    failed: set[str] = set()
    # The language versions of a document share its file name: one batch (and folder) per language.
    for language in dict.fromkeys(v.language for _spec, v in versions):
        batch = [v.docx for _spec, v in versions if v.language == language]
        batch += [p for p in redlines if p.parent.name == language]
        converting(language, len(batch))
        done = dict(
            zip(
                batch,
                converter.convert(
                    batch,
                    staging / ".pdf" / language,
                    to="pdf",
                    options=pdf_options(config.pdf.archive, config.pdf.tagged),
                ),
                strict=True,
            )
        )
        for spec, version in versions:
            if version.language != language:
                continue
            conversion = done[version.docx]
            if conversion.output is None:
                failed.add(spec.id)
                diagnostics.append(
                    error(
                        "pdf.failed",
                        Location(spec.symbol),
                        f"the {language} PDF could not be made ({conversion.problem}); this document's previous "
                        "outputs are kept, the other documents were built",
                    )
                )
            else:
                conversion.output.rename(version.docx.with_suffix(".pdf"))
        for path in (p for p in redlines if p in done):
            made_pdf = done[path].output
            if made_pdf is None:
                diagnostics.append(
                    warning(
                        "pdf.redline",
                        Location(path.name),
                        f"the redline's PDF could not be made ({done[path].problem}); its Word file is published",
                    )
                )
            else:
                made_pdf.rename(path.with_suffix(".pdf"))
    discard(staging / ".pdf")
    return failed


def redline_of(docx: Path) -> Path:
    """Where a revision's redline stands: beside its Word file, ``<name>-redline.docx``."""
    return docx.with_name(f"{docx.stem}-redline.docx")


def publish_all(
    plan: Plan, made: list[Made], failed: set[str], staging: Path, outputs_dir: Path, diagnostics: list[Diagnostic]
) -> list[DocumentStatus]:
    """The finished documents moved into ``outputs/`` in one step, with the manifest; a document
    whose PDF failed keeps its previous outputs and manifest entry."""
    changed = changed_since_read(plan.inputs)
    if changed:
        raise InputsInvalid(
            f"{', '.join(changed)} changed during the build; nothing was published: build again", tuple(diagnostics)
        )
    entries = {spec.id: plan.previous[spec.id] for spec in plan.specs if not plan.why[spec.id]}
    for m in made:
        if m.spec.id not in failed:
            entries[m.spec.id] = manifest_entry(plan, m)
        elif m.spec.id in plan.previous:
            entries[m.spec.id] = plan.previous[m.spec.id]
    publish(
        staging,
        outputs_dir,
        [m.spec.id for m in made if m.spec.id not in failed],
        {"pipeline_version": __version__, "documents": entries},
    )
    statuses = []
    for spec in plan.specs:
        if spec.id in failed:
            continue
        state = "rebuilt: " + "; ".join(plan.why[spec.id]) if plan.why[spec.id] else "unchanged"
        earlier = plan.issued[spec.id]
        if earlier is not None and earlier.key != plan.records[spec.id]["content_key"]:
            state += f"; a revision of the issued {earlier.symbol}, with a redline (Word and PDF)"
        statuses.append(status_of(plan, spec, outputs_dir, state, entries.get(spec.id)))
    return statuses


def manifest_entry(plan: Plan, made: Made) -> dict:
    spec_id = made.spec.id
    return {
        **plan.records[spec_id],
        "symbol": next(x.symbol for x in plan.specs if x.id == spec_id),
        "issued_symbol": made.spec.symbol,
        "printed": {"date": made.spec.date.isoformat(), "job_number": made.spec.job_number},  # its masthead's
        "pipeline_version": __version__,
        "docx_sha256": hashlib.sha256(made.versions[0].data).hexdigest(),
        "languages": dict(made.languages),
        "words": count_words(made.versions[0].data),
        "figures": made.versions[0].figures,  # figures from the data in the original, each traced to its cells
    }


def status_of(plan: Plan, spec: DocumentSpec, outputs_dir: Path, state: str, entry: Mapping | None) -> DocumentStatus:
    """A document's status from its manifest entry (this build's, or the last one's when unchanged)."""
    state += issued_note(plan.issued.get(spec.id))
    spec = plan.revised.get(spec.id, spec)
    entry = entry or {}
    languages = tuple((entry.get("languages") or {}).items())  # merged translations and how complete
    docx, pdf = output_files(outputs_dir, spec)
    words = entry.get("words")
    if words is None and docx.is_file():  # a manifest from before the count was kept
        words = count_words(docx.read_bytes())
    inputs = plan.inputs
    checked = tuple((inputs.claims.get(spec.id) or {}).items())
    figures = ((("from the data", int(entry["figures"])),) if "figures" in entry else ()) + checked
    return document_status(
        spec,
        dict(inputs.drafts),
        dict(inputs.stats),
        (str(docx), str(pdf)),
        dict(inputs.folders),
        state,
        languages,
        words,
        figures,
        inputs.config,
    )
