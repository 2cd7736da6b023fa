"""The wording of the Article 4 extension analyses, in English, French and Spanish, for the Word
templates (templates/build_templates.py) and the web page templates (templates/html/*/extension-
analysis.html.j2, written from the same items by :func:`html`): the sentences are the same in both.

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
    "years": "{{ subject.years_requested }}",
    "due": "{{ subject.request_due|un_date }}",
    "opens": "{{ subject.meeting_opens|un_date }}",
    "year": "{{ subject.data_year }}",
    "first": "{{ subject.rate_first_year }}",
    "n": "{{ subject.rate_years }}",
    "baseline": "{{ subject.baseline_shown|area }}",
    "released": "{{ subject.released_since_shown|area }}",
    "remaining": "{{ subject.remaining_shown|area }}",
    "at_current": "{{ subject.area_at_current_deadline|area }}",
    "rate": "{{ subject.rate_achieved|area }}",
    "needed": "{{ subject.rate_needed|area }}",
    "to_deadline": "{{ subject.years_to_deadline|number }}",
    "at_rate": "{{ subject.years_at_rate|number }}",
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
    "e_years": "{{ earlier.years }}",
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
    "if_covers": "{% if subject.plan_covers %}",
    "if_budget": "{% if subject.has_budget %}",
    "if_notes_rate": "{% if subject.decision.notes_rate %}",
    "if_asks_plan": "{% if subject.decision.asks_for_plan %}",
    "if_gap": "{% if subject.decision.notes_funding_gap %}",
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
IF_FIRST, IF_PLAN, IF_NO_PLAN, END = (
    Tag("{%p if not subject.earlier %}"),
    Tag("{%p if subject.milestones %}"),
    Tag("{%p if not subject.milestones %}"),
    Tag("{%p endif %}"),
)
YEARS_LOOP = "year in subject.last_years"
YEARS_CELLS = (
    "year.year",
    "year.cancelled|area",
    "year.reduced|area",
    "year.cleared|area",
    "year.released|area",
    "year.remaining|area",
)
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
    decision: tuple[str, str, str, str, str],
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
        (headings[3], (fill(decision[0]), *(Plain(fill(t)) for t in decision[1:]))),
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
        "clearance, and $remaining square kilometres remained to be addressed. Areas in this analysis are in "
        "square kilometres, rounded once to one decimal; the area released is the difference between the two "
        "areas shown, so that the figures add up.",
        "Table 1 shows the land released in each of the last $n years reported${if_split}: cancelled by "
        "non-technical survey, reduced by technical survey and cleared${else}; the data does not divide the "
        "area released by survey into cancelled and reduced${end}.",
        Table(
            "Table 1",
            "Land released, $first\u2013$year (square kilometres)",
            ("Year", "Cancelled", "Reduced", "Cleared", "Released", "Remaining on 31 December"),
            YEARS_LOOP,
            YEARS_CELLS,
            "Source: Article 7 reports (form F). Each row is rounded so that its parts add up to the area released.",
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
        "square kilometres${if_covers}, the whole area remaining${else}, less than the $remaining square "
        "kilometres remaining${end}. ${if_budget}It estimates their cost at $budget United States dollars, of which "
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
        "The request, as recorded in the data, gives no annual milestones, budget or funding plan; they could "
        "therefore not be assessed against the rate needed.",
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
        "estimate of the area remaining, and of the reasons for it.",
    ),
)

# French and Spanish State names take an article in running text ("le Chili") that a field cannot
# supply: the State is named in apposition to "l'État partie" / "el Estado parte", then referred to
# as that State Party. French: a no-break space before a colon, a narrow one before a semicolon.
FR = _analysis(
    ("Contexte", "Contamination et remise à disposition des terres", "Faisabilité de la demande", "Projet de décision"),
    (
        "L'État partie requérant ($state) a déposé son instrument ${if_accession}d'adhésion${if_ratification}de "
        "ratification${else}de ratification ou d'adhésion${end} le $deposit, et la Convention est entrée en vigueur "
        "à son égard le $eif. En vertu du paragraphe 1 de l'article 4, il s'est engagé à enlever et à détruire "
        "tous les restes d'armes à sous-munitions situés dans les zones placées sous sa juridiction ou son "
        "contrôle au plus tard le $original.",
        "Le $e_decided, les États parties ont accordé à cet État partie une prolongation de $e_years ans de son "
        "délai, qui expirait le $e_extended, jusqu'au $e_granted ($e_decision).",
        "Il s'agit de la première demande de prolongation présentée par cet État partie.",
        "Le $submitted, cet État partie a présenté, en vertu du paragraphe 5 de l'article 4, une demande de "
        "prolongation de $years ans de son délai, qui expire le $current, jusqu'au $requested. ${if_on_time}La "
        "demande a été reçue avant le $due, soit neuf mois avant l'ouverture de l'Assemblée, le $opens, comme "
        "prévu.${else}La demande a été reçue après le $due, soit moins de neuf mois avant l'ouverture de "
        "l'Assemblée, le $opens.${end}",
    ),
    (
        "À l'entrée en vigueur de la Convention, cet État partie a fait état de $baseline kilomètres carrés "
        "contaminés par des restes d'armes à sous-munitions. Au 31 décembre $year, il avait remis à disposition "
        "$released kilomètres carrés par l'enquête et la dépollution, et $remaining kilomètres carrés restaient à "
        "traiter. Les superficies sont exprimées en kilomètres carrés et arrondies une seule fois à une "
        "décimale\u202f; la superficie remise à disposition est la différence entre les deux superficies "
        "indiquées, de sorte que les chiffres concordent.",
        "Le tableau 1 présente les terres remises à disposition au cours de chacune des $n dernières années "
        "visées par les rapports${if_split}\u00a0: zones annulées par enquête non technique, réduites par enquête "
        "technique et dépolluées${else}\u202f; les données ne distinguent pas, dans la superficie remise à "
        "disposition par enquête, les zones annulées des zones réduites${end}.",
        Table(
            "Tableau 1",
            "Terres remises à disposition, $first-$year (en kilomètres carrés)",
            ("Année", "Annulées", "Réduites", "Dépolluées", "Remises à disposition", "Restant au 31 décembre"),
            YEARS_LOOP,
            YEARS_CELLS,
            "Source\u00a0: rapports présentés au titre de l'article 7 (formulaire F). Chaque ligne est arrondie de "
            "sorte que ses éléments s'additionnent.",
        ),
        "Si la remise à disposition se poursuivait au rythme moyen de ces années, il resterait environ "
        "$at_current kilomètres carrés à l'échéance en vigueur, le $current, à traiter pendant la prolongation.",
    ),
    (
        "${if_rate}De $first à $year, cet État partie a remis à disposition en moyenne $rate kilomètres carrés "
        "par an. ${end}Le délai demandé expire $to_deadline ans après le 31 décembre $year\u00a0: pour traiter "
        "d'ici là les $remaining kilomètres carrés restants, cet État partie devrait en remettre à disposition "
        "$needed par an.${if_at_rate} Au rythme atteint, la superficie restante demanderait environ $at_rate ans, "
        "soit jusqu'en $done.${end}",
        verdicts(
            "À ce rythme, cet État partie achèverait la remise à disposition de la superficie restante dans le "
            "délai demandé.",
            "L'achèvement dans le délai demandé supposerait une augmentation d'environ $pct pour cent du rythme "
            "annuel de remise à disposition par rapport aux trois dernières années.",
            "L'achèvement dans le délai demandé supposerait une augmentation substantielle, d'environ $pct pour "
            "cent, du rythme annuel de remise à disposition par rapport aux trois dernières années.",
            "L'achèvement dans le délai demandé supposerait un rythme annuel de remise à disposition égal à "
            "environ $times fois celui des trois dernières années.",
            "Les données ne font état d'aucune remise à disposition de terres pendant les années visées\u202f; "
            "aucun rythme atteint ne peut donc être comparé au rythme nécessaire.",
        ),
        "La demande fixe des jalons annuels pour la période $m_first-$m_last (tableau 2), qui prévoient la remise "
        "à disposition de $planned kilomètres carrés${if_covers}, soit la totalité de la superficie "
        "restante${else}, soit moins que les $remaining kilomètres carrés restants${end}. ${if_budget}Elle en "
        "estime le coût à $budget dollars des États-Unis, dont $secured dollars sont acquis, ce qui laisse un "
        "déficit de financement de $gap dollars ($gap_pct pour cent).${else}Elle n'en donne aucune estimation du "
        "coût.${end}",
        Table(
            "Tableau 2",
            "Jalons, budget et financement prévus dans la demande",
            (
                "Année",
                "À remettre à disposition (km\u00b2)",
                "Restant au 31 décembre (km\u00b2)",
                "Budget (dollars É.-U.)",
                "Acquis (dollars É.-U.)",
                "Déficit (dollars É.-U.)",
            ),
            PLAN_LOOP,
            PLAN_CELLS,
            "Source\u00a0: la demande de prolongation.",
        ),
        "La demande, telle qu'elle figure dans les données, ne comporte ni jalons annuels, ni budget, ni plan de "
        "financement\u202f; ceux-ci n'ont donc pas pu être évalués au regard du rythme nécessaire.",
    ),
    (
        "L'Assemblée des États parties, ayant évalué la demande présentée par l'État partie concerné ($state) en "
        "vue de la prolongation du délai qui lui est imparti pour achever l'enlèvement et la destruction des "
        "restes d'armes à sous-munitions${if_notes_rate}, et notant que l'achèvement dans le délai demandé "
        "supposerait un rythme annuel de remise à disposition des terres d'environ $needed kilomètres carrés, "
        "contre $rate kilomètres carrés par an de $first à $year${end}\u00a0:",
        "a)\tDécide d'accorder la prolongation demandée, jusqu'au $new_deadline\u202f;",
        "b)\tPrie cet État partie de rendre compte chaque année, au plus tard le 30 avril, dans son rapport "
        "présenté au titre de l'article 7, à compter du $first_update, des progrès accomplis au regard "
        "${if_asks_plan}d'un plan de travail détaillé assorti de jalons annuels et de coûts, qu'il est prié de "
        "présenter au plus tard à cette date${else}des jalons annuels figurant dans sa demande${end}\u202f;",
        "c)\tLe prie de rendre compte de la même manière des ressources mobilisées${if_gap} et de ses efforts "
        "pour mobiliser les $gap dollars des États-Unis qui ne sont pas encore acquis${end}\u202f;",
        "d)\tLe prie d'informer les États parties de toute modification de son plan de travail, y compris de son "
        "estimation de la superficie restante, et des raisons de cette modification.",
    ),
)

ES = _analysis(
    ("Antecedentes", "Contaminación y liberación de tierras", "Viabilidad de la solicitud", "Proyecto de decisión"),
    (
        "El Estado parte solicitante ($state) depositó su instrumento de ${if_accession}adhesión"
        "${if_ratification}ratificación${else}ratificación o adhesión${end} el $deposit, y la Convención entró en "
        "vigor para ese Estado el $eif. En virtud del artículo 4, párrafo 1, se comprometió a limpiar y destruir "
        "todos los restos de municiones en racimo situados en zonas bajo su jurisdicción o control a más tardar "
        "el $original.",
        "El $e_decided, los Estados partes concedieron a ese Estado parte una prórroga de $e_years años de su "
        "plazo, que vencía el $e_extended, hasta el $e_granted ($e_decision).",
        "Se trata de la primera solicitud de prórroga presentada por ese Estado parte.",
        "El $submitted, ese Estado parte presentó, en virtud del artículo 4, párrafo 5, una solicitud de prórroga "
        "de $years años de su plazo, que vence el $current, hasta el $requested. ${if_on_time}La solicitud se "
        "recibió antes del $due, nueve meses antes de la apertura de la Reunión, el $opens, como está "
        "previsto.${else}La solicitud se recibió después del $due, menos de nueve meses antes de la apertura de "
        "la Reunión, el $opens.${end}",
    ),
    (
        "En el momento de la entrada en vigor, ese Estado parte informó de $baseline kilómetros cuadrados "
        "contaminados por restos de municiones en racimo. Al 31 de diciembre de $year, había liberado $released "
        "kilómetros cuadrados mediante reconocimiento y limpieza, y quedaban por tratar $remaining kilómetros "
        "cuadrados. Las superficies se expresan en kilómetros cuadrados, redondeadas una sola vez a un decimal; "
        "la superficie liberada es la diferencia entre las dos superficies indicadas, de modo que las cifras "
        "cuadran.",
        "En el cuadro 1 figuran las tierras liberadas en cada uno de los $n últimos años sobre los que se ha "
        "informado${if_split}: zonas canceladas mediante reconocimiento no técnico, reducidas mediante "
        "reconocimiento técnico y limpiadas${else}; los datos no distinguen, en la superficie liberada mediante "
        "reconocimiento, las zonas canceladas de las reducidas${end}.",
        Table(
            "Cuadro 1",
            "Tierras liberadas, $first-$year (en kilómetros cuadrados)",
            ("Año", "Canceladas", "Reducidas", "Limpiadas", "Liberadas", "Por tratar al 31 de diciembre"),
            YEARS_LOOP,
            YEARS_CELLS,
            "Fuente: informes presentados en virtud del artículo 7 (formulario F). Cada fila se ha redondeado de "
            "modo que sus partes sumen la superficie liberada.",
        ),
        "Si la liberación continuara al ritmo medio de esos años, quedarían unos $at_current kilómetros cuadrados "
        "en la fecha del plazo vigente, el $current, que deberían tratarse durante la prórroga.",
    ),
    (
        "${if_rate}Entre $first y $year, ese Estado parte liberó en promedio $rate kilómetros cuadrados al año. "
        "${end}El plazo solicitado vence $to_deadline años después del 31 de diciembre de $year: para tratar para "
        "entonces los $remaining kilómetros cuadrados restantes, ese Estado parte tendría que liberar $needed "
        "kilómetros cuadrados al año.${if_at_rate} Al ritmo alcanzado, la superficie restante requeriría unos "
        "$at_rate años, es decir, hasta $done.${end}",
        verdicts(
            "A ese ritmo, ese Estado parte concluiría la liberación de la superficie restante dentro del plazo "
            "solicitado.",
            "Concluir dentro del plazo solicitado exigiría aumentar el ritmo anual de liberación en un $pct por "
            "ciento aproximadamente con respecto a los tres últimos años.",
            "Concluir dentro del plazo solicitado exigiría un aumento considerable del ritmo anual de liberación, "
            "de un $pct por ciento aproximadamente con respecto a los tres últimos años.",
            "Concluir dentro del plazo solicitado exigiría un ritmo anual de liberación de aproximadamente $times "
            "veces el de los tres últimos años.",
            "Los datos no indican ninguna liberación de tierras en los años sobre los que se ha informado, por lo "
            "que no es posible comparar un ritmo alcanzado con el necesario.",
        ),
        "La solicitud establece hitos anuales para el período $m_first-$m_last (cuadro 2), que prevén la "
        "liberación de $planned kilómetros cuadrados${if_covers}, es decir, toda la superficie restante${else}, "
        "es decir, menos que los $remaining kilómetros cuadrados restantes${end}. ${if_budget}Estima su costo en "
        "$budget dólares de los Estados Unidos, de los cuales se han obtenido $secured dólares, lo que deja un "
        "déficit de financiación de $gap dólares ($gap_pct por ciento).${else}No incluye ninguna estimación de su "
        "costo.${end}",
        Table(
            "Cuadro 2",
            "Hitos, presupuesto y financiación previstos en la solicitud",
            (
                "Año",
                "Por liberar (km\u00b2)",
                "Por tratar al 31 de diciembre (km\u00b2)",
                "Presupuesto (dólares EE. UU.)",
                "Obtenido (dólares EE. UU.)",
                "Déficit (dólares EE. UU.)",
            ),
            PLAN_LOOP,
            PLAN_CELLS,
            "Fuente: la solicitud de prórroga.",
        ),
        "La solicitud, tal como figura en los datos, no incluye hitos anuales, presupuesto ni plan de "
        "financiación, por lo que no ha sido posible evaluarlos en relación con el ritmo necesario.",
    ),
    (
        "La Reunión de los Estados Partes, habiendo evaluado la solicitud presentada por el Estado parte "
        "interesado ($state) para que se prorrogue su plazo para concluir la limpieza y destrucción de los restos "
        "de municiones en racimo${if_notes_rate}, y observando que concluir dentro del plazo solicitado exigiría "
        "un ritmo anual de liberación de tierras de unos $needed kilómetros cuadrados, frente a $rate kilómetros "
        "cuadrados al año entre $first y $year${end}:",
        "a)\tAcuerda conceder la prórroga solicitada, hasta el $new_deadline;",
        "b)\tPide a ese Estado parte que informe anualmente, a más tardar el 30 de abril, en su informe "
        "presentado en virtud del artículo 7, a partir del $first_update, sobre los progresos realizados con "
        "respecto a ${if_asks_plan}un plan de trabajo detallado con hitos anuales y costos, que se le pide que "
        "presente a más tardar en esa fecha${else}los hitos anuales establecidos en su solicitud${end};",
        "c)\tLe pide que informe de la misma manera sobre los recursos obtenidos${if_gap} y sobre sus esfuerzos "
        "para movilizar los $gap dólares de los Estados Unidos que aún no se han obtenido${end};",
        "d)\tLe pide que informe a los Estados partes de cualquier cambio en su plan de trabajo, incluida su "
        "estimación de la superficie restante, y de los motivos de ese cambio.",
    ),
)
WORDING = {"en": EN, "fr": FR, "es": ES}


def html(language: str) -> str:
    """The web page template of the analysis in ``language``: the same items as the Word template."""
    folder = "" if language == "en" else f"{language}/"
    out = [
        "{#- The analysis of one State's Article 4 extension request, WRITTEN by templates/build_templates.py from",
        f"    templates/extension_wording.py ({language.upper()}): edit that file, then run make templates. -#}}",
        f'{{% extends "{folder}document.html.j2" %}}',
        '{% import "blocks.html.j2" as body with context %}',
        "{% block content %}",
    ]
    for heading, items in WORDING[language]:
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
