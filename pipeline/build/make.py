"""render, verify and export, as the build runs them for one document and its language versions."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pipeline.build.plan import Plan
from pipeline.compute.families import Fields, field_provenance, share_indicators
from pipeline.compute.localise import figure_in, indicators_in, subject_in
from pipeline.errors import Diagnostic, Location, warning
from pipeline.export.clean import clean
from pipeline.export.figures import figure_rows, figures_json, figures_page
from pipeline.export.html import document_page
from pipeline.export.redline import changes_summary, redline
from pipeline.model import DocumentSpec
from pipeline.model.blocks import Block
from pipeline.ooxml.figures import FigureTable, comment_text, placed_entries, review, strip
from pipeline.publish.outputs import output_name, review_files, write
from pipeline.render.document import LANGUAGE_TAGS, render, section_blocks, template_context
from pipeline.render.properties import property_findings
from pipeline.render.translated import left_in_original, merge_translation, untranslated_list
from pipeline.verify.checks import verify
from pipeline.verify.preflight import preflight, preflight_text
from pipeline.xliff.accept import accepted
from pipeline.xliff.document import Document
from pipeline.xliff.prefill import prefilled
from pipeline.xliff.tmx import write_tmx
from pipeline.xliff.walk import units
from pipeline.xliff.write import write_xliff


@dataclass
class Version:
    """One language version of a document, rendered: its Word file in the staging area."""

    language: str
    template: str  # the Word template's name ("fr/progress-report.docx"); the web page's is named after it
    context: Mapping[str, object]  # what the Word file was rendered from, with the sections' blocks, for the page
    docx: Path
    data: bytes
    figures: int = 0  # figures from the data it shows, each traced to its cells


@dataclass
class Made:
    """One document rendered in its original language and its returned translations."""

    spec: DocumentSpec
    subject: Fields | None  # a family member's fields; None for a document of its own
    bodies: Mapping[str, tuple[Block, ...]]
    versions: list[Version]
    languages: list[tuple[str, str]]  # merged translations: (language, "complete" | "incomplete: ...")
    units: tuple = ()


def render_document(
    plan: Plan, spec: DocumentSpec, subject: Fields | None, staging: Path, diagnostics: list[Diagnostic]
) -> Made:
    """The document's Word file in its original language, its redline against the issued version,
    and one Word file per returned translation, merged."""
    config, inputs = plan.inputs.config, plan.inputs
    assert config is not None
    if subject is not None:  # what the document shares with the meeting's indicators is theirs: one source
        subject, found = share_indicators(subject, plan.figures)
        diagnostics.extend(found)
    bodies = {s.id: section_blocks(s, plan.drafts.get(s.id), inputs.problems.get(s.id)) for s in spec.sections}
    table = FigureTable()
    marked = render(
        inputs.templates[spec.template],
        config,
        spec,
        bodies,
        plan.figures,
        subject,
        figures=table,
        subject_provenance=field_provenance(subject) if subject is not None else None,
    )
    data = clean(strip(marked), LANGUAGE_TAGS[spec.original_language])
    diagnostics.extend(property_findings(spec, config, spec.original_language))
    name = output_name(spec.symbol)
    docx_path = staging / spec.id / spec.original_language / f"{name}.docx"
    write(docx_path, data)
    count = review_document(plan, spec, spec.original_language, marked, table, staging)
    context = template_context(config, spec, bodies, plan.figures, subject)
    made = Made(
        spec,
        subject,
        bodies,
        [Version(spec.original_language, spec.template, context, docx_path, data, count)],
        [],
        units(config, spec, bodies),
    )
    earlier = plan.issued[spec.id]
    if earlier is not None and earlier.key != plan.records[spec.id]["content_key"]:
        marked = redline(earlier.docx.read_bytes(), data, date=f"{spec.date.isoformat()}T00:00:00Z")
        write(docx_path.with_name(f"{name}-redline.docx"), marked)
        write(
            docx_path.with_name(f"{name}-changes.txt"),
            changes_summary(earlier.symbol, spec.symbol, marked).encode("utf-8"),
        )
    for (doc_id, language), translation in sorted(inputs.translations.items()):
        if doc_id == spec.id:
            diagnostics.extend(render_translation(plan, made, translation, language, staging))
    return made


def render_translation(plan: Plan, made: Made, translation, language: str, staging: Path) -> list[Diagnostic]:
    """A returned translation merged into the document's blocks and rendered from the language's template."""
    spec, config = made.spec, plan.inputs.config
    assert config is not None
    merged, found = merge_translation(
        spec,
        config,
        made.bodies,
        translation,
        language,
        format_figure=lambda name, value: figure_in(name, value, language),
    )
    found += property_findings(merged.spec, merged.config, language)
    template = f"{language}/{spec.template}"
    subject = subject_in(made.subject, language)
    values = (merged.config, merged.spec, merged.bodies, indicators_in(plan.figures, language), subject)
    table = FigureTable()
    marked = render(
        plan.inputs.templates[template],
        *values,
        language=language,
        figures=table,
        subject_provenance=field_provenance(subject) if subject is not None else None,
    )
    data = clean(strip(marked), LANGUAGE_TAGS[language])
    path = staging / spec.id / language / f"{output_name(spec.symbol)}.docx"
    write(path, data)
    count = review_document(plan, spec, language, marked, table, staging)
    if left_in_original(merged):
        write(
            path.with_name(f"{path.stem}-untranslated.txt"),
            untranslated_list(translation.display, merged).encode("utf-8"),
        )
    made.languages.append((language, translation_state(merged, len([u for u in made.units if u.translate]))))
    tag = translation.returned.document.target_tag
    if tag and tag.lower() != language:  # the region the translator's tool wrote ("fr-CA"), kept in the status
        made.languages[-1] = (language, f"{made.languages[-1][1]} (returned as {tag})")
    made.versions.append(Version(language, template, template_context(*values, language=language), path, data, count))
    return found


def translation_state(merged, total: int) -> str:
    """A language version's state in the status: "complete", or "incomplete: 3 of 168 units untranslated,
    1 stale, 2 partly translated"."""
    counts = [(len(merged.missing), f" of {total} units untranslated"), (len(merged.stale), " stale")]
    counts.append((len(merged.partial), " partly translated"))
    said = [f"{n}{what}" for n, what in counts if n]
    return f"incomplete: {', '.join(said)}" if said else "complete"


def keep_refused(plan: Plan, made: Made, outputs_dir: Path, staging: Path) -> None:
    """A language version whose returned file was refused keeps its last outputs: its folders (the version's
    and its review's) are carried into the staging area as they are, and its state in the manifest."""
    for (doc_id, language), shown in sorted(plan.inputs.refused_translations.items()):
        if doc_id != made.spec.id or language == made.spec.original_language:
            continue
        kept = False
        for part in ((language,), ("review", language)):
            previous = outputs_dir.joinpath(doc_id, *part)
            if previous.is_dir() and not staging.joinpath(doc_id, *part).exists():
                shutil.copytree(previous, staging.joinpath(doc_id, *part))
                kept = kept or part == (language,)
        before = (plan.previous.get(doc_id) or {}).get("languages", {}).get(language, "")
        if kept:
            state = before.split("; kept from", 1)[0] or "as last built"
            made.languages.append(
                (language, f"{state}; kept from the last build: {shown} was refused (see the errors)")
            )


def review_document(
    plan: Plan, spec: DocumentSpec, language: str, marked: bytes, table: FigureTable, staging: Path
) -> int:
    """For the Committee's review, beside the version (``<id>/review/<language>/``): the Word file with a
    comment on each figure from the data naming its sources, and the figures page (HTML and JSON);
    the number of figures."""
    tagged = clean(marked, LANGUAGE_TAGS[language])
    rows = figure_rows(placed_entries(tagged, table))
    copy, _comments = review(
        tagged,
        lambda index: comment_text(table.entries[index]),
        author="ccm-report",
        initials="CR",
        date=dt.datetime.combine(spec.date, dt.time(0, 0)),
    )
    docx, page, listing = review_files(staging, spec.id, language, spec.symbol)
    write(docx, copy)
    html = figures_page(rows, spec.symbol, language, templates=plan.inputs.templates_dir / "html")
    write(page, html.encode("utf-8"))
    write(listing, figures_json(rows))
    return len(rows)


def verify_document(plan: Plan, made: Made) -> list[Diagnostic]:
    """Nothing of the drafts lost and every script printable (the original), and the UN's rules
    for a Word file (every version); each version's preflight report is written beside it."""
    original = made.versions[0]
    found = verify(made.spec, plan.inputs.drafts, original.data)
    for version in made.versions:
        result = preflight(version.data, made.spec.word_limit)
        write(
            version.docx.with_name(f"{version.docx.stem}-preflight.txt"),
            (preflight_text(made.spec.symbol, result) + "\n").encode("utf-8"),
        )
        found += [
            warning(f"preflight.{f.code}", Location(f"{made.spec.symbol} ({version.language})", f.place), f.message)
            for f in result.findings
        ]
    return found


def export_document(plan: Plan, made: Made, staging: Path) -> None:
    """For translators, an XLIFF file per target language (2.1, and 1.2 when asked), carrying the
    targets of its returns the merge accepts and, sentence by sentence, what the meeting's translation
    memory knows (the translated sentences of every return taken in, made once per build:
    ``plan.memories``), and a TMX per language of what that export pre-fills;
    for readers, each version as one web page."""
    config, spec = plan.inputs.config, made.spec
    assert config is not None
    name = output_name(spec.symbol)
    meeting = plan.memories
    for language in config.translation.languages:
        if language == spec.original_language:
            continue
        own = plan.inputs.translations.get((spec.id, language))
        filled = prefilled(
            made.units,
            accepted(own.returned, made.units) if own else None,
            meeting.get((spec.original_language, language)),
            partial(figure_in, language=language),
            document=spec.id,
            languages=(spec.original_language, language),
        )
        if filled.entries:  # what the export pre-fills, for a tool that takes it from a memory (OmegaT)
            tmx = write_tmx(filled, date=spec.date)
            write(staging / spec.id / "tmx" / f"{name}.{spec.original_language}-{language}.tmx", tmx)
    for xliff_version, where in (("2.1", "xliff"), ("1.2", "xliff-1.2")):
        if xliff_version == "1.2" and not config.translation.xliff_1_2:
            continue
        for language in config.translation.languages:
            if language == spec.original_language:
                continue
            known = plan.inputs.translations.get((spec.id, language))
            xlf = write_xliff(
                Document(spec.id, spec.symbol, spec.original_language, language),
                made.units,
                version=xliff_version,
                known=accepted(known.returned, made.units) if known else None,
                memory=meeting.get((spec.original_language, language)),
                omegat=config.translation.omegat,
                figure=partial(figure_in, language=language),
            )
            write(staging / spec.id / where / f"{name}.{spec.original_language}-{language}.xlf", xlf)
    for version in made.versions:
        page = document_page(version.context, version.template, templates=plan.inputs.templates_dir / "html")
        write(version.docx.with_suffix(".html"), page.encode("utf-8"))
