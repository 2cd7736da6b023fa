"""Render one document: the docxtpl template, the meeting's values and the drafts' blocks.

Jinja runs in a sandbox with strict undefined names and autoescaping; the only
template evaluated is the one in ``templates/``. Draft text never passes through
Jinja: section bodies are built as Word XML by :mod:`pipeline.ooxml.wordml` and go in
as docxtpl sub-documents, and footnotes are added after rendering (docxtpl
would otherwise evaluate the footnotes part as a template).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pipeline import locale
from pipeline.errors import CcmReportError
from pipeline.model import Config, DocumentSpec, Draft, SectionSpec
from pipeline.model.blocks import Block, Heading, Placeholder
from pipeline.ooxml import docxapi, wordml

if TYPE_CHECKING:  # a type only: render takes the indicators compute made
    from pipeline.compute.indicators import Indicators

# The letter the UN appends to a job number for each language version (UN-FORMAT.md).
JOB_LETTERS = {"en": "E", "fr": "F", "es": "S", "ar": "A", "zh": "C", "ru": "R"}
LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ar": "ar-SA", "zh": "zh-CN", "ru": "ru-RU"}


class TemplateProblem(CcmReportError):
    """The Word template cannot be used as it is; the message says what to fix in it."""


# --- the values the template sees ----------------------------------------------------------
# Plain frozen objects rather than dicts: a key named "items" or "values" would
# otherwise print a dict method in the document.


@dataclass(frozen=True)
class MeetingView:
    body: str
    name: str
    place: str
    dates: str
    president: str


@dataclass(frozen=True)
class AgendaView:
    number: str
    title: str


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: str
    body: object  # a docxtpl Subdoc


@dataclass(frozen=True)
class ChapterView:
    heading: str
    sections: tuple[SectionView, ...]


@dataclass(frozen=True)
class DocumentView:
    symbol: str
    date: str
    distribution: str
    original_language_name: str
    language_tag: str
    job_code: str
    agenda_item: AgendaView
    title: str
    submitted_by: str
    chapters: tuple[ChapterView, ...]


def un_date(day: dt.date, language: str = "en") -> str:
    """A date as UN documents write it: "14 July 2025" (see :func:`pipeline.locale.un_date`)."""
    return locale.un_date(day, language)


def un_date_range(start: dt.date, end: dt.date, language: str = "en") -> str:
    """Meeting dates: "16-19 September 2025", "30 August-2 September 2022"."""
    return locale.un_date_range(start, end, language)


def job_code(spec: DocumentSpec, language: str) -> str:
    """The job number with its language letter: "GE.25-11376(E)"."""
    return f"{spec.job_number}({JOB_LETTERS[language]})"


def section_blocks(section: SectionSpec, draft: Draft | None, problem: str | None = None) -> tuple[Block, ...]:
    """What stands in a section: the draft's blocks, or a clearly marked placeholder."""
    if draft is not None and draft.blocks:
        # A section with its own heading (A., B. ...) pushes the draft's headings one level down.
        depth = 1 if section.heading else 0
        return tuple(replace(b, level=b.level + depth) if isinstance(b, Heading) else b for b in draft.blocks)
    name = section.heading or section.id
    who = f" from {', '.join(section.coordinators)}" if section.coordinators else ""
    reason = problem or f"no draft received{who}"
    return (
        Placeholder(
            f"[Placeholder: section \u201c{name}\u201d \u2013 {reason}. "
            f"Drop the draft into inputs/drafts/{section.id}/ and build again.]"
        ),
    )


def _environment(language: str) -> jinja2.Environment:
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    # Presentation of the data's numbers and dates, for the templates' tables, in the document's language.
    env.filters["number"] = lambda value: (
        locale.format_figure(value, language) if isinstance(value, (int, float)) else ""
    )
    env.filters["area"] = lambda value: locale.format_area(value, language) if isinstance(value, (int, float)) else ""
    env.filters["un_date"] = lambda value: un_date(value, language) if isinstance(value, dt.date) else ""
    return env


def template_context(
    config: Config,
    spec: DocumentSpec,
    bodies: Mapping[str, object],
    indicators: Indicators,
    subject: object = None,
    language: str | None = None,
) -> dict[str, object]:
    """The values a document's template sees: ``meeting``, ``document`` (masthead, title, chapters and
    their sections), ``indicators`` and ``subject``, in ``language`` (the original's when left out).

    ``bodies`` maps each section id to what stands in it: a docxtpl sub-document for the Word file,
    the section's blocks for the web page. Pure: the same values give the same context.
    """
    language = language or spec.original_language
    chapters = tuple(
        ChapterView(
            chapter.heading,
            tuple(SectionView(section.id, section.heading, bodies[section.id]) for section in chapter.sections),
        )
        for chapter in spec.chapters
    )
    meeting = config.meeting
    return {
        "meeting": MeetingView(
            meeting.body,
            meeting.name,
            meeting.place,
            un_date_range(meeting.dates.start, meeting.dates.end, language),
            meeting.president,
        ),
        "document": DocumentView(
            symbol=spec.symbol,
            date=un_date(spec.date, language),
            distribution=locale.distribution(spec.distribution, language),
            # A translation keeps "Original: English", written in its own language ("Original : anglais").
            original_language_name=locale.language_name(spec.original_language, language),
            language_tag=LANGUAGE_TAGS[language],
            job_code=job_code(spec, language),
            agenda_item=AgendaView(spec.agenda_item.number, spec.agenda_item.title),
            title=spec.title,
            submitted_by=spec.submitted_by,
            chapters=chapters,
        ),
        "indicators": indicators,
        "subject": subject,
    }


def render(
    template: bytes,
    config: Config,
    spec: DocumentSpec,
    bodies: Mapping[str, tuple[Block, ...]],
    indicators: Indicators,
    subject: object = None,
    language: str | None = None,
) -> bytes:
    """The rendered .docx of one document, as reproducible bytes.

    ``bodies`` maps each section id to the blocks that stand in it; ``subject``
    is the State row a family's document is about (``subject.state`` ...);
    ``language`` is the version's language (the original's when left out): it
    sets the masthead's date, "Original:" line, job letter and the numbers.
    """
    language = language or spec.original_language
    try:  # what python-docx and docxtpl raise on a file that is not a Word template; nothing of ours
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.init_docx()
    except (KeyError, ValueError) as exc:
        raise TemplateProblem(f"templates/{spec.template}: not a usable Word template ({exc})") from None
    try:
        writer = wordml.StoryWriter(tpl.docx)
    except wordml.MissingStyles as exc:
        raise TemplateProblem(
            f"templates/{spec.template}: the template lacks the style(s) {exc}; restore them "
            "(they may be restyled, not renamed) or rebuild it with 'make templates'"
        ) from None

    subdocs = {}
    for section in spec.sections:
        subdoc = tpl.new_subdoc()
        body = subdoc.subdocx.element.body
        for element in writer.blocks(bodies[section.id]):
            body.append(element)
        subdocs[section.id] = subdoc
    context = template_context(config, spec, subdocs, indicators, subject, language)
    try:
        tpl.render(context, jinja_env=_environment(language), autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateProblem(
            f"templates/{spec.template}: the template's fields do not work: {exc}; check the "
            "{{ }} and {% %} fields in the template against the README's list"
        ) from None
    writer.finish()
    props = tpl.docx.core_properties
    moment = dt.datetime.combine(spec.date, dt.time(0, 0))
    props.created = props.modified = moment
    props.comments = ""
    # The properties are data, not layout: set from the values themselves (docxtpl renders the
    # template's property fields with HTML autoescaping, which would store "d&#39;étape").
    props.title, props.subject, props.author = spec.title, spec.symbol, config.meeting.body
    props.language = LANGUAGE_TAGS[language]
    wordml.set_core_properties(
        tpl.docx,
        lastModifiedBy="ccm-report",
        revision="1",
        # LibreOffice reads keywords as a list separated by spaces: single tokens only.
        keywords=f"{spec.symbol} {job_code(spec, language)}",
    )
    return docxapi.to_bytes(tpl.docx)
