"""The data folder: every workbook read against schema.yaml, merged into one dataset."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import Diagnostic, Location, error, has_errors, warning
from pipeline.intake import workbook
from pipeline.intake.files import FileChanging, display, outside, read_stable, sha256
from pipeline.model import Dataset


def read_data(data_dir: Path) -> tuple[Dataset, dict[str, str], list[Diagnostic]]:
    """The merged records of every workbook in ``inputs/data``, read against its schema.yaml."""
    hashes: dict[str, str] = {}
    schema_path = data_dir / "schema.yaml"
    if not schema_path.is_file():
        return (
            Dataset(),
            hashes,
            [
                error(
                    "data.schema",
                    Location(display(schema_path)),
                    "the data schema is missing; restore inputs/data/schema.yaml from the sample",
                )
            ],
        )
    raw = schema_path.read_bytes()
    hashes[display(schema_path)] = sha256(raw)
    schemas, problems = workbook.parse_schema(raw.decode("utf-8", "replace"), display(schema_path))
    if has_errors(problems):  # cells judged by a wrong declaration would only add findings that mislead
        return Dataset(), hashes, problems
    per_file = []
    for path in sorted(list(data_dir.glob("*.xlsx")) + list(data_dir.glob("*.xlsm"))):
        if path.name.startswith(("~$", ".")):  # Excel's lock file; macOS's ._ companions and hidden files
            continue
        if outside(path, data_dir):
            problems.append(
                error(
                    "data.link",
                    Location(display(path)),
                    "a link to a file outside the inputs folder; it is not followed",
                )
            )
            continue
        try:
            hashes[display(path)] = sha256(read_stable(path))
        except FileChanging:
            problems.append(
                error(
                    "data.changing",
                    Location(display(path)),
                    "the workbook changed while it was read (still being copied?); build again",
                )
            )
            continue
        if path.suffix.lower() == ".xlsm":
            problems.append(
                warning(
                    "data.macros",
                    Location(display(path)),
                    "the workbook contains macros; they are never run, and only its cells are read",
                )
            )
        records, found = workbook.read_workbook(path, display(path), schemas)
        per_file.append(records)
        problems.extend(found)
    dataset, found = workbook.merge(per_file, schemas)
    problems.extend(found)
    return dataset, hashes, problems
