"""Checking the claims of the drafts against the data's facts, and their dates against the calendar.

A claim is *confirmed* when the data agrees (an exact figure to the step it was typed to; "about" within
the tolerance; "more than" above ...), *contradicted* when the data says otherwise, *unverifiable* when
the data has nothing to say. A date after the document's own date is an event the document cannot report
yet; one claimed "during the reporting period" must fall inside it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pipeline import locale, reference
from pipeline.claims import lexicon
from pipeline.claims.find import Claim, claims_in, sentences
from pipeline.claims.mentions import mentions
from pipeline.errors import Diagnostic, Location, info, warning
from pipeline.model import Config, Draft, Period
from pipeline.model.blocks import (
    PLACEHOLDER,
    Block,
    Footnote,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    block_text,
    footnotes_in,
    plain_text,
)
from pipeline.model.facts import Fact

# What each topic is, for the messages.
ABOUT = {
    "count.states_parties": "States Parties",
    "count.signatories": "signatories",
    "count.article3": "States Parties with obligations under Article 3",
    "count.article4": "States Parties with obligations under Article 4",
    "count.article5": "States Parties with obligations under Article 5",
    "count.reported": "annual reports submitted by the end of the period",
    "count.reported_on_time": "annual reports submitted by 30 April",
    "count.reports_due": "annual reports due",
    "count.overdue": "annual reports still awaited",
    "count.initial_overdue": "initial reports overdue",
    "count.silent_3_years": "States Parties with no annual report in the past three years",
    "count.donors": "States providing support",
    "count.recipients": "States receiving support",
    "count.focal_points": "States with a victim assistance focal point",
    "count.national_plans": "States with a national plan covering victims",
    "count.extension_requests": "pending Article 4 extension requests",
    "count.retaining": "States retaining cluster munitions",
    "count.retention_no_purpose": "States retaining without stating the purpose",
    "date.clearance_deadline": "Article 4 clearance deadline",
    "date.stockpile_deadline": "Article 3 destruction deadline",
    "date.stockpile_completed": "completion of stockpile destruction",
    "date.deposit": "deposit of the instrument of ratification or accession",
    "date.entry_into_force": "entry into force",
    "date.withdrawal": "withdrawal",
    "date.signature": "signature",
    "dates.legislation": "national implementing legislation",
    "count.region.Africa": "States Parties in Africa",
    "count.region.Americas": "States Parties in the Americas",
    "count.region.Asia-Pacific": "States Parties in Asia and the Pacific",
    "count.region.Europe": "States Parties in Europe",
    "count.article3_recent": "States Parties reporting stockpiles in the last three years",
    "quantity.area_cleared": "area cleared",
    "quantity.area_released_by_survey": "area released by survey",
    "quantity.land_release": "land released: cleared and released by survey",
    "quantity.area_remaining": "area remaining",
    "quantity.munitions_destroyed": "cluster munitions destroyed",
    "quantity.submunitions_destroyed": "submunitions destroyed",
    "quantity.munitions_retained": "cluster munitions retained",
    "quantity.submunitions_retained": "submunitions retained",
    "quantity.people_reached": "people reached by risk education",
    "quantity.children_reached": "children reached by risk education",
    "quantity.casualties": "casualties",
    "quantity.reports_received": "annual reports received",
    "share.children_reached": "share of children among those reached",
}

_DEADLINES = ("date.clearance_deadline", "date.stockpile_deadline")


@dataclass(frozen=True)
class Settings:
    """What the checks need beyond the facts: the document's language and date, the reporting period,
    and the tolerance for approximations ("about 30"), in per cent."""

    language: str
    document_date: dt.date
    period: Period
    tolerance_percent: float = 10.0


@dataclass(frozen=True)
class Tally:
    """What a document's typed figures came to: confirmed, contradicted, unverifiable; time findings."""

    confirmed: int = 0
    contradicted: int = 0
    unverifiable: int = 0
    time: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.confirmed + other.confirmed,
            self.contradicted + other.contradicted,
            self.unverifiable + other.unverifiable,
            self.time + other.time,
        )


@dataclass(frozen=True)
class Result:
    verdict: str  # confirmed | contradicted | unverifiable | time
    claim: Claim | None
    fact: Fact | None
    message: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Facts:
    """The facts by (topic, State); a State of None for counts and totals."""

    by_key: Mapping[tuple[str, str | None], Fact] = field(default_factory=dict)

    @classmethod
    def of(cls, facts: Iterable[Fact]) -> Facts:
        return cls({(f.topic, f.state): f for f in facts})

    def get(self, topic: str, state: str | None) -> Fact | None:
        found = self.by_key.get((topic, state))
        if found is None and topic in _DEADLINES and state:  # a State has one kind of deadline or the other
            other = _DEADLINES[1 - _DEADLINES.index(topic)]
            found = self.by_key.get((other, state))
        return found


# --- one text ----------------------------------------------------------------------------


def check_text(text: str, facts: Facts, settings: Settings) -> list[Result]:
    """Every claim and time finding in one paragraph's text (a ``[[name]]`` is the data's, not typed)."""
    text = PLACEHOLDER.sub(lambda m: "\u00a7" * len(m.group(0)), text)
    results: list[Result] = []
    for offset, sentence in sentences(text):
        for claim in claims_in(sentence, settings.language):
            result = _judge(claim, facts, settings)
            results.append(Result(*result, start=offset + claim.start, end=offset + claim.end))
        results.extend(_time(sentence, offset, settings))
    return results


def _judge(claim: Claim, facts: Facts, settings: Settings) -> tuple[str, Claim, Fact | None, str]:
    if claim.topic is None:
        return "unverifiable", claim, None, ""
    if claim.kind == "all":
        fact = facts.get(claim.topic, None)
        if fact is None or not isinstance(fact.value, tuple):
            return "unverifiable", claim, None, ""
        missing = fact.value
        message = f"\u201c{claim.text}\u201d: the data says {len(missing)} did not ({', '.join(missing)}; {fact.ref})"
        return ("contradicted", claim, fact, message) if missing else ("confirmed", claim, fact, "")
    # a figure typed for another year than the data year is checked against that year's facts, if any
    other_year = claim.year is not None and claim.year != settings.period.end.year - 1
    topic = f"{claim.topic}@{claim.year}" if other_year else claim.topic
    if claim.kind == "count":
        # only a count of States Parties is known at another date than the period's end (facts.py)
        dated = claim.when is not None and claim.when != settings.period.end and claim.topic == "count.states_parties"
        fact = facts.get(f"{claim.topic}@{claim.when.isoformat()}" if dated else topic, None)  # type: ignore[union-attr]
    elif claim.kind in ("quantity", "share"):
        fact = facts.get(topic, claim.states[0] if claim.states else None)
    else:
        if not claim.states and claim.topic != "dates.legislation":
            return "unverifiable", claim, None, ""
        fact = facts.get(claim.topic, claim.states[0] if claim.states else None)
    if fact is None:
        return "unverifiable", claim, None, ""
    agrees = _agrees(claim, fact, settings.tolerance_percent)
    return ("confirmed" if agrees else "contradicted"), claim, fact, _message(claim, fact, agrees, settings.language)


def _agrees(claim: Claim, fact: Fact, tolerance: float) -> bool:
    value, data = claim.value, fact.value
    if claim.kind == "year":
        return isinstance(data, dt.date) and data.year == value
    if claim.kind == "date":
        days = data if isinstance(data, tuple) else (data,)
        if isinstance(value, dt.date):
            return any(isinstance(d, dt.date) and d == value for d in days)
        typed: tuple[int, int] = value  # type: ignore[assignment]
        return any(isinstance(d, dt.date) and (d.year, d.month) == typed for d in days)
    if not isinstance(value, (int, float)) or not isinstance(data, (int, float)):
        return False
    if claim.qualifier == "about":
        return abs(value - data) <= tolerance / 100 * abs(data)
    if claim.qualifier == "above":
        return data > value
    if claim.qualifier == "below":
        return data < value
    if claim.qualifier == "at_least":
        return data >= value
    if claim.qualifier == "at_most":
        return data <= value
    # exact: to the step it was typed to, rounded half up (85.8 for 85.837; 1.5 million for 1,450,000-1,549,999)
    return -claim.precision / 2 - 1e-9 <= data - value < claim.precision / 2 - 1e-9 or data == value


def _written(fact: Fact, lang: str) -> str:
    """The data's value as the draft's language writes it."""
    value = fact.value
    if isinstance(value, tuple):
        latest = max((d for d in value if isinstance(d, dt.date)), default=None)
        return f"none after {locale.un_date(latest, lang)}" if latest else "none"
    if isinstance(value, dt.date):
        return locale.un_date(value, lang)
    if fact.topic.startswith("share.") and isinstance(value, float):
        return f"{locale.format_number(round(100 * value), lang)} per cent"
    if isinstance(value, float) and ("area" in fact.topic or "land" in fact.topic):
        return locale.format_area(value, lang)
    return locale.format_figure(value, lang)


def _message(claim: Claim, fact: Fact, agrees: bool, lang: str) -> str:
    whose = ""
    if claim.states:
        whose = " for " + ", ".join(_state_name(iso3) for iso3 in claim.states)
    # the fact's topic, not the one looked for: a State has one kind of deadline or the other
    topic, _, year = fact.topic.partition("@")
    label = ABOUT.get(topic, "")
    if label and year and "-" not in year:
        label += f", {year}"
    about = f" ({label})" if label else ""
    where = fact.ref
    if agrees:
        keep = f"; [[{fact.name}]] would keep it current" if fact.name else ""
        return f"\u201c{claim.text}\u201d{about}{whose} agrees with the data ({_written(fact, lang)}, {where}){keep}"
    return f"\u201c{claim.text}\u201d{about}{whose}: the data says {_written(fact, lang)} ({where})"


def _state_name(iso3: str) -> str:
    for row in reference.states():
        if row["iso3"] == iso3:
            return row["name_en"]
    return iso3


def _time(sentence: str, offset: int, settings: Settings) -> list[Result]:
    """Dates of events after the document's date, and "during the reporting period" dates outside it."""
    lang, results = settings.language, []
    in_period = re.search(lexicon.REPORTING_PERIOD[lang], sentence, re.IGNORECASE)
    for m in mentions(sentence, lang):
        if m.kind not in ("date", "month"):
            continue
        if isinstance(m.value, dt.date):
            first = last = m.value
        else:
            year: int = m.value[0]  # type: ignore[index]
            month: int = m.value[1]  # type: ignore[index]
            first = dt.date(year, month, 1)
            last = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        typed = sentence[m.start : m.end]
        before = sentence[max(0, m.start - 80) : m.start]
        scheduled = (
            re.search(lexicon.FUTURE[lang], before, re.IGNORECASE)
            or re.search(lexicon.RANGE_END[lang], before, re.IGNORECASE)
            or re.search(lexicon.FUTURE_AFTER[lang], sentence[m.end : m.end + 80], re.IGNORECASE)
        )
        if first > settings.document_date and not scheduled:
            results.append(
                Result(
                    "time",
                    None,
                    None,
                    f"\u201c{typed}\u201d is after the document's date "
                    f"({locale.un_date(settings.document_date, lang)}): the document cannot report it as done; "
                    "leave it to a later report, or state it as expected",
                    offset + m.start,
                    offset + m.end,
                )
            )
        elif in_period and (last < settings.period.start or first > settings.period.end):
            results.append(
                Result(
                    "time",
                    None,
                    None,
                    f"\u201c{typed}\u201d is said to be during the reporting period, which runs from "
                    f"{locale.un_date(settings.period.start, lang)} to {locale.un_date(settings.period.end, lang)}",
                    offset + m.start,
                    offset + m.end,
                )
            )
    return results


# --- a draft -------------------------------------------------------------------------------


def texts(blocks: tuple[Block, ...]) -> list[tuple[str, str]]:
    """A draft's texts with their place: ("paragraph 3", text), footnotes and table rows apart.

    A table row is read as "<first cell>: <header> in <cell>" per cell, so that a column's heading
    ("Completion of destruction reported") says what the row's figure is."""
    out: list[tuple[str, str]] = []
    for block in blocks:
        place = f"paragraph {getattr(block, 'origin', 0)}"
        if isinstance(block, (Heading, Paragraph)):
            out.append((place, plain_text(block.inlines)))
            out.extend((f"{place}, footnote", block_text_of(note)) for note in footnotes_in((block,)))
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.extend((place, text) for _p, text in texts(item))
        elif isinstance(block, Table):
            header = [" ".join(block_text(b) for b in cell) for cell in block.header[-1]] if block.header else []
            for number, row in enumerate(block.body, start=1):
                cells = [" ".join(block_text(b) for b in cell) for cell in row]
                if not cells:
                    continue
                for column, cell in enumerate(cells[1:], start=1):
                    heading = header[column] if column < len(header) else ""
                    out.append((f"{place}, table row {number}", f"{cells[0]}: {heading} in {cell}"))
    return out


def block_text_of(note: Footnote) -> str:
    return " ".join(block_text(b) for b in note.blocks)


def findings(blocks: tuple[Block, ...], facts: Facts, settings: Settings) -> list[tuple[str, str, Result]]:
    """Each finding of a draft's blocks with its place and the text it stands in."""
    return [(place, text, result) for place, text in texts(blocks) for result in check_text(text, facts, settings)]


def check_draft(draft: Draft, facts: Facts, settings: Settings) -> tuple[list[Diagnostic], Tally]:
    """A draft's findings: contradictions and time as WARNINGs, confirmations as INFO naming the
    ``[[name]]`` to use; unverifiable claims are counted only."""
    found: list[Diagnostic] = []
    tally = Tally()
    path = draft.source.display
    for place, text, result in findings(draft.blocks, facts, settings):
        where = Location(path, place)
        if result.verdict == "contradicted":
            found.append(warning("figure.contradicts", where, result.message, context=text))
            tally += Tally(contradicted=1)
        elif result.verdict == "confirmed":
            found.append(info("figure.confirmed", where, result.message, context=text))
            tally += Tally(confirmed=1)
        elif result.verdict == "time":
            code = "time.after-document" if "after the document" in result.message else "time.outside-period"
            found.append(warning(code, where, result.message, context=text))
            tally += Tally(time=1)
        else:
            tally += Tally(unverifiable=1)
    return found, tally


def check_documents(
    config: Config, drafts: Mapping[str, Draft], facts: Iterable[Fact]
) -> tuple[list[Diagnostic], dict[str, dict[str, int]]]:
    """Each document's drafts checked in its own language, against its date and the reporting period;
    per document, the typed figures confirmed, contradicted, unverifiable and the time findings."""
    index = Facts.of(facts)
    diagnostics: list[Diagnostic] = []
    tallies: dict[str, dict[str, int]] = {}
    for spec in config.documents:
        settings = Settings(
            spec.original_language, spec.date, config.meeting.reporting_period, config.figures.tolerance_percent
        )
        tally = Tally()
        for section in spec.sections:
            draft = drafts.get(section.id)
            if draft is not None:
                found, counted = check_draft(draft, index, settings)
                diagnostics.extend(found)
                tally += counted
        tallies[spec.id] = {
            "confirmed": tally.confirmed,
            "contradicted": tally.contradicted,
            "unverifiable": tally.unverifiable,
            "time": tally.time,
        }
    return diagnostics, tallies
