"""Watching the inputs: a build at once, then another each time a file lands in, changes or leaves
``inputs/`` or ``templates/``.

The folders are looked at every ``interval`` seconds (a listing and a stat of each file: a few dozen
files, microseconds). A change is built once no file has changed for ``quiet`` seconds, so a burst of
changes (a folder copied in, Word's save) makes one build, and a file still being written (its size or
time still moving) is waited for. Looking, rather than being told by the system, works the same on a
network share and in a container, where changes made elsewhere send no notification. Files that are
not inputs are ignored: Word's and LibreOffice's lock files, editors' and browsers' temporary files,
hidden files.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.build.progress import Progress, quiet
from pipeline.build.run import BuildResult, build
from pipeline.errors import CcmReportError, Diagnostic
from pipeline.intake.files import display

# Word's lock (~$x.docx) and temporary (~WRL0001.tmp) files, LibreOffice's lock (.~lock.x.docx#, hidden),
# downloads in progress, editors' swap and backup files, vim's probe file.
TEMPORARY = ("~$*", "*.tmp", "*.part", "*.crdownload", "*.download", "*.swp", "*~", "4913")

Snapshot = Mapping[Path, tuple[int, int]]  # each file: (size in bytes, modification time in ns)


@dataclass(frozen=True)
class Rebuild:
    """One build of the watch: when it ran, what set it off, and what it gave."""

    at: dt.datetime  # local time, when the build began
    changes: tuple[tuple[str, str], ...]  # (path as shown, "added" | "changed" | "removed"); () for the first
    result: BuildResult | None  # None when the build stopped on an error
    error: CcmReportError | None = None

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.result.diagnostics if self.result is not None else getattr(self.error, "diagnostics", ())


def ignored(name: str) -> bool:
    """A file that is not an input: hidden, a lock file, a temporary file."""
    return name.startswith(".") or any(fnmatch.fnmatch(name, pattern) for pattern in TEMPORARY)


def snapshot(folders: tuple[Path, ...], skip: Path | None = None) -> dict[Path, tuple[int, int]]:
    """Every input file under ``folders`` with its size and time; hidden folders, __pycache__ and ``skip``
    (the outputs, should they be inside: the watch's own writing is no change) aside."""
    found: dict[Path, tuple[int, int]] = {}
    skipped = skip.resolve() if skip is not None else None
    for folder in folders:
        for root, subfolders, files in os.walk(folder):
            subfolders[:] = [
                d
                for d in subfolders
                if not d.startswith(".") and d != "__pycache__" and Path(root, d).resolve() != skipped
            ]
            for name in files:
                if ignored(name):
                    continue
                path = Path(root, name)
                try:
                    stat = path.stat()
                except OSError:  # gone since the listing
                    continue
                found[path] = (stat.st_size, stat.st_mtime_ns)
    return found


def differences(before: Snapshot, after: Snapshot) -> tuple[tuple[str, str], ...]:
    """What changed between two snapshots, by path: added, changed or removed."""
    changes = []
    for path in sorted(before.keys() | after.keys()):
        if path not in before:
            changes.append((display(path), "added"))
        elif path not in after:
            changes.append((display(path), "removed"))
        elif before[path] != after[path]:
            changes.append((display(path), "changed"))
    return tuple(changes)


def settled(
    look: Callable[[], Snapshot],
    first: Snapshot,
    *,
    quiet_s: float,
    interval: float,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Snapshot:
    """The folders once nothing in them has changed for ``quiet_s`` seconds, looked at every ``interval``."""
    current, still_since = first, clock()
    while clock() - still_since < quiet_s:
        sleep(interval)
        now = look()
        if now != current:
            current, still_since = now, clock()
    return current


def watch(
    inputs_dir: Path,
    outputs_dir: Path,
    templates_dir: Path,
    *,
    final: bool = False,
    quiet_s: float = 1.0,
    interval: float = 0.5,
    progress: Progress = quiet,
) -> Iterator[Rebuild]:
    """A build now, then one after each settled change; each :class:`Rebuild` as it is done. A build that
    stops on an error (bad inputs, another build holding the outputs) is given with its error, and the
    watch goes on. Runs until the caller stops (Ctrl-C)."""
    folders = (inputs_dir, templates_dir)

    def look() -> Snapshot:
        return snapshot(folders, skip=outputs_dir)

    seen = look()
    yield _rebuild((), inputs_dir, outputs_dir, templates_dir, final, progress)
    while True:
        time.sleep(interval)
        now = look()
        if now == seen:
            continue
        now = settled(look, now, quiet_s=quiet_s, interval=interval)
        # the snapshot before the build: a file changed while it runs sets off the next one
        changes, seen = differences(seen, now), now
        if changes:
            yield _rebuild(changes, inputs_dir, outputs_dir, templates_dir, final, progress)


def _rebuild(
    changes: tuple[tuple[str, str], ...],
    inputs_dir: Path,
    outputs_dir: Path,
    templates_dir: Path,
    final: bool,
    progress: Progress,
) -> Rebuild:
    at = dt.datetime.now()
    try:
        return Rebuild(at, changes, build(inputs_dir, outputs_dir, templates_dir, final=final, progress=progress))
    except CcmReportError as exc:
        return Rebuild(at, changes, None, exc)
