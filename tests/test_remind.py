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
import json
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
        "Dear Mr. Bianchi,\n\nWe have not yet received the following draft, which you coordinate, for the Thirteenth Meeting of States Parties (Geneva, 16-19 September 2025):"
    )
    assert (
        "; coordinating States: Italy and South Africa.\n  It was due on 13 June 2025 and is now 18 days overdue."
        in italy.body
    )
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
    hostile = Contact("Ms. Eve {{ 7*7 }}\r\nBcc: everyone@example.org", "coordinator.italy@example.org")
    coordinators = {**read.config.coordinators, "Italy": hostile}
    reminders, _findings = reminders_of(read, config={"coordinators": MappingProxyType(coordinators)})
    italy = next(r for r in reminders if r.file == "coordinator-italy.eml")
    assert italy.body.startswith("Dear Ms. {{ 7*7 }} Bcc: everyone@example.org,")  # "Ms. Eve" less "Eve"
    assert italy.to[0].name == "Ms. Eve {{ 7*7 }} Bcc: everyone@example.org"  # one line: no header of its own


def with_coordinators(read, **names):
    """meeting.yaml's coordinators with the names given (by State, underscores for spaces) changed."""
    coordinators = dict(read.config.coordinators)
    for state, name in names.items():
        state = state.replace("_", " ")
        coordinators[state] = dataclasses.replace(coordinators[state], name=name)
    return {"coordinators": MappingProxyType(coordinators)}


def test_a_name_with_a_title_is_addressed_by_title_and_surname_as_each_language_does(read):
    def openings(**names):
        reminders, _findings = reminders_of(read, config=with_coordinators(read, **names))
        return {r.file.removeprefix("coordinator-").removesuffix(".eml"): r.body for r in reminders}

    sample = openings()
    assert sample["italy"].startswith("Dear Mr. Bianchi,\n")
    assert sample["peru"].startswith("Estimado Sr. Quispe:\n")
    assert "\n\nMadame,\n\nNous n'avons" in sample["switzerland"]
    assert "Veuillez agréer, Madame, l'expression de nos salutations distinguées." in sample["switzerland"]
    changed = openings(
        Italy="Marco Bianchi",
        South_Africa="Dr. Thandiwe Nkosi",
        Peru="Sra. Camila Rojas Pérez",
        Switzerland="M. Luc de la Tour",
    )
    assert changed["italy"].startswith("Dear Marco Bianchi,\n")  # no title: the name in full
    assert changed["south-africa"].startswith("Dear Dr. Nkosi,\n")
    assert changed["peru"].startswith("Estimada Sra. Rojas Pérez:\n")
    assert "\n\nMonsieur,\n\n" in changed["switzerland"] and "agréer, Monsieur, l'expression" in changed["switzerland"]
    untitled = openings(Peru="Camila Rojas", Switzerland="Claire Dubois")
    assert untitled["peru"].startswith("Estimado/a Camila Rojas:\n")
    assert "\n\nMadame, Monsieur,\n\n" in untitled["switzerland"]
    assert openings(Peru="Dr. Jorge Quispe")["peru"].startswith("Estimado Dr. Quispe:\n")
    # the coordinating State is never in running text, where a name such as "Philippines" would need "the"
    assert "coordinates" not in sample["italy"] and "; coordinating States: Italy and South Africa." in sample["italy"]


def test_the_meeting_is_named_as_meeting_yaml_gives_it_in_every_language(read):
    reminders, _findings = reminders_of(read)
    by_file = {r.file: r.body for r in reminders}
    assert (
        "en vue de la réunion «\u00a0Thirteenth Meeting of States Parties\u00a0» (16-19 septembre 2025) :"
        in by_file["coordinator-switzerland.eml"]
    )
    assert (
        "con miras a la reunión «Thirteenth Meeting of States Parties» (16 a 19 de septiembre de 2025):"
        in by_file["coordinator-peru.eml"]
    )
    assert (
        "La réunion «\u00a0Thirteenth Meeting of States Parties\u00a0» (16-19 septembre 2025) examinera"
        in by_file["article7-mali.eml"]
    )
    assert (
        "La reunión «Thirteenth Meeting of States Parties» (16 a 19 de septiembre de 2025) examinará"
        in by_file["article7-uruguay.eml"]
    )


PROCESSING = {
    "coordinator-italy.eml": "go to the United Nations for processing on 8 July 2025",
    "coordinator-switzerland.eml": "sont transmis à l'Organisation des Nations Unies pour traitement le 8 juillet 2025",
    "coordinator-peru.eml": "se envían a las Naciones Unidas para su procesamiento el 8 de julio de 2025",
}
GONE = {
    "coordinator-italy.eml": "The documents went to the United Nations for processing on 8 July 2025; a section that "
    "arrives now will be added in a revision of the document.",
    "coordinator-switzerland.eml": "Les documents ont été transmis à l'Organisation des Nations Unies pour traitement "
    "le 8 juillet 2025 ; une section qui nous parvient maintenant sera ajoutée dans une révision du document.",
    "coordinator-peru.eml": "Los documentos se enviaron a las Naciones Unidas para su procesamiento el 8 de julio de "
    "2025; una sección que llegue ahora se añadirá en una revisión del documento.",
}
REVIEW = {"article7-belize.eml": "will review", "article7-mali.eml": "examinera", "article7-uruguay.eml": "examinará"}


def test_after_the_processing_date_and_after_the_meeting_the_emails_say_what_is_still_true(read):
    def bodies(today):
        reminders, findings = reminders_of(read, today=today)
        return {r.file: r.body for r in reminders}, findings

    before, findings = bodies(TODAY)  # 1 July 2025: the documents go on 8 July
    assert findings == []
    assert all(PROCESSING[file] in before[file] and GONE[file] not in before[file] for file in PROCESSING)
    assert all(word in before[file] for file, word in REVIEW.items())
    gone, findings = bodies(dt.date(2025, 7, 20))  # the documents have gone; the meeting is to come
    assert findings == []
    assert all(GONE[file] in gone[file] and PROCESSING[file] not in gone[file] for file in PROCESSING)
    assert all(word in gone[file] for file, word in REVIEW.items())
    over, findings = bodies(dt.date(2026, 5, 5))  # the meeting (16-19 September 2025) is over
    assert [str(f) for f in findings] == [
        "inputs/meeting.yaml: WARNING: the meeting in meeting.yaml is over (Thirteenth Meeting of States Parties, "
        "16-19 September 2025): these reminders are about that meeting; for the next one run 'ccm-report "
        f"new-meeting' first [remind.meeting-over] (key {findings[0].key})"
    ]
    for file in PROCESSING:
        assert "processing" not in over[file] and "traitement" not in over[file] and "procesamiento" not in over[file]
    assert not any(word in over[file] for file, word in REVIEW.items())
    # 370 days after 30 April 2025: a year, in words
    assert "due by 30 April 2025: more than a year overdue." in over["article7-belize.eml"]
    assert "attendu au plus tard le 30 avril 2025 : plus d'un an de retard." in over["article7-mali.eml"]
    assert "a más tardar el 30 de abril de 2025: más de un año de retraso." in over["article7-uruguay.eml"]
    assert "due by 28 August 2015: more than 10 years overdue." in over["article7-belize.eml"]


def test_overdue_only_leaves_out_the_drafts_not_yet_due(read):
    awaited = awaited_drafts(read.config, read.drafts, read.problems)
    overdue = overdue_reports(read.data, read.config.meeting.reporting_period, dt.date(2025, 6, 10))
    contacts = state_contacts(read.data)

    def files(today, **options):
        reminders, _findings = compose(read.config, awaited, overdue, contacts, today, EMAIL_TEMPLATES, **options)
        return {r.file for r in reminders}

    assert "coordinator-italy.eml" in files(dt.date(2025, 6, 10))  # due on 13 June: 3 days left
    only = files(dt.date(2025, 6, 10), overdue_only=True)
    assert not any(f.startswith("coordinator-") for f in only) and "article7-belize.eml" in only
    assert "coordinator-italy.eml" not in files(dt.date(2025, 6, 13), overdue_only=True)  # due today: not overdue
    assert "coordinator-italy.eml" in files(dt.date(2025, 6, 14), overdue_only=True)


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
    assert "Madame,\n\nNous n'avons pas encore reçu le projet de la section suivante" in text_of(switzerland)
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
        # handled=False: a refusal is answered 535, as a real server does
        return AuthResult(success=(auth_data.login, auth_data.password) == (b"isu", PASSWORD.encode()), handled=False)

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


def sent_log(project: Project) -> list[dict]:
    return [json.loads(line) for line in (project.outputs / "logs" / "reminders-sent.jsonl").read_text().splitlines()]


@pytest.mark.smtp
def test_send_hands_every_reminder_to_the_server_over_starttls_records_it_and_does_not_send_it_twice(
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
    assert (
        "reminders/coordinator-italy.eml: sent to coordinator.italy@example.org (draft of Universalization "
        "(CCM/MSP/2025/7), due 13 June 2025, 18 days overdue)" in done.stdout
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

    # the record: one line per e-mail the server took (Belize's was refused), kept outside reminders/
    log = sent_log(project)
    assert len(log) == 35 and not any(line["file"] == "reminders/article7-belize.eml" for line in log)
    italy_line = next(line for line in log if line["file"] == "reminders/coordinator-italy.eml")
    assert italy_line["recipients"] == ["coordinator.italy@example.org"]
    assert italy_line["subject"] == "Reminder: draft of “Universalization” for CCM/MSP/2025/7 (overdue)"
    assert italy_line["identity"] == "coordinator.italy@example.org | draft universalization"
    assert dt.datetime.fromisoformat(italy_line["sent"]).tzinfo is not None
    uruguay_line = next(line for line in log if line["file"] == "reminders/article7-uruguay.eml")
    assert uruguay_line["identity"] == "article7.ury@example.org | URY annual 2024"

    # a week later the same reminders go again; six days later, not: Italy's is dated 25 June, the rest 24 June
    (project.outputs / "logs" / "reminders-sent.jsonl").write_text(
        "".join(
            json.dumps(
                {**line, "sent": "2025-06-25T09:00:00+02:00" if line is italy_line else "2025-06-24T09:00:00+02:00"}
            )
            + "\n"
            for line in log
        )
    )
    inbox.received.clear()
    again = run(project, "--send", env={"CCM_TEST_SMTP": PASSWORD})
    assert again.exit_code == 1, again.output  # Belize's is refused again
    assert (
        "reminders/coordinator-italy.eml: already sent on 2025-06-25 (" in again.stdout
        and "logs/reminders-sent.jsonl); --again sends it anyway" in again.stdout
    )
    assert again.stdout.splitlines()[-1] == f"34 sent through 127.0.0.1:{port}, 1 not sent, 1 already sent (left out)"
    assert len(inbox.received) == 34 and ("coordinator.italy@example.org",) not in {
        tuple(to) for to, _m in inbox.received
    }
    assert len(sent_log(project)) == 35 + 34  # kept, and added to

    # --again sends it anyway; --overdue-only (on 10 June, the drafts due on 13 June) leaves the drafts out
    inbox.received.clear()
    forced = run(
        project, "--send", "--again", "--overdue-only", "--today", "2025-06-10", env={"CCM_TEST_SMTP": PASSWORD}
    )
    assert forced.exit_code == 1, forced.output
    assert "already sent" not in forced.output and "coordinator-" not in forced.output
    assert forced.stdout.splitlines()[-1] == f"31 sent through 127.0.0.1:{port}, 1 not sent"
    assert len(inbox.received) == 31


@pytest.mark.smtp
def test_a_refused_login_or_certificate_stops_the_sending_at_once_said_once(read, mail_server, monkeypatch):
    from pipeline.build.remind import RemindResult, remind_lines
    from pipeline.model import SmtpServer
    from pipeline.remind import email_message

    port, inbox = mail_server
    reminders, _findings = reminders_of(read)
    now = dt.datetime(2025, 7, 1, 9, tzinfo=dt.UTC)
    messages = [(r.file, email_message(r, read.config.mail, now)) for r in reminders]
    server = SmtpServer("127.0.0.1", port, "starttls", "isu", "CCM_TEST_SMTP")

    def printed(sending):
        written = tuple((f"outputs/reminders/{r.file}", r) for r in reminders)
        shown = dataclasses.replace(sending, untried=tuple(f"outputs/reminders/{f}" for f in sending.untried))
        result = RemindResult(written, (), "outputs/reminders", shown, f"127.0.0.1:{port}", log="outputs/logs/x.jsonl")
        return [line for line, _stderr in remind_lines(result)]

    refused = send_all(messages, server, "not-the-password")
    assert refused.deliveries == () and len(refused.untried) == 36 and inbox.received == []
    lines = printed(refused)
    assert sum("refused the login" in line for line in lines) == 1
    assert lines[0] == (
        f"NOT SENT: 127.0.0.1:{port} refused the login of isu (535 5.7.8 Authentication credentials invalid); check "
        "mail.smtp.username and the password in CCM_TEST_SMTP; stopped there: the 36 e-mails left were not tried; "
        "run it again once that is fixed (what was sent is not sent twice: outputs/logs/x.jsonl)"
    )
    assert lines[-1] == f"0 sent through 127.0.0.1:{port}, 36 not sent"

    monkeypatch.delenv("SSL_CERT_FILE")  # the throwaway authority is no longer trusted
    untrusted = send_all(messages, server, PASSWORD)
    assert untrusted.deliveries == () and len(untrusted.untried) == 36
    assert untrusted.stopped.startswith(f"the certificate of 127.0.0.1:{port} could not be verified (")

    nowhere = free_port()  # nothing listens on it
    unreachable = send_all(messages, SmtpServer("127.0.0.1", nowhere, "none"))
    assert unreachable.deliveries == () and len(unreachable.untried) == 36
    assert unreachable.stopped == (
        f"cannot reach the mail server 127.0.0.1:{nowhere} (connection refused); check mail.smtp.host and port"
    )


def test_send_without_a_server_or_a_password_is_refused_naming_the_line_of_mail(read, tmp_path):
    from pipeline.build.remind import _mail_place, _sending
    from pipeline.model import MailOptions, SmtpServer

    meeting = read.inputs_dir / "meeting.yaml"
    line = meeting.read_text(encoding="utf-8").splitlines().index("mail:") + 1
    place = _mail_place(meeting, "inputs/meeting.yaml")
    assert place == f"inputs/meeting.yaml:{line}"
    config = dataclasses.replace(read.config, mail=MailOptions("ISU <isu@example.org>"))
    with pytest.raises(
        SendProblem, match=f"^inputs/meeting.yaml:{line}: --send needs the mail server: add it under mail"
    ):
        _sending(config, place, {})
    without = tmp_path / "meeting.yaml"
    without.write_text("meeting:\n  name: x\n\ndocuments: []\n", encoding="utf-8")
    assert _mail_place(without, "meeting.yaml") == "meeting.yaml:4"  # no mail: the file's end
    server = SmtpServer("smtp.example.org", 587, "starttls", "isu", "CCM_TEST_SMTP")
    config = dataclasses.replace(config, mail=MailOptions("ISU <isu@example.org>", smtp=server))
    with pytest.raises(SendProblem, match=r"CCM_TEST_SMTP, which is not set; set it in the shell that sends"):
        _sending(config, place, {"OTHER": PASSWORD})
    assert _sending(config, place, {"CCM_TEST_SMTP": PASSWORD}) == (server, PASSWORD)


def test_two_runs_cannot_send_at_once_and_a_damaged_record_line_is_passed_over(tmp_path):
    from pipeline.build.remind import _held
    from pipeline.errors import OutputError
    from pipeline.remind import last_sent

    log = tmp_path / "logs" / "reminders-sent.jsonl"
    with _held(log), pytest.raises(OutputError, match="another 'ccm-report remind --send' is sending; wait for it"):
        with _held(log):
            pass
    lines = ['{"sent": "2025-06-24T09:00:00+02:00", "identity": "a@example.org | draft x"}', '{"sent": "2025-06-2']
    assert last_sent(lines) == {"a@example.org | draft x": dt.date(2025, 6, 24)}


def test_the_help_gives_the_reminders_own_exit_status_and_again_needs_send():
    done = CliRunner().invoke(main, ["remind", "--help"])
    assert "0   the reminders were written, and sent with --send (warnings allowed)" in done.output
    assert "1   the inputs have errors, or an e-mail was not sent" in done.output and "--final" not in done.output
    assert "--again" in done.output and "--overdue-only" in done.output
    refused = CliRunner().invoke(main, ["remind", "--again"])
    assert refused.exit_code == 2 and "--again is for --send" in refused.output


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
