"""Drafts: real Word and Markdown files, read by the real pandoc, come out as clean UN blocks."""

from pathlib import Path

import pytest

from pipeline.intake.drafts import normalise
from pipeline.intake.pandoc import DraftUnreadable, read_ast
from pipeline.model.blocks import Footnote, Heading, ListBlock, Paragraph, Table, block_text, footnotes_in, plain_text
from tools.docxfactory import Bullets, Comment, Deleted, Inserted, Lettered, Para, build_docx
from tools.docxfactory import Footnote as Note
from tools.docxfactory import Heading as H
from tools.docxfactory import Table as T


def blocks_of(path: Path, policy: str = "accept"):
    ast, media = read_ast(path)
    blocks, stats, problems = normalise(ast, where=str(path.name), policy=policy, media=media)
    return blocks, stats, problems


@pytest.fixture
def messy_draft(tmp_path) -> Path:
    """A coordinator's draft with the usual mess: a title, typed numbers, a tracked change, a comment."""
    return build_docx(
        [
            H("Clearance (Actions 18 to 26)", 1),
            H("A. Findings", 2),
            Para(("1. Ten States Parties had clearance obligations", Note("Article 4 of the Convention."), ".")),
            Para(("2. They cleared ", Deleted("about 80"), Inserted("about 85"), " square kilometres.")),
            Para(("Progress in ", Comment("Lao PDR", "check the figure"), " continued.")),
            "",
            Lettered(("survey first;", "clearance second.")),
            Bullets(("national strategies", "annual work plans")),
            H("B. Challenges", 2),
            "Funding remained the main challenge.",
            "Table 1",
            "Area remaining by State",
            T(("State", "Area (km2)"), (("Chile", "12.5"), ("Iraq", "2,100"))),
        ],
        tmp_path / "clearance draft v3.docx",
    )


def test_tracked_changes_are_accepted_by_default_and_counted(messy_draft):
    blocks, stats, problems = blocks_of(messy_draft)
    text = "\n".join(block_text(b) for b in blocks)
    assert "about 85 square kilometres" in text
    assert "about 80" not in text
    assert (stats.insertions, stats.deletions) == (1, 1)
    assert problems == []


def test_tracked_changes_can_be_rejected(messy_draft):
    blocks, _stats, _ = blocks_of(messy_draft, policy="reject")
    text = "\n".join(block_text(b) for b in blocks)
    assert "about 80 square kilometres" in text
    assert "about 85" not in text


def test_the_fail_policy_reports_unresolved_changes_as_an_error(messy_draft):
    _blocks, _stats, problems = blocks_of(messy_draft, policy="fail")
    assert [p.code for p in problems] == ["draft.tracked-changes"]
    assert "2 tracked change(s) are still in the draft" in problems[0].message
    assert problems[0].location.path == "clearance draft v3.docx"


def test_comments_are_removed_but_their_anchor_text_stays(messy_draft):
    blocks, stats, _ = blocks_of(messy_draft)
    text = "\n".join(block_text(b) for b in blocks)
    assert "Progress in Lao PDR continued." in text
    assert "check the figure" not in text
    assert stats.comments == 1


def test_the_title_goes_and_headings_start_at_level_one_without_typed_numbers(messy_draft):
    blocks, stats, _ = blocks_of(messy_draft)
    headings = [(b.level, plain_text(b.inlines)) for b in blocks if isinstance(b, Heading)]
    assert headings == [(1, "Findings"), (1, "Challenges")]
    assert stats.dropped.get("draft title") == 1


def test_typed_paragraph_numbers_are_stripped_so_the_document_numbers_once(messy_draft):
    blocks, stats, _ = blocks_of(messy_draft)
    paragraphs = [plain_text(b.inlines) for b in blocks if isinstance(b, Paragraph)]
    assert paragraphs[0] == "Ten States Parties had clearance obligations."
    assert paragraphs[1].startswith("They cleared")
    assert all(isinstance(b, Paragraph) and b.numbered for b in blocks if isinstance(b, Paragraph))
    assert stats.numbers_stripped == 4  # "A.", "1.", "2.", "B."


def test_no_empty_paragraph_survives(messy_draft):
    blocks, _stats, _ = blocks_of(messy_draft)
    assert all(block_text(b).strip() for b in blocks)


def test_a_lone_first_heading_is_kept_unless_it_repeats_the_section_heading(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("# Findings\n\nText.\n", encoding="utf-8")
    kept, _stats, _ = normalise(read_ast(draft)[0], where="d", titles=("Universalization",))
    assert isinstance(kept[0], Heading)
    draft.write_text("# UNIVERSALIZATION (Actions 10 and 11)\n\nText.\n", encoding="utf-8")
    dropped, stats, _ = normalise(read_ast(draft)[0], where="d", titles=("Universalization",))
    assert [type(b).__name__ for b in dropped] == ["Paragraph"]
    assert stats.dropped == {"draft title": 1}


def test_footnotes_stay_where_they_stand(messy_draft):
    blocks, _stats, _ = blocks_of(messy_draft)
    notes = footnotes_in(blocks)
    assert [plain_text(n.blocks[0].inlines) for n in notes] == ["Article 4 of the Convention."]
    first = next(b for b in blocks if isinstance(b, Paragraph))
    assert isinstance(first.inlines[1], Footnote)


def test_lists_keep_their_kind(messy_draft):
    blocks, _stats, _ = blocks_of(messy_draft)
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    assert [(l.kind, len(l.items)) for l in lists] == [("lettered", 2), ("bullet", 2)]
    assert block_text(lists[0]).splitlines() == ["survey first;", "clearance second."]


def test_tables_keep_their_header_row_and_take_the_caption_typed_above(messy_draft):
    blocks, _stats, _ = blocks_of(messy_draft)
    table = next(b for b in blocks if isinstance(b, Table))
    assert [[block_text(c[0]) for c in row] for row in table.header] == [["State", "Area (km2)"]]
    assert [[block_text(c[0]) for c in row] for row in table.body] == [["Chile", "12.5"], ["Iraq", "2,100"]]
    assert plain_text(table.caption) == "Table 1\nArea remaining by State"
    texts = [block_text(b) for b in blocks if isinstance(b, Paragraph)]
    assert "Table 1" not in texts and "Area remaining by State" not in texts


def test_template_syntax_in_a_draft_is_kept_as_text(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("The figure is {{ 7*7 }} and {% for x in y %}loop{% endfor %}.\n", encoding="utf-8")
    blocks, _stats, _ = blocks_of(draft)
    assert block_text(blocks[0]) == "The figure is {{ 7*7 }} and {% for x in y %}loop{% endfor %}."


def test_raw_html_in_markdown_drafts_is_removed_never_passed_through(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# Findings\n\nFirst <script>alert(1)</script> point[^1] <!-- hidden note -->.\n\n[^1]: A note.\n",
        encoding="utf-8",
    )
    blocks, stats, _ = blocks_of(draft)
    text = " ".join(block_text(b) for b in blocks)
    assert "First" in text and "point" in text
    assert "<script>" not in text and "alert" not in text and "hidden note" not in text
    assert stats.dropped["raw HTML removed"] >= 2
    assert len(footnotes_in(blocks)) == 1


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a zip", bytes(range(256)) * 40])
def test_a_file_that_is_not_a_document_gets_a_clear_reason(tmp_path, content):
    broken = tmp_path / "draft.docx"
    broken.write_bytes(content)
    with pytest.raises(DraftUnreadable) as caught:
        read_ast(broken)
    assert "save it again from Word as .docx" in str(caught.value)


def test_a_lettered_list_split_by_libreoffice_is_one_list_again():
    corpus = Path(__file__).parent / "fixtures" / "drafts"
    blocks, _stats, _ = blocks_of(corpus / "libreoffice-saved.docx")
    lettered = [b for b in blocks if isinstance(b, ListBlock) and b.kind == "lettered"]
    assert len(lettered) == 1 and len(lettered[0].items) >= 2


def test_a_picture_alone_in_its_paragraph_is_kept():
    from pipeline.model.blocks import Image

    corpus = Path(__file__).parent / "fixtures" / "drafts"
    blocks, stats, _ = blocks_of(corpus / "inline-image.docx")
    pictures = [n for b in blocks if isinstance(b, Paragraph) for n in b.inlines if isinstance(n, Image)]
    assert len(pictures) == 1 and pictures[0].data.startswith(b"\x89PNG")
    figure = next(b for b in blocks if isinstance(b, Paragraph) and isinstance(b.inlines[0], Image))
    assert not figure.numbered  # a figure is not a numbered paragraph
    assert "empty paragraph" not in stats.dropped


def test_a_drafts_reading_is_kept_by_content_and_reused(tmp_path):
    corpus = Path(__file__).parent / "fixtures" / "drafts"
    draft = tmp_path / "draft.docx"
    draft.write_bytes((corpus / "inline-image.docx").read_bytes())
    cache = tmp_path / "cache"
    first = read_ast(draft, cache=cache)
    [entry] = list(cache.iterdir())
    assert (entry / "ast.json").exists()
    assert read_ast(draft, cache=cache) == first  # the same AST and the same picture bytes
    draft.write_bytes((corpus / "comment.docx").read_bytes())  # a changed draft is read afresh
    assert read_ast(draft, cache=cache) != first
    assert len(list(cache.iterdir())) == 2
