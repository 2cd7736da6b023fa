"""The command line: thin. Parses options, calls the orchestrator, prints what it returns.

Exit status: 0 built (warnings allowed), 1 the inputs have errors or a tool is
missing (the message says what to do), 2 wrong usage. Anything else is a bug
and shows its traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.build import build as run_build
from pipeline.build import check
from pipeline.errors import CcmReportError, Severity, has_errors
from pipeline.intake.inputs import receive
from pipeline.publish.issued import issue as record_issue
from pipeline.publish.status import status_lines, summary_lines

PATH = click.Path(path_type=Path, file_okay=False)


def _progress(phase: str) -> None:
    # Only on a terminal: CI logs stay quiet.
    if sys.stderr.isatty():
        click.echo(f"... {phase}", err=True)


def _print_diagnostics(diagnostics) -> None:
    for d in diagnostics:
        click.echo(str(d), err=True)
    errors = sum(1 for d in diagnostics if d.severity >= Severity.ERROR)
    warnings = sum(1 for d in diagnostics if d.severity == Severity.WARNING)
    if diagnostics:
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ccm-report")
def main() -> None:
    """Assemble the Convention's official documents from drafts and data."""


@main.command()
@click.option("--inputs", "inputs_dir", type=PATH, default=Path("inputs"), show_default=True,
              help="Folder with meeting.yaml, drafts/ and data/.")
@click.option("--outputs", "outputs_dir", type=PATH, default=Path("outputs"), show_default=True,
              help="Folder the documents are written to.")
@click.option("--templates", "templates_dir", type=PATH, default=Path("templates"), show_default=True,
              help="Folder with the Word templates.")
@click.option("--final", is_flag=True, help="Final mode: every warning is an error.")
def build(inputs_dir: Path, outputs_dir: Path, templates_dir: Path, final: bool) -> None:
    """Build every document in meeting.yaml into Word and PDF."""
    try:
        result = run_build(inputs_dir, outputs_dir, templates_dir, final=final, progress=_progress)
    except CcmReportError as exc:
        _print_diagnostics(exc.diagnostics)
        click.echo(f"ccm-report: {exc}", err=True)
        sys.exit(exc.exit_code)
    _print_diagnostics(result.diagnostics)
    for status in result.documents:
        for line in status_lines(status):
            click.echo(line)
    if has_errors(result.diagnostics):  # a document could not be made; the others were
        sys.exit(1)


@main.command()
@click.option("--inputs", "inputs_dir", type=PATH, default=Path("inputs"), show_default=True)
@click.option("--templates", "templates_dir", type=PATH, default=Path("templates"), show_default=True)
@click.option("--final", is_flag=True, help="Final mode: every warning is an error.")
def validate(inputs_dir: Path, templates_dir: Path, final: bool) -> None:
    """Run every check on the inputs; write nothing."""
    try:
        _inputs, diagnostics = check(inputs_dir, templates_dir, final=final, progress=_progress)
    except CcmReportError as exc:
        click.echo(f"ccm-report: {exc}", err=True)
        sys.exit(exc.exit_code)
    _print_diagnostics(diagnostics)
    if has_errors(diagnostics):
        sys.exit(1)
    click.echo("inputs are valid")


@main.command()
@click.argument("symbol")
@click.option("--inputs", "inputs_dir", type=PATH, default=Path("inputs"), show_default=True)
@click.option("--outputs", "outputs_dir", type=PATH, default=Path("outputs"), show_default=True)
def issue(symbol: str, inputs_dir: Path, outputs_dir: Path) -> None:
    """Record the document SYMBOL as issued: later changes make it a revision with a redline."""
    try:
        where = record_issue(outputs_dir, inputs_dir, symbol, dt.date.today())
    except CcmReportError as exc:
        click.echo(f"ccm-report: {exc}", err=True)
        sys.exit(exc.exit_code)
    click.echo(f"{symbol}: issued; kept in {where}")


@main.group()
def translate() -> None:
    """Translations: merge returned XLIFF files into documents in other languages."""


@translate.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--replace", "replace_older", is_flag=True,
              help="Set aside an older file translating the same document into the same language.")
@click.option("--inputs", "inputs_dir", type=PATH, default=Path("inputs"), show_default=True)
@click.option("--outputs", "outputs_dir", type=PATH, default=Path("outputs"), show_default=True)
@click.option("--templates", "templates_dir", type=PATH, default=Path("templates"), show_default=True)
def merge(files: tuple[Path, ...], replace_older: bool, inputs_dir: Path, outputs_dir: Path,
          templates_dir: Path) -> None:
    """Take returned XLIFF FILES into inputs/translations/ and build: each gives its document's
    Word, PDF and HTML in the target language."""
    try:
        for path in files:
            where, moved = receive(path, inputs_dir, replace_older=replace_older)
            for old in moved:
                click.echo(f"set aside: {old}")
            click.echo(f"{path}: taken in as {where}")
    except CcmReportError as exc:
        click.echo(f"ccm-report: {exc}", err=True)
        sys.exit(exc.exit_code)
    build.callback(inputs_dir, outputs_dir, templates_dir, False)


@main.command()
@click.option("--outputs", "outputs_dir", type=PATH, default=Path("outputs"), show_default=True)
def status(outputs_dir: Path) -> None:
    """Show the status of the last build (outputs/status.json; also outputs/status.html)."""
    try:
        data = json.loads((outputs_dir / "status.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        click.echo(f"ccm-report: no status in {outputs_dir}/ yet: run 'make report' first", err=True)
        sys.exit(1)
    for line in summary_lines(data):
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
