"""``inputs/meeting.yaml``: its declared, documented schema, and the typed Config read from it.

The schema below is the single description of the file: its keys, types, whether
they are required, and what they mean (the mechanism is :mod:`pipeline.intake.schema`).
Every problem is collected, with its line, before the orchestrator stops.
"""

from __future__ import annotations

import re
from types import MappingProxyType

import yaml

from pipeline.errors import Diagnostic
from pipeline.intake.cycle import CYCLE_KEYS, LANGUAGES, check_calendar, cycle_of
from pipeline.intake.draft_dates import DRAFT_PIN
from pipeline.intake.options import OPTION_KEYS
from pipeline.intake.revision import AFTER_ISSUE, REVISION, revisions_of
from pipeline.intake.schema import (
    BOOL,
    DATE,
    INT,
    INVALID,
    TEXT,
    Context,
    Key,
    Mapping,
    Names,
    Scalar,
    Sequence,
    StrList,
    ToBeSet,
    child,
    choice,
    load,
    pattern,
)
from pipeline.model import (
    AgendaItem,
    ChapterSpec,
    Config,
    DocumentSpec,
    DraftPolicy,
    FamilySpec,
    FigureOptions,
    Meeting,
    PdfOptions,
    Period,
    SectionSpec,
    TranslationOptions,
)

__all__ = ["LANGUAGES", "MEETING_FILE", "Key", "Mapping", "Sequence", "parse_meeting"]

SECTION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
JOB_NUMBER = re.compile(r"^GE\.\d{2}-(\d{5}|\[[^\[\]]+\])$")  # or GE.26-[number], to be filled in
UN_NUMBER = "the UN assigns the number"  # why a symbol may be left CCM/MSP/2026/[number] for a while


# --- the schema of meeting.yaml -----------------------------------------------------


def _in_order(period: dict, node: yaml.Node, ctx: Context, at: str) -> None:
    if period["end"] < period["start"]:
        ctx.fail(node, at, f"end {period['end']} is before start {period['start']}")


def _twice(values: list) -> list:
    """The values listed more than once (those already refused left aside)."""
    return sorted({v for v in values if v is not INVALID and values.count(v) > 1})


def _sections_unique(document: dict, node: yaml.Node, ctx: Context, at: str) -> None:
    ids = [
        s["id"]
        for ch in document["chapters"]
        if isinstance(ch, dict) and isinstance(ch["sections"], list)
        for s in ch["sections"]
        if isinstance(s, dict)
    ]
    for section_id in _twice(ids):
        ctx.fail(node, at, f"document '{document['id']}': two sections have the id '{section_id}'")


def _documents_unique(meeting_file: dict, node: yaml.Node, ctx: Context, at: str) -> None:
    check_calendar(meeting_file, node, ctx)
    for doc_id in _twice([d["id"] for d in meeting_file["documents"] if isinstance(d, dict)]):
        ctx.fail(child(node, "documents"), "documents", f"two documents have the id '{doc_id}'; ids must be unique")


PERIOD = Mapping(
    {
        "start": Key(ToBeSet(DATE), "first day"),
        "end": Key(ToBeSet(DATE), "last day"),
    },
    check=_in_order,
)

SECTION = Mapping(
    {
        "id": Key(
            Scalar("a section id", pattern(SECTION_ID, "lower-case-words")),
            "the section's id; its drafts go in inputs/drafts/<id>/",
        ),
        "heading": Key(
            TEXT,
            "the sub-heading (A., B. ...) printed above the section; "
            "leave out for a section that stands directly under its chapter",
            required=False,
            default="",
        ),
        "coordinators": Key(
            StrList(), "who writes it (the States Parties coordinating the theme)", required=False, default=()
        ),
        "required": Key(
            BOOL,
            "true: a missing draft is a warning and a placeholder (an error with --final)",
            required=False,
            default=True,
        ),
        "draft": Key(DRAFT_PIN, "the file in its folder to use whatever its date; left out: the newest", False),
        "due": Key(ToBeSet(DATE), "the day its draft is due; left out: deadlines.drafts_due", required=False),
    }
)

AGENDA_ITEM = Mapping(
    {
        "number": Key(TEXT, "the item's number in the provisional agenda"),
        "title": Key(TEXT, "the item's title"),
    }
)

SUBMITTED = Key(
    ToBeSet(DATE),
    "the date of submission for processing (checked against deadlines.processing_weeks); not printed",
    required=False,
)

CHAPTER = Mapping(
    {
        "heading": Key(TEXT, "the chapter heading (numbered I., II. ... by the template)"),
        "sections": Key(Sequence(SECTION), "the chapter's sections, in order"),
    }
)

DOCUMENT = Mapping(
    {
        "id": Key(
            Scalar("a document id", pattern(SECTION_ID, "lower-case-words")),
            "short name used for the output files (outputs/<id>/)",
        ),
        "symbol": Key(ToBeSet(TEXT, UN_NUMBER), "the UN document symbol, e.g. CCM/MSP/2025/7"),
        "date": Key(ToBeSet(DATE), "the document's date, printed under the symbol"),
        "submitted": SUBMITTED,
        "job_number": Key(
            ToBeSet(Scalar("a job number", pattern(JOB_NUMBER, "GE.25-11376")), "the UN assigns the job number"),
            "the UN job number without the language letter, e.g. GE.25-11376",
        ),
        "distribution": Key(TEXT, "the distribution line, e.g. General", required=False, default="General"),
        "original_language": Key(
            Scalar("a language code", choice(*LANGUAGES)),
            "language the document is written in: en, fr, es, ar, zh or ru",
            required=False,
            default="en",
        ),
        "agenda_item": Key(AGENDA_ITEM, "the agenda item the document is submitted under"),
        "title": Key(TEXT, "the document's title, printed bold under the masthead"),
        "submitted_by": Key(TEXT, "who submits it, e.g. 'the President of the Thirteenth Meeting of States Parties'"),
        "word_limit": Key(INT, "the UN word limit for the document", required=False, default=10700),
        "changes_after_issue": Key(
            AFTER_ISSUE, "what a change after issue makes: /Rev.n or /Corr.n", False, "revision"
        ),
        "revision": Key(REVISION, "a revision's own date and job number: {date: ..., job_number: ...}", False),
        "template": Key(TEXT, "the Word template in templates/, e.g. progress-report.docx"),
        "chapters": Key(Sequence(CHAPTER), "the chapters, in order, each with its sections"),
    },
    check=_sections_unique,
)

FAMILY = Mapping(
    {
        "id": Key(
            Scalar("a family id", pattern(SECTION_ID, "lower-case-words")),
            "short name; each document's folder is <id>-<ISO3 code>",
        ),
        "template": Key(TEXT, "the Word template in templates/ rendered for each State"),
        "sheet": Key(TEXT, "the data sheet whose rows select the States, e.g. ExtensionRequests"),
        "where": Key(
            Names(TEXT, "column: value"),
            "column: value pairs the rows must match, e.g. {Status: Pending}",
            required=False,
            default={},
        ),
        "first_symbol": Key(ToBeSet(TEXT, UN_NUMBER), "the first symbol, e.g. CCM/MSP/2025/3; the next count on"),
        "first_job_number": Key(
            ToBeSet(Scalar("a job number", pattern(JOB_NUMBER, "GE.25-11377")), "the UN assigns the job number"),
            "the first document's job number; the next ones count on",
        ),
        "date": Key(ToBeSet(DATE), "the documents' date, printed under the symbol"),
        "submitted": SUBMITTED,
        "distribution": Key(TEXT, "the distribution line", required=False, default="General"),
        "original_language": Key(
            Scalar("a language code", choice(*LANGUAGES)), "as for documents", required=False, default="en"
        ),
        "agenda_item": Key(AGENDA_ITEM, "the agenda item"),
        "title": Key(TEXT, "the title; [[state]] stands for the State's name"),
        "submitted_by": Key(TEXT, "who submits it; [[state]] stands for the State's name"),
        "word_limit": Key(INT, "the UN word limit", required=False, default=10700),
    }
)

MEETING_FILE = Mapping(
    {
        "meeting": Key(
            Mapping(
                {
                    "body": Key(
                        TEXT, "the body line of the masthead", required=False, default="Convention on Cluster Munitions"
                    ),
                    "name": Key(TEXT, "the meeting, e.g. Thirteenth Meeting of States Parties"),
                    "place": Key(TEXT, "the city, e.g. Geneva"),
                    "dates": Key(PERIOD, "first and last day of the meeting"),
                    "president": Key(ToBeSet(TEXT), "the State presiding the meeting"),
                    "reporting_period": Key(PERIOD, "the window the progress report covers"),
                }
            ),
            "the meeting the documents are for",
        ),
        **OPTION_KEYS,
        **CYCLE_KEYS,
        "documents": Key(Sequence(DOCUMENT), "the documents to produce"),
        "families": Key(
            Sequence(FAMILY, 0),
            "documents rendered from one template for each State selected from the data",
            required=False,
            default=[],
        ),
    },
    check=_documents_unique,
)


def parse_meeting(text: str, path: str) -> tuple[Config | None, list[Diagnostic]]:
    """Parse and validate the text of meeting.yaml; ``path`` names it in diagnostics."""
    raw, diagnostics = load(text, path, MEETING_FILE, "config")
    return (None if raw is INVALID else _build(raw)), diagnostics


def _build(raw: dict) -> Config:
    m = raw["meeting"]
    d = raw["drafts"] or {"tracked_changes": None, "normalise_country_names": False}
    pdf = raw["pdf"] or {"archive": False, "tagged": True}
    translation = raw["translation"] or {"languages": None, "xliff_1_2": False, "omegat": False}
    figures = raw["figures"] or {"tolerance_percent": 10}
    return Config(
        **cycle_of(raw),
        figures=FigureOptions(tolerance_percent=float(figures["tolerance_percent"])),
        revisions=revisions_of(raw["documents"]),
        pdf=PdfOptions(**pdf),
        translation=TranslationOptions(
            languages=translation["languages"]
            if translation["languages"] is not None
            else TranslationOptions.languages,
            xliff_1_2=translation["xliff_1_2"],
            omegat=translation["omegat"],
        ),
        families=tuple(
            FamilySpec(
                id=f["id"],
                template=f["template"],
                sheet=f["sheet"],
                where=MappingProxyType(dict(f["where"])),
                first_symbol=f["first_symbol"],
                first_job_number=f["first_job_number"],
                date=f["date"],
                distribution=f["distribution"],
                original_language=f["original_language"],
                agenda_item=AgendaItem(**f["agenda_item"]),
                title=f["title"],
                submitted_by=f["submitted_by"],
                word_limit=f["word_limit"],
                submitted=f["submitted"],
            )
            for f in raw["families"] or ()
        ),
        meeting=Meeting(
            body=m["body"],
            name=m["name"],
            place=m["place"],
            dates=Period(**m["dates"]),
            president=m["president"],
            reporting_period=Period(**m["reporting_period"]),
        ),
        drafts=DraftPolicy(**d),
        documents=tuple(
            DocumentSpec(
                id=doc["id"],
                symbol=doc["symbol"],
                date=doc["date"],
                job_number=doc["job_number"],
                distribution=doc["distribution"],
                original_language=doc["original_language"],
                agenda_item=AgendaItem(**doc["agenda_item"]),
                title=doc["title"],
                submitted_by=doc["submitted_by"],
                word_limit=doc["word_limit"],
                template=doc["template"],
                changes_after_issue=doc["changes_after_issue"],
                submitted=doc["submitted"],
                chapters=tuple(
                    ChapterSpec(
                        heading=ch["heading"],
                        sections=tuple(SectionSpec(**s) for s in ch["sections"]),
                    )
                    for ch in doc["chapters"]
                ),
            )
            for doc in raw["documents"]
        ),
    )
