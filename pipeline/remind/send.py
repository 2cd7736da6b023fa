"""The reminders handed to the mail server (the edge: the network).

One connection for all the messages: STARTTLS (or TLS from the start, or none for a relay on this
machine), the server's certificate checked against the system's authorities (``SSL_CERT_FILE`` names
others), and a login when ``mail.smtp.username`` is set, with the password the orchestrator read from
the environment. The password is never sent unencrypted and never appears in a message.

A refused recipient or message is told for that message and the others go on; a connection lost during
one is opened again for the rest. What concerns the server or the account (unreachable, no secure
connection, the login or the sender refused) stops the sending at once, told once, the rest not tried:
trying again for each message would only repeat it, and repeated refused logins can lock the account.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from pipeline.errors import CcmReportError
from pipeline.model import SmtpServer
from pipeline.remind.message import seven_bit

TIMEOUT = 30.0  # seconds a server may take to answer before it is called unreachable


class SendProblem(CcmReportError):
    """The settings cannot send anything (a password missing, a login without encryption): said before
    connecting, naming what to change."""


@dataclass(frozen=True)
class Sending:
    """What became of the messages: a delivery for each one tried, in order, and when the sending
    stopped, why (``stopped``) and the files of the messages not tried."""

    deliveries: tuple[Delivery, ...]
    stopped: str = ""
    untried: tuple[str, ...] = ()


class _Stop(Exception):
    """The server or the account refuses everything: nothing more is tried."""


@dataclass(frozen=True)
class Delivery:
    """What became of one message: the addresses the server accepted, and what failed ("" when nothing)."""

    file: str
    accepted: tuple[str, ...]
    failed: str = ""

    @property
    def ok(self) -> bool:
        return not self.failed


def send_all(
    messages: Sequence[tuple[str, EmailMessage]],
    server: SmtpServer,
    password: str = "",
    *,
    timeout: float = TIMEOUT,
    delivered: Callable[[Delivery], None] = lambda _: None,
) -> Sending:
    """Each (file name, message) handed to ``server``, in order, ``delivered`` called after each one tried
    (to record it at once); the first failure of the server or the account stops the rest."""
    if server.username and server.security == "none":
        raise SendProblem(
            f"mail.smtp has a username but security: none, and a password is never sent unencrypted; use "
            f"security: starttls (port 587) or tls (port 465) for {server.host}"
        )
    if server.username and not password:
        raise SendProblem(
            f"mail.smtp logs in as {server.username}, and the environment variable {server.password_env} that "
            f"holds the password is not set; set it in the shell that sends (export {server.password_env}=...)"
        )
    where = f"{server.host}:{server.port}"
    deliveries: list[Delivery] = []
    pending = list(messages)
    while pending:
        try:
            smtp = _open(server, password, timeout)
        except (OSError, smtplib.SMTPException) as exc:
            return Sending(tuple(deliveries), _unreachable(exc, server, where, timeout), tuple(f for f, _m in pending))
        with smtp:
            while pending:
                file, message = pending[0]
                try:
                    delivery, connected = _deliver(smtp, file, message, where)
                except _Stop as stop:
                    return Sending(tuple(deliveries), str(stop), tuple(f for f, _m in pending))
                pending.pop(0)
                deliveries.append(delivery)
                delivered(delivery)
                if not connected:
                    break  # opened again for the rest
    return Sending(tuple(deliveries))


def _open(server: SmtpServer, password: str, timeout: float) -> smtplib.SMTP:
    context = ssl.create_default_context()  # the system's authorities, or those SSL_CERT_FILE names
    smtp: smtplib.SMTP
    if server.security == "tls":
        smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=timeout)
    try:
        if server.security == "starttls":
            smtp.starttls(context=context)
        if server.username:
            smtp.login(server.username, password)
    except BaseException:
        smtp.close()
        raise
    return smtp


def _deliver(smtp: smtplib.SMTP, file: str, message: EmailMessage, where: str) -> tuple[Delivery, bool]:
    """One message sent; whether the connection is still open after it."""
    recipients = [address.addr_spec for address in message["To"].addresses]
    try:
        smtp.ehlo_or_helo_if_needed()  # the extensions, asked again after STARTTLS
        if smtp.has_extn("8bitmime"):
            refused = smtp.send_message(message, mail_options=["BODY=8BITMIME"])
        else:
            refused = smtp.send_message(seven_bit(message))
    except smtplib.SMTPRecipientsRefused as exc:
        return Delivery(file, (), f"{where} refused {_refusals(exc.recipients)}"), True
    except smtplib.SMTPSenderRefused as exc:  # every message has this sender: none would go
        raise _Stop(
            f"{where} refused the sender {exc.sender} ({exc.smtp_code} {_text(exc.smtp_error)}); check mail.from "
            "and that the account may send as it"
        ) from None
    except smtplib.SMTPServerDisconnected as exc:
        return Delivery(file, (), f"{where} closed the connection ({exc or 'no reason given'}); not sent"), False
    except smtplib.SMTPResponseException as exc:  # the sender or the message refused
        return Delivery(file, (), f"{where} refused the message ({exc.smtp_code} {_text(exc.smtp_error)})"), True
    except smtplib.SMTPException as exc:
        return Delivery(file, (), f"{where} could not take the message ({exc}); not sent"), True
    except OSError as exc:
        return Delivery(file, (), f"the connection to {where} failed ({exc}); not sent"), False
    accepted = tuple(a for a in recipients if a not in refused)
    return Delivery(file, accepted, f"{where} refused {_refusals(refused)}" if refused else ""), True


def _refusals(refused: dict) -> str:
    return "; ".join(f"{address} ({code} {_text(text)})" for address, (code, text) in refused.items())


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _unreachable(exc: BaseException, server: SmtpServer, where: str, timeout: float) -> str:
    """Why nothing could be handed to the server, and what to check; never the password."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            f"{where} refused the login of {server.username} ({exc.smtp_code} {_text(exc.smtp_error)}); check "
            f"mail.smtp.username and the password in {server.password_env}"
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return (
            f"{where} does not offer STARTTLS ({exc}); use security: tls if it expects TLS from the start "
            "(port 465), never an unencrypted connection to a server elsewhere"
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the certificate of {where} could not be verified ({exc.verify_message}); nothing was sent to it"
    if isinstance(exc, ssl.SSLError):
        return (
            f"no secure connection to {where} ({exc.reason or exc}); check mail.smtp.security "
            "(starttls on port 587, tls on port 465)"
        )
    if isinstance(exc, socket.gaierror):
        return f"cannot find the mail server {server.host} ({exc.strerror}); check mail.smtp.host in meeting.yaml"
    if isinstance(exc, TimeoutError):
        return f"the mail server {where} did not answer within {timeout:g} s; check mail.smtp.host and port"
    if isinstance(exc, ConnectionRefusedError):
        return f"cannot reach the mail server {where} (connection refused); check mail.smtp.host and port"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{where} refused the connection ({exc.smtp_code} {_text(exc.smtp_error)})"
    return f"cannot reach the mail server {where} ({exc}); check mail.smtp in meeting.yaml and the network"
