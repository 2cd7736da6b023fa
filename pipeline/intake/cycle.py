"""The yearly cycle's keys of meeting.yaml: ``deadlines``, ``coordinators`` and ``mail``.

Declared here as schema kinds (pipeline.intake.schema), read into pipeline.model.cycle values.
"""

from __future__ import annotations

import re
from email.utils import parseaddr
from types import MappingProxyType

from pipeline.intake.schema import (
    DATE,
    TEXT,
    Key,
    Mapping,
    Names,
    Refused,
    Scalar,
    ToBeSet,
    choice,
)
from pipeline.model import Contact, Deadlines, MailOptions, SmtpServer

LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[A-Za-z]{2,}$")
ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


def _email(value: str) -> str:
    address = value.strip()
    if not ADDRESS.match(address):
        raise Refused(f"{value!r} is not an e-mail address; write it as name@example.org")
    return address


def _mailbox(value: str) -> str:
    """An address with an optional display name: ``ISU <isu@example.org>``."""
    name, address = parseaddr(value.strip())
    if not address or not ADDRESS.match(address):
        raise Refused(f"{value!r} is not an e-mail address; write it as Name <name@example.org>")
    return value.strip()


def _weeks(value: str) -> int:
    try:
        weeks = int(value)
    except ValueError:
        raise Refused(f"{value!r} is not a whole number of weeks") from None
    if not 1 <= weeks <= 52:
        raise Refused(f"{weeks} is not a number of weeks from 1 to 52")
    return weeks


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise Refused(f"{value!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise Refused(f"{port} is not a port number (1 to 65535)")
    return port


def _env_name(value: str) -> str:
    if not ENV_NAME.match(value.strip()):
        raise Refused(f"{value!r} is not the name of an environment variable, e.g. CCM_SMTP_PASSWORD")
    return value.strip()


EMAIL = Scalar("an e-mail address", _email)
LANGUAGE = Scalar("a language code", choice(*LANGUAGES))

DEADLINES = Mapping(
    {
        "drafts_due": Key(
            ToBeSet(DATE),
            "the day the coordinators' drafts are due; a section may say its own (sections[].due)",
            required=False,
        ),
        "processing_weeks": Key(
            Scalar("a number of weeks", _weeks),
            "a document goes to the UN for processing this many weeks before the meeting; left out: 10",
            required=False,
            default=10,
        ),
    }
)

CONTACT = Mapping(
    {
        "name": Key(TEXT, "the person to write to, e.g. Ms. Maria Rossi"),
        "email": Key(EMAIL, "their e-mail address"),
        "language": Key(LANGUAGE, "the language to write to them in: en, fr or es (others: English)", False, "en"),
    }
)

COORDINATORS = Names(CONTACT, "State: {name, email, language}")

MAIL = Mapping(
    {
        "from": Key(Scalar("an e-mail address", _mailbox), "the reminders' sender, e.g. ISU <isu@example.org>"),
        "reply_to": Key(Scalar("an e-mail address", _mailbox), "where replies go; left out: the sender", False, ""),
        "smtp": Key(
            Mapping(
                {
                    "host": Key(TEXT, "the mail server, e.g. smtp.example.org"),
                    "port": Key(Scalar("a port number", _port), "left out: 587 (465 with security: tls)", False),
                    "security": Key(
                        Scalar("starttls, tls or none", choice("starttls", "tls", "none")),
                        "starttls (the default), tls, or none for a relay on this machine only",
                        False,
                        "starttls",
                    ),
                    "username": Key(TEXT, "the login; left out: none", False, ""),
                    "password_env": Key(
                        Scalar("an environment variable's name", _env_name),
                        "the environment variable holding the password (never written in a file)",
                        False,
                        "CCM_SMTP_PASSWORD",
                    ),
                }
            ),
            "the server 'ccm-report remind --send' sends through; left out: reminders are only written",
            False,
        ),
    }
)

CYCLE_KEYS = {
    "deadlines": Key(DEADLINES, "when drafts are due and documents go to the UN", required=False),
    "coordinators": Key(COORDINATORS, "whom to write to for each coordinating State", required=False, default={}),
    "mail": Key(MAIL, "the sender of reminders and the server that sends them", required=False),
}


def cycle_of(raw: dict) -> dict:
    """Config's ``deadlines``, ``coordinators`` and ``mail`` from the values the schema read."""
    deadlines = raw.get("deadlines") or {}
    mail = raw.get("mail")
    smtp = mail["smtp"] if mail else None
    return {
        "deadlines": Deadlines(deadlines.get("drafts_due"), deadlines.get("processing_weeks", 10)),
        "coordinators": MappingProxyType(
            {
                state: Contact(c["name"], c["email"], c["language"])
                for state, c in (raw.get("coordinators") or {}).items()
            }
        ),
        "mail": MailOptions(
            sender=mail["from"],
            reply_to=mail["reply_to"],
            smtp=SmtpServer(
                host=smtp["host"],
                port=smtp["port"] or (465 if smtp["security"] == "tls" else 587),
                security=smtp["security"],
                username=smtp["username"],
                password_env=smtp["password_env"],
            )
            if smtp
            else None,
        )
        if mail
        else MailOptions(),
    }
