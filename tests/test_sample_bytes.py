"""The sample's Word files, byte for byte: a change of layout in the code changes no output.

These digests were taken before the pipeline was reorganised into stage packages. A
change that is meant to alter a document updates its digest here and says why in its
commit; any other change of bytes is a regression.
"""

from __future__ import annotations

import hashlib

import pytest

SAMPLE_WORD_FILES = {
    "extension-analysis-chl/en/CCM_MSP_2025_3.docx": "7711361310fb221c36130d3be0f98510c6870ee56eee90c35a98c1ed0886e3a0",
    "extension-analysis-lbn/en/CCM_MSP_2025_4.docx": "49571870036e129953ee6d04d25c7f453588d9dbb01ea91fc21ecaafb07e0e16",
    "extension-analysis-som/en/CCM_MSP_2025_5.docx": "5c6dcbcf1f8666b305f3dc71e4012b2eebb92ad4f4066c139d1188990d6cf5f1",
    "progress-report/en/CCM_MSP_2025_7.docx": "657c043f0a3e04462b2e405718a42fa074ec87dd5dd3f371fbecbd5911b129cb",
    "progress-report/es/CCM_MSP_2025_7.docx": "a8edd51340f97e20317fec15a615b0e6b6b2003a6e90224aef297aa4210e7814",
    "progress-report/fr/CCM_MSP_2025_7.docx": "3c4b168be4af8724f50cf1fa63eb4fd04ff8ccaa4598a4832bf4630c319a28e6",
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
