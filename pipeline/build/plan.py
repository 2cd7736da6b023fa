"""compute, as the build runs it: the figures, every document, and which of them to make now and why."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from pipeline.compute.families import Fields, expand
from pipeline.compute.figures import fill_drafts
from pipeline.compute.indicators import Indicators
from pipeline.compute.indicators import indicators as compute_indicators
from pipeline.errors import Diagnostic, InputsInvalid, Location, has_errors, warning
from pipeline.intake.captions import number_tables
from pipeline.model import Config, DocumentSpec, Draft, Inputs
from pipeline.publish.issued import Issued, latest, revisions
from pipeline.publish.keys import document_record, inputs_of, rows_of, why_rebuilt
from pipeline.publish.outputs import document_files, read_manifest
from pipeline.remind import CONTACTS
from pipeline.xliff.memory import Memory, memories


@dataclass(frozen=True)
class Plan:
    """What compute decided: the figures, every document, and which of them to make now and why."""

    inputs: Inputs
    figures: Indicators
    drafts: Mapping[str, Draft]  # by section id, with the data's figures filled in
    specs: tuple[DocumentSpec, ...]  # every document, under the symbol meeting.yaml gives
    jobs: tuple[tuple[DocumentSpec, Fields | None], ...]  # to make now: (spec as published, a family member's fields)
    why: Mapping[str, tuple[str, ...]]  # document id -> why it is made again; () when unchanged
    records: Mapping[str, dict]  # document id -> its key and what the key is made of (keys.document_record)
    issued: Mapping[str, Issued | None]
    revised: Mapping[str, DocumentSpec]  # document id -> its spec under a /Rev.n or /Corr.n symbol
    previous: Mapping[str, dict]  # the last manifest's entries

    @cached_property
    def memories(self) -> Mapping[tuple[str, str], Memory]:
        """The meeting's translation memory per language pair, from every returned translation taken
        in: made once per build (its index costs seconds for a large meeting), asked by every export."""
        return memories(translation.returned for _key, translation in sorted(self.inputs.translations.items()))


def _as_before_for_refused(inputs: Inputs, spec: DocumentSpec, used: dict[str, str], previous: Mapping) -> dict:
    """A document's inputs as the key sees them, a refused return's language version as it was: that
    version keeps its last outputs, so the returned file and translated template it was made from
    stay in the key (else the document would be rebuilt "because translations/x.xlf was removed").
    Decided by the paths alone: a good return removed in the same build as another one is refused is
    kept too, until the next build."""
    if not any(doc_id == spec.id for doc_id, _language in inputs.refused_translations):
        return used
    before = previous.get(spec.id, {}).get("inputs", {}) if isinstance(previous.get(spec.id), dict) else {}
    translated = re.compile(r"^(inputs/translations/[^/]+|templates/[a-z]{2,3}/.+)$")
    kept = {path: digest for path, digest in before.items() if path not in used and translated.match(path)}
    return dict(sorted({**used, **kept}.items()))


def stop_on_errors(diagnostics: list[Diagnostic], why: str, *, every_error: bool = False) -> None:
    """Stop the build on an error; a returned translation's (``translation.*``) stops it only with
    ``every_error``: otherwise that file is left out and its language version keeps its last outputs."""
    blocking = diagnostics if every_error else [d for d in diagnostics if not d.code.startswith("translation.")]
    if has_errors(blocking):
        raise InputsInvalid(f"{why}; nothing was built", tuple(diagnostics))


def compute_plan(
    inputs: Inputs, diagnostics: list[Diagnostic], final: bool, outputs_dir: Path, code: str, tools: Mapping[str, str]
) -> Plan:
    """The indicators, every document (families expanded), the drafts' [[figures]] filled in, and
    each document's key against the last build's: what to make now, and why."""
    config = inputs.config
    assert config is not None  # check() reported an error otherwise
    figures = compute_indicators(inputs.data, config.meeting.reporting_period)
    jobs: list[tuple[DocumentSpec, Fields | None]] = [(spec, None) for spec in config.documents]
    for family in config.families:
        members, found = expand(family, inputs.data, meeting_opens=config.meeting.dates.start)
        diagnostics.extend(found)
        jobs.extend((member.spec, member.fields) for member in members)
    stop_on_errors(diagnostics, "the document families cannot be made")
    drafts, found = fill_drafts(inputs.drafts, figures.figures, final)
    diagnostics.extend(found)
    drafts = tables_numbered(drafts, config)
    # the words each document is checked against (nothing lost) follow the tables' new numbers
    inputs = replace(
        inputs,
        drafts={sid: replace(d, words=drafts[sid].words) if sid in drafts else d for sid, d in inputs.drafts.items()},
    )
    stop_on_errors(found, "the drafts name figures that do not exist")

    specs = tuple(spec for spec, _subject in jobs)
    previous = read_manifest(outputs_dir)
    # the sheets no document reads (the States' contacts, for reminders) are no part of any document's key
    rows = {sheet: digests for sheet, digests in rows_of(inputs).items() if sheet != CONTACTS}
    records = {
        spec.id: document_record(
            spec,
            config,
            _as_before_for_refused(inputs, spec, inputs_of(inputs, spec, rows), previous),
            rows,
            code=code,
            tools=tools,
        )
        for spec in specs
    }
    # issued versions belong to a symbol: a document under a symbol never issued is a new document
    issued = {spec.id: latest(inputs.inputs_dir, spec.symbol) for spec in specs}
    # an issued version is compared by what the document says (content_key), not by the code that made it
    content = {doc_id: r["content_key"] for doc_id, r in records.items()}
    revised = revisions(specs, issued, content)
    for doc_id, spec in list(revised.items()):
        earlier = issued[doc_id]
        assert earlier is not None
        revised[doc_id], records[doc_id] = revision_of(spec, config, records[doc_id])
        if earlier.key != content[doc_id]:  # a new revision, not the one issued
            where = f"{inputs.inputs_dir.name}/meeting.yaml"
            diagnostics.extend(revision_findings(revised[doc_id], spec, config, earlier, where))
    why = {
        spec.id: tuple(
            why_rebuilt(previous.get(spec.id), records[spec.id], outputs_exist(outputs_dir, revised.get(spec.id, spec)))
        )
        for spec in specs
    }
    to_make = tuple((revised.get(spec.id, spec), subject) for spec, subject in jobs if why[spec.id])
    return Plan(inputs, figures, drafts, specs, to_make, why, records, issued, revised, previous)


def tables_numbered(drafts: Mapping[str, Draft], config: Config) -> dict[str, Draft]:
    """The drafts with their tables numbered through each document, in the order of its sections."""
    out = dict(drafts)
    for spec in config.documents:
        order = [s.id for chapter in spec.chapters for s in chapter.sections if s.id in drafts]
        out.update({d.section_id: d for d in number_tables([drafts[sid] for sid in order])})
    return out


def revision_of(spec: DocumentSpec, config: Config, record: dict) -> tuple[DocumentSpec, dict]:
    """A revision under its own date and job number, as meeting.yaml's ``revision:`` gives them (else the
    original's). They change the document's key (so giving them rebuilds it), not its content key."""
    date, job = config.revisions.get(spec.id, (None, None))
    if date is None and job is None:
        return spec, record
    given = {"date": date.isoformat() if date else None, "job_number": job}
    settings = hashlib.sha256(json.dumps([record["settings"], given]).encode()).hexdigest()
    key = hashlib.sha256(json.dumps([record["key"], given]).encode()).hexdigest()
    return replace(spec, date=date or spec.date, job_number=job or spec.job_number), {
        **record,
        "key": key,
        "settings": settings,
    }


def revision_findings(
    revised: DocumentSpec, original: DocumentSpec, config: Config, earlier: Issued, where: str = "meeting.yaml"
) -> list[Diagnostic]:
    """A warning when a new revision would carry the original's date or job number (or the issued
    version's): the UN gives each revision its own. ``where`` names meeting.yaml as the user sees it."""
    date, job = config.revisions.get(original.id, (None, None))
    given = {"date": date.isoformat() if date else "", "job_number": job or ""}
    before = {
        "date": (original.date.isoformat(), earlier.printed[0]),
        "job_number": (original.job_number, earlier.printed[1]),
    }
    stale = [what for what in ("date", "job_number") if not given[what] or given[what] in before[what]]
    if not stale:
        return []
    keeps = " and ".join(
        f"the date {revised.date.isoformat()}" if w == "date" else f"the job number {revised.job_number}" for w in stale
    )
    ask = ", ".join("date: YYYY-MM-DD" if w == "date" else "job_number: GE.NN-NNNNN" for w in stale)
    return [
        warning(
            "issued.revision-unnumbered",
            Location(where, f"documents: {original.id}"),
            f"{revised.symbol} shows {keeps} of {earlier.symbol}: a revision has its own; add "
            f"revision: {{{ask}}} under the document {original.id} in meeting.yaml",
        )
    ]


def output_files(outputs_dir: Path, spec: DocumentSpec) -> tuple[Path, Path]:
    return document_files(outputs_dir, spec.id, spec.original_language, spec.symbol)


def outputs_exist(outputs_dir: Path, spec: DocumentSpec) -> bool:
    return all(p.exists() for p in output_files(outputs_dir, spec))
