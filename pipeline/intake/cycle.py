"""The yearly cycle's keys of meeting.yaml: ``deadlines``, ``coordinators`` and ``mail``.

Declared here as schema kinds (pipeline.intake.schema), read into pipeline.model.cycle values.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from email.utils import parseaddr
from types import MappingProxyType
from typing import TypeGuard

import yaml

from pipeline.intake.schema import (
    DATE,
    INVALID,
    TEXT,
    Context,
    DateToBeSet,
    Key,
    Mapping,
    Names,
    Refused,
    Scalar,
    ToBeSet,
    child,
    choice,
    nearest,
)
from pipeline.model import Contact, Deadlines, MailOptions, SmtpServer
from pipeline.reference import name_variants, un_names

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
    _name, address = parseaddr(value.strip())
    if not address or not ADDRESS.match(address):
        raise Refused(f"{value!r} is not an e-mail address; write it as Name <name@example.org>")
    return value.strip()


def _whole(low: int, high: int, not_whole: str, out_of_range: str) -> Callable[[str], int]:
    """A converter to a whole number from ``low`` to ``high``; the messages say what it counts."""

    def convert(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise Refused(not_whole.format(value=repr(value))) from None
        if not low <= number <= high:
            raise Refused(out_of_range.format(value=number))
        return number

    return convert


_weeks = _whole(1, 52, "{value} is not a whole number of weeks", "{value} is not a number of weeks from 1 to 52")
_port = _whole(1, 65535, "{value} is not a port number", "{value} is not a port number (1 to 65535)")


def _env_name(value: str) -> str:
    if not ENV_NAME.match(value.strip()):
        raise Refused(f"{value!r} is not the name of an environment variable, e.g. CCM_SMTP_PASSWORD")
    return value.strip()


class ContactValue(Scalar):
    """A contact's address or language: a bad one is a warning (that contact gets no reminder until it
    is corrected), never an error: a contact's typo must not stop the documents going to the UN."""

    def read(self, node, ctx, at):
        if not isinstance(node, yaml.ScalarNode):
            return super().read(node, ctx, at)
        try:
            return self._convert(node.value)
        except Refused as exc:
            ctx.warn(node, at, f"{exc}; no reminder goes to this contact until it is corrected", "contact")
            return INVALID


CONTACT_EMAIL = ContactValue("an e-mail address", _email)
CONTACT_LANGUAGE = ContactValue("a language code", choice(*LANGUAGES))

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
        "email": Key(CONTACT_EMAIL, "their e-mail address"),
        "language": Key(
            CONTACT_LANGUAGE, "the language to write to them in: en, fr or es (others: English)", False, "en"
        ),
    }
)

COORDINATORS = Names(CONTACT, "State: {name, email, language}")


def _no_login_in_clear(smtp: dict, node: yaml.Node, ctx: Context, at: str) -> None:
    if smtp["security"] == "none" and smtp["username"]:
        ctx.warn(
            child(node, "username"),
            at,
            "a login with security: none would send the password unencrypted: 'remind --send' refuses it; "
            "use security: starttls (or tls), or no username for a relay on this machine",
            "login-in-clear",
        )


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
                },
                check=_no_login_in_clear,
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
                state: Contact(c["name"], c["email"], "en" if c["language"] is INVALID else c["language"])
                for state, c in (raw.get("coordinators") or {}).items()
                if c["email"] is not INVALID  # said at its line: no reminder until it is corrected
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


def check_calendar(raw: dict, root: yaml.Node, ctx: Context) -> None:
    """The calendar agrees with itself: a document submitted for processing by the deadline (the meeting's
    first day minus ``processing_weeks`` weeks), drafts due before that deadline, and each entry of
    ``coordinators`` a State that coordinates a section. Warnings, at their lines (errors with --final)."""
    dates = raw["meeting"]["dates"]
    start = dates["start"] if isinstance(dates, dict) else None
    deadlines = raw.get("deadlines") or {}
    weeks = deadlines.get("processing_weeks", 10)
    if not _known(start) or not isinstance(weeks, int):
        return  # refused (the finding is recorded), or a meeting being prepared: its dates are still to be set
    deadline = Deadlines(processing_weeks=weeks).processing_deadline(start)
    assert deadline is not None  # the meeting's first day is known (above)
    rule = f"{weeks} weeks before the meeting opens on {start.isoformat()}: by {deadline.isoformat()}"
    due = deadlines.get("drafts_due")
    if _known(due) and due > deadline:
        _due_too_late(ctx, child(child(root, "deadlines"), "drafts_due"), "deadlines.drafts_due", due, rule)
    for key in ("documents", "families"):
        for index, (node, entry) in enumerate(zip(_items(root, key), raw.get(key) or (), strict=False), 1):
            if not isinstance(entry, dict):
                continue  # refused: its findings are recorded
            submitted = entry.get("submitted")
            if _known(submitted) and submitted > deadline:
                late = (submitted - deadline).days
                ctx.warn(
                    child(node, "submitted"),
                    f"{key}[{index}].submitted",
                    f"{entry['id']} goes for processing on {submitted.isoformat()}, {late} day(s) after the UN's "
                    f"deadline ({rule}); agree the late submission with the conference services",
                    "late-for-processing",
                )
            for at, own, due_node in _own_due_dates(node, entry, f"{key}[{index}]"):
                if _known(own) and own > deadline:
                    _due_too_late(ctx, due_node, at, own, rule)
    _check_coordinators(raw, root, ctx)


def _due_too_late(ctx: Context, node: yaml.Node, at: str, due: dt.date, rule: str) -> None:
    ctx.warn(
        node,
        at,
        f"drafts are due on {due.isoformat()}, after the document must go for processing ({rule}); "
        "set an earlier due date",
        "due-after-processing",
    )


def _check_coordinators(raw: dict, root: yaml.Node, ctx: Context) -> None:
    """A section's coordinator that is no State's UN short name but close to one is most likely misspelt
    (reminders and the status would name it as written); an entry of ``coordinators`` for a State that
    coordinates no section is most likely misspelt too, or the section's name is."""
    states = set(un_names())
    named: set[str] = set()
    for d, document in enumerate(_items(root, "documents"), 1):
        for c, chapter in enumerate(_items(document, "chapters"), 1):
            for s, section in enumerate(_items(chapter, "sections"), 1):
                names = child(section, "coordinators")
                for name_node in names.value if isinstance(names, yaml.SequenceNode) else [names]:
                    if not isinstance(name_node, yaml.ScalarNode) or name_node is section:
                        continue
                    name = name_node.value.strip()
                    named.add(name)
                    likely = _likely_state(name, states)
                    if name not in states and likely:
                        ctx.warn(
                            name_node,
                            f"documents[{d}].chapters[{c}].sections[{s}].coordinators",
                            f"'{name}' is not the UN short name of a State; did you mean '{likely}'?",
                            "coordinator-not-a-state",
                        )
    contacts = child(root, "coordinators")
    for key_node, _value in contacts.value if isinstance(contacts, yaml.MappingNode) else ():
        if key_node.value not in named:
            near = nearest(key_node.value, sorted(named & states))
            hint = f"did you mean '{near}'?" if near else "check the name against the sections' coordinators"
            ctx.warn(
                key_node,
                f"coordinators.{key_node.value}",
                f"{key_node.value} coordinates no section of the documents: no reminder goes to this contact; {hint}",
                "coordinator-unknown",
            )


def _likely_state(name: str, states: set[str]) -> str | None:
    """The State a name most likely means: its UN short name for an informal one ("Lao PDR"), or the
    closest in spelling (difflib ratio 0.8 or more: "Chille" is Chile; "ISU" is no State and none)."""
    informal = {v.variant: v.un_name for v in name_variants()}
    if name in informal:
        return informal[name]
    close = difflib.get_close_matches(name, sorted(states), n=1, cutoff=0.8)
    return close[0] if close else None


def _items(root: yaml.Node, key: str) -> list[yaml.Node]:
    node = child(root, key)
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _own_due_dates(node: yaml.Node, entry: dict, at: str) -> Iterator[tuple[str, object, yaml.Node]]:
    """(where, due date, its node) of each section of a document that has its own ``due``."""
    pairs = zip(_items(node, "chapters"), entry.get("chapters") or (), strict=False)
    chapters = [(n, ch) for n, ch in pairs if isinstance(ch, dict) and isinstance(ch["sections"], list)]
    for c, (chapter_node, chapter) in enumerate(chapters, 1):
        sections = zip(_items(chapter_node, "sections"), chapter["sections"], strict=False)
        for s, (section_node, section) in enumerate(sections, 1):
            if isinstance(section, dict) and section.get("due") is not None:
                yield f"{at}.chapters[{c}].sections[{s}].due", section["due"], child(section_node, "due")


def _known(day: object) -> TypeGuard[dt.date]:
    return isinstance(day, dt.date) and not isinstance(day, DateToBeSet)
