"""Workbooks as they arrive: bounded in memory and time whatever size a sheet declares, refused over a
documented limit, read when Excel wrote them (pivot tables, empty style attributes), and never ignored
silently when their sheets are not the schema's."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from pipeline.intake.data import read_data
from pipeline.intake.workbook import parse_schema, read_workbook
from pipeline.intake.xlsx import LIMITS, Limits
from tests.conftest import ROOT, SAMPLE_INPUTS
from tests.test_workbook_rules import GOOD, HEADER, SCHEMA_TEXT, SCHEMAS, TODAY
from tests.workbook_surgery import declare_huge, empty_styles, operate, with_pivot_table

SAMPLE_SCHEMAS, _ = parse_schema((SAMPLE_INPUTS / "data" / "schema.yaml").read_text(encoding="utf-8"), "schema.yaml")
SECOND = ("LAO", 2024, 500, 0, None, None)


def stockpiles(tmp_path, *, extra_sheets=(), name="base.xlsx", rows=(GOOD, SECOND)):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Stockpiles"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for extra in extra_sheets:
        book.create_sheet(extra)
    book.save(tmp_path / name)
    return tmp_path / name


def findings(path, schemas=SCHEMAS, **options):
    records, problems = read_workbook(path, f"inputs/data/{path.name}", schemas, today=TODAY, **options)
    return records, [(d.code, str(d.location), d.message) for d in problems]


def rows(records, sheet="Stockpiles"):
    return [tuple(r.values.values()) for r in records[sheet]]


# --- a sheet declaring A1:XFD1048576 ---------------------------------------------------------------

# Run apart, so that its peak memory is its own; its address space is capped so that a regression
# fails this test instead of taking the machine (the reader before streaming grew to gigabytes).
MEASURE = """
import json, resource, sys, time
from pathlib import Path
from pipeline.intake.workbook import parse_schema, read_workbook
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
schemas, _ = parse_schema(sys.argv[2], "schema.yaml")
start = time.perf_counter()
records, problems = read_workbook(Path(sys.argv[1]), "inputs/data/huge.xlsx", schemas)
seconds = time.perf_counter() - start
rows = [list(r.values.values()) for r in records.get("Stockpiles", [])]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": rows, "problems": [str(p) for p in problems]},
                 default=str))
"""


def test_a_sheet_declaring_every_cell_excel_has_is_read_in_little_memory_and_time(tmp_path):
    """A 10 KB file declaring A1:XFD1048576, with formatted empty cells out at XFD1048576, once took 8 GB and
    minutes: memory and time now follow the cells that hold something."""
    huge = operate(stockpiles(tmp_path), tmp_path / "huge.xlsx", {"xl/worksheets/sheet1.xml": declare_huge}, {})
    with zipfile.ZipFile(huge) as archive:
        assert b'<dimension ref="A1:XFD1048576"/>' in archive.read("xl/worksheets/sheet1.xml")
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(huge), SCHEMA_TEXT],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["problems"] == []
    assert result["rows"] == [
        ["PER", 2024, 1000, 0, "2024-03-01", "2019-03-01"],
        ["LAO", 2024, 500, 0, None, None],
    ]
    assert result["peak_mb"] < 300, result
    assert result["seconds"] < 10, result


# --- the limits -----------------------------------------------------------------------------------


def test_a_workbook_over_the_cell_limit_is_refused_naming_it_and_what_to_do(tmp_path):
    path = stockpiles(tmp_path)  # 3 rows of 6 columns, 2 cells empty: 16 cells with content
    assert findings(path, limits=Limits(cells=16))[1] == []
    records, found = findings(path, limits=Limits(cells=15))
    assert records == {}
    assert found == [
        (
            "data.too-large",
            "inputs/data/base.xlsx",
            "the workbook has more than 15 cells with content in the sheets read (the limit); keep only the "
            "States Parties' data in it (delete copies and other tables), or split it into several workbooks",
        )
    ]


def test_a_workbook_over_the_sheet_limit_is_refused_before_any_sheet_is_read(tmp_path):
    path = stockpiles(tmp_path, extra_sheets=("Notes", "Copy"))
    assert findings(path, limits=Limits(sheets=3))[1] == []
    [(code, where, message)] = findings(path, limits=Limits(sheets=2))[1]
    assert (code, where) == ("data.too-large", "inputs/data/base.xlsx")
    assert message.startswith("the workbook has more than 2 sheets (the limit); keep in it the sheets")


def test_a_workbook_over_the_shared_string_limit_is_refused(tmp_path):
    path = stockpiles(tmp_path)
    with zipfile.ZipFile(path) as archive:  # openpyxl writes its texts inline: give the workbook a table of texts
        assert "xl/sharedStrings.xml" not in archive.namelist()
    texts = "".join(f"<si><t>{text}</t></si>" for text in ("text 0", "text 1", "text 2", "text 3", "LAO"))
    shared = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">'
        f"{texts}</sst>"
    ).encode()
    rel = (
        b'<Relationship Id="rId77" Target="sharedStrings.xml" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    with_texts = operate(
        path,
        tmp_path / "texts.xlsx",
        {
            "xl/_rels/workbook.xml.rels": lambda data: data.replace(b"</Relationships>", rel),
            "xl/worksheets/sheet1.xml": lambda data: data.replace(
                b'<c r="A3" t="inlineStr"><is><t>LAO</t></is></c>', b'<c r="A3" t="s"><v>4</v></c>'
            ),
        },
        {"xl/sharedStrings.xml": shared},
    )
    records, found = findings(with_texts, limits=Limits(shared_strings=5))
    assert found == [] and rows(records)[1][0] == "LAO"
    [(code, _where, message)] = findings(with_texts, limits=Limits(shared_strings=4))[1]
    assert code == "data.too-large" and "more than 4 different texts (the limit)" in message


def test_the_limits_are_far_above_a_meetings_workbook_and_documented_in_the_readme():
    assert (LIMITS.cells, LIMITS.sheets, LIMITS.shared_strings) == (2_000_000, 200, 1_000_000)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for figure in ("2,000,000 cells", "200 sheets", "1,000,000 different texts"):
        assert figure in readme


# --- workbooks Excel writes -----------------------------------------------------------------------


def test_a_workbook_holding_a_pivot_table_is_read(tmp_path):
    path = with_pivot_table(
        stockpiles(tmp_path, extra_sheets=("Summary",)), tmp_path / "pivot.xlsx", "Stockpiles", "A1:F3"
    )
    with zipfile.ZipFile(path) as archive:
        assert b"pivotCacheDefinition" in archive.read("xl/_rels/workbook.xml.rels")
    records, found = findings(path)
    assert found == []
    assert rows(records) == [
        ("PER", 2024, 1000, 0, dt.date(2024, 3, 1), dt.date(2019, 3, 1)),
        ("LAO", 2024, 500, 0, None, None),
    ]


def test_the_pivot_parts_are_never_parsed_so_what_they_hold_cannot_stop_the_reading(tmp_path):
    """openpyxl parsed pivot caches, and refused a workbook over an attribute in one (here an empty
    refreshedDate: TypeError, shown to the user as 'cannot be read (TypeError)')."""
    base = with_pivot_table(
        stockpiles(tmp_path, extra_sheets=("Summary",)), tmp_path / "pivot.xlsx", "Stockpiles", "A1:F3"
    )
    odd = operate(
        base,
        tmp_path / "odd.xlsx",
        {
            "xl/pivotCache/pivotCacheDefinition1.xml": lambda d: re.sub(
                rb'refreshedDate="[^"]*"', b'refreshedDate=""', d
            )
        },
        {},
    )
    records, found = findings(odd)
    assert found == [] and len(records["Stockpiles"]) == 2


def test_cells_with_an_empty_style_attribute_are_read(tmp_path):
    """s="" was refused as 'this workbook cannot be read (TypeError)'."""
    path = operate(stockpiles(tmp_path), tmp_path / "styles.xlsx", {"xl/worksheets/sheet1.xml": empty_styles}, {})
    with zipfile.ZipFile(path) as archive:
        assert b'<c s="" r="A2"' in archive.read("xl/worksheets/sheet1.xml")
    records, found = findings(path)
    assert found == []
    assert rows(records) == [
        ("PER", 2024, 1000, 0, dt.date(2024, 3, 1), dt.date(2019, 3, 1)),
        ("LAO", 2024, 500, 0, None, None),
    ]


@pytest.mark.parametrize(
    "part, garbage",
    [
        ("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row"),
        ("xl/worksheets/sheet1.xml", b'<worksheet><sheetData><row r="2"><c r="ZZZZ2"><v>1</v></c></row>'),
        ("xl/workbook.xml", b"<workbook"),
        ("xl/styles.xml", b"\x00\xff"),
    ],
)
def test_no_message_names_an_exception(tmp_path, part, garbage):
    path = operate(stockpiles(tmp_path), tmp_path / "damaged.xlsx", {part: lambda _data: garbage}, {})
    [(code, _where, message)] = findings(path)[1]
    assert code == "data.unreadable"
    assert "this workbook is damaged inside" in message and "save it again as .xlsx" in message
    assert not re.search(r"[A-Z][a-z]+(Error|Exception)\b|\bKeyError\b", message), message


# --- sheets the schema does not know ----------------------------------------------------------------


def one_sheet(tmp_path, *names):
    book = openpyxl.Workbook()
    book.active.title = names[0]
    for name in names[1:]:
        book.create_sheet(name)
    book.active.append(("ISO3", "State"))
    path = tmp_path / "late-report.xlsx"
    book.save(path)
    return path


DECLARED = ", ".join(s.name for s in SAMPLE_SCHEMAS)


@pytest.mark.parametrize(
    "sheets, closest",
    [
        (("Art7",), "the closest declared sheet is Article7"),
        (("Sheet1", "Sheet2"), f"the declared sheets are {DECLARED}"),
    ],
)
def test_a_workbook_with_no_sheet_the_schema_knows_is_a_warning_naming_its_sheets_and_the_closest(
    tmp_path, sheets, closest
):
    records, found = findings(one_sheet(tmp_path, *sheets), SAMPLE_SCHEMAS)
    assert records == {}
    assert found == [
        (
            "data.unknown-sheets",
            "inputs/data/late-report.xlsx",
            f"none of its sheets ({', '.join(sheets)}) is declared in inputs/data/schema.yaml, so nothing in it is "
            f"read; {closest}: rename each sheet of data as its sheet is spelled in schema.yaml, or move the "
            "file out of inputs/data/",
        )
    ]


def test_a_sheet_spelled_nearly_as_a_declared_one_is_a_warning_and_other_sheets_are_not(tmp_path):
    path = one_sheet(tmp_path, "Art7", "Contacts", "About", "article7", "Notes")
    _records, found = findings(path, SAMPLE_SCHEMAS)
    assert [(code, where) for code, where, _m in found if code.startswith("data.unknown")] == [
        ("data.unknown-sheet", "inputs/data/late-report.xlsx:Art7!A1"),
        ("data.unknown-sheet", "inputs/data/late-report.xlsx:article7!A1"),
    ]
    assert found[0][2] == (
        "the sheet Art7 is not read: no sheet of that name is declared in inputs/data/schema.yaml; if it holds "
        "Article7 rows, rename it Article7 (or merge its rows into that sheet)"
    )


def test_a_workbook_dropped_beside_the_samples_with_unknown_sheets_is_said_so_by_the_data_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("schema.yaml", "states-parties.xlsx"):
        (data / name).write_bytes((SAMPLE_INPUTS / "data" / name).read_bytes())
    one_sheet(data, "Sheet1")
    _dataset, _hashes, problems = read_data(data)
    assert [(p.code, p.location.path) for p in problems] == [("data.unknown-sheets", str(data / "late-report.xlsx"))]
