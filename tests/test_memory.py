"""Sentence-level reuse: a memory of returned sentences pre-fills the next export and offers matches."""

import re

import pytest
from lxml import etree

from pipeline.model.blocks import Figure, Footnote, Styled, Text
from pipeline.xliff.accept import accepted
from pipeline.xliff.document import XLIFF2, XLIFF12
from pipeline.xliff.memory import FUZZY, memories
from pipeline.xliff.pieces import Paired, Plain, plain_of
from pipeline.xliff.read import read_xliff
from pipeline.xliff.schema import schema_errors
from pipeline.xliff.walk import units
from pipeline.xliff.write import MATCHES, write_xliff
from tests import test_returns as R
from tests.test_translation import CONFIG, SPEC, bodies, para
from tests.test_xliff import BODY, DOC, UNITS
from tools.pseudo import pseudo, pseudo_translate

ONE = "The Plan was adopted in 2021."
TWO = "It has fifty actions to take by the next Review Conference."
CHANGED = "It has fifty actions to take by the Third Review Conference."


def paragraph(second: str, section: str = "introduction") -> dict:
    """Two sentences, the second with a word in italics: "... It has *fifty* actions ..."."""
    head, tail = second.split("fifty")
    return bodies(**{section: (para(f"{ONE} {head}", Styled("italic", (Text("fifty"),)), tail),)})


def returned(version: str, body=None):
    """The small document exported, pseudo-translated whole and read back, as a returned file."""
    return read_xliff(pseudo_translate(write_xliff(DOC, units(CONFIG, SPEC, body or BODY), version=version), "fr"))


def memory_of(*files):
    return memories(files)[("en", "fr")]


def _unit(root, ns, text):
    return next(
        u for u in root.iter(f"{{{ns}}}{'unit' if ns == XLIFF2 else 'trans-unit'}") if text in "".join(u.itertext())
    )


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_a_memory_holds_each_translated_sentence_of_a_return(version):
    memory = memory_of(returned(version))
    pairs = {plain_of(e.source): plain_of(e.target) for e in memory.entries}
    assert pairs[ONE] == pseudo(ONE)
    assert pairs["Art. 4 applies, i.e. clearance."] == pseudo("Art. 4 applies, i.e. clearance.")
    assert all(e.document == SPEC.id for e in memory.entries)


def test_a_target_that_copies_its_source_is_not_a_translation():
    data = write_xliff(DOC, UNITS, version="1.2", omegat=True)  # every target a copy of its source
    assert memories([read_xliff(data)])[("en", "fr")].entries == ()


def test_language_pairs_are_compared_by_language():
    file = returned("2.1")
    regional = type(file)(**{**file.__dict__, "document": type(file.document)(file.document.id, "", "en-US", "fr-FR")})
    assert list(memories([regional])) == [("en", "fr")]


def test_one_changed_word_keeps_the_unchanged_sentence_and_offers_the_old_one_as_a_match():
    memory = memory_of(returned("2.1", paragraph(TWO)))
    again = write_xliff(DOC, units(CONFIG, SPEC, paragraph(CHANGED)), version="2.1", memory=memory)
    assert schema_errors(again, "2.1") == []
    root = etree.fromstring(again)
    ns = {"x": XLIFF2, "mtc": MATCHES}
    unit = _unit(root, XLIFF2, "Third Review")
    first, second = unit.findall("x:segment", ns)
    assert first.get("state") == "translated"
    assert "".join(first.find("x:target", ns).itertext()) == pseudo(f"{ONE}")
    assert second.get("state") in (None, "initial") and second.find("x:target", ns) is None
    (match,) = unit.findall("mtc:matches/mtc:match", ns)
    assert match.get("ref") == "#s2" and float(match.get("similarity")) >= FUZZY
    assert "".join(match.find("x:target", ns).itertext()) == pseudo(TWO)
    assert match.find("x:target/x:pc", ns) is not None  # the italic kept in the suggestion
    # read back: sentence 1 is translated, sentence 2 is not
    segments = [s for s in read_xliff(again).segments if "Third" in plain_of(s.source) or ONE in plain_of(s.source)]
    assert [s.target is not None for s in segments] == [True, False]


def test_the_12_export_prefills_the_same_sentence_and_offers_alt_trans():
    memory = memory_of(returned("1.2", paragraph(TWO)))
    again = write_xliff(DOC, units(CONFIG, SPEC, paragraph(CHANGED)), version="1.2", memory=memory)
    assert schema_errors(again, "1.2") == []
    unit = _unit(etree.fromstring(again), XLIFF12, "Third Review")
    ns = {"x": XLIFF12}
    target = unit.find("x:target", ns)
    assert (target.get("state"), target.get("state-qualifier")) == ("needs-translation", "leveraged-tm")
    first, second = target.findall("x:mrk", ns)
    assert "".join(first.itertext()) == pseudo(ONE) and "".join(second.itertext()) == ""
    (alt,) = unit.findall("x:alt-trans", ns)
    assert alt.get("mid") == "2" and float(alt.get("match-quality")) >= FUZZY
    assert "".join(alt.find("x:target", ns).itertext()) == pseudo(TWO)


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_an_unchanged_paragraph_in_another_place_is_translated_from_the_memory(version):
    """The same text moved to another section: its unit id changes, its sentences are found."""
    memory = memory_of(returned(version, paragraph(TWO)))
    moved = paragraph(TWO, "clearance")
    again = read_xliff(write_xliff(DOC, units(CONFIG, SPEC, moved), version=version, memory=memory))
    (unit,) = [u for u, s in again.sources.items() if ONE in plain_of(s)]
    target = again.targets[unit]
    assert plain_of(target) == pseudo(f"{ONE} {TWO}")
    assert any(isinstance(p, Paired) for p in target)  # the italic, with the source's code id


def test_a_sentence_with_a_footnote_keeps_the_footnote_code_from_the_current_source():
    memory = memory_of(returned("2.1"))
    again = write_xliff(DOC, UNITS, version="2.1", memory=memory)
    assert schema_errors(again, "2.1") == []
    intro = next(u for u in UNITS if ONE in plain_of(u.source))
    unit = _unit(etree.fromstring(again), XLIFF2, "Art. 4 applies")
    assert [s.get("state") for s in unit.findall(f"{{{XLIFF2}}}segment")] == ["translated"] * 3
    footnote = next(u for u in UNITS if u.kind == "footnote")
    (reference,) = unit.findall(f"{{{XLIFF2}}}segment/{{{XLIFF2}}}target/{{{XLIFF2}}}ph")
    assert reference.get("subFlows") == footnote.id
    assert plain_of(read_xliff(again).targets[intro.id]).startswith(pseudo(ONE))


def test_nothing_is_offered_below_the_threshold_and_the_memory_is_a_value():
    memory = memory_of(returned("2.1", paragraph(TWO)))
    assert memory.fuzzy((Plain("Something else entirely, with other words."),)) == ()
    assert memory == memory_of(returned("2.1", paragraph(TWO)))  # same files, same memory
    with pytest.raises(AttributeError):
        memory.entries = ()  # type: ignore[misc]


def test_a_memory_does_not_disturb_units_whose_target_is_known_by_id():
    first = returned("2.1")
    again = write_xliff(DOC, UNITS, version="2.1", known=accepted(first, UNITS), memory=memory_of(first))
    assert read_xliff(again).targets == first.targets


def test_a_footnote_paragraph_alone_is_a_sentence_too():
    assert Footnote  # the fixture's footnote ("See CCM/CONF/2021/6.") is a unit of its own
    memory = memory_of(returned("2.1"))
    assert pseudo("See ") in {plain_of(e.target)[:6] for e in memory.entries}


def test_the_tmx_is_a_tmx_14b_an_independent_reader_opens():
    from translate.storage import tmx as ttk_tmx

    from pipeline.xliff.tmx import write_tmx

    memory = memory_of(returned("2.1"))
    data = write_tmx(memory, date=SPEC.date)
    store = ttk_tmx.tmxfile.parsestring(data)
    # translate-toolkit shows a code's content as text: <x id="c1"/> is the footnote's reference
    pairs = {re.sub("<[^>]*>", "", u.source): re.sub("<[^>]*>", "", u.target) for u in store.units}
    assert pairs[ONE] == pseudo(ONE)
    assert pairs["Art. 4 applies, i.e. clearance."] == pseudo("Art. 4 applies, i.e. clearance.")
    assert len(store.units) == len({(plain_of(e.source), plain_of(e.target)) for e in memory.entries})
    root = etree.fromstring(data)
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "en"
    assert root.find("header").get("creationdate") == f"{SPEC.date:%Y%m%d}T000000Z"
    italic = next(t for t in root.iter("tu") if "fifty" in "".join(t.itertext()))
    assert [e.tag for e in italic.find("tuv/seg")] == ["bpt", "ept"]
    assert write_tmx(memory, date=SPEC.date) == data  # the same memory, the same bytes


def test_the_sample_build_writes_a_tmx_per_returned_language_and_prefills_from_it(sample_build):
    from translate.storage import tmx as ttk_tmx

    folder = sample_build.outputs / "progress-report" / "tmx"
    assert sorted(p.name for p in folder.iterdir()) == ["CCM_MSP_2025_7.en-es.tmx", "CCM_MSP_2025_7.en-fr.tmx"]
    store = ttk_tmx.tmxfile.parsestring((folder / "CCM_MSP_2025_7.en-fr.tmx").read_bytes())
    # what the export pre-fills: translations, and the few words French writes as English ("Introduction")
    assert len(store.units) > 50 and all(u.target for u in store.units)
    assert sum(u.target != u.source for u in store.units) > 0.9 * len(store.units)
    # a document with no return of its own gets what the meeting's memory knows of its sentences
    assert (sample_build.outputs / "extension-analysis-chl" / "tmx" / "CCM_MSP_2025_3.en-fr.tmx").is_file()
    # the 1.2 export for OmegaT (on in the sample): every unit to translate has a target
    v12 = etree.fromstring(
        (sample_build.outputs / "progress-report" / "xliff-1.2" / "CCM_MSP_2025_7.en-ar.xlf").read_bytes()
    )
    units12 = [u for u in v12.iter(f"{{{XLIFF12}}}trans-unit") if u.get("translate") != "no"]
    assert units12 and all(u.find(f"{{{XLIFF12}}}target") is not None for u in units12)
    # an extension analysis shares sentences with the progress report's French: some go out translated
    analysis = next((sample_build.outputs / "extension-analysis-chl" / "xliff").glob("*.en-fr.xlf"))
    states = [s.get("state") for s in etree.fromstring(analysis.read_bytes()).iter(f"{{{XLIFF2}}}segment")]
    assert "translated" in states and schema_errors(analysis.read_bytes(), "2.1") == []


# -- what a returned file gives the next export: only what the merge accepts --

R_UNITS = R.UNITS
SENTENCE_2 = "Vanuatu ratified it in 2024."


def _export(root, version="2.1", **options):
    known = accepted(read_xliff(etree.tostring(root)), R_UNITS)
    return etree.fromstring(write_xliff(R.DOC, R_UNITS, version=version, known=known, **options))


def test_a_stale_unit_goes_out_untranslated_with_its_old_translation_as_a_suggestion():
    root = R.returned_file()
    for source in R.unit_of(root, "Vanuatu").iterfind(".//x:source", R.X2):
        source.text = source.text.replace("Vanuatu", "Tuvalu")
    ns = {"x": XLIFF2, "mtc": MATCHES}
    unit = R.unit_of(_export(root), "Vanuatu")
    assert unit.findall("x:segment/x:target", ns) == []
    by_ref = {m.get("ref"): m for m in unit.iterfind("mtc:matches/mtc:match", ns)}
    old = by_ref["#s2"]
    assert "".join(old.find("x:source", ns).itertext()) == "Tuvalu ratified it in 2024."
    assert "".join(old.find("x:target", ns).itertext()) == pseudo(SENTENCE_2)  # translated from the old text
    assert 50 < float(old.get("similarity")) < 100 and "changed" in old.get("origin")
    # with the meeting's memory the unchanged first sentence is reused; the changed one is still not
    again = R.unit_of(_export(root, memory=memory_of(read_xliff(etree.tostring(root)))), "Vanuatu")
    first, second = again.findall("x:segment", ns)
    assert first.get("state") == "translated" and second.find("x:target", ns) is None


def test_a_copy_of_the_source_goes_out_untranslated():
    root = R.returned_file()
    for segment in R.unit_of(root, "Areas were cleared.").iterfind("x:segment", R.X2):
        segment.find("x:target", R.X2).text = segment.find("x:source", R.X2).text
    unit = R.unit_of(_export(root), "Areas were cleared.")
    assert unit.findall("x:segment/x:target", R.X2) == []
    assert R.unit_of(_export(R.returned_file()), "Areas were cleared.").findall("x:segment/x:target", R.X2)


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_a_partial_unit_goes_out_with_its_translated_sentences_only(version):
    root = R.returned_file()
    segment = R.unit_of(root, "Vanuatu").findall("x:segment", R.X2)[1]
    segment.remove(segment.find("x:target", R.X2))
    out = _export(root, version)
    if version == "2.1":
        first, second = R.unit_of(out, "Vanuatu").findall("x:segment", R.X2)
        assert "".join(first.find("x:target", R.X2).itertext()) == pseudo("The Plan was adopted in Lausanne.")
        assert second.find("x:target", R.X2) is None
    else:
        unit = next(u for u in out.iterfind(".//x:trans-unit", R.X12) if "Vanuatu" in "".join(u.itertext()))
        target = unit.find("x:target", R.X12)
        assert target.get("state") == "needs-translation"
        first, second = target.iterfind("x:mrk", R.X12)
        assert "".join(first.itertext()) == pseudo("The Plan was adopted in Lausanne.") and not len(second)
        assert not "".join(second.itertext())
        # returned as it is, the empty sentence is untranslated (the unit partial), not dropped
        again = read_xliff(etree.tostring(out))
        assert again.partial[unit.get("id")] == (SENTENCE_2,)


def _figure_units(value, text):
    body = bodies(
        introduction=(
            para("States cleared ", Figure("cleared_km2", value, text), " square kilometres of land in the year."),
        )
    )
    return units(CONFIG, SPEC, body)


def test_a_prefilled_target_carries_the_current_figure_in_the_target_language():
    first = read_xliff(pseudo_translate(write_xliff(DOC, _figure_units(1234.5, "1,234.5"), version="2.1"), "fr"))
    now = _figure_units(2000.25, "2,000.25")  # the data changed: same unit, new figure
    french = lambda _name, value: f"{value:,}".replace(",", "\u202f").replace(".", ",")  # noqa: E731
    data = write_xliff(DOC, now, version="2.1", known=accepted(first, now), figure=french)
    unit = _unit(etree.fromstring(data), XLIFF2, "square kilometres")
    (mark,) = unit.iterfind("x:segment/x:target/x:mrk", {"x": XLIFF2})
    assert mark.text == "2\u202f000,25"
    plain = write_xliff(DOC, now, version="2.1", known=accepted(first, now))
    (mark,) = _unit(etree.fromstring(plain), XLIFF2, "square kilometres").iterfind(
        "x:segment/x:target/x:mrk", {"x": XLIFF2}
    )
    assert mark.text == "2,000.25"  # no formatter: the current source's text


def test_a_suggestion_from_the_memory_carries_the_current_figure():
    first = read_xliff(pseudo_translate(write_xliff(DOC, _figure_units(1234.5, "1,234.5"), version="2.1"), "fr"))
    elsewhere = bodies(
        clearance=(
            para(
                "States cleared ", Figure("cleared_km2", 2000.25, "2,000.25"), " square kilometres of land in the year."
            ),
        )
    )
    now = units(CONFIG, SPEC, elsewhere)  # another unit: only the memory knows it, as a fuzzy match
    data = write_xliff(DOC, now, version="2.1", memory=memory_of(first), figure=lambda _n, v: f"<{v}>")
    ns = {"x": XLIFF2, "mtc": MATCHES}
    (match,) = _unit(etree.fromstring(data), XLIFF2, "square kilometres").iterfind("mtc:matches/mtc:match", ns)
    assert [m.text for m in match.iterfind("x:target/x:mrk", ns)] == ["<2000.25>"]
    assert [m.text for m in match.iterfind("x:source/x:mrk", ns)] == ["1,234.5"]  # what was translated


def _random_memory(count: int, seed: int = 7):
    """A memory of ``count`` sentences drawn from a small vocabulary, with near-duplicates among them."""
    import random

    from pipeline.xliff.memory import Entry, Memory

    draw = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(300)] + ["the", "of", "and", "States", "Parties", ",", "."]
    sentences = []
    for _ in range(count):
        if sentences and draw.random() < 0.3:  # a sentence like an earlier one, a word or two changed
            words = draw.choice(sentences).split()
            for _ in range(draw.randint(1, 3)):
                words[draw.randrange(len(words))] = draw.choice(vocabulary)
        else:
            words = [draw.choice(vocabulary) for _ in range(draw.randint(4, 30))]
        sentences.append(" ".join(words))
    entries = tuple(Entry((Plain(s),), (Plain(s.upper()),), "d", f"u{n}") for n, s in enumerate(sentences))
    return Memory("en", "fr", entries), sentences


def test_fuzzy_matching_looks_only_where_a_match_can_be_and_finds_what_comparing_with_every_entry_finds():
    from pipeline.xliff.memory import OFFERED, key, similarity

    memory, sentences = _random_memory(400)
    for sentence in sentences[::40]:
        wanted = key((Plain(sentence),))
        alike = ((similarity(wanted, key(e.source)), n) for n, e in enumerate(memory.entries))
        every = sorted((-score, n) for score, n in alike if score >= FUZZY and key(memory.entries[n].source) != wanted)
        seen, best = set(), []
        for score, n in every:  # one per distinct source, the first, as the memory keeps them
            if key(memory.entries[n].source) not in seen:
                seen.add(key(memory.entries[n].source))
                best.append((-score, key(memory.entries[n].source)))
        found = [(m.similarity, key(m.entry.source)) for m in memory.fuzzy((Plain(sentence),))]
        assert found == best[:OFFERED]
        assert len(memory._candidates(tuple(wanted.split()))) < len(memory._keys)  # most never compared
