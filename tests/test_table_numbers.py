"""Tables are numbered through the document, whoever typed their numbers."""

import datetime as dt
from pathlib import Path

from pipeline.intake.captions import number_tables
from pipeline.model import Draft, DraftFile, Words
from pipeline.model.blocks import LineBreak, Paragraph, Table, Text, plain_text

CELLS = ((((Paragraph((Text("x"),)),),),),)


def draft(section, *blocks, words=()):
    source = DraftFile(Path(section), section, dt.datetime(2025, 6, 1), "")
    return Draft(section, source, tuple(blocks), (), Words(tuple(words), ()))


def captions(drafts):
    return [plain_text(b.caption) for d in drafts for b in d.blocks if isinstance(b, Table)]


def test_two_drafts_typed_table_1_print_table_1_and_table_2_and_the_text_follows():
    first = draft("a", Table(CELLS, (), (Text("Table 1"), LineBreak(), Text("Stockpiles"))))
    second = draft(
        "b",
        Paragraph((Text("Nine reported receiving it (table 1)."),)),
        Table(CELLS, (), (Text("Table 1"), LineBreak(), Text("Forms of cooperation"))),
        words=("receiving", "it", "table", "1", "table", "1", "forms"),
    )
    out = number_tables([first, second])
    assert captions(out) == ["Table 1\nStockpiles", "Table 2\nForms of cooperation"]
    assert plain_text(out[1].blocks[0].inlines) == "Nine reported receiving it (table 2)."
    assert out[1].words.body == ("receiving", "it", "table", "2", "table", "2", "forms")


def test_a_table_with_a_title_and_no_number_or_with_neither_gets_its_number():
    out = number_tables(
        [draft("a", Table(CELLS, (), (Text("Annual reports"),)), Table(CELLS, ()), Paragraph((Text("table 9"),)))]
    )
    assert captions(out) == ["Table 1\nAnnual reports", "Table 2"]
    assert plain_text(out[0].blocks[2].inlines) == "table 9"  # no table of this draft was typed 9
