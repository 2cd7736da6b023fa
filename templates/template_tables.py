"""The tables the Word templates write: the progress report's annexes and the analyses' tables.

Each is a header row, a docxtpl row loop (``{%tr for ... %}``), total rows where the annex has them,
and a source note. Rows never break over a page; an analysis's table (a few rows) stays on one page
with its caption and source; an annex, which starts a page of its own, may run onto the next with
its header row repeated, its total rows kept with its source note (pipeline/ooxml/keep.py).
Widths are in twips (567 = 1 cm).
"""

from __future__ import annotations

from docx.shared import Pt, Twips

from pipeline.ooxml import docxapi, keep
from pipeline.ooxml.names import w

RIGHT = 2  # WD_ALIGN_PARAGRAPH.RIGHT: figures line up on the right

# The annexes' tables, which are the same in every language: the row loop, the cells' fields, the
# total row's object (None: no total row) or the loop of the total rows and their fields ("": an
# empty cell), and the column widths in twips. Their wording is Wording.annexes, in the same order.
ANNEX_TABLES = (
    {
        "loop": "row in indicators.reporting_by_region",
        "cells": ("row.region", "row.states_parties", "row.due", "row.on_time", "row.late", "row.missing", "row.rate"),
        "total": "indicators.reporting_total",
        "widths": (1701, 1134, 1077, 1247, 1077, 1247, 1021),
    },
    {
        "loop": "row in indicators.clearance_rows",
        "cells": (
            "row.state",
            "row.baseline_km2|area",
            "row.cleared_km2|area",
            "row.released_km2|area",
            "row.remaining_km2|area",
            "row.deadline|un_date",
        ),
        "total": "indicators.clearance_total",
        "widths": (2041, 1134, 964, 1134, 1191, 1701),
    },
    {
        "loop": "row in indicators.stockpile_rows",
        "cells": (
            "row.state",
            "row.destroyed_munitions|number",
            "row.destroyed_submunitions|number",
            "row.remaining_munitions|number",
            "row.remaining_submunitions|number",
            "row.completed|un_date",
        ),
        "total": "indicators.stockpile_total",
        "widths": (1928, 1191, 1304, 1191, 1304, 1531),
    },
    {
        "loop": "row in indicators.cooperation_rows",
        "cells": ("row.state", "row.recipient_list", "row.currency", "row.amount|number"),
        "total": None,
        # One total per currency (never converted, so never added): a block of its own under a rule,
        # named once, without recipients (they would be every donor's again).
        "totals": ("indicators.cooperation_totals", ("", "", "row.currency", "row.amount|number")),
        "widths": (2268, 3572, 1021, 1644),
    },
)


def _para(document_or_cell, text: str, style: str):
    return document_or_cell.add_paragraph(text, style=style)


def _table(document, headers: tuple[str, ...], loop: str, cells: tuple[str, ...], widths: tuple[int, ...]):
    """A table in the house style: the header row (repeated on each page) and the rows of one docxtpl
    loop; figures set right, text (the first column, a list of names) set left."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = document.styles["UN Table"]
    # The grid, not the cells, decides the table's width in LibreOffice: it must fit beside the indent.
    for grid_col, width in zip(docxapi.element_of(table).tblGrid.findall(w("gridCol")), widths, strict=False):
        grid_col.set(w("w"), str(width))
    columns = len(headers)
    rows_text = [
        headers,
        (f"{{%tr for {loop} %}}",) + ("",) * (columns - 1),
        tuple(f"{{{{ {cell} }}}}" for cell in cells),
        ("{%tr endfor %}",) + ("",) * (columns - 1),
    ]
    for r, texts in enumerate(rows_text):
        for c, text in enumerate(texts):
            cell = table.rows[r].cells[c]
            cell.width = Twips(widths[c])
            para = cell.paragraphs[0]
            para.text = text
            para.style = document.styles["UN Table Heading" if r == 0 else "UN Table Text"]
            if c > 0 and "recipient_list" not in cells[c]:
                para.alignment = RIGHT
    docxapi.mark_header_row(table.rows[0])
    for row in table.rows:
        keep.keep_row_whole(docxapi.element_of(row))
    return table


def _bold_row(document, table, texts: tuple[str, ...], widths: tuple[int, ...]):
    """A row added to ``table`` in the total-row style: bold, figures set right."""
    row = table.add_row()
    for c, text in enumerate(texts):
        cell = row.cells[c]
        cell.width = Twips(widths[c])
        para = cell.paragraphs[0]
        para.text = text
        para.style = document.styles["UN Table Text"]
        if para.runs:
            para.runs[0].bold = True
        if c > 0:
            para.alignment = RIGHT
    return row


def _source(document, note: str) -> None:
    source = _para(document, note, "UN Body Unnumbered")
    source.paragraph_format.space_before = Pt(6)
    source.runs[0].font.size = Pt(9)


def annex_table(
    document,
    annex,
    *,
    loop: str,
    cells: tuple[str, ...],
    total: str | None,
    widths: tuple[int, ...],
    total_label: str,
    totals: tuple[str, tuple[str, ...]] | None = None,
) -> None:
    """An annex: its label and title, a table with a docxtpl row loop and a total row (when ``total``
    names one) or a block of total rows (``totals``: their loop's sequence and fields, under the
    annex's ``total`` wording), and its source; ``annex`` is the annex's wording in the template's
    language (templates/build_templates.py, AnnexWording)."""
    assert len(annex.headers) == len(cells) == len(widths), annex.label
    _para(document, annex.label, "UN Annex Heading")
    _para(document, annex.title, "UN Annex Title")
    table = _table(document, annex.headers, loop, cells, widths)
    kept = []
    if total:
        fields = tuple(
            total_label
            if c == 0
            else ("" if "un_date" in cell else f"{{{{ {cell.replace('row.', f'{total}.', 1)} }}}}")
            for c, cell in enumerate(cells)
        )
        kept.append(_bold_row(document, table, fields, widths))
    if totals:
        sequence, fields = totals
        blank = ("",) * (len(cells) - 1)
        kept.append(_bold_row(document, table, (f"{{%tr if {sequence} %}}", *blank), widths))
        label = _bold_row(document, table, (annex.total, *blank), widths)
        for cell in label.cells:
            docxapi.set_cell_border(cell, "top")
        kept.append(label)
        kept.append(_bold_row(document, table, (f"{{%tr for row in {sequence} %}}", *blank), widths))
        kept.append(_bold_row(document, table, tuple(f"{{{{ {f} }}}}" if f else "" for f in fields), widths))
        kept.append(_bold_row(document, table, ("{%tr endfor %}", *blank), widths))
        kept.append(_bold_row(document, table, ("{%tr endif %}", *blank), widths))
    # The total rows stay with the source note, on the page of the last rows they add up.
    keep.keep_together((docxapi.element_of(row) for row in kept), with_next=True)
    _source(document, annex.note)


def analysis_table(document, t, title: str) -> None:
    """A table of an analysis: its label and ``title``, the header row, one docxtpl row loop, the source,
    kept on one page (a few years' rows)."""
    _para(document, t.label, "UN Table Caption")
    _para(document, title, "UN Table Caption")
    widths = (1000,) + (1200,) * (len(t.headers) - 1)
    table = _table(document, t.headers, t.loop, t.cells, widths)
    keep.keep_together((docxapi.element_of(row) for row in table.rows), with_next=True)
    _source(document, t.note)
