"""The wording of the Article 4 extension analyses in French and Spanish: the items of
extension_wording.py's English (:data:`extension_wording.EN`), item for item, with the same fields."""

from __future__ import annotations

from extension_wording import PLAN_CELLS, PLAN_LOOP, YEARS_CELLS, YEARS_LOOP, Table, _analysis, verdicts

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
        "traiter. Dans le texte, les superficies sont arrondies à une décimale\u202f; les totaux sont calculés à partir des chiffres "
        "arrondis.",
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
            "Source\u00a0: rapports présentés au titre de l'article 7 (formulaire F). Les chiffres sont "
            "arrondis\u202f; dans chaque ligne, les éléments s'additionnent pour donner la superficie remise à "
            "disposition, et la superficie restante est celle de l'année précédente diminuée de la superficie "
            "remise à disposition.",
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
        "restante${if_covers_late}, soit la totalité de la superficie restante, au 31 décembre $m_last${else}, soit "
        "moins que les $remaining kilomètres carrés restants${end}. ${if_late}Le dernier jalon, fixé pour $m_last, "
        "est postérieur au délai demandé, le $requested\u00a0: tel qu'il est présenté, le plan s'achèverait "
        "environ $months mois après la date demandée. ${end}${if_budget}Elle en "
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
        "La demande ne fixe ni jalons annuels, ni budget, ni plan de financement\u202f; ceux-ci n'ont donc pas pu être évalués au regard du rythme nécessaire.",
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
        "estimation de la superficie restante, et des raisons de cette modification${if_rate_plan}\u202f;${else}."
        "${end}",
        "e)\tLe prie ${if_asks_plan}d'indiquer, dans le plan de travail qu'il est prié de présenter au plus tard le "
        "$first_update,${else}de présenter, au plus tard le $first_update, un plan de travail actualisé "
        "indiquant${end} comment il portera son rythme annuel de remise à disposition des terres aux $needed "
        "kilomètres carrés par an qu'exige le délai demandé.",
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
        "cuadrados. En el texto, las superficies se han redondeado a un decimal; los totales se calculan a partir de las cifras "
        "redondeadas.",
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
            "Fuente: informes presentados en virtud del artículo 7 (formulario F). Las cifras se han redondeado; "
            "en cada fila, las partes suman la superficie liberada, y la superficie por tratar es la del año "
            "anterior menos la superficie liberada.",
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
        "liberación de $planned kilómetros cuadrados${if_covers}, es decir, toda la superficie restante${if_covers_late}, es decir, toda "
        "la superficie restante, al 31 de diciembre de $m_last${else}, "
        "es decir, menos que los $remaining kilómetros cuadrados restantes${end}. ${if_late}El último hito, previsto "
        "para $m_last, es posterior al plazo solicitado, el $requested: tal como se presenta, el plan concluiría "
        "unos $months meses después de lo solicitado. ${end}${if_budget}Estima su costo en "
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
        "La solicitud no establece hitos anuales, presupuesto ni plan de financiación, por lo que no ha sido posible evaluarlos en relación con el ritmo necesario.",
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
        "estimación de la superficie restante, y de los motivos de ese cambio${if_rate_plan};${else}.${end}",
        "e)\tLe pide que ${if_asks_plan}indique, en el plan de trabajo que se le pide que presente a más tardar el "
        "$first_update,${else}presente, a más tardar el $first_update, un plan de trabajo actualizado en el que "
        "indique${end} cómo aumentará su ritmo anual de liberación de tierras hasta los $needed kilómetros "
        "cuadrados al año que exige el plazo solicitado.",
    ),
)
