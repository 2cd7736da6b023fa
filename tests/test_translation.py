"""Units of translation: what a translator gets, how ids stay put, and how a translation goes back in."""

from dataclasses import replace

from pipeline.intake.meeting import parse_meeting
from pipeline.model.blocks import (
    Figure,
    Footnote,
    Heading,
    Image,
    Link,
    ListBlock,
    Paragraph,
    Placeholder,
    Styled,
    Table,
    Text,
)
from pipeline.xliff.merge import merge
from pipeline.xliff.pieces import Marked, Paired, Plain, Standalone, plain_of
from pipeline.xliff.walk import units
from tests.conftest import SAMPLE_INPUTS

CONFIG, _ = parse_meeting((SAMPLE_INPUTS / "meeting.yaml").read_text(encoding="utf-8"), "meeting.yaml")
SPEC = CONFIG.documents[0]


def para(*inlines) -> Paragraph:
    return Paragraph(tuple(Text(i) if isinstance(i, str) else i for i in inlines))


def bodies(**by_section) -> dict:
    return {s.id: by_section.get(s.id.replace("-", "_"), (para(f"Text of {s.id}."),)) for s in SPEC.sections}


def body_units(body_map):
    return [
        u
        for u in units(CONFIG, SPEC, body_map)
        if u.section not in ("masthead",) and not u.section.startswith("chapter-") and u.place != "section heading"
    ]


def test_the_masthead_and_headings_from_meeting_yaml_are_units():
    found = {}
    for u in units(CONFIG, SPEC, bodies()):
        found.setdefault(u.place, plain_of(u.source))
    assert found["title"] == SPEC.title
    assert found["meeting"] == "Thirteenth Meeting of States Parties"
    assert found["heading of chapter I"] == "Introduction"
    assert found["section heading"] == "General status and operation of the Convention"  # the first one
    assert found["agenda item title"] == SPEC.agenda_item.title


def test_each_paragraph_heading_cell_and_footnote_is_a_unit_in_reading_order():
    clearance = (
        Heading(1, (Text("Survey"),)),
        para("Areas were surveyed.", Footnote((para("Form F."),)), " More were cleared."),
        Table(
            header=(((para("State"),), (para("Area"),)),),
            body=(((para("Chile"),), (para("12.5"),)),),
            caption=(Text("Areas cleared"),),
        ),
        ListBlock("lettered", ((para("first item"),), (para("second item"),))),
    )
    found = [
        (u.kind, u.place, plain_of(u.source))
        for u in body_units(bodies(clearance=clearance))
        if u.section == "clearance"
    ]
    assert found == [
        ("heading", "heading", "Survey"),
        ("paragraph", "paragraph 5", "Areas were surveyed. More were cleared."),
        ("footnote", "footnote 1", "Form F."),
        ("caption", "table 1, caption", "Areas cleared"),
        ("cell", "table 1, row 1, cell 1", "State"),
        ("cell", "table 1, row 1, cell 2", "Area"),
        ("cell", "table 1, row 2, cell 1", "Chile"),
        ("cell", "table 1, row 2, cell 2", "12.5"),
        ("item", "list after paragraph 5, item 1", "first item"),
        ("item", "list after paragraph 5, item 2", "second item"),
    ]


def test_codes_marks_and_footnote_references_are_pieces_with_ids_in_order():
    paragraph = para(
        "The ",
        Styled("italic", (Text("Final Report"),)),
        " (",
        Link((Text("online"),), "https://example.org"),
        ") in CCM/MSP/2024/5/Rev.1 says ",
        Figure("article7.annual.submitted", 79, "79"),
        " States reported.",
        Footnote((para("Source."),)),
    )
    unit = next(u for u in body_units(bodies(introduction=(paragraph,))) if u.section == "introduction")
    footnote = next(u for u in body_units(bodies(introduction=(paragraph,))) if u.kind == "footnote")
    assert unit.source == (
        Plain("The "),
        Paired("c1", "italic", (Plain("Final Report"),)),
        Plain(" ("),
        Paired("c2", "link", (Plain("online"),), "https://example.org"),
        Plain(") in "),
        Marked("m1", "symbol", (Plain("CCM/MSP/2024/5/Rev.1"),)),
        Plain(" says "),
        Marked("m2", "figure", (Plain("79"),), "article7.annual.submitted"),
        Plain(" States reported."),
        Standalone("c3", "footnote", (footnote.id,)),
    )


def test_unit_ids_stay_the_same_when_the_text_does_and_change_only_with_it():
    before = bodies(clearance=(para("One."), para("Two.", Footnote((para("Note."),))), para("Three.")))
    after = bodies(clearance=(para("One."), para("Two, edited.", Footnote((para("Note."),))), para("Three.")))
    old = {u.id for u in units(CONFIG, SPEC, before)}
    new = {u.id for u in units(CONFIG, SPEC, after)}
    assert len(old - new) == 1 and len(new - old) == 1  # only the edited paragraph's unit
    assert units(CONFIG, SPEC, before) == units(CONFIG, SPEC, before)


def test_a_late_figure_does_not_change_the_unit_id():
    before = bodies(transparency=(para(Figure("states_parties", 111, "111"), " States Parties."),))
    after = bodies(transparency=(para(Figure("states_parties", 112, "112"), " States Parties."),))
    assert [u.id for u in units(CONFIG, SPEC, before)] == [u.id for u in units(CONFIG, SPEC, after)]


def test_the_same_text_twice_in_a_section_gets_two_ids():
    found = [u.id for u in body_units(bodies(clearance=(para("Same."), para("Same.")))) if u.section == "clearance"]
    assert len(set(found)) == 2 and found[1] == found[0] + "-2"


def test_placeholders_figures_alone_and_empty_cells_are_not_for_translation():
    clearance = (Placeholder("[Placeholder: no draft]"), para(Figure("year", "2024", "2024")))
    found = [u for u in body_units(bodies(clearance=clearance)) if u.section == "clearance"]
    assert [u.translate for u in found] == [False, False]


def targets_for(body_map, change):
    return {u.id: change(u) for u in units(CONFIG, SPEC, body_map) if u.translate}


def translated_text(unit):
    def walk(pieces):
        out = []
        for p in pieces:
            if isinstance(p, Plain):
                out.append(Plain(p.text.upper()))
            elif isinstance(p, Paired):
                out.append(replace(p, children=tuple(walk(p.children))))
            else:
                out.append(p)
        return tuple(out)

    return walk(unit.source)


def test_a_merge_puts_each_target_in_its_place_with_formatting_links_figures_and_footnotes():
    paragraph = para(
        "The ",
        Styled("italic", (Text("Report"),)),
        " has ",
        Figure("clearance.cleared_km2", 1234.5, "1,234.5"),
        " km2 ",
        Link((Text("here"),), "https://x.org"),
        ".",
        Footnote((para("Note."),)),
    )
    body_map = bodies(clearance=(paragraph,))
    result = merge(
        CONFIG, SPEC, body_map, targets_for(body_map, translated_text), format_figure=lambda name, value: f"<{value}>"
    )
    assert result.missing == () and result.problems == ()
    merged = result.bodies["clearance"][0]
    assert merged.inlines == (
        Text("THE "),
        Styled("italic", (Text("REPORT"),)),
        Text(" HAS "),
        Figure("clearance.cleared_km2", 1234.5, "<1234.5>"),
        Text(" KM2 "),
        Link((Text("HERE"),), "https://x.org"),
        Text("."),
        Footnote((Paragraph((Text("NOTE."),)),)),
    )
    assert result.spec.title == SPEC.title.upper()
    assert result.config.meeting.name == CONFIG.meeting.name.upper()
    assert result.spec.chapters[1].sections[1].heading == "UNIVERSALIZATION"


def test_units_without_a_target_are_listed_and_stay_as_they_were():
    body_map = bodies(clearance=(para("Translated."), para("Not translated.")))
    all_targets = targets_for(body_map, translated_text)
    left_out = next(u for u in units(CONFIG, SPEC, body_map) if plain_of(u.source) == "Not translated.")
    del all_targets[left_out.id]
    result = merge(CONFIG, SPEC, body_map, all_targets)
    assert [u.id for u in result.missing] == [left_out.id]
    assert [b.inlines for b in result.bodies["clearance"]] == [(Text("TRANSLATED."),), (Text("Not translated."),)]


def test_a_footnote_reference_the_translator_dropped_is_put_back_at_the_end_and_reported():
    body_map = bodies(clearance=(para("Text", Footnote((para("Note."),)), " goes on."),))
    targets = targets_for(body_map, translated_text)
    unit = next(u for u in units(CONFIG, SPEC, body_map) if u.kind == "paragraph" and u.section == "clearance")
    targets[unit.id] = (Plain("TEXTE SANS NOTE."),)
    result = merge(CONFIG, SPEC, body_map, targets)
    inlines = result.bodies["clearance"][0].inlines
    assert inlines[0] == Text("TEXTE SANS NOTE.") and isinstance(inlines[1], Footnote)
    assert [(u.id, "footnote reference c1" in p) for u, p in result.problems] == [(unit.id, True)]


def test_a_code_the_original_has_not_is_dropped_with_its_text_kept_and_reported():
    body_map = bodies(clearance=(para("Plain text."),))
    targets = targets_for(body_map, translated_text)
    unit = next(u for u in units(CONFIG, SPEC, body_map) if u.section == "clearance" and u.kind == "paragraph")
    targets[unit.id] = (Plain("TEXTE "), Paired("c9", "", (Plain("GRAS"),)), Plain("."))
    result = merge(CONFIG, SPEC, body_map, targets)
    assert result.bodies["clearance"][0].inlines == (Text("TEXTE "), Text("GRAS"), Text("."))
    assert "c9" in result.problems[0][1]


def test_pictures_go_back_where_the_translator_put_them():
    picture = Image(b"\x89PNG fake", "map")
    body_map = bodies(clearance=(para("See ", picture, " the map."),))
    result = merge(CONFIG, SPEC, body_map, targets_for(body_map, translated_text))
    assert result.bodies["clearance"][0].inlines == (Text("SEE "), picture, Text(" THE MAP."))
