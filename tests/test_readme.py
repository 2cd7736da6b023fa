"""The README documents every key of meeting.yaml's declared schema."""

from pipeline.intake.meeting import MEETING_FILE, Mapping, Sequence
from tests.conftest import ROOT


def key_paths(kind, prefix=""):
    if isinstance(kind, Sequence):
        yield from key_paths(kind.item, prefix + "[]")
    elif isinstance(kind, Mapping):
        for name, key in kind.keys.items():
            path = f"{prefix}.{name}" if prefix else name
            children = list(key_paths(key.kind, path))
            yield from children or [path]
    # scalars end a path


def test_every_meeting_yaml_key_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    missing = []
    for path in key_paths(MEETING_FILE):
        parent, _, leaf = path.rpartition(".")
        if not any(f"`{path}`" in row or (f"`{parent}." in row and f"`.{leaf}`" in row) for row in rows):
            missing.append(path)
    assert missing == []
