"""What the command line shows while it works: a build's progress on a terminal, and the watch's lines.

On a terminal, a build draws one line on standard error, redrawn in place and cleared when it ends:

    [####----------------] document 2 of 4 · render · CCM/MSP/2025/3 · about 35 s left

When standard error is not a terminal (a pipe, a file, CI) nothing of it is written: no line, no
carriage return. The bar counts the build's units of work: each document made, then each PDF batch.
"""

from __future__ import annotations

import json
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import click

from pipeline.build.progress import Step
from pipeline.build.watch import Rebuild, watch
from pipeline.errors import Diagnostic, Severity
from pipeline.intake.files import display

BAR = 16  # characters of the bar
# Seconds per PDF batch until a build has been timed: one LibreOffice run, as measured on this toolchain
# (2.8 s for one Word file, 6.1 s for four on two instances).
BATCH_S = 4.0
MEMORY = "progress.json"  # in outputs/.cache: the times of the documents and PDF batches last built
DOCUMENT_STEPS = ("render", "verify", "export")


@dataclass(frozen=True)
class Timings:
    """What the display knows of time, in seconds."""

    current: float = 0.0  # since the document (or PDF batch) worked on now began
    finished: Mapping[str, float] = field(default_factory=dict)  # this build's documents made so far, by symbol
    remembered: Mapping[str, float] = field(default_factory=dict)  # each document's time when last built
    batch: float | None = None  # seconds per PDF batch, as last timed


def time_left(step: Step, timings: Timings) -> float | None:
    """The seconds left, or None when not known yet.

    While document i of n is made (begun c seconds ago), then the B PDF batches:

        left = max(e(d_i) - c, 0) + sum of e(d_j) for j > i + b * B

    where e(d) is the time document d took when last built, else the mean time of the documents this
    build has made so far (none for the first document of a build with nothing remembered: then there is
    no estimate), and b the seconds per PDF batch as last timed, else BATCH_S. During PDF batch k of B
    (begun c seconds ago): left = max(b - c, 0) + b * (B - k).
    """
    b = timings.batch if timings.batch is not None else BATCH_S
    if step.phase == "convert" and step.index:
        return max(b - timings.current, 0.0) + b * (len(step.batches) - step.index)
    if step.phase not in DOCUMENT_STEPS or not step.index:
        return None
    mean = sum(timings.finished.values()) / len(timings.finished) if timings.finished else None
    expected = [timings.remembered.get(symbol, mean) for symbol in step.documents[step.index - 1 :]]
    if any(e is None for e in expected):
        return None
    now, *rest = (float(e) for e in expected if e is not None)
    return max(now - timings.current, 0.0) + sum(rest) + b * len(step.batches)


def bar(step: Step) -> str | None:
    """``[####----]`` over the build's units of work (its documents, then its PDF batches), filled with
    those done; None before the documents are planned."""
    units = step.total + len(step.batches)
    if not units or step.phase not in (*DOCUMENT_STEPS, "convert", "publish"):
        return None
    done = {"convert": step.total + step.index - 1, "publish": units}.get(step.phase, step.index - 1)
    filled = BAR * max(done, 0) // units
    return f"[{'#' * filled}{'-' * (BAR - filled)}]"


def left_text(seconds: float) -> str:
    """Rounded up: to 5 s under a minute, to 10 s beyond; "a few seconds" under ten."""
    if seconds < 10:
        return "a few seconds left"
    if seconds < 60:
        return f"about {5 * math.ceil(seconds / 5)} s left"
    minutes, rest = divmod(10 * math.ceil(seconds / 10), 60)
    return f"about {minutes} min {rest} s left" if rest else f"about {minutes} min left"


def progress_line(step: Step, timings: Timings, width: int = 80) -> str:
    """The line drawn for ``step``, cut to ``width - 1`` characters (a full line would wrap)."""
    shown = bar(step)
    if step.phase in DOCUMENT_STEPS:
        parts = [f"{shown} document {step.index} of {step.total}", step.phase, step.symbol or ""]
    elif step.phase == "convert":
        files = f"{step.files} Word file{'s' if step.files != 1 else ''}"
        parts = [f"{shown} PDF {step.index} of {len(step.batches)}", "convert", f"{step.language}: {files}"]
    else:
        parts = [f"{shown} {step.phase}" if shown else step.phase]
    left = time_left(step, timings)
    if left is not None:
        parts.append(left_text(left))
    line = " · ".join(parts)
    return line if len(line) < width else line[: width - 2] + "…"


class TerminalProgress:
    """Draws each step on one line of ``stream`` (a terminal), redrawn every ``tick`` seconds so that the
    time left counts down; :meth:`close` clears the line and remembers the times in ``memory``. One
    display serves several builds in turn (the watch): each build's first step starts afresh."""

    def __init__(
        self, stream: TextIO, memory: Path | None = None, tick: float = 1.0, clock: Callable[[], float] = time.monotonic
    ):
        self.stream, self.memory, self.tick, self.clock = stream, memory, tick, clock
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._start()

    def _start(self) -> None:
        self.step: Step | None = None
        self.began = 0.0  # when the document or PDF batch worked on began
        self.finished: dict[str, float] = {}
        self.batches: list[float] = []
        self.drawn = 0  # characters on the line now
        self.remembered, self.batch = recall(self.memory)

    def __call__(self, step: Step) -> None:
        with self._lock:
            now = self.clock()
            if _unit(step) != _unit(self.step):
                self._finish(now)
                self.began = now
            self.step = step
            self._draw(now)
        if self._ticker is None:
            self._stop.clear()
            self._ticker = threading.Thread(target=self._tick, name="progress", daemon=True)
            self._ticker.start()

    def close(self) -> None:
        """Clear the line and remember this build's times; the next step starts a new build."""
        if self._ticker is not None:
            self._stop.set()
            self._ticker.join()
            self._ticker = None
        with self._lock:  # a document or batch still open was cut short: its time is no measure
            if self.drawn:
                self.stream.write("\r" + " " * self.drawn + "\r")
                self.stream.flush()
            remember(self.memory, self.finished, self.batches)
            self._start()

    def timings(self, now: float) -> Timings:
        batch = sum(self.batches) / len(self.batches) if self.batches else self.batch
        return Timings(now - self.began, dict(self.finished), self.remembered, batch)

    def _tick(self) -> None:
        while not self._stop.wait(self.tick):
            with self._lock:
                if self.step is not None:
                    self._draw(self.clock())

    def _finish(self, now: float) -> None:
        """The document or PDF batch worked on until ``now`` is done: its time is kept."""
        step = self.step
        if step is not None and step.phase in DOCUMENT_STEPS and step.symbol:
            self.finished[step.symbol] = now - self.began
        elif step is not None and step.phase == "convert":
            self.batches.append(now - self.began)

    def _draw(self, now: float) -> None:
        assert self.step is not None
        try:
            width = os.get_terminal_size(self.stream.fileno()).columns or 80  # 0: a terminal of unknown size
        except (OSError, ValueError):
            width = 80
        line = progress_line(self.step, self.timings(now), width)
        self.stream.write("\r" + line + " " * max(self.drawn - len(line), 0))
        self.stream.flush()
        self.drawn = len(line)


def _unit(step: Step | None) -> tuple[str, object]:
    """What a step works on: a document, a PDF batch, or a phase of its own."""
    if step is None:
        return ("", None)
    if step.phase in DOCUMENT_STEPS:
        return ("document", step.symbol)
    return (step.phase, step.index)


class Silent:
    """The display when standard error is not a terminal: nothing."""

    def __call__(self, step: Step) -> None:
        pass

    def close(self) -> None:
        pass


def progress_display(stream: TextIO, outputs_dir: Path | None) -> TerminalProgress | Silent:
    """A display on ``stream`` when it is a terminal, remembering times in the outputs' cache; else Silent."""
    if not stream.isatty():
        return Silent()
    return TerminalProgress(stream, outputs_dir / ".cache" / MEMORY if outputs_dir is not None else None)


def recall(memory: Path | None) -> tuple[dict[str, float], float | None]:
    """The times remembered: seconds per document by symbol, and per PDF batch."""
    try:
        data = json.loads(memory.read_text(encoding="utf-8")) if memory is not None else {}
        documents = {str(k): float(v) for k, v in data.get("documents", {}).items()}
        return documents, float(data["batch"]) if data.get("batch") is not None else None
    except (OSError, ValueError, TypeError, AttributeError):
        return {}, None  # no memory, or not one we can read: estimates start from this build


def remember(memory: Path | None, documents: Mapping[str, float], batches: list[float]) -> None:
    """Add this build's times to the memory; nothing when it timed nothing or the cache is not there."""
    if memory is None or not (documents or batches) or not memory.parent.parent.is_dir():
        return
    known, batch = recall(memory)
    data = {"documents": {**known, **documents}, "batch": sum(batches) / len(batches) if batches else batch}
    try:
        memory.parent.mkdir(exist_ok=True)
        memory.with_suffix(".tmp").write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        memory.with_suffix(".tmp").replace(memory)
    except OSError:
        pass  # only estimates are lost


# --- the watch's lines ------------------------------------------------------------------------------------


def worth_printing(diagnostics: Iterable[Diagnostic], printed: set[str]) -> list[Diagnostic]:
    """A rebuild's findings to print: every error, and those not ``printed`` already."""
    return [d for d in diagnostics if d.severity >= Severity.ERROR or str(d) not in printed]


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


def rebuild_line(rebuild: Rebuild) -> str:
    """One line per build of the watch:
    ``14:02:11 inputs/drafts/clearance/x.docx added → 1 document rebuilt, 0 errors, 2 warnings``."""
    what = ", ".join(f"{path} {kind}" for path, kind in rebuild.changes[:3])
    if len(rebuild.changes) > 3:
        what += f" and {len(rebuild.changes) - 3} more"
    head = f"{rebuild.at:%H:%M:%S} {what or 'first build'} →"
    if rebuild.result is None:
        error = rebuild.error
        return f"{head} {error}{' (findings above)' if error is not None and error.diagnostics else ''}"
    found = rebuild.result.diagnostics
    made = sum(1 for s in rebuild.result.documents if s.state.startswith("rebuilt"))
    errors = sum(1 for d in found if d.severity >= Severity.ERROR)
    warnings = sum(1 for d in found if d.severity == Severity.WARNING and not d.acknowledged)
    return (
        f"{head} {_count(made, 'document') + ' rebuilt' if made else 'nothing to rebuild'}, "
        f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
    )


def watch_options(command: Callable) -> Callable:
    """``ccm-report watch``'s own options: how long the folders must be still, and how often to look."""
    for option in reversed(
        [
            click.option(
                "--debounce",
                type=click.FloatRange(min=0.1),
                default=1.0,
                show_default=True,
                metavar="SECONDS",
                help="Build once no file has changed for this long: a burst of changes makes one build, and a "
                "file still being written is waited for.",
            ),
            click.option(
                "--interval",
                type=click.FloatRange(min=0.05),
                default=0.5,
                show_default=True,
                metavar="SECONDS",
                help="How often the folders are looked at.",
            ),
        ]
    ):
        command = option(command)
    return command


def follow(
    inputs_dir: Path, outputs_dir: Path, templates_dir: Path, *, final: bool, quiet_s: float, interval: float
) -> None:
    """``ccm-report watch``: each build's progress (on a terminal), its findings and its line, until Ctrl-C."""
    click.echo(
        f"watching {display(inputs_dir)}/ and {display(templates_dir)}/: a build now, then one after each change "
        "(Ctrl-C stops)"
    )
    printed: set[str] = set()  # what the last build that ran through found (and any failed one since)
    # Ctrl-C (SIGINT) and a service manager's stop (SIGTERM) end the watch the same way, even when it was
    # started from a job that ignores SIGINT (Python then installs no handler of its own).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with closing(progress_display(sys.stderr, outputs_dir)) as progress:
            builds = watch(
                inputs_dir,
                outputs_dir,
                templates_dir,
                final=final,
                quiet_s=quiet_s,
                interval=interval,
                progress=progress,
            )
            for rebuild in builds:
                progress.close()
                for finding in worth_printing(rebuild.diagnostics, printed):
                    click.echo(str(finding), err=True)
                seen = {str(d) for d in rebuild.diagnostics}
                printed = seen if rebuild.result is not None else printed | seen
                click.echo(rebuild_line(rebuild))
    except KeyboardInterrupt:
        click.echo("stopped watching")
