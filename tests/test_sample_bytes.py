"""The sample's Word files, byte for byte: a change of layout in the code changes no output.

These digests were taken before the pipeline was reorganised into stage packages. A
change that is meant to alter a document updates its digest here and says why in its
commit; any other change of bytes is a regression.

Changed on purpose since: the progress report's three versions, when the sample's drafts were made to
agree with its data (issue 13: Peru's deadline, completion years, donors, national plans ...) and the
returned French and Spanish translations followed; every Word file, when the masthead's table came
to stand on a one-point paragraph and each footnote two tabs after its number (issue 20: the
same UN form from LibreOffice 7.4 and 25.2); the three extension analyses, when they came to be
written from the data (issue 17: facts, release, feasibility, plan, draft decision).
"""

from __future__ import annotations

import hashlib

import pytest

SAMPLE_WORD_FILES = {
    "extension-analysis-chl/en/CCM_MSP_2025_3.docx": "440e1e78cf6031c2f908e01c93e9cd0562bc5291cb0d28a00d218e28902d4cbe",
    "extension-analysis-lbn/en/CCM_MSP_2025_4.docx": "3e27f7bf56457c5df1eb9fb7e9c80c62551a54db467f8be72cc0dbd0581c6809",
    "extension-analysis-som/en/CCM_MSP_2025_5.docx": "7ce2db05a2de334f5f54f2b2c47f86e6d3be10c07b58965b67b208564fbb86b4",
    "progress-report/en/CCM_MSP_2025_7.docx": "63ffd13973e10046be44fdfc3df1a0fc3ebbe9da05b53958e3f0b19c9b37b813",
    "progress-report/es/CCM_MSP_2025_7.docx": "0fc6d402305584aab1801e716aa056d4574914b1ae4ae35da94a78859b76663d",
    "progress-report/fr/CCM_MSP_2025_7.docx": "ba237644544a887286a60c6b67ebca4a4c601601c37691e5a769199a0bd11994",
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
