"""Render one document: the docxtpl template, the meeting's values and the drafts' blocks.

Jinja runs in a sandbox with strict undefined names and autoescaping; the only
template evaluated is the one in ``templates/``. Draft text never passes through
Jinja: section bodies are built as Word XML by :mod:`pipeline.ooxml.wordml` and go in
as docxtpl sub-documents, and footnotes are added after rendering (docxtpl
would otherwise evaluate the footnotes part as a template).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pipeline import locale
from pipeline.errors import CcmReportError
from pipeline.model import Config, DocumentSpec, Draft, Provenance, SectionSpec
from pipeline.model.blocks import Block, Figure, Heading, Placeholder
from pipeline.ooxml import docxapi, wordml
from pipeline.ooxml.figures import FigureTable
from pipeline.render.properties import fit, properties

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


# --- figures from the data, traced -------------------------------------------------------------
# A template reaches a figure through ``indicators`` or ``subject``: each is seen through a view
# that remembers the path it was reached by ("clearance_rows.3.cleared_km2"); a figure that has a
# provenance is handed over as a :class:`Traced` value, which behaves like the value itself and
# whose printed text the filters and Jinja's ``finalize`` mark for the figures page and the review
# copy (:mod:`pipeline.ooxml.figures`).


class Traced:
    """A figure from the data as the template sees it: prints, compares and tests as its value."""

    __slots__ = ("path", "provenance", "value")

    def __init__(self, value: object, path: str, provenance: Provenance):
        self.value, self.path, self.provenance = value, path, provenance

    def __str__(self) -> str:
        return str(self.value)

    def __bool__(self) -> bool:
        return bool(self.value)

    def __eq__(self, other: object) -> bool:
        return bool(self.value == plain(other))

    def __hash__(self) -> int:
        return hash(self.value)

    def __lt__(self, other: object) -> bool:
        return bool(self.value < plain(other))  # type: ignore[operator]

    def __le__(self, other: object) -> bool:
        return bool(self.value <= plain(other))  # type: ignore[operator]

    def __gt__(self, other: object) -> bool:
        return bool(self.value > plain(other))  # type: ignore[operator]

    def __ge__(self, other: object) -> bool:
        return bool(self.value >= plain(other))  # type: ignore[operator]

    def __int__(self) -> int:
        return int(self.value)  # type: ignore[call-overload]

    def __float__(self) -> float:
        return float(self.value)  # type: ignore[arg-type]

    def __add__(self, other: object) -> Any:
        return self.value + plain(other)  # type: ignore[operator]

    def __radd__(self, other: object) -> Any:
        return plain(other) + self.value  # type: ignore[operator]

    def __sub__(self, other: object) -> Any:
        return self.value - plain(other)  # type: ignore[operator]

    def __rsub__(self, other: object) -> Any:
        return plain(other) - self.value  # type: ignore[operator]


def plain(value: object) -> object:
    """A traced value's value; anything else as it is."""
    return value.value if isinstance(value, Traced) else value


class _View:
    """An object, a mapping or a sequence of the data as the template walks it, building each value's
    path; values with a provenance come out as :class:`Traced`."""

    __slots__ = ("_prefix", "_provenance", "_target")
    _target: Any

    def __init__(self, target: object, prefix: str, provenance: Mapping[str, Provenance]):
        self._target, self._prefix, self._provenance = target, prefix, provenance

    def _wrap(self, value: object, path: str) -> object:
        if path in self._provenance:
            return Traced(value, path, self._provenance[path])
        if isinstance(value, (tuple, list, Mapping)) or (
            dataclasses.is_dataclass(value) and not isinstance(value, type)
        ):
            return _View(value, f"{path}.", self._provenance)
        return value

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        target = self._target
        if isinstance(target, Mapping):
            if name in target:
                return self._wrap(target[name], f"{self._prefix}{name}")
            raise AttributeError(name)
        return self._wrap(getattr(target, name), f"{self._prefix}{name}")

    def __getitem__(self, key: Any) -> object:
        return self._wrap(self._target[key], f"{self._prefix}{key}")

    def __iter__(self) -> Iterator[object]:
        target = self._target
        if isinstance(target, Mapping):
            return iter(target)
        return (self._wrap(item, f"{self._prefix}{i}") for i, item in enumerate(target))

    def __len__(self) -> int:
        return len(self._target)

    def __bool__(self) -> bool:
        return bool(self._target)

    def __str__(self) -> str:
        return str(self._target)


def traced_view(target: object, prefix: str, provenance: Mapping[str, Provenance]) -> object:
    """``target`` as a template walks it with its figures traced (``prefix`` starts each path)."""
    return None if target is None else _View(target, prefix, provenance)


def _environment(language: str, figures: FigureTable | None = None) -> jinja2.Environment:
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)

    def marked(value: object, text: str) -> str:
        if figures is not None and isinstance(value, Traced):
            return figures.mark(value.path, value.provenance, value.value, text)
        return text

    def number(value: object) -> str:
        v = plain(value)
        return marked(value, locale.format_figure(v, language) if isinstance(v, (int, float)) else "")

    def area(value: object, places: object = 1) -> str:  # places: the least decimals (the analyses' rates)
        v, least = plain(value), plain(places)
        least = least if isinstance(least, int) else 1
        return marked(value, locale.format_area(v, language, least) if isinstance(v, (int, float)) else "")

    def date(value: object) -> str:
        v = plain(value)
        return marked(value, un_date(v, language) if isinstance(v, dt.date) else "")

    # Presentation of the data's numbers and dates, for the templates' tables, in the document's language.
    env.filters["number"] = number
    env.filters["area"] = area
    env.filters["un_date"] = date
    # A figure printed as it is ({{ subject.years_requested }}) prints as its value would, marked.
    env.finalize = lambda value: marked(value, str(value.value)) if isinstance(value, Traced) else value
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
    figures: FigureTable | None = None,
    subject_provenance: Mapping[str, Provenance] | None = None,
) -> bytes:
    """The rendered .docx of one document, as reproducible bytes.

    ``bodies`` maps each section id to the blocks that stand in it; ``subject``
    is the State row a family's document is about (``subject.state`` ...);
    ``language`` is the version's language (the original's when left out): it
    sets the masthead's date, "Original:" line, job letter and the numbers.

    With ``figures``, every figure from the data that has a provenance (``indicators.provenance``,
    ``subject_provenance`` by "subject.<field>", a draft's [[name]] by "figures.<name>") is written
    marked and entered in ``figures`` (:mod:`pipeline.ooxml.figures`); the marks are all the bytes
    differ by.
    """
    language = language or spec.original_language
    try:  # what python-docx and docxtpl raise on a file that is not a Word template; nothing of ours
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.init_docx()
    except (KeyError, ValueError) as exc:
        raise TemplateProblem(f"templates/{spec.template}: not a usable Word template ({exc})") from None
    provenance: Mapping[str, Provenance] = getattr(indicators, "provenance", {})

    def figure_text(figure: Figure) -> str:
        found = provenance.get(f"figures.{figure.name}")
        if figures is None or found is None:
            return figure.text
        return figures.mark(f"figures.{figure.name}", found, figure.value, figure.text)

    try:
        writer = wordml.StoryWriter(tpl.docx, figure_text if figures is not None else None)
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
    if figures is not None:
        context["indicators"] = traced_view(indicators, "", provenance)
        context["subject"] = traced_view(subject, "subject.", subject_provenance or {})
    # set from the values below; blank, docxtpl cannot render a translated title over 255 characters into them
    props = tpl.docx.core_properties
    props.title = props.subject = props.author = props.language = ""
    try:
        tpl.render(context, jinja_env=_environment(language, figures), autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateProblem(
            f"templates/{spec.template}: the template's fields do not work: {exc}; check the "
            "{{ }} and {% %} fields in the template against the README's list"
        ) from None
    writer.finish()
    moment = dt.datetime.combine(spec.date, dt.time(0, 0))
    props.created = props.modified = moment
    props.comments = ""
    # The properties are data, not layout: set from the values themselves (docxtpl renders the
    # template's property fields with HTML autoescaping, which would store "d&#39;étape").
    values = {name: fit(value) for name, value in properties(spec, config).items()}
    props.title, props.subject, props.author = values["title"], values["subject"], values["author"]
    props.language = LANGUAGE_TAGS[language]
    wordml.set_core_properties(
        tpl.docx,
        lastModifiedBy="ccm-report",
        revision="1",
        # LibreOffice reads keywords as a list separated by spaces: single tokens only.
        keywords=f"{spec.symbol} {job_code(spec, language)}",
    )
    return docxapi.to_bytes(tpl.docx)
