"""For the tests of what a user sees while ccm-report works: a tiny project, and the real command run
under a pseudo-terminal (as in a terminal window) or through a pipe (as in CI), its output read as it comes."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from tests.conftest import TEMPLATES, Project, copy_project

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # any control character but tab and newline


def tiny_project(root: Path) -> Project:
    """The sample cut down to one document of one section (its introduction), no translations, no
    families: a build takes seconds."""
    return _one_section(root, {"id": "introduction", "coordinators": ["Philippines"]}, "Introduction", families=False)


def small_project(root: Path) -> Project:
    """The sample cut down to the progress report of one section (transparency: a Markdown draft, figures
    from the data) and the three extension analyses (made from the data alone, no draft), no translations:
    a report and documents that do not share its draft, built in seconds rather than the whole sample."""
    section = {"id": "transparency", "heading": "Transparency measures", "coordinators": ["Belgium"]}
    return _one_section(root, section, "Transparency", families=True)


def _one_section(root: Path, section: dict, chapter: str, *, families: bool) -> Project:
    """A copy of the sample whose report has only ``section`` (its draft, its coordinator's contact), no
    returned translations, and the families only when asked."""
    project = copy_project(root)
    meeting = project.meeting()
    report = meeting["documents"][0]
    report["chapters"] = [{"heading": chapter, "sections": [section]}]
    meeting["documents"] = [report]
    (state,) = section["coordinators"]
    meeting["coordinators"] = {state: meeting["coordinators"][state]}
    if not families:
        del meeting["families"]
    project.write_meeting(meeting)
    shutil.rmtree(project.inputs / "translations")
    for folder in (project.inputs / "drafts").iterdir():
        if folder.name != section["id"]:
            shutil.rmtree(folder)
    return project


def command(project: Project, *args: str) -> list[str]:
    """``ccm-report ARGS`` on the project, as the shell runs it."""
    where = ["--inputs", str(project.inputs), "--templates", str(TEMPLATES)]
    if args[0] in ("build", "watch"):
        where += ["--outputs", str(project.outputs)]
    return [sys.executable, "-m", "pipeline", *args, *where]


def _pseudo_terminals() -> bool:
    """Whether this machine can open a pseudo-terminal (a chroot or container without /dev/pts cannot)."""
    try:
        reader, writer = pty.openpty()
    except OSError:
        return False
    os.close(reader)
    os.close(writer)
    return True


TERMINALS = _pseudo_terminals()
NO_TERMINAL = "no pseudo-terminal can be opened here (/dev/pts is not mounted): what a terminal shows is not tested"


class Running:
    """A command running with its output (standard output and error together) read as it comes."""

    def __init__(self, args: list[str], cwd: Path, *, terminal: bool, columns: int = 120, as_a_job: bool = False):
        # as_a_job: started with SIGINT ignored, as a shell starts a job in the background (make test in CI)
        start = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if as_a_job else None
        if terminal:
            reader, writer = pty.openpty()
            fcntl.ioctl(writer, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
            self.proc = subprocess.Popen(args, cwd=cwd, stdin=writer, stdout=writer, stderr=writer, preexec_fn=start)
            os.close(writer)
        else:
            self.proc = subprocess.Popen(
                args,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                preexec_fn=start,
            )
            assert self.proc.stdout is not None
            reader = self.proc.stdout.fileno()
        self._fd, self._data, self._changed = reader, b"", threading.Condition()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._fd, 65536)
            except OSError:  # the terminal's other side closed
                chunk = b""
            with self._changed:
                self._data += chunk
                self._changed.notify_all()
            if not chunk:
                return

    @property
    def text(self) -> str:
        with self._changed:
            return self._data.decode("utf-8", "replace")

    def wait_for(self, pattern: str, timeout: float = 60, count: int = 1) -> str:
        """The output once ``pattern`` (a regular expression) has appeared ``count`` times."""
        end = time.monotonic() + timeout
        with self._changed:
            while len(re.findall(pattern, self._data.decode("utf-8", "replace"))) < count:
                left = end - time.monotonic()
                assert left > 0 and self._thread.is_alive(), f"no {pattern!r} in:\n{self.text}"
                self._changed.wait(left)
        return self.text

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        code = self.proc.wait(timeout)
        self._thread.join(timeout)
        return code, self.text


def lines(text: str) -> list[str]:
    """What the reader of a terminal sees at the end of each line: the last drawing after a carriage return."""
    return [line.rsplit("\r", 1)[-1].rstrip() for line in text.replace("\r\n", "\n").split("\n")]
