"""The status a build reports: per document and section, what arrived and what is missing.

Pure functions from the build's values to lines of text; the CLI prints them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import Diagnostic, Severity
from pipeline.model import Config, DocumentSpec, Draft, DraftStats, SectionFolder, to_be_set
from pipeline.model.blocks import Block, Heading, Paragraph, block_text, footnotes_in, plain_text
from pipeline.ooxml.words import count_text as count_words
from pipeline.publish.status_page import for_people, render


def block_words(blocks: tuple[Block, ...]) -> int:
    """Words of body, headings and footnotes together, as the UN counts a document's length."""
    total = sum(count_words(block_text(b)) for b in blocks)
    for note in footnotes_in(blocks):
        total += sum(count_words(plain_text(b.inlines)) for b in note.blocks if isinstance(b, (Paragraph, Heading)))
    return total


@dataclass(frozen=True)
class SectionStatus:
    section_id: str
    heading: str
    source: str  # the file used, or "" when missing
    received: str  # the file's modification date, "2025-07-10"
    words: int
    superseded: tuple[str, ...]
    notes: str  # what normalisation did, in a few words
    ignored: tuple[str, ...] = ()  # files in the folder that are not drafts
    chosen: str = ""  # why this file: "pinned in meeting.yaml", "newest saved date", "file date: ..."
    coordinators: tuple[str, ...] = ()  # the coordinating States, as meeting.yaml names them
    due: str = ""  # the day its draft is due (Config.due_of), "2025-06-13"; "" when none is set
    required: bool = True


@dataclass(frozen=True)
class DocumentStatus:
    document_id: str
    symbol: str
    words: int
    word_limit: int
    sections: tuple[SectionStatus, ...]
    files: tuple[str, ...]
    state: str = ""  # "unchanged", or "rebuilt: <why>"
    languages: tuple[tuple[str, str], ...] = ()  # merged translations: (language, "complete" | "incomplete: ...")
    # figures: ("from the data", N), then the typed ones checked against the data: confirmed, contradicted,
    # unverifiable, time (pipeline.claims)
    figures: tuple[tuple[str, int], ...] = ()
    title: str = ""
    submitted: str = ""  # the day it went for processing (meeting.yaml's submitted), "2025-07-08"; "" not yet


def document_status(
    spec: DocumentSpec,
    drafts: dict[str, Draft],
    stats: dict[str, DraftStats],
    files: tuple[str, ...],
    folders: dict[str, SectionFolder] | None = None,
    state: str = "",
    languages: tuple[tuple[str, str], ...] = (),
    words: int | None = None,
    figures: tuple[tuple[str, int], ...] = (),
    config: Config | None = None,
) -> DocumentStatus:
    """Where each section's draft came from and what normalisation did to it, who coordinates it and
    when it is due (``config``'s calendar). ``words`` is the document's length as the UN counts it
    (pipeline.ooxml.words: body, headings, footnotes and tables of the Word file, the one count the
    preflight reports too); each section's figure is its draft's words."""
    sections = []
    named = [(s, s.heading or c.heading) for c in spec.chapters for s in c.sections]
    for section, heading in named:
        draft = drafts.get(section.id)
        folder = (folders or {}).get(section.id)
        ignored = tuple(n for n in folder.ignored if not n.startswith((".", "~$"))) if folder else ()
        due = config.due_of(section) if config is not None else section.due
        coordinators, when, required = section.coordinators, due.isoformat() if due else "", section.required
        if draft is None:
            sections.append(
                SectionStatus(section.id, heading, "", "", 0, (), "", ignored, "", coordinators, when, required)
            )
            continue
        s = stats.get(section.id)
        notes = []
        if s is not None:
            if s.insertions or s.deletions:
                notes.append(f"{s.insertions + s.deletions} tracked change(s) resolved")
            if s.comments:
                notes.append(f"{s.comments} comment(s) removed")
            if s.numbers_stripped:
                notes.append(f"{s.numbers_stripped} typed number(s) removed")
            if s.country_names:
                notes.append(f"{s.country_names} country name(s) set to the UN short name")
            notes.extend(dropped(what, count) for what, count in sorted(s.dropped.items()))
        sections.append(
            SectionStatus(
                section.id,
                heading,
                draft.source.display,
                f"{draft.source.modified:%Y-%m-%d}",
                block_words(draft.blocks),
                tuple(f.path.name for f in draft.superseded),
                "; ".join(notes),
                ignored,
                draft.source.why,
                coordinators,
                when,
                required,
            )
        )
    if words is None:  # no Word file to count (yet): the drafts, the title and the headings
        words = (
            sum(s.words for s in sections)
            + count_words(spec.title)
            + sum(count_words(c.heading) + sum(count_words(s.heading) for s in c.sections) for c in spec.chapters)
        )
    submitted = spec.submitted.isoformat() if spec.submitted and not to_be_set(spec.submitted) else ""
    return DocumentStatus(
        spec.id,
        spec.symbol,
        words,
        spec.word_limit,
        tuple(sections),
        files,
        state,
        languages,
        figures,
        spec.title,
        submitted,
    )


def dropped(what: str, count: int) -> str:
    """What normalisation left out of a draft, as the status says it: "its title gave way to the section
    heading", "bold emphasis removed (3)", "image (1)"."""
    if what == "draft title":
        return "its title gave way to the section heading"
    if what.endswith(("emphasis", "empty paragraph")):
        return f"{what} removed ({count})"
    return f"{what} ({count})"


def status_from_data(data: dict, state: str | None = None) -> DocumentStatus:
    """A document's status as :func:`dataclasses.asdict` wrote it (for a build that found nothing changed)."""
    sections = tuple(
        SectionStatus(
            **{
                **s,
                "superseded": tuple(s["superseded"]),
                "ignored": tuple(s["ignored"]),
                "coordinators": tuple(s.get("coordinators", ())),
            }
        )
        for s in data["sections"]
    )
    return DocumentStatus(
        data["document_id"],
        data["symbol"],
        data["words"],
        data["word_limit"],
        sections,
        tuple(data["files"]),
        data["state"] if state is None else state,
        tuple(tuple(pair) for pair in data["languages"]),
        tuple(tuple(pair) for pair in data.get("figures", ())),
        data.get("title", ""),
        data.get("submitted", ""),
    )


def status_lines(status: DocumentStatus) -> list[str]:
    """One document's status as text, without the calendar (no meeting.yaml at hand): see :func:`document_lines`."""
    return document_lines(status_data((status,), (), {}, {})["documents"][0])


# --- status.json and status.html, for scripts and for the Coordination Committee -------------------


def status_data(
    statuses: tuple[DocumentStatus, ...],
    diagnostics,
    figures: Mapping[str, object],
    sheets: Mapping[str, int],
    *,
    config: Config | None = None,
    built: dt.datetime | None = None,
    outputs: Mapping[str, Sequence[str]] | None = None,
    previous: Mapping | None = None,
) -> dict:
    """The status as plain data: documents and sections, findings, and the data's reporting; with what
    the status page shows besides (:func:`pipeline.publish.status_page.for_people`): the meeting and
    ``built`` (now by default), due dates and days from ``config``, each document's ``outputs`` (paths
    relative to outputs/), what changed since the ``previous`` status.json."""
    data = {
        "documents": [
            {
                "id": s.document_id,
                "symbol": s.symbol,
                "title": s.title,
                "state": s.state,
                "words": s.words,
                "word_limit": s.word_limit,
                "submitted": s.submitted,
                "files": list(s.files),
                "translations": dict(s.languages),
                "figures": dict(s.figures),
                "sections": [
                    {
                        "id": x.section_id,
                        "heading": x.heading,
                        "received": bool(x.source),
                        "file": x.source,
                        "saved": x.received,
                        "chosen": x.chosen,
                        "words": x.words,
                        "superseded": list(x.superseded),
                        "normalised": x.notes,
                        "ignored": list(x.ignored),
                        "coordinators": list(x.coordinators),
                        "due": x.due,
                        "required": x.required,
                    }
                    for x in s.sections
                ],
            }
            for s in statuses
        ],
        "findings": [_finding(d) for d in diagnostics if not d.acknowledged],
        "acknowledged": [_acknowledged(d) for d in diagnostics if d.acknowledged],
        "data": {
            "rows_by_sheet": dict(sheets),
            "annual_reports_due": figures.get("article7.annual.due"),
            "annual_reports_received": figures.get("article7.annual.submitted"),
            "annual_reports_overdue": _listed(figures.get("article7.annual.overdue_states", ())),
            "initial_reports_overdue": _listed(figures.get("article7.initial.overdue_states", ())),
        },
    }
    return for_people(
        data,
        diagnostics,
        figures,
        config=config,
        built=built or dt.datetime.now(dt.UTC),
        outputs=outputs or {},
        previous=previous,
    )


def _finding(d: Diagnostic) -> dict[str, str]:
    """An open finding; a warning with the key to acknowledge it by (an error --final made of one too)."""
    finding = {"code": d.code, "severity": d.severity.name, "where": str(d.location), "message": d.message}
    if d.severity == Severity.WARNING or d.pinned_key:
        finding["key"] = d.key
    return finding


def _acknowledged(d: Diagnostic) -> dict[str, str]:
    """A warning the ISU let stand (inputs/acknowledged.yaml), with why and who."""
    return {
        "code": d.code,
        "where": str(d.location),
        "message": d.message,
        "key": d.key,
        "reason": d.acknowledged_reason,
        "by": d.acknowledged_by,
    }


def _listed(states: object) -> list[object]:
    """A figure that names States as a list: a tuple as computed, a list as remembered in JSON."""
    if not isinstance(states, Iterable):
        raise TypeError(f"not a list of States: {states!r}")
    return list(states)


def status_html(data: dict, title: str, *, templates: Path | None = None) -> str:
    """One self-contained, accessible page (no scripts, no external files) that can be mailed: ``data`` as
    :func:`status_data` makes it, written by ``status.html.j2`` in ``templates`` (the project's
    ``templates/html/`` by default), every value escaped."""
    return render(data, title, templates, {"figures_line": figures_line})


def figures_line(figures: Mapping[str, int]) -> str:
    """ "153 from the data; typed: 22 confirmed, 0 contradicted, 36 unverifiable, 0 after the date"."""
    parts = []
    if "from the data" in figures:
        parts.append(f"{figures['from the data']} from the data")
    if "confirmed" in figures:
        parts.append(
            f"typed: {figures['confirmed']} confirmed, {figures['contradicted']} contradicted, "
            f"{figures['unverifiable']} unverifiable, {figures['time']} dated after the document or outside the period"
        )
    return "; ".join(parts)


def summary_lines(data: dict) -> list[str]:
    """The status as text, from status.json's values: what the end of a build prints, its log keeps and
    ``ccm-report status`` prints again, the same lines each time (the page shows the same values)."""
    built = (data.get("built") or {}).get("utc")
    lines = [f"status of the build of {built}"] if built else []
    for doc in data.get("documents", []):
        lines.extend(document_lines(doc))
    reporting = data.get("data", {})
    if reporting.get("annual_reports_due") is not None:
        overdue = reporting.get("annual_reports_overdue", [])
        lines.append(
            f"Article 7: {reporting['annual_reports_received']} of {reporting['annual_reports_due']} "
            f"annual reports received by the end of the reporting period; overdue then: {', '.join(overdue) or 'none'}"
        )
    lines.extend(acknowledged_lines(data))
    return lines


def document_lines(doc: Mapping) -> list[str]:
    """One document: its words against the limit, each section (the draft used and why, what was done to it,
    on time or late; a missing one with its days overdue and coordinators), translations, figures, files."""
    over = " OVER THE LIMIT" if doc["words"] > doc["word_limit"] else ""
    state = f" [{doc['state']}]" if doc.get("state") else ""
    lines = [f"{doc['symbol']} ({doc['id']}): {doc['words']} words of {doc['word_limit']}{over}{state}"]
    processing = (doc.get("processing") or {}).get("text")
    if processing:
        lines.append(f"  processing: {processing}")
    sections = doc.get("sections", [])
    width = max((len(x["heading"]) for x in sections), default=0)
    for x in sections:
        timing = (x.get("timing") or {}).get("text", "")
        if not x["received"]:
            lines.append(f"  {x['heading']:<{width}}  {_missing(x)}: placeholder in the document")
        else:
            why = f", {x['chosen']}" if x.get("chosen") else ""
            when = f"; {timing}" if timing and timing != "received" else ""
            done = f"; {x['normalised']}" if x.get("normalised") else ""
            lines.append(
                f"  {x['heading']:<{width}}  {x['words']:>5} words  {x['file']} ({x['saved']}{why}{when}){done}"
            )
            aside = "set aside (not the pinned draft)" if x.get("chosen") == "pinned in meeting.yaml" else "superseded"
            lines.extend(f"  {'':<{width}}  {aside}: {old}" for old in x.get("superseded", ()))
        lines.extend(f"  {'':<{width}}  ignored (not a draft): {name}" for name in x.get("ignored", ()))
    for language, said in doc.get("translations", {}).items():
        lines.append(f"  translation into {language}: {said}")
    if doc.get("figures"):
        lines.append(f"  figures: {figures_line(doc['figures'])}")
    lines.extend(f"  -> {path}" for path in doc.get("files", ()))
    return lines


def _missing(section: Mapping) -> str:
    """ "MISSING: 7 days overdue (coordinators: Chile, Spain)", from status.json (older ones: "MISSING")."""
    said = (section.get("timing") or {}).get("text", "MISSING")
    states = [c["state"] if isinstance(c, Mapping) else str(c) for c in section.get("coordinators", ())]
    return f"{said} (coordinators: {', '.join(states)})" if states else said


def acknowledged_lines(data: dict) -> list[str]:
    """The warnings let stand (inputs/acknowledged.yaml), each with who and why, from status.json."""
    return [
        f"acknowledged: {a['where']}: {a['message']} [{a['code']}] acknowledged by {a['by']}: {a['reason']} "
        f"(key {a['key']})"
        for a in data.get("acknowledged", [])
    ]
