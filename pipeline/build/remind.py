"""``ccm-report remind``: the reminders of the yearly cycle, written into outputs/reminders/ and sent on request.

``check`` reads the inputs (the drafts through pandoc, its readings cached in outputs/.cache/pandoc);
compute's Article 7 rules find the reports overdue on ``today``; the remind stage composes one e-mail
per recipient; they are written as .eml files, a fresh set replacing the last one whole; with
``send``, they are then handed to meeting.yaml's mail server. Nothing leaves the machine otherwise.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.build.progress import Step
from pipeline.build.run import Progress, check
from pipeline.compute.article7 import annual_reports, initial_reports
from pipeline.compute.indicators import data_year, states_parties
from pipeline.errors import Diagnostic, InputsInvalid, Severity
from pipeline.intake.files import display
from pipeline.locale import un_order
from pipeline.model import Config, Dataset, Period, SmtpServer
from pipeline.publish.outputs import exclusive, replace_folder
from pipeline.remind import (
    Delivery,
    OverdueReport,
    Reminder,
    awaited_drafts,
    compose,
    email_message,
    load_templates,
    send_all,
    state_contacts,
)
from pipeline.remind.send import SendProblem

FOLDER = "reminders"  # outputs/reminders/


@dataclass(frozen=True)
class RemindResult:
    """What ``remind`` did: the files written (as the user sees them) with their reminders, the findings
    (those who could not be written to), and each delivery when sent (None: nothing was sent)."""

    written: tuple[tuple[str, Reminder], ...]
    diagnostics: tuple[Diagnostic, ...]
    folder: str
    deliveries: tuple[Delivery, ...] | None = None
    server: str = ""  # "smtp.example.org:587" when sent


def remind(
    inputs_dir: Path,
    outputs_dir: Path,
    templates_dir: Path,
    *,
    today: dt.date,
    send: bool = False,
    now: dt.datetime | None = None,
    environ: Mapping[str, str] = os.environ,
    progress: Progress = lambda _: None,
) -> RemindResult:
    """Every reminder due on ``today`` written into ``outputs_dir``/reminders/ (dated ``now``, by default
    the clock's time); with ``send``, sent through meeting.yaml's ``mail.smtp``, the password read from
    ``environ``. Stops before writing anything when meeting.yaml or the data have errors, or when
    ``send`` cannot send (no server, no password)."""
    with exclusive(outputs_dir):
        inputs, diagnostics = check(
            inputs_dir, templates_dir, cache=outputs_dir / ".cache" / "pandoc", progress=progress
        )
        config = inputs.config
        stopping = [d for d in diagnostics if d.severity >= Severity.ERROR and (config is None or _about_settings(d))]
        if config is None or stopping:
            raise InputsInvalid(
                "the reminders need meeting.yaml and the data without errors; nothing was written", tuple(stopping)
            )
        meeting_file = display(inputs_dir / "meeting.yaml")
        server, password = _sending(config, meeting_file, environ) if send else (None, "")
        if not config.mail.sender:
            raise InputsInvalid(
                f"{meeting_file} does not say who sends the reminders: add "
                "'mail: {from: CCM Implementation Support Unit <isu@example.org>}'; nothing was written"
            )
        progress(Step("compose reminders"))
        templates = load_templates(templates_dir / "email", display(templates_dir / "email"))
        reminders, found = compose(
            config,
            awaited_drafts(config, inputs.drafts, inputs.problems),
            overdue_reports(inputs.data, config.meeting.reporting_period, today),
            state_contacts(inputs.data),
            today,
            templates,
            meeting_file=meeting_file,
            data_folder=display(inputs_dir / "data") + "/",
        )
        when = now or dt.datetime.now(dt.UTC).astimezone()
        messages = [(reminder.file, email_message(reminder, config.mail, when)) for reminder in reminders]
        folder = replace_folder(outputs_dir, FOLDER, {file: message.as_bytes() for file, message in messages})
    shown = display(folder)
    written = tuple((f"{shown}/{reminder.file}", reminder) for reminder in reminders)
    if server is None:
        return RemindResult(written, tuple(found), shown)
    progress(Step(f"send through {server.host}"))
    deliveries = send_all(messages, server, password)
    named = tuple(Delivery(f"{shown}/{d.file}", d.accepted, d.failed) for d in deliveries)
    return RemindResult(written, tuple(found), shown, named, f"{server.host}:{server.port}")


def remind_lines(result: RemindResult) -> list[tuple[str, bool]]:
    """What the command prints, in order, each line with whether it goes to stderr: who has no contact
    (with no key: there is nothing to acknowledge), each file with its recipients and why, the summary,
    then each delivery and theirs."""
    lines = [(f"{d.location}: {d.severity.name}: {d.message} [{d.code}]", True) for d in result.diagnostics]
    lines += [(f"{path}: to {', '.join(map(str, r.to))} ({r.why})", False) for path, r in result.written]
    coordinators = sum(1 for _path, r in result.written if r.kind == "coordinator")
    summary = (
        f"{len(result.written)} reminder(s) written to {result.folder}/: {coordinators} to coordinators, "
        f"{len(result.written) - coordinators} to States Parties"
    )
    if result.diagnostics:
        summary += f"; {len(result.diagnostics)} not written for want of a contact (above)"
    if result.deliveries is None:
        return [*lines, (summary + "; nothing was sent (ccm-report remind --send sends them)", False)]
    lines.append((summary, False))
    for d in result.deliveries:
        lines.append(
            (f"{d.file}: NOT SENT: {d.failed}", True)
            if d.failed
            else (f"{d.file}: sent to {', '.join(d.accepted)}", False)
        )
    failed = sum(1 for d in result.deliveries if not d.ok)
    return [*lines, (f"{len(result.deliveries) - failed} sent through {result.server}, {failed} not sent", False)]


def _about_settings(finding: Diagnostic) -> bool:
    """A finding that makes the reminders wrong: meeting.yaml's (the calendar, the contacts) or the data's
    (the reports, the States' contacts). A draft's own error is a reason to write, not to stop."""
    return finding.code.startswith(("config", "data"))


def _sending(config: Config, meeting_file: str, environ: Mapping[str, str]) -> tuple[SmtpServer, str]:
    """The server and the password, or why they cannot send, before anything is written or connected to."""
    server = config.mail.smtp
    if server is None:
        raise SendProblem(
            f"--send needs the mail server: add it to {meeting_file} under mail, e.g. 'smtp: {{host: "
            "smtp.example.org, port: 587, security: starttls, username: isu@example.org}'; nothing was written"
        )
    password = environ.get(server.password_env, "") if server.username else ""
    if server.username and not password:
        raise SendProblem(
            f"mail.smtp logs in as {server.username} with the password in the environment variable "
            f"{server.password_env}, which is not set; set it in the shell that sends (export "
            f"{server.password_env}=...), never in a file; nothing was written"
        )
    if server.username and server.security == "none":
        raise SendProblem(
            f"mail.smtp logs in as {server.username} with security: none, and a password is never sent "
            f"unencrypted; use security: starttls (port 587) or tls (port 465); nothing was written"
        )
    return server, password


def overdue_reports(data: Dataset, period: Period, today: dt.date) -> tuple[OverdueReport, ...]:
    """The Article 7 reports overdue on ``today``, by compute's rules (pipeline.compute.article7) counted on
    that day rather than at the period's end: the annual reports on the year the meeting's documents
    report (``data_year``) and the initial reports, of the States Parties bound on ``today``, not
    submitted by then and past their due date (due yesterday or before)."""
    parties = states_parties(data.sheet("States"), today)
    reports = data.sheet("Article7")
    year = data_year(period)
    code = {str(r["State"]): str(r["ISO3"]) for r in parties}
    annual = {r["ISO3"]: r for r in reports if r["Report"] == "Annual" and r["Year covered"] == year}
    initial = {r["ISO3"]: r for r in reports if r["Report"] == "Initial"}
    found = []
    for kind, rows, states in (
        ("Annual", annual, annual_reports(parties, reports, year, today).overdue_states),
        ("Initial", initial, initial_reports(parties, reports, today)[1]),
    ):
        for state in states:
            row = rows[code[state]]
            due = row["Due"]
            if isinstance(due, dt.date) and due < today:
                found.append(OverdueReport(code[state], state, kind, int(str(row["Year covered"])), due))
    return tuple(sorted(found, key=lambda r: (un_order(r.state), r.due)))
