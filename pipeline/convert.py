"""Conversion by LibreOffice (Word to PDF; legacy drafts to .docx), behind one small interface.

The design follows what was measured on this toolchain (README, "PDF"): most of
a one-shot ``soffice`` run is LibreOffice starting (about 1.4 s of 1.6 s for a
10-page report), and two instances with separate profiles convert in parallel
at the cost of one. So the converter keeps a pool of instances, one per core,
each with its own private profile (never the user's; kept between builds, since
a fresh profile costs another 0.4 s to create), and gives each instance a batch
of documents in one run.

``soffice`` exits 0 even when a conversion fails, so each output is checked (it
exists, and is a whole PDF or .docx). A batch that hangs is stopped at its
time-out; whatever it did not finish is retried one document at a time, each
on a fresh instance, and what still fails is reported by name while the other
documents are kept.
"""

from __future__ import annotations

import ctypes
import fcntl
import json
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pipeline.versions import remembered

CANDIDATES = ("soffice", "libreoffice")


@dataclass(frozen=True)
class Conversion:
    source: Path
    output: Path | None  # None when it failed
    problem: str = ""
    retried: bool = False  # converted (or failed) on a second, fresh instance


class Converter(Protocol):
    def available(self) -> bool: ...

    def convert(
        self, sources: Sequence[Path], outdir: Path, to: str = "pdf", options: Mapping[str, object] | None = None
    ) -> list[Conversion]: ...


def find_soffice() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def office_binary(soffice: str) -> str:
    """LibreOffice's own program (``soffice.bin``) beside the ``soffice`` launcher, when there is one.

    The launcher forks the program, which would then outlive a killed build;
    run directly, it dies with the build (see _die_with_parent).
    """
    program = Path(os.path.realpath(soffice)).with_name("soffice.bin")
    return str(program) if program.is_file() and os.access(program, os.X_OK) else soffice


def soffice_version(soffice: str, memo: Path | None = None) -> str:
    """LibreOffice's version ("7.4.7.2"), as ``soffice --version`` says it. Asking starts LibreOffice
    (about 0.6 s), so the answer is remembered in ``memo`` while the launcher and soffice.bin are the
    same files (:func:`pipeline.versions.remembered`)."""

    def ask() -> str:
        try:
            done = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return "unknown"
        words = done.stdout.split()  # "LibreOffice 7.4.7.2 40(Build:2)"
        return words[1] if len(words) > 1 and words[0] == "LibreOffice" else (done.stdout.strip() or "unknown")

    return remembered(memo, "LibreOffice", [soffice, office_binary(soffice)], ask)


RESTART = 81  # soffice.bin asks to be started again after it has made a new profile


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


def is_ole_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    except OSError:
        return False


# Target format: LibreOffice's filter, and how to tell the output is whole.
TARGETS = {
    "pdf": ("pdf:writer_pdf_Export", is_complete_pdf),
    "docx": ("docx:MS Word 2007 XML", is_zip_package),
    "doc": ("doc:MS Word 97", is_ole_file),  # legacy Word, for tests that need a real one
}


def pdf_options(archive: bool = False, tagged: bool = True) -> dict[str, object]:
    """LibreOffice PDF export options: PDF/A-2b for archiving, tagged PDF for accessibility."""
    options: dict[str, object] = {"UseTaggedPDF": tagged, "ExportBookmarks": True}
    if archive:
        options["SelectPdfVersion"] = 2  # PDF/A-2b
    return options


def filter_spec(base: str, options: Mapping[str, object] | None) -> str:
    """``pdf:writer_pdf_Export:{...}``: the filter with its options in LibreOffice's JSON form (7.4+)."""
    if not options:
        return base
    typed = {
        key: {
            "type": "boolean" if isinstance(v, bool) else "long" if isinstance(v, int) else "string",
            "value": str(v).lower() if isinstance(v, bool) else str(v),
        }
        for key, v in options.items()
    }
    return f"{base}:{json.dumps(typed, separators=(',', ':'))}"


def profile_home() -> Path:
    """Where the pool keeps its private LibreOffice profiles (XDG cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ccm-report" / "libreoffice"


# Settings every profile starts with: no macro from a document ever runs (security level
# "very high", and macro execution disabled outright).
SEALED_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" \
oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


def _die_with_parent() -> None:
    """In the child, before LibreOffice starts: be killed when the build dies, even by SIGKILL.

    LibreOffice runs in a session of its own (so that a time-out can stop all of it);
    without this, a killed build would leave it running on a profile the next build uses.
    """
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: a time-out still stops a stray instance


def seal(profile: Path) -> None:
    """Write the no-macros settings into a LibreOffice profile (again, should it have lost them)."""
    settings = profile / "user" / "registrymodifications.xcu"
    try:
        current = settings.read_text(encoding="utf-8")
    except OSError:
        current = ""
    if "DisableMacrosExecution" in current and ">true<" in current.split("DisableMacrosExecution", 1)[1][:80]:
        return
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(SEALED_SETTINGS, encoding="utf-8")


class LibreOffice:
    """A pool of LibreOffice instances, each with its own profile, each converting a batch per run."""

    def __init__(
        self,
        soffice: str | None = None,
        instances: int | None = None,
        timeout_s: float = 120.0,
        per_document_s: float = 60.0,
        retries: int = 1,
        profiles: Path | None = None,
    ):
        self.soffice = soffice or find_soffice()
        self.instances = max(1, instances or min(os.cpu_count() or 1, 4))
        self.timeout_s = timeout_s
        self.per_document_s = per_document_s
        self.retries = retries
        self.profiles = profiles or profile_home()

    def available(self) -> bool:
        return self.soffice is not None

    def convert(
        self, sources: Sequence[Path], outdir: Path, to: str = "pdf", options: Mapping[str, object] | None = None
    ) -> list[Conversion]:
        """Convert each source into ``outdir`` as ``<stem>.<to>``; a failed one has no ``output``."""
        base, is_whole = TARGETS[to]
        spec = filter_spec(base, options)
        outdir.mkdir(parents=True, exist_ok=True)
        results: dict[Path, Conversion] = {}
        batches = self._batches(list(sources))
        with ThreadPoolExecutor(max_workers=len(batches) or 1) as pool:
            problems = list(pool.map(lambda job: self._run(job[1], outdir, spec, slot=job[0]), enumerate(batches)))
        pending: list[tuple[Path, str]] = []
        for batch, problem in zip(batches, problems, strict=True):
            for source in batch:
                if is_whole(outdir / f"{source.stem}.{to}"):
                    results[source] = Conversion(source, outdir / f"{source.stem}.{to}")
                else:
                    pending.append((source, problem))
        for _attempt in range(self.retries):
            if not pending:
                break
            # One document per fresh instance: a document that hangs or crashes LibreOffice
            # then fails alone.
            with ThreadPoolExecutor(max_workers=self.instances) as pool:
                problems = list(pool.map(lambda item: self._run([item[0]], outdir, spec, slot=None), pending))
            still = []
            for (source, _old), problem in zip(pending, problems, strict=True):
                if is_whole(outdir / f"{source.stem}.{to}"):
                    results[source] = Conversion(source, outdir / f"{source.stem}.{to}", retried=True)
                else:
                    still.append((source, problem))
            pending = still
        for source, problem in pending:
            results[source] = Conversion(
                source, None, problem or f"LibreOffice wrote no valid {to.upper()}", retried=self.retries > 0
            )
        return [results[s] for s in sources]

    def _batches(self, sources: list[Path]) -> list[list[Path]]:
        """Documents spread over the instances, largest first, each to the least loaded."""
        count = min(self.instances, len(sources))
        batches: list[list[Path]] = [[] for _ in range(count)]
        loads = [0] * count
        for source in sorted(sources, key=lambda p: -(p.stat().st_size if p.exists() else 0)):
            slot = loads.index(min(loads))
            batches[slot].append(source)
            loads[slot] += source.stat().st_size if source.exists() else 0
        return [b for b in batches if b]

    @contextmanager
    def _profile(self, slot: int | None) -> Iterator[Path]:
        with self._profile_dir(slot) as profile:
            seal(profile)
            yield profile

    @contextmanager
    def _profile_dir(self, slot: int | None) -> Iterator[Path]:
        """The slot's kept profile when no other build holds it; else, or for a retry, a fresh one."""
        if slot is not None:
            try:
                self.profiles.mkdir(parents=True, exist_ok=True)
                lock = (self.profiles / f"slot-{slot}.lock").open("w")
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                lock = None
            if lock is not None:
                try:
                    yield self.profiles / f"slot-{slot}"
                finally:
                    lock.close()
                return
        with tempfile.TemporaryDirectory(prefix="ccm-lo-profile-") as fresh:
            yield Path(fresh)

    def _run(self, sources: Sequence[Path], outdir: Path, filter_name: str, slot: int | None) -> str:
        """One soffice run over a batch; returns what went wrong, or "" (outputs are checked by the caller)."""
        if self.soffice is None:
            return "LibreOffice (soffice) is not installed"
        with self._profile(slot) as profile:
            args = [
                office_binary(self.soffice),
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                "--nolockcheck",
                f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to",
                filter_name,
                "--outdir",
                str(outdir),
                *[str(s) for s in sources],
            ]
            env = dict(os.environ, SAL_USE_VCLPLUGIN="svp", HOME=str(profile))
            limit = self.timeout_s + self.per_document_s * (len(sources) - 1)
            for _start in range(2):  # a new profile costs one restart
                try:
                    proc = subprocess.Popen(
                        args,
                        stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE,
                        env=env,
                        start_new_session=True,
                        preexec_fn=_die_with_parent,
                    )
                except OSError as exc:
                    return f"LibreOffice could not start: {exc}"
                try:
                    _out, err = proc.communicate(timeout=limit)
                except subprocess.TimeoutExpired:
                    break
                if proc.returncode != RESTART:
                    break
            if proc.returncode is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                if slot is not None:  # a profile left by a killed instance is not trusted again
                    shutil.rmtree(profile, ignore_errors=True)
                return f"LibreOffice did not finish within {limit:.0f} s and was stopped"
            if proc.returncode < 0:
                if slot is not None:
                    shutil.rmtree(profile, ignore_errors=True)
                return f"LibreOffice stopped (signal {-proc.returncode})"
            lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
            return lines[-1] if lines else ""
