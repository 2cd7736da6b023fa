"""ccm-report remind: whom the reminders go to and what they say, the .eml files as a mail program reads
them, and their delivery to a real SMTP server on loopback (aiosmtpd; STARTTLS with a throwaway
authority from trustme, trusted through SSL_CERT_FILE as the system's would be).

The sample is read once for the module, with two sections' drafts removed (universalization: Italy and
South Africa, in English; stockpile-destruction: Peru in Spanish and Switzerland in French), on 1 July 2025:
18 days after the drafts' due date (13 June), 62 after the annual reports' (30 April).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import socket
import ssl
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import MappingProxyType

import pytest
from click.testing import CliRunner

from pipeline.build import check
from pipeline.build.remind import overdue_reports
from pipeline.cli import main
from pipeline.compute.indicators import indicators
from pipeline.model import Contact, Dataset
from pipeline.publish.outputs import replace_folder
from pipeline.remind import awaited_drafts, compose, load_templates, send_all, state_contacts
from pipeline.remind.compose import slug
from pipeline.remind.send import SendProblem
from pipeline.remind.texts import TemplateProblem, Templates
from tests.conftest import TEMPLATES, Project, copy_project

TODAY = dt.date(2025, 7, 1)
REMOVED = {"universalization": ("Italy", "South Africa"), "stockpile-destruction": ("Peru", "Switzerland")}
EMAIL_TEMPLATES = load_templates(TEMPLATES / "email")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Project:
    """A copy of the sample whose universalization and stockpile-destruction drafts were removed."""
    project = copy_project(tmp_path_factory.mktemp("remind"))
    for section in REMOVED:
        project.clear_drafts(section)
    return project


@pytest.fixture(scope="module")
def read(sample):
    inputs, _findings = check(sample.inputs, TEMPLATES)
    return inputs


def run(project: Project, *args: str, env: dict | None = None):
    """``ccm-report remind ARGS`` in-process, from the project folder, as on 1 July 2025."""
    options = ["--inputs", str(project.inputs), "--outputs", str(project.outputs), "--templates", str(TEMPLATES)]
    return CliRunner(env=env).invoke(main, ["remind", "--today", TODAY.isoformat(), *args, *options])


@pytest.fixture(scope="module")
def written(sample):
    """The command run once, without --send: what it printed, and the files it wrote."""
    done = run(sample)
    return done, {p.name: p.read_bytes() for p in sorted((sample.outputs / "reminders").glob("*.eml"))}


def reminders_of(read, today=TODAY, templates=EMAIL_TEMPLATES, **changes):
    config = dataclasses.replace(read.config, **changes.pop("config", {}))
    data = changes.pop("data", read.data)
    awaited = awaited_drafts(config, read.drafts, changes.pop("problems", read.problems))
    overdue = overdue_reports(data, config.meeting.reporting_period, today)
    return compose(config, awaited, overdue, state_contacts(data), today, templates)


def parsed(raw: bytes):
    return BytesParser(policy=policy.default).parsebytes(raw)


def text_of(message) -> str:
    """The body as a mail program shows it (the parser keeps the wire's CRLF in an 8-bit body)."""
    return message.get_content().replace("\r\n", "\n")


# --- whom, and what they are told --------------------------------------------------------------------------


def test_the_samples_overdue_states_get_one_email_each_in_their_language(read):
    reminders, findings = reminders_of(read)
    states = [r for r in reminders if r.kind == "state"]
    period = read.config.meeting.reporting_period
    figures = indicators(read.data, period).figures  # the figures the status and the report print
    overdue = set(figures["article7.annual.overdue_states"]) | set(figures["article7.initial.overdue_states"])
    assert len(states) == len(overdue) == 32 and findings == []
    assert {r.file for r in states} == {f"article7-{slug(name)}.eml" for name in overdue}
    by_file = {r.file: r for r in states}
    uruguay, mali, mauritania = (
        by_file["article7-uruguay.eml"],
        by_file["article7-mali.eml"],
        by_file["article7-mauritania.eml"],
    )
    assert (uruguay.language, mali.language) == ("es", "fr")
    assert mauritania.language == "en"  # its contact writes in Arabic: there is no Arabic template
    assert str(uruguay.to[0]) == "Punto focal del artículo 7 (Uruguay) <article7.ury@example.org>"
    assert uruguay.subject == "Uruguay: informe de transparencia (artículo 7) atrasado"
    assert (
        "el informe anual correspondiente al año civil 2024, que debía presentarse a más tardar el 30 de abril de 2025: 62 días de retraso."
        in uruguay.body
    )
    assert mali.subject == "Mali : rapport de transparence (article 7) en retard"
    assert (
        "le rapport annuel portant sur l'année civile 2024, attendu au plus tard le 30 avril 2025 : 62 jours de retard."
        in mali.body
    )
    belize = by_file["article7-belize.eml"]  # its initial report is overdue too: one e-mail for both
    assert belize.subject == "Belize: Article 7 transparency reports overdue"
    assert "- the initial report, due by 28 August 2015: more than 9 years overdue." in belize.body
    assert "- the annual report covering the calendar year 2024, due by 30 April 2025: 62 days overdue." in belize.body
    assert belize.why == (
        "initial report, due 28 August 2015, 3,595 days overdue; annual report on 2024, due 30 April 2025, 62 days overdue"
    )


def test_a_section_whose_draft_is_removed_gets_its_coordinators_emails_with_the_days_overdue(read):
    reminders, _findings = reminders_of(read)
    coordinators = {r.file: r for r in reminders if r.kind == "coordinator"}
    assert sorted(coordinators) == [
        "coordinator-italy.eml",
        "coordinator-peru.eml",
        "coordinator-south-africa.eml",
        "coordinator-switzerland.eml",
    ]
    italy = coordinators["coordinator-italy.eml"]
    assert str(italy.to[0]) == "Mr. Marco Bianchi <coordinator.italy@example.org>"
    assert italy.subject == "Reminder: draft of “Universalization” for CCM/MSP/2025/7 (overdue)"
    assert italy.body.startswith(
        "Dear Mr. Marco Bianchi,\n\nWe have not yet received the following draft for the Thirteenth Meeting of States Parties (Geneva, 16-19 September 2025), which Italy coordinates:"
    )
    assert "(coordinated with South Africa).\n  It was due on 13 June 2025 and is now 18 days overdue." in italy.body
    assert "by replying to this e-mail (isu@example.org)" in italy.body
    assert "go to the United Nations for processing on 8 July 2025" in italy.body
    assert "inputs/drafts" not in italy.body and "universalization/" not in italy.body  # the folder is the ISU's own
    assert italy.why == "draft of Universalization (CCM/MSP/2025/7), due 13 June 2025, 18 days overdue"
    switzerland, peru = coordinators["coordinator-switzerland.eml"], coordinators["coordinator-peru.eml"]
    assert switzerland.language == "fr" and peru.language == "es"
    assert (
        "coordination : Pérou et Suisse.\n  Ce projet était attendu le 13 juin 2025 ; il a 18 jours de retard."
        in switzerland.body
    )
    assert "coordinación: Perú y Suiza.\n  Se esperaba el 13 de junio de 2025; lleva 18 días de retraso." in peru.body


def test_before_the_due_date_a_reminder_counts_the_days_left_and_an_unusable_file_is_said(read):
    reminders, _findings = reminders_of(
        read, today=dt.date(2025, 6, 10), problems={"universalization": "the file is password-protected"}
    )
    italy = next(r for r in reminders if r.file == "coordinator-italy.eml")
    assert "It is due on 13 June 2025, in 3 days." in italy.body
    assert (
        "The file we received could not be used (the file is password-protected); please send it again." in italy.body
    )
    assert italy.subject == "Reminder: draft of “Universalization” for CCM/MSP/2025/7"
    # on 10 June the annual reports (due 30 April) are overdue, by 41 days
    assert any("41 days overdue" in r.body for r in reminders if r.kind == "state")


def test_whoever_has_no_contact_is_a_warning_naming_what_to_add_where_and_the_others_are_written(read):
    coordinators = {k: v for k, v in read.config.coordinators.items() if k != "Italy"}
    contacts = tuple(r for r in read.data.sheet("Contacts") if r["ISO3"] != "BLZ")
    data = Dataset(MappingProxyType({**read.data.records, "Contacts": contacts}))
    reminders, findings = reminders_of(read, config={"coordinators": MappingProxyType(coordinators)}, data=data)
    assert [str(f) for f in findings] == [
        f"inputs/meeting.yaml: WARNING: no reminder to Italy, coordinator of 'Universalization', whose draft has not "
        f"arrived: there is no contact for Italy; add one under coordinators: Italy: {{name: ..., email: ..., "
        f"language: en}} [remind.no-contact] (key {findings[0].key})",
        f"inputs/data/:Contacts: WARNING: no reminder to Belize (BLZ) about its initial report, due 28 August 2015, "
        f"3,595 days overdue; annual report on 2024, due 30 April 2025, 62 days overdue: the Contacts sheet has no "
        f"row for BLZ; add one (ISO3, State, Name, Email, Language) [remind.no-contact] (key {findings[1].key})",
    ]
    assert len(reminders) == 3 + 31
    without_sheet = Dataset(MappingProxyType({k: v for k, v in read.data.records.items() if k != "Contacts"}))
    reminders, findings = reminders_of(read, data=without_sheet)
    assert [f.code for f in findings] == ["remind.no-contacts-sheet"]
    assert (
        "no reminder to the 32 States Parties whose Article 7 reports are overdue (Afghanistan, " in findings[0].message
    )
    assert len(reminders) == 4  # the coordinators are still written to


def test_a_state_with_several_addresses_gets_one_email_to_all_of_them(read):
    contacts = tuple(
        dataclasses.replace(r, values=MappingProxyType({**r.values, "Email": "a7@example.org; focal@example.org"}))
        if r["ISO3"] == "BLZ"
        else r
        for r in read.data.sheet("Contacts")
    )
    data = Dataset(MappingProxyType({**read.data.records, "Contacts": contacts}))
    reminders, _findings = reminders_of(read, data=data)
    belize = next(r for r in reminders if r.file == "article7-belize.eml")
    assert [str(r) for r in belize.to] == [
        "Article 7 focal point (Belize) <a7@example.org>",
        "Article 7 focal point (Belize) <focal@example.org>",
    ]


def test_text_from_the_inputs_is_never_run_and_cannot_add_a_header(read):
    hostile = Contact("Ms. {{ 7*7 }}\r\nBcc: everyone@example.org", "coordinator.italy@example.org")
    coordinators = {**read.config.coordinators, "Italy": hostile}
    reminders, _findings = reminders_of(read, config={"coordinators": MappingProxyType(coordinators)})
    italy = next(r for r in reminders if r.file == "coordinator-italy.eml")
    assert italy.body.startswith("Dear Ms. {{ 7*7 }}\r\nBcc: everyone@example.org,")
    assert italy.to[0].name == "Ms. {{ 7*7 }} Bcc: everyone@example.org"  # one line: no header of its own


def test_a_template_that_does_not_work_is_named_with_what_to_do(read):
    english = {
        name: (TEMPLATES / "email" / name).read_text(encoding="utf-8")
        for name in ("en/coordinator.txt.j2", "en/state.txt.j2")
    }
    with pytest.raises(
        TemplateProblem,
        match=r"templates/email/en/state.txt.j2: the template uses a value that does not exist \('dict object' has no attribute 'deadline'\)",
    ):
        reminders_of(read, templates=Templates({**english, "en/state.txt.j2": "Subject: {{ reports[0].deadline }}"}))
    with pytest.raises(
        TemplateProblem, match="the first line must be the subject, written 'Subject: ...'; it is 'Dear colleagues,'"
    ):
        reminders_of(read, templates=Templates({**english, "en/state.txt.j2": "Dear colleagues,\n"}))
    with pytest.raises(TemplateProblem, match=r"templates/email/en/coordinator.txt.j2 is missing"):
        Templates({"en/state.txt.j2": english["en/state.txt.j2"]})


# --- the files ---------------------------------------------------------------------------------------------


def test_the_command_writes_one_file_per_email_and_prints_to_whom_and_why(written):
    done, files = written
    assert done.exit_code == 0, done.output
    assert len(files) == 4 + 32
    lines = done.stdout.splitlines()
    assert (
        "reminders/coordinator-italy.eml: to Mr. Marco Bianchi <coordinator.italy@example.org> (draft of Universalization (CCM/MSP/2025/7), due 13 June 2025, 18 days overdue)"
        in "\n".join(lines)
    )
    assert lines[-1].endswith(
        "reminders/: 4 to coordinators, 32 to States Parties; nothing was sent (ccm-report remind --send sends them)"
    )
    assert lines[-1].startswith("36 reminder(s) written to ")


def test_each_file_is_an_rfc_5322_message_in_utf_8_that_parses_back(written):
    _done, files = written
    for name, raw in files.items():
        assert raw.isascii() or raw.split(b"\r\n\r\n", 1)[0].isascii(), name  # headers are 7-bit
        assert all(len(line) <= 998 for line in raw.split(b"\r\n")) and b"\n" not in raw.replace(b"\r\n", b"")
        message = parsed(raw)
        assert message.defects == [] and all(not message[h].defects for h in message.keys()), name
        assert message["From"] == "CCM Implementation Support Unit <isu@example.org>"
        assert message["Reply-To"] == "CCM Implementation Support Unit <isu@example.org>"
        assert parsedate_to_datetime(message["Date"]).tzinfo is not None
        assert re.fullmatch(r"<[^<>@\s]+@example\.org>", message["Message-ID"])
        assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    switzerland = parsed(files["coordinator-switzerland.eml"])
    assert switzerland["To"] == "Mme Claire Dubois <coordination.suisse@example.org>"
    assert (
        switzerland["Subject"]
        == "Rappel : projet de section « Stockpile destruction and retention » (CCM/MSP/2025/7) en retard"
    )
    assert switzerland["Content-Language"] == "fr"
    assert "Madame, Monsieur,\n\nNous n'avons pas encore reçu le projet de la section suivante" in text_of(switzerland)
    uruguay = parsed(files["article7-uruguay.eml"])
    assert uruguay["To"] == '"Punto focal del artículo 7 (Uruguay)" <article7.ury@example.org>'  # RFC 2047, decoded
    assert "Convención sobre Municiones en Racimo" in text_of(uruguay)


def test_a_fresh_set_replaces_the_last_one_whole(tmp_path):
    (tmp_path / "reminders").mkdir()
    (tmp_path / "reminders" / "coordinator-belgium.eml").write_bytes(b"last week's")
    replace_folder(tmp_path, "reminders", {"article7-belize.eml": b"today's"})
    assert [p.name for p in (tmp_path / "reminders").iterdir()] == ["article7-belize.eml"]
    assert [p.name for p in tmp_path.iterdir()] == ["reminders"]  # no staging folder left behind


# --- sending, to a real SMTP server on loopback ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps what it receives and refuses the ``refused`` recipients (550)."""

    def __init__(self, refused=()):
        self.received: list[tuple[list[str], object]] = []
        self.refused = set(refused)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos), parsed(envelope.content)))
        return "250 Message accepted for delivery"


@pytest.fixture
def mail_server(tmp_path, monkeypatch):
    """A real SMTP server on 127.0.0.1 with STARTTLS (a certificate from a throwaway authority, which the
    client trusts through SSL_CERT_FILE) and AUTH (login isu, the password below), refusing one recipient."""
    aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
    trustme = pytest.importorskip("trustme")
    from aiosmtpd.smtp import AuthResult

    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    authority.cert_pem.write_to_path(str(tmp_path / "authority.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "authority.pem"))

    def authenticate(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=(auth_data.login, auth_data.password) == (b"isu", PASSWORD.encode()))

    inbox = Inbox(refused={"article7.blz@example.org"})
    controller = aiosmtpd_controller.Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=server_context,
        require_starttls=True,
        authenticator=authenticate,
        auth_require_tls=True,
    )
    controller.start()
    yield controller.port, inbox
    controller.stop()


PASSWORD = "s3cret-Pa55word"


def with_server(sample: Project, tmp_path: Path, port: int, **smtp) -> Project:
    """A copy of ``sample`` (its pandoc readings with it) whose meeting.yaml names the server."""
    project = Project(tmp_path / "project")
    shutil.copytree(sample.inputs, project.inputs)
    meeting = project.meeting()
    meeting["mail"]["smtp"] = {"host": "127.0.0.1", "port": port, **smtp}
    project.write_meeting(meeting)
    return project


@pytest.mark.smtp
def test_send_hands_every_reminder_to_the_server_over_starttls_and_names_the_refused_recipient(
    sample, tmp_path, mail_server
):
    port, inbox = mail_server
    project = with_server(sample, tmp_path, port, security="starttls", username="isu", password_env="CCM_TEST_SMTP")
    done = run(project, "--send", env={"CCM_TEST_SMTP": PASSWORD})
    assert done.exit_code == 1, done.output  # one was refused
    assert PASSWORD not in done.output + done.stdout + done.stderr
    assert (
        f"reminders/article7-belize.eml: NOT SENT: 127.0.0.1:{port} refused article7.blz@example.org (550 5.1.1 no such mailbox)"
        in done.stderr
    )
    assert done.stdout.splitlines()[-1] == f"35 sent through 127.0.0.1:{port}, 1 not sent"
    received = {tuple(to): message for to, message in inbox.received}
    assert len(received) == 35
    italy = received[("coordinator.italy@example.org",)]
    assert italy["Subject"] == "Reminder: draft of “Universalization” for CCM/MSP/2025/7 (overdue)"
    assert "It was due on 13 June 2025 and is now 18 days overdue." in text_of(italy)
    peru = received[("coordinador.peru@example.org",)]
    assert "Se esperaba el 13 de junio de 2025; lleva 18 días de retraso." in text_of(peru)
    assert peru["Subject"].startswith("Recordatorio: proyecto de la sección «Stockpile destruction and retention»")
    assert (project.outputs / "reminders" / "article7-belize.eml").is_file()  # written, whatever was sent


@pytest.mark.smtp
def test_an_unreachable_server_is_a_clear_message_for_every_reminder(written):
    """(The command's exit status when a reminder is not sent: the STARTTLS test above.)"""
    from pipeline.model import SmtpServer

    _done, files = written
    port = free_port()  # nothing listens on it
    deliveries = send_all([(name, parsed(raw)) for name, raw in files.items()], SmtpServer("127.0.0.1", port, "none"))
    assert len(deliveries) == 36 and not any(d.ok for d in deliveries)
    assert {d.failed for d in deliveries} == {
        f"cannot reach the mail server 127.0.0.1:{port} (connection refused); check mail.smtp.host and port"
    }


def test_send_without_a_server_or_a_password_is_refused_before_anything_is_written_or_connected_to(read):
    from pipeline.build.remind import _sending
    from pipeline.model import MailOptions, SmtpServer

    config = dataclasses.replace(read.config, mail=MailOptions("ISU <isu@example.org>"))
    with pytest.raises(SendProblem, match="--send needs the mail server: add it to inputs/meeting.yaml under mail"):
        _sending(config, "inputs/meeting.yaml", {})
    server = SmtpServer("smtp.example.org", 587, "starttls", "isu", "CCM_TEST_SMTP")
    config = dataclasses.replace(config, mail=MailOptions("ISU <isu@example.org>", smtp=server))
    with pytest.raises(SendProblem, match=r"CCM_TEST_SMTP, which is not set; set it in the shell that sends"):
        _sending(config, "inputs/meeting.yaml", {"OTHER": PASSWORD})
    assert _sending(config, "inputs/meeting.yaml", {"CCM_TEST_SMTP": PASSWORD}) == (server, PASSWORD)


def test_a_login_without_its_password_or_without_encryption_is_refused_before_connecting():
    from pipeline.model import SmtpServer

    nowhere = SmtpServer("192.0.2.1", 587, "starttls", "isu", "CCM_TEST_SMTP")  # TEST-NET: never reached
    with pytest.raises(SendProblem, match="the environment variable CCM_TEST_SMTP that holds the password is not set"):
        send_all([], nowhere)
    with pytest.raises(SendProblem, match="a password is never sent unencrypted"):
        send_all([], dataclasses.replace(nowhere, security="none"), PASSWORD)


def test_a_change_of_contacts_rebuilds_no_document(read, tmp_path):
    """No document reads the Contacts sheet, so it is no part of any document's key (an issued document does
    not become a revision because an address changed); a row of a sheet the documents read is."""
    from pipeline.build.plan import compute_plan

    def keys(data):
        plan = compute_plan(dataclasses.replace(read, data=data), [], False, tmp_path, "code", {})
        return {doc_id: record["key"] for doc_id, record in plan.records.items()}

    def without(sheet, iso3):
        rows = tuple(r for r in read.data.sheet(sheet) if r["ISO3"] != iso3)
        return Dataset(MappingProxyType({**read.data.records, sheet: rows}))

    assert keys(without("Contacts", "BLZ")) == keys(read.data)
    assert keys(without("NationalImplementation", "BLZ")) != keys(read.data)


def test_editing_the_email_templates_keeps_the_builds_no_op_path(tmp_path):
    """The fingerprint of everything a build reads leaves templates/email/ out: no document is made from it."""
    from pipeline.publish.fingerprint import inputs_fingerprint

    inputs, templates = tmp_path / "inputs", tmp_path / "templates"
    (templates / "email" / "en").mkdir(parents=True)
    inputs.mkdir()
    (templates / "progress-report.docx").write_bytes(b"a template")

    def fingerprint():
        return inputs_fingerprint(inputs, templates, False, code="code", tools={})

    before = fingerprint()
    (templates / "email" / "en" / "state.txt.j2").write_text("Subject: edited\n", encoding="utf-8")
    assert fingerprint() == before
    (templates / "progress-report.docx").write_bytes(b"another template")
    assert fingerprint() != before
