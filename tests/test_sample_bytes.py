"""The sample's Word files, byte for byte: a change of layout in the code changes no output.

These digests were taken before the pipeline was reorganised into stage packages. A
change that is meant to alter a document updates its digest here and says why in its
commit; any other change of bytes is a regression.

Changed on purpose since: the progress report's three versions, when the sample's drafts were made to
agree with its data (issue 13: Peru's deadline, completion years, donors, national plans ...) and the
returned French and Spanish translations followed; every Word file, when the masthead's table came
to stand on a one-point paragraph and each footnote two tabs after its number (issue 20: the
same UN form from LibreOffice 7.4 and 25.2); the three extension analyses, when they came to be
written from the data (issue 17: facts, release, feasibility, plan, draft decision); every Word
file, when a short table came to be kept on one page with its caption and source (keepNext and
cantSplit on its rows) and Annex IV's totals per currency came to stand in a block of their own,
without the recipients of every donor; the French and Spanish report, when the returned
translations came to cover the general status and gender section (issue 17) and the renumbered
table captions; the three versions of the report, when the introduction came to name that section
among the areas it reviews, and when the cooperation draft's table came to count no more States
Parties providing and receiving support than the text and annex IV do; the three extension analyses,
when the ISU's review came to be applied (a plan ending after the requested deadline said, a draft
decision element asking for a plan to reach the rate needed, table 1's rows following one another,
one to nine in words).
"""

from __future__ import annotations

import hashlib

import pytest

SAMPLE_WORD_FILES = {
    "extension-analysis-chl/en/CCM_MSP_2025_3.docx": "d490840a50f1d762f32612424c05e441df371f070e43bfef506913c0d7da28a0",
    "extension-analysis-lbn/en/CCM_MSP_2025_4.docx": "0ac0613c99ebbdf306d8f94d21580b006d55ae74a1dd7c7791d8da262d71ea11",
    "extension-analysis-som/en/CCM_MSP_2025_5.docx": "20ae5f4068fc63bfa0e0ee84282a3e777ec9ec9556e5d7e75d151e56a8662a90",
    "progress-report/en/CCM_MSP_2025_7.docx": "9b04acbfeab9f209d265d8ed12f20dcbf415b3a1f7ec67838b94d0eeb771fed3",
    "progress-report/es/CCM_MSP_2025_7.docx": "c7f59875b965381b386710eccbf5ce64142b7d3a48c4ac5be042660b049a4b17",
    "progress-report/fr/CCM_MSP_2025_7.docx": "c8a559544849581cf70d8da6c4d85cd03438f2d2e81e426b09873bd03959d0e8",
}


@pytest.mark.parametrize("relative", sorted(SAMPLE_WORD_FILES))
def test_each_word_file_of_the_sample_has_the_bytes_it_had(sample_build, relative):
    made = hashlib.sha256((sample_build.outputs / relative).read_bytes()).hexdigest()
    assert made == SAMPLE_WORD_FILES[relative], f"{relative} changed"


def test_the_sample_makes_exactly_these_word_files(sample_build):
    made = {
        p.relative_to(sample_build.outputs).as_posix()
        for p in sample_build.outputs.glob("*/*/*.docx")
        if not p.stem.endswith(("-redline", "-clean"))
    }
    assert made == set(SAMPLE_WORD_FILES)
