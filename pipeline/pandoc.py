"""The edge to pandoc: read a draft file into pandoc's JSON AST.

pandoc comes from the pypandoc-binary wheel, so no system pandoc is needed. Each
call is bounded by a time-out. Markdown is read without raw HTML or LaTeX so that
nothing in a draft is passed through as markup.
"""

from __future__ import annotations

import json
import subprocess
from functools import lru_cache
from pathlib import Path

from .errors import ToolMissing

READERS = {
    ".docx": "docx",
    ".odt": "odt",
    ".md": "markdown-raw_html-raw_tex-raw_attribute",
}
TIMEOUT_S = 60


class DraftUnreadable(Exception):
    """pandoc could not read the file; the message says why in the user's terms."""


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise ToolMissing(
            "pandoc is not available: run 'make report' (it installs pypandoc-binary "
            f"into .venv) ({exc})"
        ) from None


def read_ast(path: Path) -> dict:
    """Pandoc's AST of a draft, with tracked changes and comments left visible as spans.

    ``--track-changes=all`` marks insertions, deletions and comments as spans, so
    that the policy (accept, reject, fail) is applied, and counted, by our own code.
    """
    reader = READERS[path.suffix.lower()]
    args = [pandoc_path(), "--from", reader, "--to", "json", str(path)]
    if reader == "docx":
        args.insert(1, "--track-changes=all")
    try:
        done = subprocess.run(args, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise DraftUnreadable(f"reading took longer than {TIMEOUT_S} s; the file may be damaged") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"pandoc exit status {done.returncode}"
        raise DraftUnreadable(_explain(reason, path))
    return json.loads(done.stdout)


def _explain(reason: str, path: Path) -> str:
    lowered = reason.lower()
    if "zip" in lowered or "couldn't unpack" in lowered or "not a docx" in lowered:
        return (f"this is not a readable {path.suffix} file (it may be damaged, empty, "
                "password-protected or of another format); save it again from Word as .docx")
    return f"pandoc could not read it: {reason}"
