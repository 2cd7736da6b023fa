"""compute, as the build runs it: the figures, every document, and which of them to make now and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.compute.families import Fields, expand
from pipeline.compute.figures import fill_drafts
from pipeline.compute.indicators import Indicators
from pipeline.compute.indicators import indicators as compute_indicators
from pipeline.errors import Diagnostic, InputsInvalid, has_errors
from pipeline.model import DocumentSpec, Draft, Inputs
from pipeline.publish.issued import Issued, latest, revisions
from pipeline.publish.keys import document_record, inputs_of, rows_of, why_rebuilt
from pipeline.publish.outputs import document_files, read_manifest


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


def stop_on_errors(diagnostics: list[Diagnostic], why: str) -> None:
    if has_errors(diagnostics):
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
        members, found = expand(family, inputs.data)
        diagnostics.extend(found)
        jobs.extend((member.spec, member.fields) for member in members)
    stop_on_errors(diagnostics, "the document families cannot be made")
    drafts, found = fill_drafts(inputs.drafts, figures.figures, final)
    diagnostics.extend(found)
    stop_on_errors(found, "the drafts name figures that do not exist")

    specs = tuple(spec for spec, _subject in jobs)
    previous = read_manifest(outputs_dir)
    rows = rows_of(inputs)
    records = {
        spec.id: document_record(spec, config, inputs_of(inputs, spec, rows), rows, code=code, tools=tools)
        for spec in specs
    }
    issued = {spec.id: latest(inputs.inputs_dir, spec.id) for spec in specs}
    # an issued version is compared by what the document says (content_key), not by the code that made it
    revised = revisions(specs, issued, {doc_id: r["content_key"] for doc_id, r in records.items()})
    why = {
        spec.id: tuple(
            why_rebuilt(previous.get(spec.id), records[spec.id], outputs_exist(outputs_dir, revised.get(spec.id, spec)))
        )
        for spec in specs
    }
    to_make = tuple((revised.get(spec.id, spec), subject) for spec, subject in jobs if why[spec.id])
    return Plan(inputs, figures, drafts, specs, to_make, why, records, issued, revised, previous)


def output_files(outputs_dir: Path, spec: DocumentSpec) -> tuple[Path, Path]:
    return document_files(outputs_dir, spec.id, spec.original_language, spec.symbol)


def outputs_exist(outputs_dir: Path, spec: DocumentSpec) -> bool:
    return all(p.exists() for p in output_files(outputs_dir, spec))
