"""The sample's Word files, byte for byte: a change of layout in the code changes no output.

These digests were taken before the pipeline was reorganised into stage packages. A
change that is meant to alter a document updates its digest here and says why in its
commit; any other change of bytes is a regression.

Changed on purpose since: the progress report's three versions, when the sample's drafts were made to
agree with its data (issue 13: Peru's deadline, completion years, donors, national plans ...) and the
returned French and Spanish translations followed.
"""

from __future__ import annotations

import hashlib

import pytest

SAMPLE_WORD_FILES = {
    "extension-analysis-chl/en/CCM_MSP_2025_3.docx": "7711361310fb221c36130d3be0f98510c6870ee56eee90c35a98c1ed0886e3a0",
    "extension-analysis-lbn/en/CCM_MSP_2025_4.docx": "49571870036e129953ee6d04d25c7f453588d9dbb01ea91fc21ecaafb07e0e16",
    "extension-analysis-som/en/CCM_MSP_2025_5.docx": "5c6dcbcf1f8666b305f3dc71e4012b2eebb92ad4f4066c139d1188990d6cf5f1",
    "progress-report/en/CCM_MSP_2025_7.docx": "cb48133def97b0675c88ecc66a94aa770f5ebbb952df31f54d3167497f36d082",
    "progress-report/es/CCM_MSP_2025_7.docx": "4683207ec22abb59dba5a1583fd2e98018f53833852838240fcc2fa671ab6c21",
    "progress-report/fr/CCM_MSP_2025_7.docx": "99cbac4d28991ddde4b8bc3ef0f7c8419014703af2a8d8a83cd6ab09056a0be3",
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
