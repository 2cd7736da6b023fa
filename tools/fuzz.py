"""make fuzz: mutational fuzzing of intake, for a bounded time. Not part of make test.

For each kind of input (a Word draft, a Markdown draft, a workbook) it takes the
sample and corpus files as seeds, mutates them (bytes of the file, or bytes of
one XML part inside the package, re-zipped), and runs the pipeline's own intake
on each mutant as a build would. A diagnostic is the expected answer to bad
input; any other exception is a crash. Each crash is kept under
tests/fixtures/fuzz/, where tests/test_fuzz_regressions.py replays it in
make test. The mutations are drawn from a seeded generator: a run is reproducible
(FUZZ_SEED), a longer one goes further.

    FUZZ_SECONDS=120 FUZZ_SEED=2025 make fuzz
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.intake.inputs import read_data  # noqa: E402
from tools.fuzz_targets import TARGETS, run_target  # noqa: E402
from tools.fuzz_xliff import mutate_xliff  # noqa: E402

CRASHES = ROOT / "tests" / "fixtures" / "fuzz"


def seeds(suffix: str) -> list[bytes]:
    paths = sorted((ROOT / "tests" / "fixtures" / "drafts").glob(f"*{suffix}"))
    paths += sorted((ROOT / "inputs").rglob(f"*{suffix}"))
    return [p.read_bytes() for p in paths if p.stat().st_size < 2_000_000]


TOKENS = (
    b"<w:p>",
    b"</w:t>",
    b"<!DOCTYPE x>",
    b"&amp;",
    b"{{ 7*7 }}",
    b"[[x]]",
    b"\x00",
    b"\xff\xfe",
    b"<w:tbl>",
    b"]]>",
    b"<!--",
    b'<c r="A1" t="s"><v>99</v></c>',
    b'<row r="0">',
)


def mutant(rnd: random.Random, pool: list[bytes]) -> bytes:
    """A seed with a few mutations, to the file's bytes or to one XML part inside it (re-zipped)."""
    data = rnd.choice(pool)
    if b"<xliff" in data[:400] and rnd.random() < 0.7:  # a return's structure and codes, kept well-formed
        return mutate_xliff(rnd, data)
    if data[:2] == b"PK" and rnd.random() < 0.6:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts = {n: archive.read(n) for n in archive.namelist()}
        except (zipfile.BadZipFile, OSError, ValueError):
            return mutate(rnd, data)
        names = [n for n in parts if n.endswith(".xml")]
        if names:
            name = rnd.choice(names)
            parts[name] = mutate(rnd, parts[name])
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
                for part, content in parts.items():
                    archive.writestr(part, content)
            return out.getvalue()
    return mutate(rnd, data)


def mutate(rnd: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        if not data:
            data += rnd.randbytes(rnd.randint(1, 16))
            continue
        at = rnd.randrange(len(data))
        kind = rnd.choice(("flip", "insert", "delete", "truncate", "repeat", "token"))
        if kind == "flip":
            data[at] ^= rnd.randint(1, 255)
        elif kind == "insert":
            data[at:at] = rnd.randbytes(rnd.randint(1, 32))
        elif kind == "delete":
            del data[at : at + rnd.randint(1, 64)]
        elif kind == "truncate":
            del data[at:]
        elif kind == "repeat":
            data[at:at] = data[at : at + rnd.randint(1, 64)] * rnd.randint(2, 8)
        else:  # tokens that reach interesting code: markup, template syntax, entities
            data[at:at] = rnd.choice(TOKENS)
    return bytes(data)


def fuzz(name: str, suffix: str, seconds: float, context, seed: int) -> tuple[int, dict[str, str]]:
    pool = seeds(suffix)
    rnd = random.Random(seed)
    tried = 0
    crashes: dict[str, str] = {}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        data = mutant(rnd, pool)
        tried += 1
        try:
            run_target(name, data, context)
        except Exception as exc:  # noqa: BLE001 - a crash is what we are looking for
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            signature = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            if signature not in crashes:
                crashes[signature] = str(exc)[:200]
                CRASHES.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256(data).hexdigest()[:12]
                (CRASHES / f"{name}-{digest}{suffix}").write_bytes(data)
    return tried, crashes


def main() -> None:
    total = float(os.environ.get("FUZZ_SECONDS", "120"))
    data, _hashes, _problems = read_data(ROOT / "inputs" / "data")
    with tempfile.TemporaryDirectory(prefix="ccm-fuzz-") as scratch:
        context = {"scratch": Path(scratch), "schemas": None}
        print(f"fuzzing intake for {total:.0f} s")
        found = 0
        seed = int(os.environ.get("FUZZ_SEED", "2025"))
        for name, suffix, share in TARGETS:
            tried, crashes = fuzz(name, suffix, total * share, context, seed)
            found += len(crashes)
            print(f"  {name:<10} {tried:>6} inputs tried, {len(crashes)} unique crash(es)")
            for signature, message in crashes.items():
                print(f"    {signature}: {message}")
        print(f"{found} unique crash(es); crashing inputs are kept in {CRASHES.relative_to(ROOT)}/")
        del data
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
