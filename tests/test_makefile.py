"""The make targets a user reaches for: each exists, says what it does, and clean keeps the environment."""

import subprocess

from tests.conftest import ROOT


def _make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-C", str(ROOT), *args], capture_output=True, text=True)


def test_help_lists_the_yearly_targets():
    listed = _make("help").stdout
    for target in (
        "report",
        "validate",
        "final",
        "status",
        "issue",
        "translations",
        "new-meeting",
        "remind",
        "distclean",
    ):
        assert f"make {target} " in listed, target


def test_clean_keeps_the_virtual_environment_and_distclean_removes_it():
    assert ".venv" not in _make("-n", "clean").stdout
    assert "rm -rf .venv" in _make("-n", "distclean").stdout


def test_issue_and_translations_say_what_they_need():
    done = _make("issue")
    assert done.returncode != 0 and "make issue SYMBOL=CCM/MSP/2025/7" in done.stdout
    done = _make("translations")
    assert done.returncode != 0 and "make translations FILES=" in done.stdout
    assert '"CCM/MSP/2025/7"' in _make("-n", "issue", "SYMBOL=CCM/MSP/2025/7").stdout
    forced = _make("-n", "issue", "SYMBOL=CCM/MSP/2025/7", "FORCE=the Bureau agreed").stdout
    assert '--force "the Bureau agreed"' in forced
