"""Generate the shipped sample coordinators' drafts under ``inputs/drafts/``.

Run from the repository root::

    .venv/bin/python -m tools.make_sample_drafts [--out inputs/drafts]

The drafts are sections of the progress report on the Lausanne Action Plan
(CCM/MSP/2025/7) for the Thirteenth Meeting of States Parties (Geneva, 16-19
September 2025, President: Philippines), reporting window 1 July 2024 to
30 June 2025. Every .docx carries "Illustrative sample draft for ccm-report" in
its core-properties subject and comments.

Content is ILLUSTRATIVE. Facts taken from docs (shared/domain/CCM.md and
states-parties.md): 112 States before and after the window (111 at its close,
after Lithuania's withdrawal on 6 March 2025; Vanuatu's accession on
5 September 2025 falls after the report's date, so the report leaves it out), 12 signatories, the 11 States with
Article 5 obligations, 10 with Article 4 obligations, 4 with Article 3
obligations, 99 per cent of declared stockpiles destroyed, the reporting form of
the 10th Meeting (2022), the separate risk education coordinator since the 12th
Meeting. Also public: the four States in the stockpile table (Bulgaria, Peru,
Slovakia, South Africa) reported completing destruction in 2023-2024, Peru
before its 1 March 2024 deadline (the sample workbook); the Action 13 column
of that table is illustrative. All other figures are plausible round numbers,
and the action numbers cited inside each theme's range are illustrative (risk
education is assumed to be Actions 27-30).

Mess inventory (what coordinators leave behind, for the pipeline to handle):

- footnotes: introduction (2), universalization (2), stockpile-destruction (2),
  clearance (3), victim-assistance (2), cooperation-assistance (1),
  national-implementation (1), transparency (2, Markdown ``[^n]``)
- tables (first row a w:tblHeader header row): stockpile-destruction (table 1,
  States Parties with Article 3 obligations), cooperation-assistance (typed
  "table 1" too, as each coordinator numbers their own: the build numbers the
  tables through the document); transparency has a Markdown pipe table
- bulleted lists (numbering.xml, numFmt bullet): universalization (outreach),
  risk-education v2 (approaches); transparency has a Markdown list
- lettered (a)/(b)/(c) lists (numFmt lowerLetter, "(%1)"): clearance
  (findings), victim-assistance (findings)
- tracked changes left in: clearance (deletion "about 80" + insertion "about
  85", by "ISU"), national-implementation (one insertion, by "Coordinator")
- Word comment: victim-assistance (on "nine of the 11 States Parties", by "ISU")
- hand-typed numbering: universalization (paragraphs typed "1. The ...",
  "2. ..." up to "9."; headings typed "A. Findings", "B. Challenges",
  "C. Ways forward" in Heading 2 style)
- informal country names: "Lao PDR" in clearance, "Bolivia" in
  universalization, "UK" in cooperation-assistance (everything else uses UN
  short names, e.g. "Lao People's Democratic Republic" in victim-assistance)
- superseded version: risk-education holds "... draft v1.docx" (mtime
  2025-05-16) and "... draft v2.docx" (mtime 2025-06-11); v2 is current
- Markdown draft: transparency (``transparency-section.md``)
- file names as people write them: spaces, parentheses, "final", "clean", "v3"
- no template syntax (``{{ ... }}``) anywhere: tests create that themselves
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.docxfactory import (
    Bullets,
    Comment,
    Deleted,
    Footnote,
    Heading,
    Inserted,
    Lettered,
    Para,
    Table,
    build_docx,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "inputs" / "drafts"
ILLUSTRATIVE = "Illustrative sample draft for ccm-report"

SECTION_IDS = (
    "introduction",
    "universalization",
    "stockpile-destruction",
    "clearance",
    "risk-education",
    "victim-assistance",
    "cooperation-assistance",
    "transparency",
    "national-implementation",
    "general-status",
)


def _on(month: int, day: int) -> dt.datetime:
    """A fixed 10:00 UTC time in 2025, used for both mtime and core properties."""
    return dt.datetime(2025, month, day, 10, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Draft:
    section: str
    filename: str
    modified: dt.datetime
    title: str
    author: str
    blocks: tuple = ()  # for .docx drafts
    markdown: str = ""  # for .md drafts


# ---------------------------------------------------------------------------
# Draft texts
# ---------------------------------------------------------------------------

INTRODUCTION = (
    Heading("Introduction"),
    Para(
        (
            "The Lausanne Action Plan was adopted by the States Parties at the Second Review "
            "Conference of the Convention on Cluster Munitions, held in Geneva in September 2021,",
            Footnote(
                "The Lausanne Action Plan is contained in the final report of the Second Review "
                "Conference and is available on the website of the Convention "
                "(www.clusterconvention.org)."
            ),
            " to guide the implementation of the Convention from 2021 to 2026. For each thematic "
            "area it sets out actions with indicators against which progress is measured every year.",
        )
    ),
    "The present report was prepared under the authority of the President of the Thirteenth "
    "Meeting of States Parties, the Philippines, with the support of the members of the "
    "Coordination Committee and the Implementation Support Unit (ISU). It monitors progress "
    "in implementing the Lausanne Action Plan for the Thirteenth Meeting of States Parties, to "
    "be held in Geneva from 16 to 19 September 2025, and covers the period from 1 July 2024 "
    "to 30 June 2025.",
    Para(
        (
            "The report draws on the annual transparency reports submitted by States Parties under "
            "Article 7 of the Convention,",
            Footnote(
                "Reports covering calendar year 2024 were due by 30 April 2025. Reports received "
                "after 30 June 2025 are not reflected in the present report."
            ),
            " on statements delivered at the intersessional meetings and other meetings held during "
            "the reporting period, and on information shared with the thematic Coordinators by "
            "States Parties, the United Nations, the International Committee of the Red Cross and "
            "the Cluster Munition Coalition. The ISU has checked the figures against the Article 7 "
            "reports; where a State Party had not reported for calendar year 2024, the latest "
            "available information is used and identified as such.",
        )
    ),
    Heading("Status of the Convention", 2),
    "On 1 July 2024, 112 States had ratified or acceded to the Convention. The withdrawal of "
    "Lithuania took effect on 6 March 2025, the first withdrawal from the Convention since its "
    "entry into force, bringing the number of States Parties to 111 at the close of the "
    "reporting period. Twelve States have signed but not yet ratified the Convention.",
    Heading("Structure of the report", 2),
    "Following the present introduction, the report reviews progress in each thematic area of "
    "the Lausanne Action Plan in the order of the agenda: general status and operation, with "
    "gender and diversity; universalization; stockpile "
    "destruction and retention; clearance and risk education; victim assistance; international "
    "cooperation and assistance; transparency measures; and national implementation measures. "
    "For each area, it summarizes the status at a glance, presents the main findings against "
    "the relevant actions, and identifies challenges and ways forward.",
    "The Third Review Conference, to be held in Vientiane in September 2026, will review the "
    "implementation of the Lausanne Action Plan as a whole and adopt the next action plan. The "
    "findings of the present report are therefore also intended to inform the preparations for "
    "that review.",
)

UNIVERSALIZATION = (
    Heading("Universalization (Actions 10 and 11)"),
    Heading("A. Findings", 2),
    Para(
        (
            "1. The number of States Parties stood at 111 at the close of the reporting period, "
            "following the withdrawal of Lithuania, which took effect on 6 March 2025.",
            Footnote(
                "In accordance with Article 20 of the Convention, a withdrawal takes effect six "
                "months after the receipt of the instrument of withdrawal by the Depositary."
            ),
            " No State ratified or acceded to the Convention during the reporting period, and the "
            "12 signatories have yet to ratify it.",
        )
    ),
    "3. In line with Action 10, the President, the Coordinators and the ISU held consultations "
    "with signatories and States not party, in Geneva and in capitals. Outreach during the "
    "reporting period included:",
    Bullets(
        (
            "bilateral meetings with signatories in Africa and Asia",
            "a briefing for permanent missions in Geneva on the steps towards ratification",
            "exchanges with parliamentarians in two signatory States",
            "joint outreach with the ICRC and the Cluster Munition Coalition at regional meetings",
        )
    ),
    "4. States Parties in Latin America, including Bolivia, Chile and Mexico, raised the "
    "Convention in regional forums and encouraged the remaining States of the region to join.",
    "5. In line with Action 11, many States Parties condemned any use of cluster munitions by "
    "any actor in statements made during the reporting period, including at the seventy-ninth "
    "session of the General Assembly, which again adopted its annual resolution on the "
    "implementation of the Convention with the support of a large majority of Member States.",
    Heading("B. Challenges", 2),
    "6. The withdrawal of Lithuania, the first from the Convention, was announced in the context "
    "of the security situation in its region. Several States Parties expressed concern that it "
    "could weaken the norm established by the Convention, at a time when the use of cluster "
    "munitions by States not party continued to be reported.",
    "7. Among the signatories, ratification is more often delayed by competing legislative "
    "priorities and limited administrative capacity than by objections to the Convention itself.",
    Heading("C. Ways forward", 2),
    "8. The Coordinators encourage States Parties to give priority to the 12 signatories in the "
    "period leading to the Third Review Conference, including by offering legal and technical "
    "support for the ratification process, and to make use of regional meetings to reach States "
    "not party.",
    "9. States Parties are encouraged to continue to condemn any use of cluster munitions by any "
    "actor and to promote the norms of the Convention in all relevant forums.",
)

STOCKPILE_DESTRUCTION = (
    Heading("Stockpile destruction and retention (Actions 12 to 17)"),
    Heading("Status at a glance", 2),
    Para(
        (
            "States Parties have destroyed 99 per cent of the cluster munitions they have declared as stockpiled.",
            Footnote("Based on the Article 7 reports submitted up to 30 June 2025."),
            " Four States Parties had reported obligations under Article 3 in recent years (table 1). "
            "All four have reported completing the destruction of their stockpiles, Peru ahead of its "
            "deadline of 1 March 2024.",
        )
    ),
    Para(("Table 1",)),
    Para(("States Parties that reported obligations under Article 3",)),
    Table(
        ("State Party", "Completion of destruction reported", "Declaration of compliance (Action 13)"),
        (
            ("Bulgaria", "2024", "Received"),
            ("Peru", "2024", "Received"),
            ("Slovakia", "2023", "Received"),
            ("South Africa", "2023", "Received"),
        ),
    ),
    Heading("Findings", 2),
    "Action 12: no State Party reported the discovery of previously unknown stockpiles during the "
    "reporting period. States Parties that complete destruction remain responsible for reporting "
    "any such discovery and for destroying the munitions concerned as a matter of urgency.",
    "Action 13: each of the four States Parties listed in table 1 has made a declaration of "
    "compliance, using the form adopted for that purpose where possible.",
    Para(
        (
            "Actions 15 and 16: about ten States Parties reported retaining cluster munitions or "
            "explosive submunitions for permitted purposes under Article 3, paragraph 6.",
            Footnote(
                "The development of and training in cluster munition and explosive submunition "
                "detection, clearance or destruction techniques, and the development of cluster "
                "munition counter-measures."
            ),
            " Most reported the number retained and the use made of them during the year; all "
            "described the purpose for which they retain them.",
        )
    ),
    "Action 17: States Parties shared experience of destruction methods that meet international "
    "standards for the protection of public health and the environment, notably at the "
    "intersessional meetings.",
    Heading("Challenges", 2),
    "With destruction of declared stockpiles complete, attention has shifted to retention. "
    "Figures on retained munitions are not always updated from one year to the next, which "
    "makes it difficult to assess whether the numbers retained remain the minimum absolutely "
    "necessary for the permitted purposes.",
    Heading("Ways forward", 2),
    "States Parties that retain cluster munitions are encouraged to report each year on the "
    "number retained, the purpose and the actual use made of them, and to review whether "
    "continued retention is required. States Parties that discover previously unknown stockpiles "
    "should inform the other States Parties without delay.",
)

CLEARANCE = (
    Heading("Survey and clearance of cluster munition remnants (Actions 18 to 26)"),
    Heading("Status at a glance", 2),
    Para(
        (
            "Ten States Parties had obligations under Article 4 at the close of the reporting period.",
            Footnote(
                "This includes one State Party that had previously declared completion of its "
                "obligations and has since reported previously unknown contamination."
            ),
            " In their Article 7 reports for 2024, they reported the release of ",
            Deleted("about 80", author="ISU"),
            Inserted("about 85", author="ISU"),
            " square kilometres of cluster munition contaminated area",
            Footnote(
                "Land release comprises cancellation through non-technical survey, reduction through "
                "technical survey, and clearance."
            ),
            " and the destruction of about 75,000 cluster munition remnants.",
            Footnote(
                "Figures are as reported by the States Parties concerned for calendar year 2024 and "
                "have not been independently verified."
            ),
        )
    ),
    "Lao PDR, the most heavily contaminated State Party and host of the Third Review Conference, "
    "again accounted for the largest share of the area released and of the remnants destroyed.",
    Heading("Findings", 2),
    "On the basis of the information reported, the Coordinators note the following:",
    Lettered(
        (
            "Action 18: eight of the ten States Parties with obligations under Article 4 reported "
            "having completed an evidence-based and inclusive baseline survey; the other two "
            "reported that survey was ongoing in areas that had only recently become accessible;",
            "Action 19: seven States Parties reported having a national strategy and work plan for "
            "completing their obligations, and five of these had updated them during the reporting "
            "period;",
            "Action 20: most States Parties reported land release disaggregated by cancellation, "
            "reduction and clearance, in line with the International Mine Action Standards;",
            "Action 22: three States Parties submitted requests for an extension of their Article 4 "
            "deadlines for consideration at the Thirteenth Meeting of States Parties. The analyses "
            "of the requests, each with a draft decision, are before the Meeting;",
            "Action 25: six States Parties reported that their survey and clearance teams included "
            "women, and that the views of women, girls, boys and men were taken into account in the "
            "prioritization of tasks.",
        )
    ),
    Heading("Challenges", 2),
    "The main obstacles reported were insecurity and restricted access in parts of the "
    "contaminated areas, the discovery of additional contamination in the course of survey, "
    "and a decline in international funding for survey and clearance, which several States "
    "Parties cited as the principal risk to meeting their deadlines.",
    Heading("Ways forward", 2),
    "States Parties with obligations under Article 4 are encouraged to keep their national "
    "strategies and work plans up to date, to report land release in a disaggregated and "
    "consistent manner, and, where an extension is needed, to submit their requests at least "
    "nine months before the Meeting that is to decide on them, with a detailed, costed "
    "multi-year work plan.",
)

RISK_EDUCATION_V1 = (
    Heading("Risk reduction education"),
    "The Twelfth Meeting of States Parties decided to appoint a dedicated Coordinator on risk "
    "education. The present section is the first prepared under that arrangement.",
    Heading("Status at a glance", 2),
    "All ten States Parties with obligations under Article 4 reported conducting risk education "
    "in 2024, reaching about 1.2 million people.",
    Heading("Findings", 2),
    "Risk education was mostly delivered in schools and in communities living near contaminated "
    "areas. Fewer States Parties than last year reported data disaggregated by sex and age.",
    Heading("Challenges", 2),
    "Funding for risk education decreased in several States Parties.",
    Heading("Ways forward", 2),
    "The Coordinator will circulate a short questionnaire on risk education to the States "
    "Parties concerned before the Thirteenth Meeting of States Parties.",
)

RISK_EDUCATION_V2 = (
    Heading("Risk education (Actions 27 to 30)"),
    "The Twelfth Meeting of States Parties decided to appoint a dedicated Coordinator on risk "
    "education and to consider risk education under a separate agenda item. The present section "
    "is the first prepared under that arrangement.",
    Heading("Status at a glance", 2),
    "All ten States Parties with obligations under Article 4 reported conducting risk education "
    "in 2024. Together they reported reaching about 710,000 people, of whom more than half "
    "were children.",
    Heading("Findings", 2),
    "Action 27: States Parties reported context-specific risk education, targeted at the groups "
    "most at risk as identified through casualty and contamination data. Approaches reported "
    "included:",
    Bullets(
        (
            "school-based sessions integrated into national curricula",
            "community sessions delivered alongside non-technical survey and clearance",
            "radio, television and social media campaigns",
            "training of teachers, health workers and community focal points",
        )
    ),
    "Action 28: seven States Parties reported beneficiary data disaggregated by sex, age and "
    "disability, compared with five in the previous reporting period.",
    "Action 29: most States Parties reported that risk education was planned together with "
    "survey and clearance, so that communities could report suspected hazards to the teams "
    "working in their area.",
    "Action 30: only two States Parties reported having evaluated the effect of risk education on behaviour.",
    Heading("Challenges", 2),
    "Reductions in funding led several States Parties to scale back risk education, in some "
    "cases to areas where clearance teams were already present. Reaching displaced populations "
    "and seasonal workers, who are often the most exposed, remained difficult, and few States "
    "Parties were able to measure changes in behaviour.",
    Heading("Ways forward", 2),
    "States Parties are encouraged to include risk education in their national strategies and "
    "work plans, with dedicated budgets, to collect and report disaggregated data, and to "
    "evaluate the effect of their programmes. The Coordinator will present a short overview of "
    "good practice at the Thirteenth Meeting of States Parties.",
)

VICTIM_ASSISTANCE = (
    Heading("Victim assistance (Actions 31 to 37)"),
    Heading("Status at a glance", 2),
    Para(
        (
            "Eleven States Parties have reported obligations under Article 5 for cluster munition "
            "victims in areas under their jurisdiction or control.",
            Footnote(
                "Afghanistan, Albania, Bosnia and Herzegovina, Chad, Croatia, Guinea-Bissau, Iraq, "
                "Lao People's Democratic Republic, Lebanon, Montenegro and Somalia."
            ),
            " New casualties continued to be recorded in several of them, most of them civilians and "
            "many of them children.",
        )
    ),
    Heading("Findings", 2),
    "On the basis of the information reported, the Coordinators note the following:",
    Lettered(
        (
            Para(
                (
                    "Action 31: ",
                    Comment(
                        "nine of the 11 States Parties",
                        "ISU: we read eight in the 2024 Article 7 reports. Coordinators to confirm "
                        "before the text goes to the President.",
                        author="ISU",
                    ),
                    " reported having a designated national focal point for victim assistance, and eight "
                    "reported a national action plan or disability plan that covers cluster munition "
                    "victims;",
                )
            ),
            "Action 32: most States Parties reported casualty data disaggregated by sex and age, "
            "but fewer reported on disability or on the needs of the families of those killed or "
            "injured;",
            "Action 33: States Parties reported on emergency and continuing medical care, physical "
            "rehabilitation and psychological support, while noting that services remain "
            "concentrated in the capitals and main cities;",
            "Action 34: five States Parties reported measures for the social and economic "
            "inclusion of survivors, such as vocational training, small grants and access to "
            "social protection;",
            "Action 36: survivors and their representative organizations took part in national "
            "coordination mechanisms in seven States Parties.",
        )
    ),
    Para(
        (
            "States Parties continued to integrate victim assistance into broader frameworks on "
            "disability, health, education, employment and development, consistent with the "
            "Convention on the Rights of Persons with Disabilities.",
            Footnote("General Assembly resolution 61/106 of 13 December 2006, annex I."),
        )
    ),
    Heading("Challenges", 2),
    "Access to services in rural and remote areas, the cost of assistive devices and the "
    "sustainability of psychological support were the challenges most often reported. "
    "International funding for victim assistance remains small relative to that for clearance.",
    Heading("Ways forward", 2),
    "The States Parties concerned are encouraged to keep their national action plans up to date, "
    "to strengthen the collection of data disaggregated by sex, age and disability, and to "
    "ensure that survivors take part in decisions that affect them. States Parties in a "
    "position to do so are encouraged to support victim assistance through predictable, "
    "multi-year funding.",
)

COOPERATION_ASSISTANCE = (
    Heading("International cooperation and assistance (Actions 38 to 42)"),
    Heading("Status at a glance", 2),
    Para(
        (
            "In their Article 7 reports for 2024, 12 States Parties reported providing "
            "assistance for the implementation of the Convention and 9 reported receiving it "
            "(table 1).",
            Footnote(
                "A State Party may report more than one form of cooperation; the figures in table 1 "
                "are therefore not additive."
            ),
        )
    ),
    Para(("Table 1",)),
    Para(("Forms of cooperation reported for calendar year 2024",)),
    Table(
        ("Form of cooperation", "States Parties providing", "States Parties receiving"),
        (
            # At most the 12 States Parties providing and 9 receiving that the text and annex IV count.
            ("Bilateral financial support", "10", "8"),
            ("Support through international organizations", "7", "6"),
            ("Technical and in-kind support", "5", "4"),
            ("South-South and regional cooperation", "3", "3"),
        ),
    ),
    Heading("Findings", 2),
    "Action 38: affected States Parties reported national contributions to their own "
    "programmes, most often in the form of staff, premises and logistics, and in some cases "
    "through a budget line for survey, clearance or victim assistance.",
    "Action 39: two States Parties used the individualized approach or a country coalition to "
    "present their needs to partners during the reporting period, and reported that it had "
    "helped to align support with their work plans.",
    "Action 41: several longstanding donors, including the UK, Norway and Switzerland, underlined "
    "the value of multi-year funding, which allows operators to plan and retain trained staff.",
    Heading("Challenges", 2),
    "Affected States Parties reported a decline in international funding during the reporting "
    "period, as resources were directed to other crises. Support for victim assistance and risk "
    "education was reported to be the most affected.",
    Heading("Ways forward", 2),
    "States Parties in a position to do so are encouraged to provide predictable, multi-year "
    "support, and affected States Parties to set out their needs in costed work plans and to "
    "make wider use of the individualized approach and country coalitions.",
)

NATIONAL_IMPLEMENTATION = (
    Heading("National implementation measures (Actions 47 to 50)"),
    Heading("Status at a glance", 2),
    "[[nim.specific]] States Parties have reported adopting legislation specific to the Convention, "
    "and [[nim.sufficient]] consider their existing legislation sufficient. In [[nim.preparation]] "
    "States Parties legislation is in preparation, and [[nim.not_reported]] have not reported on the "
    "matter.",
    Heading("Findings", 2),
    Para(
        (
            "Action 47: two States Parties reported that draft implementing legislation was before their parliaments",
            Inserted(", and one that its legislation awaited promulgation"),
            ".",
        )
    ),
    Para(
        (
            "Action 48: most of the legislation reported provides for penal sanctions for the "
            "activities prohibited by the Convention. Several States Parties drew on the model "
            "legislation and guidance available from the ICRC.",
            Footnote(
                "The ICRC model law for common law States and its guidance on implementing the "
                "Convention are available from the ICRC Advisory Service on International "
                "Humanitarian Law."
            ),
        )
    ),
    "Action 49: a number of States Parties set out their understanding of the Convention with "
    "respect to transit, foreign stockpiling of cluster munitions on their territory and the "
    "prohibition of investment in the production of cluster munitions.",
    Heading("Challenges", 2),
    "Competing legislative priorities and limited capacity in some States Parties continue to "
    "slow the adoption of implementing legislation. Where States Parties consider their existing "
    "legislation sufficient, the basis for that conclusion is not always reported.",
    Heading("Ways forward", 2),
    "States Parties that have not yet done so are encouraged to adopt legislation specific to "
    "the Convention, including penal sanctions, and to report on it in their Article 7 reports. "
    "States Parties that consider existing legislation sufficient are encouraged to explain how "
    "it covers each of the prohibitions of the Convention.",
)

TRANSPARENCY_MD = """\
---
date: 2025-06-10
---

# Transparency measures (Actions 43 to 46)

## Status at a glance

Annual reports under Article 7 covering calendar year [[year]] were due from
[[article7.annual.due]] States Parties by 30 April 2025. By that date,
[[article7.annual.on_time]] States Parties had submitted their reports; by 30 June 2025
the number had risen to [[article7.annual.submitted]], or [[article7.annual.rate]] per
cent.[^1] Reports were still awaited from [[article7.annual.overdue]] States Parties, and
[[article7.initial.overdue]] initial reports were overdue.

| Reports covering | Due by 30 April | Received by 30 April | Received by 30 June |
|------------------|----------------:|---------------------:|--------------------:|
| 2023             | 111             | 74                   | 84                  |
| [[year]]         | [[article7.annual.due]] | [[article7.annual.on_time]] | [[article7.annual.submitted]] |

: Annual reports under Article 7, 2023 and [[year]]

## Findings

Action 43: the initial report of South Sudan fell due on 30 July 2024, 180 days
after the entry into force of the Convention for South Sudan on 1 February 2024.
Twelve States Parties have not submitted an annual report in the past three
years.

Action 44: seven of the ten States Parties with obligations under Article 4 submitted their
annual reports, as did the four States Parties listed in the section on stockpile
destruction.

Action 45: about two thirds of the reports received used the reporting form
adopted at the Tenth Meeting of States Parties in 2022.[^2]

## Challenges

Reporting remains low among States Parties without obligations under Articles 3,
4 or 5, many of which have small administrations and consider that they have
little to report.

## Ways forward

The Coordinator encourages States Parties to:

- submit their reports by 30 April each year, even where nothing has changed
- use the reporting form adopted in 2022
- seek assistance from the ISU where they need it

[^1]: Figures as recorded by the ISU at 30 June 2025.

[^2]: The form and a short guide to its use are available on the website of the
    Convention (www.clusterconvention.org).
"""


GENERAL_STATUS = (
    Heading("General status and operation of the Convention: cross-cutting actions"),
    Heading("Status at a glance", 2),
    "At the end of the reporting period the Convention had [[states_parties]] States Parties and "
    "[[signatories]] signatories. The Coordinators on General Status and Operation, who are also the "
    "focal points on gender mainstreaming, reviewed what the States Parties reported on the "
    "cross-cutting actions of the Lausanne Action Plan: national ownership, gender and diversity, and "
    "the inclusion of survivors.",
    "Of the [[gender.reporting_states]] States Parties that reported casualties, victim assistance or "
    "risk education for [[year]], [[gender.disaggregated_states]] ([[gender.disaggregated_percent]] per "
    "cent) gave every figure by sex and age.",
    Heading("Findings", 2),
    "National ownership: [[va.national_plans]] of the [[article5.states]] States Parties with "
    "obligations under Article 5 reported a national plan or policy on victim assistance, and "
    "[[va.focal_points]] a government focal point. Affected States Parties continued to report "
    "national contributions to their own programmes.",
    Para(
        (
            "Gender and diversity: the [[casualties.total]] new casualties reported for [[year]] were "
            "[[casualties.women]] women, [[casualties.men]] men, [[casualties.girls]] girls and "
            "[[casualties.boys]] boys. Children were [[casualties.children_percent]] per cent of the "
            "casualties, and women and girls [[casualties.female_percent]] per cent.",
            Footnote(
                "Women and men are 18 and older, girls and boys under 18, as in the reporting form adopted in 2022."
            ),
        )
    ),
    "Of the [[va.assisted.total]] victims who received assistance in the States Parties that reported "
    "it by sex and age, [[va.assisted.female_percent]] per cent were women and girls and "
    "[[va.assisted.children_percent]] per cent children; [[va.assisted.disaggregated_states]] of the "
    "[[va.assisted.reporting_states]] States Parties reporting on assistance gave it by sex and age.",
    "Risk education reached [[risk_education.reached]] people, [[risk_education.female_percent]] per "
    "cent of them women and girls. More than half of the people reached were children.",
    "Inclusion of survivors: several States Parties reported that survivors and their representative "
    "organizations took part in national coordination on victim assistance, and that survivors were "
    "among the trainers and staff of risk education teams.",
    Heading("Challenges", 2),
    "Figures reported only in total do not show whether women, girls, boys and men are reached in "
    "proportion to their needs. Data disaggregated by disability are rarely reported.",
    Heading("Ways forward", 2),
    "States Parties are encouraged to report casualties, victim assistance and risk education by sex "
    "and age, and by disability where possible; to take the different needs of women, girls, boys and "
    "men into account in their national plans; and to include survivors in the decisions that affect "
    "them.",
)


DRAFTS: tuple[Draft, ...] = (
    Draft(
        "introduction",
        "Introduction_draft_ISU.docx",
        _on(6, 2),
        "Progress report on the Lausanne Action Plan: introduction",
        "ISU",
        blocks=INTRODUCTION,
    ),
    Draft(
        "universalization",
        "universalization_final.docx",
        _on(6, 3),
        "Universalization",
        "Universalization Coordinator",
        blocks=UNIVERSALIZATION,
    ),
    Draft(
        "stockpile-destruction",
        "Stockpile destruction - LAP progress 2025 (coordinators).docx",
        _on(6, 4),
        "Stockpile destruction and retention",
        "Stockpile Destruction Coordinator",
        blocks=STOCKPILE_DESTRUCTION,
    ),
    Draft(
        "clearance",
        "LAP progress - Clearance - Coordinators draft v3.docx",
        _on(6, 5),
        "Clearance",
        "Clearance Coordinator",
        blocks=CLEARANCE,
    ),
    Draft(
        "risk-education",
        "Risk education - draft v1.docx",
        _on(5, 16),
        "Risk reduction education",
        "Risk Education Coordinator",
        blocks=RISK_EDUCATION_V1,
    ),
    Draft(
        "risk-education",
        "Risk education - draft v2.docx",
        _on(6, 11),
        "Risk education",
        "Risk Education Coordinator",
        blocks=RISK_EDUCATION_V2,
    ),
    Draft(
        "victim-assistance",
        "VA_progress_report_13MSP_clean.docx",
        _on(6, 6),
        "Victim assistance",
        "Victim Assistance Coordinator",
        blocks=VICTIM_ASSISTANCE,
    ),
    Draft(
        "cooperation-assistance",
        "Coop and Assistance input 13MSP.docx",
        _on(6, 9),
        "International cooperation and assistance",
        "Cooperation and Assistance Coordinator",
        blocks=COOPERATION_ASSISTANCE,
    ),
    Draft(
        "transparency",
        "transparency-section.md",
        _on(6, 10),
        "Transparency measures",
        "Transparency Coordinator",
        markdown=TRANSPARENCY_MD,
    ),
    Draft(
        "national-implementation",
        "NIM draft 2025 v2 (track changes).docx",
        _on(6, 20),
        "National implementation measures",
        "National Implementation Coordinator",
        blocks=NATIONAL_IMPLEMENTATION,
    ),
    Draft(
        "general-status",
        "General status and gender - 13MSP draft.docx",
        _on(6, 12),
        "General status and operation",
        "General Status and Operation Coordinators",
        blocks=GENERAL_STATUS,
    ),
)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _write(draft: Draft, out_dir: Path) -> Path:
    path = out_dir / draft.section / draft.filename
    if draft.markdown:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(draft.markdown, encoding="utf-8", newline="\n")
    else:
        build_docx(
            draft.blocks,
            path,
            title=draft.title,
            author=draft.author,
            subject=ILLUSTRATIVE,
            comments=ILLUSTRATIVE,
            when=draft.modified,
        )
    stamp = draft.modified.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def write_samples(out_dir: Path = DEFAULT_OUT) -> list[Path]:
    """(Re)write all sample drafts under ``out_dir`` and return their paths.

    Each section folder is emptied first so that renamed drafts do not linger
    and the "newest wins" choice only ever sees the files listed in DRAFTS.
    """
    out_dir = Path(out_dir)
    for section in SECTION_IDS:
        folder = out_dir / section
        if folder.exists():
            shutil.rmtree(folder)
    return [_write(draft, out_dir) for draft in DRAFTS]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="drafts folder")
    args = parser.parse_args(argv)
    for path in write_samples(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
