"""Every crash make fuzz ever found, replayed: each input now gets diagnostics, not an exception."""

from pathlib import Path

import pytest

from tools.fuzz_targets import run_target

CRASHES = sorted((Path(__file__).parent / "fixtures" / "fuzz").glob("*-*.*"))


@pytest.mark.parametrize("crash", CRASHES, ids=[c.name for c in CRASHES])
def test_a_former_crash_is_answered_with_diagnostics(crash, tmp_path):
    target = crash.name.split("-", 1)[0]
    problems = run_target(target, crash.read_bytes(), {"scratch": tmp_path, "schemas": None})
    assert all(p.message for p in problems)
    if target == "xlsx":
        assert problems, "a damaged workbook must be named"


def test_the_regressions_are_there():
    assert len(CRASHES) >= 5
