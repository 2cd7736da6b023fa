"""The no-op fast path: before any parsing, one digest of everything a build depends on.

The fingerprint covers every file under inputs/ and templates/, the mode (--final
or not), the pipeline's own files (:func:`code_digest`) and the versions of pandoc
and LibreOffice (found once and remembered, see :mod:`pipeline.versions`, so that
this path starts neither). When it equals the last successful build's, and that
build's outputs are all there, the answer is that build's, at once; otherwise the
full build runs and its document keys (:mod:`pipeline.publish.keys`) say what
changed and why.

The file it is kept in, ``outputs/.fingerprint.json``, names the outputs relative
to outputs/, so that a copied or moved outputs folder still answers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import NamedTuple

from pipeline.errors import Diagnostic, Location, Severity, has_errors
from pipeline.publish.outputs import write_reports
from pipeline.publish.status import DocumentStatus, status_from_data

FINGERPRINT = ".fingerprint.json"
PACKAGE = Path(__file__).resolve().parents[1]  # pipeline/: its code and its package data
# The web page templates, which the code loads by its own path (export/html.py, publish/status.py),
# not from the --templates folder: a part of the pipeline the project ships beside it.
PAGES = ("templates", "html")


class Remembered(NamedTuple):
    """What the last build without errors found (the fields of build.BuildResult, in its order)."""

    diagnostics: tuple[Diagnostic, ...]
    documents: tuple[DocumentStatus, ...]
    figures: Mapping[str, object]
    sheets: Mapping[str, int]


def code_digest(root: Path = PACKAGE) -> str:
    """SHA-256 over every file of the package under ``root`` (relative path and content): each .py
    file and the package data (reference tables, XLIFF schemas), and the web page templates beside
    it (``templates/html/``). Compiled bytecode and hidden files (an editor's) are not code and are
    left out."""
    digest = hashlib.sha256()
    pages = root.parent.joinpath(*PAGES)
    for label, folder in (("pipeline", root), ("/".join(PAGES), pages)):
        for path in sorted(_files(folder)) if folder.is_dir() else []:
            digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0{_file_digest(path)}\n".encode())
    return digest.hexdigest()


def _files(root: Path) -> list[Path]:
    return [
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix not in (".pyc", ".pyo")
        and not any(part == "__pycache__" or part.startswith(".") for part in p.relative_to(root).parts)
    ]


def inputs_fingerprint(
    inputs_dir: Path, templates_dir: Path, final: bool, *, code: str, tools: Mapping[str, str]
) -> str:
    """SHA-256 over every file under inputs/ and templates/ (relative path and content; what no build
    reads aside: :func:`_not_read`), the mode (--final or not), the pipeline's ``code`` digest and
    the ``tools``' versions ({"pandoc": "3.9", ...})."""
    versions = json.dumps(dict(tools), sort_keys=True)
    digest = hashlib.sha256(f"{code}\n{final}\n{versions}\n".encode())
    for label, root in (("inputs", inputs_dir), ("templates", templates_dir)):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not _not_read(p, root, label)):
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\0{_file_digest(path)}\n".encode())
    return digest.hexdigest()


def _not_read(path: Path, root: Path, label: str) -> bool:
    """What no build reads: the reminders' templates (templates/email/), hidden files and the lock files
    Word and Excel keep beside an open file (``~$draft.docx``), so a draft left open in Word does not
    keep the build from answering at once."""
    parts = path.relative_to(root).parts
    if any(part.startswith((".", "~$")) for part in parts):
        return True
    return label == "templates" and parts[0] == "email"


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def remember(
    outputs_dir: Path,
    fingerprint: str,
    diagnostics: tuple[Diagnostic, ...],
    documents: tuple[DocumentStatus, ...],
    figures: Mapping[str, object],
    sheets: Mapping[str, int],
) -> None:
    """Keep what a build without errors found, for the next build with the same fingerprint; after a
    build with errors, forget it (the next build must run)."""
    where = outputs_dir / FINGERPRINT
    if has_errors(diagnostics):
        where.unlink(missing_ok=True)
        return
    data = {
        "fingerprint": fingerprint,
        "diagnostics": [_diagnostic_data(d) for d in diagnostics],
        "documents": [{**asdict(d), "files": [_relative(f, outputs_dir) for f in d.files]} for d in documents],
        "figures": dict(figures),
        "sheets": dict(sheets),
    }
    write_reports(outputs_dir, {FINGERPRINT: json.dumps(data, ensure_ascii=False, default=str)}, "", "")


def unchanged_since(outputs_dir: Path, fingerprint: str) -> Remembered | None:
    """The last build's findings, every document "unchanged", when ``fingerprint`` is the one it kept
    and its outputs (each document's Word and PDF files, a folder per merged translation) are all
    there; None when the build must run."""
    try:
        data = json.loads((outputs_dir / FINGERPRINT).read_text(encoding="utf-8"))
        if data.get("fingerprint") != fingerprint or not (outputs_dir / "manifest.json").is_file():
            return None
        documents = tuple(
            status_from_data({**d, "files": [str(outputs_dir / f) for f in d["files"]]}, state="unchanged")
            for d in data["documents"]
        )
        diagnostics = tuple(_diagnostic(d) for d in data["diagnostics"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for document in documents:
        translations = [outputs_dir / document.document_id / language for language, _state in document.languages]
        if not all(Path(f).exists() for f in list(document.files) + translations):
            return None
    return Remembered(diagnostics, documents, data.get("figures", {}), data.get("sheets", {}))


def _diagnostic_data(d: Diagnostic) -> dict[str, object]:
    """A finding as remembered: a warning with its key (made from its context, which is not kept) and
    who acknowledged it and why, so that the answer of a build that found nothing changed says the same."""
    data: dict[str, object] = {
        "code": d.code,
        "severity": int(d.severity),
        "path": d.location.path,
        "place": d.location.place,
        "message": d.message,
    }
    if d.severity == Severity.WARNING:
        data["key"] = d.key
    if d.acknowledged:
        data["acknowledged_by"] = d.acknowledged_by
        data["acknowledged_reason"] = d.acknowledged_reason
    return data


def _diagnostic(d: dict) -> Diagnostic:
    return Diagnostic(
        d["code"],
        Severity(d["severity"]),
        Location(d["path"], d["place"]),
        d["message"],
        acknowledged_by=d.get("acknowledged_by", ""),
        acknowledged_reason=d.get("acknowledged_reason", ""),
        pinned_key=d.get("key", ""),
    )


def _relative(file: str, outputs_dir: Path) -> str:
    """An output's path relative to outputs/ (as stored); one elsewhere stays as it is."""
    try:
        return Path(file).relative_to(outputs_dir).as_posix()
    except ValueError:
        return file
