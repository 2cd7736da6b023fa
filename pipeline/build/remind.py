"""``ccm-report remind``: the reminders of the yearly cycle, written into outputs/reminders/ and sent on request.

``check`` reads the inputs (the drafts through pandoc, its readings cached in outputs/.cache/pandoc);
compute's Article 7 rules find the reports overdue on ``today``; the remind stage composes one e-mail
per recipient; they are written as .eml files, a fresh set replacing the last one whole; with
``send``, they are then handed to meeting.yaml's mail server, less those sent in the last 7 days by
the record kept in outputs/logs/reminders-sent.jsonl. Nothing leaves the machine otherwise.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import yaml

from pipeline.build.progress import Progress, Step, quiet
from pipeline.build.run import check
from pipeline.compute.article7 import annual_reports, initial_reports
from pipeline.compute.indicators import data_year, states_parties
from pipeline.errors import Diagnostic, InputsInvalid, OutputError, Severity
from pipeline.intake.files import display
from pipeline.locale import un_order
from pipeline.model import Config, Dataset, Period, SmtpServer
from pipeline.publish.outputs import exclusive, replace_folder
from pipeline.remind import (
    LOG,
    Delivery,
    OverdueReport,
    Reminder,
    Sending,
    awaited_drafts,
    compose,
    email_message,
    last_sent,
    load_templates,
    send_all,
    sent_lately,
    sent_line,
    state_contacts,
)
from pipeline.remind.send import SendProblem

FOLDER = "reminders"  # outputs/reminders/


@dataclass(frozen=True)
class RemindResult:
    """What ``remind`` did: the files written (as the user sees them) with their reminders, the findings
    (those who could not be written to, a meeting over), and when sent: what became of each (None:
    nothing was sent), those left out as sent lately with the day they were, and the log."""

    written: tuple[tuple[str, Reminder], ...]
    diagnostics: tuple[Diagnostic, ...]
    folder: str
    sending: Sending | None = None
    server: str = ""  # "smtp.example.org:587" when sent
    already: Mapping[str, dt.date] = field(default_factory=dict)  # file (as shown) -> the day it was sent
    log: str = ""  # "outputs/logs/reminders-sent.jsonl"


def remind(
    inputs_dir: Path,
    outputs_dir: Path,
    templates_dir: Path,
    *,
    today: dt.date,
    send: bool = False,
    again: bool = False,
    overdue_only: bool = False,
    now: dt.datetime | None = None,
    environ: Mapping[str, str] = os.environ,
    progress: Progress = quiet,
) -> RemindResult:
    """Every reminder due on ``today`` written into ``outputs_dir``/reminders/ (dated ``now``, by default
    the clock's time), without the drafts not yet due when ``overdue_only``; with ``send``, sent through
    meeting.yaml's ``mail.smtp``, the password read from ``environ``, each one the server takes recorded in
    outputs/logs/reminders-sent.jsonl, and one sent in the last 7 days left out unless ``again``. Stops
    before writing anything when meeting.yaml or the data have errors, or when ``send`` cannot send."""
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
        server, password = (
            _sending(config, _mail_place(inputs_dir / "meeting.yaml", meeting_file), environ) if send else (None, "")
        )
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
            overdue_only=overdue_only,
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
    by_file = {reminder.file: reminder for reminder in reminders}
    log_path = outputs_dir / LOG
    with _held(log_path) as log:
        log.seek(0)
        sent = last_sent(log.read().splitlines())
        already = {} if again else {r.file: day for r in reminders if (day := sent_lately(r, sent, today))}

        def record(delivery: Delivery) -> None:
            # at once, so that a run cut short still knows what it sent
            if delivery.accepted:
                moment = now or dt.datetime.now(dt.UTC).astimezone()
                log.write(sent_line(by_file[delivery.file], delivery.accepted, f"{FOLDER}/{delivery.file}", moment))
                log.flush()

        progress(Step(f"send through {server.host}"))
        sending = send_all([m for m in messages if m[0] not in already], server, password, delivered=record)
    named = Sending(
        tuple(Delivery(f"{shown}/{d.file}", d.accepted, d.failed) for d in sending.deliveries),
        sending.stopped,
        tuple(f"{shown}/{file}" for file in sending.untried),
    )
    return RemindResult(
        written,
        tuple(found),
        shown,
        named,
        f"{server.host}:{server.port}",
        {f"{shown}/{file}": day for file, day in already.items()},
        display(log_path),
    )


def remind_lines(result: RemindResult) -> list[tuple[str, bool]]:
    """What the command prints, in order, each line with whether it goes to stderr: the findings (with
    no key: there is nothing to acknowledge), each file with its recipients and why (when sent: whether
    it was, or why not), why the sending stopped if it did, then the summaries."""
    lines = [(f"{d.location}: {d.severity.name}: {d.message} [{d.code}]", True) for d in result.diagnostics]
    sending = result.sending
    outcome = {d.file: d for d in sending.deliveries} if sending else {}
    for path, r in result.written:
        delivery = outcome.get(path)
        if sending is None:
            lines.append((f"{path}: to {', '.join(map(str, r.to))} ({r.why})", False))
        elif path in result.already:
            day = result.already[path].isoformat()
            lines.append((f"{path}: already sent on {day} ({result.log}); --again sends it anyway", False))
        elif delivery is not None and delivery.failed and delivery.accepted:
            lines.append(
                (f"{path}: sent to {', '.join(delivery.accepted)}, NOT to the others: {delivery.failed}", True)
            )
        elif delivery is not None and delivery.failed:
            lines.append((f"{path}: NOT SENT: {delivery.failed}", True))
        elif delivery is not None:
            lines.append((f"{path}: sent to {', '.join(delivery.accepted)} ({r.why})", False))
    if sending is not None and sending.stopped:
        left = len(sending.untried)
        lines.append(
            (
                f"NOT SENT: {sending.stopped}; stopped there: the {left} e-mail{'s' * (left != 1)} left "
                f"{'were' if left != 1 else 'was'} not tried; run it again once that is fixed (what was sent is "
                f"not sent twice: {result.log})",
                True,
            )
        )
    coordinators = sum(1 for _path, r in result.written if r.kind == "coordinator")
    summary = (
        f"{len(result.written)} reminder(s) written to {result.folder}/: {coordinators} to coordinators, "
        f"{len(result.written) - coordinators} to States Parties"
    )
    wanting = sum(1 for d in result.diagnostics if d.code.startswith("remind.no-"))
    if wanting:
        summary += f"; {wanting} not written for want of a contact (above)"
    if sending is None:
        return [*lines, (summary + "; nothing was sent (ccm-report remind --send sends them)", False)]
    lines.append((summary, False))
    refused = sum(1 for d in sending.deliveries if not d.ok)
    total = (
        f"{len(sending.deliveries) - refused} sent through {result.server}, {refused + len(sending.untried)} not sent"
    )
    if result.already:
        total += f", {len(result.already)} already sent (left out)"
    return [*lines, (total, False)]


def failed(result: RemindResult) -> bool:
    """Whether an e-mail was to be sent and was not (the exit status 1)."""
    sending = result.sending
    return sending is not None and (bool(sending.stopped) or not all(d.ok for d in sending.deliveries))


@contextmanager
def _held(log_path: Path) -> Iterator[IO[str]]:
    """The sent log, open to read and append, held by this run alone: two runs sending at once would
    each send what the other is sending."""
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log = log_path.open("a+", encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{display(log_path)}: cannot be written ({exc.strerror}); nothing was sent") from None
    with log:
        try:
            fcntl.flock(log, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(
                f"{display(log_path)}: another 'ccm-report remind --send' is sending; wait for it to finish, then "
                "run it again (what it sent is not sent twice); nothing was sent"
            ) from None
        yield log


def _mail_place(path: Path, shown: str) -> str:
    """Where in meeting.yaml the mail server goes: "inputs/meeting.yaml:41" (the line of ``mail:``, else
    the file's last line); the file alone when it cannot be read here."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # nodes only: nothing is constructed
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return shown
    if isinstance(root, yaml.MappingNode):
        for key, _value in root.value:
            if key.value == "mail":
                return f"{shown}:{key.start_mark.line + 1}"
    return f"{shown}:{max(1, len(text.splitlines()))}"


def _about_settings(finding: Diagnostic) -> bool:
    """A finding that makes the reminders wrong: meeting.yaml's (the calendar, the contacts) or the data's
    (the reports, the States' contacts). A draft's own error is a reason to write, not to stop."""
    return finding.code.startswith(("config", "data"))


def _sending(config: Config, meeting_place: str, environ: Mapping[str, str]) -> tuple[SmtpServer, str]:
    """The server and the password, or why they cannot send, before anything is written or connected to;
    ``meeting_place`` is meeting.yaml and the line of its ``mail:`` ("inputs/meeting.yaml:41")."""
    server = config.mail.smtp
    if server is None:
        raise SendProblem(
            f"{meeting_place}: --send needs the mail server: add it under mail, e.g. 'smtp: {{host: "
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
