"""Each data validation rule, on a small workbook made for it, gives exactly its diagnostic."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest

from pipeline.intake.workbook import merge, parse_schema, read_workbook

SCHEMA_TEXT = """
sheets:
  Stockpiles:
    key: [ISO3, Year]
    columns:
      - {name: ISO3, type: iso3, required: true}
      - {name: Year, type: integer, required: true}
      - {name: Declared, type: integer, min: 0}
      - {name: Remaining, type: integer, min: 0, at_most: Declared}
      - {name: Completed, type: date, past: true}
      - {name: Deadline, type: date}
"""
SCHEMAS, _ = parse_schema(SCHEMA_TEXT, "schema.yaml")
TODAY = dt.date(2025, 7, 1)
HEADER = ("ISO3", "Year", "Declared", "Remaining", "Completed", "Deadline")
GOOD = ("PER", 2024, 1000, 0, dt.date(2024, 3, 1), dt.date(2019, 3, 1))


def workbook(tmp_path, rows, *, edit=None, name="data.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Stockpiles"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if edit:
        edit(book, sheet)
    path = tmp_path / name
    book.save(path)
    return path


def findings(path):
    _records, problems = read_workbook(path, f"inputs/data/{path.name}", SCHEMAS, today=TODAY)
    return [(d.code, str(d.location), d.message) for d in problems]


def test_a_clean_sheet_has_no_findings(tmp_path):
    assert findings(workbook(tmp_path, [GOOD])) == []


def test_text_in_a_numeric_column(tmp_path):
    [(code, where, message)] = findings(workbook(tmp_path, [("PER", 2024, "about 1000", 0, None, None)]))
    assert (code, where) == ("data.cell", "inputs/data/data.xlsx:Stockpiles!C2")
    assert message == "Declared: 'about 1000' is not a whole number"


def test_a_negative_quantity(tmp_path):
    [(code, where, message)] = findings(workbook(tmp_path, [("PER", 2024, 1000, -5, None, None)]))
    assert where == "inputs/data/data.xlsx:Stockpiles!D2"
    assert "Remaining: -5 is below 0; a quantity cannot be negative" in message


def test_remaining_larger_than_declared(tmp_path):
    [(code, where, message)] = findings(workbook(tmp_path, [("PER", 2024, 100, 250, None, None)]))
    assert where == "inputs/data/data.xlsx:Stockpiles!D2"
    assert message == "Remaining (250) is larger than Declared (100) at Stockpiles!C2; correct one of the two"


def test_a_date_in_the_future_where_only_the_past_makes_sense(tmp_path):
    [(_code, where, message)] = findings(workbook(tmp_path, [("PER", 2024, 10, 0, dt.date(2026, 1, 5), None)]))
    assert where == "inputs/data/data.xlsx:Stockpiles!E2"
    assert message == "Completed: 2026-01-05 is in the future; check the date"


def test_a_date_before_the_convention(tmp_path):
    [(_code, where, message)] = findings(workbook(tmp_path, [("PER", 2024, 10, 0, None, dt.date(2001, 8, 1))]))
    assert where == "inputs/data/data.xlsx:Stockpiles!F2"
    assert "before the Convention was adopted (30 May 2008)" in message


def test_duplicate_rows_name_both_cells(tmp_path):
    path = workbook(tmp_path, [GOOD, GOOD])
    records, problems = read_workbook(path, "inputs/data/data.xlsx", SCHEMAS, today=TODAY)
    _dataset, found = merge([records], SCHEMAS)
    assert [(d.code, str(d.location)) for d in found] == [("data.duplicate", "inputs/data/data.xlsx:Stockpiles!A3")]
    assert "is also at inputs/data/data.xlsx:Stockpiles!A2" in found[0].message


def test_a_formula_without_a_saved_result(tmp_path):
    path = workbook(tmp_path, [("PER", 2024, 1000, "=C2-900", None, None)])  # openpyxl saves no results
    [(code, where, message)] = findings(path)
    assert (code, where) == ("data.formula", "inputs/data/data.xlsx:Stockpiles!D2")
    assert "the formula =C2-900 has no saved result" in message


def test_merged_cells_in_the_data(tmp_path):
    path = workbook(
        tmp_path, [GOOD, ("PER", 2023, 1000, 200, None, None)], edit=lambda book, sheet: sheet.merge_cells("A2:A3")
    )
    assert ("data.merged", "inputs/data/data.xlsx:Stockpiles!A2:A3") in [(c, w) for c, w, _m in findings(path)]


def test_a_hidden_sheet_is_used_and_said_so(tmp_path):
    def hide(book, sheet):
        book.create_sheet("Visible")
        sheet.sheet_state = "hidden"

    [(code, where, message)] = findings(workbook(tmp_path, [GOOD], edit=hide))
    assert (code, where) == ("data.hidden-sheet", "inputs/data/data.xlsx:Stockpiles!A1")
    assert "is hidden, and its rows are used" in message


def test_a_missing_sheet(tmp_path):
    _dataset, found = merge([{}], SCHEMAS)
    assert [d.code for d in found] == ["data.sheet"]
    assert "no workbook has a sheet named Stockpiles" in found[0].message


def test_a_missing_required_column(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Stockpiles"
    book.active.append(("ISO3", "Declared"))
    book.save(tmp_path / "data.xlsx")
    [(code, where, message)] = findings(tmp_path / "data.xlsx")
    assert (code, where) == ("data.column", "inputs/data/data.xlsx:Stockpiles!1")
    assert "required column(s) Year missing" in message


def test_the_strict_open_xml_variant_is_recognised(tmp_path):
    path = workbook(tmp_path, [GOOD])
    strict = tmp_path / "strict.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(strict, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = data.replace(
                    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
                )
            target.writestr(item, data)
    [(code, _where, message)] = findings(strict)
    assert code == "data.unreadable" and "Strict Open XML Spreadsheet" in message


@pytest.mark.parametrize(
    "content, words",
    [
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504, "password-protected"),
        (b"PK\x03\x04 broken", "not an .xlsx workbook"),
    ],
)
def test_protected_and_broken_files(tmp_path, content, words):
    path = tmp_path / "data.xlsx"
    path.write_bytes(content)
    [(code, _where, message)] = findings(path)
    assert code == "data.unreadable" and words in message


def test_a_truncated_workbook_is_named_as_unreadable(tmp_path):
    whole = workbook(tmp_path, [GOOD]).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    [(code, where, message)] = findings(path)
    assert (code, where) == ("data.unreadable", "inputs/data/cut.xlsx")
    assert "save it again from Excel" in message


@pytest.mark.parametrize("garbage", [b"<worksheet><sheetData><row", b"\x00\xff not xml at all", b""])
def test_a_workbook_with_a_damaged_part_is_named_as_damaged(tmp_path, garbage):
    path = workbook(tmp_path, [GOOD])
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, garbage if item.filename == "xl/worksheets/sheet1.xml" else data)
    [(code, where, message)] = findings(damaged)
    assert (code, where) == ("data.unreadable", "inputs/data/damaged.xlsx")
    assert "this workbook is damaged inside" in message and "save it again as .xlsx" in message


def test_a_bug_in_reading_the_rows_is_not_called_a_damaged_workbook(tmp_path, monkeypatch):
    """What ccm-report's own code raises is a bug, and reaches the user as one (see test_cli)."""

    def broken(*_args, **_kwargs):
        raise KeyError("Declared")

    monkeypatch.setattr("pipeline.intake.workbook.records_from_rows", broken)
    with pytest.raises(KeyError):
        findings(workbook(tmp_path, [GOOD]))
