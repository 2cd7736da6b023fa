"""Build the house Word templates: ``templates/progress-report.docx`` and
``templates/extension-analysis.docx`` in English, and the same in French and Spanish
in ``templates/fr/`` and ``templates/es/``.

The .docx is the artefact users own: open it in Word, restyle it, save it, and the
pipeline uses it as it is. This script is how the first version was made, kept so
that the template can be rebuilt, reviewed and diffed as text. Run it with
``.venv/bin/python templates/build_templates.py`` (``make templates``).

The styles follow the UN Geneva house styles (UN-FORMAT.md): A4, Times New Roman
10 pt on 12 pt, a 13 cm text column indented 2 cm from each margin, chapter
headings "I." 14 pt bold, sub-headings "A." 12 pt bold, "1." and "(a)" 10 pt bold,
body paragraphs numbered consecutively through the document by Word itself.
The three languages share one builder: styles, fields and layout are identical, and
only the fixed wording (``WORDING``, a table of strings per language), the default
language of the text and the lettered levels ("(a)" in English, "a)" in French and
Spanish) differ.
Measurements in the XML are in twentieths of a point (twips, 567 = 1 cm) and
half-points for font sizes.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Pt, Twips
from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import extension_wording  # noqa: E402  (beside this file: the analyses' wording, for Word and the web page)
import extension_wording_fr_es  # noqa: E402
import template_tables  # noqa: E402  (beside this file: the annexes' and the analyses' tables)
from template_tables import ANNEX_TABLES  # noqa: E402

from pipeline.ooxml import docxapi, wordml  # noqa: E402  (the package that knows OOXML details)
from pipeline.ooxml.names import NSDECL_W as NSDECL  # noqa: E402
from pipeline.ooxml.names import w  # noqa: E402

# Numbering definitions the styles point at. numId 1: body paragraphs "1.";
# numId 2: the heading outline I. / A. / 1. / (a) / (i); abstract 3: lettered
# subparagraphs "(a)" (each list gets its own restarting numId at render time);
# numId 4: bullets. The lettered and roman levels read "(a)" and "(i)" in English,
# "a)" and "i)" in French and Spanish: ``paren`` is "(" or "", the template's
# Wording says which.
NUMBERING = """<w:numbering {NSDECL}>
  <w:abstractNum w:abstractNumId="1">
    <w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
      <w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="1701"/></w:tabs>
      <w:ind w:left="1134" w:firstLine="0"/></w:pPr></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:pStyle w:val="UNChapter"/>
      <w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="1134"/></w:tabs>
      <w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:pStyle w:val="UNHeading1"/>
      <w:lvlText w:val="%2."/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="1134"/></w:tabs>
      <w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="UNHeading2"/>
      <w:lvlText w:val="%3."/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="1134"/></w:tabs>
      <w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:pStyle w:val="UNHeading3"/>
      <w:lvlText w:val="{paren}%4)"/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="1134"/></w:tabs>
      <w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>
    <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:pStyle w:val="UNHeading4"/>
      <w:lvlText w:val="{paren}%5)"/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="1134"/></w:tabs>
      <w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="3">
    <w:multiLevelType w:val="hybridMultilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="{paren}%1)"/>
      <w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="2268"/></w:tabs>
      <w:ind w:left="1134" w:firstLine="567"/></w:pPr></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="{paren}%2)"/>
      <w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="2835"/></w:tabs>
      <w:ind w:left="1701" w:firstLine="567"/></w:pPr></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="4">
    <w:multiLevelType w:val="hybridMultilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/>
      <w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="1985"/></w:tabs>
      <w:ind w:left="1985" w:hanging="284"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2013"/>
      <w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="2552"/></w:tabs>
      <w:ind w:left="2552" w:hanging="284"/></w:pPr></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="4"/></w:num>
</w:numbering>"""


def _numbering(wording: Wording) -> str:
    return NUMBERING.format(NSDECL=NSDECL, paren="(" if wording.parenthesised_letters else "")


BODY_PPR = '<w:spacing w:after="120" w:line="240" w:lineRule="atLeast"/><w:ind w:left="1134" w:right="1134"/><w:jc w:val="both"/>'


def _pstyle(
    style_id: str,
    name: str,
    ppr: str = "",
    rpr: str = "",
    *,
    based_on: str = "Normal",
    next_style: str = "",
    outline: int | None = None,
) -> str:
    outline_xml = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    next_xml = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (
        f'<w:style {NSDECL} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/>{next_xml}<w:qFormat/>'
        f"<w:pPr>{ppr}{outline_xml}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _heading(
    style_id: str,
    name: str,
    ilvl: int,
    size_half_points: int,
    *,
    italic: bool = False,
    before: int = 240,
    after: int = 120,
    outline: int = 0,
) -> str:
    face = "<w:i/>" if italic else "<w:b/>"
    ppr = (
        f'<w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="2"/></w:numPr>'
        f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="atLeast"/>'
        f'<w:ind w:left="1134" w:right="1134" w:hanging="567"/>'
    )
    return _pstyle(
        style_id, name, ppr, f'{face}<w:sz w:val="{size_half_points}"/>', next_style="UNBody", outline=outline
    )


STYLES = [
    # Body paragraphs: numbered through the whole document by one list (numId 1).
    _pstyle("UNBody", "UN Body", f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>{BODY_PPR}'),
    _pstyle("UNBodyPlain", "UN Body Unnumbered", BODY_PPR),
    _heading("UNChapter", "UN Chapter", 0, 28, before=360, after=240, outline=0),
    _heading("UNHeading1", "UN Heading 1", 1, 24, outline=1),
    _heading("UNHeading2", "UN Heading 2", 2, 20, outline=2),
    _heading("UNHeading3", "UN Heading 3", 3, 20, outline=3),
    _heading("UNHeading4", "UN Heading 4", 4, 20, italic=True, outline=4),
    _pstyle(
        "UNSubparagraph",
        "UN Subparagraph",
        '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'
        '<w:spacing w:after="120" w:line="240" w:lineRule="atLeast"/><w:ind w:left="1134" w:right="1134" w:firstLine="567"/><w:jc w:val="both"/>',
    ),
    _pstyle(
        "UNBullet",
        "UN Bullet",
        '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr>'
        '<w:spacing w:after="120" w:line="240" w:lineRule="atLeast"/><w:ind w:left="1985" w:right="1134" w:hanging="284"/><w:jc w:val="both"/>',
    ),
    _pstyle(
        "UNTableText",
        "UN Table Text",
        '<w:spacing w:before="40" w:after="40" w:line="220" w:lineRule="atLeast"/>',
        '<w:sz w:val="18"/>',
    ),
    _pstyle(
        "UNTableHeading",
        "UN Table Heading",
        '<w:keepNext/><w:spacing w:before="80" w:after="80" w:line="220" w:lineRule="atLeast"/>',
        '<w:i/><w:sz w:val="16"/>',
    ),
    _pstyle(
        "UNTableCaption",
        "UN Table Caption",
        '<w:keepNext/><w:spacing w:before="120" w:after="120"/><w:ind w:left="1134" w:right="1134"/>',
        "<w:b/>",
    ),
    _pstyle(
        "UNPlaceholder",
        "UN Placeholder",
        '<w:pBdr><w:top w:val="single" w:sz="6" w:space="4" w:color="C00000"/>'
        '<w:left w:val="single" w:sz="6" w:space="4" w:color="C00000"/>'
        '<w:bottom w:val="single" w:sz="6" w:space="4" w:color="C00000"/>'
        '<w:right w:val="single" w:sz="6" w:space="4" w:color="C00000"/></w:pBdr>'
        '<w:shd w:val="clear" w:color="auto" w:fill="FDE9E7"/>'
        '<w:spacing w:before="120" w:after="240"/><w:ind w:left="1134" w:right="1134"/>',
        '<w:b/><w:color w:val="C00000"/>',
    ),
    _pstyle(
        "UNTitle",
        "UN Title",
        '<w:keepNext/><w:spacing w:before="360" w:after="240" w:line="300" w:lineRule="exact"/>'
        '<w:ind w:left="1134" w:right="1134"/>',
        '<w:b/><w:sz w:val="28"/>',
    ),
    _pstyle(
        "UNSubmittedBy",
        "UN Submitted By",
        '<w:keepNext/><w:spacing w:before="120" w:after="360"/><w:ind w:left="1134" w:right="1134"/>',
        '<w:b/><w:sz w:val="24"/>',
    ),
    _pstyle(
        "UNAnnexHeading",
        "UN Annex Heading",
        '<w:pageBreakBefore/><w:keepNext/><w:spacing w:before="0" w:after="240"/>',
        '<w:b/><w:sz w:val="28"/>',
        outline=0,
    ),
    _pstyle(
        "UNAnnexTitle",
        "UN Annex Title",
        '<w:keepNext/><w:spacing w:before="120" w:after="240"/><w:ind w:left="1134" w:right="1134"/>',
        '<w:b/><w:sz w:val="24"/>',
    ),
    _pstyle("UNMasthead", "UN Masthead", '<w:spacing w:after="0"/>'),
    _pstyle("UNMastheadBody", "UN Masthead Body", '<w:spacing w:after="0"/>', '<w:b/><w:sz w:val="28"/>'),
    _pstyle(
        "UNMastheadSymbol",
        "UN Masthead Symbol",
        '<w:spacing w:after="0"/><w:jc w:val="right"/>',
        '<w:b/><w:sz w:val="28"/>',
    ),
    _pstyle(
        "UNRunningHeader",
        "UN Running Header",
        '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="auto"/></w:pBdr>',
        '<w:b/><w:sz w:val="18"/>',
        based_on="Header",
    ),
    _pstyle("UNRunningFooter", "UN Running Footer", "", '<w:b/><w:sz w:val="18"/>', based_on="Footer"),
    _pstyle("UNJobNumber", "UN Job Number", "", '<w:sz w:val="16"/>', based_on="Footer"),
    _pstyle(
        "FootnoteText",
        "footnote text",
        # The number at the column, then the text at 2.5 cm (hanging). The writer puts two tabs after
        # the number, for LibreOffice drops a footnote's first (pipeline/ooxml/wordml.py): in Word the
        # first stops at the indent, the second here, one twip further; LibreOffice 7.x pads the
        # number to the indent and its tab stops here too, not 1.1 pt further at a default stop.
        '<w:tabs><w:tab w:val="left" w:pos="1419"/></w:tabs>'
        '<w:spacing w:after="0" w:line="220" w:lineRule="exact"/><w:ind w:left="1418" w:right="1134" w:hanging="284"/>',
        '<w:sz w:val="18"/>',
    ),
    f'<w:style {NSDECL} w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
    f'<w:rPr><w:sz w:val="18"/><w:vertAlign w:val="superscript"/></w:rPr></w:style>',  # schema order
    f'<w:style {NSDECL} w:type="table" w:customStyle="1" w:styleId="UNTable"><w:name w:val="UN Table"/>'
    f'<w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:tblPr>'
    f'<w:tblInd w:w="1134" w:type="dxa"/>'
    f'<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    f'<w:bottom w:val="single" w:sz="12" w:space="0" w:color="auto"/></w:tblBorders>'
    f'<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    f'<w:tblStylePr w:type="firstRow"><w:tblPr/><w:tcPr><w:tcBorders>'
    f'<w:bottom w:val="single" w:sz="12" w:space="0" w:color="auto"/></w:tcBorders></w:tcPr></w:tblStylePr></w:style>',
]


# --- the fixed wording, per language ------------------------------------------------------------
# Everything a template says in words is here, one table per language; the builder is the same for
# all. Fields ({{ ... }}) are the same in every language: the renderer fills them, already localised
# (dates, numbers, the "Original" language's name, State names). French puts a no-break space
# (U+00A0) before a colon and a narrow no-break space (U+202F) before a semicolon, as UN French
# documents (and the translations merged into them) do.


@dataclass(frozen=True)
class AnnexWording:
    label: str
    title: str
    headers: tuple[str, ...]
    note: str
    total: str = ""  # the label of a block of total rows (Annex IV: one total per currency)


@dataclass(frozen=True)
class Wording:
    language_tag: str  # the default w:lang of the text
    parenthesised_letters: bool  # "(a)" and "(i)" (English), or "a)" and "i)" (French, Spanish)
    distribution: str
    version_language: str  # the line above "Original": empty in English, the version's language otherwise
    original: str
    agenda_item: str
    submitted_by: str
    total: str
    annexes: tuple[AnnexWording, ...]
    annex_references: tuple[tuple[str, str], ...]  # (section id, the sentence that refers its reader to an annex)


WORDING = {
    "en": Wording(
        language_tag="en-GB",
        parenthesised_letters=True,
        distribution="Distr.: {{ document.distribution }}",
        version_language="",
        original="Original: {{ document.original_language_name }}",
        agenda_item="Item {{ document.agenda_item.number }} of the provisional agenda",
        submitted_by="Submitted by {{ document.submitted_by }}",
        total="Total",
        annexes=(
            AnnexWording(
                "Annex I",
                "Article 7 transparency reports on calendar year {{ indicators.year_covered }}, by region",
                (
                    "Region",
                    "States Parties",
                    "Reports due",
                    "Submitted by 30 April",
                    "Submitted later",
                    "Not yet submitted",
                    "Submitted (per cent)",
                ),
                "Source: Article 7 reports received by the Implementation Support Unit as of "
                "{{ indicators.as_of }}; an annual report is due by 30 April of the following year.",
            ),
            AnnexWording(
                "Annex II",
                "Areas contaminated by cluster munition remnants, by State Party, in {{ indicators.figures.year }} "
                "(square kilometres)",
                (
                    "State Party",
                    "At entry into force",
                    "Cleared",
                    "Released by survey",
                    "Remaining at 31 December",
                    "Deadline",
                ),
                "Source: Article 7 reports (form F) on calendar year {{ indicators.figures.year }}; the deadline "
                "is the one in force, extended where an extension was granted.",
            ),
            AnnexWording(
                "Annex III",
                "Stockpiled cluster munitions destroyed and remaining, by State Party, in "
                "{{ indicators.figures.year }}",
                (
                    "State Party",
                    "Munitions destroyed",
                    "Submunitions destroyed",
                    "Munitions remaining",
                    "Submunitions remaining",
                    "Completed",
                ),
                "Source: Article 7 reports (form B) on calendar year {{ indicators.figures.year }}.",
            ),
            AnnexWording(
                "Annex IV",
                "International cooperation and assistance reported for {{ indicators.figures.year }}, by donor",
                ("Donor State Party", "Recipients", "Currency", "Amount"),
                "Source: Article 7 reports (form I) of the States Parties providing support; amounts are given "
                "in the currency reported and are not converted: each currency has its own total. Global: support "
                "not tied to one State.",
                total="Total, by currency",
            ),
        ),
        annex_references=(
            ("transparency", "Annex I sets out the Article 7 transparency reports due and received, by region."),
            (
                "clearance",
                "Annex II sets out, for each State Party with obligations under Article 4, the areas contaminated, "
                "cleared and released by survey, the area remaining and the deadline in force.",
            ),
            (
                "stockpile-destruction",
                "Annex III sets out the cluster munitions and submunitions destroyed in the year and remaining, by "
                "State Party.",
            ),
            (
                "cooperation-assistance",
                "Annex IV sets out the international cooperation and assistance reported, by donor State Party, "
                "with its recipients and the totals in each currency.",
            ),
        ),
    ),
    # French and Spanish State names take an article in running text ("le Tchad", "el Iraq") that a
    # field cannot supply, so the prose names the State in apposition to "l'État partie" / "el Estado
    # parte" and then refers to it as that State Party.
    "fr": Wording(
        language_tag="fr-FR",
        parenthesised_letters=False,
        distribution="Distr. {{ document.distribution }}",
        version_language="Français",
        original="Original\u00a0: {{ document.original_language_name }}",
        agenda_item="Point {{ document.agenda_item.number }} de l'ordre du jour provisoire",
        submitted_by="Présenté par {{ document.submitted_by }}",
        total="Total",
        annexes=(
            AnnexWording(
                "Annexe I",
                "Rapports de transparence présentés au titre de l'article 7 pour l'année civile "
                "{{ indicators.year_covered }}, par région",
                (
                    "Région",
                    "États parties",
                    "Rapports attendus",
                    "Présentés au plus tard le 30 avril",
                    "Présentés ultérieurement",
                    "Non encore présentés",
                    "Présentés (pourcentage)",
                ),
                "Source\u00a0: rapports présentés au titre de l'article 7 reçus par l'Unité d'appui à "
                "l'application au {{ indicators.as_of }}\u202f; le rapport annuel doit être présenté au plus tard "
                "le 30 avril de l'année suivante.",
            ),
            AnnexWording(
                "Annexe II",
                "Zones contaminées par des restes d'armes à sous-munitions, par État partie, en "
                "{{ indicators.figures.year }} (en kilomètres carrés)",
                (
                    "État partie",
                    "À l'entrée en vigueur",
                    "Dépolluées",
                    "Remises à disposition par enquête",
                    "Restant au 31 décembre",
                    "Échéance",
                ),
                "Source\u00a0: rapports présentés au titre de l'article 7 (formulaire F) pour l'année civile "
                "{{ indicators.figures.year }}\u202f; l'échéance indiquée est celle qui est en vigueur, reportée "
                "lorsqu'une prolongation a été accordée.",
            ),
            AnnexWording(
                "Annexe III",
                "Armes à sous-munitions stockées détruites et restantes, par État partie, en "
                "{{ indicators.figures.year }}",
                (
                    "État partie",
                    "Armes à sous-munitions détruites",
                    "Sous-munitions détruites",
                    "Armes à sous-munitions restantes",
                    "Sous-munitions restantes",
                    "Destruction achevée le",
                ),
                "Source\u00a0: rapports présentés au titre de l'article 7 (formulaire B) pour l'année civile "
                "{{ indicators.figures.year }}.",
            ),
            AnnexWording(
                "Annexe IV",
                "Coopération et assistance internationales déclarées pour {{ indicators.figures.year }}, par donateur",
                ("État partie donateur", "Bénéficiaires", "Monnaie", "Montant"),
                "Source\u00a0: rapports présentés au titre de l'article 7 (formulaire I) par les États parties "
                "qui fournissent un appui\u202f; les montants sont indiqués dans la monnaie déclarée et ne sont pas "
                "convertis : chaque monnaie a son propre total. Mondial : appui qui ne vise pas un seul État.",
                total="Total, par monnaie",
            ),
        ),
        annex_references=(
            (
                "transparency",
                "L'annexe I présente les rapports de transparence attendus et reçus au titre de l'article 7, "
                "par région.",
            ),
            (
                "clearance",
                "L'annexe II présente, pour chaque État partie ayant des obligations au titre de l'article 4, les "
                "zones contaminées, dépolluées et remises à disposition par enquête, la zone restante et le délai "
                "en vigueur.",
            ),
            (
                "stockpile-destruction",
                "L'annexe III présente les armes à sous-munitions et les sous-munitions détruites dans l'année et "
                "restantes, par État partie.",
            ),
            (
                "cooperation-assistance",
                "L'annexe IV présente la coopération et l'assistance internationales déclarées, par État partie "
                "donateur, avec leurs bénéficiaires et les totaux dans chaque monnaie.",
            ),
        ),
    ),
    "es": Wording(
        language_tag="es-ES",
        parenthesised_letters=False,
        distribution="Distr. {{ document.distribution }}",
        version_language="Español",
        original="Original: {{ document.original_language_name }}",
        agenda_item="Tema {{ document.agenda_item.number }} del programa provisional",
        submitted_by="Presentado por {{ document.submitted_by }}",
        total="Total",
        annexes=(
            AnnexWording(
                "Anexo I",
                "Informes de transparencia presentados en virtud del artículo 7 correspondientes al año civil "
                "{{ indicators.year_covered }}, por región",
                (
                    "Región",
                    "Estados partes",
                    "Informes debidos",
                    "Presentados a más tardar el 30 de abril",
                    "Presentados con posterioridad",
                    "Aún no presentados",
                    "Presentados (porcentaje)",
                ),
                "Fuente: informes presentados en virtud del artículo 7 recibidos por la Dependencia de Apoyo a "
                "la Aplicación al {{ indicators.as_of }}; el informe anual debe presentarse a más tardar el "
                "30 de abril del año siguiente.",
            ),
            AnnexWording(
                "Anexo II",
                "Zonas contaminadas por restos de municiones en racimo, por Estado parte, en "
                "{{ indicators.figures.year }} (en kilómetros cuadrados)",
                (
                    "Estado parte",
                    "A la entrada en vigor",
                    "Limpiadas",
                    "Liberadas mediante reconocimiento",
                    "Restantes al 31 de diciembre",
                    "Plazo",
                ),
                "Fuente: informes presentados en virtud del artículo 7 (formulario F) correspondientes al año "
                "civil {{ indicators.figures.year }}; el plazo indicado es el vigente, prorrogado cuando se ha "
                "concedido una prórroga.",
            ),
            AnnexWording(
                "Anexo III",
                "Municiones en racimo almacenadas destruidas y restantes, por Estado parte, en "
                "{{ indicators.figures.year }}",
                (
                    "Estado parte",
                    "Municiones en racimo destruidas",
                    "Submuniciones destruidas",
                    "Municiones en racimo restantes",
                    "Submuniciones restantes",
                    "Destrucción concluida el",
                ),
                "Fuente: informes presentados en virtud del artículo 7 (formulario B) correspondientes al año "
                "civil {{ indicators.figures.year }}.",
            ),
            AnnexWording(
                "Anexo IV",
                "Cooperación y asistencia internacionales notificadas para {{ indicators.figures.year }}, por donante",
                ("Estado parte donante", "Beneficiarios", "Moneda", "Monto"),
                "Fuente: informes presentados en virtud del artículo 7 (formulario I) por los Estados partes "
                "que prestan apoyo; los montos se indican en la moneda notificada y no se han convertido: cada "
                "moneda tiene su propio total. Mundial: apoyo que no se destina a un solo Estado.",
                total="Total, por moneda",
            ),
        ),
        annex_references=(
            (
                "transparency",
                "En el anexo I figuran los informes de transparencia previstos en el artículo 7 que debían "
                "presentarse y los recibidos, por región.",
            ),
            (
                "clearance",
                "En el anexo II figuran, para cada Estado parte con obligaciones en virtud del artículo 4, las "
                "zonas contaminadas, limpiadas y liberadas mediante reconocimiento, la zona restante y el plazo "
                "vigente.",
            ),
            (
                "stockpile-destruction",
                "En el anexo III figuran las municiones en racimo y las submuniciones destruidas en el año y las "
                "restantes, por Estado parte.",
            ),
            (
                "cooperation-assistance",
                "En el anexo IV figuran la cooperación y la asistencia internacionales comunicadas, por Estado "
                "parte donante, con sus beneficiarios y los totales en cada moneda.",
            ),
        ),
    ),
}


def build(path: Path, content, wording: Wording | None = None) -> None:
    """A template at ``path``: the house styles, masthead, headers and footers, and ``content``'s body,
    with the fixed wording of ``wording`` (English when not given)."""
    wording = wording or WORDING["en"]
    document = docx.Document()
    _set_defaults(document, wording)
    _replace_numbering(document, wording)
    for xml in STYLES:
        element = parse_xml(xml)
        existing = document.styles.element.get_by_id(element.get(w("styleId")))
        if existing is not None:
            document.styles.element.remove(existing)
        document.styles.element.append(element)
    _add_footnotes_part(document)
    _page_setup(document)
    _masthead(document, wording)
    content(document, wording)
    _headers_and_footers(document)
    props = document.core_properties
    props.title = "{{ document.title }}"
    props.subject = "{{ document.symbol }}"
    props.author = "{{ meeting.body }}"
    props.comments = "Template for ccm-report"
    props.language = "{{ document.language_tag }}"
    _drop_thumbnail(document)
    data = docxapi.to_bytes(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _set_defaults(document, wording: Wording) -> None:
    """Times New Roman 10 pt on 12 pt, in the template's language (en-GB, fr-FR, es-ES), for every style
    that does not say otherwise."""
    styles = document.styles.element
    defaults = styles.find(w("docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f"<w:docDefaults {NSDECL}><w:rPrDefault><w:rPr>"
            '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>'
            '<w:sz w:val="20"/><w:szCs w:val="20"/>'
            f'<w:lang w:val="{wording.language_tag}" w:eastAsia="en-US" w:bidi="ar-SA"/>'
            '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10)
    for name in ("Header", "Footer"):
        document.styles[name].font.size = Pt(9)


def _replace_numbering(document, wording: Wording) -> None:
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(_numbering(wording)):
        numbering.append(copy.deepcopy(child))


def _add_footnotes_part(document) -> None:
    """An empty footnotes part (Word's two separators), which render fills with the drafts' notes."""
    part = Part(PackURI("/word/footnotes.xml"), wordml.CT_FOOTNOTES, wordml.EMPTY_FOOTNOTES, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    settings = document.settings.element
    note_pr = parse_xml(f'<w:footnotePr {NSDECL}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
    # Where the schema puts it (before compat and what follows): Word refuses a settings part out of order.
    later = {
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    }
    following = next((c for c in settings if etree.QName(c).localname in later), None)
    if following is not None:
        following.addprevious(note_pr)
    else:
        settings.append(note_pr)


def _page_setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)  # A4
    section.top_margin, section.bottom_margin = Twips(1701), Twips(2268)
    section.left_margin, section.right_margin = Twips(1134), Twips(1134)
    section.header_distance, section.footer_distance = Twips(1134), Twips(1134)
    section.different_first_page_header_footer = True
    document.settings.odd_and_even_pages_header_footer = True


def _para(document_or_cell, text: str, style: str):
    return document_or_cell.add_paragraph(text, style=style)


def _masthead(document, wording: Wording) -> None:
    """The UN masthead: body line and symbol over a heavy rule, then the distribution block and the meeting.

    A one-point empty paragraph comes first: LibreOffice 7.x sets a table that opens the document about
    12 pt below the top margin (25.x and Word at the margin); after a paragraph, every version sets it
    at the margin, 1 pt down."""
    anchor = _para(document, "", "UN Masthead")
    anchor.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    anchor.paragraph_format.line_spacing = Pt(1)
    table = document.add_table(rows=2, cols=2)
    table.autofit = False
    widths = (Twips(5953), Twips(3685))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width
    top_left, top_right = table.rows[0].cells
    top_left.paragraphs[0].text = "{{ meeting.body }}"
    top_left.paragraphs[0].style = document.styles["UN Masthead Body"]
    top_right.paragraphs[0].text = "{{ document.symbol }}"
    top_right.paragraphs[0].style = document.styles["UN Masthead Symbol"]
    for cell in (top_left, top_right):
        docxapi.set_cell_border(cell, "bottom", size_eighths=24)
        docxapi.set_cell_margins(cell, bottom=57)
    bottom_left, bottom_right = table.rows[1].cells
    lines = [wording.distribution, "{{ document.date }}", wording.version_language, wording.original]
    first = bottom_right.paragraphs[0]
    first.text, first.style = lines[0], document.styles["UN Masthead"]
    docxapi.set_cell_margins(bottom_right, top=113, left=1134)
    for line in lines[1:]:
        _para(bottom_right, line, "UN Masthead")
    bottom_left.paragraphs[0].style = document.styles["UN Masthead"]
    docxapi.set_cell_margins(bottom_left, top=113)
    meeting = document.add_paragraph("{{ meeting.name }}", style="UN Masthead")
    meeting.runs[0].bold = True
    meeting.paragraph_format.space_before = Pt(12)
    _para(document, "{{ meeting.place }}, {{ meeting.dates }}", "UN Masthead")
    _para(document, wording.agenda_item, "UN Masthead")
    agenda = _para(document, "{{ document.agenda_item.title }}", "UN Masthead")
    agenda.runs[0].bold = True
    # The meeting block keeps to the left, as in UN mastheads: long agenda titles wrap at about 11 cm.
    for paragraph in document.paragraphs[-4:]:
        paragraph.paragraph_format.right_indent = Twips(3402)
    _para(document, "{{ document.title }}", "UN Title")
    _para(document, wording.submitted_by, "UN Submitted By")


def _body(document, wording: Wording) -> None:
    """The chapters and sections, as a docxtpl loop: the user can restyle every line of it in Word."""
    _para(document, "{%p for chapter in document.chapters %}", "Normal")
    _para(document, "{{ chapter.heading }}", "UN Chapter")
    _para(document, "{%p for section in chapter.sections %}", "Normal")
    _para(document, "{%p if section.heading %}", "Normal")
    _para(document, "{{ section.heading }}", "UN Heading 1")
    _para(document, "{%p endif %}", "Normal")
    # The build, not the coordinators, refers the reader to the annex of the section's subject.
    for section_id, sentence in wording.annex_references:
        _para(document, f'{{%p if section.id == "{section_id}" %}}', "Normal")
        _para(document, sentence, "UN Body")
        _para(document, "{%p endif %}", "Normal")
    _para(document, "{{p section.body }}", "Normal")
    _para(document, "{%p endfor %}", "Normal")
    _para(document, "{%p endfor %}", "Normal")


def _annex(document, wording: Wording) -> None:
    """Annex tables computed from the States Parties' data, per region and per State."""
    assert len(wording.annexes) == len(ANNEX_TABLES), wording.language_tag
    for annex, table in zip(wording.annexes, ANNEX_TABLES, strict=False):
        template_tables.annex_table(document, annex, total_label=wording.total, **table)


def _headers_and_footers(document) -> None:
    section = document.sections[0]
    odd = section.header.paragraphs[0]
    odd.text, odd.style, odd.alignment = "{{ document.symbol }}", document.styles["UN Running Header"], 2
    even = section.even_page_header.paragraphs[0]
    even.text, even.style = "{{ document.symbol }}", document.styles["UN Running Header"]
    first_footer = section.first_page_footer.paragraphs[0]
    first_footer.text, first_footer.style = "{{ document.job_code }}", document.styles["UN Job Number"]
    for footer, align in ((section.footer, 2), (section.even_page_footer, 0)):
        para = footer.paragraphs[0]
        para.style, para.alignment = document.styles["UN Running Footer"], align
        docxapi.append_page_field(para)


def _drop_thumbnail(document) -> None:
    """python-docx's default package carries a thumbnail of an empty page: a template should not."""
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rid]


def _progress_report(document, wording: Wording) -> None:
    _body(document, wording)
    _annex(document, wording)


ANALYSIS_WORDING = {"en": extension_wording.EN, "fr": extension_wording_fr_es.FR, "es": extension_wording_fr_es.ES}


def _extension_analysis(document, wording: Wording) -> None:
    """The analysis of one State's Article 4 extension request, written from the data: the items of
    templates/extension_wording.py in the template's language (numbered paragraphs, the decision's
    lettered elements, docxtpl paragraph tags, the tables of the last years and of the plan).

    The fields are the request's row in the ExtensionRequests sheet (column names in snake_case),
    ``subject.state`` and ``subject.entry_into_force`` from the States sheet, and the analysis
    (pipeline/compute/extension.py).
    """
    for heading, items in ANALYSIS_WORDING[wording.language_tag[:2]]:
        _para(document, heading, "UN Chapter")
        for item in items:
            if isinstance(item, extension_wording.Tag):
                _para(document, item.text, "UN Body Unnumbered")
            elif isinstance(item, extension_wording.Plain):
                lettered = _para(document, item.text.replace("\t", " "), "UN Body Unnumbered")
                lettered.paragraph_format.first_line_indent = Twips(567)
            elif isinstance(item, extension_wording.Table):
                template_tables.analysis_table(document, item, extension_wording.fill(item.title))
            else:
                _para(document, item, "UN Body")


TEMPLATES = {
    "progress-report.docx": _progress_report,
    "extension-analysis.docx": _extension_analysis,
}

# Where each language's templates go: English at the top of templates/, the others in a folder
# named by the language code.
FOLDERS = {"en": ".", "fr": "fr", "es": "es"}


if __name__ == "__main__":
    for language, folder in FOLDERS.items():
        for name, content in TEMPLATES.items():
            path = (HERE / folder / name).resolve()
            build(path, content, WORDING[language])
            print(f"wrote {path.relative_to(HERE.parent)}")
        page = HERE / "html" / ("" if language == "en" else language) / "extension-analysis.html.j2"
        page.write_text(extension_wording.html(language, ANALYSIS_WORDING[language]), encoding="utf-8")
        print(f"wrote {page.relative_to(HERE.parent)}")
