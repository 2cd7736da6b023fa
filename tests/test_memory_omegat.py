"""OmegaT (Debian's 3.6) translates the XLIFF 1.2 export made with ``translation.omegat``, and it merges back.

A minimal OmegaT project in a temporary folder: our 1.2 file in source/, a
pseudo-translation memory in tm/auto/ (whose exact matches OmegaT inserts), and
OmegaT's console mode writing target/. The memory is written by translate-toolkit
from the segments OmegaT itself lists (its console-createpseudotranslatetmx
mode), each pseudo-translated around OmegaT's own tag shortcuts (<g0>, <x1/>):
so the test checks what OmegaT reads and writes, not our guess of it.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import tmx as ttk_tmx

from pipeline.model.blocks import Figure, Footnote, LineBreak, Link, Styled, Text
from pipeline.xliff.merge import merge
from pipeline.xliff.read import read_xliff
from pipeline.xliff.write import write_xliff
from tests.test_translation import CONFIG, SPEC
from tests.test_xliff import BODY, DOC, UNITS
from tools.pseudo import pseudo

pytestmark = [
    pytest.mark.omegat,
    pytest.mark.skipif(shutil.which("omegat") is None, reason="OmegaT is not installed (make test-deps)"),
]

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>en</source_lang>
    <target_lang>fr</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def omegat(project: Path, *arguments: str) -> None:
    """OmegaT's console mode, headless, with its settings in a home of its own."""
    jar = "/usr/share/omegat/OmegaT.jar"
    environment = {**os.environ, "HOME": str(project.parent / "home")}
    command = ["java", "-Djava.awt.headless=true", "-jar", jar, str(project), *arguments]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=environment)
    assert done.returncode == 0 and "Finished" in done.stdout, done.stdout + done.stderr


def pseudo_around_tags(text: str) -> str:
    """Pseudo-translated text, OmegaT's tag shortcuts (<g0>, </g0>, <x1/>) left as they are, and a
    protected mark whole (<m0>CCM/CONF/2021/6</m0>: OmegaT holds its text as part of the tag)."""
    parts = re.split(r"(<m\d+>.*?</m\d+>|<[^>]+>)", text)
    return "".join(part if part.startswith("<") else pseudo(part) for part in parts)


def test_omegat_finds_every_segment_translates_them_from_a_memory_and_the_result_merges(tmp_path):
    export = write_xliff(DOC, UNITS, version="1.2", omegat=True)
    project = tmp_path / "project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    (project / "source" / "CCM_MSP_2025_7.en-fr.xlf").write_bytes(export)

    listed = tmp_path / "segments.tmx"
    omegat(project, "--mode=console-createpseudotranslatetmx", f"--pseudotranslatetmx={listed}")
    # OmegaT writes TMX 1.1 (lang=, not xml:lang), which translate-toolkit does not read: lxml does
    listing = etree.parse(str(listed), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    segments = ["".join(tu.find("tuv/seg").itertext()) for tu in listing.iter("tu")]
    # every sentence of every unit to translate: OmegaT 3.6 found none before the targets were pre-filled
    assert "The Plan was adopted in 2021." in segments and "Art. 4 applies, i.e. clearance." in segments
    assert "It has <g0>fifty</g0> actions." in segments

    memory = ttk_tmx.tmxfile(sourcelanguage="en", targetlanguage="fr")
    for source in segments:
        memory.addsourceunit(source).target = pseudo_around_tags(source)
    (project / "tm" / "auto" / "pseudo.tmx").write_bytes(bytes(memory))
    omegat(project, "--mode=console-translate")

    returned = read_xliff((project / "target" / "CCM_MSP_2025_7.en-fr.xlf").read_bytes())
    assert returned.untranslated == () and returned.problems == ()
    result = merge(CONFIG, SPEC, BODY, returned.targets, format_figure=lambda n, v: "1\u202f234,5")
    assert result.missing == () and result.problems == ()
    intro = result.bodies["introduction"][0].inlines
    assert intro[0] == Text(pseudo("The Plan was adopted in 2021."))
    assert isinstance(intro[1], Footnote) and intro[1].blocks[0].inlines[0] == Text(pseudo("See "))
    assert Styled("italic", (Text(pseudo("fifty")),)) in intro
    clearance = result.bodies["clearance"][0].inlines
    assert clearance[0] == Figure("clearance.cleared_km2", 1234.5, "1\u202f234,5")
    assert Link((Text(pseudo("the report")),), "https://example.org/r") in clearance
    assert LineBreak() in clearance
