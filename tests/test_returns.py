"""Returned translations one can trust: checked whole before they are taken, codes compared by language,
nothing the translator translated dropped, stale and copied targets not taken for translations."""

import re

import pytest
from lxml import etree

from pipeline.errors import Severity
from pipeline.intake.translations import TranslationRefused, check_return, receive
from pipeline.model import Translation
from pipeline.model.blocks import Footnote, Paragraph, Placeholder, Text
from pipeline.render.properties import LIMIT, fit
from pipeline.render.translated import merge_translation, untranslated_list
from pipeline.xliff.document import Document
from pipeline.xliff.memory import memories
from pipeline.xliff.merge import needs_translation
from pipeline.xliff.pieces import plain_of
from pipeline.xliff.read import read_xliff
from pipeline.xliff.walk import units
from pipeline.xliff.write import write_xliff
from tests.conftest import tree_hashes
from tests.test_translation import CONFIG, SPEC, bodies, para
from tools.pseudo import pseudo, pseudo_translate

X2 = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
X12 = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
BODY = bodies(
    introduction=(para("The Plan was adopted in Lausanne. Vanuatu ratified it in 2024."),),
    clearance=(para("Areas were cleared.", Footnote((para("See the reports of Chile."),)), " More remain."),),
)
UNITS = units(CONFIG, SPEC, BODY)
DOC = Document(SPEC.id, SPEC.symbol, "en", "fr")
NAME = "CCM_MSP_2025_7.en-fr.xlf"


def returned_file(version: str = "2.1", language: str = "fr") -> etree._Element:
    return etree.fromstring(pseudo_translate(write_xliff(DOC, UNITS, version=version), language))


def merged(root: etree._Element, language: str = "fr"):
    returned = read_xliff(etree.tostring(root))
    translation = Translation(NAME, "0", returned, SPEC.template)
    return merge_translation(SPEC, CONFIG, BODY, translation, language, format_figure=lambda _n, v: str(v))


def texts(result, section: str) -> list[str]:
    def flat(inlines):
        out = ""
        for node in inlines:
            if isinstance(node, Text):
                out += node.text
            elif isinstance(node, Footnote):
                out += "[" + " ".join(flat(b.inlines) for b in node.blocks) + "]"
        return out

    return [flat(b.inlines) for b in result.bodies[section] if isinstance(b, Paragraph)]


def unit_of(root, text: str):
    return next(
        u
        for u in root.iterfind(".//x:unit", X2)
        if text in "".join(t for s in u.iterfind(".//x:source", X2) for t in s.itertext())
    )


@pytest.mark.parametrize("code", ["fr-FR", "fr_FR", "FR", "fr-fr", " fr-CA "])
def test_a_target_language_with_a_region_or_in_capitals_is_the_language(code):
    root = returned_file()
    root.set("trgLang", code)
    root.set("srcLang", "en-US")
    checked = check_return(etree.tostring(root), NAME, CONFIG)
    assert checked.key == (SPEC.id, "fr") and checked.translation is not None
    assert checked.translation.returned.document.target_tag == code.strip()
    assert [d for d in checked.findings if d.severity == Severity.ERROR] == []


@pytest.mark.parametrize("code", ["", "f", "1234", "français!", "de"])
def test_a_target_language_that_is_no_code_or_not_written_is_refused_with_what_to_do(code):
    root = returned_file()
    root.set("trgLang", code)
    checked = check_return(etree.tostring(root), NAME, CONFIG)
    assert checked.translation is None
    errors = [d for d in checked.findings if d.severity == Severity.ERROR]
    assert len(errors) == 1 and errors[0].location.path == NAME
    assert re.search(r"not a language code|cannot yet write documents in 'de'", errors[0].message)


def test_translate_merge_refuses_a_bad_file_and_leaves_the_folder_byte_for_byte(project, tmp_path):
    before = tree_hashes(project.inputs / "translations")
    for bad in (b"<xliff", returned_file(language="de"), returned_file(language="xx-!")):
        path = tmp_path / NAME
        path.write_bytes(bad if isinstance(bad, bytes) else etree.tostring(bad))
        with pytest.raises(TranslationRefused, match="was not taken in .inputs/translations/ is as it was."):
            receive(path, project.inputs, CONFIG, replace_older=True)
        assert tree_hashes(project.inputs / "translations") == before


def test_a_file_named_french_that_holds_spanish_is_taken_as_spanish_and_sets_no_french_file_aside(project, tmp_path):
    path = tmp_path / NAME  # ...en-fr.xlf, but trgLang="es"
    path.write_bytes(etree.tostring(returned_file(language="es")))
    french = (project.inputs / "translations" / NAME).read_bytes()
    where, moved, notes = receive(path, project.inputs, CONFIG, replace_older=True)
    assert [d.code for d in notes] == ["translation.name", "translation.name"]
    assert "the content decides (this is the es translation)" in notes[0].message
    assert where.endswith("translations/CCM_MSP_2025_7.en-es.xlf") and "kept as CCM_MSP_2025_7.en-es.xlf" in str(
        notes[1]
    )
    assert [m.split("/inputs/")[-1] for m in moved] == ["translations/superseded/CCM_MSP_2025_7.en-es.xlf"]
    assert (project.inputs / "translations" / NAME).read_bytes() == french


def test_translate_merge_with_only_bad_files_refuses_each_builds_nothing_and_exits_1(project, tmp_path):
    before = tree_hashes(project.inputs)
    files = []
    for n, language in enumerate(("de", "it")):
        files.append(tmp_path / f"{n}.xlf")
        files[-1].write_bytes(etree.tostring(returned_file(language=language)))
    run = project.cli("translate", "merge", *map(str, files))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.count("was not taken in") == 2 and "2 of 2 file(s) refused" in run.stderr
    assert tree_hashes(project.inputs) == before and not project.outputs.exists()


def test_a_unit_given_twice_is_refused_naming_it():
    root = returned_file()
    unit = root.find(".//x:unit", X2)
    unit.addnext(etree.fromstring(etree.tostring(unit)))
    checked = check_return(etree.tostring(root), NAME, CONFIG)
    assert checked.translation is None
    assert "stands twice" in checked.findings[0].message and checked.findings[0].location.place.startswith("unit ")


def test_a_file_the_oasis_schema_refuses_is_refused_with_the_schemas_words_and_line():
    root = returned_file()
    segment = root.find(".//x:segment", X2)
    segment.remove(segment.find("x:source", X2))  # a segment without its source is not XLIFF 2
    checked = check_return(etree.tostring(root), NAME, CONFIG)
    assert checked.translation is None
    (finding,) = checked.findings
    assert finding.code == "translation.schema" and finding.severity == Severity.ERROR
    assert "not valid XLIFF 2.1" in finding.message and "line " in finding.message
    assert "export the translation again" in finding.message


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_what_a_cat_tool_adds_in_its_own_namespace_is_no_reason_to_refuse(version):
    root = returned_file(version)
    first = root.find(".//x:trans-unit" if version == "1.2" else ".//x:unit", X12 if version == "1.2" else X2)
    first.set("{http://www.memoq.com/memoq/xliff}status", "ManuallyConfirmed")  # as memoQ writes it
    etree.SubElement(first, "{http://sdl.com/FileTypes/SdlXliff/1.0}seg-defs")  # as Trados writes it
    checked = check_return(etree.tostring(root), NAME, CONFIG)
    assert checked.translation is not None and not [f for f in checked.findings if f.severity == Severity.ERROR]


def test_the_footnote_of_an_untranslated_paragraph_is_printed_translated():
    root = returned_file()
    paragraph = unit_of(root, "Areas were cleared.")
    for target in paragraph.iterfind(".//x:target", X2):
        target.getparent().remove(target)
    result, _found = merged(root)
    assert texts(result, "clearance")[0] == f"Areas were cleared.[{pseudo('See the reports of Chile.')}] More remain."


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_a_unit_with_one_sentence_of_two_translated_keeps_it_and_names_the_other(version):
    root = returned_file(version)
    ns = X2 if version == "2.1" else X12
    if version == "2.1":
        segment = unit_of(root, "Vanuatu").findall("x:segment", ns)[1]
        segment.remove(segment.find("x:target", ns))
    else:
        unit = next(u for u in root.iterfind(".//x:trans-unit", ns) if "Vanuatu" in "".join(u.itertext()))
        marks = [m for m in unit.find("x:target", ns).iterfind("x:mrk", ns)]
        marks[1].getparent().remove(marks[1])
    result, found = merged(root)
    intro = texts(result, "introduction")
    assert intro == [f"{pseudo('The Plan was adopted in Lausanne.')} Vanuatu ratified it in 2024."]
    partial = [d for d in found if d.code == "translation.partial"]
    assert len(partial) == 1 and "Vanuatu ratified it in 2024." in partial[0].message
    assert "paragraph 1\ta sentence not translated\tVanuatu ratified it in 2024." in untranslated_list(NAME, result)


def test_two_sentences_joined_in_the_first_target_are_the_translation():
    root = returned_file()
    first, second = unit_of(root, "Vanuatu").findall("x:segment", X2)
    first.find("x:target", X2).text = "Le Plan, adopté à Lausanne, a été ratifié par Vanuatu en 2024."
    second.find("x:target", X2).text = ""  # emptied on purpose, the segment marked translated
    assert second.get("state") == "translated"
    result, found = merged(root)
    assert texts(result, "introduction") == ["Le Plan, adopté à Lausanne, a été ratifié par Vanuatu en 2024. "]
    assert not [d for d in found if d.code in ("translation.partial", "translation.incomplete")]


def test_a_translation_of_an_earlier_text_is_stale_listed_and_the_current_text_printed():
    root = returned_file()
    for source in unit_of(root, "Vanuatu").iterfind(".//x:source", X2):
        if source.text and "Vanuatu" in source.text:
            source.text = source.text.replace("Vanuatu", "Tuvalu")
    result, found = merged(root)
    assert texts(result, "introduction") == ["The Plan was adopted in Lausanne. Vanuatu ratified it in 2024."]
    stale = [d for d in found if d.code == "translation.stale"]
    assert len(stale) == 1 and "translated from another text than the document's" in stale[0].message
    assert "the file says “…adopted in Lausanne. Tuvalu ratified it in 2024.” where the document says “…adopted in" in (
        stale[0].message
    )
    assert "stale (translated from an earlier text)" in untranslated_list(NAME, result)
    from pipeline.build.make import translation_state

    assert translation_state(result, 12) == "incomplete: 1 stale"


def test_a_target_that_repeats_a_source_with_words_is_untranslated():
    root = returned_file()
    unit = unit_of(root, "Areas were cleared.")
    for segment in unit.iterfind("x:segment", X2):
        segment.replace(segment.find("x:target", X2), etree.fromstring(etree.tostring(segment.find("x:source", X2))))
        segment.find("x:source", X2).tag = f"{{{X2['x']}}}target"
        segment.insert(0, etree.fromstring(etree.tostring(segment.find("x:target", X2))))
        segment[0].tag = f"{{{X2['x']}}}source"
    result, found = merged(root)
    assert texts(result, "clearance")[0].startswith("Areas were cleared.")
    incomplete = [d for d in found if d.code == "translation.incomplete"]
    assert "1 of them only repeating the original" in incomplete[0].message


@pytest.mark.parametrize(
    "text, needs",
    [
        ("CCM/MSP/2025/7", False),
        ("Vanuatu", False),
        ("1,234.5 (12 %)", False),
        ("https://www.clusterconvention.org/", False),
        ("ISU", False),
        ("Introduction", False),  # the same in French
        ("Areas were cleared.", True),
        ("Chile and Peru", True),
    ],
)
def test_what_a_copy_of_the_source_may_stand_for(text, needs):
    assert needs_translation(text) is needs


def test_the_banner_names_the_places_left_in_english_in_the_documents_language():
    root = returned_file()
    unit = unit_of(root, "Areas were cleared.")
    unit.find(".//x:target", X2).getparent().remove(unit.find(".//x:target", X2))
    result, _found = merged(root)
    first = result.spec.sections[0].id
    banner = result.bodies[first][0]
    assert isinstance(banner, Placeholder)
    assert banner.message.startswith("[Traduction incomplète : 1 passage(s) de ce document sont encore en anglais")
    assert "paragraphe" in banner.message and "-p" not in banner.message  # places, not unit ids


def test_a_document_without_sections_merges_an_incomplete_translation_without_a_banner():
    from dataclasses import replace

    spec = replace(SPEC, chapters=())
    root = returned_file()
    unit = next(u for u in root.iterfind(".//x:unit", X2) if "title" in "".join(u.find("x:notes", X2).itertext()))
    unit.find(".//x:target", X2).getparent().remove(unit.find(".//x:target", X2))
    translation = Translation(NAME, "0", read_xliff(etree.tostring(root)), spec.template)
    result, found = merge_translation(spec, CONFIG, {}, translation, "fr", format_figure=lambda _n, v: str(v))
    assert [d.code for d in found] == ["translation.incomplete"] and result.bodies == {}


def test_a_property_longer_than_word_allows_is_shortened_on_a_word_with_an_ellipsis():
    title = pseudo("Analysis of the request submitted by the Lao People's Democratic Republic for an extension ") * 3
    short = fit(title)
    assert len(short) <= LIMIT and short.endswith("…") and title.startswith(short[:-1])
    assert title[len(short) - 1] == " "  # cut where a word ends
    assert fit("Short title") == "Short title"


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_a_sentence_returned_as_a_copy_of_its_source_is_untranslated_and_not_learned(version):
    # OmegaT's 1.2 export pre-fills each target with its source: a skipped sentence comes back so
    root = etree.fromstring(pseudo_translate(write_xliff(DOC, UNITS, version=version, omegat=True), "fr"))
    if version == "2.1":
        segment = unit_of(root, "Vanuatu").findall("x:segment", X2)[1]
        segment.find("x:target", X2).text = segment.find("x:source", X2).text
    else:
        unit = next(u for u in root.iterfind(".//x:trans-unit", X12) if "Vanuatu" in "".join(u.itertext()))
        said = unit.find("x:seg-source", X12).findall("x:mrk", X12)[1]
        unit.find("x:target", X12).findall("x:mrk", X12)[1].text = said.text
    result, found = merged(root)
    assert texts(result, "introduction") == [
        f"{pseudo('The Plan was adopted in Lausanne.')} Vanuatu ratified it in 2024."
    ]
    partial = [d for d in found if d.code == "translation.partial"]
    assert len(partial) == 1 and "Vanuatu ratified it in 2024." in partial[0].message
    assert "paragraph 1\ta sentence not translated\tVanuatu ratified it in 2024." in untranslated_list(NAME, result)
    learned = {plain_of(e.source) for e in memories([read_xliff(etree.tostring(root))])[("en", "fr")].entries}
    assert "The Plan was adopted in Lausanne." in learned and "Vanuatu ratified it in 2024." not in learned


def test_an_omegat_export_returned_untouched_translates_nothing_not_even_one_word_headings():
    data = write_xliff(DOC, UNITS, version="1.2", omegat=True)  # every target pre-filled with its source
    returned = read_xliff(data)
    headings = [u for u in UNITS if u.translate and len(plain_of_unit(u).split()) == 1]
    assert headings, "the document has one-word units (headings), which a plain copy check lets through"
    assert returned.targets == {}
    assert set(returned.untranslated) == {u.id for u in UNITS if u.translate}


def plain_of_unit(unit) -> str:
    from pipeline.xliff.pieces import plain_of

    return plain_of(unit.source)


def test_replacing_a_return_again_and_again_keeps_every_earlier_one_aside(project, tmp_path):
    for n in range(3):
        path = tmp_path / NAME
        root = returned_file()
        root.find(".//x:target", X2).text = f"Version {n}"  # three different returns of one language
        path.write_bytes(etree.tostring(root))
        receive(path, project.inputs, CONFIG, replace_older=True)
    aside = sorted(p.name for p in (project.inputs / "translations" / "superseded").iterdir())
    assert aside == ["CCM_MSP_2025_7.en-fr.2.xlf", "CCM_MSP_2025_7.en-fr.3.xlf", "CCM_MSP_2025_7.en-fr.xlf"]


@pytest.mark.parametrize("bad_name", ["a-broken.en-fr.xlf", "z-broken.en-fr.xlf"])
def test_a_usable_return_is_used_whatever_the_name_of_a_broken_one_beside_it(tmp_path, bad_name):
    from pipeline.intake.translations import read_translations

    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "m-good.en-fr.xlf").write_bytes(etree.tostring(returned_file()))
    (folder / bad_name).write_bytes(b"<xliff")  # not XML: refused
    usable, found, refused = read_translations(folder, CONFIG, tmp_path)
    assert usable[(SPEC.id, "fr")].display.endswith("m-good.en-fr.xlf") and (SPEC.id, "fr") not in refused
    assert [d.code for d in found] == ["translation.unreadable"]


def test_the_banner_names_the_mastheads_places_in_the_documents_language_too():
    from pipeline.render.translated import _place

    assert [_place(p, "fr") for p in ("submitted by", "agenda item title", "heading of chapter II")] == [
        "présenté par",
        "intitulé du point de l'ordre du jour",
        "titre du chapitre II",
    ]
    assert _place("table 1, row 2, cell 3", "es") == "cuadro 1, fila 2, celda 3"


def test_a_mislabelled_file_refused_for_want_of_replace_says_what_it_holds(project, tmp_path):
    assert (project.inputs / "translations" / "CCM_MSP_2025_7.en-es.xlf").exists()  # a Spanish return is in
    path = tmp_path / NAME  # ...en-fr.xlf, but trgLang="es"
    path.write_bytes(etree.tostring(returned_file(language="es")).replace(b"</target>", b" </target>", 1))
    with pytest.raises(TranslationRefused) as refused:
        receive(path, project.inputs, CONFIG)
    assert "already translates progress-report into es" in str(refused.value)
    assert "the file's name says 'fr' but its content translates into 'es'" in str(refused.value)


def test_a_paragraph_edited_after_the_export_is_said_to_be_new_or_changed_not_left_untranslated():
    root = returned_file()  # exported from BODY; then a word of the clearance paragraph changes
    edited = bodies(
        introduction=(para("The Plan was adopted in Lausanne. Vanuatu ratified it in 2024."),),
        clearance=(para("Areas were cleared.", Footnote((para("See the reports of Chile."),)), " Less remain."),),
    )
    returned = read_xliff(etree.tostring(root))
    translation = Translation(NAME, "0", returned, SPEC.template)
    _result, found = merge_translation(SPEC, CONFIG, edited, translation, "fr", format_figure=lambda _n, v: str(v))
    (incomplete,) = [d for d in found if d.code == "translation.incomplete"]
    assert "1 of them new or changed since the file was exported" in incomplete.message
    left = returned_file()  # the same paragraph unchanged, but left untranslated by the translator
    for target in unit_of(left, "Areas were cleared.").iterfind(".//x:target", X2):
        target.getparent().remove(target)
    _result, found = merged(left)
    (incomplete,) = [d for d in found if d.code == "translation.incomplete"]
    assert "1 unit(s) not translated" in incomplete.message and "new or changed" not in incomplete.message
