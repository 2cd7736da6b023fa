"""Conversion by LibreOffice (Word to PDF; legacy drafts to .docx), behind one small interface.

``soffice`` exits 0 even when a conversion fails, so each PDF is checked (it
exists, it is a PDF, it is complete). Each run uses a private, throw-away
LibreOffice profile (never the user's: two instances sharing one lose PDFs) and
is bounded by a time-out; a failed file is retried once with a fresh profile.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

CANDIDATES = ("soffice", "libreoffice")


@dataclass(frozen=True)
class Conversion:
    source: Path
    output: Path | None  # None when it failed
    problem: str = ""


class Converter(Protocol):
    def available(self) -> bool: ...

    def convert(self, sources: Sequence[Path], outdir: Path, to: str = "pdf") -> list[Conversion]: ...


def find_soffice() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def is_complete_pdf(path: Path) -> bool:
    """A PDF header at the start and an end-of-file marker near the end."""
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
            handle.seek(max(0, path.stat().st_size - 1024))
            tail = handle.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


def is_zip_package(path: Path) -> bool:
    return path.is_file() and zipfile.is_zipfile(path)


# Target format: LibreOffice's filter, and how to tell the output is whole.
TARGETS = {
    "pdf": ("pdf:writer_pdf_Export", is_complete_pdf),
    "docx": ("docx:MS Word 2007 XML", is_zip_package),
}


class LibreOffice:
    """One-shot ``soffice --convert-to pdf`` runs, several documents per run."""

    def __init__(self, soffice: str | None = None, timeout_s: float = 300.0, retries: int = 1):
        self.soffice = soffice or find_soffice()
        self.timeout_s = timeout_s
        self.retries = retries

    def available(self) -> bool:
        return self.soffice is not None

    def convert(self, sources: Sequence[Path], outdir: Path, to: str = "pdf") -> list[Conversion]:
        """Convert each source into ``outdir`` as ``<stem>.<to>``; a failed one has no ``output``."""
        filter_name, is_whole = TARGETS[to]
        outdir.mkdir(parents=True, exist_ok=True)
        pending = list(sources)
        results: dict[Path, Conversion] = {}
        for _attempt in range(1 + self.retries):
            if not pending:
                break
            problem = self._run(pending, outdir, filter_name)
            still = []
            for source in pending:
                pdf = outdir / f"{source.stem}.{to}"
                if is_whole(pdf):
                    results[source] = Conversion(source, pdf)
                else:
                    still.append(source)
                    results[source] = Conversion(source, None, problem or f"LibreOffice wrote no valid {to.upper()}")
            pending = still
        return [results[s] for s in sources]

    def _run(self, sources: Sequence[Path], outdir: Path, filter_name: str) -> str:
        """One soffice run; returns what went wrong, or "" (the PDFs are checked by the caller)."""
        if self.soffice is None:
            return "LibreOffice (soffice) is not installed"
        with tempfile.TemporaryDirectory(prefix="ccm-lo-profile-") as profile:
            args = [
                self.soffice, "--headless", "--invisible", "--nologo", "--norestore",
                "--nodefault", "--nolockcheck",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--convert-to", filter_name, "--outdir", str(outdir),
                *[str(s) for s in sources],
            ]
            env = dict(os.environ, SAL_USE_VCLPLUGIN="svp", HOME=profile)
            try:
                proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env=env, start_new_session=True)
            except OSError as exc:
                return f"LibreOffice could not start: {exc}"
            try:
                _out, err = proc.communicate(timeout=self.timeout_s)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                return f"LibreOffice did not finish within {self.timeout_s:.0f} s and was stopped"
            lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
            return lines[-1] if lines else ""
