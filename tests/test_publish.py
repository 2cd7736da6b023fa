"""Publishing: a document's folder is replaced in one step, or not at all."""

import json

import pytest

from pipeline.errors import OutputError
from pipeline.publish.outputs import publish, staging_area


def test_a_published_build_replaces_the_previous_document_and_leaves_no_staging(tmp_path):
    outputs = tmp_path / "outputs"
    (outputs / "report" / "en").mkdir(parents=True)
    (outputs / "report" / "en" / "old.docx").write_text("old")
    (outputs / "other").mkdir()
    staging = staging_area(outputs)
    (staging / "report" / "en").mkdir(parents=True)
    (staging / "report" / "en" / "new.docx").write_text("new")
    publish(staging, outputs, ["report"], {"documents": {"report": {}}})
    assert sorted(p.name for p in outputs.iterdir()) == ["manifest.json", "other", "report"]
    assert [p.name for p in (outputs / "report" / "en").iterdir()] == ["new.docx"]
    assert json.loads((outputs / "manifest.json").read_text()) == {"documents": {"report": {}}}
    assert not staging.exists()


def test_an_outputs_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    blocker = tmp_path / "outputs"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(OutputError) as caught:
        staging_area(blocker)
    assert "cannot write the outputs here" in str(caught.value)
