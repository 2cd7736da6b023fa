"""The options several commands share, and what every command's help ends with."""

from __future__ import annotations

from pathlib import Path

import click

PATH = click.Path(path_type=Path, file_okay=False)

inputs_option = click.option(
    "--inputs",
    "inputs_dir",
    type=PATH,
    default=Path("inputs"),
    show_default=True,
    help="Folder with meeting.yaml, drafts/, data/ and translations/.",
)
outputs_option = click.option(
    "--outputs",
    "outputs_dir",
    type=PATH,
    default=Path("outputs"),
    show_default=True,
    help="The outputs folder: documents, status and logs.",
)
templates_option = click.option(
    "--templates",
    "templates_dir",
    type=PATH,
    default=Path("templates"),
    show_default=True,
    help="Folder with the Word templates (and email/, the reminders' wording).",
)
final_option = click.option(
    "--final",
    is_flag=True,
    help="Final mode, before sending to the UN: every warning not acknowledged in inputs/acknowledged.yaml "
    "is an error.",
)

EXIT_CODES = """\b
Exit status:
  0   done (warnings allowed, except with --final)
  1   the inputs have errors, or a tool is missing: the messages say what to do
  2   wrong usage (an unknown option, a missing argument)
  70  ccm-report hit a bug: one line says so and where the log with the traceback is"""

# Wide enough that no help line is cut short.
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


__all__ = ["CONTEXT", "EXIT_CODES", "PATH", "final_option", "inputs_option", "outputs_option", "templates_option"]
