"""The keys of meeting.yaml that say how the build makes things: ``drafts``, ``pdf``, ``figures``,
``translation``; declared as schema kinds (pipeline.intake.schema)."""

from __future__ import annotations

from pipeline.intake.cycle import LANGUAGES
from pipeline.intake.schema import BOOL, INVALID, PERCENT, Key, Kind, Mapping, Scalar, StrList, choice


class LanguageList(Kind):
    """A list of language codes, each one of the six UN languages, none twice."""

    name = "list of language codes"

    def read(self, node, ctx, at):
        codes = StrList().read(node, ctx, at)
        if codes is INVALID:
            return INVALID
        for code in codes:
            if code not in LANGUAGES:
                ctx.fail(node, at, f"{code!r} is not a UN language code; use {', '.join(LANGUAGES)}")
                return INVALID
        if len(set(codes)) != len(codes):
            ctx.fail(node, at, "a language is listed twice")
            return INVALID
        return tuple(codes)


OPTION_KEYS = {
    "drafts": Key(
        Mapping(
            {
                "tracked_changes": Key(
                    Scalar("a policy", choice("accept", "reject", "fail")),
                    "what to do with tracked changes left in drafts; unsaid: accept, "
                    "and with --final refuse them (fail)",
                    required=False,
                    default=None,
                ),
                "normalise_country_names": Key(
                    BOOL, "replace informal country names with UN short names", required=False, default=False
                ),
            }
        ),
        "how drafts are read",
        required=False,
        default=None,
    ),
    "pdf": Key(
        Mapping(
            {
                "archive": Key(BOOL, "true: PDF/A-2b, for archiving", required=False, default=False),
                "tagged": Key(BOOL, "tagged PDF (structure for screen readers)", required=False, default=True),
            }
        ),
        "how the PDFs are made",
        required=False,
        default=None,
    ),
    "figures": Key(
        Mapping(
            {
                "tolerance_percent": Key(
                    PERCENT,
                    "how far (per cent of the data's value) an approximation typed in a draft, such as "
                    "'about 30', may be from the data and still agree; left out: 10",
                    required=False,
                    default=10,
                ),
            }
        ),
        "how the figures typed in drafts are checked against the data",
        required=False,
        default=None,
    ),
    "translation": Key(
        Mapping(
            {
                "languages": Key(
                    LanguageList(),
                    "the languages to export XLIFF files for, e.g. [fr, es]; "
                    "left out: the five other UN languages (fr, es, ar, zh, ru)",
                    required=False,
                    default=None,
                ),
                "xliff_1_2": Key(
                    BOOL, "true: also export XLIFF 1.2, for older CAT tools", required=False, default=False
                ),
                "omegat": Key(
                    BOOL,
                    "true: the XLIFF 1.2 export's targets are copies of the source, the form OmegaT's XLIFF "
                    "filter translates (it finds no segment without them); what is already translated then "
                    "reaches OmegaT as matches and through the TMX (put it in the project's tm/auto/)",
                    required=False,
                    default=False,
                ),
            }
        ),
        "the translation-ready exports",
        required=False,
        default=None,
    ),
}
