"""The wording of the Article 4 extension analyses, in English, French and Spanish, for the Word
templates (templates/build_templates.py) and the web page templates (templates/html/*/extension-
analysis.html.j2, written from the same items by :func:`html`): the sentences are the same in both. English here; French and Spanish in extension_wording_fr_es.py.

Each language is a sequence of chapters (heading, items). An item is a numbered body paragraph (a
string), an unnumbered one (:class:`Plain`: the draft decision's lettered elements), a control line
(:class:`Tag`: a docxtpl paragraph tag, ``{%p if ... %}``, which leaves no paragraph) or a table
(:class:`Table`, whose row loop is docxtpl's ``{%tr for ... %}``). ``$name`` stands for a field of the
analysis (:data:`FIELDS`, computed by pipeline/compute/extension.py); the sentence chosen for the
verdict is the one its ``subject.verdict`` names. Fields and tags are the same in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

FIELDS = {
    "state": "{{ subject.state }}",
    "deposit": "{{ subject.deposit|un_date }}",
    "eif": "{{ subject.entry_into_force|un_date }}",
    "original": "{{ subject.original_deadline|un_date }}",
    "submitted": "{{ subject.submitted|un_date }}",
    "current": "{{ subject.current_deadline|un_date }}",
    "requested": "{{ subject.requested_deadline|un_date }}",
    "years": "{{ subject.words.years_requested[document.language_tag[:2]] }}",  # one to nine in words
    "due": "{{ subject.request_due|un_date }}",
    "opens": "{{ subject.meeting_opens|un_date }}",
    "year": "{{ subject.data_year }}",
    "first": "{{ subject.rate_first_year }}",
    "n": "{{ subject.words.rate_years[document.language_tag[:2]] }}",
    "baseline": "{{ subject.area_at_entry_into_force|area }}",  # annex II's figures (families.share_indicators)
    "released": "{{ subject.released_since_shown|area }}",
    "remaining": "{{ subject.area_remaining|area }}",
    "at_current": "{{ subject.area_at_current_deadline|area }}",
    "rate": "{{ subject.rate_achieved|area(subject.rate_places) }}",  # to the decimals that check the increase
    "needed": "{{ subject.rate_needed|area(subject.rate_places) }}",
    "to_deadline": "{{ subject.years_to_deadline|number }}",
    "at_rate": "{{ subject.words.years_at_rate[document.language_tag[:2]] }}",
    "months": "{{ subject.words.months_late[document.language_tag[:2]] }}",
    "done": "{{ subject.done_at_rate }}",
    "pct": "{{ subject.increase_percent }}",
    "times": "{{ subject.times_needed|number }}",
    "m_first": "{{ subject.milestones[0].year }}",
    "m_last": "{{ subject.milestones[-1].year }}",
    "planned": "{{ subject.planned_total|area }}",
    "budget": "{{ subject.budget_total|number }}",
    "secured": "{{ subject.secured_total|number }}",
    "gap": "{{ subject.funding_gap|number }}",
    "gap_pct": "{{ subject.gap_percent }}",
    "new_deadline": "{{ subject.decision.new_deadline|un_date }}",
    "first_update": "{{ subject.decision.first_update|un_date }}",
    "e_decided": "{{ earlier.decided|un_date }}",
    "e_years": "{{ earlier.words[document.language_tag[:2]] }}",
    "e_extended": "{{ earlier.extended|un_date }}",
    "e_granted": "{{ earlier.granted|un_date }}",
    "e_decision": "{{ earlier.decision }}",
    # control
    "if_accession": "{% if subject.instrument == 'Accession' %}",
    "if_ratification": "{% elif subject.instrument == 'Ratification' %}",
    "if_on_time": "{% if subject.on_time %}",
    "if_split": "{% if subject.split %}",
    "if_rate": "{% if subject.rate_achieved %}",
    "if_at_rate": "{% if subject.years_at_rate %}",
    "if_covers": "{% if subject.plan_covers %}",  # by the requested deadline
    "if_covers_late": "{% elif subject.plan_covers_late %}",  # but after it
    "if_late": "{% if subject.months_late %}",
    "if_budget": "{% if subject.has_budget %}",
    "if_notes_rate": "{% if subject.decision.notes_rate %}",
    "if_asks_plan": "{% if subject.decision.asks_for_plan %}",
    "if_gap": "{% if subject.decision.notes_funding_gap %}",
    "if_rate_plan": "{% if subject.decision.asks_rate_plan %}",
    "else": "{% else %}",
    "end": "{% endif %}",
}
VERDICT_TAGS = (
    "{% if subject.verdict == 'sufficient' %}",
    "{% elif subject.verdict == 'moderate_increase' %}",
    "{% elif subject.verdict == 'substantial_increase' %}",
    "{% elif subject.verdict == 'more_than_double' %}",
    "{% else %}",
)


@dataclass(frozen=True)
class Plain:
    text: str


@dataclass(frozen=True)
class Tag:
    text: str  # "{%p if ... %}": a paragraph tag in Word; "{% if ... %}" on the web page


@dataclass(frozen=True)
class Table:
    label: str
    title: str
    headers: tuple[str, ...]
    loop: str  # "year in subject.last_years"
    cells: tuple[str, ...]  # a row's fields, without braces
    note: str


def fill(text: str) -> str:
    """``$name`` replaced by its field or tag."""
    return Template(text).substitute(FIELDS)


def verdicts(*sentences: str) -> str:
    """The verdict's sentence, chosen in the template by ``subject.verdict`` (pipeline.compute.extension.VERDICTS
    in order, then no_rate)."""
    return "".join(tag + fill(s) for tag, s in zip(VERDICT_TAGS, sentences, strict=True)) + "{% endif %}"


EARLIER_START, EARLIER_END = Tag("{%p for earlier in subject.earlier %}"), Tag("{%p endfor %}")
IF_RATE_PLAN = Tag("{%p if subject.decision.asks_rate_plan %}")
IF_FIRST, IF_PLAN, IF_NO_PLAN, END = (
    Tag("{%p if not subject.earlier %}"),
    Tag("{%p if subject.milestones %}"),
    Tag("{%p if not subject.milestones %}"),
    Tag("{%p endif %}"),
)
YEARS_LOOP = "year in subject.last_years"
# Table 1's figures as extension_text.release_table writes them, to the table's decimals, in the language.
YEARS_CELLS = ("year.year", *(f"year.text[document.language_tag[:2]][{i}]" for i in range(5)))
PLAN_LOOP = "m in subject.milestones"
PLAN_CELLS = (
    "m.year",
    "m.to_release|area",
    "m.remaining_after|area",
    "m.budget|number",
    "m.secured|number",
    "m.gap|number",
)


def _analysis(
    headings: tuple[str, str, str, str],
    facts: tuple[str, str, str, str],
    contamination: tuple[str, str, Table, str],
    feasibility: tuple[str, str, str, Table, str],
    decision: tuple[str, str, str, str, str, str],
) -> tuple[tuple[str, tuple[object, ...]], ...]:
    instrument, earlier, first, request = facts
    areas, years_intro, years_table, at_current = contamination
    rates, verdict, plan, plan_table, no_plan = feasibility
    return (
        (
            headings[0],
            (fill(instrument), EARLIER_START, fill(earlier), EARLIER_END, IF_FIRST, fill(first), END, fill(request)),
        ),
        (headings[1], (fill(areas), fill(years_intro), years_table, fill(at_current))),
        (headings[2], (fill(rates), verdict, IF_PLAN, fill(plan), plan_table, END, IF_NO_PLAN, fill(no_plan), END)),
        (
            headings[3],
            (fill(decision[0]), *(Plain(fill(t)) for t in decision[1:5]), IF_RATE_PLAN, Plain(fill(decision[5])), END),
        ),
    )


EN = _analysis(
    ("Background", "Contamination and land release", "Feasibility of the request", "Draft decision"),
    (
        "$state deposited its instrument of ${if_accession}accession${if_ratification}ratification${else}"
        "ratification or accession${end} on $deposit, and the Convention entered into force for it on $eif. Under "
        "Article 4, paragraph 1, it undertook to clear and destroy all cluster munition remnants in areas under its "
        "jurisdiction or control not later than $original.",
        "On $e_decided, the States Parties granted $state an extension of $e_years years of its deadline of "
        "$e_extended, until $e_granted ($e_decision).",
        "This is the first request of $state for an extension of its deadline.",
        "On $submitted, $state submitted a request, under Article 4, paragraph 5, to extend its deadline of "
        "$current by $years years, until $requested. ${if_on_time}The request was received before $due, nine "
        "months before the opening of the Meeting on $opens, as required.${else}The request was received after "
        "$due, less than nine months before the opening of the Meeting on $opens.${end}",
    ),
    (
        "At entry into force, $state reported $baseline square kilometres contaminated by cluster munition "
        "remnants. By 31 December $year, it had released $released square kilometres through survey and "
        "clearance, and $remaining square kilometres remained to be addressed. Areas in the text are rounded to one "
        "decimal place; totals are computed from the rounded figures.",
        "Table 1 shows the land released in each of the last $n years reported${if_split}: cancelled by "
        "non-technical survey, reduced by technical survey and cleared${else}; the data does not divide the "
        "area released by survey into cancelled and reduced${end}.",
        Table(
            "Table 1",
            "Land released, $first\u2013$year (square kilometres)",
            ("Year", "Cancelled", "Reduced", "Cleared", "Released", "Remaining on 31 December"),
            YEARS_LOOP,
            YEARS_CELLS,
            "Source: Article 7 reports (form F). Figures are rounded; in each row the parts add up to the area "
            "released, and the area remaining is the previous year's less the area released.",
        ),
        "If release continued at the average rate of those years, about $at_current square kilometres would "
        "remain at the deadline in force, $current, to be addressed during the extension.",
    ),
    (
        "${if_rate}From $first to $year, $state released on average $rate square kilometres a year. ${end}"
        "The requested deadline falls $to_deadline years after 31 December $year: to address the $remaining "
        "square kilometres remaining by then, $state would need to release $needed square kilometres a year."
        "${if_at_rate} At the rate achieved, the remaining area would take about $at_rate years, until $done.${end}",
        verdicts(
            "At that rate, $state would complete the release of the remaining area by the requested deadline.",
            "Completion by the requested deadline would require the annual rate of release to increase by about "
            "$pct per cent over that of the last three years.",
            "Completion by the requested deadline would require a substantial increase in the annual rate of "
            "release, by about $pct per cent over that of the last three years.",
            "Completion by the requested deadline would require an annual rate of release about $times times "
            "that of the last three years.",
            "The data shows no land released in the years reported, so no rate achieved can be compared with "
            "the rate needed.",
        ),
        "The request sets out annual milestones for $m_first\u2013$m_last (table 2), which would release $planned "
        "square kilometres${if_covers}, the whole area remaining${if_covers_late}, the whole area remaining, by 31 "
        "December $m_last${else}, less than the $remaining square kilometres remaining${end}. ${if_late}The last "
        "milestone, for $m_last, falls after the requested deadline of $requested: the plan as set out would end "
        "about $months months later than requested. ${end}${if_budget}The request estimates the cost at $budget United States dollars, of which "
        "$secured dollars are secured, leaving a funding gap of $gap dollars ($gap_pct per cent).${else}It gives "
        "no estimate of their cost.${end}",
        Table(
            "Table 2",
            "Milestones, budget and funding set out in the request",
            (
                "Year",
                "To release (km\u00b2)",
                "Remaining on 31 December (km\u00b2)",
                "Budget (US$)",
                "Secured (US$)",
                "Gap (US$)",
            ),
            PLAN_LOOP,
            PLAN_CELLS,
            "Source: the request.",
        ),
        "The request does not set out annual milestones, a budget or a funding plan; they could therefore not be "
        "assessed against the rate needed.",
    ),
    (
        "The Meeting of States Parties, having assessed the request submitted by $state for an extension of its "
        "deadline for completing the clearance and destruction of cluster munition remnants${if_notes_rate}, and "
        "noting that completion by the requested deadline would require an annual rate of land release of about "
        "$needed square kilometres, against $rate square kilometres a year from $first to $year${end}:",
        "(a)\tAgrees to grant the request for an extension until $new_deadline;",
        "(b)\tRequests $state to report annually, by 30 April, in its Article 7 report, beginning on "
        "$first_update, on progress against ${if_asks_plan}a detailed work plan with annual milestones and costs, "
        "which it is requested to submit by that date${else}the annual milestones set out in its request${end};",
        "(c)\tRequests $state to report in the same way on the resources made available${if_gap} and on its "
        "efforts to mobilize the $gap United States dollars not yet secured${end};",
        "(d)\tRequests $state to inform the States Parties of any change to its work plan, including to its "
        "estimate of the area remaining, and of the reasons for it${if_rate_plan};${else}.${end}",
        "(e)\tRequests $state to ${if_asks_plan}show, in the work plan it is requested to submit by $first_update,"
        "${else}submit, by $first_update, an updated work plan showing${end} how it will increase its annual rate "
        "of land release to the $needed square kilometres a year that the requested deadline requires.",
    ),
)


def html(language: str, wording) -> str:
    """The web page template of the analysis in ``language`` from its items (``wording``, as :data:`EN`):
    the same items as the Word template."""
    folder = "" if language == "en" else f"{language}/"
    out = [
        "{#- The analysis of one State's Article 4 extension request, WRITTEN by templates/build_templates.py from",
        f"    templates/extension_wording*.py ({language.upper()}): edit those files, then run make templates. -#}}",
        f'{{% extends "{folder}document.html.j2" %}}',
        '{% import "blocks.html.j2" as body with context %}',
        "{% block content %}",
    ]
    for heading, items in wording:
        out.append(f'{{{{ body.heading(0, "{heading}") }}}}')
        for item in items:
            if isinstance(item, Tag):
                out.append(item.text.replace("{%p ", "{% "))
            elif isinstance(item, Plain):
                letter, _, text = item.text.partition("\t")
                out.append(f'<p class="subparagraph"><span class="subpara-label">{letter} </span>{text}</p>')
            elif isinstance(item, Table):
                out.append(_html_table(item))
            else:
                out += ["{% call body.numbered() %}", str(item), "{% endcall %}"]
    out.append("{% endblock %}")
    return "\n".join(out) + "\n"


def _html_table(t: Table) -> str:
    figure = ' class="figure"'
    headers = "".join(f'<th scope="col"{"" if i == 0 else figure}>{h}</th>' for i, h in enumerate(t.headers))
    cells = "".join(
        f'<th scope="row">{{{{ {c} }}}}</th>' if i == 0 else f'<td class="figure">{{{{ {c} }}}}</td>'
        for i, c in enumerate(t.cells)
    )
    return (
        f"<table>\n<caption>{t.label}<br>{fill(t.title)}</caption>\n<thead>\n<tr>{headers}</tr>\n</thead>\n"
        f"<tbody>\n{{% for {t.loop} %}}\n<tr>{cells}</tr>\n{{% endfor %}}\n</tbody>\n</table>\n"
        f'<p class="small-print">{t.note}</p>'
    )
