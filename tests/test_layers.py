"""The house's rules, checked: stages depend only downward, and the model loads no parser."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARSERS = ("lxml", "docx", "docxtpl", "openpyxl", "pypandoc", "yaml", "babel", "jinja2")


def _loaded_by(module: str) -> set[str]:
    code = f"import sys, json, {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return {name.split(".")[0] for name in json.loads(out)}


def test_the_import_layers_contract_is_kept():
    """pyproject.toml's [tool.importlinter]: cli > build > stages > xliff > ooxml > locale > model > errors."""
    linter = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(linter), "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def test_importing_the_model_loads_no_parser():
    assert not _loaded_by("pipeline.model") & set(PARSERS)


def test_the_validation_rules_load_no_parser_of_drafts_or_workbooks():
    assert not _loaded_by("pipeline.validate.rules") & {"lxml", "docx", "docxtpl", "openpyxl", "pypandoc"}


def test_each_stage_is_a_package_named_for_its_place_in_the_flow():
    stages = {p.name for p in (ROOT / "pipeline").iterdir() if (p / "__init__.py").is_file()}
    assert {
        "model",
        "ooxml",
        "xliff",
        "locale",
        "intake",
        "validate",
        "compute",
        "render",
        "verify",
        "export",
        "publish",
    } <= stages
