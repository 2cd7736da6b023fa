"""``inputs/meeting.yaml``: a declared, documented schema, validated all at once.

The schema below is the single description of the file: its keys, types, whether
they are required, and what they mean. Validation walks the YAML node tree (so
every finding carries its line), collects every problem, and only then lets the
orchestrator stop. YAML is read with the safe loader: no tags, no objects.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable

from types import MappingProxyType

import yaml

from pipeline.errors import Diagnostic, Location, error
from pipeline.model import (
    AgendaItem,
    ChapterSpec,
    Config,
    DocumentSpec,
    DraftPolicy,
    FamilySpec,
    Meeting,
    PdfOptions,
    Period,
    SectionSpec,
    TranslationOptions,
)

LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
SECTION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
JOB_NUMBER = re.compile(r"^GE\.\d{2}-\d{5}$")


# --- the schema language ------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One key of a mapping: its type, whether it must be there, and what it means."""

    kind: "Kind"
    doc: str
    required: bool = True
    default: Any = None


class Kind:
    name = "value"

    def read(self, node: yaml.Node, ctx: "_Ctx") -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


class _Ctx:
    def __init__(self, path: str):
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    def fail(self, node: yaml.Node | None, message: str) -> None:
        line = str(node.start_mark.line + 1) if node is not None else ""
        self.diagnostics.append(error("config", Location(self.path, line), message))


_INVALID = object()


class Scalar(Kind):
    def __init__(self, name: str, convert: Callable[[str, str], Any], check: str = ""):
        self.name = name
        self._convert = convert
        self._check = check

    def read(self, node, ctx):
        if not isinstance(node, yaml.ScalarNode):
            ctx.fail(node, f"expected {self.name}, found a {_node_kind(node)}")
            return _INVALID
        try:
            return self._convert(node.value, node.tag)
        except ValueError as exc:
            ctx.fail(node, f"{exc}")
            return _INVALID


def _text(value: str, tag: str) -> str:
    if not value.strip():
        raise ValueError("is empty; write the text or remove the key")
    return value.strip()


def _date(value: str, tag: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-07-14") from None


def _int(value: str, tag: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number") from None


def _bool(value: str, tag: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    raise ValueError(f"{value!r} is not true or false")


def _choice(*choices: str) -> Callable[[str, str], str]:
    def convert(value: str, tag: str) -> str:
        if value not in choices:
            raise ValueError(f"{value!r} is not one of: {', '.join(choices)}")
        return value

    return convert


def _pattern(regex: re.Pattern, example: str) -> Callable[[str, str], str]:
    def convert(value: str, tag: str) -> str:
        if not regex.match(value.strip()):
            raise ValueError(f"{value!r} is not of the form {example}")
        return value.strip()

    return convert


TEXT = Scalar("text", _text)
DATE = Scalar("a date (YYYY-MM-DD)", _date)
INT = Scalar("a whole number", _int)
BOOL = Scalar("true or false", _bool)


class Mapping(Kind):
    name = "mapping"

    def __init__(self, keys: dict[str, Key]):
        self.keys = keys

    def read(self, node, ctx):
        if not isinstance(node, yaml.MappingNode):
            ctx.fail(node, f"expected a mapping of keys, found a {_node_kind(node)}")
            return _INVALID
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                ctx.fail(key_node, f"key '{key}' appears twice")
            elif key not in self.keys:
                known = ", ".join(self.keys)
                ctx.fail(key_node, f"unknown key '{key}' (known keys here: {known})")
            seen[key] = value_node
        out: dict[str, Any] = {}
        for key, spec in self.keys.items():
            if key in seen:
                out[key] = spec.kind.read(seen[key], ctx)
            elif spec.required:
                ctx.fail(node, f"missing key '{key}': {spec.doc}")
                out[key] = _INVALID
            else:
                out[key] = spec.default
        return out


class Sequence(Kind):
    name = "list"

    def __init__(self, item: Kind, min_items: int = 1):
        self.item = item
        self.min_items = min_items

    def read(self, node, ctx):
        if not isinstance(node, yaml.SequenceNode):
            ctx.fail(node, f"expected a list, found a {_node_kind(node)}")
            return _INVALID
        if len(node.value) < self.min_items:
            ctx.fail(node, f"the list needs at least {self.min_items} item(s)")
        return [self.item.read(child, ctx) for child in node.value]


class StrList(Kind):
    """A list of texts, or a single text taken as a list of one."""

    name = "list of texts"

    def read(self, node, ctx):
        if isinstance(node, yaml.ScalarNode):
            return (TEXT.read(node, ctx),)
        return tuple(Sequence(TEXT, 0).read(node, ctx))


class LanguageList(Kind):
    """A list of language codes, each one of the six UN languages, none twice."""

    name = "list of language codes"

    def read(self, node, ctx):
        codes = StrList().read(node, ctx)
        if codes is _INVALID:
            return _INVALID
        for code in codes:
            if code not in LANGUAGES:
                ctx.fail(node, f"{code!r} is not a UN language code; use {', '.join(LANGUAGES)}")
                return _INVALID
        if len(set(codes)) != len(codes):
            ctx.fail(node, "a language is listed twice")
            return _INVALID
        return tuple(codes)


def _node_kind(node: yaml.Node) -> str:
    return {
        yaml.ScalarNode: "single value",
        yaml.MappingNode: "mapping",
        yaml.SequenceNode: "list",
    }.get(type(node), "value")


# --- the schema of meeting.yaml -----------------------------------------------------

PERIOD = Mapping({
    "start": Key(DATE, "first day"),
    "end": Key(DATE, "last day"),
})

SECTION = Mapping({
    "id": Key(Scalar("a section id", _pattern(SECTION_ID, "lower-case-words")),
              "the section's id; its drafts go in inputs/drafts/<id>/"),
    "heading": Key(TEXT, "the sub-heading (A., B. ...) printed above the section; "
                         "leave out for a section that stands directly under its chapter",
                   required=False, default=""),
    "coordinators": Key(StrList(), "who writes it (the States Parties coordinating the theme)",
                        required=False, default=()),
    "required": Key(BOOL, "true: a missing draft is a warning and a placeholder "
                          "(an error with --final)", required=False, default=True),
})

CHAPTER = Mapping({
    "heading": Key(TEXT, "the chapter heading (numbered I., II. ... by the template)"),
    "sections": Key(Sequence(SECTION), "the chapter's sections, in order"),
})

DOCUMENT = Mapping({
    "id": Key(Scalar("a document id", _pattern(SECTION_ID, "lower-case-words")),
              "short name used for the output files (outputs/<id>/)"),
    "symbol": Key(TEXT, "the UN document symbol, e.g. CCM/MSP/2025/7"),
    "date": Key(DATE, "date of submission for processing, printed under the symbol"),
    "job_number": Key(Scalar("a job number", _pattern(JOB_NUMBER, "GE.25-11376")),
                      "the UN job number without the language letter, e.g. GE.25-11376"),
    "distribution": Key(TEXT, "the distribution line, e.g. General", required=False,
                        default="General"),
    "original_language": Key(Scalar("a language code", _choice(*LANGUAGES)),
                             "language the document is written in: en, fr, es, ar, zh or ru",
                             required=False, default="en"),
    "agenda_item": Key(Mapping({
        "number": Key(TEXT, "the item's number in the provisional agenda"),
        "title": Key(TEXT, "the item's title"),
    }), "the agenda item the document is submitted under"),
    "title": Key(TEXT, "the document's title, printed bold under the masthead"),
    "submitted_by": Key(TEXT, "who submits it, e.g. 'the President of the Thirteenth "
                              "Meeting of States Parties'"),
    "word_limit": Key(INT, "the UN word limit for the document", required=False, default=10700),
    "changes_after_issue": Key(Scalar("revision or corrigendum", _choice("revision", "corrigendum")),
                               "what a change after the document was issued makes: /Rev.n or /Corr.n",
                               required=False, default="revision"),
    "template": Key(TEXT, "the Word template in templates/, e.g. progress-report.docx"),
    "chapters": Key(Sequence(CHAPTER), "the chapters, in order, each with its sections"),
})

class TextMap(Kind):
    """A mapping of names to texts (a family's row filter: column -> value)."""

    name = "mapping of texts"

    def read(self, node, ctx):
        if not isinstance(node, yaml.MappingNode):
            ctx.fail(node, f"expected a mapping of column: value, found a {_node_kind(node)}")
            return _INVALID
        return {k.value: TEXT.read(v, ctx) for k, v in node.value}


FAMILY = Mapping({
    "id": Key(Scalar("a family id", _pattern(SECTION_ID, "lower-case-words")),
              "short name; each document's folder is <id>-<ISO3 code>"),
    "template": Key(TEXT, "the Word template in templates/ rendered for each State"),
    "sheet": Key(TEXT, "the data sheet whose rows select the States, e.g. ExtensionRequests"),
    "where": Key(TextMap(), "column: value pairs the rows must match, e.g. {Status: Pending}",
                 required=False, default={}),
    "first_symbol": Key(TEXT, "the first document's symbol; the next ones count on, e.g. CCM/MSP/2025/3"),
    "first_job_number": Key(Scalar("a job number", _pattern(JOB_NUMBER, "GE.25-11377")),
                            "the first document's job number; the next ones count on"),
    "date": Key(DATE, "date of submission for processing"),
    "distribution": Key(TEXT, "the distribution line", required=False, default="General"),
    "original_language": Key(Scalar("a language code", _choice(*LANGUAGES)), "as for documents",
                             required=False, default="en"),
    "agenda_item": Key(Mapping({
        "number": Key(TEXT, "the item's number in the provisional agenda"),
        "title": Key(TEXT, "the item's title"),
    }), "the agenda item"),
    "title": Key(TEXT, "the title; [[state]] stands for the State's name"),
    "submitted_by": Key(TEXT, "who submits it; [[state]] stands for the State's name"),
    "word_limit": Key(INT, "the UN word limit", required=False, default=10700),
})

MEETING_FILE = Mapping({
    "meeting": Key(Mapping({
        "body": Key(TEXT, "the body line of the masthead", required=False,
                    default="Convention on Cluster Munitions"),
        "name": Key(TEXT, "the meeting, e.g. Thirteenth Meeting of States Parties"),
        "place": Key(TEXT, "the city, e.g. Geneva"),
        "dates": Key(PERIOD, "first and last day of the meeting"),
        "president": Key(TEXT, "the State presiding the meeting"),
        "reporting_period": Key(PERIOD, "the window the progress report covers"),
    }), "the meeting the documents are for"),
    "drafts": Key(Mapping({
        "tracked_changes": Key(Scalar("a policy", _choice("accept", "reject", "fail")),
                               "what to do with tracked changes left in drafts; unsaid: accept, "
                               "and with --final refuse them (fail)",
                               required=False, default=None),
        "normalise_country_names": Key(BOOL, "replace informal country names with UN short names",
                                       required=False, default=False),
    }), "how drafts are read", required=False, default=None),
    "pdf": Key(Mapping({
        "archive": Key(BOOL, "true: PDF/A-2b, for archiving", required=False, default=False),
        "tagged": Key(BOOL, "tagged PDF (structure for screen readers)", required=False, default=True),
    }), "how the PDFs are made", required=False, default=None),
    "translation": Key(Mapping({
        "languages": Key(LanguageList(), "the languages to export XLIFF files for, e.g. [fr, es]; "
                                         "left out: the five other UN languages (fr, es, ar, zh, ru)",
                         required=False, default=None),
        "xliff_1_2": Key(BOOL, "true: also export XLIFF 1.2, for older CAT tools", required=False,
                         default=False),
    }), "the translation-ready exports", required=False, default=None),
    "documents": Key(Sequence(DOCUMENT), "the documents to produce"),
    "families": Key(Sequence(FAMILY, 0), "documents rendered from one template for each State selected "
                                          "from the data", required=False, default=[]),
})


# --- loading -------------------------------------------------------------------------------


def parse_meeting(text: str, path: str) -> tuple[Config | None, list[Diagnostic]]:
    """Parse and validate the text of meeting.yaml; ``path`` names it in diagnostics."""
    ctx = _Ctx(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        ctx.diagnostics.append(error("config", Location(path, place),
                                     f"this is not valid YAML: {problem}; check the "
                                     "indentation and quoting on this line and the one above"))
        return None, ctx.diagnostics
    if root is None:
        ctx.fail(None, "the file is empty; start from the sample in the README")
        return None, ctx.diagnostics
    _refuse_tags(root, ctx)
    if ctx.diagnostics:
        return None, ctx.diagnostics
    raw = MEETING_FILE.read(root, ctx)
    if ctx.diagnostics or raw is _INVALID:
        return None, ctx.diagnostics
    config = _build(raw)
    _check_cross(config, root, ctx)
    return (None if ctx.diagnostics else config), ctx.diagnostics


STANDARD_TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = {STANDARD_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


def _refuse_tags(node: yaml.Node, ctx: _Ctx) -> None:
    """Explicit tags (``!!python/object``, ``!custom``) have no place in a settings file."""
    if node.tag not in PLAIN_TAGS:
        ctx.fail(node, f"the tag {node.tag.replace(STANDARD_TAG, '!!')} is not allowed; "
                       "write plain values (text, numbers, dates, lists, mappings)")
        return
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _refuse_tags(key, ctx)
            _refuse_tags(value, ctx)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _refuse_tags(child, ctx)


def _build(raw: dict) -> Config:
    m = raw["meeting"]
    d = raw["drafts"] or {"tracked_changes": None, "normalise_country_names": False}
    pdf = raw["pdf"] or {"archive": False, "tagged": True}
    translation = raw["translation"] or {"languages": None, "xliff_1_2": False}
    return Config(
        pdf=PdfOptions(**pdf),
        translation=TranslationOptions(
            languages=translation["languages"] if translation["languages"] is not None
            else TranslationOptions.languages, xliff_1_2=translation["xliff_1_2"]),
        families=tuple(
            FamilySpec(
                id=f["id"], template=f["template"], sheet=f["sheet"], where=MappingProxyType(dict(f["where"])),
                first_symbol=f["first_symbol"], first_job_number=f["first_job_number"], date=f["date"],
                distribution=f["distribution"], original_language=f["original_language"],
                agenda_item=AgendaItem(**f["agenda_item"]), title=f["title"], submitted_by=f["submitted_by"],
                word_limit=f["word_limit"])
            for f in raw["families"] or ()),
        meeting=Meeting(
            body=m["body"], name=m["name"], place=m["place"],
            dates=Period(**m["dates"]), president=m["president"],
            reporting_period=Period(**m["reporting_period"]),
        ),
        drafts=DraftPolicy(**d),
        documents=tuple(
            DocumentSpec(
                id=doc["id"], symbol=doc["symbol"], date=doc["date"],
                job_number=doc["job_number"], distribution=doc["distribution"],
                original_language=doc["original_language"],
                agenda_item=AgendaItem(**doc["agenda_item"]), title=doc["title"],
                submitted_by=doc["submitted_by"], word_limit=doc["word_limit"],
                template=doc["template"], changes_after_issue=doc["changes_after_issue"],
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


def _check_cross(config: Config, root: yaml.MappingNode, ctx: _Ctx) -> None:
    """Rules that span keys: unique ids, periods in order."""
    for label, period in (("meeting.dates", config.meeting.dates),
                          ("meeting.reporting_period", config.meeting.reporting_period)):
        if period.end < period.start:
            ctx.fail(root, f"{label}: end {period.end} is before start {period.start}")
    ids = [d.id for d in config.documents]
    for doc_id in sorted({i for i in ids if ids.count(i) > 1}):
        ctx.fail(root, f"two documents have the id '{doc_id}'; ids must be unique")
    for doc in config.documents:
        sids = [s.id for s in doc.sections]
        for sid in sorted({i for i in sids if sids.count(i) > 1}):
            ctx.fail(root, f"document '{doc.id}': two sections have the id '{sid}'")
