"""[[name]] figures in drafts: a lookup by name, never an evaluation."""

from pipeline.compute.figures import fill, format_figure
from pipeline.model.blocks import (
    Footnote,
    ListBlock,
    Paragraph,
    Table,
    Text,
    block_text,
    footnotes_in,
    plain_text,
    without_placeholders,
)

FIGURES = {
    "states_parties": 111,
    "clearance.cleared_km2": 86.25,
    "article7.annual.rate": "71",
    "article7.annual.overdue_states": ("Chad", "Côte d'Ivoire", "Tuvalu"),
}


def para(text, origin=1, *more):
    return Paragraph((Text(text),) + more, True, origin)


def test_figures_are_written_as_un_texts_write_them():
    assert format_figure(1234) == "1,234"
    assert format_figure(86.25) == "86.3"
    assert format_figure(4123.46) == "4,123.5"
    assert format_figure(12.0) == "12"
    assert format_figure(("Chad",)) == "Chad"
    assert format_figure(("Chad", "Peru", "Iraq")) == "Chad, Peru and Iraq"
    assert format_figure(()) == "none"


def test_areas_have_one_decimal_and_an_area_not_nil_is_never_0_0():
    from pipeline.compute.figures import format_area, format_named

    assert format_area(11) == "11.0" and format_area(7645.75) == "7,645.8" and format_area(0.04) == "0.04"
    assert format_named("clearance.cleared_km2", 50.0) == "50.0"
    assert format_named("states_parties", 111) == "111"


def test_known_names_are_replaced_everywhere_text_stands():
    cell = (Paragraph((Text("[[states_parties]]"),), False),)
    blocks = (
        para(
            "There were [[states_parties]] States Parties; [[ article7.annual.rate ]] per cent reported.",
            3,
            Footnote((Paragraph((Text("Overdue: [[article7.annual.overdue_states]]."),), False),)),
        ),
        ListBlock("bullet", ((Paragraph((Text("[[clearance.cleared_km2]] km2"),), False),),)),
        Table(header=((cell,),), body=((cell,),)),
    )
    filled, unknown = fill(blocks, FIGURES)
    assert unknown == []
    assert block_text(filled[0]) == "There were 111 States Parties; 71 per cent reported."
    note = footnotes_in(filled)[0]
    assert plain_text(note.blocks[0].inlines) == "Overdue: Chad, Côte d'Ivoire and Tuvalu."
    assert block_text(filled[1]) == "86.3 km2"
    assert block_text(filled[2]) == "111\n111"


def test_anything_else_in_brackets_is_left_as_typed_and_named():
    hostile = (
        "[[__import__('os').system('id')]]",
        "[[states_parties.__class__]]",
        "[[{{ 7*7 }}]]",
        "[[figures['x']]]",
        "[[ unknown.name ]]",
    )
    filled, unknown = fill(tuple(para(text, n) for n, text in enumerate(hostile, 1)), FIGURES)
    assert [block_text(b) for b in filled] == list(hostile)
    assert [origin for _name, origin in unknown] == [1, 2, 3, 4, 5]
    assert unknown[4] == ("unknown.name", 5)


def test_the_nothing_lost_check_sets_placeholders_aside():
    assert without_placeholders("reported by [[states_parties]] States").split() == ["reported", "by", "States"]
