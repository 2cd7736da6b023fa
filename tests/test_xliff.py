"""XLIFF 2.1 and 1.2: files that validate, that an independent reader opens, and that read back."""

import re

import pytest
from lxml import etree
from translate.storage import xliff as ttk_xliff12
from translate.storage import xliff2 as ttk_xliff2

from pipeline.model.blocks import Figure, Footnote, LineBreak, Link, Styled, Text
from pipeline.xliff.accept import accepted
from pipeline.xliff.document import Document, XliffProblem
from pipeline.xliff.merge import merge
from pipeline.xliff.pieces import plain_of
from pipeline.xliff.read import MAX_BYTES, read_xliff
from pipeline.xliff.schema import schema_errors
from pipeline.xliff.walk import units
from pipeline.xliff.write import write_xliff
from tests.test_translation import CONFIG, SPEC, bodies, para
from tools.pseudo import pseudo, pseudo_translate, unpseudo

BODY = bodies(
    introduction=(
        para(
            "The Plan was adopted in 2021.",
            Footnote((para("See CCM/CONF/2021/6."),)),
            " It has ",
            Styled("italic", (Text("fifty"),)),
            " actions. Art. 4 applies, i.e. clearance.",
        ),
    ),
    clearance=(
        para(
            Figure("clearance.cleared_km2", 1234.5, "1,234.5"),
            " km2 were cleared; see ",
            Link((Text("the report"),), "https://example.org/r"),
            ".",
            LineBreak(),
            "Next line.",
        ),
    ),
)
UNITS = units(CONFIG, SPEC, BODY)
DOC = Document(SPEC.id, SPEC.symbol, "en", "fr")


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_the_export_validates_against_the_oasis_schema(version):
    data = write_xliff(DOC, UNITS, version=version)
    assert schema_errors(data, version) == []
    translated = pseudo_translate(data, "fr")
    assert schema_errors(translated, version) == []


def test_the_schema_check_finds_a_broken_file():
    data = (
        write_xliff(DOC, UNITS, version="2.1")
        .replace(b"<segment ", b"<segmint ", 1)
        .replace(b"</segment>", b"</segmint>", 1)
    )
    assert any("segmint" in e for e in schema_errors(data, "2.1"))


def test_an_independent_reader_opens_the_21_file_with_our_ids_and_sentences():
    store = ttk_xliff2.Xliff2File.parsestring(write_xliff(DOC, UNITS, version="2.1"))
    sources = {u.getid(): u.source for u in store.units}
    intro = next(u for u in UNITS if u.section == "introduction" and u.kind == "paragraph")
    # translate-toolkit shows one entry per segment: "<unit id>::<segment id>"
    assert sources[f"{intro.id}::s1"].startswith("The Plan was adopted in 2021.")
    assert sources[f"{intro.id}::s2"].startswith("It has")
    assert "fifty" in sources[f"{intro.id}::s2"]
    assert sources[f"{intro.id}::s3"] == "Art. 4 applies, i.e. clearance."


def test_an_independent_reader_opens_the_12_file_with_sources_and_pseudo_targets():
    data = pseudo_translate(write_xliff(DOC, UNITS, version="1.2"), "fr")
    store = ttk_xliff12.xlifffile.parsestring(data)
    by_id = {u.getid().split("\x04")[-1]: u for u in store.units}
    title = next(u for u in UNITS if u.place == "title")
    found = next(unit for key, unit in by_id.items() if key.endswith(title.id))
    assert found.source == SPEC.title
    assert unpseudo(str(found.target)) == SPEC.title and str(found.target) != SPEC.title


def test_figures_and_symbols_are_marked_not_to_translate_and_footnotes_point_to_their_unit():
    data = write_xliff(DOC, UNITS, version="2.1").decode("utf-8")
    footnote = next(u for u in UNITS if u.kind == "footnote")
    assert f'subFlows="{footnote.id}"' in data
    assert re.search(r'<mrk id="m1" translate="no" type="ccm:figure" value="clearance.cleared_km2">1,234.5</mrk>', data)
    assert '<mrk id="m1" translate="no" type="ccm:symbol">CCM/CONF/2021/6</mrk>' in data
    assert '<pc id="c2" type="fmt" subType="xlf:i">fifty</pc>' in data
    assert '<ph id="c2" type="fmt" subType="xlf:lb"/>' in data
    data12 = write_xliff(DOC, UNITS, version="1.2").decode("utf-8")
    assert f'ctype="x-footnote" xid="{footnote.id}"' in data12
    assert 'mtype="protected" mid="m1" comment="figure clearance.cleared_km2">1,234.5</mrk>' in data12


def test_each_unit_notes_where_it_comes_from():
    data = write_xliff(DOC, UNITS, version="2.1").decode("utf-8")
    assert '<note category="location">section \u201cIntroduction\u201d (introduction), paragraph 1</note>' in data
    assert '<note category="location">section \u201cIntroduction\u201d (introduction), footnote 1</note>' in data


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_a_pseudo_translation_reads_back_and_merges_whole(version):
    returned = read_xliff(pseudo_translate(write_xliff(DOC, UNITS, version=version), "fr"))
    assert returned.document == Document(SPEC.id, SPEC.symbol if version == "2.1" else "", "en", "fr")
    assert returned.untranslated == () and returned.problems == ()
    result = merge(CONFIG, SPEC, BODY, returned.targets, format_figure=lambda n, v: "1\u202f234,5")
    assert result.missing == () and result.problems == ()
    intro = result.bodies["introduction"][0].inlines
    assert intro[0] == Text(pseudo("The Plan was adopted in 2021."))
    assert isinstance(intro[1], Footnote)
    assert intro[1].blocks[0].inlines[0] == Text(pseudo("See "))
    assert Styled("italic", (Text(pseudo("fifty")),)) in intro
    clearance = result.bodies["clearance"][0].inlines
    assert clearance[0] == Figure("clearance.cleared_km2", 1234.5, "1\u202f234,5")
    assert Link((Text(pseudo("the report")),), "https://example.org/r") in clearance
    assert LineBreak() in clearance


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_a_returned_file_gives_each_unit_its_source_and_each_sentence_its_own_pair(version):
    data = pseudo_translate(write_xliff(DOC, UNITS, version=version), "fr")
    returned = read_xliff(data)
    intro = next(
        u for u in UNITS if u.section == "introduction" and u.place != "title" and "Plan" in plain_of(u.source)
    )
    assert plain_of(returned.sources[intro.id]) == plain_of(intro.source)
    pairs = [(plain_of(s.source), plain_of(s.target)) for s in returned.segments if s.unit == intro.id]
    assert pairs[0] == ("The Plan was adopted in 2021.", pseudo("The Plan was adopted in 2021."))
    assert pairs[1][0].startswith("It has fifty actions.")
    assert all(s.state == "translated" or version == "1.2" for s in returned.segments if s.unit == intro.id)


def test_a_partly_translated_file_names_its_untranslated_units():
    data = pseudo_translate(write_xliff(DOC, UNITS, version="2.1"), "fr")
    root = etree.fromstring(data)
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    title = next(u for u in UNITS if u.place == "title")
    unit = root.find(f".//x:unit[@id='{title.id}']", ns)
    for target in unit.findall(".//x:target", ns):
        target.getparent().remove(target)
    returned = read_xliff(etree.tostring(root))
    assert returned.untranslated == (title.id,)
    assert title.id not in returned.targets


def test_known_translations_are_written_as_targets_on_the_next_export():
    returned = read_xliff(pseudo_translate(write_xliff(DOC, UNITS, version="2.1"), "fr"))
    again = write_xliff(DOC, UNITS, version="2.1", known=accepted(returned, UNITS))
    assert read_xliff(again).targets == returned.targets
    assert schema_errors(again, "2.1") == []


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="fr">
<file id="progress-report"><unit id="u1">
<segment><source>x</source><target>&d;</target></segment></unit></file></xliff>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="fr">
<file id="progress-report"><unit id="u1">
<segment><source>x</source><target>&secret;</target></segment></unit></file></xliff>"""


@pytest.mark.parametrize(
    "attack",
    [BILLION_LAUGHS, XXE, b"<!-- " + b"x" * 300_000 + b" -->\n" + XXE.split(b"\n", 1)[1]],
    ids=["billion-laughs", "xxe", "xxe-behind-a-long-comment"],
)
def test_a_returned_file_with_entities_is_refused_unread(attack):
    with pytest.raises(XliffProblem, match="DOCTYPE"):
        read_xliff(attack)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<xliff", "not well-formed"),
        (b"<html/>", "not an XLIFF"),
        (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="3.0"/>', "version"),
        (
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1"><file id="a"/><file id="b"/></xliff>',
            "2 <file> elements",
        ),
    ],
)
def test_a_file_that_is_not_a_usable_xliff_gets_a_clear_answer(data, message):
    with pytest.raises(XliffProblem, match=message):
        read_xliff(data)


def test_codes_a_tool_added_that_we_never_write_are_reported_by_unit():
    data = pseudo_translate(write_xliff(DOC, UNITS, version="2.1"), "fr").decode("utf-8")
    title = next(u for u in UNITS if u.place == "title")
    data = re.sub(f'(<unit id="{title.id}".*?<target>)', r'\1<sc id="x1"/>', data, count=1, flags=re.S)
    returned = read_xliff(data.encode("utf-8"))
    assert [(unit, "<sc>" in problem) for unit, problem in returned.problems] == [(title.id, True)]
    assert plain_of(returned.targets[title.id]) == pseudo(SPEC.title)


def test_a_file_far_larger_than_a_translation_is_refused_without_parsing():
    data = write_xliff(DOC, UNITS, version="2.1")
    assert read_xliff(data, max_bytes=len(data)).targets == {}
    with pytest.raises(XliffProblem, match="right file"):
        read_xliff(data, max_bytes=len(data) - 1)
    assert MAX_BYTES == 64 * 2**20  # the limit a build reads returned files with
