"""Tables kept on one page, the way both Word and LibreOffice honour it.

A row that must not break over a page carries ``w:cantSplit``; a table stays in one piece when
every paragraph of its rows is kept with the next (``w:keepNext``), the last row's too when the
paragraph after the table (a source note) belongs with it. LibreOffice 7.4 moves such a table to the
next page whole; but a kept table longer than a page leaves its caption alone on a page before
splitting anyway, so only a short table (:data:`MAX_KEPT_ROWS`) is kept; a longer one splits with
its header row repeated.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from pipeline.ooxml.names import w

# The most rows (the header's included) a table may have and still be kept on one page: about 15
# one-line rows of 9-point text fill half an A4 page.
MAX_KEPT_ROWS = 15

# The elements a w:trPr may hold before w:cantSplit, in the schema's order.
_BEFORE_CANT_SPLIT = {w(n) for n in ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter")}


def _first_child(parent: etree._Element, tag: str, index: int) -> None:
    if parent.find(w(tag)) is None:
        parent.insert(index, etree.Element(w(tag)))


def _tr_pr(row: etree._Element) -> etree._Element:
    tr_pr = row.find(w("trPr"))
    if tr_pr is None:
        tr_pr = etree.Element(w("trPr"))
        row.insert(1 if row.find(w("tblPrEx")) is not None else 0, tr_pr)
    return tr_pr


def keep_row_whole(row: etree._Element) -> None:
    """The row (a ``w:tr``) never breaks over a page."""
    tr_pr = _tr_pr(row)
    _first_child(tr_pr, "cantSplit", sum(1 for child in tr_pr if child.tag in _BEFORE_CANT_SPLIT))


def keep_row_with_next(row: etree._Element) -> None:
    """Every paragraph of the row (a ``w:tr``) is kept with the next: the row stays on the page of the
    row, or the paragraph, after it."""
    for paragraph in row.iter(w("p")):
        p_pr = paragraph.find(w("pPr"))
        if p_pr is None:
            p_pr = etree.Element(w("pPr"))
            paragraph.insert(0, p_pr)
        _first_child(p_pr, "keepNext", 1 if p_pr.find(w("pStyle")) is not None else 0)


def keep_together(rows: Iterable[etree._Element], *, with_next: bool = False) -> None:
    """The rows on one page: none breaks, each but the last kept with the next (the last too when
    ``with_next``: the table then stays with the paragraph after it)."""
    rows = list(rows)
    for index, row in enumerate(rows):
        keep_row_whole(row)
        if with_next or index < len(rows) - 1:
            keep_row_with_next(row)
