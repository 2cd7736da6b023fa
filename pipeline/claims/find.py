"""Finding the claims in a sentence: figures, dates and years, what they count and which State they concern.

A sentence is read as a row of mentions (figures, dates, years, States). A figure's unit is the words
right after it ("30 States Parties", "85 square kilometres"); its topic is the nearest cue in its own
stretch of the sentence (from the mention before it to the mention after it). A date's topic is the cue
just before it ("deadline of 1 April 2024"). What cannot be told is still a claim, with no topic:
it is counted as unverifiable, never guessed at.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from pipeline.claims import lexicon
from pipeline.claims.lexicon import QUALIFIERS, UNITS
from pipeline.claims.mentions import Mention, is_reference, mentions
from pipeline.claims.topics import DATE_TOPICS, TOPICS


@dataclass(frozen=True)
class Claim:
    """A figure, date or year a draft types, and what it is a figure of.

    ``value``: int or float for figures, a date for full dates, (year, month) for "March 2025", an
    int year for years. ``qualifier``: "" (exact), about, above, below, at_least, at_most.
    ``precision``: the step the typed figure was rounded to (1 for "30", 0.1 for "85.8", 100,000 for
    "1.5 million"). ``start``/``end``: the span in the text it was found in.
    """

    kind: str  # count | quantity | date | year
    topic: str | None
    value: object
    text: str
    start: int
    end: int
    qualifier: str = ""
    precision: float = 1.0
    states: tuple[str, ...] = ()  # ISO3 of the State(s) the claim is about; () for all States
    when: dt.date | None = None  # the date a count is given at ("On 1 July 2024, 112 States ..."), if typed
    unit: str = ""  # what a figure counts: states, km2, people ... (lexicon.UNITS)
    year: int | None = None  # the calendar year a quantity is typed for ("in 2023"), if not the data year


_MUNITIONS = {"munitions", "submunitions"}

_POINTING_BACK = re.compile(
    r"\b(?:all|these|those|the|both|each of the|tous les|toutes les|les|ces|"
    r"todos los|todas las|los|las|estos|estas)\s+$",
    re.IGNORECASE,
)

_VERB_AFTER = re.compile(
    r"\s+(?:reported|had|have|did|were|said|stated|indicated|submitted|ont|avaient|n'ont|disposaient|"
    r"han|habían|no|contaban|tenían|notificaron|informaron)\b",
    re.IGNORECASE,
)


# --- from mentions to claims ----------------------------------------------------------------


def _unit_after(sentence: str, end: int, lang: str) -> str | None:
    """The kind of thing the figure ending at ``end`` counts, by the words right after it."""
    rest = sentence[end : end + 120]  # bounded: a long paragraph stays linear
    filler = (
        r"(?:\s+(?:more|other|new|additional|further|of\s+whom|autres|nouveaux|nouvelles|"
        r"otros|otras|nuevos|nuevas|de|d'))?"
    )
    for unit in UNITS[lang]:
        if re.match(rf"{filler}\s+(?:{unit.pattern})\b", rest, re.IGNORECASE):
            return unit.kind
    return None


def _unit_before(sentence: str, start: int, lang: str) -> str | None:
    """ "the number of States Parties stood at 111": the unit named before the figure."""
    before = sentence[max(0, start - 80) : start]  # bounded: a long paragraph stays linear
    lead = {"en": r"number of", "fr": r"nombre d(?:e |')", "es": r"número de"}[lang]
    for unit in UNITS[lang]:
        if re.search(rf"{lead}\s*(?:{unit.pattern})\b", before, re.IGNORECASE):
            return unit.kind
    return None


def _percent_after(sentence: str, end: int) -> bool:
    return bool(re.match(r"\s*(?:per cent|%|pour cent|por ciento|\s*/)", sentence[end : end + 20], re.IGNORECASE))


def _qualifier(sentence: str, start: int, lang: str) -> tuple[str, int]:
    """The qualifier typed just before a figure ("about", "plus de") and where it starts."""
    offset = max(0, start - 40)
    before = sentence[offset:start]
    for words, meaning in sorted(QUALIFIERS[lang].items(), key=lambda kv: -len(kv[0])):
        m = re.search(rf"\b{re.escape(words)}\s+$", before, re.IGNORECASE)
        if m:
            return meaning, offset + m.start()
    return "", start


def _nearest_cue(
    stretch: str, offset: int, at: int, topics, lang: str, unit: str | None, *, specific_first: bool = False
) -> str | None:
    """The topic whose cue in ``stretch`` (starting at ``offset`` in the sentence) is nearest ``at``; with
    ``specific_first``, the first topic in the list with a cue in the stretch (the lexicon's order)."""
    best: tuple[int, int, str] | None = None
    for rank, topic in enumerate(topics):
        if unit is not None and unit not in topic.units:
            continue
        for m in re.finditer(topic.cues[lang], stretch, re.IGNORECASE):
            left, right = offset + m.start(), offset + m.end()
            distance = 0 if left <= at <= right else min(abs(at - left), abs(at - right))
            key = (rank, distance, topic.topic) if specific_first else (distance, rank, topic.topic)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def _clause_start(sentence: str, lo: int, at: int, lang: str) -> int:
    """Where the clause of the figure at ``at`` starts: after the last clause break before it (not before ``lo``)."""
    start = lo
    for m in re.finditer(lexicon.CLAUSE_START[lang], sentence[lo:at], re.IGNORECASE):
        start = lo + m.end()
    return start


def claims_in(sentence: str, lang: str) -> list[Claim]:
    """Every claim a sentence makes that the data could confirm or contradict (and those it cannot)."""
    found = mentions(sentence, lang)
    anchors = [m for m in found if m.kind != "state"]
    states = [m for m in found if m.kind == "state"]
    claims: list[Claim] = []
    previous: Claim | None = None
    for i, m in enumerate(anchors):
        lo = anchors[i - 1].end if i else 0
        hi = anchors[i + 1].start if i + 1 < len(anchors) else len(sentence)
        if m.kind == "number":
            clause = _clause_start(sentence, lo, m.start, lang) - 40
            # the date a count is given at: the last full date shortly before it ("On 1 July 2024, 112 ...")
            when = next(
                (a.value for a in reversed(anchors[max(0, i - 3) : i]) if a.kind == "date" and a.end > clause), None
            )
            claim = _figure_claim(sentence, m, lo, hi, states, lang, previous, anchors[i + 1 :], when)
            if claim is not None:
                claims.append(claim)
                previous = claim
        elif m.kind in ("date", "month"):
            claims.extend(_date_claim(sentence, m, lo, hi, states, lang, last=i + 1 == len(anchors)))
        elif m.kind == "year":
            claims.extend(_year_claim(sentence, m, lo, hi, states, lang))
    claims.extend(_share_claims(sentence, lang))
    for every in re.finditer(lexicon.ALL_REPORTED[lang], sentence, re.IGNORECASE):
        claims.append(
            Claim("all", f"reported.article{every.group(1)}", None, every.group(0), every.start(), every.end())
        )
    return claims


def _share_claims(sentence: str, lang: str) -> list[Claim]:
    """ "of whom more than half were children": a share, checked when the data knows what it is a share of."""
    out = []
    for words, share in lexicon.FRACTIONS[lang].items():
        for m in re.finditer(rf"\b{re.escape(words)}\b", sentence, re.IGNORECASE):
            qualifier, start = _qualifier(sentence, m.start(), lang)
            rest = sentence[m.end() : m.end() + 60]
            topic = next((t for t, cues in lexicon.SHARES.items() if re.search(cues[lang], rest, re.IGNORECASE)), None)
            out.append(Claim("share", topic, share, sentence[start : m.end()], start, m.end(), qualifier, 0.0))
    return out


def _figure_claim(sentence, m: Mention, lo, hi, states, lang, previous, following, when) -> Claim | None:
    if is_reference(sentence, m.start, lang) or _percent_after(sentence, m.end):
        return None
    qualifier, start = _qualifier(sentence, m.start, lang)
    unit = _unit_after(sentence, m.end, lang)
    named = (
        _states_near(states, _clause_start(sentence, lo, start, lang), hi, m.start)
        or _states_near(states, lo, hi, m.start)
        or _state_before(states, m.start, sentence, lang)
    )
    if unit is None and previous is not None and previous.kind == "quantity" and named:
        # "Chad reached 27,612 people ... and Iraq 79,565": the same figure, for another State
        text = sentence[start : m.end]
        return replace(
            previous,
            value=m.value,
            text=text,
            start=start,
            end=m.end,
            qualifier=qualifier,
            precision=m.precision,
            states=named,
            year=_year_after(sentence, m.end, hi) or previous.year,
        )
    of_the = re.match(r"\s+(?:of the|of its|des|de los|de las|sur les)\s+", sentence[m.end : m.end + 80], re.IGNORECASE)
    if unit is None and of_the and following and following[0].kind == "number":
        # "nine of the 11 States Parties": nine counts a subset; its topic is any cue but the base's.
        unit = _unit_after(sentence, following[0].end, lang)
        topics = tuple(t for t in TOPICS if not t.base)
        end = following[0].end
    else:
        topics = TOPICS
        end = m.end
        if unit is None:
            unit = _unit_before(sentence, m.start, lang)
        if unit is None and _VERB_AFTER.match(sentence, m.end):
            unit = "states"  # "... and 12 reported receiving it", "three did not describe": States, by ellipsis
            if _POINTING_BACK.search(sentence[max(0, start - 20) : start]):
                # "All four have reported": the four just named, not a count of a category
                return Claim("count", None, m.value, sentence[start : m.end], start, m.end, qualifier, m.precision)
    if unit is None:
        return None  # a bare number: not a claim about anything the data counts
    base = of_the is None and _of_the_before(sentence, m.start)
    if base:
        topics = tuple(t for t in TOPICS if t.base)  # the 11 of "nine of the 11 States Parties"
    unit_end = _unit_span_end(sentence, end, lang)
    kind = "count" if unit in ("states", "requests") else "quantity"
    text = sentence[start:unit_end].strip()
    subset = (
        kind == "count"
        and not base
        and re.search(lexicon.SUBSET_BEFORE[lang], sentence[max(0, start - 20) : start], re.IGNORECASE)
    )
    pointing_back = re.match(lexicon.BACK_REFERENCE[lang], sentence[unit_end : unit_end + 40], re.IGNORECASE)
    if subset or pointing_back:
        return Claim(kind, None, m.value, text, start, unit_end, qualifier, m.precision)
    clause = _clause_start(sentence, lo, start, lang) if not base else lo
    stop = re.compile(r"[,;:(]").search(sentence, unit_end, hi)
    until = stop.start() if stop else hi
    if following and following[0].kind in ("date", "month") and following[0].start - until < 40 and not stop:
        until = following[0].end  # "received by the deadline of 30 April 2025": the date belongs to the clause
    topic = _nearest_cue(sentence[clause:until], clause, m.start, topics, lang, unit, specific_first=True)
    if topic is None and previous is not None and previous.topic and previous.unit == unit:
        topic = previous.topic  # "Somalia reported 3.8 km² remaining, and Germany 5.4 km²"
    elif topic is None and previous is not None and previous.topic and {previous.unit, unit} == _MUNITIONS:
        topic = previous.topic.replace(previous.unit, unit, 1)  # "238 munitions, and Spain 17,620 submunitions"
    near = named if kind == "quantity" else ()
    year = _year_after(sentence, unit_end, hi) or _year_before(sentence, start)
    return Claim(kind, topic, m.value, text, start, unit_end, qualifier, m.precision, near, when, unit, year)


def _year_after(sentence: str, end: int, hi: int) -> int | None:
    """ "... people in 2023": the calendar year a quantity is given for, typed right after it."""
    m = re.match(r"[^,;.]{0,40}?\b(?:in|en|durante|pendant)\s+((?:19|20)\d\d)\b", sentence[end : end + 80])
    return int(m.group(1)) if m else None


def _year_before(sentence: str, start: int) -> int | None:
    """ "In 2023, Bulgaria destroyed 733 ...": the year the sentence or clause opens with, before the figure."""
    found = None
    for m in re.finditer(
        r"\b(?:in|en|durante|pendant|for|pour|para)\s+((?:19|20)\d\d)\b", sentence[max(0, start - 200) : start], re.I
    ):
        found = int(m.group(1))
    return found


def _state_before(states, at: int, sentence: str, lang: str) -> tuple[str, ...]:
    """A State named earlier in the sentence ("Bulgaria destroyed 246 munitions and 8,050 submunitions"),
    unless the figure is a total ("in all", "together", "au total", "en total")."""
    near = sentence[max(0, at - 120) : at + 120]
    if re.search(r"\b(?:in all|in total|together|altogether|au total|en tout|en total|en conjunto)\b", near, re.I):
        return ()
    before = [s for s in states if s.end <= at]
    return (str(before[-1].value),) if before else ()


def _of_the_before(sentence: str, start: int) -> bool:
    return bool(re.search(r"(?:of the|des|de los|de las)\s+$", sentence[max(0, start - 20) : start], re.IGNORECASE))


def _unit_span_end(sentence: str, end: int, lang: str) -> int:
    rest = sentence[end : end + 120]  # bounded: a long paragraph stays linear
    for unit in UNITS[lang]:
        m = re.match(rf"(?:\s+\w+)?\s+(?:{unit.pattern})\b", rest, re.IGNORECASE)
        if m:
            return end + m.end()
    return end


def _states_near(states, lo: int, hi: int, at: int) -> tuple[str, ...]:
    """The State a figure is about: the nearest named in its stretch of the sentence, before it first."""
    inside = [s for s in states if lo <= s.start and s.end <= hi]
    if not inside:
        return ()
    before = [s for s in inside if s.end <= at]
    chosen = before[-1] if before else inside[0]
    return (str(chosen.value),)


def _date_claim(sentence, m: Mention, lo, hi, states, lang, *, last: bool) -> list[Claim]:
    """A date with a cue just before it ("deadline of", "entered into force on"), or after it when it is
    the sentence's last date; the State is the nearest named before it in the sentence."""
    topic = _cue_before(sentence[lo : m.start], lang)
    if topic is None and last:
        topic = _nearest_cue(sentence[m.end : hi], m.end, m.end, DATE_TOPICS, lang, None)
    named = [s for s in states if s.end <= m.start] or [s for s in states if s.start >= m.end]
    state = (str(named[-1].value),) if named and named[-1].end <= m.start else ((str(named[0].value),) if named else ())
    kind = "date"
    return [Claim(kind, topic, m.value, sentence[m.start : m.end], m.start, m.end, "", 1.0, state)]


def _cue_before(before: str, lang: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for rank, topic in enumerate(DATE_TOPICS):
        for cue in re.finditer(topic.cues[lang], before, re.IGNORECASE):
            key = (len(before) - cue.end(), rank, topic.topic)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def _year_claim(sentence, m: Mention, lo, hi, states, lang) -> list[Claim]:
    """ "Slovakia completed the destruction of its stockpiles in 2023": a completion year, for each State
    named in the year's stretch of the sentence."""
    stretch = sentence[lo:hi]
    if not lexicon.year_cue(lang).search(stretch) or not re.search(
        r"\b(?:in|en)\s+$", sentence[max(0, m.start - 4) : m.start]
    ):
        return []
    named = tuple(dict.fromkeys(str(s.value) for s in states if lo <= s.start and s.end <= hi)) or tuple(
        dict.fromkeys(str(s.value) for s in states)
    )
    # completing clearance is not completing stockpile destruction (and the data has no date for it)
    clearance = next(t for t in DATE_TOPICS if t.topic == "date.clearance_completed")
    cleared = re.search(clearance.cues[lang], stretch, re.IGNORECASE)
    topic = "date.clearance_completed" if cleared else "date.stockpile_completed"
    return [
        Claim("year", topic, m.value, sentence[m.start : m.end], m.start, m.end, "", 1.0, (iso3,)) for iso3 in named
    ]


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a paragraph with their offsets: split after . ; ! ? followed by a space."""
    out, at = [], 0
    for m in re.finditer(r"(?<=[.;!?])\s+(?=\S)", text):
        out.append((at, text[at : m.start()]))
        at = m.end()
    if at < len(text):
        out.append((at, text[at:]))
    return out
