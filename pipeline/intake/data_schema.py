"""``inputs/data/schema.yaml``: the declared sheets of the data workbooks, their columns and rules.

The file is the ISU's, and user-editable (the reporting forms may change); its
own keys are declared here, with the mechanism of :mod:`pipeline.intake.schema`,
so a misspelt rule (``minimum:`` for ``min:``) is refused instead of silently
switching the rule off.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from pipeline.errors import Diagnostic
from pipeline.intake.schema import (
    BOOL,
    INVALID,
    NUMBER,
    TEXT,
    Context,
    Key,
    Mapping,
    Names,
    Scalar,
    Sequence,
    StrList,
    child,
    choice,
    load,
)

TYPES = ("text", "integer", "number", "date", "choice", "iso3", "email")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None  # numbers: the smallest value allowed (0 for quantities)
    past: bool = False  # dates: must not be after the day of the build
    at_most: str = ""  # another column of the row this one may not exceed (remaining <= declared)


@dataclass(frozen=True)
class SheetSchema:
    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    required: bool = True  # a workbook set without this sheet is an error


def _columns_declared(sheet: dict, node: yaml.Node, ctx: Context, at: str) -> None:
    """The key and every ``at_most`` name columns of the same sheet."""
    names = {c["name"] for c in sheet["columns"] if isinstance(c, dict)}
    unknown = [k for k in sheet["key"] if k not in names]
    if unknown:
        ctx.fail(child(node, "key"), f"{at}.key", f"key column(s) {', '.join(unknown)} are not declared")
    items = child(node, "columns").value
    for index, (column, item) in enumerate(zip(sheet["columns"], items, strict=True), 1):
        if isinstance(column, dict) and column["at_most"] and column["at_most"] not in names:
            ctx.fail(
                child(item, "at_most"),
                f"{at}.columns[{index}].at_most",
                f"column '{column['name']}': at_most names '{column['at_most']}', which is not declared",
            )


COLUMN = Mapping(
    {
        "name": Key(TEXT, "the header text of the column, exactly as in row 1"),
        "type": Key(
            Scalar("a column type", choice(*TYPES)),
            "what a filled cell must hold: text, integer, number, date, choice, iso3 or email",
            required=False,
            default="text",
        ),
        "required": Key(BOOL, "true: the cell may not be empty", required=False, default=False),
        "choices": Key(StrList(), "the allowed values of a choice column", required=False, default=()),
        "min": Key(
            NUMBER, "numbers: the smallest value allowed (0 for quantities and areas)", required=False, default=None
        ),
        "at_most": Key(TEXT, "another column of the row this one may not exceed", required=False, default=""),
        "past": Key(
            BOOL, "dates: true when the date cannot be later than the day of the build", required=False, default=False
        ),
        "description": Key(TEXT, "what the column means, with its unit", required=False, default=""),
    }
)

SHEET = Mapping(
    {
        "description": Key(TEXT, "what one row of the sheet stands for", required=False, default=""),
        "key": Key(StrList(), "the column(s) whose values together identify a row", required=False, default=()),
        "columns": Key(Sequence(COLUMN, 0), "the columns, in the order they appear in row 1"),
        "required": Key(BOOL, "false when a workbook set may lack the sheet", required=False, default=True),
    },
    check=_columns_declared,
)

DATA_SCHEMA = Mapping(
    {
        "sheets": Key(
            Names(SHEET, "sheet names"),
            "one entry per sheet to read, keyed by the sheet's name as on the workbook's tab",
        ),
    }
)


def parse_schema(text: str, path: str) -> tuple[tuple[SheetSchema, ...], list[Diagnostic]]:
    """The sheet schemas declared in schema.yaml, or none when anything in it is wrong, with every finding."""
    raw, problems = load(text, path, DATA_SCHEMA, "data.schema")
    if raw is INVALID:
        return (), problems
    return tuple(
        SheetSchema(
            name,
            sheet["key"],
            tuple(
                Column(c["name"], c["type"], c["required"], c["choices"], c["min"], c["past"], c["at_most"])
                for c in sheet["columns"]
            ),
            sheet["required"],
        )
        for name, sheet in raw["sheets"].items()
    ), problems
