"""Publishing: move a finished build's files into ``outputs/`` in one step, with a manifest.

Every file is first written to a staging folder inside ``outputs/``; only when
all documents are complete does each document's folder replace the previous
one, by rename. A crash or a failed build before that leaves the previous
outputs as they were.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import OutputError


@contextmanager
def exclusive(outputs: Path) -> Iterator[None]:
    """Hold ``outputs/`` for one build; a second build at the same time stops with a clear message.

    Staging folders left by a build that was killed are removed once the lock is held.
    """
    try:
        outputs.mkdir(parents=True, exist_ok=True)
        handle = (outputs / ".lock").open("w")
    except OSError as exc:
        raise OutputError(
            f"{outputs}: cannot write the outputs here ({exc.strerror}); "
            "choose another folder with --outputs or fix its permissions"
        ) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(
                f"{outputs}: another build is writing these outputs; wait for it to finish and build again"
            ) from None
        for stale in outputs.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        handle.close()


def write(path: Path, data: bytes) -> None:
    """Write into the staging area; a full disk is an OutputError, not a traceback."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise OutputError(
            f"{path.parent}: the outputs cannot be written ({exc.strerror}); free some space "
            "or fix the folder's permissions; the previous outputs are kept"
        ) from None


def staging_area(outputs: Path) -> Path:
    """A fresh private folder inside ``outputs/`` (same file system, so renames are atomic)."""
    try:
        outputs.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".staging-", dir=outputs))
    except OSError as exc:
        raise OutputError(
            f"{outputs}: cannot write the outputs here ({exc.strerror}); "
            "choose another folder with --outputs or fix its permissions"
        ) from None


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def publish(staging: Path, outputs: Path, document_dirs: list[str], manifest: dict) -> None:
    """Replace each document's folder in ``outputs/`` by the staged one, then write the manifest."""
    try:
        for name in document_dirs:
            target = outputs / name
            previous = outputs / f".previous-{name}"
            if previous.exists():
                shutil.rmtree(previous)
            if target.exists():
                target.rename(previous)
            (staging / name).rename(target)
            shutil.rmtree(previous, ignore_errors=True)
        manifest_tmp = staging / "manifest.json"
        manifest_tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(manifest_tmp, outputs / "manifest.json")
    except OSError as exc:
        raise OutputError(
            f"{outputs}: could not move the new outputs into place ({exc}); the previous outputs are kept"
        ) from None
    finally:
        discard(staging)


def write_reports(outputs: Path, files: dict[str, str], log_name: str, log: str) -> None:
    """The build's status files (replaced whole) and its log (one per run, in outputs/logs/)."""
    try:
        for name, text in files.items():
            temporary = outputs / f".{name}.tmp"
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, outputs / name)
        if log_name:
            (outputs / "logs").mkdir(exist_ok=True)
            (outputs / "logs" / log_name).write_text(log, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{outputs}: the status could not be written ({exc.strerror})") from None


def output_name(symbol: str) -> str:
    """A file name from a document symbol: CCM/MSP/2025/7 -> CCM_MSP_2025_7."""
    return "".join(c if c.isalnum() or c in "-." else "_" for c in symbol)


def document_files(outputs: Path, document_id: str, language: str, symbol: str) -> tuple[Path, Path]:
    """A document's Word file and PDF in outputs/: ``<id>/<language>/<name>.docx`` and ``.pdf``."""
    docx = outputs / document_id / language / f"{output_name(symbol)}.docx"
    return docx, docx.with_suffix(".pdf")


def review_files(outputs: Path, document_id: str, language: str, symbol: str) -> tuple[Path, Path, Path]:
    """A document version's files for the Committee's review, apart from what goes to the UN (and from
    what is issued): ``<id>/review/<language>/<name>-review.docx`` (a comment on each figure from the
    data), ``-figures.html`` and ``-figures.json`` (each figure, where it stands, where it comes from)."""
    base = outputs / document_id / "review" / language / output_name(symbol)
    return (
        base.with_name(f"{base.name}-review.docx"),
        base.with_name(f"{base.name}-figures.html"),
        base.with_name(f"{base.name}-figures.json"),
    )


def read_manifest(outputs: Path) -> dict:
    """The last published build's documents (``manifest.json``), by id; {} when there is none."""
    try:
        documents = json.loads((outputs / "manifest.json").read_text(encoding="utf-8")).get("documents", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return documents if isinstance(documents, dict) else {}


def write_status(outputs: Path, data: dict, html: str, lines: list[str]) -> None:
    """outputs/status.json, outputs/status.html and this run's log in outputs/logs/."""
    moment = dt.datetime.now(dt.UTC)
    write_reports(
        outputs,
        {"status.json": json.dumps(data, indent=2, ensure_ascii=False) + "\n", "status.html": html},
        f"build-{moment:%Y%m%d-%H%M%S}.log",
        "\n".join([f"build at {moment:%Y-%m-%d %H:%M:%S} UTC"] + lines) + "\n",
    )


def replace_folder(outputs: Path, name: str, files: dict[str, bytes]) -> Path:
    """``outputs/<name>/`` replaced whole by ``files`` (file name -> bytes), written first to a staging
    folder: the new set takes the old one's place only when every file is written, so a failure leaves
    the previous set as it was. Returns the folder."""
    target = outputs / name
    staging = staging_area(outputs)
    try:
        for file, data in files.items():
            write(staging / name / file, data)
        (staging / name).mkdir(exist_ok=True)  # an empty set replaces the old one too
        previous = outputs / f".previous-{name}"
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            target.rename(previous)
        (staging / name).rename(target)
        shutil.rmtree(previous, ignore_errors=True)
    except OSError as exc:
        raise OutputError(
            f"{target}: could not put the new files in place ({exc}); the previous ones are kept"
        ) from None
    finally:
        discard(staging)
    return target
