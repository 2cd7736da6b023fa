"""Diagnostics and the one exception base.

Every finding about the inputs is a :class:`Diagnostic` with a code, a severity,
a location and a message. Stages return diagnostics; the orchestrator collects
them all, prints them together and only then decides whether to stop.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    INFO = 10
    WARNING = 20
    ERROR = 30


@dataclass(frozen=True, order=True)
class Location:
    """Where in the inputs a finding is: a path relative to the project and a place in it.

    ``place`` is free text in the file's own terms: ``12`` (a YAML line),
    ``States!D14`` (sheet and cell), ``paragraph 12`` (a draft).
    """

    path: str
    place: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.place}" if self.place else self.path


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    location: Location
    message: str
    # What the finding is about, when it is more than the message: a draft paragraph's text. It keys an
    # acknowledgement so that the acknowledgement lapses when that text changes.
    context: str = field(default="", compare=False, repr=False)
    # A warning the ISU let stand in inputs/acknowledged.yaml: who, and why. It does not fail --final.
    acknowledged_by: str = field(default="", compare=False)
    acknowledged_reason: str = field(default="", compare=False)
    # The key when it is not to be computed from the fields: the key of the warning that --final made
    # into this error (the one to acknowledge), or the key a build that found nothing changed remembered.
    pinned_key: str = field(default="", compare=False, repr=False)

    def __str__(self) -> str:
        """``path:place: SEVERITY: message [code]``; a warning (or an error --final made of one) ends with
        ``(key 3f9a2c1e)`` to acknowledge it by, or ``(key 3f9a2c1e, acknowledged by NAME: REASON)``."""
        text = f"{self.location}: {self.severity.name}: {self.message} [{self.code}]"
        if self.acknowledged:
            return f"{text} (key {self.key}, acknowledged by {self.acknowledged_by}: {self.acknowledged_reason})"
        if self.severity == Severity.WARNING or self.pinned_key:
            return f"{text} (key {self.key})"
        return text

    @property
    def key(self) -> str:
        """Eight hex digits naming this finding, for acknowledging it in inputs/acknowledged.yaml: the
        SHA-256 of its code, file, message and context (not the place: a paragraph moved keeps its key)."""
        if self.pinned_key:
            return self.pinned_key
        text = "\x1f".join((self.code, self.location.path, self.message, self.context))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]

    @property
    def acknowledged(self) -> bool:
        """A warning let stand in inputs/acknowledged.yaml (an error never is)."""
        return self.severity == Severity.WARNING and bool(self.acknowledged_by)


def error(code: str, location: Location, message: str, context: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, location, message, context)


def warning(code: str, location: Location, message: str, context: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, location, message, context)


def info(code: str, location: Location, message: str, context: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.INFO, location, message, context)


def has_errors(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """True when the build must stop: any error, or in strict (final) mode any warning not acknowledged."""
    floor = Severity.WARNING if strict else Severity.ERROR
    return any(d.severity >= floor and not d.acknowledged for d in diagnostics)


class CcmReportError(Exception):
    """Base of every expected failure: the CLI prints it as one clean message, no traceback.

    Anything else that escapes is a bug: the CLI says so in one line, with exit status 70,
    and writes the traceback to the run's log. So a file-format library's exception is
    caught only around the call that reads the input, and becomes a finding about that file.
    """

    exit_code = 1

    def __init__(self, message: str, diagnostics: tuple[Diagnostic, ...] = ()):
        super().__init__(message)
        self.diagnostics = diagnostics


class InputsInvalid(CcmReportError):
    """The inputs have errors; the diagnostics say which and where."""


class ToolMissing(CcmReportError):
    """An external tool (LibreOffice, pandoc) is not installed or does not start."""


class OutputError(CcmReportError):
    """The outputs cannot be written (read-only folder, disk full)."""
