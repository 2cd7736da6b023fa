"""The command line: thin. Parses options, calls the orchestrator, prints what it returns.

Exit status: 0 built (warnings allowed), 1 the inputs have errors or a tool is
missing (the message says what to do), 2 wrong usage, 70 ccm-report hit a bug:
one line says so and where its log is; the traceback is in that log.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from contextlib import closing
from pathlib import Path

import click

from pipeline import __version__
from pipeline.build import build as run_build
from pipeline.build import check
from pipeline.build import remind as reminders
from pipeline.build.next_meeting import new_meeting as prepare_next_meeting
from pipeline.build.progress import Step
from pipeline.cli.failures import BUG_EXIT as BUG_EXIT
from pipeline.cli.failures import print_diagnostics, reports_bugs
from pipeline.cli.options import (
    CONTEXT,
    EXIT_CODES,
    PATH,
    final_option,
    inputs_option,
    outputs_option,
    templates_option,
)
from pipeline.cli_progress import follow, progress_display, watch_options
from pipeline.errors import CcmReportError, Severity, has_errors
from pipeline.intake.inputs import TranslationRefused, meeting_config, receive
from pipeline.publish.issued import issue as record_issue
from pipeline.publish.status import summary_lines


def _progress(step: Step) -> None:
    # A phase a line, on a terminal only, for a command that has no display of its own (progress_display).
    if sys.stderr.isatty():
        click.echo(f"... {step}", err=True)


@click.group(context_settings=CONTEXT, epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="ccm-report")
def main() -> None:
    """Assemble the Convention's official documents from drafts and data.

    Run it from the project folder (where inputs/, templates/ and outputs/ are), as
    .venv/bin/ccm-report after 'make report' (or 'make' targets: make help). Each
    command's --help gives its options, an example and the exit status.

    \b
    Examples:
      .venv/bin/ccm-report validate
      .venv/bin/ccm-report build --final
      .venv/bin/ccm-report status
    """


@main.command(epilog=EXIT_CODES, short_help="Build every document of meeting.yaml; print the status.")
@inputs_option
@outputs_option
@templates_option
@final_option
@reports_bugs
def build(inputs_dir: Path, outputs_dir: Path, templates_dir: Path, final: bool) -> None:
    """Build every document in meeting.yaml into Word, PDF, HTML and XLIFF, and print the status.

    Only what changed is made again (the status says why); a document that cannot be made keeps its
    last good files. With --final, every warning not acknowledged in inputs/acknowledged.yaml is an
    error and nothing is published.

    \b
    Examples:
      ccm-report build
      ccm-report build --final          before sending to the UN
      ccm-report build --inputs ../14MSP/inputs --outputs ../14MSP/outputs
    """
    with closing(progress_display(sys.stderr, outputs_dir)) as progress:
        result = run_build(inputs_dir, outputs_dir, templates_dir, final=final, progress=progress)
    print_diagnostics(result.diagnostics)
    for line in summary_lines(dict(result.status)):  # what 'ccm-report status' prints again
        click.echo(line)
    if has_errors(result.diagnostics):  # a document could not be made; the others were
        sys.exit(1)


@main.command(epilog=EXIT_CODES, short_help="Check every input and the drafts' figures; write nothing.")
@inputs_option
@templates_option
@final_option
@reports_bugs
def validate(inputs_dir: Path, templates_dir: Path, final: bool) -> None:
    """Run every check on the inputs, the drafts' typed figures against the data included, and print
    every finding; write nothing. Needs no LibreOffice.

    \b
    Examples:
      ccm-report validate
      ccm-report validate --final       would a final build pass?
    """
    with closing(progress_display(sys.stderr, None)) as progress:
        _inputs, diagnostics = check(inputs_dir, templates_dir, final=final, progress=progress)
    print_diagnostics(diagnostics)
    if has_errors(diagnostics):
        sys.exit(1)
    click.echo("inputs are valid")


@main.command(epilog=EXIT_CODES, short_help="Build, then build again each time inputs/ or templates/ change.")
@inputs_option
@outputs_option
@templates_option
@final_option
@watch_options
@reports_bugs
def watch(inputs_dir: Path, outputs_dir: Path, templates_dir: Path, final: bool, debounce: float, interval: float):
    """Build now, then again each time a file lands in, changes in or leaves inputs/ or templates/: one
    line per build, after its new findings. A build with errors prints them and the watch goes on;
    Word's lock files (~$...) and temporary files are ignored. Ctrl-C stops it (exit status 0).

    \b
    Examples:
      ccm-report watch
      ccm-report watch --debounce 5     drafts copied slowly over a network share
    """
    follow(inputs_dir, outputs_dir, templates_dir, final=final, quiet_s=debounce, interval=interval)


@main.command(epilog=EXIT_CODES, short_help="Record a built document as issued to the UN.")
@click.argument("symbol")
@click.option(
    "--force",
    "reason",
    metavar="REASON",
    help="Issue it although the last build has open findings or incomplete translations; the reason is "
    "recorded with the issued version and shown by 'ccm-report status'.",
)
@inputs_option
@outputs_option
@templates_option
@reports_bugs
def issue(symbol: str, reason: str | None, inputs_dir: Path, outputs_dir: Path, templates_dir: Path) -> None:
    """Record the document SYMBOL, as meeting.yaml gives it or as printed (CCM/MSP/2025/7/Rev.1), as
    issued: its Word and PDF files are kept in inputs/issued/<symbol>/<n>/, and a later change makes it
    a revision with a redline. Refused (exit status 1, naming each) while the last build has an error or
    an open warning (it would fail --final) or the document's translations are incomplete, unless
    --force gives the reason.

    \b
    Examples:
      ccm-report issue CCM/MSP/2025/7
      ccm-report issue CCM/MSP/2025/7/Rev.1 --force "the Bureau approved it with the French to follow"
    """
    if reason is not None and not reason.strip():
        raise click.BadParameter('--force needs the reason, in quotes: --force "the Bureau approved it"')
    # what --final would refuse now (the inputs as they are), not only what the last build printed
    _inputs, found = check(inputs_dir, templates_dir, final=True)
    refused = [d for d in found if d.severity >= Severity.ERROR]
    if refused and reason is None:
        print_diagnostics(refused)
        raise CcmReportError(
            f"{symbol} was not issued: a --final build would refuse the inputs as they are (above); fix them, "
            'acknowledge a warning in inputs/acknowledged.yaml, or issue it anyway with --force "the reason"'
        )
    where = record_issue(outputs_dir, inputs_dir, symbol, dt.date.today(), force=reason, say=click.echo)
    record = json.loads((where / "issued.json").read_text(encoding="utf-8"))
    forced = f" despite open findings (forced: {reason})" if "forced" in record else ""
    click.echo(f"{symbol}: issued{forced}; kept in {where}")


@main.group(short_help="Take returned XLIFF translations in and build them.", epilog=EXIT_CODES)
def translate() -> None:
    """Translations: merge returned XLIFF files into documents in other languages.

    \b
    Example:
      ccm-report translate merge ~/Downloads/CCM_MSP_2025_7.en-fr.xlf
    """


@translate.command("merge", epilog=EXIT_CODES, short_help="Take returned XLIFF FILES in and build.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--replace",
    "replace_older",
    is_flag=True,
    help="Set aside an older file translating the same document into the same language.",
)
@inputs_option
@outputs_option
@templates_option
@reports_bugs
def merge(
    files: tuple[Path, ...], replace_older: bool, inputs_dir: Path, outputs_dir: Path, templates_dir: Path
) -> None:
    """Take returned XLIFF FILES into inputs/translations/ and build: each gives its document's
    Word, PDF and HTML in the target language. Each file is checked whole before it is taken; a file
    that fails is refused with its findings and displaces nothing; the others are taken and built
    (exit status 1 when any was refused).

    \b
    Examples:
      ccm-report translate merge ~/Downloads/CCM_MSP_2025_7.en-fr.xlf
      ccm-report translate merge --replace CCM_MSP_2025_7.en-es.xlf CCM_MSP_2025_7.en-fr.xlf
    """
    config = meeting_config(inputs_dir)
    refused = taken = 0
    for path in files:
        try:
            where, moved, notes = receive(path, inputs_dir, config, replace_older=replace_older)
        except TranslationRefused as exc:
            click.echo(f"ccm-report: {exc}", err=True)
            refused += 1
            continue
        taken += 1
        for note in notes:
            click.echo(str(note), err=True)
        for old in moved:
            click.echo(f"set aside: {old}")
        click.echo(f"{path}: taken in as {where}")
    status = 0
    if taken:
        try:
            click.get_current_context().invoke(
                build, inputs_dir=inputs_dir, outputs_dir=outputs_dir, templates_dir=templates_dir, final=False
            )
        except SystemExit as exc:  # the build's own status, said after the refusals
            status = exc.code if isinstance(exc.code, int) else 1
    if refused:
        others = "; the others were taken in" if taken else ""
        click.echo(f"ccm-report: {refused} of {len(files)} file(s) refused (above){others}", err=True)
        status = status or 1
    if status:
        sys.exit(status)


@main.command(epilog=EXIT_CODES, short_help="Show the status of the last build.")
@outputs_option
@reports_bugs
def status(outputs_dir: Path) -> None:
    """Show the status of the last build: each document, its drafts, translations and figures, and
    the acknowledged findings (from outputs/status.json; outputs/status.html shows the same).

    \b
    Example:
      ccm-report status
    """
    try:
        data = json.loads((outputs_dir / "status.json").read_text(encoding="utf-8"))
    except OSError:
        click.echo(f"ccm-report: no status in {outputs_dir}/ yet: run 'make report' first", err=True)
        sys.exit(1)
    except ValueError:
        click.echo(
            f"ccm-report: {outputs_dir}/status.json cannot be read (damaged?): run 'make report' again", err=True
        )
        sys.exit(1)
    for line in summary_lines(data):
        click.echo(line)


@main.command("new-meeting", epilog=EXIT_CODES, short_help="Archive this meeting and prepare the next one.")
@inputs_option
@outputs_option
@click.option(
    "--archive",
    "archive_dir",
    type=PATH,
    default=Path("archive"),
    show_default=True,
    help="Where each meeting's record goes: <archive>/<meeting>/, e.g. archive/13MSP-2025/.",
)
@click.option("--dry-run", is_flag=True, help="Say what would be done and print the checklist; change nothing.")
@reports_bugs
def new_meeting(inputs_dir: Path, outputs_dir: Path, archive_dir: Path, dry_run: bool) -> None:
    """Prepare the next meeting from this one: keep this meeting's inputs and outputs in
    archive/<meeting>/ (issued versions, translations and acknowledgements stay there), write the next
    meeting.yaml (the name moved on, the reporting period a year later; symbols' and job numbers'
    numbers and dates left as placeholders, findings until filled in), keep each section's last draft
    in drafts/<section>/previous/ and the data workbooks, and print the checklist of what to fill in.
    Everything is checked first: when anything is wrong, nothing is changed.

    \b
    Examples:
      ccm-report new-meeting --dry-run  what it would do, and the checklist
      ccm-report new-meeting
    """
    for line in prepare_next_meeting(inputs_dir, outputs_dir, archive_dir, dry_run=dry_run):
        click.echo(line)


REMIND_EXIT_CODES = """\b
Exit status:
  0   the reminders were written, and sent with --send (warnings allowed)
  1   the inputs have errors, or an e-mail was not sent: the messages say what to do
  2   wrong usage (an unknown option, a missing argument)
  70  ccm-report hit a bug: one line says so and where the log with the traceback is"""


@main.command(epilog=REMIND_EXIT_CODES, short_help="Write the reminders for missing drafts and overdue reports.")
@click.option(
    "--send",
    is_flag=True,
    help="Also send them, through meeting.yaml's mail.smtp; the password is read from the environment variable "
    "its password_env names. Each one sent is recorded in outputs/logs/reminders-sent.jsonl, and one sent in the "
    "last 7 days is not sent again. Without --send nothing leaves this machine.",
)
@click.option("--again", is_flag=True, help="With --send: send even those sent in the last 7 days.")
@click.option(
    "--overdue-only", is_flag=True, help="Leave out the drafts not yet due (the overdue reports are always in)."
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Count the days from this day instead of today's date (a reproducible run).",
)
@inputs_option
@outputs_option
@templates_option
@reports_bugs
def remind(
    send: bool,
    again: bool,
    overdue_only: bool,
    today: dt.datetime | None,
    inputs_dir: Path,
    outputs_dir: Path,
    templates_dir: Path,
) -> None:
    """Write one e-mail per coordinator whose section's draft has not arrived and per State Party whose
    Article 7 report is overdue, as .eml files in outputs/reminders/ (a fresh set each time), in their
    language where templates/email/ has it. Read them, then --send them.

    \b
    Examples:
      ccm-report remind                        write them; nothing is sent
      ccm-report remind --today 2025-07-01     as they would be written on that day
      ccm-report remind --overdue-only         only what is past its due date
      CCM_SMTP_PASSWORD=... ccm-report remind --send
      CCM_SMTP_PASSWORD=... ccm-report remind --send --again    also those sent in the last 7 days
    """
    if again and not send:
        raise click.UsageError("--again is for --send: it sends again what was sent in the last 7 days")
    day = today.date() if today else dt.date.today()
    result = reminders.remind(
        inputs_dir,
        outputs_dir,
        templates_dir,
        today=day,
        send=send,
        again=again,
        overdue_only=overdue_only,
        progress=_progress,
    )
    for line, on_stderr in reminders.remind_lines(result):
        click.echo(line, err=on_stderr)
    if reminders.failed(result):
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
