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
from pipeline.xliff.memory import Memory, memories
from pipeline.xliff.merge import merge
from pipeline.xliff.pieces import Plain, plain_of
from pipeline.xliff.prefill import prefilled
from pipeline.xliff.read import read_xliff
from pipeline.xliff.tmx import write_tmx
from pipeline.xliff.write import write_xliff
from tests.test_translation import CONFIG, SPEC
from tests.test_xliff import BODY, DOC, UNITS
from tools.pseudo import pseudo, pseudo_translate

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


def project_with(tmp_path: Path, export: bytes) -> Path:
    project = tmp_path / "project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    (project / "source" / "CCM_MSP_2025_7.en-fr.xlf").write_bytes(export)
    return project


def listed(project: Path) -> list[str]:
    """The segments OmegaT lists to translate, with its tag shortcuts (its pseudo-translation TMX's sources)."""
    path = project.parent / "segments.tmx"
    omegat(project, "--mode=console-createpseudotranslatetmx", f"--pseudotranslatetmx={path}")
    # OmegaT writes TMX 1.1 (lang=, not xml:lang), which translate-toolkit does not read: lxml does
    listing = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    return ["".join(tu.find("tuv/seg").itertext()) for tu in listing.iter("tu")]


def test_omegat_lists_only_english_the_known_sentences_come_from_our_tmx_and_the_result_merges(tmp_path):
    whole = memories([read_xliff(pseudo_translate(write_xliff(DOC, UNITS, version="2.1"), "fr"))])[("en", "fr")]
    half = Memory("en", "fr", whole.entries[::2])  # every other sentence translated before
    export = write_xliff(DOC, UNITS, version="1.2", omegat=True, memory=half)
    project = project_with(tmp_path, export)
    segments = listed(project)
    # English only: OmegaT translates the targets' text, and none is French (pseudo-French: accented)
    assert segments and not [s for s in segments if re.search("[à-ÿ]", s)]
    assert "The Plan was adopted in 2021." in segments and "It has <g0>fifty</g0> actions." in segments

    tmx = write_tmx(prefilled(UNITS, None, half, None, document=DOC.id, languages=("en", "fr")))
    (project / "tm" / "auto" / "CCM_MSP_2025_7.en-fr.tmx").write_bytes(tmx)
    omegat(project, "--mode=console-translate")  # no translator yet: only what tm/auto/ gives
    done = read_xliff((project / "target" / "CCM_MSP_2025_7.en-fr.xlf").read_bytes()).segments
    translated = {plain_of(s.source): plain_of(s.target) for s in done if s.target and s.target != s.source}
    known = {plain_of(e.source): plain_of(e.target) for e in half.entries}
    # every sentence known without codes, and nothing else. A known one with codes is not matched yet:
    # OmegaT 3.6 names codes by its own shortcuts (<g0>, <m0>..</m0>), our TMX by the XLIFF codes
    plain = {
        k: v
        for k, v in known.items()
        if all(isinstance(p, Plain) for e in half.entries for p in e.source if plain_of(e.source) == k)
    }
    assert len(plain) > 10 and translated == plain
    assert "It has fifty actions." in known and "It has fifty actions." not in translated

    pseudo_tmx(project, segments)
    omegat(project, "--mode=console-translate")
    returned = read_xliff((project / "target" / "CCM_MSP_2025_7.en-fr.xlf").read_bytes())
    assert returned.untranslated == () and returned.problems == ()
    assert all(s.target is not None for s in returned.segments if s.source)  # complete
    result = merge(CONFIG, SPEC, BODY, returned.targets, format_figure=lambda n, v: "1\u202f234,5")
    assert result.missing == () and result.problems == ()


def pseudo_tmx(project: Path, segments: list[str]) -> None:
    """The translator: a pseudo-translation of each segment OmegaT lists, in tm/auto/."""
    memory = ttk_tmx.tmxfile(sourcelanguage="en", targetlanguage="fr")
    for source in segments:
        memory.addsourceunit(source).target = pseudo_around_tags(source)
    (project / "tm" / "auto" / "pseudo.tmx").write_bytes(bytes(memory))


def test_omegat_finds_every_segment_translates_them_from_a_memory_and_the_result_merges(tmp_path):
    project = project_with(tmp_path, write_xliff(DOC, UNITS, version="1.2", omegat=True))
    segments = listed(project)
    # every sentence of every unit to translate: OmegaT 3.6 found none before the targets were pre-filled
    assert "The Plan was adopted in 2021." in segments and "Art. 4 applies, i.e. clearance." in segments
    assert "It has <g0>fifty</g0> actions." in segments
    pseudo_tmx(project, segments)
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
