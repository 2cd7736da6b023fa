"""How the command line ends when something goes wrong: an expected failure printed cleanly (its findings,
one message, its exit status), a bug told in one line with the traceback kept in a log."""

from __future__ import annotations

import datetime as dt
import functools
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import CcmReportError, Severity
from pipeline.intake.files import display

BUG_EXIT = 70  # EX_SOFTWARE in sysexits.h: an internal error, never a problem of the inputs


def print_diagnostics(diagnostics) -> None:
    for d in diagnostics:
        click.echo(str(d), err=True)
    errors = sum(1 for d in diagnostics if d.severity >= Severity.ERROR)
    warnings = sum(1 for d in diagnostics if d.severity == Severity.WARNING and not d.acknowledged)
    acknowledged = sum(1 for d in diagnostics if d.severity == Severity.WARNING and d.acknowledged)
    if diagnostics:
        also = f", {acknowledged} acknowledged" if acknowledged else ""
        click.echo(f"{errors} error(s), {warnings} warning(s){also}", err=True)


def fail(exc: CcmReportError) -> None:
    """An expected failure: its findings and one message, no traceback."""
    print_diagnostics(exc.diagnostics)
    click.echo(f"ccm-report: {exc}", err=True)
    sys.exit(exc.exit_code)


def reports_bugs(command: Callable) -> Callable:
    """A command whose unexpected exceptions (bugs of ccm-report, not problems of the inputs) are told
    in one line naming the log that holds the traceback, with exit status :data:`BUG_EXIT`."""

    @functools.wraps(command)
    def run(**options):
        try:
            return command(**options)
        except CcmReportError as exc:
            fail(exc)
        except click.ClickException:  # usage errors raised late: click prints them (exit 2)
            raise
        except BrokenPipeError:  # the reader went away ("| head"): the work is done, the rest unread
            devnull = os.open(os.devnull, os.O_WRONLY)
            for stream in (sys.stdout, sys.stderr):
                os.dup2(devnull, stream.fileno())
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001 - whatever escaped is a bug: told, logged, never hidden
            log = _bug_log(command.__name__, options.get("outputs_dir"), exc)
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            click.echo(
                f"ccm-report hit a bug: {type(exc).__name__}: {exc} (in {Path(frame.filename).name}:"
                f"{frame.lineno}); please report it with the log at {log}",
                err=True,
            )
            sys.exit(BUG_EXIT)

    return run


def _bug_log(command: str, outputs_dir: Path | None, exc: Exception) -> str:
    """This run's log, with the traceback: in outputs/logs/, or the temporary folder when the command
    has no outputs folder or it cannot be written."""
    moment = dt.datetime.now(dt.UTC)
    text = (
        f"ccm-report {__version__} hit a bug at {moment:%Y-%m-%d %H:%M:%S} UTC\n"
        f"command: ccm-report {' '.join(sys.argv[1:])}\n"
        f"Python {platform.python_version()} on {platform.platform()}\n\n" + "".join(traceback.format_exception(exc))
    )
    folders = ([outputs_dir / "logs"] if outputs_dir is not None else []) + [
        Path(tempfile.gettempdir()) / "ccm-report-logs"
    ]
    for folder in folders:
        path = folder / f"{command}-{moment:%Y%m%d-%H%M%S}.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:  # a build's own log of this second is kept
                handle.write(text)
            return display(path)
        except OSError:
            continue
    click.echo(text, err=True)  # nowhere to write: the traceback itself, so that nothing is lost
    return "(printed above)"
