"""The edge to pandoc: read a draft file into pandoc's JSON AST.

pandoc comes from the pypandoc-binary wheel, so no system pandoc is needed. Each
call is bounded by a time-out. Raw HTML in Markdown is recognised, so that
normalisation can drop it: nothing in a draft is ever passed through as markup.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from pipeline.errors import ToolMissing
from pipeline.versions import MEMO, remembered

READERS = {
    ".docx": "docx",
    ".odt": "odt",
    # Raw HTML is recognised (so comments and tags vanish, as a Markdown author expects) and
    # then dropped by normalisation; it is never passed through. No TeX, no divs or spans.
    ".md": "markdown-raw_tex-raw_attribute-native_divs-native_spans",
}
TIMEOUT_S = 60


# A folder of pandoc's readings to share between runs that have no outputs folder of their own
# (``ccm-report validate``, a test session); the build keeps its own in outputs/.cache/pandoc.
SHARED_CACHE = "CCM_REPORT_PANDOC_CACHE"


def shared_cache() -> Path | None:
    """The folder named by the environment variable ``CCM_REPORT_PANDOC_CACHE``, if it is set."""
    value = os.environ.get(SHARED_CACHE, "").strip()
    return Path(value) if value else None


class DraftUnreadable(Exception):
    """pandoc could not read the file; the message says why in the user's terms."""


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise ToolMissing(
            f"pandoc is not available: run 'make report' (it installs pypandoc-binary into .venv) ({exc})"
        ) from None


def pandoc_candidates() -> list[str]:
    """The files pypandoc chooses pandoc among (pypandoc's ``_ensure_pandoc_path``: $PYPANDOC_PANDOC
    alone, or pandoc on the PATH, the wheel's own, ~/bin, ~/.bin, the environment's bin), found
    without importing pypandoc (0.1 s): while none of them changes, its choice cannot."""
    override = os.environ.get("PYPANDOC_PANDOC")
    if override:
        return [override]
    found = [shutil.which("pandoc") or ""]
    spec = importlib.util.find_spec("pypandoc")
    if spec is not None and spec.origin:
        found.append(os.path.join(os.path.dirname(os.path.realpath(spec.origin)), "files", "pandoc"))
    return found + ["~/bin/pandoc", "~/.bin/pandoc", os.path.join(sys.exec_prefix, "bin", "pandoc")]


def pandoc_version(memo: Path | None = None) -> str:
    """pandoc's version ("3.9"), as ``pandoc --version`` says it; remembered in ``memo`` while the
    candidates' files are unchanged (:func:`pipeline.versions.remembered`), so it is asked once."""
    return remembered(memo, "pandoc", pandoc_candidates(), _ask_version)


def _ask_version() -> str:
    try:
        done = subprocess.run(
            [pandoc_path(), "--version"], capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolMissing(f"pandoc does not answer 'pandoc --version' ({exc})") from None
    first = done.stdout.splitlines()[0].split() if done.stdout.strip() else []
    return first[1] if len(first) > 1 and first[0] == "pandoc" else (" ".join(first) or "unknown")


def read_ast(
    path: Path, media_limit: int = 50 * 1024 * 1024, cache: Path | None = None
) -> tuple[dict, dict[str, bytes]]:
    """Pandoc's AST of a draft and its images, from ``cache`` when this very file was read before.

    The cache is keyed by the file's content, the reader and pandoc's version (remembered in
    the memo beside the cache, ``cache/../tools.json``), so a changed draft or another pandoc
    is read afresh.
    """
    reader = READERS[path.suffix.lower()]
    cache = cache or shared_cache()
    if cache is None:
        return _read_ast(path, reader, media_limit)
    digest = hashlib.sha256()
    digest.update(f"pandoc {pandoc_version(cache.parent / MEMO)}|{reader}|".encode())
    digest.update(path.read_bytes())
    entry = cache / digest.hexdigest()
    try:
        ast = json.loads((entry / "ast.json").read_text(encoding="utf-8"))
        index = json.loads((entry / "media.json").read_text(encoding="utf-8"))
        return ast, {target: (entry / name).read_bytes() for target, name in index.items()}
    except (OSError, ValueError):
        pass  # not cached yet, or damaged: read afresh
    ast, media = _read_ast(path, reader, media_limit)
    try:
        staging = Path(tempfile.mkdtemp(prefix=".entry-", dir=_made(cache)))
        names = {target: f"m{i}" for i, target in enumerate(sorted(media))}
        for target, name in names.items():
            (staging / name).write_bytes(media[target])
        (staging / "media.json").write_text(json.dumps(names), encoding="utf-8")
        (staging / "ast.json").write_text(json.dumps(ast), encoding="utf-8")
        staging.rename(entry)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return ast, media


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _read_ast(path: Path, reader: str, media_limit: int) -> tuple[dict, dict[str, bytes]]:
    """Pandoc's AST of a draft, and the bytes of the images it refers to (by their path in the AST).

    ``--track-changes=all`` marks insertions, deletions and comments as spans, so
    that the policy (accept, reject, fail) is applied, and counted, by our own code.
    Images are extracted to a private folder that is gone when this returns.
    """
    with tempfile.TemporaryDirectory(prefix="ccm-media-") as media_dir:
        args = [pandoc_path(), "--from", reader, "--to", "json", f"--extract-media={media_dir}", str(path.resolve())]
        if reader == "docx":
            args.insert(1, "--track-changes=all")
        try:
            done = subprocess.run(args, capture_output=True, timeout=TIMEOUT_S, check=False, cwd=media_dir)
        except subprocess.TimeoutExpired:
            raise DraftUnreadable(f"reading took longer than {TIMEOUT_S} s; the file may be damaged") from None
        if done.returncode != 0:
            # The first line says what went wrong; the rest is pandoc's own call stack.
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = detail[0] if detail else f"pandoc exit status {done.returncode}"
            raise DraftUnreadable(_explain(reason, path))
        media: dict[str, bytes] = {}
        total = 0
        for file in sorted(Path(media_dir).rglob("*")):
            if file.is_file() and not file.is_symlink():
                total += file.stat().st_size
                if total > media_limit:
                    raise DraftUnreadable(
                        f"its images take more than {media_limit // 2**20} MB; reduce them and send the draft again"
                    )
                media[str(file)] = file.read_bytes()
        return json.loads(done.stdout), media


def _explain(reason: str, path: Path) -> str:
    lowered = reason.lower()
    if "zip" in lowered or "couldn't unpack" in lowered or "not a docx" in lowered:
        return (
            f"this is not a readable {path.suffix} file (it may be damaged, empty, "
            "password-protected or of another format); save it again from Word as .docx"
        )
    return f"pandoc could not read it: {reason}"
