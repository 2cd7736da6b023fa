"""Shared fixtures: copies of the sample project, and readers for what a user sees.

Tests work on copies of ``inputs/`` in a temporary folder, so the shipped
sample is never touched, and run the real pandoc and the real LibreOffice.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_INPUTS = ROOT / "inputs"
TEMPLATES = ROOT / "templates"


# Fixtures that build with LibreOffice: a test that uses one (directly or through another fixture) is
# marked ``libreoffice`` and left out of ``make check``.
BUILDS = {"sample_build", "built_project", "small_build", "small_built_project"}


@pytest.fixture(scope="session", autouse=True)
def pandoc_readings(tmp_path_factory):
    """One folder of pandoc's readings for the session (per worker): every draft is still read by the
    real pandoc once per session, and the many checks of the same sample drafts reuse that reading."""
    import os

    from pipeline.intake.pandoc import SHARED_CACHE

    before = os.environ.get(SHARED_CACHE)
    os.environ[SHARED_CACHE] = str(tmp_path_factory.mktemp("pandoc-readings") / "pandoc")
    yield
    if before is None:
        os.environ.pop(SHARED_CACHE, None)
    else:
        os.environ[SHARED_CACHE] = before


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if BUILDS & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.libreoffice)


@dataclass
class Project:
    root: Path

    @property
    def inputs(self) -> Path:
        return self.root / "inputs"

    @property
    def outputs(self) -> Path:
        return self.root / "outputs"

    @property
    def meeting_path(self) -> Path:
        return self.inputs / "meeting.yaml"

    def meeting(self) -> dict:
        return yaml.safe_load(self.meeting_path.read_text(encoding="utf-8"))

    def write_meeting(self, data: dict) -> None:
        self.meeting_path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    def clear_drafts(self, section: str) -> Path:
        folder = self.inputs / "drafts" / section
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder

    def docx(self, doc_id: str = "progress-report", lang: str = "en") -> Path:
        return next((self.outputs / doc_id / lang).glob("*.docx"))

    def pdf(self, doc_id: str = "progress-report", lang: str = "en") -> Path:
        return next((self.outputs / doc_id / lang).glob("*.pdf"))

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        """Run the real command line, as a user would, from the project folder."""
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pipeline",
                *args,
                "--inputs",
                str(self.inputs),
                *(["--outputs", str(self.outputs)] if args and args[0] == "build" else []),
                "--templates",
                str(TEMPLATES),
            ],
            capture_output=True,
            text=True,
            cwd=self.root,
            timeout=600,
        )


def copy_project(target: Path) -> Project:
    shutil.copytree(SAMPLE_INPUTS, target / "inputs")
    return Project(target)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A private copy of the sample inputs, with an empty outputs folder."""
    return copy_project(tmp_path)


def _built_once(tmp_path_factory, worker_id: str, name: str, make) -> Project:
    """A project made by ``make(folder)`` and built once per test run: the first worker that needs it
    builds it, under a lock, and the others wait for it and read the same folder (two builds at once
    on two cores cost each other as much as building twice). Tests never change it."""
    import fcntl

    from pipeline.build import build

    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    folder = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (folder / "built").exists():
            shutil.rmtree(folder, ignore_errors=True)  # a build a failed worker left half done
            built = make(folder)
            build(built.inputs, built.outputs, TEMPLATES)
            (folder / "built").write_text("built whole\n", encoding="utf-8")
    return Project(folder)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory, worker_id: str) -> Project:
    """The shipped sample built once per test run with the real pandoc and LibreOffice. A test that
    rebuilds works on ``built_project``, a private copy."""
    return _built_once(tmp_path_factory, worker_id, "sample-build", copy_project)


@pytest.fixture(scope="session")
def small_build(tmp_path_factory, worker_id: str) -> Project:
    """The sample cut down (tests/terminal.py ``small_project``: the progress report's transparency
    section and the three extension analyses, no translations) built once per test run: the tests of a
    mechanism (rebuild reasons, faults) rebuild this in seconds rather than the whole sample."""
    from tests.terminal import small_project

    return _built_once(tmp_path_factory, worker_id, "small-build", small_project)


def _copy_built(source: Project, target: Path) -> Project:
    shutil.copytree(source.inputs, target / "inputs")
    shutil.copytree(source.outputs, target / "outputs", symlinks=True)
    return Project(target)


@pytest.fixture
def built_project(tmp_path: Path, sample_build: Project) -> Project:
    """A private copy of the sample already built (inputs, outputs and the build's cache): a test of
    a rebuild starts from here instead of paying for a cold build of its own."""
    return _copy_built(sample_build, tmp_path)


@pytest.fixture
def small_built_project(tmp_path: Path, small_build: Project) -> Project:
    """A private copy of ``small_build`` (inputs, outputs and the build's cache), to rebuild."""
    return _copy_built(small_build, tmp_path)


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file's hash, hidden folders (the build's cache) aside."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def pdf_text(path: Path, *, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def docx_part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")
