"""The analysis of an Article 4 extension request, computed from the data: pure functions.

What an analysing State Party checks in a request (Art. 4.5-4.8): the request's facts (instrument,
entry into force, original deadline, earlier extensions, whether it came nine months before the
meeting), the contamination and its release over the last three years, whether the rate achieved
would meet the requested deadline, the request's plan (milestones, budget, funding) and the elements
of the draft decision. Areas are in square kilometres (km2), rates in km2 a year, money in US dollars,
durations in years of 365.25 days counted from 31 December of the last year reported.

:func:`analyse` gathers them as a family document's fields (``subject.<name>``, README "Extension
analyses"); the templates choose their sentences by :data:`VERDICTS`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.compute import extension_text as text
from pipeline.model import Dataset, Provenance, Record

CLEARANCE_YEARS = 10  # Art. 4.1: the original deadline is 10 years after entry into force
REQUEST_LEAD_MONTHS = 9  # Art. 4.6 as applied: a request reaches the ISU 9 months before the meeting
RATE_YEARS = 3  # the rate achieved is the mean of the last three years reported
AREA_PLACES = 1  # areas are shown to one decimal of a km2 (the house style of annex II)
REPORT_BY = (4, 30)  # the annual update comes with the Article 7 report, due 30 April

# The verdicts, by the ratio r = rate achieved / rate needed (both km2 a year), first match wins.
# Each names one fixed sentence of the templates (extension-analysis in every language).
VERDICTS = (
    ("sufficient", 1.0),  # r >= 1: the rate achieved would meet the requested deadline
    ("moderate_increase", 0.75),  # 0.75 <= r < 1: an increase of up to a third is needed
    ("substantial_increase", 0.5),  # 0.5 <= r < 0.75: the rate must rise by a third to double
    ("more_than_double", 0.0),  # r < 0.5: the rate must more than double
)
NO_RATE = "no_rate"  # nothing released in the years reported, or no year reported: no rate to compare


def original_deadline(entry_into_force: dt.date) -> dt.date:
    """Art. 4.1: entry into force + 10 years (29 February gives 28 February)."""
    return _add_years(entry_into_force, CLEARANCE_YEARS)


def request_due(meeting_opens: dt.date) -> dt.date:
    """The last day a request may be received: the meeting's first day - 9 calendar months (the day of
    the month kept, or the month's last day when it has fewer days)."""
    month = meeting_opens.month - REQUEST_LEAD_MONTHS
    year = meeting_opens.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(meeting_opens.day, last))


def years_between(start: dt.date, end: dt.date) -> float:
    """(end - start) in years of 365.25 days."""
    return (end - start).days / 365.25


def add_up(total: float, parts: tuple[float, ...], places: int = AREA_PLACES) -> tuple[float, tuple[float, ...]]:
    """``total`` and ``parts`` rounded once to ``places`` decimals so that the parts shown add up to
    the total shown: the total half up; each part down, then one unit (10**-places) more to the parts
    with the largest remainders until they reach the rounded total (largest remainder method). The
    parts must add up to ``total`` unrounded. 64.95 = 22.07 + 42.88 -> 65.0 = 22.1 + 42.9."""
    unit = 10**places
    whole = math.floor(total * unit + 0.5 + 1e-9)
    scaled = [p * unit for p in parts]
    shown = [math.floor(s + 1e-9) for s in scaled]
    by_remainder = sorted(range(len(parts)), key=lambda i: (shown[i] - scaled[i], i))
    for i in by_remainder[: max(0, whole - sum(shown))]:
        shown[i] += 1
    return whole / unit, tuple(s / unit for s in shown)


def released_since(baseline_shown: float, remaining_shown: float) -> float:
    """The land released since entry into force as the analysis shows it (km2): the area at entry into
    force minus the area remaining, each rounded once to one decimal, so that the three add up (the
    stocks are the figures of annex II, which the templates print from the request's shared fields
    ``area_at_entry_into_force`` and ``area_remaining``, rounded the same way; the flow is within
    0.1 km2 of its unrounded value)."""
    return _area(baseline_shown - remaining_shown)


def rate_achieved(released_by_year: tuple[float, ...]) -> float | None:
    """km2 a year: the land released in the last :data:`RATE_YEARS` years reported, divided by the
    number of those years; None when no year is reported or nothing was released."""
    last = released_by_year[-RATE_YEARS:]
    if not last or sum(last) <= 0:
        return None
    return sum(last) / len(last)


def rate_needed(remaining: float, years: float) -> float:
    """km2 a year: the area remaining / the years from 31 December of the last year reported to the
    requested deadline; the whole area when the deadline is less than a year away."""
    return remaining / max(years, 1.0)


def years_at_rate(remaining: float, rate: float | None) -> float | None:
    """Years the area remaining would take at ``rate`` (km2 a year): remaining / rate; None without a rate."""
    return None if not rate else remaining / rate


def verdict(achieved: float | None, needed: float) -> str:
    """Which of :data:`VERDICTS` applies, by r = achieved / needed; :data:`NO_RATE` without a rate
    achieved; "sufficient" when nothing remains to release."""
    if needed <= 0:
        return VERDICTS[0][0]
    if achieved is None:
        return NO_RATE
    ratio = achieved / needed
    return next(name for name, floor in VERDICTS if ratio >= floor)


def increase_percent(achieved: float | None, needed: float) -> int | None:
    """By how much the rate achieved must rise to meet the deadline, in per cent, rounded half up:
    (needed / achieved - 1) x 100; None when it need not rise or there is no rate."""
    if achieved is None or needed <= achieved:
        return None
    return math.floor((needed / achieved - 1) * 100 + 0.5)


@dataclass(frozen=True)
class Milestone:
    """One year of the request's work plan: the area it plans to release, the area that would remain
    on 31 December after it (km2, one decimal), and the year's budget, the funds secured and the gap
    between them (US dollars; None when the plan gives no budget)."""

    year: int
    to_release: float
    remaining_after: float
    budget: int | None
    secured: int | None
    gap: int | None


def milestones(remaining: float, plan: tuple[tuple[int, float, int | None, int | None], ...]) -> tuple[Milestone, ...]:
    """The plan's years (year, area to release, budget, secured), in year order: remaining_after =
    remaining - the area planned up to that year (not below 0); gap = budget - secured (not below 0)."""
    out, left = [], remaining
    for year, area, budget, secured in sorted(plan):
        left = max(0.0, left - area)
        gap = None if budget is None else max(0, budget - (secured or 0))
        out.append(Milestone(year, _area(area), _area(left), budget, secured, gap))
    return tuple(out)


@dataclass(frozen=True)
class DraftDecision:
    """The elements of the draft decision: the deadline granted; the date of the first of the annual
    updates (30 April of the year after the meeting, with the Article 7 report); whether the State is
    asked for a detailed, costed work plan by that date (the request gives no milestones); whether the
    decision notes the rate needed against the rate achieved (a verdict other than sufficient or
    no_rate); whether it asks about mobilising the funds still missing (a funding gap); whether it asks
    for a work plan showing how the rate will rise to the rate needed, by the first update (a verdict
    other than sufficient: the analysis shows the deadline is not met at the rate achieved, or has no
    rate to show it is)."""

    new_deadline: dt.date
    first_update: dt.date
    asks_for_plan: bool
    notes_rate: bool
    notes_funding_gap: bool
    asks_rate_plan: bool


def draft_decision(
    requested: dt.date, meeting_year: int, has_plan: bool, the_verdict: str, gap: int | None
) -> DraftDecision:
    """The draft decision's elements (see :class:`DraftDecision`)."""
    return DraftDecision(
        new_deadline=requested,
        first_update=dt.date(meeting_year + 1, *REPORT_BY),
        asks_for_plan=not has_plan,
        notes_rate=the_verdict not in (VERDICTS[0][0], NO_RATE),
        notes_funding_gap=bool(gap),
        asks_rate_plan=the_verdict != VERDICTS[0][0],
    )


def plan_end(plan: tuple[Milestone, ...], requested: dt.date) -> int | None:
    """Months by which the plan's last milestone (31 December of its year) falls after the requested
    deadline, to the nearest month (days / (365.25 / 12)), at least one; None when it does not."""
    if not plan or dt.date(plan[-1].year, 12, 31) <= requested:
        return None
    return max(1, math.floor((dt.date(plan[-1].year, 12, 31) - requested).days / (365.25 / 12) + 0.5))


def _area(value: float) -> float:
    return math.floor(value * 10**AREA_PLACES + 0.5 + 1e-9) / 10**AREA_PLACES


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Earlier:
    """An extension granted before: the date decided, the decision (its document and paragraph, as
    recorded), the deadline it extended and the deadline granted, and its length in whole years."""

    decided: dt.date | None
    decision: str
    extended: dt.date
    granted: dt.date
    years: int

    @property
    def words(self) -> text.Texts:
        return text.in_words(self.years)  # in running text: "five years"


def earlier_extensions(request: Record, requests: tuple[Record, ...]) -> tuple[Earlier, ...]:
    """The same State's granted requests in the ExtensionRequests sheet, other than this one, oldest first."""
    out = []
    for r in requests:
        if r["ISO3"] != request["ISO3"] or r["Status"] != "Granted" or r is request:
            continue
        decided = r.values.get("Decided")
        out.append(
            Earlier(
                decided if isinstance(decided, dt.date) else None,
                str(r.values.get("Decision") or ""),
                r["Current deadline"],  # type: ignore[arg-type]
                r["Requested deadline"],  # type: ignore[arg-type]
                int(r["Years requested"]),  # type: ignore[call-overload]
            )
        )
    return tuple(sorted(out, key=lambda e: e.granted))


def plan_rows(request: Record, data: Dataset) -> tuple[tuple[int, float, int | None, int | None], ...]:
    """The request's rows of the ExtensionPlans sheet: (year, area to release, budget, funds secured)."""

    def whole(value: object) -> int | None:
        return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    return tuple(
        (int(r["Year"]), float(r["Area to release"]), whole(r.values.get("Budget")), whole(r.values.get("Secured")))  # type: ignore[call-overload, arg-type]
        for r in data.sheet("ExtensionPlans")
        if r["ISO3"] == request["ISO3"] and r["Meeting"] == request["Meeting"]
    )


def provenance_of(formula: str, *rows_columns: tuple[Sequence[Record], str]) -> Provenance:
    """A computed figure's provenance: its formula and the cells it reads."""
    return Provenance(formula, tuple(r.ref(column) for rows, column in rows_columns for r in rows))


def analyse(
    request: Record, data: Dataset, meeting_opens: dt.date | None
) -> tuple[dict[str, object], dict[str, Provenance]]:
    """A request's analysis as a family document's fields and their provenance ("subject.<name>"):
    the figures above, computed from the States, Clearance (the years before the meeting's),
    ExtensionRequests and ExtensionPlans sheets. ``meeting_opens`` is the first day of the meeting
    that decides the request (None: the nine-month rule is not checked)."""
    iso3, requested = request["ISO3"], request.values.get("Requested deadline")
    current = request.values.get("Current deadline")
    if not isinstance(requested, dt.date) or not isinstance(current, dt.date):
        return {}, {}  # validation has said which cell is wrong
    states = [r for r in data.sheet("States") if r["ISO3"] == iso3]
    state = states[0].values if states else {}
    eif = state.get("Entry into force")
    rows = sorted(
        (
            r
            for r in data.sheet("Clearance")
            if r["ISO3"] == iso3 and (meeting_opens is None or int(r["Year"]) < meeting_opens.year)  # type: ignore[call-overload]
        ),
        key=lambda r: int(r["Year"]),  # type: ignore[call-overload]
    )
    last = tuple(rows[-RATE_YEARS:])
    baseline = float((rows[-1] if rows else request)["Area at baseline" if rows else "Area at entry into force"])  # type: ignore[arg-type]
    remaining = float((rows[-1] if rows else request)["Area remaining"])  # type: ignore[arg-type]
    data_year = int(rows[-1]["Year"]) if rows else requested.year  # type: ignore[call-overload]
    end = dt.date(data_year, 12, 31)
    baseline_shown, remaining_shown = _area(baseline), _area(remaining)
    released_shown = released_since(baseline_shown, remaining_shown)
    released = tuple(float(r["Area cleared"]) + float(r["Area released by survey"]) for r in last)  # type: ignore[arg-type]
    achieved = rate_achieved(released)
    to_deadline = years_between(end, requested)
    needed = rate_needed(remaining, to_deadline)
    at_rate = years_at_rate(remaining, achieved)
    the_verdict = verdict(achieved, needed)
    at_current = remaining if achieved is None else max(0.0, remaining - achieved * years_between(end, current))
    plan = milestones(remaining, plan_rows(request, data))
    late = plan_end(plan, requested)
    percent = increase_percent(achieved, needed)
    times = None if not achieved else math.floor(needed / achieved * 10 + 0.5) / 10
    places = text.rate_places(achieved, needed, None if the_verdict == VERDICTS[3][0] else percent, times)
    budgets = [m.budget for m in plan if m.budget is not None]
    secured = sum(m.secured or 0 for m in plan if m.budget is not None)
    gap = max(0, sum(budgets) - secured) if budgets else None
    opens_year = meeting_opens.year if meeting_opens else data_year + 1
    decision = draft_decision(requested, opens_year, bool(plan), the_verdict, gap)
    plan_rows_ = tuple(
        r for r in data.sheet("ExtensionPlans") if r["ISO3"] == iso3 and r["Meeting"] == request["Meeting"]
    )
    years_of = ((last, "Area cleared"), (last, "Area released by survey"))
    values: dict[str, object] = {
        "instrument": state.get("Instrument"),
        "deposit": state.get("Deposit"),
        "original_deadline": original_deadline(eif) if isinstance(eif, dt.date) else None,
        "earlier": earlier_extensions(request, data.sheet("ExtensionRequests")),
        "meeting_opens": meeting_opens,
        "request_due": request_due(meeting_opens) if meeting_opens else None,
        "on_time": request["Submitted"] <= request_due(meeting_opens) if meeting_opens else None,  # type: ignore[operator]
        "data_year": data_year,
        "baseline_shown": baseline_shown,
        "released_since_shown": released_shown,
        "remaining_shown": remaining_shown,
        "last_years": text.release_table([text.release_parts(r) for r in last], remaining, add_up),
        "split": bool(last) and all(isinstance(r.values.get("Area cancelled"), (int, float)) for r in last),
        "rate_first_year": int(last[0]["Year"]) if last else None,  # type: ignore[call-overload]
        "rate_years": len(last),
        "rate_achieved": achieved,
        "years_to_deadline": round(to_deadline, 1),
        "rate_needed": needed,
        "verdict": the_verdict,
        "increase_percent": percent,
        "times_needed": times,
        "rate_places": places,  # the decimals the two rates are printed to (extension_text.rate_places)
        "years_at_rate": None if at_rate is None else math.floor(at_rate + 0.5),
        "done_at_rate": None if at_rate is None else data_year + math.ceil(at_rate - 1e-9),
        "area_at_current_deadline": at_current,  # the area filter rounds it (never a non-nil 0.0)
        "milestones": plan,
        "planned_total": _area(sum(m.to_release for m in plan)),
        "plan_covers": bool(plan) and plan[-1].remaining_after == 0 and late is None,  # by the deadline
        "plan_covers_late": bool(plan) and plan[-1].remaining_after == 0 and late is not None,
        "months_late": late,
        "words": {
            "years_requested": text.in_words(int(request["Years requested"])),  # type: ignore[call-overload]
            "rate_years": text.in_words(len(last)),
            "years_at_rate": text.in_words(None if at_rate is None else math.floor(at_rate + 0.5)),
            "months_late": text.in_words(late),
        },
        "has_budget": bool(budgets),
        "budget_total": sum(budgets) if budgets else None,
        "secured_total": secured if budgets else None,
        "funding_gap": gap,
        "gap_percent": None if not budgets or not sum(budgets) else math.floor((gap or 0) * 100 / sum(budgets) + 0.5),
        "decision": decision,
    }
    stock = ((rows[-1:], "Area remaining"),)
    provenance = {
        "subject.original_deadline": provenance_of(
            "entry into force + 10 years (Art. 4.1)", (tuple(states), "Entry into force")
        ),
        "subject.baseline_shown": provenance_of(
            "area at entry into force, rounded to 0.1 km2", (rows[-1:], "Area at baseline")
        ),
        "subject.remaining_shown": provenance_of("area remaining on 31 December, rounded to 0.1 km2", *stock),
        "subject.released_since_shown": provenance_of(
            "area at entry into force shown - area remaining shown (each rounded to 0.1 km2)",
            (rows[-1:], "Area at baseline"),
            *stock,
        ),
        "subject.rate_achieved": provenance_of(
            "(cleared + released by survey) over the last 3 years / 3, km2 a year", *years_of
        ),
        "subject.rate_needed": provenance_of(
            "area remaining / years from 31 December of the last year reported to the requested deadline",
            *stock,
            ((request,), "Requested deadline"),
        ),
        "subject.years_at_rate": provenance_of(
            "area remaining / rate achieved, rounded to whole years", *stock, *years_of
        ),
        "subject.area_at_current_deadline": provenance_of(
            "area remaining - rate achieved x years to the deadline in force",
            *stock,
            *years_of,
            ((request,), "Current deadline"),
        ),
    }
    if budgets:
        provenance["subject.budget_total"] = provenance_of(
            "sum of the plan's yearly budgets (USD)", (plan_rows_, "Budget")
        )
        provenance["subject.funding_gap"] = provenance_of(
            "budget - funds secured, over the plan's years (USD)", (plan_rows_, "Budget"), (plan_rows_, "Secured")
        )
    return values, {k: v for k, v in provenance.items() if v.sources}
