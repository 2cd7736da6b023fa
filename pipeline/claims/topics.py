"""The topics a figure can be about, and the words that show it, in English, French and Spanish.

A topic names a fact of :mod:`pipeline.compute.facts` ("count.article4", "date.clearance_deadline");
its cues are regular expressions matched case-insensitively in the figure's clause (see
:mod:`pipeline.claims.find`). Order matters: the more specific topics come first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A fact's topic and the words that show a figure is about it, per language; ``units`` the kinds
    of figure it can be; ``base`` topics are the categories an "X of the Y States" figure Y names."""

    topic: str
    units: tuple[str, ...]
    cues: Mapping[str, str]
    base: bool = False


def _t(topic: str, units: str, en: str, fr: str, es: str, base: bool = False) -> Topic:
    return Topic(topic, tuple(units.split()), {"en": en, "fr": fr, "es": es}, base)


# The most specific first: the first topic whose cue is nearest the figure wins (see find.py).
TOPICS: tuple[Topic, ...] = (
    _t("count.region.Africa", "states", r"\bAfrica\b", r"\bAfrique\b", r"\bÁfrica\b"),
    _t("count.region.Americas", "states", r"\bAmericas\b|Latin America", r"\bAmériques\b", r"\bAméricas\b"),
    _t("count.region.Asia-Pacific", "states", r"Asia(?:-| and the )Pacific", r"Asie-Pacifique", r"Asia y el Pacífico"),
    _t("count.region.Europe", "states", r"\bEurope\b", r"\bEurope\b", r"\bEuropa\b"),
    _t(
        "count.article3_recent",
        "states",
        r"Article 3[^.;]*(?:recent|past|last) (?:few )?years|(?:recent|past) years[^.;]*Article 3",
        r"article 3[^.;]*(?:dernières|récentes) années",
        r"artículo 3[^.;]*(?:últimos|recientes) años",
    ),
    _t(
        "count.silent_3_years",
        "states",
        r"(?:past|last) three years|three (?:consecutive )?years",
        r"trois (?:dernières )?années|trois ans",
        r"(?:últimos )?tres años",
    ),
    _t(
        "count.extension_requests",
        "requests states",
        r"extension|extend",
        r"prolongation|proroger|prolonger",
        r"prórroga|prorrogar|ampliaci[oó]n del plazo",
    ),
    _t("count.focal_points", "states", r"focal points?", r"points? focaux?|point focal", r"puntos? focal(?:es)?"),
    _t(
        "count.national_plans",
        "states",
        r"national (?:action |disability )?plans?|action plans?",
        r"plans? (?:d'action )?nationa(?:l|ux)",
        r"planes? (?:de acción )?nacional(?:es)?",
    ),
    _t(
        "count.donors",
        "states",
        r"provid(?:ing|ed|e) (?:assistance|support)|donors?|gave support",
        r"fourni(?:ssant|)? (?:une )?(?:assistance|aide|appui)|donateurs?|ont fourni",
        r"prest(?:ado|aron|ando) (?:asistencia|apoyo)|donantes?|proporcion(?:ado|aron) (?:asistencia|apoyo)",
    ),
    _t(
        "count.recipients",
        "states",
        r"receiv(?:ing|ed|e) (?:it|assistance|support)|recipients?",
        r"re(?:çu|cevant|cevoir)|bénéficiaires? de l'assistance",
        r"recib(?:ido|ieron|iendo)|receptores?",
    ),
    _t(
        "count.retention_no_purpose",
        "states",
        r"did not (?:describe|report|state|specify)[^.;]*(?:use|purpose)",
        r"n'ont pas (?:décrit|précisé|indiqué)[^.;]*(?:utilisation|fin|usage)",
        r"no (?:describieron|precisaron|indicaron)[^.;]*(?:uso|fin)",
    ),
    _t(
        "count.retaining",
        "states",
        r"retain(?:ing|ed)?|retention",
        r"conserv(?:ant|é|er|ent)|conservation|rétention",
        r"conserv(?:an|ando|ado|aron)|retenci[oó]n|reten(?:ido|idas)",
    ),
    _t(
        "count.overdue",
        "states reports",
        r"(?:still )?(?:awaited|overdue|outstanding)|not (?:yet )?(?:submitted|reported)",
        r"en retard|attendus?|(?:pas|toujours pas) (?:encore )?(?:présenté|soumis)",
        r"pendientes?|atrasad[oa]s?|no (?:habían )?presentado",
    ),
    _t(
        "count.reported_on_time",
        "states reports",
        r"by (?:the deadline of )?30 April|on time",
        r"(?:au plus tard le|avant le|d'ici au) 30 avril|dans les délais",
        r"(?:a más tardar el|antes del|al) 30 de abril|a tiempo",
    ),
    _t(
        "count.reported",
        "states reports",
        r"submitted|reported for \d{4}|received|had reported by",
        r"présenté|soumis|reçus?",
        r"presentad[oa]s?|presentaron|recibid[oa]s?",
    ),
    _t(
        "count.signatories", "states", r"signator(?:y|ies)|(?:have|has|had) signed", r"signataires?", r"signatari[oa]s?"
    ),
    _t(
        "count.article3",
        "states",
        r"Article 3|stockpiles?|stockpile destruction",
        r"article 3|stocks?",
        r"artículo 3|existencias",
        base=True,
    ),
    _t(
        "count.article4",
        "states",
        r"Article 4|clearance obligations|contaminated",
        r"article 4|dépollution|contamin",
        r"artículo 4|limpieza|contaminad",
        base=True,
    ),
    _t(
        "count.article5",
        "states",
        r"Article 5|victim assistance|victims",
        r"article 5|assistance aux victimes",
        r"artículo 5|asistencia a las víctimas",
        base=True,
    ),
    _t(
        "count.states_parties",
        "states",
        r"number of States Parties|States Parties (?:stood|totalled|numbered)|"
        r"ratified or acceded|States Parties to the Convention|Convention (?:had|has|counted|numbered)",
        r"nombre d'États parties|États parties à la Convention|ratifié la Convention ou y ont adhéré|"
        r"Convention compt(?:ait|e)",
        r"número de Estados partes|Estados partes en la Convención|ratificado la Convención o se han adherido|"
        r"Convención (?:contaba|cuenta) con",
        base=True,
    ),
    # quantities
    _t(
        "quantity.area_released_by_survey",
        "km2",
        r"(?:through|by) (?:non-technical |technical )*(?:and technical )?survey|"
        r"cancell?ed|reduced",
        r"(?:par|grâce à)(?: l'| des)? (?:enquêtes?|études?)|annulé|réduit",
        r"(?:mediante|por medio de) (?:estudios?|reconocimientos?)|cancelad|reducid",
    ),
    _t(
        "quantity.land_release",
        "km2",
        r"releas(?:e|ed|ing)|land release",
        r"libér(?:é|ée|ation)|remise à disposition",
        r"liberad[oa]s?|liberación de tierras",
    ),
    _t(
        "quantity.area_cleared",
        "km2",
        r"clear(?:ed|ance|ing|s)?",
        r"dépollu\w*|démin\w*",
        r"despej\w*|limpi\w*",
    ),
    _t(
        "quantity.area_remaining",
        "km2",
        r"remain(?:ing|ed|s)?|still (?:contaminated|to be)|left to",
        r"rest(?:ant|ent|e)|encore contaminé|à traiter",
        r"restantes?|quedan?|todavía contaminad|por tratar",
    ),
    _t(
        "quantity.submunitions_destroyed",
        "submunitions",
        r"destroy(?:ed)?|destruction",
        r"détrui(?:t|tes|re)|destruction",
        r"destrui(?:do|das|dos)|destruy|destrucción",
    ),
    _t(
        "quantity.submunitions_retained",
        "submunitions",
        r"retain(?:ed|ing)?|retention",
        r"conserv(?:é|ées|ait)",
        r"conservad[oa]s|retenid[oa]s",
    ),
    _t(
        "quantity.munitions_destroyed",
        "munitions",
        r"destroy(?:ed)?|destruction",
        r"détrui(?:t|tes|re)|destruction",
        r"destrui(?:do|das|dos)|destruy|destrucción",
    ),
    _t(
        "quantity.munitions_retained",
        "munitions",
        r"retain(?:ed|ing)?|retention",
        r"conserv(?:é|ées|ait)",
        r"conservad[oa]s|retenid[oa]s",
    ),
    _t(
        "quantity.children_reached",
        "people",
        r"of whom[^.;]*children|children",
        r"dont[^.;]*enfants|enfants",
        r"de l[oa]s cuales[^.;]*niñ|niños y niñas",
    ),
    _t(
        "quantity.people_reached",
        "people",
        r"risk education|reach(?:ed|ing)?",
        r"éducation aux risques|sensibilis|atteint|touché",
        r"educación sobre el riesgo|lleg(?:ó|aron|ado)|alcanz",
    ),
    _t(
        "quantity.casualties",
        "casualties",
        r"casualt|killed|injured|victims",
        r"victimes|tués|blessés",
        r"víctimas|muertos|heridos",
    ),
    _t(
        "quantity.reports_received",
        "reports",
        r"received|submitted",
        r"reçus|présentés|soumis",
        r"recibidos|presentados",
    ),
)

# Date claims: the words that say which of a State's dates a date is.
DATE_TOPICS: tuple[Topic, ...] = (
    _t(
        "dates.legislation",
        "date",
        r"(?:legislation|law|act)\b[^.;]*(?:in force|into force|adopted|enacted|passed)",
        r"(?:législation|loi)\b[^.;]*(?:en vigueur|adoptée|promulguée)",
        r"(?:legislación|ley)\b[^.;]*(?:en vigor|aprobad|promulgad)",
    ),
    _t("date.withdrawal", "date", r"withdr[ae]w", r"retrait|retir[ée]|dénonciation", r"retir[oó]|retirada|denuncia"),
    # the completion of clearance: the data has no such date, so the claim is counted as unverifiable
    _t(
        "date.clearance_completed",
        "date",
        r"complet\w*[^.;]*clearance|clearance[^.;]*complet|clear(?:ed|ing) all",
        r"achev\w*[^.;]*dépollution|dépollution[^.;]*achev",
        r"conclu\w*[^.;]*limpieza|limpieza[^.;]*conclu",
    ),
    _t(
        "date.stockpile_completed",
        "date",
        r"complet(?:ed|ion|ing|e)|finish|declared compliance",
        r"achev|termin|complét",
        r"conclu(?:yó|ido|sión)|complet|termin",
    ),
    _t(
        "date.stockpile_deadline",
        "date",
        r"(?:stockpile|destruction|Article 3)[^.;]*deadline|deadline[^.;]*(?:stockpile|destruction|Article 3)",
        r"(?:stocks?|destruction|article 3)[^.;]*(?:échéance|délai)|"
        r"(?:échéance|délai)[^.;]*(?:stocks?|destruction|article 3)",
        r"(?:existencias|destrucción|artículo 3)[^.;]*plazo|plazo[^.;]*(?:existencias|destrucción|artículo 3)",
    ),
    _t("date.clearance_deadline", "date", r"deadline", r"échéance|délai", r"plazo"),
    _t(
        "date.entry_into_force",
        "date",
        r"(?:entry|entered|enter) into force",
        r"entr(?:ée|é|era|ait) en vigueur",
        r"entr(?:ada|ó|ará) en vigor",
    ),
    _t(
        "date.deposit",
        "date",
        r"deposit|ratif|acce(?:ded|ssion)|joined",
        r"dépos|ratifi|adhé(?:sion|ré)",
        r"deposit|ratific|adhe(?:sión|rió)",
    ),
)
